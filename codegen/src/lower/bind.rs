//! Bindings and writes: `let` (with a type, a tuple pattern, a borrow), assignments and
//! compound assignments to variables and places, `push`.

use super::Lowerer;
use crate::ir::{Kind, Op, Operand, Place, Role, Step, Stmt, StmtKind, StoreHow, Value, VarId};
use proc_macro2::Span;
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::{BinOp, Expr, Pat};

impl Lowerer {
    pub(super) fn local(&mut self, local: &syn::Local, out: &mut Vec<Stmt>) {
        let span = local.span();
        if let Some(init) = &local.init
            && let Some((_, diverge)) = &init.diverge
        {
            self.let_else(&local.pat, &init.expr, diverge, out);
            return;
        }
        let (pat, ty) = match &local.pat {
            Pat::Type(typed) => (&*typed.pat, Some(&*typed.ty)),
            other => (other, None),
        };
        match pat {
            Pat::Ident(ident) if ident.by_ref.is_none() && ident.subpat.is_none() => {
                let mutable = ident.mutability.is_some();
                match &local.init {
                    None => {
                        let kind = ty.map(super::signature::kind_of_type).unwrap_or(Kind::Unknown);
                        let var = self.bind_user(&ident.ident, kind, mutable, Role::User);
                        self.vars[var].ty = ty.map(ToTokens::to_token_stream);
                        out.push(Stmt { kind: StmtKind::Declare { var }, span });
                    }
                    Some(init) => match &*init.expr {
                        Expr::Closure(closure) if ty.is_none() => self.let_closure(&ident.ident, closure),
                        _ => self.let_binding(&ident.ident, mutable, ty, &init.expr, span, out),
                    },
                }
            }
            Pat::Wild(_) => {
                if let Some(init) = &local.init {
                    self.expr_stmt(&init.expr, out);
                }
            }
            Pat::Tuple(tuple) if ty.is_none() && local.init.is_some() => {
                let Some(init) = &local.init else { return };
                self.let_tuple(tuple, &init.expr, out);
            }
            Pat::Slice(array) if local.init.is_some() => {
                let Some(init) = &local.init else { return };
                self.let_array(array, ty, &init.expr, out);
            }
            _ => {
                let stmt = syn::Stmt::Local(local.clone());
                if self.may_be_active(&stmt) {
                    self.error_at(&pat, "this pattern is not supported in a differentiable function; bind a plain name, a tuple of names or an array of floats, and read fields by name (`p.x`)");
                }
                let inactive = self.inactive_stmt(&stmt);
                out.push(Stmt { kind: StmtKind::Inactive(inactive), span });
            }
        }
    }

    /// `let f = |x| body;`: nothing is computed here; each call `f(a)` is the body with `x`
    /// bound to `a`, lowered with the names visible here (see `call::inline_closure`).
    fn let_closure(&mut self, name: &syn::Ident, closure: &syn::ExprClosure) {
        if let Some(token) = &closure.capture {
            self.error_at(
                token,
                "a `move` closure cannot be differentiated (it copies what it captures when it is made); remove `move`",
            );
            return;
        }
        if let Some(problem) = closure_body_problem(&closure.body) {
            self.error_at(&closure.body, problem);
            return;
        }
        let scopes = self.scopes.clone();
        let var = self.bind_user(name, Kind::Unknown, false, Role::User);
        self.closures.push((var, closure.clone(), scopes));
    }

    /// `let [mut] name[: ty] = init;`
    pub(super) fn let_binding(
        &mut self,
        name: &syn::Ident,
        mutable: bool,
        ty: Option<&syn::Type>,
        init: &Expr,
        span: Span,
        out: &mut Vec<Stmt>,
    ) {
        // `let w = q;` with `q` a borrow is the same borrow (`let w = &c;`).
        let value = match self.alias_named(init).filter(|_| !mutable) {
            Some(place) => {
                let kind = self.place_kind(&place);
                self.define(Value::Alias(place), kind, init.span(), out)
            }
            None => self.expr(init, out),
        };
        let declared = ty.map(super::signature::kind_of_type);
        // The value is computed before the new name comes into scope (`let x = x + 1.0;`).
        let kind = declared.filter(|k| *k != Kind::Unknown).unwrap_or_else(|| self.kind_of(&value));
        let var = self.bind_user(name, kind, mutable, Role::User);
        self.vars[var].ty = ty.map(ToTokens::to_token_stream);
        if let Some(alias) = self.alias_target(&value, out)
            && !mutable
        {
            self.vars[var].alias_of = Some(alias);
        }
        // Rename the temporary that holds the value instead of copying it. Not the result of
        // an operation into a `mut` variable: rules such as exp's (`d·y`) read the result
        // by its name in the reverse sweep, and the variable may hold something else by then.
        if let (Operand::Var(t), Some(last)) = (&value, out.last_mut())
            && let StmtKind::Let { var: defined, value: defining } = &mut last.kind
            && *defined == *t
            && self.vars[*t].role == Role::Temp
            && !(mutable && matches!(defining, Value::Op(..)))
        {
            *defined = var;
            return;
        }
        out.push(Stmt { kind: StmtKind::Let { var, value: Value::Copy(value) }, span });
    }

