//! `Option<F>` values that carry gradients: functions returning them (`Some(e)`, `None`,
//! `if c { None } else { Some(e) }`, early `return None`, `g(x)?`), differentiated `Option`
//! parameters and active `Option` locals, and the forms that read them (`match`, `if let`
//! with or without a let chain, `let … else`, `unwrap_or`, `is_some()`/`is_none()` then
//! `unwrap()`/`expect(…)`, `?`).

use super::Gen;
use super::ast::*;
use super::expr::Ex;
use super::scope::{FloatVar, OptVar};
use super::stmt::VAR_LIMIT;
use super::types::Ty;
use rand::RngExt;

/// Bound taken for the value inside an `Option` parameter (inputs are in [-2, 2]).
pub const OPT_PARAM: f64 = 2.0;

impl Gen<'_> {
    /// The `Option<F>` bindings in scope (of any activity).
    pub fn float_opts(&self) -> Vec<OptVar> {
        self.scope.opts().into_iter().filter(|o| o.float).cloned().collect()
    }

    /// Whether `e?` may be written here: in a function returning an `Option`, not inside a
    /// closure (where `?` would return from the closure) nor a condition.
    fn may_try(&self) -> bool {
        self.features.option_results
            && self.ret == Ty::Opt
            && self.closures == 0
            && self.in_cond == 0
            && self.short_circuit == 0
    }

    /// A float read of an `Option<F>` in scope or returned by a call: `None` if there is
    /// neither.
    pub fn opt_expr(&mut self, d: u32) -> Option<Ex> {
        let opts = self.float_opts();
        if let Some(o) = opts.get(self.rng.random_range(0..opts.len() + 1)).cloned() {
            return Some(self.read_opt(Expr::Var(o.name.clone()), &o, true, d));
        }
        // A call of a function returning an `Option` (read by `call`).
        if self.features.option_results && self.callees.iter().any(|c| c.ret == Ty::Opt) {
            return self.call(d);
        }
        None
    }

    /// A float read of the `Option<F>` `value` (described by `o`; a binding of that name when
    /// `named`, else a call): `match`, `if let` (a let chain sometimes), `unwrap_or`, `?` in a
    /// function returning an `Option`, and of a binding `if o.is_some() { o.unwrap() … }`.
    pub fn read_opt(&mut self, value: Expr, o: &OptVar, named: bool, d: u32) -> Ex {
        let choices = if named { 6 } else { 4 };
        match self.rng.random_range(0..choices) {
            0 => {
                let x = self.match_option(value, o, d);
                self.limit(x)
            }
            1 => {
                let x = self.if_let_on(value, o, d);
                self.limit(x)
            }
            2 => {
                let default = self.expr(d);
                let b = default.b.max(o.bound);
                self.limit(Ex { e: Expr::UnwrapOr(Box::new(value), Box::new(default.e)), b })
            }
            3 if self.may_try() => Ex { e: Expr::Try(Box::new(value)), b: o.bound },
            4 | 5 if named => {
                self.scope.push();
                self.scope.add_opt(OptVar { known_some: true, ..o.clone() });
                let own = Ex { e: Expr::Unwrap(o.name.clone(), self.rng.random_bool(0.3)), b: o.bound };
                let e = self.expr(d);
                let a = self.combine(own, e);
                self.scope.pop();
                let b = self.expr(d);
                let (some, then, otherwise) = match self.rng.random_bool(0.5) {
                    true => (true, a, b),
                    false => (false, b, a),
                };
                let bound = then.b.max(otherwise.b);
                let cond = Cond::IsSome(o.name.clone(), some);
                self.limit(Ex { e: Expr::If(Box::new(cond), Box::new(then.e), Box::new(otherwise.e)), b: bound })
            }
            _ => {
                let default = self.literal();
                let b = default.b.max(o.bound);
                Ex { e: Expr::UnwrapOr(Box::new(value), Box::new(default.e)), b }
            }
        }
    }

    /// `if let Some(l) = value [&& c] { a } else { b }` as a value.
    pub fn if_let_on(&mut self, value: Expr, o: &OptVar, d: u32) -> Ex {
        self.scope.push();
        let (pattern, _) = self.bind_some(o);
        let cond = self.let_chain(Cond::Let(pattern, Box::new(value)));
        let a = self.expr(d);
        self.scope.pop();
        let b = self.expr(d);
        let bound = a.b.max(b.b);
        Ex { e: Expr::If(Box::new(cond), Box::new(a.e), Box::new(b.e)), b: bound }
    }

    /// `let … && c` of a let chain (sometimes), the binding of `first` in scope; else `first`.
    pub fn let_chain(&mut self, first: Cond) -> Cond {
        if !self.features.let_chains || !self.rng.random_bool(0.35) {
            return first;
        }
        // What follows `&&` may not run: no closure call there (refused by design).
        self.short_circuit += 1;
        let c = self.cond(1);
        self.short_circuit -= 1;
        Cond::And(Box::new(first), Box::new(c))
    }

    /// `o.unwrap()` (or `o.expect(…)`) of an `Option<F>` known to be `Some` here.
    pub fn unwrapped(&mut self) -> Option<Ex> {
        let known: Vec<OptVar> = self.float_opts().into_iter().filter(|o| o.known_some).collect();
        let o = known.get(self.rng.random_range(0..known.len().max(1)))?;
        Some(Ex { e: Expr::Unwrap(o.name.clone(), self.rng.random_bool(0.3)), b: o.bound })
    }

    /// `if o.is_none() { return …; }`, after which `o` is known to be `Some`.
    pub fn return_if_none(&mut self) -> Option<Stmt> {
        let opts: Vec<OptVar> = self.float_opts().into_iter().filter(|o| !o.known_some).collect();
        let o = opts.get(self.rng.random_range(0..opts.len().max(1)))?.clone();
        let ret = self.ret.clone();
        let moving = self.features.return_moves_local;
        let value = self.value_of(&ret, true, moving, 2);
        self.returned = true;
        self.scope.add_opt(OptVar { known_some: true, ..o.clone() });
        Some(Stmt::Return { cond: Cond::IsSome(o.name, false), value: value.e })
    }

    /// A value of type `Option<F>`: `None`, an option in scope, `Some(e)`.
    pub fn opt_value(&mut self, active_ok: bool, d: u32) -> Ex {
        let opts: Vec<OptVar> = self.float_opts().into_iter().filter(|o| active_ok || !o.active).collect();
        match self.rng.random_range(0..10) {
            0..3 => Ex { e: Expr::Opt(None), b: 0.0 },
            3..5 if !opts.is_empty() => {
                let o = &opts[self.rng.random_range(0..opts.len())];
                Ex { e: Expr::Var(o.name.clone()), b: o.bound }
            }
            _ => {
                let x = self.float_value(active_ok, d);
                let x = self.squash(x, VAR_LIMIT * 2.0);
                Ex { e: Expr::Opt(Some(Box::new(x.e))), b: x.b }
            }
        }
    }

    /// The result of a function returning `Option<F>`: `Some(e)`, `if c { None } else {
    /// Some(e) }` (or the other way round), an option in scope, `g(x)` of a callee returning
    /// one.
    pub fn opt_tail(&mut self) -> Ex {
        let x = self.tail();
        let some = Expr::Opt(Some(Box::new(x.e)));
        match self.rng.random_range(0..10) {
            0..4 => Ex { e: some, b: x.b },
            4..8 => {
                let c = self.cond(1);
                let none = Expr::Opt(None);
                let (a, b) = if self.rng.random_bool(0.7) { (none, some) } else { (some, none) };
                Ex { e: Expr::If(Box::new(c), Box::new(a), Box::new(b)), b: x.b }
            }
            _ => {
                let opts: Vec<OptVar> = self.float_opts();
                match opts.get(self.rng.random_range(0..opts.len().max(1))) {
                    Some(o) => Ex { e: Expr::Var(o.name.clone()), b: o.bound },
                    None => Ex { e: some, b: x.b },
                }
            }
        }
    }

    /// `let o: Option<F> = if c { Some(e) } else { None };` of an active `e`.
    pub fn let_active_opt(&mut self) -> Stmt {
        let cond = self.cond(1);
        let x = self.expr(2);
        let x = self.squash(x, 4.0);
        let name = self.fresh("o");
        self.scope.add_opt(OptVar {
            name: name.clone(),
            float: true,
            max: 0,
            active: true,
            bound: x.b,
            known_some: false,
        });
        Stmt::LetOpt { name, float: true, cond, value: x.e }
    }

    /// An argument for an `Option<F>` parameter the callee differentiates (`active_ok`) or
    /// leaves out: an option in scope, `None`, `Some(e)`.
    pub fn diff_opt_arg(&mut self, active_ok: bool, d: u32) -> Arg {
        let x = self.opt_value(active_ok, d.min(1));
        Arg::Value(x.e)
    }

    /// `Some(p + e)` of a differentiated float parameter (known active), for a callee that
    /// leaves another parameter out of `wrt` (found/017).
    pub fn active_opt_arg(&mut self, d: u32) -> Option<Arg> {
        let params: Vec<FloatVar> =
            self.scope.floats().into_iter().filter(|(_, v)| v.active && v.param).map(|(_, v)| v.clone()).collect();
        let v = params.get(self.rng.random_range(0..params.len().max(1)))?.clone();
        let e = self.expr(d);
        let e = self.squash(e, 2.0);
        let own = super::expr::float_read(v.name, v.by_ref, false);
        Some(Arg::Value(Expr::Opt(Some(Box::new(Expr::Bin(BinOp::Add, Box::new(own), Box::new(e.e)))))))
    }

    /// `let a = g(x)?;` of a callee returning an `Option`, or `let a = o?;` of an option in
    /// scope, in a function returning an `Option`.
    pub fn let_try(&mut self) -> Option<Stmt> {
        if !self.may_try() {
            return None;
        }
        let callees: Vec<_> = self.callees.iter().filter(|c| c.ret == Ty::Opt).cloned().collect();
        let (value, bound) = match callees.get(self.rng.random_range(0..callees.len() + 1)) {
            Some(c) => (self.call_of(c, 1)?, c.bound),
            None => {
                let opts = self.float_opts();
                let o = opts.get(self.rng.random_range(0..opts.len().max(1)))?;
                (Expr::Var(o.name.clone()), o.bound)
            }
        };
        let value = self.squash(Ex { e: Expr::Try(Box::new(value)), b: bound }, VAR_LIMIT);
        let name = self.fresh("a");
        Some(self.let_active(name, value))
    }
}
