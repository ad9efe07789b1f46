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
        let (callee, mut args) = self.callee(call, None);
        if self.sweep.avail.recomputed_calls.contains(&call.id) && self.facts.activity.calls.contains(&call.id) {
            let offset = usize::from(matches!(call.target, CallTarget::Method { .. }));
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

    /// Whether passing `v` by value moves it: a collection or struct of its own.
    fn moved_by_value(&self, v: VarId) -> bool {
        let kind = self.facts.kinds[v];
        !matches!(kind, crate::ir::Kind::Scalar | crate::ir::Kind::ScalarRef | crate::ir::Kind::Int)
            && self.f.vars[v].alias_of.is_none()
    }

    /// `let __argsK = (flags…); let (y, __pbK) = g_vjp(args…);`
    pub(super) fn active_call(&self, var: VarId, call: &Call) -> TokenStream {
        let name = self.name(var);
        let name = if self.f.vars[var].mutable { quote!(mut #name) } else { name };
        let pullback = self.name(call.pullback);
        let markers = self.name(call.markers);
        let flags = self.argument_flags(call);
        let vjp = self.vjp_call(call);
        quote! {
            let #markers = #flags;
            let (#name, #pullback) = #vjp;
        }
    }

    /// `g_vjp(args…)`, spanned on the user's call so that a missing `_vjp` is reported there.
    pub(super) fn vjp_call(&self, call: &Call) -> TokenStream {
        let (callee, args) = self.callee(call, Some("vjp"));
        let span = call.span;
        quote_spanned!(span=> #callee(#(#args),*))
    }

    /// Whether each argument's type carries a gradient (see the runtime's `chain` module).
    pub(super) fn argument_flags(&self, call: &Call) -> TokenStream {
        let marker = Item::Marker;
        let flags = call.args.iter().map(|arg| {
            let (value, active) = match arg {
                Arg::Value(o) => (self.operand_at(o, Prec::Prefix), self.operand_active(o)),
                Arg::Ref(place) => {
                    let active = self.facts.active(place.base);
                    let place = self.place(place);
                    (quote!(&#place), active)
                }
                Arg::Receiver(place) => (self.place(place), self.facts.active(place.base)),
            };
            let flag = match arg {
                // An untyped literal has no type yet for the marker to take (`g(4, x)`); what
                // kind of literal it is says enough.
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
        });
        quote!((#(#flags,)*))
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
            CallTarget::Path { prefix, name } => {
                let name = rename(name);
                (quote!(#prefix #name), call.args.iter().map(arg).collect())
            }
            CallTarget::Method { name } => {
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
