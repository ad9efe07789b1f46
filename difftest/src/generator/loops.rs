//! Loops: `for` over ranges (`a..b`, `a..=b`, `.rev()`, `.step_by(2)`) and over collections
//! (`x.iter()`, `&x`, `.copied()`, `.enumerate()`, `.zip(…)`), `while` on a counter, `loop`
//! with `break`; and `break`/`continue` statements inside them.
//!
//! Every loop is bounded by construction: a range's bound, a collection's length, a counter.

use super::Gen;
use super::ast::*;
use super::expr::Ex;
use super::scope::{Binding, FloatVar, IntVar, ListVar, SliceVar};
use super::stmt::MAX_NEST;
use rand::RngExt;

/// Most iterations of a loop body, counting enclosing loops.
const MAX_TRIPS: usize = 30;

/// The inner loop of a counted nest (`counted_loop`) over outer variable `i` up to `d`.
#[derive(Clone, Copy)]
enum Inner {
    /// `for j in i + 1..d`
    Above,
    /// `for j in 0..i`
    Below,
    /// `for j in 0..b`
    Rect(usize),
}

/// What kind of loop encloses a statement.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LoopKind {
    /// `for`: `break` and `continue` allowed.
    For,
    /// `while c < n { …; c += 1; }`: `continue` would skip the counter, so only `break`.
    While,
    /// `loop { c += 1; if c > n { break; } … }`: the counter comes first, so both.
    Loop,
}

