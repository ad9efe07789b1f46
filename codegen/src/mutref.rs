//! `&mut` parameters and arguments, rewritten into values before lowering.
//!
//! A function that fills a buffer (`fn rhs(y: &[f64], dy: &mut [f64])`, as ODE code is
//! written) is, for differentiation, a function from the buffer's initial contents to its
//! final ones. So `#[differentiable]` writes that function, `rhs_owned`, which takes each
//! `&mut` parameter by value and returns it beside the value:
//!
//! ```text
//! fn rhs(y: &[f64], dy: &mut [f64]) -> R               // the user's, unchanged
//! fn rhs_owned(y: &[f64], mut dy: Vec<f64>) -> (R, (Vec<f64>,))   // differentiated as usual
//! fn rhs_vjp(y, dy: &mut [f64]) -> (R, impl FnOnce(R, Vec<f64>) -> (ȳ, d̄y₀))
//! fn rhs_jvp(y, dy: &mut [f64], ẏ, d̈y: &mut [f64]) -> (R, Ṙ)   // writes dy and its tangent
//! ```
//!
//! `rhs_vjp`'s pullback takes the output's adjoint and the adjoint of each buffer's final
//! contents, and returns the adjoints of the other parameters and of each buffer's initial
//! contents (the contract, issue 15). A caller's `rhs(&y, &mut k)` is rewritten to
//! `{ let (r, (k1,)) = rhs_owned(&y, k); k = k1; r }` and chains through `rhs_owned`'s forms
//! like any call; `std::mem::swap(&mut a, &mut b)` becomes `(a, b) = (b, a)` and
//! `v.swap(i, j)` the three assignments it makes. Cost: a copy of each buffer in and out of
//! `rhs_vjp`/`rhs_jvp` (the forms of `rhs_owned` own it); none inside differentiated callers.

mod aliases;

pub use aliases::inline as inline_aliases;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::visit_mut::VisitMut;

/// One `&mut` parameter.
pub struct MutParam {
    /// Its position among the parameters.
    pub index: usize,
    pub ident: syn::Ident,
    /// The type `_owned` takes it as (`&mut [T]` → `Vec<T>`, `&mut T` → `T`).
    pub owned: syn::Type,
    /// How the borrowed value becomes the owned one (`.to_vec()`, `.clone()`, `*`).
    pub how: Own,
}

/// How a `&mut` parameter's contents are copied into the owned value.
#[derive(Clone, Copy)]
pub enum Own {
    /// `[T]` → `x.to_vec()`.
    ToVec,
    /// `Vec<T>`, a struct → `x.clone()`.
    Clone,
    /// `f64`, `[T; N]` → `*x`.
    Copy,
}

/// The `&mut` parameters of `sig`, in order (none for most functions).
pub fn mut_params(sig: &syn::Signature) -> syn::Result<Vec<MutParam>> {
    let mut found = Vec::new();
    for (index, input) in sig.inputs.iter().enumerate() {
        let syn::FnArg::Typed(typed) = input else { continue };
        let syn::Type::Reference(reference) = &*typed.ty else { continue };
        if reference.mutability.is_none() {
            continue;
        }
        let syn::Pat::Ident(pat) = &*typed.pat else {
            return Err(syn::Error::new(typed.pat.span(), "bind a `&mut` parameter to a plain name"));
        };
        if let syn::Type::Path(p) = &*reference.elem
            && let Some(name) = p.path.get_ident().map(ToString::to_string)
            && matches!(
                name.as_str(),
                "usize"
                    | "isize"
                    | "u8"
                    | "u16"
                    | "u32"
                    | "u64"
                    | "u128"
                    | "i8"
                    | "i16"
                    | "i32"
                    | "i64"
                    | "i128"
                    | "bool"
                    | "char"
            )
        {
            return Err(syn::Error::new(
                reference.span(),
                format!(
                    "a `&mut {name}` parameter is not supported in a differentiable function: a `&mut` parameter is a float buffer whose final contents have a gradient; return the new `{name}` instead"
                ),
            ));
        }
        let (owned, how) = owned_type(&reference.elem);
        found.push(MutParam { index, ident: pat.ident.clone(), owned, how });
    }
    Ok(found)
}

