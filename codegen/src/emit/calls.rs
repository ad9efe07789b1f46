//! Printing calls: the plain call, the call of `_vjp` with its argument markers, the callee.

use super::Emitter;
use super::tokens::Prec;
use crate::ir::{Arg, Call, CallTarget, Operand, VarId};
use crate::names;
use crate::private::Item;
use proc_macro2::TokenStream;
use quote::{ToTokens, quote, quote_spanned};

impl Emitter<'_> {
    /// The call itself, for a call whose result carries no gradient.
    ///
    /// A call the reverse sweep makes again keeps its arguments taken by value for that: the
    /// first call gets a duplicate of each collection or struct it would move.
    pub(super) fn plain_call(&self, call: &Call) -> TokenStream {
        if call.jvp_depth > 0 {
            return self.forward_form_call(call, false);
        }
        let (callee, mut args) = self.callee(call, None);
        if self.sweep.avail.recomputed_calls.contains(&call.id) && self.facts.activity.calls.contains(&call.id) {
            // A method's receiver is printed apart from its arguments; an operator's is the
            // first argument of `Mul::mul(a, b)`.
            let offset = usize::from(matches!(call.target, CallTarget::Method { operator: None, .. }));
            for (i, arg) in call.args.iter().enumerate().skip(offset) {
                if let Arg::Value(Operand::Var(v)) = arg
                    && self.moved_by_value(*v)
                {
                    let (duplicate, value) = (Item::Duplicate, self.name(*v));
                    args[i - offset] = quote!(#duplicate(&#value));
                }
            }
        }
        quote!(#callee(#(#args),*))
    }

    /// Whether passing `v` by value moves it: a collection or struct of its own (not a
    /// reference parameter, whose copy moves nothing).
    pub(super) fn moved_by_value(&self, v: VarId) -> bool {
        self.facts.scopes.movable(v)
    }

    /// `let __argsK = (flags…); let (y, __pbK) = g_vjp(args…);`
    pub(super) fn active_call(&self, var: VarId, call: &Call) -> TokenStream {
        let name = self.name(var);
        let name = if self.f.vars[var].mutable { quote!(mut #name) } else { name };
        let pullback = self.name(call.pullback);
        let (markers, flags) = (self.name(call.markers), self.argument_flags(call));
        let vjp = self.vjp_call(call);
        // A recursive call's pullback is boxed where the pullback being defined holds it (a
        // type cannot contain itself); `_grad` and `_hvp` call it in their own body, unboxed.
        let in_pullback = std::ptr::eq(self.sweep, &self.plans.closure);
        let boxed = (call.recursive && in_pullback).then(|| {
            let boxed_pullback = match self.plans.into.calls.get(&call.id) {
                Some(targets) => Item::BoxedIntoPullback(targets.len()),
                None => Item::BoxedPullback,
            };
            quote!(let #pullback = #boxed_pullback(#pullback);)
        });
        // A pullback that adds into the caller's adjoints needs no markers to split its gradient.
        let markers = (!self.plans.into.calls.contains_key(&call.id)).then(|| quote!(let #markers = #flags;));
        quote! {
            #markers
            let (#name, #pullback) = #vjp;
            #boxed
        }
    }

    /// `g_vjp(args…)`, spanned on the user's call so that a missing `_vjp` is reported there.
    pub(super) fn vjp_call(&self, call: &Call) -> TokenStream {
        if call.jvp_depth > 0 {
            return self.forward_form_call(call, true);
        }
        // A recursive call that hands its adjoints down (`analysis::into`).
        let form = if self.plans.into.calls.contains_key(&call.id) { "vjp_into" } else { "vjp" };
        let (callee, args) = self.callee(call, Some(form));
        let span = call.span;
        quote_spanned!(span=> #callee(#(#args),*))
    }

    /// A call of the callee's forward form (`g_jvp`, `g_jvp_jvp`, or with `vjp` their
    /// `_vjp`): the arguments go through the callee's own parameter types, and
    /// `forward_call` passes the tangents it takes (see the runtime's `forward` module). A
    /// method's form comes from the getter its `#[differentiable]` adds (`m_jvp_form`).
    fn forward_form_call(&self, call: &Call, vjp: bool) -> TokenStream {
        let n = call.group_len();
        let mut parts = vec!["jvp"; usize::from(call.jvp_depth)];
        if vjp {
            parts.push("vjp");
        }
        let suffix = parts.join("_");
        let groups: Vec<&[Arg]> = call.args.chunks(n.max(1)).collect();
        let (Some(primal), tangent_groups) = (groups.first(), groups.get(1..).unwrap_or_default()) else {
            return crate::error::internal_error("a forward call has no arguments (`tangent` passes them in groups)");
        };
        let flags: Vec<TokenStream> = (n..call.args.len()).map(|i| self.position_flag(call, i)).collect();
        // Made again in the reverse sweep: what the first call would move, it gets a copy of.
        let again = !vjp
            && self.sweep.avail.recomputed_calls.contains(&call.id)
            && self.facts.activity.calls.contains(&call.id);
        let arg = |a: &Arg| match a {
            Arg::Value(Operand::Var(v)) if again && self.moved_by_value(*v) => {
                let (duplicate, value) = (Item::Duplicate, self.name(*v));
                quote!(#duplicate(&#value))
            }
            _ => self.argument(a),
        };
        let (forward_call, span) = (Item::ForwardCall.at(call.span), call.span);
        let join = |mut parts: Vec<TokenStream>| match parts.len() {
            1 => parts.pop().unwrap_or_default(),
            k => {
                let concat = Item::Concat(k);
                quote!(#concat(#(#parts),*))
            }
        };
        match &call.target {
            CallTarget::Path { prefix, name, generics } => {
                let callee = names::derived_fn(name, &suffix);
                let callee = quote_spanned!(span=> #prefix #callee #generics);
                let coerce = Item::Prefix(n);
                let args = primal.iter().map(arg);
                let tangents = tangent_groups
                    .iter()
                    .map(|g| {
                        let g = g.iter().map(arg);
                        quote!(#coerce(&#callee)(#(#g),*))
                    })
                    .collect();
                let tangents = join(tangents);
                // The flags first: the call moves what it takes by value.
                quote_spanned! {span=> {
                    let __flags = (#(#flags,)*);
                    #forward_call(#callee, #coerce(&#callee)(#(#args),*), #tangents, __flags)
                }}
            }
            CallTarget::Method { name, .. } => {
                // The method's entry takes every tangent and picks its own (`emit::forms`).
                let depth = call.jvp_depth;
                let form = if vjp { format!("fwd{depth}_vjp_all") } else { format!("fwd{depth}_all") };
                let entry = names::derived_fn(name, &form);
                let tangents = &call.args[n..];
                let receiver = match primal.first() {
                    Some(Arg::Value(o)) => self.operand_at(o, Prec::Atom),
                    Some(receiver) => arg(receiver),
                    None => {
                        return crate::error::internal_error("a method call has no receiver (`lower` passes it first)");
                    }
                };
                let args = primal.iter().skip(1).map(arg);
                // A constant's tangent is `None`: the method makes the zero it needs.
                let tangents = tangents.iter().map(|a| match a {
                    Arg::Value(Operand::Const(c)) if c.kind != crate::ir::Kind::Scalar => self.argument(a),
                    _ => {
                        let a = arg(a);
                        quote!(::core::option::Option::Some(#a))
                    }
                });
                quote_spanned! {span=> {
                    let __flags = (#(#flags,)*);
                    #receiver.#entry(#(#args,)* #(#tangents,)* __flags)
                }}
            }
        }
    }

    /// An argument as passed: a value, `&place`, or a receiver's place.
    fn argument(&self, a: &Arg) -> TokenStream {
        match a {
            Arg::Value(o) => self.operand(o),
            Arg::Ref(place) => {
                let place = self.place(place);
                quote!(&#place)
            }
            Arg::Receiver(place) => self.place(place),
        }
    }

    /// Whether each argument's type carries a gradient (see the runtime's `chain` module).
    pub(super) fn argument_flags(&self, call: &Call) -> TokenStream {
        let flags = (0..call.args.len()).map(|i| self.position_flag(call, i));
        quote!((#(#flags,)*))
    }

    /// The flag of argument `i`. A tangent of a forward call takes its type from the argument it
    /// is the tangent of, so that each tangent's flag matches its argument's (a constant's
    /// tangent may be a stand-in of another type): callees match tangents as they match
    /// arguments.
    fn position_flag(&self, call: &Call, i: usize) -> TokenStream {
        let n = call.group_len().max(1);
        let Some(arg) = call.args.get(i) else {
            return crate::error::internal_error("a flag for an argument the call does not have");
        };
        match call.args.get(i % n) {
            Some(primal) if i >= n => self.argument_flag(primal, self.arg_active(arg)),
            _ => self.argument_flag(arg, self.arg_active(arg)),
        }
    }

    /// Whether an argument carries a gradient in this function.
    fn arg_active(&self, arg: &Arg) -> bool {
        match arg {
            Arg::Value(o) => self.operand_active(o),
            Arg::Ref(place) | Arg::Receiver(place) => self.facts.active(place.base),
        }
    }

    /// Whether one argument's type carries a gradient, and whether it is constant here.
    fn argument_flag(&self, arg: &Arg, active: bool) -> TokenStream {
        let marker = Item::Marker;
        {
            let value = match arg {
                Arg::Value(o) => self.operand_at(o, Prec::Prefix),
                Arg::Ref(place) => {
                    let place = self.place(place);
                    quote!(&#place)
                }
                Arg::Receiver(place) => self.place(place),
            };
            let flag = match arg {
                // An untyped literal has no type yet for the marker to take (`g(4, x)`); what
                // kind of literal it is says enough.
                // `None` has no type yet either; an `Option` has the flag of what it holds, a
                // constant here, and `split` decides by counting whether the callee has a
                // gradient for it (an `Option<f64>`) or not (an `Option<usize>`).
                Arg::Value(Operand::Const(c)) if c.is_none() => Item::Active.to_token_stream(),
                Arg::Value(Operand::Const(c)) => match c.kind {
                    crate::ir::Kind::Int => Item::Constant.to_token_stream(),
                    crate::ir::Kind::Scalar => Item::Active.to_token_stream(),
                    _ => quote!((&#marker(&#value)).flag()),
                },
                _ => quote!((&#marker(&#value)).flag()),
            };
            // A constant here may be one the callee's `wrt(...)` left out: `split` decides.
            let constant_here = Item::ConstantHere;
            if active { flag } else { quote!(#constant_here(#flag)) }
        }
    }

    /// Whether an argument carries a gradient in this function.
    fn operand_active(&self, o: &Operand) -> bool {
        matches!(o, Operand::Var(v) if self.facts.active(*v))
    }

    /// The function called (with `_vjp` appended when `suffix` is given) and its arguments.
    fn callee(&self, call: &Call, suffix: Option<&str>) -> (TokenStream, Vec<TokenStream>) {
        let rename = |name: &proc_macro2::Ident| match suffix {
            Some(s) => names::derived_fn(name, s),
            None => name.clone(),
        };
        let arg = |a: &Arg| match a {
            Arg::Value(o) => self.operand(o),
            Arg::Ref(place) => {
                let place = self.place(place);
                quote!(&#place)
            }
            Arg::Receiver(place) => self.place(place),
        };
        match &call.target {
            CallTarget::Path { prefix, name, generics } => {
                let name = rename(name);
                (quote!(#prefix #name #generics), call.args.iter().map(arg).collect())
            }
            CallTarget::Method { name, operator: Some(operator) } if suffix.is_none() => {
                (quote!(::core::ops::#operator::#name), call.args.iter().map(arg).collect())
            }
            CallTarget::Method { name, .. } => {
                let name = rename(name);
                // A place prints as an atom (`x`, `m.w`, `x[i]`, `(*r)`); a value may need parentheses.
                let receiver = match call.args.first() {
                    Some(Arg::Value(o)) => self.operand_at(o, Prec::Atom),
                    Some(receiver) => arg(receiver),
                    None => crate::error::internal_error("a method call has no receiver (`lower` passes it first)"),
                };
                (quote!(#receiver.#name), call.args.iter().skip(1).map(arg).collect())
            }
        }
    }
}