impl Gen<'_> {
    pub fn can_break(&self) -> bool {
        !self.loops.is_empty()
    }

    pub fn can_continue(&self) -> bool {
        matches!(self.loops.last(), Some(LoopKind::For | LoopKind::Loop))
    }

    fn loop_var(&self) -> String {
        ["i", "j", "l"][self.nest.min(MAX_NEST)].to_string()
    }

    /// Runs `body` as a loop body of at most `trips` iterations (it binds its own loop
    /// variables first), then extrapolates the growth of everything the body assigned.
    pub fn in_loop(&mut self, kind: LoopKind, trips: usize, body: impl FnOnce(&mut Self) -> Vec<Stmt>) -> Vec<Stmt> {
        let before = self.scope.snapshot();
        self.scope.push();
        self.nest += 1;
        self.loops.push(kind);
        let saved = self.trips;
        self.trips *= trips.max(1);
        let stmts = body(self);
        self.trips = saved;
        self.loops.pop();
        self.nest -= 1;
        self.scope.pop();
        self.scope.extrapolate(&before, trips);
        stmts
    }

    /// `for i in 0..y.len() { y[i] = e; }`
    pub fn fill(&mut self, name: &str, len: usize) -> Stmt {
        let var = self.loop_var();
        let body = self.in_loop(LoopKind::For, len, |g| {
            g.scope.add_int(IntVar { name: var.clone(), max: len.saturating_sub(1) });
            let e = g.expr(2);
            let value = g.squash(e, 4.0);
            g.grow(name, value.b, false);
            let index = IntExpr { text: var.clone(), max: len - 1 };
            vec![Stmt::Write { name: name.to_string(), index, add: false, value: value.e }]
        });
        Stmt::For { var: var.clone(), range: format!("0..{name}.len()"), body }
    }

    /// `for i in <range> { … }` over `a..b`, `a..=b`, `.rev()` and `.step_by(2)`.
    pub fn for_loop(&mut self) -> Stmt {
        let bound = self.loop_bound(MAX_TRIPS / self.trips);
        let b = &bound.text;
        let (range, max) = match self.rng.random_range(0..6) {
            0 => (format!("0..={}", b), bound.max),
            1 => (format!("1..{b}"), bound.max.saturating_sub(1)),
            2 => (format!("(0..{b}).rev()"), bound.max.saturating_sub(1)),
            3 => (format!("(0..{b}).step_by(2)"), bound.max.saturating_sub(1)),
            _ => (format!("0..{b}"), bound.max.saturating_sub(1)),
        };
        let var = self.loop_var();
        let count = self.rng.random_range(1..=3);
        let stepped = usize::from(range.contains("step_by"));
        self.stepped += stepped;
        let body = self.in_loop(LoopKind::For, max + 1, |g| {
            g.scope.add_int(IntVar { name: var.clone(), max });
            g.stmts(count)
        });
        self.stepped -= stepped;
        Stmt::For { var, range, body }
    }

    /// `for v in x.iter()`, `for &v in x.iter()`, `for v in &x`, `.copied()`,
    /// `for (i, v) in x.iter().enumerate()`, `for (a, b) in x.iter().zip(y.iter())`. The
    /// collections walked are frozen (not written) in the body.
    pub fn for_each(&mut self) -> Option<Stmt> {
        // found/021: not inside another walk while the bug is open.
        if self.closures > 0 && !self.features.nested_chains {
            return None;
        }
        if self.features.struct_lists && !self.scope.lists().is_empty() && self.rng.random_bool(0.5) {
            return self.for_each_element();
        }
        let seqs = self.walkable();
        let s = seqs.get(self.rng.random_range(0..seqs.len().max(1)))?.clone();
        if s.len > MAX_TRIPS / self.trips {
            return None;
        }
        let other = seqs[self.rng.random_range(0..seqs.len())].clone();
        let forms = if self.features.adaptors { 11 } else { 6 };
        let form = self.rng.random_range(0..forms);
        if form >= 9 {
            return self.for_sub_slices(form, &s);
        }
        let range = match form {
            6 => format!("{}.iter().rev()", s.name),
            7 => {
                let k = self.small_int(s.len);
                match self.rng.random_range(0..3) {
                    0 => format!("{}.iter().skip({})", s.name, k.text),
                    1 => format!("{}.iter().rev().skip({})", s.name, k.text),
                    _ => format!("{}.iter().skip(1).take({})", s.name, k.text),
                }
            }
            8 => {
                let k = self.small_int(s.len);
                match self.rng.random_range(0..2) {
                    0 => format!("{}.iter().take({})", s.name, k.text),
                    _ => format!("{}.iter().rev().take({})", s.name, k.text),
                }
            }
            0 => format!("{}.iter().copied()", s.name),
            1 => format!("{}.iter().enumerate()", s.name),
            2 => format!("{}.iter().zip({}.iter())", s.name, other.name),
            3 if s.binding == Binding::Place => format!("&{}", s.name),
            // `for v in out` of a `&mut [F]` would walk `&mut F` items and move `out`.
            3 if s.writable => format!("{}.iter()", s.name),
            3 => s.name.clone(),
            _ => format!("{}.iter()", s.name),
        };
        let frozen = self.frozen.len();
        self.frozen.push(s.name.clone());
        self.frozen.push(other.name.clone());
        let count = self.rng.random_range(1..=3);
        let mut var = String::new();
        let body = self.in_loop(LoopKind::For, s.len, |g| {
            var = g.bind_items(form, &s, &other);
            g.closures += 1;
            let body = g.stmts(count);
            g.closures -= 1;
            body
        });
        self.frozen.truncate(frozen);
        Some(Stmt::For { var, range, body })
    }

    /// `for e in ls.iter()`, `for e in &ls`, `for (i, e) in ls.iter().enumerate()` over a list
    /// of structs, the body reading the element's fields (`e.a`, `e.w[j]`, `e.inner.c`) as a
    /// struct reference's.
    fn for_each_element(&mut self) -> Option<Stmt> {
        let lists: Vec<ListVar> = self.scope.lists().into_iter().cloned().collect();
        let l = lists[self.rng.random_range(0..lists.len())].clone();
        if l.len > MAX_TRIPS / self.trips {
            return None;
        }
        let e = self.fresh("e");
        let (range, index) = match self.rng.random_range(0..3) {
            0 => (format!("{}.iter().enumerate()", l.name), Some(self.fresh("i"))),
            1 if l.binding == Binding::Place => (format!("&{}", l.name), None),
            _ => (format!("{}.iter()", l.name), None),
        };
        let count = self.rng.random_range(1..=3);
        let body = self.in_loop(LoopKind::For, l.len, |g| {
            if let Some(i) = &index {
                g.scope.add_int(IntVar { name: i.clone(), max: l.len - 1 });
            }
            g.bind_struct(&e, l.id, Binding::Ref, l.active, 2.0);
            g.closures += 1;
            let body = g.stmts(count);
            g.closures -= 1;
            body
        });
        let var = match index {
            Some(i) => format!("({i}, {e})"),
            None => e,
        };
        Some(Stmt::For { var, range, body })
    }

    /// `for w in x.windows(2)` or `for c in x.chunks(k)` (`k` dividing the length, so every
    /// chunk has `k` elements): the item is a sub-slice the body reads like any other.
    fn for_sub_slices(&mut self, form: u32, s: &SliceVar) -> Option<Stmt> {
        let (range, len, trips) = if form == 9 {
            if s.len < 2 {
                return None;
            }
            (format!("{}.windows(2)", s.name), 2, s.len - 1)
        } else {
            let divisors: Vec<usize> = (1..=s.len).filter(|k| s.len.is_multiple_of(*k)).collect();
            let k = divisors[self.rng.random_range(0..divisors.len())];
            (format!("{}.chunks({k})", s.name), k, s.len / k)
        };
        let frozen = self.frozen.len();
        self.frozen.push(s.name.clone());
        let count = self.rng.random_range(1..=3);
        let var = self.fresh("w");
        let body = self.in_loop(LoopKind::For, trips, |g| {
            g.scope.add_slice(SliceVar {
                name: var.clone(),
                len,
                container: super::scope::Container::Slice,
                binding: Binding::Ref,
                bound: s.bound,
                writable: false,
                local: s.local,
                active: s.active,
                borrows: Some(super::places::root(&s.name)),
                movable: false,
            });
            g.closures += 1;
            let body = g.stmts(count);
            g.closures -= 1;
            body
        });
        self.frozen.truncate(frozen);
        Some(Stmt::For { var, range, body })
    }

    /// Binds a collection loop's items (see `for_each`) and returns its pattern.
    fn bind_items(&mut self, form: u32, s: &SliceVar, other: &SliceVar) -> String {
        let deref = self.rng.random_bool(0.4);
        let float = |g: &mut Self, bound: f64, by_ref: bool| {
            let name = g.fresh("v");
            let by_ref = by_ref && !deref;
            g.scope.add_float(FloatVar {
                name: name.clone(),
                mutable: false,
                bound,
                by_ref,
                active: true,
                param: false,
            });
            if by_ref || form == 0 { name } else { format!("&{name}") }
        };
        match form {
            0 => float(self, s.bound, false),
            1 => {
                let i = self.fresh("i");
                self.scope.add_int(IntVar { name: i.clone(), max: s.len - 1 });
                format!("({i}, {})", float(self, s.bound, true))
            }
            2 => {
                let a = float(self, s.bound, true);
                format!("({a}, {})", float(self, other.bound, true))
            }
            _ => float(self, s.bound, true),
        }
    }

    /// `let mut k = 0;` and one loop (`for i in 0..a`) or a nest of two, rectangular
    /// (`for j in 0..b`) or triangular (`for j in i + 1..d`, `for j in 0..i`), whose innermost
    /// body reads a collection at the counter (`acc += x[k] * e`, `y[j] += l[c][k] * e`) and
    /// ends with `k += 1;` — or starts with `let t = k; k += 1;` and reads at `t`. The
    /// iterations number at most the collection's length, so every read is in bounds; a
    /// `continue` skipping the increment only leaves the counter lower.
    pub fn counted_loop(&mut self) -> Option<Vec<Stmt>> {
        let seqs = self.walkable();
        let s = seqs.get(self.rng.random_range(0..seqs.len().max(1)))?.clone();
        let budget = (MAX_TRIPS / self.trips).min(s.len);
        if budget == 0 {
            return None;
        }
        let counter = self.fresh("k");
        let outer = self.loop_var();
        // (outer bound, inner range given the outer variable and its bound, trips of each)
        let two = self.nest + 1 < MAX_NEST && budget >= 2 && self.rng.random_bool(0.75);
        let shape = if !two {
            let a = self.rng.random_range(1..=budget);
            (a, None, a)
        } else if self.rng.random_bool(0.5) {
            // Triangular over d: d (d - 1) / 2 iterations.
            let d = (2..=8).take_while(|d| d * (d - 1) / 2 <= budget).last().unwrap_or(2);
            let inner = if self.rng.random_bool(0.7) { Inner::Above } else { Inner::Below };
            (d, Some(inner), d * (d - 1) / 2)
        } else {
            let a = self.rng.random_range(1..=budget / 2);
            let b = self.rng.random_range(1..=budget / a);
            (a, Some(Inner::Rect(b)), a * b)
        };
        let (a, inner, trips) = shape;
        let bound = self.bound_text(a);
        let copy = self.rng.random_bool(0.5);
        let count = self.rng.random_range(0..=2);
        let read = |g: &mut Self| g.counted_body(&s, &counter, trips, copy, count);
        let body = self.in_loop(LoopKind::For, a, |g| {
            g.scope.add_int(IntVar { name: outer.clone(), max: a - 1 });
            match inner {
                None => read(g),
                Some(shape) => {
                    let var = g.loop_var();
                    // (range, most iterations, largest value of the variable)
                    let (range, inner_trips, max) = match shape {
                        Inner::Above => (format!("{outer} + 1..{bound}"), a - 1, a - 1),
                        Inner::Below => (format!("0..{outer}"), a - 1, a.saturating_sub(2)),
                        Inner::Rect(b) => (format!("0..{}", g.bound_text(b)), b, b - 1),
                    };
                    let body = g.in_loop(LoopKind::For, inner_trips, |g| {
                        g.scope.add_int(IntVar { name: var.clone(), max });
                        read(g)
                    });
                    vec![Stmt::For { var, range, body }]
                }
            }
        });
        self.scope.add_int(IntVar { name: counter.clone(), max: trips });
        Some(vec![Stmt::Counter(counter), Stmt::For { var: outer, range: format!("0..{bound}"), body }])
    }

    /// A loop bound of value `n`: the literal, or the length of a collection that long.
    fn bound_text(&mut self, n: usize) -> String {
        let lens: Vec<String> = self
            .scope
            .slices()
            .into_iter()
            .filter(|(_, s)| s.len == n)
            .map(|(_, s)| format!("{}.len()", s.name))
            .collect();
        match lens.get(self.rng.random_range(0..lens.len() * 2 + 1)) {
            Some(len) => len.clone(),
            None => n.to_string(),
        }
    }

    /// The innermost body of `counted_loop`: a read of `s` at the counter (below `trips`),
    /// `count` statements more, and the increment (first, after a copy, when `copy`).
    fn counted_body(&mut self, s: &SliceVar, counter: &str, trips: usize, copy: bool, count: usize) -> Vec<Stmt> {
        let mut out = Vec::new();
        let at = if copy {
            let t = self.fresh("t");
            out.push(Stmt::LetInt { name: t.clone(), value: IntExpr { text: counter.to_string(), max: trips - 1 } });
            out.push(Stmt::Bump(counter.to_string()));
            t
        } else {
            counter.to_string()
        };
        self.scope.add_int(IntVar { name: at.clone(), max: trips - 1 });
        let read = Ex { e: Expr::Index(s.name.clone(), IntExpr { text: at, max: trips - 1 }), b: s.bound };
        let e = self.expr(1);
        let e = self.squash(e, 4.0);
        let value = self.combine(read, e);
        let value = self.squash(value, 4.0);
        out.push(self.accumulate(value));
        out.extend(self.stmts(count));
        if !copy {
            out.push(Stmt::Bump(counter.to_string()));
        }
        out
    }

    /// `y[i] += e` into a local buffer, `a += e` into a `mut` float, or `let a = e;`.
    fn accumulate(&mut self, value: Ex) -> Stmt {
        let bufs: Vec<SliceVar> = self
            .scope
            .slices()
            .into_iter()
            .filter(|(_, b)| b.writable && !self.frozen.contains(&b.name))
            .map(|(_, b)| b.clone())
            .collect();
        let muts: Vec<FloatVar> =
            self.scope.floats().into_iter().filter(|(_, v)| v.mutable).map(|(_, v)| v.clone()).collect();
        match self.rng.random_range(0..3) {
            0 if !bufs.is_empty() => {
                let buf = bufs[self.rng.random_range(0..bufs.len())].clone();
                let index = self.index(buf.len);
                self.grow(&buf.name, value.b, true);
                Stmt::Write { name: buf.name, index, add: true, value: value.e }
            }
            1 if !muts.is_empty() => {
                let var = muts[self.rng.random_range(0..muts.len())].clone();
                if let Some((slot, _)) = self.scope.floats().into_iter().find(|(_, v)| v.name == var.name) {
                    let v = self.scope.float_mut(slot);
                    v.bound += value.b;
                }
                Stmt::Assign { deref: var.by_ref, name: var.name, op: AssignOp::Add, value: value.e }
            }
            _ => {
                let name = self.fresh("a");
                self.let_active(name, value)
            }
        }
    }

    /// `while c < bound [&& float condition] { …; c += 1; }`
    pub fn while_loop(&mut self) -> Stmt {
        let limit = self.loop_bound(MAX_TRIPS / self.trips);
        // A fresh name: reusing one the bound reads (`while c < c + 1`) would never end.
        let counter = self.fresh("c");
        // Printed after `&&`/`||`: no closure calls in it (lower/conditions.rs refuses them).
        let guard = (self.features.while_guard && self.rng.random_bool(0.3)).then(|| {
            self.short_circuit += 1;
            let guard = self.float_cond(1);
            self.short_circuit -= 1;
            guard
        });
        let count = self.rng.random_range(1..=3);
        let max = limit.max.saturating_sub(1);
        let body = self.in_loop(LoopKind::While, limit.max, |g| {
            g.scope.add_int(IntVar { name: counter.clone(), max });
            g.stmts(count)
        });
        self.scope.add_int(IntVar { name: counter.clone(), max: limit.max });
        Stmt::While { counter, limit, guard, body }
    }

    /// `let mut c = 0; loop { c += 1; if c > bound [|| float condition] { break; } … }`
    pub fn loop_stmt(&mut self) -> Stmt {
        let limit = self.loop_bound(MAX_TRIPS / self.trips);
        let counter = self.fresh("c");
        // Printed after `&&`/`||`: no closure calls in it (lower/conditions.rs refuses them).
        let guard = (self.features.while_guard && self.rng.random_bool(0.3)).then(|| {
            self.short_circuit += 1;
            let guard = self.float_cond(1);
            self.short_circuit -= 1;
            guard
        });
        let count = self.rng.random_range(1..=3);
        let max = limit.max;
        let body = self.in_loop(LoopKind::Loop, limit.max, |g| {
            g.scope.add_int(IntVar { name: counter.clone(), max });
            g.stmts(count)
        });
        self.scope.add_int(IntVar { name: counter.clone(), max: limit.max + 1 });
        Stmt::Loop { counter, limit, guard, body }
    }
}
