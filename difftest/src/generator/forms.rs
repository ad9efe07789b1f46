//! The constructs of issue 15: closures bound by `let` and called, `match` on integers,
//! `Option` constants read with `if let`, `match` and `let … else`, and calls lending
//! `&mut` buffers and accumulators.

use super::Gen;
use super::ast::*;
use super::expr::Ex;
use super::function::Signature;
use super::scope::{Binding, Container, FloatVar, FnVar, IntVar, OptVar, Scope};
use super::stmt::{VAR_LIMIT, is_word, local_buffer};
use super::types::ParamTy;
use rand::RngExt;

/// Magnitude of a closure's argument (squashed into it at each call).
const CLOSURE_ARG: f64 = 4.0;
/// Magnitude of an `Option<F>` constant's value (the harness gives ±0.25, ±0.75).
pub const OPT_FLOAT: f64 = 1.0;

impl Gen<'_> {
    /// What a closure may capture: the immutable floats, the collections that are neither
    /// written nor moved, integers, matrices, structs and options (a capture of a binding
    /// written or lent `&mut` later would not borrow-check).
    fn captures(&self) -> Scope {
        let mut s = Scope::default();
        s.push();
        for (_, v) in self.scope.floats().into_iter().rev() {
            if !v.mutable {
                s.add_float(v.clone());
            }
        }
        for (_, v) in self.scope.slices().into_iter().rev() {
            if !v.writable && !v.movable {
                s.add_slice(v.clone());
            }
        }
        for v in self.scope.ints().into_iter().rev() {
            s.add_int(v.clone());
        }
        for v in self.scope.mats().into_iter().rev() {
            s.add_mat(v.clone());
        }
        for v in self.scope.structs().into_iter().rev() {
            s.add_struct(v.clone());
        }
        for v in self.scope.opts().into_iter().rev() {
            s.add_opt(v.clone());
        }
        for v in self.scope.fns().into_iter().rev() {
            s.add_fn(v.clone());
        }
        s
    }

    /// `let f = |v: f64| e;` capturing locals, then `let a = f(e);`.
    pub fn let_closure(&mut self) -> Vec<Stmt> {
        let name = self.fresh("cl");
        let param = self.fresh("v");
        let captured = self.captures();
        let saved = std::mem::replace(&mut self.scope, captured);
        self.scope.push();
        self.scope.add_float(FloatVar {
            name: param.clone(),
            mutable: false,
            bound: CLOSURE_ARG,
            by_ref: false,
            active: true,
            param: false,
        });
        self.closures += 1;
        let e = self.expr(2);
        // found/039: a constant body reads its parameter while the bug is open.
        let constant = is_const(&e.e) && !self.features.constant_let_closure;
        let body = if constant || self.rng.random_bool(0.7) {
            let own = Ex { e: Expr::Var(param.clone()), b: CLOSURE_ARG };
            let op = [BinOp::Add, BinOp::Sub, BinOp::Mul][self.rng.random_range(0..3)];
            let b = if matches!(op, BinOp::Mul) { own.b * e.b } else { own.b + e.b };
            Ex { e: Expr::Bin(op, Box::new(own.e), Box::new(e.e)), b }
        } else {
            e
        };
        let body = self.squash(body, VAR_LIMIT);
        self.closures -= 1;
        self.scope = saved;
        self.scope.add_fn(FnVar { name: name.clone(), bound: body.b });
        let mut out = vec![Stmt::LetClosure { name, param, body: body.e }];
        if self.rng.random_bool(0.7) {
            out.push(self.let_float(false));
        }
        out
    }

    /// `f(e)` of a closure in scope.
    pub fn closure_call(&mut self, d: u32) -> Option<Ex> {
        // found/032: not in a condition while the bug is open; never where the condition may
        // stop before the call (after `&&`/`||`, in a guard), which the macro refuses.
        if self.in_cond > 0 && (!self.features.closure_call_in_condition || self.short_circuit > 0) {
            return None;
        }
        // Kept as written inside a chain's closure in a condition: refused by the macro.
        if self.in_cond > 0 && self.in_chain_closure > 0 {
            return None;
        }
        let fns = self.scope.fns();
        let f = (*fns.get(self.rng.random_range(0..fns.len().max(1)))?).clone();
        let arg = self.expr(d);
        let arg = self.squash(arg, CLOSURE_ARG);
        Some(Ex { e: Expr::CallClosure(f.name, Box::new(arg.e)), b: f.bound })
    }

    /// `match k { 0 => a, 1 | 2 => b, j @ 3..=4 if c => c, _ => d }` on an integer in scope,
    /// or `match o { Some(l) => a, None => b }` on an option.
    pub fn match_expr(&mut self, d: u32) -> Option<Ex> {
        let opts: Vec<OptVar> = self.scope.opts().into_iter().cloned().collect();
        if !opts.is_empty() && self.rng.random_bool(0.4) {
            let o = opts[self.rng.random_range(0..opts.len())].clone();
            return Some(self.match_option(Expr::Var(o.name.clone()), &o, d));
        }
        let ints: Vec<IntVar> = self.scope.ints().into_iter().cloned().collect();
        let v = ints.get(self.rng.random_range(0..ints.len().max(1)))?.clone();
        // found/045 (fixed): `k @ a..=b` on a struct's integer field.
        let binds = self.features.bound_arm_of_field || is_word(&v.name);
        let (arms, b) = self.int_arms(v.max, "", binds, d);
        Some(Ex { e: Expr::Match(IntExpr { text: v.name, max: v.max }, arms), b })
    }

    /// Arms for integers up to `max` (each pattern wrapped as `{wrap}(p)` when `wrap` is
    /// not empty), ending with a catch-all, and the bound of their values.
    fn int_arms(&mut self, max: usize, wrap: &str, binds_ok: bool, d: u32) -> (Vec<Arm>, f64) {
        let mut arms = Vec::new();
        let mut b: f64 = 0.0;
        let mut p = 0;
        while p < max && arms.len() < 3 {
            let len = self.rng.random_range(1..=2).min(max - p);
            self.scope.push();
            let mut binds = false;
            let pattern = match (len, self.rng.random_range(0..3)) {
                (1, _) => p.to_string(),
                (_, 0) => format!("{p} | {}", p + 1),
                (_, 1) | (_, 2) if !binds_ok => format!("{p}..={}", p + 1),
                (_, 1) => format!("{p}..={}", p + 1),
                _ => {
                    let k = self.fresh("k");
                    self.scope.add_int(IntVar { name: k.clone(), max: p + 1 });
                    binds = true;
                    format!("{k} @ {p}..={}", p + 1)
                }
            };
            // found/041: an arm that binds an integer gets an integer guard (or none).
            let guard = match self.rng.random_bool(0.25) {
                false => None,
                true if binds && !self.features.bound_arm_in_active_guard => self.int_cond(),
                true => {
                    self.short_circuit += 1;
                    let guard = self.cond(d.min(1));
                    self.short_circuit -= 1;
                    Some(guard)
                }
            };
            let value = self.expr(d);
            self.scope.pop();
            b = b.max(value.b);
            let pattern = if wrap.is_empty() { pattern } else { format!("{wrap}({pattern})") };
            arms.push(Arm { pattern, guard, value: value.e });
            p += len;
        }
        let last = self.expr(d);
        b = b.max(last.b);
        let pattern = if wrap.is_empty() { "_".to_string() } else { format!("{wrap}(_)") };
        arms.push(Arm { pattern, guard: None, value: last.e });
        (arms, b)
    }

    /// `match o { Some(l) [if guard] => a, …, None => b }` of `value`, an option described by
    /// `o`.
    pub fn match_option(&mut self, value: Expr, o: &OptVar, d: u32) -> Ex {
        let (mut arms, mut b) = if !o.float && self.rng.random_bool(0.5) {
            self.int_arms(o.max, "Some", true, d)
        } else {
            let mut arms = Vec::new();
            let mut b: f64 = 0.0;
            self.scope.push();
            let (pattern, guard) = self.bind_some(o);
            let value = self.expr(d);
            b = b.max(value.b);
            arms.push(Arm { pattern: pattern.clone(), guard, value: value.e });
            self.scope.pop();
            if arms[0].guard.is_some() {
                let value = self.expr(d);
                b = b.max(value.b);
                arms.push(Arm { pattern: "Some(_)".to_string(), guard: None, value: value.e });
            }
            (arms, b)
        };
        let none = self.expr(d);
        b = b.max(none.b);
        arms.push(Arm { pattern: "None".to_string(), guard: None, value: none.e });
        Ex { e: Expr::MatchOpt(Box::new(value), arms), b }
    }

    /// Binds the value of `Some(…)` of option `o` in the current scope: the pattern, and
    /// sometimes a guard on the value.
    pub fn bind_some(&mut self, o: &OptVar) -> (String, Option<Cond>) {
        let name = self.fresh(if o.float { "l" } else { "k" });
        let guard = if o.float {
            self.scope.add_float(FloatVar {
                name: name.clone(),
                mutable: false,
                bound: o.bound,
                by_ref: false,
                active: o.active,
                param: false,
            });
            self.rng.random_bool(0.3).then(|| {
                let cmp = [Cmp::Lt, Cmp::Gt][self.rng.random_range(0..2)];
                Cond::Float(Expr::Var(name.clone()), cmp, Expr::Lit(0.0))
            })
        } else {
            self.scope.add_int(IntVar { name: name.clone(), max: o.max });
            self.rng.random_bool(0.3).then(|| Cond::Int(format!("{name} > {}", self.rng.random_range(0..=o.max))))
        };
        (format!("Some({name})"), guard)
    }

    /// `if let Some(l) = o { a } else { b }` as a value.
    pub fn if_let_expr(&mut self, d: u32) -> Option<Ex> {
        let opts: Vec<OptVar> = self.scope.opts().into_iter().cloned().collect();
        let o = opts.get(self.rng.random_range(0..opts.len().max(1)))?.clone();
        Some(self.if_let_on(Expr::Var(o.name.clone()), &o, d))
    }

    /// `if let Some(l) = o { … } [else { … }]` as a statement.
    pub fn if_let_stmt(&mut self) -> Option<Stmt> {
        let opts: Vec<OptVar> = self.scope.opts().into_iter().cloned().collect();
        let o = opts.get(self.rng.random_range(0..opts.len().max(1)))?.clone();
        self.scope.push();
        self.nest += 1;
        let (pattern, _) = self.bind_some(&o);
        let cond = self.let_chain(Cond::Let(pattern, Box::new(Expr::Var(o.name.clone()))));
        let count = self.rng.random_range(1..=3);
        let then = self.stmts(count);
        self.nest -= 1;
        self.scope.pop();
        let otherwise = self.rng.random_bool(0.5).then(|| self.block());
        Some(Stmt::If { cond, then, otherwise })
    }

    /// `let Some(l) = o else { return e; };`, binding `l` for the rest of the block.
    pub fn let_else(&mut self) -> Option<Stmt> {
        let opts: Vec<OptVar> = self.scope.opts().into_iter().cloned().collect();
        let o = opts.get(self.rng.random_range(0..opts.len().max(1)))?.clone();
        let ret = self.ret.clone();
        let moving = self.features.return_moves_local;
        let value = self.value_of(&ret, true, moving, 2);
        self.returned = true;
        let (pattern, _) = self.bind_some(&o);
        if o.float {
            self.scope.add_opt(OptVar { known_some: true, ..o.clone() });
        }
        Some(Stmt::LetElse { pattern, value: Expr::Var(o.name), ret: value.e })
    }

    /// `let o: Option<usize> = if c { Some(k) } else { None };` (or `Option<F>` of a
    /// literal): an option built from integers.
    pub fn let_opt(&mut self) -> Option<Stmt> {
        // An option of an active struct's integer field counts as active, and binding its
        // part is refused ("binds parts of a value that carries a gradient"): plain integers
        // only.
        let ints: Vec<IntVar> = self.scope.ints().into_iter().filter(|v| is_word(&v.name)).cloned().collect();
        let v = ints.get(self.rng.random_range(0..ints.len().max(1)))?.clone();
        let k = self.rng.random_range(0..=v.max.max(1));
        let cond = Cond::Int(match self.rng.random_range(0..3) {
            0 => format!("{} < {}", v.name, k.max(1)),
            1 => format!("{} > {k}", v.name),
            _ => format!("{} % 2 == 0", v.name),
        });
        let float = self.rng.random_bool(0.5);
        let name = self.fresh("o");
        let (value, max) = if float {
            let v = f64::from(self.rng.random_range(-3..=3)) / 4.0;
            (Expr::Lit(v), 0)
        } else {
            let (k, max) = match self.rng.random_bool(0.5) {
                true => (IntExpr { text: v.name.clone(), max: v.max }, v.max),
                false => {
                    let k = self.rng.random_range(0..=3);
                    (IntExpr { text: k.to_string(), max: k }, k)
                }
            };
            (Expr::Int(k), max)
        };
        let bound = if float { OPT_FLOAT } else { 0.0 };
        self.scope.add_opt(OptVar { name: name.clone(), float, max, active: false, bound, known_some: false });
        Some(Stmt::LetOpt { name, float, cond, value })
    }

    /// An argument for an `Option` parameter: an option in scope, `None` or `Some(…)` of a
    /// constant.
    pub fn opt_arg(&mut self, float: bool) -> Arg {
        let same: Vec<OptVar> =
            self.scope.opts().into_iter().filter(|o| o.float == float && !o.active).cloned().collect();
        match (same.get(self.rng.random_range(0..same.len() + 2)), self.rng.random_bool(0.3)) {
            (Some(o), _) => Arg::Value(Expr::Var(o.name.clone())),
            // found/043: no bare `None` for an `Option` of an integer while the bug is open.
            (None, true) if float || self.features.none_to_integer_option => Arg::Value(Expr::Opt(None)),
            (None, true) => {
                let k = self.small_int(super::INT_PARAM_MAX - 1);
                Arg::Value(Expr::Opt(Some(Box::new(Expr::Int(k)))))
            }
            (None, false) if float => {
                let v = f64::from(self.rng.random_range(-4..=4)) / 4.0;
                Arg::Value(Expr::Opt(Some(Box::new(Expr::Lit(v)))))
            }
            (None, false) => {
                let k = self.small_int(super::INT_PARAM_MAX - 1);
                Arg::Value(Expr::Opt(Some(Box::new(Expr::Int(k)))))
            }
        }
    }

    /// `*name += e;` of an accumulator `&mut F` (by name).
    pub fn assign_to(&mut self, name: &str) -> Option<Stmt> {
        let (slot, var) = self.scope.floats().into_iter().find(|(_, v)| v.name == name).map(|(s, v)| (s, v.clone()))?;
        let e = self.expr(2);
        let e = self.squash(e, 4.0);
        let op = if self.rng.random_bool(0.7) { AssignOp::Add } else { AssignOp::Sub };
        let v = self.scope.float_mut(slot);
        v.bound += e.b;
        Some(Stmt::Assign { deref: var.by_ref, name: name.to_string(), op, value: e.e })
    }

    /// `let a = fill(&x, &mut y);` of a function taking `&mut` parameters: a local buffer (or
    /// a buffer this function was lent) and a `let mut` float (or an accumulator it was
    /// lent), made first when there is none.
    pub fn call_mut(&mut self) -> Vec<Stmt> {
        let callees: Vec<Signature> =
            self.callees.iter().filter(|c| c.params.iter().any(|p| p.ty.is_mut())).cloned().collect();
        let Some(callee) = callees.get(self.rng.random_range(0..callees.len().max(1))).cloned() else {
            return Vec::new();
        };
        // found/009, wider: a `Vec` by value beside a buffer lent `&mut`.
        if !self.features.moved_argument_beside_borrow && super::calls::moves_beside_borrow(&callee, self.structs) {
            return Vec::new();
        }
        // found/040
        if !self.features.two_lent_buffers && callee.params.iter().filter(|p| p.ty.is_mut()).count() > 1 {
            return Vec::new();
        }
        // found/034
        if !self.features.option_argument && callee.params.iter().any(|p| matches!(p.ty, ParamTy::Opt { .. })) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut targets = Vec::new();
        let mut args = Vec::new();
        let partial =
            callee.params.iter().any(|p| !p.wrt && (p.ty.differentiable() || matches!(p.ty, ParamTy::Opt { .. })));
        let strict = partial && !self.features.maybe_constant_to_wrt;
        for p in &callee.params {
            let arg = match p.ty {
                ParamTy::MutSeq { len, array } => {
                    let fits: Vec<_> = self
                        .scope
                        .slices()
                        .into_iter()
                        .map(|(_, s)| s.clone())
                        .filter(|s| s.writable && !self.frozen.contains(&s.name) && is_word(&s.name))
                        .filter(|s| s.len == len && (!array || s.container == Container::Array))
                        // found/046 (fixed): an array lent to a slice buffer.
                        .filter(|s| array || s.container != Container::Array || self.features.array_lent_to_slice)
                        .collect();
                    let s = match fits.get(self.rng.random_range(0..fits.len() + 1)) {
                        Some(s) => s.clone(),
                        None => {
                            let name = self.fresh("y");
                            let buffer = local_buffer(name.clone(), len, Container::Vec, 0.0);
                            let container = if array { Container::Array } else { Container::Vec };
                            let buffer = super::scope::SliceVar { container, ..buffer };
                            self.scope.add_slice(buffer.clone());
                            out.push(Stmt::LetBuf { name, len: IntExpr { text: len.to_string(), max: len }, array });
                            buffer
                        }
                    };
                    targets.push(s.name.clone());
                    match s.binding {
                        Binding::Ref => Arg::Value(Expr::Var(s.name)),
                        Binding::Place => Arg::MutBorrow(s.name),
                    }
                }
                ParamTy::MutFloat => {
                    let fits: Vec<FloatVar> = self
                        .scope
                        .floats()
                        .into_iter()
                        .map(|(_, v)| v.clone())
                        .filter(|v| v.mutable && is_word(&v.name))
                        .collect();
                    let v = match fits.get(self.rng.random_range(0..fits.len() + 1)) {
                        Some(v) => v.clone(),
                        None => {
                            out.push(self.let_float(true));
                            self.scope.floats()[0].1.clone()
                        }
                    };
                    targets.push(v.name.clone());
                    match v.by_ref {
                        true => Arg::Value(Expr::Var(v.name)),
                        false => Arg::MutBorrow(v.name),
                    }
                }
                _ => {
                    let arg = match strict && p.wrt {
                        true => self.active_arg(p.ty, 1),
                        false => self.arg(p.ty, p.wrt, false, 1),
                    };
                    match arg {
                        Some(a) => a,
                        None => return out,
                    }
                }
            };
            args.push(arg);
        }
        // Another argument reading a buffer lent `&mut` would not borrow-check.
        let others: Vec<&Arg> = args.iter().filter(|a| !matches!(a, Arg::MutBorrow(_))).collect();
        let text = format!("{others:?}");
        if targets.iter().any(|t| mentions(&text, t)) {
            return out;
        }
        let name = self.fresh("a");
        for t in &targets {
            if let Some((slot, _)) = self.scope.slices().into_iter().find(|(_, s)| &s.name == t) {
                let s = self.scope.slice_mut(slot);
                s.bound += callee.mut_bound;
            }
            if let Some((slot, _)) = self.scope.floats().into_iter().find(|(_, v)| &v.name == t) {
                let v = self.scope.float_mut(slot);
                v.bound += callee.mut_bound;
            }
        }
        let call = Expr::Call(callee.name.clone(), args);
        // found/038: the call is a statement while the bug is open.
        if !self.features.mut_call_result {
            out.push(Stmt::Expr(call));
            return out;
        }
        let value = self.squash(Ex { e: call, b: callee.bound }, VAR_LIMIT);
        out.push(self.let_active(name, value));
        out
    }
}

impl Gen<'_> {
    /// Whether `name` is a `&mut` parameter of this function, which may not be lent as a
    /// shared reference while found/031 is open.
    pub fn lent_mut(&self, name: &str) -> bool {
        // found/044: not inside a `vec![…]` literal while that bug is open.
        if self.features.mut_param_lent_shared && (self.in_literal == 0 || self.features.mut_param_lent_in_literal) {
            return false;
        }
        self.scope.floats().iter().any(|(_, v)| v.name == name && v.by_ref && v.mutable)
            || self.scope.slices().iter().any(|(_, s)| s.name == name && s.writable && s.binding == Binding::Ref)
    }
}

/// Whether `text` (a `Debug` printing) names `name` as a whole word.
pub fn mentions(text: &str, name: &str) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back().is_none_or(|c| !word(c));
        let after = text[at + name.len()..].chars().next().is_none_or(|c| !word(c));
        before && after
    })
}
