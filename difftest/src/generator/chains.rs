//! Iterator chains: a source (`x.iter()`, `.copied()`, `.enumerate()`, `.zip(…)`, a range), an
//! optional `.map(|…| …)` and a reduction (`.sum()`, `.fold(…)`, `.collect()`), as the
//! macro lowers them to loops.
//!
//! The closure's parameters are bound in a scope of their own while its body is generated,
//! so the body reads them like any other binding (by reference where the item is one).

use super::Gen;
use super::ast::*;
use super::expr::Ex;
use super::scope::{Binding, FloatVar, IntVar, SliceVar};
use rand::RngExt;

/// What each item of a chain's source is.
enum Items {
    /// One float, by reference (`x.iter()`) or by value (`.copied()`)
    Float { by_ref: bool },
    /// `(usize, &F)` of `.enumerate()`
    Indexed,
    /// `(&F, &F)` of `.zip(…)`
    Pair,
    /// `usize` of a range
    Index,
}

/// A chain's source as text, what it yields and how many items.
struct Source {
    text: String,
    items: Items,
    len: usize,
    bound: f64,
}

impl Gen<'_> {
    /// `x.iter().sum::<f64>()` inside an expression.
    pub fn inline_sum(&mut self) -> Option<Ex> {
        if !self.features.inline_sum || self.generic {
            return None;
        }
        let seqs = self.summable();
        let s = seqs.get(self.rng.random_range(0..seqs.len().max(1)))?;
        Some(Ex { e: Expr::Sum(s.name.clone()), b: s.len as f64 * s.bound })
    }

    /// A float-valued chain: `.sum()` or `.fold(…)`.
    pub fn chain(&mut self, d: u32) -> Option<Ex> {
        // `T: backprop::Float` has `Sum<T>`, not `Sum<&T>`: no chains in generic functions.
        if !self.features.chains || self.generic || (self.closures > 0 && !self.features.nested_chains) {
            return None;
        }
        let source = self.source(true)?;
        let filter = self.filter(&source);
        if self.features.adaptors && self.rng.random_bool(0.12) {
            return Some(self.fold_max(source, filter, d));
        }
        if self.rng.random_bool(0.35) {
            return Some(self.fold(source, filter, d));
        }
        let product = self.features.filter_chains && self.rng.random_bool(0.25);
        let summable = self.summable().iter().any(|s| source.text.starts_with(&format!("{}.", s.name)));
        // A product's items are squashed into [-1.5, 1.5]: a product of five stays small.
        let bare = summable && (!product || source.bound <= 1.5);
        let (map, item_bound) = match source.items {
            Items::Float { .. } if bare && self.rng.random_bool(0.3) => (None, source.bound),
            _ => {
                let limit = if product { 1.5 } else { 4.0 };
                let (pattern, body) = self.closure_within(&source, d, limit);
                (Some((pattern, body.e)), body.b)
            }
        };
        let (b, end) = match product {
            true => (item_bound.max(1.0).powi(source.len as i32), ChainEnd::Product),
            false => (item_bound * source.len as f64, ChainEnd::Sum),
        };
        let chain = Chain { source: source.text, filter, map, end };
        Some(self.limit(Ex { e: Expr::Chain(Box::new(chain)), b }))
    }

    /// Sometimes `.filter(|pattern| c)` for `source`'s items: a comparison of an item (or an
    /// index) with a literal or an expression in scope.
    fn filter(&mut self, source: &Source) -> Option<(String, Cond)> {
        if !self.features.filter_chains || !self.rng.random_bool(0.3) {
            return None;
        }
        self.scope.push();
        // The predicate takes a reference to the item: `&&v` / `&v` of `x.iter()`, `&v` / `v`
        // of `.copied()`, `&(i, v)` of `.enumerate()`, `&(a, b)` of `.zip(…)`, `&i` of a range.
        let mut floats = Vec::new();
        let mut index = None;
        let mut float = |g: &mut Self, by_ref: bool| {
            let name = g.fresh("v");
            g.scope.add_float(FloatVar {
                name: name.clone(),
                mutable: false,
                bound: source.bound,
                by_ref,
                active: true,
                param: false,
            });
            floats.push((name.clone(), by_ref));
            name
        };
        let pattern = match source.items {
            Items::Float { by_ref: true } => match self.rng.random_bool(0.5) {
                true => format!("&&{}", float(self, false)),
                false => format!("&{}", float(self, true)),
            },
            Items::Float { by_ref: false } => match self.rng.random_bool(0.5) {
                true => format!("&{}", float(self, false)),
                false => float(self, true),
            },
            Items::Indexed => {
                let i = self.fresh("i");
                self.scope.add_int(IntVar { name: i.clone(), max: source.len.saturating_sub(1) });
                index = Some(i.clone());
                format!("&({i}, {})", float(self, true))
            }
            Items::Pair => {
                let a = float(self, true);
                format!("&({a}, {})", float(self, true))
            }
            Items::Index => {
                let i = self.fresh("i");
                self.scope.add_int(IntVar { name: i.clone(), max: source.len.saturating_sub(1) });
                index = Some(i.clone());
                format!("&{i}")
            }
        };
        let saved = self.trips;
        self.trips *= source.len.max(1);
        self.closures += 1;
        self.in_cond += 1;
        let cond = match (index, floats.first().cloned()) {
            (Some(i), _) if self.rng.random_bool(0.4) => {
                let k = self.rng.random_range(1..=source.len.max(1));
                Cond::Int(match self.rng.random_range(0..3) {
                    0 => format!("{i} % 2 == 0"),
                    1 => format!("{i} < {k}"),
                    _ => format!("{i} != {}", k - 1),
                })
            }
            (_, Some((name, by_ref))) => {
                let cmp = [Cmp::Lt, Cmp::Le, Cmp::Gt, Cmp::Ge][self.rng.random_range(0..4)];
                let item = super::expr::float_read(name, by_ref, false);
                let other = match self.rng.random_range(0..3) {
                    0 => self.leaf(),
                    _ => self.literal(),
                };
                let item = match self.rng.random_bool(0.25) {
                    true => Expr::Unary(Unary::Abs, Form::Method, Box::new(item)),
                    false => item,
                };
                Cond::Float(item, cmp, other.e)
            }
            (_, None) => self.float_cond(0),
        };
        self.in_cond -= 1;
        self.closures -= 1;
        self.trips = saved;
        self.scope.pop();
        Some((pattern, cond))
    }

    /// `x.iter().map(|v| …).collect()` (or `.copied().collect()`) of exactly `n` items.
    pub fn collect(&mut self, n: usize, d: u32) -> Option<Ex> {
        if self.closures > 0 && !self.features.nested_chains {
            return None;
        }
        let seqs: Vec<SliceVar> = self.walkable().into_iter().filter(|s| s.len == n).collect();
        let s = seqs.get(self.rng.random_range(0..seqs.len().max(1)))?.clone();
        let source = if self.rng.random_bool(0.2) {
            Source {
                text: format!("{}.iter().copied()", s.name),
                items: Items::Float { by_ref: false },
                len: n,
                bound: s.bound,
            }
        } else {
            let (text, items) = match self.rng.random_range(0..3) {
                0 => (format!("{}.iter().enumerate()", s.name), Items::Indexed),
                _ => (format!("{}.iter()", s.name), Items::Float { by_ref: true }),
            };
            let source = Source { text, items, len: n, bound: s.bound };
            let (pattern, body) = self.closure(&source, d);
            let b = body.b;
            let chain =
                Chain { source: source.text, filter: None, map: Some((pattern, body.e)), end: ChainEnd::Collect };
            return Some(Ex { e: Expr::Chain(Box::new(chain)), b });
        };
        let chain = Chain { source: source.text, filter: None, map: None, end: ChainEnd::Collect };
        Some(Ex { e: Expr::Chain(Box::new(chain)), b: source.bound })
    }

    /// A source over a collection in scope (or a range over one's length).
    fn source(&mut self, ranges: bool) -> Option<Source> {
        let seqs = self.walkable();
        let s = seqs.get(self.rng.random_range(0..seqs.len().max(1)))?.clone();
        let (text, items, len) = match self.rng.random_range(0..6) {
            0 => (format!("{}.iter().copied()", s.name), Items::Float { by_ref: false }, s.len),
            1 => (format!("{}.iter().enumerate()", s.name), Items::Indexed, s.len),
            2 => {
                let other = seqs[self.rng.random_range(0..seqs.len())].clone();
                let right = match other.binding {
                    Binding::Place if self.rng.random_bool(0.3) => format!("&{}", other.name),
                    _ => format!("{}.iter()", other.name),
                };
                (format!("{}.iter().zip({right})", s.name), Items::Pair, s.len.min(other.len))
            }
            3 if ranges => {
                let end = if self.rng.random_bool(0.5) { format!("{}.len()", s.name) } else { s.len.to_string() };
                (format!("(0..{end})"), Items::Index, s.len)
            }
            _ => (format!("{}.iter()", s.name), Items::Float { by_ref: true }, s.len),
        };
        Some(Source { text, items, len, bound: s.bound })
    }

    /// Binds the closure parameters for `source`'s items, runs `body` in that scope, and
    /// returns the pattern with the body's value.
    fn with_items<T>(&mut self, source: &Source, body: impl FnOnce(&mut Self) -> T) -> (String, T) {
        self.in_chain_closure += 1;
        let out = self.with_items_bound(source, body);
        self.in_chain_closure -= 1;
        out
    }

    fn with_items_bound<T>(&mut self, source: &Source, body: impl FnOnce(&mut Self) -> T) -> (String, T) {
        self.scope.push();
        let deref = self.rng.random_bool(0.4);
        let float = |g: &mut Self| {
            let name = g.fresh("v");
            g.scope.add_float(FloatVar {
                name: name.clone(),
                mutable: false,
                bound: source.bound,
                by_ref: !deref,
                active: true,
                param: false,
            });
            if deref { format!("&{name}") } else { name }
        };
        let pattern = match source.items {
            Items::Float { by_ref } => {
                let name = self.fresh("v");
                self.scope.add_float(FloatVar {
                    name: name.clone(),
                    mutable: false,
                    bound: source.bound,
                    by_ref,
                    active: true,
                    param: false,
                });
                name
            }
            Items::Indexed => {
                let i = self.fresh("i");
                self.scope.add_int(IntVar { name: i.clone(), max: source.len.saturating_sub(1) });
                format!("({i}, {})", float(self))
            }
            Items::Pair => {
                let a = float(self);
                format!("({a}, {})", float(self))
            }
            Items::Index => {
                let i = self.fresh("i");
                self.scope.add_int(IntVar { name: i.clone(), max: source.len.saturating_sub(1) });
                i
            }
        };
        let saved = self.trips;
        self.trips *= source.len.max(1);
        self.closures += 1;
        let out = body(self);
        self.closures -= 1;
        self.trips = saved;
        self.scope.pop();
        (pattern, out)
    }

    /// The closure of a `.map(…)`: a squashed expression of its items (not a constant
    /// while found/016 is open).
    fn closure(&mut self, source: &Source, d: u32) -> (String, Ex) {
        self.closure_within(source, d, 4.0)
    }

    /// `closure`, its body squashed into `[-limit, limit]`.
    fn closure_within(&mut self, source: &Source, d: u32, limit: f64) -> (String, Ex) {
        self.with_items(source, |g| {
            let e = g.expr(d.clamp(1, 2));
            let e = match is_const(&e.e) && !g.features.constant_closure {
                true => g.var().or_else(|| g.element()).or_else(|| g.cast()).unwrap_or(e),
                false => e,
            };
            g.squash(e, limit)
        })
    }

    /// `x.iter().copied().fold(f64::NEG_INFINITY, f64::max)`, or a `.map(…)` first.
    fn fold_max(&mut self, source: Source, filter: Option<(String, Cond)>, d: u32) -> Ex {
        let (text, map, b) = match source.items {
            Items::Float { by_ref: false } if self.rng.random_bool(0.5) => (source.text, None, source.bound),
            _ => {
                let (pattern, body) = self.closure(&source, d);
                (source.text, Some((pattern, body.e)), body.b)
            }
        };
        let filtered = filter.is_some();
        let chain = Expr::Chain(Box::new(Chain { source: text, filter, map, end: ChainEnd::FoldMax }));
        // A filter may keep no item, leaving −∞, which a later `sin` turns into NaN and a
        // `clamp` into a panic of the plain function (seed 8080, program 355): a floor, as a
        // user would write, keeps it finite.
        let e = match filtered {
            true => Expr::Binary(Binary::Max, Form::Method, Box::new(chain), Box::new(Expr::Lit(-b.max(1.0).ceil()))),
            false => chain,
        };
        self.limit(Ex { e, b })
    }

    /// `.fold(init, |acc, item| acc ∘ e)`, after a `.map(…)` sometimes (its item a name).
    fn fold(&mut self, source: Source, filter: Option<(String, Cond)>, d: u32) -> Ex {
        let map =
            matches!(source.items, Items::Float { .. } | Items::Indexed | Items::Pair) && self.rng.random_bool(0.3);
        let (map, source) = if map {
            let (pattern, body) = self.closure(&source, d);
            let mapped = Source {
                text: source.text.clone(),
                items: Items::Float { by_ref: false },
                len: source.len,
                bound: body.b,
            };
            (Some((pattern, body.e)), mapped)
        } else {
            (None, source)
        };
        let init = {
            let x = self.expr(d.min(1));
            self.squash(x, 2.0)
        };
        let acc = self.fresh("acc");
        let (item, body) = self.with_items(&source, |g| {
            g.scope.add_float(FloatVar {
                name: acc.clone(),
                mutable: false,
                bound: 8.0,
                by_ref: false,
                active: true,
                param: false,
            });
            let e = g.expr(d.clamp(1, 2));
            let e = g.squash(e, 2.0);
            let own = Ex { e: Expr::Var(acc.clone()), b: 8.0 };
            match g.rng.random_range(0..3) {
                0 => {
                    let k = g.unit(1, 1.0);
                    let carried = Ex { e: Expr::Bin(BinOp::Mul, Box::new(own.e), Box::new(k.e)), b: 8.0 };
                    Ex { e: Expr::Bin(BinOp::Add, Box::new(carried.e), Box::new(e.e)), b: 8.0 }
                }
                1 => Ex { e: Expr::Binary(Binary::Max, Form::Method, Box::new(own.e), Box::new(e.e)), b: 8.0 },
                _ => Ex { e: Expr::Bin(BinOp::Add, Box::new(own.e), Box::new(e.e)), b: 8.0 },
            }
        });
        let b = init.b + 2.0 * source.len as f64;
        let end = ChainEnd::Fold { init: Box::new(init.e), acc, item, body: Box::new(body.e) };
        let chain = Chain { source: source.text, filter, map, end };
        self.limit(Ex { e: Expr::Chain(Box::new(chain)), b })
    }
}
