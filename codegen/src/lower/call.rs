//! Calls and methods: float methods and their path forms, calls chained through `_vjp`,
//! their arguments.

use super::Lowerer;
use super::inactive::is_constant_method;
use crate::ir::{Arg, Build, Call, CallTarget, Kind, Op, Operand, Role, Stmt, Value};
use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use syn::Expr;
use syn::spanned::Spanned;

/// The op of a float method of the op table, if `name` is one (`sin`, `floor`, …).
pub(super) fn float_method(name: &str) -> Option<Op> {
    crate::ops::by_method(name).map(|d| d.op)
}

/// Number of arguments a float method takes besides its receiver.
pub fn float_method_arity(op: Op) -> usize {
    crate::ops::def(op).arity.saturating_sub(1)
}

/// Methods that change a collection in place, which the macro cannot differentiate.
const MUTATING_METHODS: &[&str] = &[
    "fill",
    "swap",
    "sort",
    "sort_by",
    "sort_unstable",
    "clear",
    "extend",
    "extend_from_slice",
    "insert",
    "remove",
    "truncate",
    "resize",
    "iter_mut",
    "reverse",
    "rotate_left",
    "rotate_right",
    "pop",
    "drain",
    "retain",
    "dedup",
    "copy_from_slice",
    "clone_from_slice",
    "as_mut_slice",
    "get_mut",
    "last_mut",
    "first_mut",
    // Mutable views: writes through them would not be seen as writes of the collection.
    "split_at_mut",
    "split_first_mut",
    "split_last_mut",
    "split_mut",
    "chunks_mut",
    "chunks_exact_mut",
    "rchunks_mut",
    "swap_with_slice",
    "fill_with",
    "sort_by_key",
    "sort_unstable_by",
    "sort_unstable_by_key",
    "append",
    "split_off",
];