fn owned_type(elem: &syn::Type) -> (syn::Type, Own) {
    match elem {
        syn::Type::Slice(slice) => {
            let t = &slice.elem;
            (syn::parse_quote!(::std::vec::Vec<#t>), Own::ToVec)
        }
        syn::Type::Array(_) => (elem.clone(), Own::Copy),
        syn::Type::Path(p) if p.path.is_ident("f64") || p.path.is_ident("f32") => (elem.clone(), Own::Copy),
        syn::Type::Path(p) if p.path.segments.len() == 1 && crate::names::is_float_param(&p.path.segments[0].ident) => {
            (elem.clone(), Own::Copy)
        }
        other => (other.clone(), Own::Clone),
    }
}

/// `name_owned`: `item` with each `&mut` parameter taken by value and returned beside the value
/// (`-> (R, (M0, M1, …))`).
pub fn owned_function(item: &syn::ItemFn, params: &[MutParam]) -> syn::ItemFn {
    let mut owned = item.clone();
    owned.sig.ident = crate::names::derived_fn(&item.sig.ident, "owned");
    owned.attrs.retain(|a| !a.path().is_ident("doc"));
    for param in params {
        if let Some(syn::FnArg::Typed(typed)) = owned.sig.inputs.iter_mut().nth(param.index) {
            let (ident, ty) = (&param.ident, &param.owned);
            *typed.pat = syn::parse_quote!(#ident);
            *typed.ty = ty.clone();
        }
    }
    let unit = matches!(&item.sig.output, syn::ReturnType::Default);
    let output = match &item.sig.output {
        syn::ReturnType::Default => quote!(()),
        syn::ReturnType::Type(_, ty) => quote!(#ty),
    };
    let owned_types = params.iter().map(|p| &p.owned);
    owned.sig.output = syn::parse_quote!(-> (#output, (#(#owned_types,)*)));
    let names: Vec<&syn::Ident> = params.iter().map(|p| &p.ident).collect();
    let copies: Vec<bool> = params.iter().map(|p| matches!(p.how, Own::Copy)).collect();
    let mut rewrite = Returns { buffers: &names, unit, copies: &copies, in_closure: false };
    let mut block = (*item.block).clone();
    rewrite.visit_block_mut(&mut block);
    let buffers = quote!((#(#names,)*));
    // Each buffer is rebound to a local: the lowering writes into locals, not parameters.
    let stmts = &block.stmts;
    let rebind = names.iter().map(|n| quote!(let mut #n = #n;));
    // The value: the block's tail, or `()` for a function without one.
    owned.block = Box::new(if unit {
        syn::parse_quote!({ #(#rebind)* #(#stmts)* ((), #buffers) })
    } else {
        syn::parse_quote!({ #(#rebind)* let __lent_result = { #(#stmts)* }; (__lent_result, #buffers) })
    });
    owned
}

/// `return e` → `return (e, (m0, …))` and `*m` → `m` for the `&mut` parameters `m`.
struct Returns<'a> {
    buffers: &'a [&'a syn::Ident],
    unit: bool,
    /// Whether each buffer is `Copy` (returned as it is, else as a copy).
    copies: &'a [bool],
    /// Inside a closure: only `*m` is rewritten.
    in_closure: bool,
}

/// Rewrites the arguments of `vec![a, b]` / `vec![v; n]` with `visitor`.
fn rewrite_vec_arguments(mac: &mut syn::Macro, visitor: &mut impl VisitMut) {
    use syn::parse::Parser;
    let list = syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
    if let Ok(mut items) = list.parse2(mac.tokens.clone()) {
        items.iter_mut().for_each(|item| visitor.visit_expr_mut(item));
        mac.tokens = quote!(#items);
        return;
    }
    let repeat = |input: syn::parse::ParseStream| {
        let value: syn::Expr = input.parse()?;
        let _: syn::Token![;] = input.parse()?;
        let count: syn::Expr = input.parse()?;
        Ok((value, count))
    };
    if let Ok((mut value, mut count)) = repeat.parse2(mac.tokens.clone()) {
        visitor.visit_expr_mut(&mut value);
        visitor.visit_expr_mut(&mut count);
        mac.tokens = quote!(#value; #count);
    }
}

impl VisitMut for Returns<'_> {
    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        match expr {
            syn::Expr::Unary(unary) if matches!(unary.op, syn::UnOp::Deref(_)) => {
                if let syn::Expr::Path(path) = &*unary.expr
                    && self.buffers.iter().any(|b| path.path.is_ident(*b))
                {
                    *expr = (*unary.expr).clone();
                    return;
                }
            }
            syn::Expr::Return(_) if self.in_closure => {}
            syn::Expr::Return(ret) => {
                // A copy of each buffer that is not `Copy`: an early return inside a loop
                // becomes an assignment in the loop (`structure`), where a move would be a move
                // in every iteration. One copy per call, on the returning path only.
                let names: Vec<proc_macro2::TokenStream> = self
                    .buffers
                    .iter()
                    .zip(self.copies)
                    .map(|(b, copy)| if *copy { quote!(#b) } else { quote!(#b.clone()) })
                    .collect();
                let value = match (&mut ret.expr, self.unit) {
                    (Some(value), _) => {
                        self.visit_expr_mut(value);
                        quote!(#value)
                    }
                    (None, _) => quote!(()),
                };
                let span = ret.span();
                *expr = syn::parse_quote_spanned!(span=> return (#value, (#(#names,)*)));
                return;
            }
            // A closure's `return` is its own (and is refused by the lowering); its `*m` reads
            // are the function's.
            syn::Expr::Closure(closure) => {
                let mut derefs =
                    Returns { buffers: self.buffers, unit: self.unit, copies: self.copies, in_closure: true };
                derefs.visit_expr_mut(&mut closure.body);
                return;
            }
            // `vec![*acc * 2.0, x]`: the macro's arguments are expressions too.
            syn::Expr::Macro(m) if m.mac.path.is_ident("vec") => {
                rewrite_vec_arguments(&mut m.mac, self);
                return;
            }
            _ => {}
        }
        syn::visit_mut::visit_expr_mut(self, expr);
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// Rewrites the calls of `block` that lend `&mut` places (and `swap`s) into value updates:
/// `g(a, &mut b)` → `{ let (__lent_value, (__lent0,)) = g_owned(a, b); b = __lent0; __lent_value }`. `own` names the
/// function's own `&mut` parameters (now owned values), which are passed on without `&mut`.
pub fn rewrite_calls(item: &mut syn::ItemFn, own: &[syn::Ident]) -> syn::Result<()> {
    let arrays = array_names(item);
    let mut calls = Calls { own, arrays: &arrays, error: None };
    calls.visit_block_mut(&mut item.block);
    match calls.error {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// The method name a lent array's conversion has in `Build::Clone` (emitted as
/// `::backprop::__private::lend(&place)`, never as a method).
pub const LEND: &str = "__backprop_lend";

/// The array `a` of `::backprop::__private::lend(&a)`, the call [`rewrite_calls`] writes for
/// an array lent `&mut`.
pub fn lent_array<'e>(
    func: &syn::ExprPath,
    args: &'e syn::punctuated::Punctuated<syn::Expr, syn::Token![,]>,
) -> Option<&'e syn::Expr> {
    let segments: Vec<String> = func.path.segments.iter().map(|s| s.ident.to_string()).collect();
    let is_lend = func.path.leading_colon.is_some() && segments == ["backprop", "__private", "lend"];
    match (is_lend, args.first()) {
        (true, Some(syn::Expr::Reference(r))) if args.len() == 1 && r.mutability.is_none() => Some(&r.expr),
        _ => None,
    }
}

struct Calls<'a> {
    own: &'a [syn::Ident],
    /// Names that are arrays somewhere in the function (see [`array_names`]).
    arrays: &'a [String],
    error: Option<syn::Error>,
}

/// The names the function binds to arrays: parameters of type `[T; N]` or `&mut [T; N]`, and
/// locals declared with an array type, initialised with an array expression (`[0.0; 3]`,
/// `[a, b]`) or with such a name (`let mut y = a;`). The callee's `_owned` form takes a lent
/// `&mut [T]` as a `Vec`, so such a name is lent through `lend`, which converts an array to
/// the callee's type and back. Too many names (a shadowed name, a `Vec` of the same name
/// elsewhere) only cost a copy: `lend` passes any other type as it is. The reverse sweep
/// tells an array local from the IR (`Reverser::local_array`), after lowering has resolved
/// the names.
fn array_names(item: &syn::ItemFn) -> Vec<String> {
    struct Arrays(Vec<String>);
    impl syn::visit::Visit<'_> for Arrays {
        fn visit_local(&mut self, local: &syn::Local) {
            let (pat, typed_array) = match &local.pat {
                syn::Pat::Type(t) => (&*t.pat, matches!(&*t.ty, syn::Type::Array(_))),
                pat => (pat, false),
            };
            // `[0.0; 3]`, `[a, b]`, or a copy of a name already known to be an array.
            let array_init = local.init.as_ref().is_some_and(|init| match &*init.expr {
                syn::Expr::Array(_) | syn::Expr::Repeat(_) => true,
                syn::Expr::Path(p) => p.path.get_ident().is_some_and(|i| self.0.iter().any(|a| i == a)),
                _ => false,
            });
            if let syn::Pat::Ident(ident) = pat
                && (typed_array || array_init)
            {
                self.0.push(ident.ident.to_string());
            }
            syn::visit::visit_local(self, local);
        }
        fn visit_item(&mut self, _: &syn::Item) {}
    }
    let mut arrays = Arrays(Vec::new());
    for input in &item.sig.inputs {
        let syn::FnArg::Typed(typed) = input else { continue };
        let ty = match &*typed.ty {
            syn::Type::Reference(r) if r.mutability.is_some() => &*r.elem,
            ty => ty,
        };
        if let (syn::Pat::Ident(ident), syn::Type::Array(_)) = (&*typed.pat, ty) {
            arrays.0.push(ident.ident.to_string());
        }
    }
    syn::visit::Visit::visit_block(&mut arrays, &item.block);
    arrays.0
}

impl Calls<'_> {
    fn fail(&mut self, span: Span, message: &str) {
        let error = syn::Error::new(span, message);
        match &mut self.error {
            Some(all) => all.combine(error),
            None => self.error = Some(error),
        }
    }

    /// The place an argument lends mutably (`&mut b`, `&mut *m`), if it does. The syntax
    /// decides, never a guess: a function's own `&mut` parameter `m` passed bare is a shared
    /// reborrow (`g(m)` for `g(y: &[f64])`), lent only as `&mut *m`.
    fn lent_place(&self, arg: &syn::Expr) -> Option<syn::Expr> {
        match arg {
            syn::Expr::Reference(r) if r.mutability.is_some() => match &*r.expr {
                syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => Some((*u.expr).clone()),
                place => Some(place.clone()),
            },
            _ => None,
        }
    }

    /// `m`, when it is one of the function's own `&mut` parameters (`std::mem::swap(m, &mut t)`).
    fn own_param(&self, arg: &syn::Expr) -> Option<syn::Expr> {
        match arg {
            syn::Expr::Path(p) if self.own.iter().any(|m| p.path.is_ident(m)) => Some(arg.clone()),
            _ => None,
        }
    }

    /// A function's own `&mut` parameter passed bare is, in `name_owned` (where it is a value),
    /// borrowed: `g(m)` → `g(&m)`.
    fn shared_own(&self, arg: &syn::Expr) -> Option<syn::Expr> {
        match arg {
            syn::Expr::Path(p) if self.own.iter().any(|m| p.path.is_ident(m)) => {
                Some(syn::parse_quote_spanned!(arg.span()=> &#arg))
            }
            _ => None,
        }
    }

    /// Whether `place` names an array (see [`array_names`]).
    fn is_array(&self, place: &syn::Expr) -> bool {
        matches!(place, syn::Expr::Path(p) if p.path.get_ident().is_some_and(|i| self.arrays.iter().any(|a| i == a)))
    }

    /// `swap(&mut a, &mut b)` → `(a, b) = (b, a)`.
    fn mem_swap(&self, call: &syn::ExprCall) -> Option<syn::Expr> {
        let syn::Expr::Path(func) = &*call.func else { return None };
        let segments: Vec<String> = func.path.segments.iter().map(|s| s.ident.to_string()).collect();
        let is_swap = matches!(
            segments.iter().map(String::as_str).collect::<Vec<_>>().as_slice(),
            ["swap"] | ["mem", "swap"] | ["std" | "core", "mem", "swap"]
        );
        if !is_swap || call.args.len() != 2 {
            return None;
        }
        let a = self.lent_place(&call.args[0]).or_else(|| self.own_param(&call.args[0]))?;
        let b = self.lent_place(&call.args[1]).or_else(|| self.own_param(&call.args[1]))?;
        let span = call.span();
        Some(syn::parse_quote_spanned!(span=> (#a, #b) = (#b, #a)))
    }

    /// `g(a, &mut b)` → `{ let (__lent_value, (__lent0,)) = g_owned(a, b); b = __lent0; __lent_value }`.
    fn lending_call(&mut self, func: TokenStream, args: Vec<syn::Expr>, span: Span) -> Option<syn::Expr> {
        let lent: Vec<Option<syn::Expr>> = args.iter().map(|a| self.lent_place(a)).collect();
        if lent.iter().all(Option::is_none) {
            return None;
        }

        let mut passed = Vec::new();
        let mut updates = Vec::new();
        let mut names = Vec::new();
        for (arg, place) in args.iter().zip(&lent) {
            match place {
                Some(place) if !is_plain_place(place) => {
                    self.fail(place.span(), "lend a whole variable or parameter with `&mut` (`&mut k`); a part of one (`&mut k[1..]`, `&mut m.w`) cannot be lent in differentiable code yet: copy it into a variable of its own");
                    return None;
                }
                Some(place) if self.is_array(place) => {
                    let name = format_ident!("__lent{}", names.len());
                    passed.push(quote_spanned!(span=> ::backprop::__private::lend(&#place)));
                    updates.push(quote_spanned!(span=> #place = ::backprop::__private::lend(&#name);));
                    names.push(name);
                }
                Some(place) => {
                    let name = format_ident!("__lent{}", names.len());
                    passed.push(quote!(#place));
                    updates.push(quote_spanned!(span=> #place = #name;));
                    names.push(name);
                }
                None => passed.push(quote!(#arg)),
            }
        }
        Some(syn::parse_quote_spanned! {span=> {
            let (__lent_value, (#(#names,)*)) = #func(#(#passed),*);
            #(#updates)*
            __lent_value
        }})
    }
}

/// A variable or parameter (`k`, `self`), the places `&mut` may lend in differentiable code.
fn is_plain_place(place: &syn::Expr) -> bool {
    matches!(place, syn::Expr::Path(p) if p.path.get_ident().is_some())
}

impl VisitMut for Calls<'_> {
    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        // `vec![p, dot(out, out)]`: the macro's arguments are expressions too.
        if let syn::Expr::Macro(m) = expr
            && m.mac.path.is_ident("vec")
        {
            return rewrite_vec_arguments(&mut m.mac, self);
        }
        syn::visit_mut::visit_expr_mut(self, expr);
        if let syn::Expr::Call(call) = &*expr
            && let Some(swap) = self.mem_swap(call)
        {
            *expr = swap;
            return;
        }
        let args = match expr {
            syn::Expr::Call(call) => Some(&mut call.args),
            syn::Expr::MethodCall(call) => Some(&mut call.args),
            _ => None,
        };
        for arg in args.into_iter().flatten() {
            if let Some(shared) = self.shared_own(arg) {
                *arg = shared;
            }
        }
        let replacement = match &*expr {
            syn::Expr::Call(call) => match self.mem_swap(call) {
                Some(swap) => Some(swap),
                None => match &*call.func {
                    syn::Expr::Path(func) if func.qself.is_none() => {
                        let mut path = func.path.clone();
                        if let Some(last) = path.segments.last_mut() {
                            last.ident = crate::names::derived_fn(&last.ident, "owned");
                        }
                        self.lending_call(quote!(#path), call.args.iter().cloned().collect(), call.span())
                    }
                    _ => None,
                },
            },
            syn::Expr::MethodCall(call) if call.method == "swap" && call.args.len() == 2 => {
                let (v, i, j) = (&call.receiver, &call.args[0], &call.args[1]);
                let span = call.span();
                Some(syn::parse_quote_spanned! {span=> {
                    let (__swap_i, __swap_j) = (#i, #j);
                    let __swapped = #v[__swap_i];
                    #v[__swap_i] = #v[__swap_j];
                    #v[__swap_j] = __swapped;
                }})
            }
            syn::Expr::MethodCall(call) => {
                let receiver = &call.receiver;
                let method = crate::names::derived_fn(&call.method, "owned");
                let turbofish = &call.turbofish;
                self.lending_call(
                    quote!(#receiver.#method #turbofish),
                    call.args.iter().cloned().collect(),
                    call.span(),
                )
            }
            _ => None,
        };
        if let Some(replacement) = replacement {
            *expr = replacement;
        }
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// A lent buffer keeps its length: its final adjoint must have the shape of its initial one.
/// `buf.push(x)` on a `&mut Vec<f64>` parameter is an error naming the buffer.
pub fn check_lengths_kept(block: &syn::Block, params: &[MutParam]) -> syn::Result<()> {
    use syn::visit::Visit;
    struct Lengths<'a> {
        params: &'a [MutParam],
        error: Option<syn::Error>,
    }
    impl<'ast> Visit<'ast> for Lengths<'_> {
        fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
            const RESIZING: &[&str] = &[
                "push",
                "pop",
                "insert",
                "remove",
                "truncate",
                "resize",
                "clear",
                "extend",
                "extend_from_slice",
                "append",
                "drain",
                "retain",
                "dedup",
                "split_off",
                "swap_remove",
            ];
            let receiver = match &*call.receiver {
                syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => &*u.expr,
                other => other,
            };
            if let syn::Expr::Path(path) = receiver
                && let Some(param) = self.params.iter().find(|p| path.path.is_ident(&p.ident))
                && RESIZING.contains(&call.method.to_string().as_str())
            {
                let error = syn::Error::new(
                    call.method.span(),
                    format!(
                        "`{}` changes the length of `{}`, a `&mut` parameter: its derivative is defined for a buffer that keeps its shape; fill it in place, or return the new `Vec`",
                        call.method, param.ident
                    ),
                );
                match &mut self.error {
                    Some(all) => all.combine(error),
                    None => self.error = Some(error),
                }
            }
            syn::visit::visit_expr_method_call(self, call);
        }
    }
    let mut lengths = Lengths { params, error: None };
    lengths.visit_block(block);
    match lengths.error {
        Some(error) => Err(error),
        None => Ok(()),
    }
}
