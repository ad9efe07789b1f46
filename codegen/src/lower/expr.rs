//! Expressions → three-address statements.
//!
//! ```text
//! let y = (x * x).sin() + c;        let __t0 = x * x;
//!                            ==>    let __t1 = __t0.sin();
//!                                   let y = __t1 + c;
//! ```
//!
//! An expression that reads no variable able to carry a gradient is kept whole
//! (`n as f64 * 0.5`, `i < n`), so inactive code comes out as the user wrote it.

use super::Lowerer;
use super::inactive::is_assignment;
use crate::ir::{Build, Kind, Op, Operand, Stmt, StmtKind, Unsupported, Value};
use proc_macro2::Span;
use quote::{ToTokens, quote};
use syn::spanned::Spanned;
use syn::{BinOp, Expr, UnOp};

impl Lowerer {
    /// Lowers `expr`, appending its statements to `out`, and returns its value.
    pub(super) fn expr(&mut self, expr: &Expr, out: &mut Vec<Stmt>) -> Operand {
        if !self.may_be_active(expr) && !contains_control_flow(expr) {
            return self.constant(expr, out);
        }
        match expr {
            Expr::Paren(e) => self.expr(&e.expr, out),
            Expr::Group(e) => self.expr(&e.expr, out),
            Expr::Lit(_) => Operand::constant(expr.to_token_stream()),
            Expr::Path(path) => self.path(path, out),
            Expr::Binary(bin) => self.binary(bin, out),
            Expr::Unary(unary) => self.unary(unary, out),
            Expr::Cast(cast) => self.cast(cast, out),
            Expr::MethodCall(call) => self.method_call(call, out),
            Expr::Call(call) if is_some(call) => {
                let item = self.expr(&call.args[0], out);
                self.define(Value::Build(Build::Some(item)), Kind::Composite, expr.span(), out)
            }
            Expr::Call(call) => self.call(call, out),
            Expr::Field(_) | Expr::Index(_) => self.read(expr, out),
            Expr::Reference(reference) => self.reference(reference, out),
            Expr::Macro(mac) => self.macro_expr(mac, out),
            Expr::Array(array) => {
                let elems = array.elems.iter().map(|e| self.expr(e, out)).collect();
                self.define(Value::Build(Build::ArrayList(elems)), Kind::Buffer(1), expr.span(), out)
            }
            Expr::Repeat(repeat) => {
                let elem = self.expr(&repeat.expr, out);
                let kind = buffer_of(self.kind_of(&elem));
                let len = repeat.len.to_token_stream();
                self.define(Value::Build(Build::ArrayRepeat { elem, len }), kind, expr.span(), out)
            }
            Expr::Tuple(tuple) => {
                let elems = tuple.elems.iter().map(|e| self.expr(e, out)).collect();
                self.define(Value::Build(Build::Tuple(elems)), Kind::Composite, expr.span(), out)
            }
            Expr::Struct(lit) => self.struct_literal(lit, out),
            // `o?` in a function returning an `Option`: `match o { Some(v) => v, None => return None }`.
            Expr::Try(try_expr) if self.returns_option => {
                let (inner, span) = (&try_expr.expr, try_expr.question_token.span);
                let m: Expr = syn::parse_quote_spanned!(span=> match #inner { Some(__some) => __some, None => return None });
                self.expr(&m, out)
            }
            Expr::If(if_expr) => self.if_value(if_expr, out),
            Expr::Match(m) if super::matching::is_parts_match(m) => self.unsupported(
                expr,
                "this `match` pattern binds parts of a value that carries a gradient, which is not supported yet; read the parts by field or index in the arm (`s.r`), or bind the whole value (`v => …`)".into(),
                out,
            ),
            Expr::Match(m) if self.may_be_active(expr) || contains_control_flow(expr) => {
                match self.match_as_if(m, out) {
                    Some(if_expr) => self.scoped(|cx| cx.if_value(&if_expr, out)),
                    None => Operand::constant(quote!(())),
                }
            }
            Expr::Match(_) => self.constant(expr, out),
            Expr::Block(block) if block.label.is_none() => self
                .scoped(|cx| cx.block_stmts(&block.block.stmts, out).unwrap_or_else(|| Operand::constant(quote!(())))),
            Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => {
                self.control_flow(expr, out);
                Operand::constant(quote!(::core::unreachable!()))
            }
            Expr::Closure(closure) => {
                self.error_at(
                    closure,
                    "closures are not supported in a differentiable function; write a `for` loop (inside `.map(...)` feeding `.sum()`, `.fold(...)` or `.collect()`, a closure is fine)",
                );
                Operand::constant(quote!(()))
            }
            Expr::Unsafe(block) => {
                self.error_at(
                    &block.unsafe_token,
                    "`unsafe` blocks are not supported in a differentiable function; move the unsafe code into a function with a hand-written `_vjp`",
                );
                Operand::constant(quote!(()))
            }
            other @ (Expr::Assign(_) | Expr::Let(_) | Expr::Range(_)) => {
                self.unsupported_effect(other, describe(other), out)
            }
            other => self.unsupported(other, describe(other), out),
        }
    }

    /// A verbatim constant expression, bound to a temporary unless it is a literal or name.
    pub(super) fn constant(&mut self, expr: &Expr, out: &mut Vec<Stmt>) -> Operand {
        if let Expr::Path(path) = expr
            && let Some(v) = path.path.get_ident().and_then(|i| self.lookup(&i.to_string()))
        {
            return self.read_var(v, path.span(), out);
        }
        if is_literal_like(expr) {
            return Operand::constant(expr.to_token_stream());
        }
        if let Expr::Paren(inner) = expr {
            return self.constant(&inner.expr, out);
        }
        if let Expr::Closure(_) | Expr::Unsafe(_) = expr {
            // Rejected even when inactive; see `expr`.
            return self.expr_unchecked(expr, out);
        }
        let kind = self.kind_of_inactive(expr);
        let inactive = self.inactive(expr);
        self.define(Value::Inactive(inactive), kind, expr.span(), out)
    }

    fn expr_unchecked(&mut self, expr: &Expr, out: &mut Vec<Stmt>) -> Operand {
        match expr {
            Expr::Closure(c) => {
                self.error_at(&c, "closures are not supported in a differentiable function; write a `for` loop (inside `.map(...)` feeding `.sum()`, `.fold(...)` or `.collect()`, a closure is fine)");
            }
            Expr::Unsafe(b) => {
                self.error_at(&b.unsafe_token, "`unsafe` blocks are not supported in a differentiable function; move the unsafe code into a function with a hand-written `_vjp`");
            }
            _ => {}
        }
        let _ = out;
        Operand::constant(quote!(()))
    }

    /// Code the macro cannot differentiate: kept verbatim, an error if it turns out active.
    pub(super) fn unsupported(&mut self, expr: &Expr, what: String, out: &mut Vec<Stmt>) -> Operand {
        self.unsupported_value(expr, what, false, out)
    }

    /// Like [`Self::unsupported`], for code with an effect the analysis cannot see (see
    /// [`Unsupported::strict`]).
    pub(super) fn unsupported_effect(&mut self, expr: &Expr, what: String, out: &mut Vec<Stmt>) -> Operand {
        self.unsupported_value(expr, what, true, out)
    }

    fn unsupported_value(&mut self, expr: &Expr, what: String, strict: bool, out: &mut Vec<Stmt>) -> Operand {
        let inactive = self.inactive(expr);
        let why = Unsupported { tokens: expr.to_token_stream(), message: what, strict };
        self.define(Value::Unsupported(inactive, why), Kind::Unknown, expr.span(), out)
    }

    fn path(&mut self, path: &syn::ExprPath, out: &mut Vec<Stmt>) -> Operand {
        let Some(v) = path.path.get_ident().and_then(|i| self.lookup(&i.to_string())) else {
            return Operand::constant(path.to_token_stream());
        };
        self.read_var(v, path.span(), out)
    }

    /// The current value of a variable. A mutable variable is copied into a temporary, so
    /// the value used here stays available after the variable changes.
    ///
    /// A borrowed float (`let q = &c;`, `for v in x.iter()`) is read as the float it points
    /// to: its value is what the computation uses, and a copy, unlike the reference, can be
    /// kept or recorded for the reverse sweep whatever happens to `c` afterwards.
    pub(super) fn read_var(&mut self, v: usize, span: Span, out: &mut Vec<Stmt>) -> Operand {
        if self.closures.iter().any(|(var, ..)| *var == v) {
            self.error(span, "a closure bound by `let` can only be called here (`f(x)`), not passed on; pass a `#[differentiable]` function, or write the closure where it is used (`.map(|v| …)`)");
            return Operand::constant(quote!(()));
        }
        if let Some(place) = self.vars[v].alias_of.clone() {
            if self.vars[v].kind.is_scalar() {
                return self.read_place(place, Kind::Scalar, span, out);
            }
            // A borrow of an element or field of unknown type, used as a value, is a float
            // (collections and structs are lent as places, `argument`): `q.hypot(x)` with
            // `let q = &t.a;` reads `t.a`.
            if !place.steps.is_empty() && self.vars[v].kind == Kind::Unknown {
                return self.read_place(place, Kind::Unknown, span, out);
            }
            if place.steps.is_empty() {
                return Operand::Var(v);
            }
        }
        if !self.vars[v].mutable {
            return Operand::Var(v);
        }
        if let Some(&(_, snapshot)) = self.snapshots.iter().find(|(var, _)| *var == v) {
            return Operand::Var(snapshot);
        }
        let kind = self.vars[v].kind;
        let snapshot = self.define(Value::Copy(Operand::Var(v)), kind, span, out);
        if let Operand::Var(s) = snapshot {
            self.snapshots.push((v, s));
        }
        snapshot
    }

    fn binary(&mut self, bin: &syn::ExprBinary, out: &mut Vec<Stmt>) -> Operand {
        let op = match bin.op {
            BinOp::Add(_) => Op::Add,
            BinOp::Sub(_) => Op::Sub,
            BinOp::Mul(_) => Op::Mul,
            BinOp::Div(_) => Op::Div,
            BinOp::Rem(_) => Op::Rem,
            op if is_assignment(&op) => {
                let e = Expr::Binary(bin.clone());
                return self.unsupported_effect(
                    &e,
                    "an assignment inside an expression is not supported; make it a statement of its own".into(),
                    out,
                );
            }
            _ if contains_let(&Expr::Binary(bin.clone())) => {
                let e = Expr::Binary(bin.clone());
                return self.unsupported_effect(&e, LET_IN_CONDITION.into(), out);
            }
            _ => {
                // Comparisons and boolean logic: a constant whatever the operands are (kept as
                // written, with `let` closures' calls evaluated first, as in a condition).
                let e = self.hoist_closure_calls(&Expr::Binary(bin.clone()), out);
                let inactive = self.inactive(&e);
                return self.define(Value::Inactive(inactive), Kind::Int, bin.span(), out);
            }
        };
        let left = self.expr(&bin.left, out);
        let right = self.expr(&bin.right, out);
        if self.kind_of(&left) == Kind::Composite {
            return self.operator_call(op, vec![left, right], bin.op.span(), out);
        }
        self.op(op, vec![left, right], bin.op.span(), out)
    }

    /// `a * b` on a user type (a derived struct): a call of its operator method, `a.mul(b)`,
    /// which chains through the forms `#[differentiable] impl Mul for T` writes — never the
    /// float rule. An impl that is not differentiated is rustc's error on the operator
    /// ("no method named `mul_vjp`").
    fn operator_call(&mut self, op: Op, args: Vec<Operand>, span: proc_macro2::Span, out: &mut Vec<Stmt>) -> Operand {
        let (name, operator) = match op {
            Op::Add => ("add", "Add"),
            Op::Sub => ("sub", "Sub"),
            Op::Mul => ("mul", "Mul"),
            Op::Div => ("div", "Div"),
            Op::Rem => ("rem", "Rem"),
            _ => ("neg", "Neg"),
        };
        let (name, operator) = (proc_macro2::Ident::new(name, span), Some(proc_macro2::Ident::new(operator, span)));
        let target = crate::ir::CallTarget::Method { name, operator };
        // The left operand is the receiver, passed as a place as a method call's is.
        let args = args
            .into_iter()
            .enumerate()
            .map(|(i, operand)| match operand {
                Operand::Var(base) if i == 0 => crate::ir::Arg::Receiver(crate::ir::Place { base, steps: Vec::new() }),
                other => crate::ir::Arg::Value(other),
            })
            .collect();
        let result = self.active_call(target, args, span, out);
        // The result is taken for a value of the same type (`Output = Self`, as for complex
        // numbers and vectors), so that `a * b - c` chains too. Were it a float (a dot
        // product's `Mul`), a float operation on it would be a method call rustc rejects —
        // a compile error, never a float rule applied to a struct.
        if let Operand::Var(v) = &result {
            self.vars[*v].kind = Kind::Composite;
        }
        result
    }

    fn unary(&mut self, unary: &syn::ExprUnary, out: &mut Vec<Stmt>) -> Operand {
        match unary.op {
            UnOp::Neg(_) => {
                let arg = self.expr(&unary.expr, out);
                if self.kind_of(&arg) == Kind::Composite {
                    return self.operator_call(Op::Neg, vec![arg], unary.span(), out);
                }
                self.op(Op::Neg, vec![arg], unary.span(), out)
            }
            UnOp::Deref(_) => self.read(&Expr::Unary(unary.clone()), out),
            _ => {
                let e = Expr::Unary(unary.clone());
                let inactive = self.inactive(&e);
                self.define(Value::Inactive(inactive), Kind::Int, unary.span(), out)
            }
        }
    }

    fn cast(&mut self, cast: &syn::ExprCast, out: &mut Vec<Stmt>) -> Operand {
        let target = super::signature::kind_of_type(&cast.ty);
        if target != Kind::Scalar {
            // `x as usize`: the result carries no gradient.
            let e = Expr::Cast(cast.clone());
            let inactive = self.inactive(&e);
            return self.define(Value::Inactive(inactive), target, cast.span(), out);
        }
        let arg = self.expr(&cast.expr, out);
        let ty = cast.ty.to_token_stream();
        self.define(Value::Cast(arg, ty), Kind::Scalar, cast.span(), out)
    }

    fn reference(&mut self, reference: &syn::ExprReference, out: &mut Vec<Stmt>) -> Operand {
        if reference.mutability.is_some() {
            // A write through the borrow would be invisible to the analysis: reject it even
            // before knowing whether the value ends up active.
            self.error_at(&reference, "a `&mut` borrow of a value that may carry a gradient is not supported; assign through the place itself (`y[i] = …`)");
            return Operand::constant(quote!(()));
        }
        let place = match self.place(&reference.expr, out) {
            Some(place) => place,
            None => {
                let value = self.expr(&reference.expr, out);
                match value {
                    Operand::Var(v) => crate::ir::Place { base: v, steps: Vec::new() },
                    other => return other,
                }
            }
        };
        let kind = self.place_kind(&place);
        self.define(Value::Alias(place), kind, reference.span(), out)
    }

    fn macro_expr(&mut self, mac: &syn::ExprMacro, out: &mut Vec<Stmt>) -> Operand {
        if mac.mac.path.is_ident("vec")
            && let Some(value) = self.vec_macro(&mac.mac, out)
        {
            return value;
        }
        let name = mac.mac.path.to_token_stream().to_string();
        let e = Expr::Macro(mac.clone());
        self.unsupported(
            &e,
            format!("the macro `{name}!` cannot be differentiated; compute the value with plain expressions"),
            out,
        )
    }

    fn vec_macro(&mut self, mac: &syn::Macro, out: &mut Vec<Stmt>) -> Option<Operand> {
        let span = mac.span();
        if let Ok(repeat) = mac.parse_body::<VecRepeat>() {
            let elem = self.expr(&repeat.elem, out);
            let len = self.expr(&repeat.len, out);
            let kind = buffer_of(self.kind_of(&elem));
            return Some(self.define(Value::Build(Build::VecRepeat { elem, len }), kind, span, out));
        }
        let list = mac.parse_body_with(syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated).ok()?;
        let elems: Vec<Operand> = list.iter().map(|e| self.expr(e, out)).collect();
        let kind = elems.first().map(|e| buffer_of(self.kind_of(e))).unwrap_or(Kind::Buffer(1));
        Some(self.define(Value::Build(Build::VecList(elems)), kind, span, out))
    }

    fn struct_literal(&mut self, lit: &syn::ExprStruct, out: &mut Vec<Stmt>) -> Operand {
        if lit.rest.is_some() || lit.qself.is_some() {
            let e = Expr::Struct(lit.clone());
            return self.unsupported(
                &e,
                "struct update syntax (`..base`) is not supported; list every field".into(),
                out,
            );
        }
        let mut fields = Vec::new();
        for field in &lit.fields {
            let value = self.expr(&field.expr, out);
            fields.push((field.member.to_token_stream(), value));
        }
        let path = lit.path.to_token_stream();
        self.define(Value::Build(Build::Struct { path, fields }), Kind::Composite, lit.span(), out)
    }

    /// `if` used as a value: `let y = if c { a } else { b };`.
    fn if_value(&mut self, if_expr: &syn::ExprIf, out: &mut Vec<Stmt>) -> Operand {
        let result = self.new_temp(Kind::Unknown, if_expr.span());
        self.vars[result].mutable = false;
        out.push(Stmt { kind: StmtKind::Declare { var: result }, span: if_expr.span() });
        self.if_stmt(if_expr, Some(result), out);
        Operand::Var(result)
    }
}

/// `vec![elem; len]`.
pub(crate) struct VecRepeat {
    elem: Expr,
    /// The length.
    pub(crate) len: Expr,
}

impl syn::parse::Parse for VecRepeat {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        let elem = input.parse()?;
        input.parse::<syn::Token![;]>()?;
        let len = input.parse()?;
        Ok(VecRepeat { elem, len })
    }
}

