//! Signatures of the generated functions.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::visit_mut::VisitMut;

/// The user's attributes that also apply to the generated functions (not the docs).
pub(super) fn kept_attributes(item: &syn::ItemFn) -> Vec<&syn::Attribute> {
    item.attrs.iter().filter(|a| !a.path().is_ident("doc")).collect()
}

/// `fn f_vjp<'__l0, …>(params) -> (Ret, impl FnOnce(Ret) -> Grads + use<'__l0, …>)`.
///
/// The pullback borrows every reference parameter, so each elided lifetime gets a name and
/// the closure's type captures all of them (the same in every edition). See [`vjp_form`] for
/// the one more lifetime, `'__lall`, of a signature with two or more.
pub(super) fn vjp(sig: &syn::Signature, ret: &TokenStream, grads: &TokenStream) -> TokenStream {
    vjp_form(sig, ret, &quote!(::core::ops::FnOnce(#ret) -> #grads), "vjp")
}

/// [`vjp`] for a form named `name_{suffix}` whose pullback has the type `pullback`
/// (`FnOnce(…)`, without `impl`).
///
/// With two or more lifetimes it has one more, `'__lall`, that every other outlives, and the
/// pullback's type captures it:
/// * a pullback that holds borrows of several lifetimes together (the boxed pullbacks of a
///   recursive function's own calls, a callee's pullback borrowing two arguments through one
///   named lifetime `'a`) lives for their intersection, which only `'__lall` names;
/// * a caller whose pullback holds such a callee's pullback captures that intersection, and
///   can name it because it has a `'__lall` of its own, which rustc takes for the callee's.
pub(super) fn vjp_form(sig: &syn::Signature, ret: &TokenStream, pullback: &TokenStream, suffix: &str) -> TokenStream {
    let mut sig = sig.clone();
    let mut namer = LifetimeNamer { next: 0, named: Vec::new(), prefix: "__l".to_owned() };
    for input in sig.inputs.iter_mut() {
        namer.visit_fn_arg_mut(input);
    }
    let mut lifetimes: Vec<syn::Lifetime> = sig.generics.lifetimes().map(|l| l.lifetime.clone()).collect();
    for lifetime in &namer.named {
        sig.generics.params.push(syn::GenericParam::Lifetime(syn::LifetimeParam::new(lifetime.clone())));
    }
    lifetimes.extend(namer.named);
    share_lifetimes(&mut sig, &mut lifetimes);
    let name = crate::names::derived_fn(&sig.ident, suffix);
    let (generics, where_clause) = (&sig.generics, &sig.generics.where_clause);
    let inputs = &sig.inputs;
    // The pullback's type captures every type and const parameter too (`use<>` must list them).
    let others = sig.generics.params.iter().filter_map(|p| match p {
        syn::GenericParam::Type(t) => Some(&t.ident),
        syn::GenericParam::Const(c) => Some(&c.ident),
        _ => None,
    });
    quote! {
        fn #name #generics (#inputs) -> (#ret, impl #pullback + use<#(#lifetimes,)* #(#others),*>) #where_clause
    }
}

/// With two or more `lifetimes` (those a returned pullback captures), one more, `'__lall`,
/// that every other outlives, added to `sig` and to `lifetimes` (see [`vjp_form`]): one
/// lifetime names itself; two or more need a common one.
pub(super) fn share_lifetimes(sig: &mut syn::Signature, lifetimes: &mut Vec<syn::Lifetime>) {
    if lifetimes.len() < 2 {
        return;
    }
    let all: syn::Lifetime = syn::parse_quote!('__lall);
    let mut param = syn::LifetimeParam::new(all.clone());
    param.bounds = syn::punctuated::Punctuated::new();
    sig.generics.params.push(syn::GenericParam::Lifetime(param));
    let where_clause = sig.generics.make_where_clause();
    for lifetime in lifetimes.iter() {
        where_clause.predicates.push(syn::parse_quote!(#lifetime: #all));
    }
    lifetimes.push(all);
}

/// The parameter types of `sig` (without `self`) with every elided lifetime named, and the
/// names given (`'__l0`, …), for a signature that must spell them out.
pub(super) fn named_input_types(sig: &syn::Signature, prefix: &str) -> (Vec<syn::Type>, Vec<syn::Lifetime>) {
    let mut namer = LifetimeNamer { next: 0, named: Vec::new(), prefix: prefix.to_owned() };
    let mut types = Vec::new();
    for input in sig.inputs.iter() {
        if let syn::FnArg::Typed(typed) = input {
            let mut ty = (*typed.ty).clone();
            namer.visit_type_mut(&mut ty);
            types.push(ty);
        }
    }
    (types, namer.named)
}

/// The gradient's type: one entry per differentiated parameter, bare if there is one.
pub(super) fn gradient_type(params: &[crate::ir::Param]) -> TokenStream {
    let types: Vec<&TokenStream> = params
        .iter()
        .filter_map(|p| match &p.gradient {
            crate::ir::ParamGradient::Returned(ty) => Some(ty),
            _ => None,
        })
        .collect();
    match types.as_slice() {
        [one] => (*one).clone(),
        many => quote!((#(#many),*)),
    }
}

/// Gives every elided lifetime in the parameters a name.
struct LifetimeNamer {
    next: usize,
    named: Vec<syn::Lifetime>,
    /// `__l` gives `'__l0`, `'__l1`, ….
    prefix: String,
}

impl LifetimeNamer {
    fn fresh(&mut self) -> syn::Lifetime {
        let lifetime = syn::Lifetime::new(&format!("'{}{}", self.prefix, self.next), Span::call_site());
        self.next += 1;
        self.named.push(lifetime.clone());
        lifetime
    }
}

impl VisitMut for LifetimeNamer {
    fn visit_type_reference_mut(&mut self, reference: &mut syn::TypeReference) {
        if reference.lifetime.is_none() {
            reference.lifetime = Some(self.fresh());
        }
        syn::visit_mut::visit_type_reference_mut(self, reference);
    }

    fn visit_lifetime_mut(&mut self, lifetime: &mut syn::Lifetime) {
        if lifetime.ident == "_" {
            *lifetime = self.fresh();
        }
    }

    fn visit_receiver_mut(&mut self, receiver: &mut syn::Receiver) {
        if let syn::ReceiverKind::Reference(_, lifetime @ None, _) = &mut receiver.kind {
            *lifetime = Some(self.fresh());
        }
        syn::visit_mut::visit_receiver_mut(self, receiver);
    }

    fn visit_block_mut(&mut self, _: &mut syn::Block) {}
}

/// `sig` with every elided lifetime of a shared reference named, and the lifetimes a returned
/// closure that borrows the shared parameters captures (the user's and the named ones). A
/// `&mut` parameter keeps its elided lifetime and is not captured: the caller may read the
/// buffer while it holds the closure.
pub(super) fn name_shared_lifetimes(mut sig: syn::Signature) -> (syn::Signature, Vec<syn::Lifetime>) {
    let mut namer = LifetimeNamer { next: 0, named: Vec::new(), prefix: "__l".to_owned() };
    for input in sig.inputs.iter_mut() {
        match input {
            syn::FnArg::Typed(typed) if matches!(&*typed.ty, syn::Type::Reference(r) if r.mutability.is_some()) => {}
            other => namer.visit_fn_arg_mut(other),
        }
    }
    let mut lifetimes: Vec<syn::Lifetime> = sig.generics.lifetimes().map(|l| l.lifetime.clone()).collect();
    for lifetime in &namer.named {
        sig.generics.params.push(syn::GenericParam::Lifetime(syn::LifetimeParam::new(lifetime.clone())));
    }
    lifetimes.extend(namer.named);
    (sig, lifetimes)
}
