//! `name_vjp` and `name_jvp` of a function with `&mut` parameters: wrappers over the forms of
//! `name_owned` (see `crate::mutref`) that copy each buffer in, run the form, and write the
//! buffer's final contents back, as the function itself would.

use super::{allow_lints, signature};
use crate::ir::Param;
use crate::mutref::{MutParam, Own};
use crate::names;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The two wrappers. `owned_params` are `name_owned`'s lowered parameters (which of them are
/// differentiated, and their gradient types).
pub fn lending_forms(item: &syn::ItemFn, owned_params: &[Param], lent: &[MutParam]) -> TokenStream {
    let vjp = vjp_wrapper(item, owned_params, lent);
    let jvp = jvp_wrapper(item, owned_params, lent);
    quote!(#vjp #jvp)
}

/// The function's value type (`()` for none).
fn output_type(item: &syn::ItemFn) -> TokenStream {
    match &item.sig.output {
        syn::ReturnType::Default => quote!(()),
        syn::ReturnType::Type(_, ty) => quote!(#ty),
    }
}

/// Each argument as `name_owned`'s forms take it: a lent buffer copied (`dy.to_vec()`).
fn owned_args(item: &syn::ItemFn, lent: &[MutParam]) -> Vec<TokenStream> {
    item.sig
        .inputs
        .iter()
        .enumerate()
        .map(|(index, input)| match input {
            syn::FnArg::Receiver(_) => quote!(self),
            syn::FnArg::Typed(typed) => {
                let name = match &*typed.pat {
                    syn::Pat::Ident(p) => p.ident.clone(),
                    _ => format_ident!("__unnamed{}", index),
                };
                match lent.iter().find(|m| m.index == index) {
                    Some(m) => own(&name, m.how),
                    None => quote!(#name),
                }
            }
        })
        .collect()
}

fn own(name: &impl quote::ToTokens, how: Own) -> TokenStream {
    match how {
        Own::ToVec => quote!(#name.to_vec()),
        Own::Clone => quote!(::core::clone::Clone::clone(&*#name)),
        Own::Copy => quote!(*#name),
    }
}

/// `dy` ← its final contents `value`.
fn write_back(name: &impl quote::ToTokens, value: &syn::Ident, how: Own) -> TokenStream {
    match how {
        Own::ToVec => quote!(#name.copy_from_slice(&#value);),
        Own::Clone | Own::Copy => quote!(*#name = #value;),
    }
}

/// `fn f_vjp(params) -> (R, impl FnOnce(R, M0, …) -> Grads)`; the pullback borrows the shared
/// parameters only, so the buffers can be read before it is called.
fn vjp_wrapper(item: &syn::ItemFn, owned_params: &[Param], lent: &[MutParam]) -> TokenStream {
    let ret = output_type(item);
    let grads = signature::gradient_type(owned_params);
    let finals: Vec<syn::Ident> = (0..lent.len()).map(|i| format_ident!("__final{}", i)).collect();
    let adjoints: Vec<syn::Ident> = (0..lent.len()).map(|i| format_ident!("__final_adjoint{}", i)).collect();
    let types: Vec<&syn::Type> = lent.iter().map(|m| &m.owned).collect();
    let mut sig = item.sig.clone();
    sig.ident = names::derived_fn(&item.sig.ident, "vjp");
    sig.output = syn::ReturnType::Default;
    let (mut sig, mut lifetimes) = signature::name_shared_lifetimes(sig);
    // The pullback holds `_owned_vjp`'s, which may live for its `'__lall`.
    signature::share_lifetimes(&mut sig, &mut lifetimes);
    let others = sig.generics.params.iter().filter_map(|p| match p {
        syn::GenericParam::Type(t) => Some(&t.ident),
        syn::GenericParam::Const(c) => Some(&c.ident),
        _ => None,
    });
    let (name, generics, inputs, where_clause) = (&sig.ident, &sig.generics, &sig.inputs, &sig.generics.where_clause);
    let owned_vjp = names::sibling(item, "owned_vjp");
    let args = owned_args(item, lent);
    let writes = lent.iter().zip(&finals).map(|(m, f)| write_back(&m.ident, f, m.how));
    let (allow, vis) = (allow_lints(), &item.vis);
    quote! {
        #allow
        #vis fn #name #generics (#inputs) -> (#ret, impl ::core::ops::FnOnce(#ret, #(#types),*) -> #grads + use<#(#lifetimes,)* #(#others),*>) #where_clause {
            let ((__value, (#(#finals,)*)), __pullback) = #owned_vjp(#(#args),*);
            #(#writes)*
            (__value, move |__adjoint: #ret, #(#adjoints: #types),*| __pullback((__adjoint, (#(#adjoints,)*))))
        }
    }
}

/// `fn f_jvp(params, tangents) -> (R, R)`: a lent buffer's tangent is a `&mut` buffer too,
/// holding the initial contents' tangent on entry and the final contents' on return.
fn jvp_wrapper(item: &syn::ItemFn, owned_params: &[Param], lent: &[MutParam]) -> TokenStream {
    let ret = output_type(item);
    let mut sig = item.sig.clone();
    sig.ident = names::derived_fn(&item.sig.ident, "jvp");
    let mut tangent_args = Vec::new();
    let mut tangent_writes = Vec::new();
    let differentiated =
        owned_params.iter().zip(item.sig.inputs.iter()).enumerate().filter(|(_, (p, _))| p.differentiated());
    let mut extra = Vec::new();
    for (index, (_, input)) in differentiated {
        let (name, ty) = match input {
            syn::FnArg::Receiver(r) => {
                let ty = super::forms::receiver_tangent_type(r);
                (format_ident!("self_tangent"), quote!(#ty))
            }
            syn::FnArg::Typed(t) => {
                let base = match &*t.pat {
                    syn::Pat::Ident(p) => p.ident.to_string(),
                    _ => format!("arg{index}"),
                };
                let ty = &t.ty;
                (format_ident!("{}_tangent", base), quote!(#ty))
            }
        };
        match lent.iter().position(|m| m.index == index) {
            Some(k) => {
                tangent_args.push(own(&name, lent[k].how));
                tangent_writes.push(write_back(&name, &format_ident!("__final_tangent{}", k), lent[k].how));
            }
            None => tangent_args.push(quote!(#name)),
        }
        extra.push(quote!(#name: #ty));
    }
    let finals: Vec<syn::Ident> = (0..lent.len()).map(|i| format_ident!("__final{}", i)).collect();
    let final_tangents: Vec<syn::Ident> = (0..lent.len()).map(|i| format_ident!("__final_tangent{}", i)).collect();
    let writes = lent.iter().zip(&finals).map(|(m, f)| write_back(&m.ident, f, m.how));
    let (name, generics, inputs, where_clause) = (&sig.ident, &sig.generics, &sig.inputs, &sig.generics.where_clause);
    let owned_jvp = names::sibling(item, "owned_jvp");
    let args = owned_args(item, lent);
    let (allow, vis) = (allow_lints(), &item.vis);
    quote! {
        #allow
        #vis fn #name #generics (#inputs, #(#extra),*) -> (#ret, #ret) #where_clause {
            let ((__value, (#(#finals,)*)), (__tangent, (#(#final_tangents,)*))) = #owned_jvp(#(#args,)* #(#tangent_args),*);
            #(#writes)*
            #(#tangent_writes)*
            (__value, __tangent)
        }
    }
}