    /// The place a freshly lowered `&place` value borrows.
    fn alias_target(&self, value: &Operand, out: &[Stmt]) -> Option<Place> {
        let Operand::Var(t) = value else { return None };
        match out.last().map(|s| &s.kind) {
            Some(StmtKind::Let { var, value: Value::Alias(place) }) if var == t => Some(place.clone()),
            _ => None,
        }
    }

    /// `let (a, b) = init;` → a temporary and one field read per name.
    fn let_tuple(&mut self, tuple: &syn::PatTuple, init: &Expr, out: &mut Vec<Stmt>) {
        let value = self.expr(init, out);
        let base = match value {
            Operand::Var(v) => v,
            Operand::Const(_) => {
                let stmt = Expr::Verbatim(init.to_token_stream());
                let inactive = self.inactive(&stmt);
                out.push(Stmt { kind: StmtKind::Inactive(inactive), span: init.span() });
                return;
            }
        };
        self.destructure(tuple, base, out);
    }

    /// `let [a, b] = init;` on an array of floats: one element read per name (`a = init[0]`),
    /// which for floats is what the pattern does. Refused where the macro cannot see that the
    /// array holds floats and is owned: moving other elements out, or binding references to
    /// the elements of a borrowed array, is not a read.
    fn let_array(&mut self, array: &syn::PatSlice, ty: Option<&syn::Type>, init: &Expr, out: &mut Vec<Stmt>) {
        let value = self.expr(init, out);
        let declared = ty.map(super::signature::kind_of_type).filter(|k| *k != Kind::Unknown);
        let kind = declared.unwrap_or_else(|| self.kind_of(&value));
        let base = match value {
            Operand::Var(v) if kind == Kind::Buffer(1) && !self.borrowed_params.contains(&v) => v,
            _ => {
                let advice = match value {
                    Operand::Var(v) if self.borrowed_params.contains(&v) => {
                        "an array pattern on a borrowed array binds references; index it instead (`let a = y[0];`)"
                    }
                    _ => {
                        "an array pattern needs an array of floats the macro can see: write its type (`let [a, b]: [f64; 2] = …`) or index it (`let a = y[0];`)"
                    }
                };
                self.error_at(array, advice);
                return;
            }
        };
        for (index, elem) in array.elems.iter().enumerate() {
            let var = match elem {
                Pat::Ident(ident) if ident.by_ref.is_none() && ident.subpat.is_none() => {
                    self.bind_user(&ident.ident, Kind::Scalar, ident.mutability.is_some(), Role::User)
                }
                Pat::Wild(_) => continue,
                Pat::Rest(_) => {
                    self.error_at(
                        elem,
                        "`..` is not supported in an array pattern; name every element or index the array",
                    );
                    return;
                }
                other => {
                    self.error_at(other, "only names and `_` are supported inside an array pattern");
                    continue;
                }
            };
            let position = syn::Index { index: index as u32, span: elem.span() };
            let place = Place { base, steps: vec![Step::Index(Operand::constant(quote::quote!(#position)))] };
            out.push(Stmt { kind: StmtKind::Let { var, value: Value::Read(place) }, span: elem.span() });
        }
    }

    /// One field read per element of `tuple` from `base`; a nested tuple pattern destructures
    /// its field in turn (`let (_, (gx, gy)) = f_grad(x, y);`).
    fn destructure(&mut self, tuple: &syn::PatTuple, base: VarId, out: &mut Vec<Stmt>) {
        let mut fields = Vec::new();
        for (index, elem) in tuple.elems.iter().enumerate() {
            let member = syn::Member::Unnamed(syn::Index { index: index as u32, span: elem.span() });
            let place = Place { base, steps: vec![Step::Field(member.to_token_stream())] };
            let (var, inner) = match elem {
                Pat::Ident(ident) if ident.by_ref.is_none() && ident.subpat.is_none() => {
                    (self.bind_user(&ident.ident, Kind::Unknown, ident.mutability.is_some(), Role::User), None)
                }
                // The field is still moved out, into a temporary, so that the tuple's adjoint
                // can be assembled from its fields'.
                Pat::Wild(_) => (self.new_temp(Kind::Unknown, elem.span()), None),
                Pat::Tuple(inner) => (self.new_temp(Kind::Unknown, elem.span()), Some(inner)),
                other => {
                    self.error_at(&other, "only names, `_` and tuples of them are supported inside a tuple pattern");
                    continue;
                }
            };
            out.push(Stmt { kind: StmtKind::Let { var, value: Value::Read(place) }, span: elem.span() });
            fields.push(var);
            if let Some(inner) = inner {
                self.destructure(inner, var, out);
            }
        }
        self.vars[base].destructured = Some(fields);
    }

    /// `left = right`, or `left op= right`.
    pub(super) fn assign(&mut self, left: &Expr, right: &Expr, op: Option<&BinOp>, span: Span, out: &mut Vec<Stmt>) {
        // A real expression (not verbatim tokens), so that local names in it get renamed.
        let whole = match op {
            Some(op) => Expr::Binary(syn::ExprBinary {
                attrs: Vec::new(),
                left: Box::new(left.clone()),
                op: *op,
                right: Box::new(right.clone()),
            }),
            None => Expr::Assign(syn::ExprAssign {
                attrs: Vec::new(),
                left: Box::new(left.clone()),
                eq_token: Default::default(),
                right: Box::new(right.clone()),
            }),
        };
        if !self.may_be_active(left) && !self.may_be_active(right) {
            let inactive = self.inactive(&whole);
            out.push(Stmt { kind: StmtKind::Inactive(inactive), span });
            return;
        }
        if let (Expr::Tuple(targets), None) = (left, op) {
            return self.assign_tuple(targets, right, span, out);
        }
        let Some(place) = self.place(left, out) else {
            self.error_at(&left, "only a variable, an element or a field can be assigned in a differentiable function; assign to the variable or element itself (`v[i] = x`)");
            return;
        };
        if self.written_param(&place, left.span()) {
            return;
        }
        let value = self.expr(right, out);
        let combined = match op {
            None => StoreHow::Set,
            Some(BinOp::AddAssign(_)) => StoreHow::Add,
            Some(BinOp::SubAssign(_)) => StoreHow::Sub,
            Some(other) => {
                let op = match other {
                    BinOp::MulAssign(_) => Op::Mul,
                    BinOp::DivAssign(_) => Op::Div,
                    BinOp::RemAssign(_) => Op::Rem,
                    _ => {
                        self.error_at(
                            &other,
                            "this compound assignment is not supported on values that carry a gradient",
                        );
                        return;
                    }
                };
                let old = self.load(&place, span, out);
                let new = self.op(op, vec![old, value], span, out);
                return self.store(place, StoreHow::Set, new, span, out);
            }
        };
        self.store(place, combined, value, span, out);
    }

    /// `(a, b) = (b, a + b);` or `(a, b) = g(x);`: every new value is computed (or moved out of
    /// the tuple) before any target is written, as Rust does, so a simultaneous update keeps
    /// its meaning; then each target is assigned in order. `_` skips a target.
    fn assign_tuple(&mut self, targets: &syn::ExprTuple, right: &Expr, span: Span, out: &mut Vec<Stmt>) {
        let values: Vec<Option<Operand>> = match right {
            Expr::Tuple(values) if values.elems.len() == targets.elems.len() => values
                .elems
                .iter()
                .map(|value| {
                    let operand = self.expr(value, out);
                    // A copy: a later target may be the variable this value was read from.
                    let kind = self.kind_of(&operand);
                    Some(self.define(Value::Copy(operand), kind, value.span(), out))
                })
                .collect(),
            _ => {
                let Operand::Var(base) = self.expr(right, out) else {
                    self.error_at(right, "assign a tuple of values (`(a, b) = (x, y)`) or a call's tuple result here");
                    return;
                };
                let mut fields = Vec::new();
                for (index, target) in targets.elems.iter().enumerate() {
                    let member = syn::Member::Unnamed(syn::Index { index: index as u32, span: target.span() });
                    let place = Place { base, steps: vec![Step::Field(member.to_token_stream())] };
                    let var = self.new_temp(Kind::Unknown, target.span());
                    out.push(Stmt { kind: StmtKind::Let { var, value: Value::Read(place) }, span: target.span() });
                    fields.push(var);
                }
                self.vars[base].destructured = Some(fields.clone());
                fields.into_iter().map(|v| Some(Operand::Var(v))).collect()
            }
        };
        for (target, value) in targets.elems.iter().zip(values) {
            if matches!(target, Expr::Infer(_)) {
                continue;
            }
            let (Some(value), Some(place)) = (value, self.place(target, out)) else {
                self.error_at(
                    target,
                    "only a variable, an element or a field can be a target of a tuple assignment; nest no tuples",
                );
                continue;
            };
            if !self.written_param(&place, target.span()) {
                self.store(place, StoreHow::Set, value, span, out);
            }
        }
    }

    /// Reads the current value of a place.
    fn load(&mut self, place: &Place, span: Span, out: &mut Vec<Stmt>) -> Operand {
        if place.steps.is_empty() {
            return self.read_var(place.base, span, out);
        }
        let kind = self.place_kind(place);
        self.define(Value::Read(place.clone()), kind, span, out)
    }

    fn store(&mut self, place: Place, how: StoreHow, value: Operand, span: Span, out: &mut Vec<Stmt>) {
        let kind = if place.steps.is_empty() {
            let var = place.base;
            match how {
                StoreHow::Set => StmtKind::Assign { var, value },
                StoreHow::Add => StmtKind::Update { var, subtract: false, value },
                StoreHow::Sub => StmtKind::Update { var, subtract: true, value },
            }
        } else {
            StmtKind::Store { place, how, value }
        };
        out.push(Stmt { kind, span });
    }

    /// Reports a write into a parameter that is not `mut` (its gradient is defined at entry).
    fn written_param(&mut self, place: &Place, span: Span) -> bool {
        let var = &self.vars[place.base];
        let is_param = matches!(var.role, Role::Param(_));
        if is_param && (!var.mutable || !place.steps.is_empty()) {
            let name = var.name.to_string();
            self.error(
                span,
                format!("cannot write into the parameter `{name}`; copy it into a local buffer first (`let mut y = {name}.to_vec();`)"),
            );
            return true;
        }
        false
    }

    pub(super) fn push(&mut self, call: &syn::ExprMethodCall, out: &mut Vec<Stmt>) {
        let Some(arg) = call.args.first() else { return };
        if !self.may_be_active(&Expr::MethodCall(call.clone())) {
            let inactive = self.inactive(&Expr::MethodCall(call.clone()));
            out.push(Stmt { kind: StmtKind::Inactive(inactive), span: call.span() });
            return;
        }
        let Some(place) = self.place(&call.receiver, out) else {
            self.error_at(
                &call.receiver,
                "`push` is supported on a local `Vec` variable only; bind the `Vec` with `let mut` first",
            );
            return;
        };
        if self.written_param(&place, call.receiver.span()) {
            return;
        }
        let value = self.expr(arg, out);
        if let (Kind::Unknown, Kind::Scalar) = (self.vars[place.base].kind, self.kind_of(&value))
            && place.steps.is_empty()
        {
            self.vars[place.base].kind = Kind::Buffer(1);
        }
        out.push(Stmt { kind: StmtKind::Push { place, value }, span: call.span() });
    }
}

/// Why a closure's body cannot be inlined at its calls, if it cannot: a `return` (or `?`)
/// would return from the caller.
fn closure_body_problem(body: &Expr) -> Option<&'static str> {
    use syn::visit::Visit;
    struct Finder(bool);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_expr_return(&mut self, _: &'ast syn::ExprReturn) {
            self.0 = true;
        }
        fn visit_expr_try(&mut self, _: &'ast syn::ExprTry) {
            self.0 = true;
        }
        // A nested closure's `return` is its own.
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    }
    let mut finder = Finder(false);
    finder.visit_expr(body);
    finder.0.then_some("a closure called in a differentiable function is inlined at each call, so its body cannot `return` or use `?`; make its value the last expression (`if … { a } else { b }`)")
}
