//! Random statements: `let`s, assignments, buffers, `if`, `for`, `while`, early `return`.

use super::Gen;
use super::ast::*;
use super::expr::Ex;
use super::scope::{FloatVar, IntVar, SliceKind, SliceVar};
use rand::RngExt;

/// Magnitude a float variable is kept within when assigned.
pub const VAR_LIMIT: f64 = 8.0;
/// Deepest nesting of blocks (the function body is level 0).
const MAX_NEST: usize = 2;
/// Most iterations of a loop body, counting enclosing loops.
const MAX_TRIPS: usize = 30;

/// What kind of statement to generate next.
#[derive(Clone, Copy)]
enum Kind {
    Let,
    Assign,
    LetInt,
    Buffer,
    Write,
    Sum,
    View,
    If,
    For,
    While,
    Return,
}

impl Gen<'_> {
    /// `count` statements in a fresh block (pushed and popped by the caller).
    pub fn stmts(&mut self, count: usize) -> Vec<Stmt> {
        let mut out = Vec::new();
        for _ in 0..count {
            out.extend(self.stmt());
        }
        out
    }

    fn kind(&mut self) -> Kind {
        let nested = self.nest < MAX_NEST;
        let in_loop = self.trips > 1;
        let has_mut = self.scope.floats().iter().any(|(_, v)| v.mutable);
        let has_buf = self.scope.slices().iter().any(|(_, s)| s.kind == SliceKind::Buffer);
        let has_slice = !self.scope.slices().is_empty();
        let table = [
            (Kind::Let, 22),
            (
                Kind::Assign,
                if !has_mut {
                    0
                } else if in_loop {
                    40
                } else {
                    18
                },
            ),
            (Kind::LetInt, 3),
            (Kind::Buffer, if nested { 5 } else { 0 }),
            (Kind::Write, if has_buf { 12 } else { 0 }),
            (Kind::Sum, if has_slice { 4 } else { 0 }),
            (Kind::View, if has_slice && self.features.views { 3 } else { 0 }),
            (Kind::If, if nested { 9 } else { 0 }),
            (Kind::For, if nested { 11 } else { 0 }),
            (Kind::While, if nested { 4 } else { 0 }),
            (Kind::Return, if self.features.early_return { 3 } else { 0 }),
        ];
        let total: u32 = table.iter().map(|(_, w)| w).sum();
        let mut pick = self.rng.random_range(0..total);
        for (k, w) in table {
            if pick < w {
                return k;
            }
            pick -= w;
        }
        Kind::Let
    }

    fn stmt(&mut self) -> Vec<Stmt> {
        match self.kind() {
            Kind::Let => vec![self.let_float(false)],
            Kind::Assign => self.assign().into_iter().collect(),
            Kind::LetInt => vec![self.let_int()],
            Kind::Buffer => self.buffer(),
            Kind::Write => self.write().into_iter().collect(),
            Kind::Sum => self.let_sum().into_iter().collect(),
            Kind::View => self.let_view().into_iter().collect(),
            Kind::If => vec![self.if_stmt()],
            Kind::For => vec![self.for_loop()],
            Kind::While => vec![self.while_loop()],
            Kind::Return => vec![self.early_return()],
        }
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.fresh += 1;
        format!("{prefix}{}", self.fresh)
    }

    /// `let [mut] a[: f64] = e;`, sometimes shadowing a visible variable with an expression
    /// of itself (`let a = a.sin() * b;`).
    pub fn let_float(&mut self, force_mut: bool) -> Stmt {
        let floats: Vec<FloatVar> = self.scope.floats().into_iter().map(|(_, v)| v.clone()).collect();
        let shadow = match floats.len() {
            0 => None,
            k => self.rng.random_bool(0.25).then(|| floats[self.rng.random_range(0..k)].clone()),
        };
        let value = self.expr(2);
        let value = match &shadow {
            Some(old) => {
                let own = Ex { e: Expr::Var(old.name.clone()), b: old.bound };
                self.combine(own, value)
            }
            None => value,
        };
        let value = self.squash(value, VAR_LIMIT);
        let name = shadow.map_or_else(|| self.fresh("a"), |v| v.name);
        let mutable = force_mut || self.rng.random_bool(0.4);
        let typed = self.rng.random_bool(0.2);
        self.scope.add_float(FloatVar { name: name.clone(), mutable, bound: value.b });
        Stmt::Let { name, mutable, typed, value: value.e }
    }

    /// `a op b` for a random arithmetic `op` (no division: `b` may be near zero).
    fn combine(&mut self, a: Ex, b: Ex) -> Ex {
        let (op, bound) = match self.rng.random_range(0..3) {
            0 => (BinOp::Add, a.b + b.b),
            1 => (BinOp::Sub, a.b + b.b),
            _ => (BinOp::Mul, a.b * b.b),
        };
        Ex { e: Expr::Bin(op, Box::new(a.e), Box::new(b.e)), b: bound }
    }

    /// An assignment to a visible `mut` variable; `=` often reads the variable itself
    /// (`acc = acc * x.sin() + e`), `*=` multiplies by at most one, `/=` divides by at least
    /// one, so loops carry values without blowing them up.
    fn assign(&mut self) -> Option<Stmt> {
        let muts: Vec<_> =
            self.scope.floats().into_iter().filter(|(_, v)| v.mutable).map(|(s, v)| (s, v.clone())).collect();
        let (slot, var) = muts.get(self.rng.random_range(0..muts.len().max(1)))?.clone();
        let (op, value, bound) = match self.rng.random_range(0..10) {
            0..4 => {
                let value = if self.rng.random_bool(0.5) {
                    let k = self.unit(1, 1.0);
                    let own = Ex { e: Expr::Var(var.name.clone()), b: var.bound };
                    let carried = self.combine(own, k);
                    let e = self.expr(1);
                    let e = self.squash(e, 4.0);
                    self.combine(carried, e)
                } else {
                    self.expr(2)
                };
                let value = self.squash(value, VAR_LIMIT);
                let b = value.b;
                (AssignOp::Set, value, b)
            }
            4..7 => {
                let e = self.expr(2);
                let e = self.squash(e, 4.0);
                let b = var.bound + e.b;
                (if self.rng.random_bool(0.5) { AssignOp::Add } else { AssignOp::Sub }, e, b)
            }
            7 | 8 => {
                let e = self.unit(2, 1.0);
                (AssignOp::Mul, e, var.bound)
            }
            _ => {
                let p = self.positive(1, 1.0);
                (AssignOp::Div, p.x, var.bound / p.lo)
            }
        };
        let v = self.scope.float_mut(slot);
        v.bound = v.bound.max(bound);
        Some(Stmt::Assign { name: var.name, op, value: value.e })
    }

    /// `let k = …;` of an integer derived from one in scope or from a length.
    fn let_int(&mut self) -> Stmt {
        let name = self.fresh("k");
        let value = match self.scope.ints().first().map(|v| (*v).clone()) {
            Some(v) if self.rng.random_bool(0.6) => match self.rng.random_range(0..3) {
                0 => IntExpr { text: format!("{} + 1", v.name), max: v.max + 1 },
                1 => IntExpr { text: format!("{} * 2", v.name), max: v.max * 2 },
                _ => IntExpr { text: format!("{} % 3", v.name), max: 2 },
            },
            _ => match self.scope.slices().first().map(|(_, s)| (s.name.clone(), s.len)) {
                Some((s, len)) => IntExpr { text: format!("{s}.len() - 1"), max: len - 1 },
                None => self.small_int(3),
            },
        };
        self.scope.add_int(IntVar { name: name.clone(), max: value.max });
        Stmt::LetInt { name, value }
    }

    /// `let mut y = vec![0.0; len];`, usually filled by a loop right away.
    fn buffer(&mut self) -> Vec<Stmt> {
        let name = self.fresh("y");
        let slices = self.scope.slices();
        let len = match slices.get(self.rng.random_range(0..slices.len() + 2)) {
            Some((_, s)) => IntExpr { text: format!("{}.len()", s.name), max: s.len },
            None => {
                let k = self.rng.random_range(2..=5);
                IntExpr { text: k.to_string(), max: k }
            }
        };
        let n = len.max;
        self.scope.add_slice(SliceVar { name: name.clone(), len: n, kind: SliceKind::Buffer, bound: 0.0, local: true });
        let mut out = vec![Stmt::LetBuf { name: name.clone(), len }];
        if self.rng.random_bool(0.8) {
            out.push(self.fill(&name, n));
        }
        out
    }

    /// `for i in 0..y.len() { y[i] = e; }`
    fn fill(&mut self, name: &str, len: usize) -> Stmt {
        let var = self.loop_var();
        let body = self.in_loop(&var, len.saturating_sub(1), len, |g| {
            let e = g.expr(2);
            let value = g.squash(e, 4.0);
            g.grow(name, value.b, false);
            let index = IntExpr { text: var.clone(), max: len - 1 };
            vec![Stmt::Write { name: name.to_string(), index, add: false, value: value.e }]
        });
        Stmt::For { var: var.clone(), range: format!("0..{name}.len()"), body }
    }

    /// Raises a buffer's bound after a write of magnitude `b` (added to it when `add`).
    fn grow(&mut self, name: &str, b: f64, add: bool) {
        if let Some((slot, _)) = self.scope.slices().into_iter().find(|(_, s)| s.name == name) {
            let s = self.scope.slice_mut(slot);
            s.bound = if add { s.bound + b } else { s.bound.max(b) };
        }
    }

    /// `y[i] = e;` or `y[i] += e;` into a visible local buffer.
    fn write(&mut self) -> Option<Stmt> {
        let bufs: Vec<_> = self
            .scope
            .slices()
            .into_iter()
            .filter(|(_, s)| s.kind == SliceKind::Buffer)
            .map(|(_, s)| s.clone())
            .collect();
        let buf = bufs.get(self.rng.random_range(0..bufs.len().max(1)))?.clone();
        let index = self.index(buf.len);
        let e = self.expr(2);
        let value = self.squash(e, 4.0);
        let add = self.rng.random_bool(0.5);
        self.grow(&buf.name, value.b, add);
        Some(Stmt::Write { name: buf.name, index, add, value: value.e })
    }

    /// `let s: f64 = x.iter().sum();`
    fn let_sum(&mut self) -> Option<Stmt> {
        let slices = self.scope.slices();
        let (_, s) = slices.get(self.rng.random_range(0..slices.len().max(1)))?;
        let (source, bound) = (s.name.clone(), s.len as f64 * s.bound);
        let name = self.fresh("a");
        self.scope.add_float(FloatVar { name: name.clone(), mutable: false, bound });
        Some(Stmt::LetSum { name, source })
    }

    /// `let v = &x[a..a + len];` of a parameter (a view of a buffer would forbid writing the
    /// buffer while the view lives, which the generator does not track).
    fn let_view(&mut self) -> Option<Stmt> {
        let slices: Vec<_> =
            self.scope.slices().into_iter().filter(|(_, s)| s.len >= 2 && !s.local).map(|(_, s)| s.clone()).collect();
        let s = slices.get(self.rng.random_range(0..slices.len().max(1)))?.clone();
        let len = self.rng.random_range(1..s.len);
        let start = self.small_int(s.len - len);
        let name = self.fresh("v");
        self.scope.add_slice(SliceVar {
            name: name.clone(),
            len,
            kind: SliceKind::View,
            bound: s.bound,
            local: s.local,
        });
        Some(Stmt::LetView { name, source: s.name, start, len })
    }

    /// A block of one to three statements in a scope of its own.
    fn block(&mut self) -> Vec<Stmt> {
        self.scope.push();
        self.nest += 1;
        let count = self.rng.random_range(1..=3);
        let body = self.stmts(count);
        self.nest -= 1;
        self.scope.pop();
        body
    }

    /// `if`, with an `else`, an `else if` chain or neither.
    fn if_stmt(&mut self) -> Stmt {
        let cond = self.cond(1);
        let then = self.block();
        let otherwise = match self.rng.random_range(0..10) {
            0..4 => None,
            4..8 => Some(self.block()),
            _ => Some(vec![self.if_stmt()]),
        };
        Stmt::If { cond, then, otherwise }
    }

    fn loop_var(&self) -> String {
        ["i", "j", "l"][self.nest.min(2)].to_string()
    }

    /// Runs `body` as a loop body of at most `trips` iterations, with `var` (at most `max`)
    /// in scope, then extrapolates the growth of everything the body assigned.
    fn in_loop(&mut self, var: &str, max: usize, trips: usize, body: impl FnOnce(&mut Self) -> Vec<Stmt>) -> Vec<Stmt> {
        let before = self.scope.snapshot();
        self.scope.push();
        self.scope.add_int(IntVar { name: var.to_string(), max });
        self.nest += 1;
        let saved = self.trips;
        self.trips *= trips.max(1);
        let stmts = body(self);
        self.trips = saved;
        self.nest -= 1;
        self.scope.pop();
        self.scope.extrapolate(&before, trips);
        stmts
    }

    /// `for i in <range> { … }` over `a..b`, `a..=b`, `.rev()` and `.step_by(2)`.
    fn for_loop(&mut self) -> Stmt {
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
        let body = self.in_loop(&var, max, max + 1, |g| g.stmts(count));
        Stmt::For { var, range, body }
    }

    /// `while c < bound [&& float condition] { …; c += 1; }`
    fn while_loop(&mut self) -> Stmt {
        let limit = self.loop_bound(MAX_TRIPS / self.trips);
        // A fresh name: reusing one the bound reads (`while c < c + 1`) would never end.
        let counter = self.fresh("c");
        let guard = (self.features.while_guard && self.rng.random_bool(0.3)).then(|| self.float_cond(1));
        let count = self.rng.random_range(1..=3);
        let max = limit.max.saturating_sub(1);
        let body = self.in_loop(&counter, max, limit.max, |g| g.stmts(count));
        self.scope.add_int(IntVar { name: counter.clone(), max: limit.max });
        Stmt::While { counter, limit, guard, body }
    }

    /// `if c { return e; }`
    fn early_return(&mut self) -> Stmt {
        let cond = self.cond(1);
        let e = self.expr(2);
        Stmt::Return { cond, value: self.squash(e, VAR_LIMIT).e }
    }
}