/// The kind of a collection whose elements have kind `elem`.
fn buffer_of(elem: Kind) -> Kind {
    match elem {
        Kind::Scalar | Kind::ScalarRef => Kind::Buffer(1),
        Kind::Buffer(d) => Kind::Buffer(d + 1),
        Kind::Int => Kind::Int,
        _ => Kind::Unknown,
    }
}

fn is_literal_like(expr: &Expr) -> bool {
    match expr {
        Expr::Lit(_) | Expr::Path(_) => true,
        Expr::Unary(u) if matches!(u.op, UnOp::Neg(_)) => matches!(&*u.expr, Expr::Lit(_)),
        Expr::Paren(p) => is_literal_like(&p.expr),
        _ => false,
    }
}

/// Whether lowering must look inside even an inactive expression (it may leave the function).
pub(super) fn contains_control_flow(expr: &Expr) -> bool {
    use syn::visit::Visit;
    struct Finder(bool);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_expr(&mut self, e: &'ast Expr) {
            match e {
                // `o?` returns early too, even from a constant expression (`g(-0.5)?`).
                Expr::Return(_)
                | Expr::Break(_)
                | Expr::Continue(_)
                | Expr::Try(_)
                | Expr::Closure(_)
                | Expr::Unsafe(_) => self.0 = true,
                _ => syn::visit::visit_expr(self, e),
            }
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut finder = Finder(false);
    finder.visit_expr(expr);
    finder.0
}

/// Whether `let` appears in the expression (a let chain: `a && let Some(y) = b`).
pub(super) fn contains_let(expr: &Expr) -> bool {
    match expr {
        Expr::Let(_) => true,
        Expr::Binary(b) => contains_let(&b.left) || contains_let(&b.right),
        Expr::Paren(p) => contains_let(&p.expr),
        _ => false,
    }
}

/// A condition that is one `let` followed by plain conditions (`let P = e`, `let P = e && c1
/// && c2`): the `let` and the conditions joined, which `if` reads as a `match` guard.
pub(super) fn leading_let(cond: &Expr) -> Option<(&syn::ExprLet, Option<Expr>)> {
    fn flatten<'e>(expr: &'e Expr, out: &mut Vec<&'e Expr>) {
        match expr {
            Expr::Binary(b) if matches!(b.op, BinOp::And(_)) => {
                flatten(&b.left, out);
                flatten(&b.right, out);
            }
            other => out.push(other),
        }
    }
    let mut parts = Vec::new();
    flatten(cond, &mut parts);
    let (Expr::Let(first), rest) = parts.split_first()? else { return None };
    if rest.iter().any(|e| contains_let(e)) {
        return None;
    }
    let guard = rest.iter().map(|e| (*e).clone()).reduce(|a, b| syn::parse_quote!(#a && #b));
    Some((first, guard))
}

pub(super) const LET_IN_CONDITION: &str = "a let chain is supported when its one `let` comes first and the rest are plain conditions (`if let Some(t) = o && t > 0.0`); bind the other values before the `if`";

/// What to call a construct in an error message, and what to do instead.
fn describe(expr: &Expr) -> String {
    match expr {
        Expr::Match(_) => "`match` is not supported in a differentiable function; use `if` / `else if`".into(),
        Expr::Loop(_) | Expr::While(_) | Expr::ForLoop(_) => {
            "a loop used as a value is not supported; assign to a variable inside the loop".into()
        }
        Expr::Try(_) => {
            "`?` is supported on an `Option` in a function that returns an `Option`; here, handle the `None` first (`let Some(v) = g(x) else { … };`)".into()
        }
        Expr::Async(_) | Expr::Await(_) => "`async` code is not supported in a differentiable function".into(),
        Expr::Let(_) => LET_IN_CONDITION.into(),
        Expr::Range(_) => "a range is only supported as the iterator of a `for` loop".into(),
        Expr::Assign(_) => "an assignment inside an expression is not supported; make it a statement of its own".into(),
        Expr::Block(_) => {
            "labeled blocks are not supported in a differentiable function; use `if`/`else` or a flag variable".into()
        }
        other => format!("this expression (`{}`) cannot be differentiated", short(other)),
    }
}

fn short(expr: &Expr) -> String {
    let text = expr.to_token_stream().to_string();
    if text.chars().count() > 40 { format!("{}…", text.chars().take(40).collect::<String>()) } else { text }
}

/// `Some(e)` (or `Option::Some(e)`): an `Option` built around a value.
fn is_some(call: &syn::ExprCall) -> bool {
    let Expr::Path(path) = &*call.func else { return false };
    let names: Vec<String> = path.path.segments.iter().map(|s| s.ident.to_string()).collect();
    let some = matches!(names.as_slice(), [.., last] if last == "Some")
        && names[..names.len() - 1].iter().all(|n| matches!(n.as_str(), "Option" | "option" | "core" | "std"));
    some && call.args.len() == 1
}