impl Lowerer {
    pub(super) fn method_call(&mut self, call: &syn::ExprMethodCall, out: &mut Vec<Stmt>) -> Operand {
        let name = call.method.to_string();
        if let Some(op) = float_method(&name) {
            return self.float_method_call(call, op, out);
        }
        if let Some(ops) = crate::ops::tuple_method(&name)
            && call.args.is_empty()
        {
            return self.tuple_method_call(call, ops, out);
        }
        if is_constant_method(&name) {
            let e = Expr::MethodCall(call.clone());
            let kind = self.kind_of_inactive(&e);
            let inactive = self.inactive(&e);
            return self.define(Value::Inactive(inactive), kind, call.span(), out);
        }
        if let Some(value) = self.iterator_chain(call, out) {
            return value;
        }
        // `o.unwrap_or(d)` is `match o { Some(v) => v, None => d }`.
        if name == "unwrap_or" && call.args.len() == 1 {
            let (receiver, default) = (&call.receiver, &call.args[0]);
            let span = call.span();
            let m: Expr =
                syn::parse_quote_spanned!(span=> match #receiver { Some(__some) => __some, None => #default });
            return self.expr(&m, out);
        }
        if super::place::is_unwrap(call) {
            let e = Expr::MethodCall(call.clone());
            if let Some(place) = self.place(&e, out) {
                let kind = self.place_kind(&place);
                return self.define(Value::Read(place), kind, call.span(), out);
            }
        }
        if matches!(name.as_str(), "clone" | "to_vec" | "to_owned") && call.args.is_empty() {
            return self.clone_call(call, out);
        }
        if MUTATING_METHODS.contains(&name.as_str()) {
            let e = Expr::MethodCall(call.clone());
            return self.unsupported_effect(
                &e,
                format!("`{name}` changes a collection in place, which cannot be differentiated here; write the loop that changes the elements"),
                out,
            );
        }
        let receiver = self.receiver_place(&call.receiver, out);
        if self.vars[receiver.base].kind.is_scalar() && receiver.steps.is_empty() {
            self.error(
                call.method.span(),
                format!("`{name}` is not a float method with a known derivative; use one of {}, or call a function that has a `_vjp`", crate::ops::method_names()),
            );
            return Operand::constant(crate::names::float_literal(0.0));
        }
        if matches!(name.as_str(), "get" | "get_mut") && matches!(self.place_kind(&receiver), Kind::Buffer(_)) {
            let e = Expr::MethodCall(call.clone());
            return self.unsupported(
                &e,
                format!("`{name}` of a collection that carries a gradient gives an `Option` of a reference, which cannot be differentiated; test the index and read the element (`if i < x.len() {{ … x[i] … }}`)"),
                out,
            );
        }
        if call.turbofish.is_some() {
            let e = Expr::MethodCall(call.clone());
            return self.unsupported(
                &e,
                "a method call with explicit generic arguments (`::<…>`) cannot be differentiated; call a non-generic method (with its `_vjp`) instead".into(),
                out,
            );
        }
        let mut args = vec![Arg::Receiver(receiver)];
        for arg in &call.args {
            args.push(self.argument(arg, out));
        }
        let target = CallTarget::Method { name: call.method.clone(), operator: None };
        self.active_call(target, args, call.span(), out)
    }

    /// `x.sin_cos()`: the tuple of its operations' results (`(x.sin(), x.cos())`, as std
    /// computes it).
    fn tuple_method_call(&mut self, call: &syn::ExprMethodCall, ops: &[Op], out: &mut Vec<Stmt>) -> Operand {
        let x = self.expr(&call.receiver, out);
        self.tuple_of_ops(x, ops, call.method.span(), out)
    }

    fn tuple_of_ops(&mut self, x: Operand, ops: &[Op], span: Span, out: &mut Vec<Stmt>) -> Operand {
        let items = ops.iter().map(|op| self.op(*op, vec![x.clone()], span, out)).collect();
        self.define(Value::Build(Build::Tuple(items)), Kind::Composite, span, out)
    }

    fn float_method_call(&mut self, call: &syn::ExprMethodCall, op: Op, out: &mut Vec<Stmt>) -> Operand {
        if call.args.len() != float_method_arity(op) {
            let e = Expr::MethodCall(call.clone());
            return self.constant(&e, out);
        }
        let mut args = vec![self.expr(&call.receiver, out)];
        for arg in &call.args {
            args.push(self.expr(arg, out));
        }
        self.op(op, args, call.method.span(), out)
    }

    /// The first argument of a float method called in path form, given the path's type so
    /// that it can be a method's receiver: `f64::atan2(2.0 * 0.75, x)` is emitted as
    /// `__t0.atan2(x)`, which needs `let __t0: f64 = 2.0 * 0.75;` (an untyped `{float}` has no
    /// methods), and `f64::min(0.2, x)` as `0.2f64.min(x)`.
    fn typed_receiver(&mut self, operand: &Operand, ty: &syn::Ident) -> Operand {
        match operand {
            Operand::Var(v) => {
                let var = &mut self.vars[*v];
                if var.ty.is_none() && var.role == Role::Temp {
                    var.ty = Some(ty.to_token_stream());
                }
                operand.clone()
            }
            Operand::Const(c) => match syn::parse2::<syn::LitFloat>(c.tokens.clone()) {
                Ok(lit) if lit.suffix().is_empty() => {
                    let typed = syn::LitFloat::new(&format!("{}{ty}", lit.base10_digits()), lit.span());
                    Operand::constant(typed.to_token_stream())
                }
                Ok(_) => operand.clone(),
                Err(_) => {
                    let tokens = &c.tokens;
                    Operand::constant(quote!(::core::convert::identity::<#ty>(#tokens)))
                }
            },
        }
    }

    fn clone_call(&mut self, call: &syn::ExprMethodCall, out: &mut Vec<Stmt>) -> Operand {
        let place = self.receiver_place(&call.receiver, out);
        let kind = self.place_kind(&place);
        if kind.is_scalar() {
            let value = self.expr(&call.receiver, out);
            return self.define(Value::Copy(value), Kind::Scalar, call.span(), out);
        }
        self.define(Value::Build(Build::Clone(place, call.method.clone())), kind, call.span(), out)
    }

    /// `::backprop::__private::lend(&a)`, which `mutref` writes for an array lent `&mut`: a
    /// copy of the array in the type the callee takes (see `mutref::array_names`).
    fn lend_call(&mut self, lent: &Expr, call: &syn::ExprCall, out: &mut Vec<Stmt>) -> Operand {
        let place = self.receiver_place(lent, out);
        let kind = self.place_kind(&place);
        let lend = syn::Ident::new(crate::mutref::LEND, call.span());
        self.define(Value::Build(Build::Clone(place, lend)), kind, call.span(), out)
    }

    pub(super) fn call(&mut self, call: &syn::ExprCall, out: &mut Vec<Stmt>) -> Operand {
        if let Expr::Path(func) = &*call.func
            && let Some(v) = func.path.get_ident().and_then(|i| self.lookup(&i.to_string()))
            && let Some(index) = self.closures.iter().position(|(var, ..)| *var == v)
        {
            return self.inline_closure(index, call, out);
        }
        let Expr::Path(func) = &*call.func else {
            let e = Expr::Call(call.clone());
            return self.unsupported(&e, "only calls of named functions can be differentiated".into(), out);
        };
        if let Some(lent) = crate::mutref::lent_array(func, &call.args) {
            return self.lend_call(lent, call, out);
        }
        if let Some(op) = float_function(&func.path)
            && call.args.len() == float_method_arity(op) + 1
        {
            let mut args: Vec<Operand> = call.args.iter().map(|a| self.expr(a, out)).collect();
            // `f64::min(0.2, x)` becomes `0.2f64.min(x)`: a method call needs the
            // receiver's type, which the path gave.
            if let (Some(first), Some(ty)) = (args.first_mut(), float_type(&func.path)) {
                *first = self.typed_receiver(first, &ty);
            }
            return self.op(op, args, call.span(), out);
        }
        if let Some(ops) = float_type_function(&func.path).and_then(|n| crate::ops::tuple_method(&n))
            && call.args.len() == 1
        {
            let x = self.expr(&call.args[0], out);
            let x = match float_type(&func.path) {
                Some(ty) => self.typed_receiver(&x, &ty),
                None => x,
            };
            return self.tuple_of_ops(x, ops, call.span(), out);
        }
        if float_type_function(&func.path).is_some_and(|n| is_constant_method(&n)) {
            let e = Expr::Call(call.clone());
            let inactive = self.inactive(&e);
            return self.define(Value::Inactive(inactive), Kind::Scalar, call.span(), out);
        }
        let Some(last) = func.path.segments.last() else {
            return Operand::constant(quote!(()));
        };
        // `stop_gradient(e)` is `e` as a constant in every mode: copied as written.
        if last.ident == "stop_gradient" && call.args.len() == 1 && matches!(last.arguments, syn::PathArguments::None) {
            let e = Expr::Call(call.clone());
            let kind = self.kind_of_inactive(&call.args[0]);
            let inactive = self.inactive(&e);
            return self.define(Value::Inactive(inactive), kind, call.span(), out);
        }
        let mut prefix = func.path.clone();
        prefix.segments.pop();
        let prefix = prefix.to_token_stream();
        let generics = match &last.arguments {
            syn::PathArguments::None => TokenStream::new(),
            syn::PathArguments::AngleBracketed(arguments) => arguments.to_token_stream(),
            syn::PathArguments::Parenthesized(_) => {
                let e = Expr::Call(call.clone());
                return self.unsupported(
                    &e,
                    "a call through a `Fn(…)` path cannot be differentiated; call the function by its name".into(),
                    out,
                );
            }
        };
        let args = call.args.iter().map(|a| self.argument(a, out)).collect();
        let target = CallTarget::Path { prefix, name: last.ident.clone(), generics };
        self.active_call(target, args, call.span(), out)
    }

    /// `f(a, b)` with `let f = |x, y| body;`: the arguments are evaluated here, then the body
    /// is lowered with `x`, `y` bound to them and every other name resolved where the closure
    /// was written, as the closure would read them. Its value is the call's.
    fn inline_closure(&mut self, index: usize, call: &syn::ExprCall, out: &mut Vec<Stmt>) -> Operand {
        let (_, closure, scopes) = self.closures[index].clone();
        if closure.inputs.len() != call.args.len() {
            let e = Expr::Call(call.clone());
            return self.unsupported(&e, "this call does not pass the closure its parameters".into(), out);
        }
        // Each parameter is bound here, where its argument is evaluated, as `let a = arg;`
        // would bind it (a borrow `&x[1..]` stays a borrow of that place, so its gradient
        // lands there); the name then moves to the closure's scope.
        let mut params = Vec::new();
        for (pat, arg) in closure.inputs.iter().zip(&call.args) {
            let (pat, ty) = match pat {
                syn::Pat::Type(typed) => (&*typed.pat, Some(&*typed.ty)),
                other => (other, None),
            };
            match pat {
                syn::Pat::Ident(ident) if ident.by_ref.is_none() && ident.subpat.is_none() => {
                    self.push_scope();
                    self.let_binding(&ident.ident, ident.mutability.is_some(), ty, arg, arg.span(), out);
                    let bound = self.scopes.pop().unwrap_or_default();
                    params.extend(bound);
                }
                syn::Pat::Wild(_) => {
                    self.expr_stmt(arg, out);
                }
                other => self.error_at(other, "a closure called in a differentiable function takes names (`|x, y: f64| …`); destructure in its body"),
            }
        }
        let here = std::mem::replace(&mut self.scopes, scopes);
        let value = self.scoped(|cx| {
            if let Some(scope) = cx.scopes.last_mut() {
                scope.extend(params);
            }
            match &*closure.body {
                // `|v| total += v`: an assignment is the body's statement, its value `()`.
                body @ (Expr::Assign(_)
                | Expr::Binary(syn::ExprBinary {
                    op:
                        syn::BinOp::AddAssign(_)
                        | syn::BinOp::SubAssign(_)
                        | syn::BinOp::MulAssign(_)
                        | syn::BinOp::DivAssign(_),
                    ..
                })) => {
                    cx.expr_stmt(body, out);
                    Operand::constant(quote!(()))
                }
                body => cx.expr(body, out),
            }
        });
        self.scopes = here;
        self.snapshots.clear();
        self.memo.clear();
        value
    }

    /// A call that chains through `_vjp` if analysis finds it active (else it is emitted as
    /// the plain call).
    pub(super) fn active_call(
        &mut self,
        target: CallTarget,
        args: Vec<Arg>,
        span: Span,
        out: &mut Vec<Stmt>,
    ) -> Operand {
        let id = self.counts.calls;
        self.counts.calls += 1;
        let pullback = self.new_bookkeeping("pb", id, Role::Pullback, span);
        let markers = self.new_bookkeeping("args", id, Role::Markers, span);
        let recursive = match &target {
            CallTarget::Path { prefix, name, .. } => {
                let prefix = prefix.to_string().replace(' ', "");
                *name == self.fn_name && (prefix.is_empty() || prefix == "Self::")
            }
            CallTarget::Method { name, .. } => *name == self.fn_name,
        };
        let call = Call { id, target, args, span, pullback, markers, jvp_depth: 0, recursive };
        self.define(Value::Call(call), Kind::Unknown, span, out)
    }

    /// An argument: `&place` is passed by reference, anything else by value. A name bound
    /// to a borrow (`let row = &m[i]; g(row)`) is passed as the borrow itself (`g(&m[i])`):
    /// the same reference, which the call's snapshot and recomputation can then follow.
    fn argument(&mut self, arg: &Expr, out: &mut Vec<Stmt>) -> Arg {
        if let Some(place) = self.alias_named(arg) {
            return Arg::Ref(place);
        }
        if let Expr::Reference(reference) = arg {
            if reference.mutability.is_some() {
                if self.may_be_active(&reference.expr) {
                    self.error_at(&reference, "passing `&mut` to a call is not supported in a differentiable function: the gradient of a mutation is not defined; pass `&` and return the new value");
                }
                return Arg::Value(self.constant(arg, out));
            }
            if let Some(place) = self.place(&reference.expr, out) {
                return Arg::Ref(place);
            }
            let value = self.expr(&reference.expr, out);
            return match value {
                Operand::Var(v) => Arg::Ref(crate::ir::Place { base: v, steps: Vec::new() }),
                // A borrowed constant (`g(&0.5)`) stays borrowed.
                Operand::Const(c) => {
                    let tokens = c.tokens;
                    Arg::Value(Operand::constant(quote!(&#tokens)))
                }
            };
        }
        Arg::Value(self.expr(arg, out))
    }

    /// The place borrowed by the variable `expr` names, if it is bound to a borrow.
    pub(super) fn alias_named(&self, expr: &Expr) -> Option<crate::ir::Place> {
        let path = match expr {
            Expr::Path(path) => path,
            Expr::Paren(e) => return self.alias_named(&e.expr),
            _ => return None,
        };
        let v = self.lookup(&path.path.get_ident()?.to_string())?;
        self.vars[v].alias_of.clone()
    }
}

/// `f64::sin` and friends called as functions.
fn float_function(path: &syn::Path) -> Option<Op> {
    float_type_function(path).and_then(|name| float_method(&name))
}

/// `name` in `f32::name` / `f64::name` (also `std::f64::name`).
fn float_type_function(path: &syn::Path) -> Option<String> {
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    match segments.as_slice() {
        [ty, name] if ty == "f32" || ty == "f64" || is_float_param_name(ty) => Some(name.clone()),
        [root, ty, name] if (root == "std" || root == "core") && (ty == "f32" || ty == "f64") => Some(name.clone()),
        _ => None,
    }
}

/// `f32` or `f64` in a path like `f64::sin`.
fn float_type(path: &syn::Path) -> Option<syn::Ident> {
    let n = path.segments.len();
    path.segments
        .iter()
        .nth(n.checked_sub(2)?)
        .map(|s| s.ident.clone())
        .filter(|t| t == "f32" || t == "f64" || crate::names::is_float_param(t))
}

/// `T` of `T::sin(x)` in a function generic over its float type `T`.
fn is_float_param_name(name: &str) -> bool {
    crate::names::is_float_param(&syn::Ident::new(name, proc_macro2::Span::call_site()))
}
