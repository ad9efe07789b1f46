//! Integer expressions (indices, loop bounds, integer arguments) and conditions.
//!
//! Every integer expression carries the largest value it can take, so an index is in bounds
//! by construction: `i` only where `i` stays below the length, `i % 3` anywhere.

use super::Gen;
use super::ast::*;
use rand::RngExt;

fn int(text: impl Into<String>, max: usize) -> IntExpr {
    IntExpr { text: text.into(), max }
}

impl Gen<'_> {
    /// An index below `len`.
    pub fn index(&mut self, len: usize) -> IntExpr {
        let ints: Vec<_> = self.scope.ints().into_iter().cloned().collect();
        let fitting: Vec<_> = ints.iter().filter(|v| v.max < len).collect();
        match self.rng.random_range(0..6) {
            // `u + v` and `v + 2`: the offset forms whose reverse loops index through views.
            5 if !fitting.is_empty() => {
                let v = fitting[self.rng.random_range(0..fitting.len())];
                let room = len - 1 - v.max;
                let offsets: Vec<_> = ints.iter().filter(|u| u.max <= room).collect();
                let (offset, max) = match offsets.get(self.rng.random_range(0..offsets.len().max(1))) {
                    Some(u) if self.rng.random_bool(0.6) => (u.name.clone(), u.max),
                    _ => {
                        let k = self.rng.random_range(0..=room);
                        (k.to_string(), k)
                    }
                };
                let text = if self.rng.random_bool(0.5) {
                    format!("{offset} + {}", v.name)
                } else {
                    format!("{} + {offset}", v.name)
                };
                int(text, v.max + max)
            }
            0 | 1 if !fitting.is_empty() => {
                let v = fitting[self.rng.random_range(0..fitting.len())];
                int(v.name.clone(), v.max)
            }
            2 if !fitting.is_empty() => {
                let v = fitting[self.rng.random_range(0..fitting.len())];
                int(format!("{} - {}", len - 1, v.name), len - 1)
            }
            3 if !ints.is_empty() => {
                let v = &ints[self.rng.random_range(0..ints.len())];
                let shift = self.rng.random_range(0..3);
                let text =
                    if shift == 0 { format!("{} % {len}", v.name) } else { format!("({} + {shift}) % {len}", v.name) };
                int(text, len - 1)
            }
            _ => {
                let k = self.rng.random_range(0..len);
                int(k.to_string(), k)
            }
        }
    }

    /// An integer of at most `max`: a literal, a variable known to fit, or a remainder.
    pub fn small_int(&mut self, max: usize) -> IntExpr {
        let ints: Vec<_> = self.scope.ints().into_iter().cloned().collect();
        let fitting: Vec<_> = ints.iter().filter(|v| v.max <= max).collect();
        match self.rng.random_range(0..4) {
            0 | 1 if !fitting.is_empty() => {
                let v = fitting[self.rng.random_range(0..fitting.len())];
                int(v.name.clone(), v.max)
            }
            2 if !ints.is_empty() && max > 0 => {
                let v = &ints[self.rng.random_range(0..ints.len())];
                int(format!("{} % {}", v.name, max + 1), max)
            }
            _ => {
                let k = self.rng.random_range(0..=max);
                int(k.to_string(), k)
            }
        }
    }

    /// An upper bound of a loop: a literal, an integer in scope (including an outer loop's
    /// variable, for triangular loops), a slice's length, or one of those plus one.
    pub fn loop_bound(&mut self, budget: usize) -> IntExpr {
        let mut options: Vec<IntExpr> = (1..=4).map(|k| int(k.to_string(), k)).collect();
        options.extend(self.scope.ints().into_iter().filter(|v| v.max <= 5).map(|v| int(v.name.clone(), v.max)));
        options.extend(self.scope.slices().into_iter().map(|(_, s)| int(format!("{}.len()", s.name), s.len)));
        if let Some(v) = self.scope.ints().into_iter().find(|v| v.max <= 4) {
            options.push(int(format!("{} + 1", v.name), v.max + 1));
        }
        let fits: Vec<_> = options.into_iter().filter(|o| o.max <= budget.max(1)).collect();
        fits[self.rng.random_range(0..fits.len())].clone()
    }

    /// A condition: a comparison of floats (active), of integers (inactive), or both joined.
    pub fn cond(&mut self, depth: u32) -> Cond {
        if self.rng.random_bool(0.15) {
            let a = self.simple_cond(depth);
            // The right side of `&&`/`||` may not run: no closure calls there (they are
            // evaluated before the condition, lower/conditions.rs, so the macro refuses them).
            self.short_circuit += 1;
            let b = self.simple_cond(depth);
            self.short_circuit -= 1;
            return if self.rng.random_bool(0.5) {
                Cond::And(a.into(), b.into())
            } else {
                Cond::Or(a.into(), b.into())
            };
        }
        self.simple_cond(depth)
    }

    fn simple_cond(&mut self, depth: u32) -> Cond {
        if self.features.option_results && self.rng.random_bool(0.08) {
            let opts = self.scope.opts();
            if let Some(o) = opts.get(self.rng.random_range(0..opts.len().max(1))) {
                let name = o.name.clone();
                return Cond::IsSome(name, self.rng.random_bool(0.5));
            }
        }
        if self.rng.random_bool(0.35)
            && let Some(c) = self.int_cond()
        {
            return c;
        }
        self.float_cond(depth)
    }

    pub fn float_cond(&mut self, depth: u32) -> Cond {
        let cmp = [Cmp::Lt, Cmp::Le, Cmp::Gt, Cmp::Ge][self.rng.random_range(0..4)];
        self.in_cond += 1;
        let a = self.expr(depth);
        let b = if self.rng.random_bool(0.5) { self.literal() } else { self.expr(depth) };
        self.in_cond -= 1;
        Cond::Float(a.e, cmp, b.e)
    }

    /// A test of an integer in scope against a constant, or its parity.
    pub fn int_cond(&mut self) -> Option<Cond> {
        let ints = self.scope.ints();
        let v = ints.get(self.rng.random_range(0..ints.len().max(1)))?;
        let (name, max) = (v.name.clone(), v.max);
        // `< 0` and `>= 0` are always false or true (and rustc warns), so those get k >= 1.
        let k = self.rng.random_range(0..=max.max(1));
        let k1 = k.max(1);
        let text = match self.rng.random_range(0..5) {
            0 => format!("{name} < {k1}"),
            1 => format!("{name} > {k}"),
            2 => format!("{name} == {k}"),
            3 => format!("{name} % 2 == 0"),
            _ => format!("{name} >= {k1}"),
        };
        Some(Cond::Int(text))
    }
}
