//! The source transform behind `backprop`'s `#[differentiable]`.
//!
//! An ordinary library over `proc_macro2` tokens, so that tests, benchmarks and fuzzers can
//! run it without rustc; the proc-macro crate `backprop-macros` only forwards to it.
//!
//! The pipeline, one phase per module (`expand` below reads one phase per line):
//!
//! ```text
//! tokens ─ args, lower ─▶ IR ─ structure ─▶ no early exits ─ calls ─▶ snapshots   (IR rewrites)
//!   frozen IR ─ analysis::{kinds, activity, scopes, index} ─▶ Facts
//!   Facts ─ reverse ─▶ adjoint program ─ coalesce ─▶ fewer adjoints
//!   ─ analysis::{record, fold, views, floats, tapes} ─▶ Plans ─ emit ─▶ `_vjp`, `_grad`
//! ```
//!
//! `ops` is the table of elementary operations every phase reads; `private` names the runtime
//! items the generated code calls.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod adjoint;
mod analysis;
mod args;
mod coalesce;
mod derive;
mod emit;
mod error;
mod forms;
mod generics;
mod ir;
mod lower;
mod mutref;
mod names;
mod ops;
mod private;
mod reverse;
mod structure;
mod sugar;
mod tangent;
mod walk;

use proc_macro2::TokenStream;
use quote::quote;

/// Expands `#[differentiable(args)] item`: the item unchanged, followed by its `_vjp` (and,
/// for a scalar output, `_grad`). On error: the item unchanged and every error found.
pub fn differentiable(args: TokenStream, item: TokenStream) -> TokenStream {
    if let Ok(syn::Item::Impl(block)) = syn::parse2::<syn::Item>(item.clone()) {
        return names::in_impl_block(|| impl_block(args, block));
    }
    let (item, generated) = expand_function(args, item);
    quote!(#item #generated)
}

/// The user's function as it is to be printed (with `#[allow(dead_code)]` once it
/// differentiates: a function used only through its gradient is not dead code), and what is
/// generated beside it: its forms, or every error found and stand-ins.
fn expand_function(args: TokenStream, item: TokenStream) -> (TokenStream, TokenStream) {
    match expand(args.clone(), item.clone()) {
        Ok(generated) => (quote!(#[allow(dead_code)] #item), generated),
        Err(error) => {
            let errors = error.to_compile_error();
            let stubs = stubs(args, item.clone());
            (item, quote!(#errors #stubs))
        }
    }
}

/// Expands `#[differentiable(args)] impl … { … }`: every function of the block as if it
/// carried `#[differentiable(args)]`, or its own `#[differentiable(...)]` if it has one. For an
/// inherent impl the generated functions sit beside the user's; for a trait impl they go into
/// an inherent impl of the same type (a trait impl may hold only the trait's items).
fn impl_block(args: TokenStream, mut block: syn::ItemImpl) -> TokenStream {
    let mut generated = Vec::new();
    let mut kept = Vec::new();
    for impl_item in std::mem::take(&mut block.items) {
        let syn::ImplItem::Fn(method) = impl_item else {
            kept.push(impl_item);
            continue;
        };
        let (method, own_args) = take_own_attribute(method);
        let (user, forms) = expand_function(own_args.unwrap_or_else(|| args.clone()), quote!(#method));
        if block.trait_.is_some() {
            // The user's method stays in the trait impl; what is generated moves.
            kept.push(syn::ImplItem::Fn(method));
        } else {
            kept.push(syn::ImplItem::Verbatim(user));
        }
        generated.push(forms);
    }
    if block.trait_.is_none() {
        kept.extend(generated.into_iter().map(syn::ImplItem::Verbatim));
        block.items = kept;
        return quote!(#block);
    }
    block.items = kept;
    let (impl_generics, _, where_clause) = block.generics.split_for_impl();
    let self_ty = &block.self_ty;
    quote!(#block #[allow(dead_code)] impl #impl_generics #self_ty #where_clause { #(#generated)* })
}

/// A function's own `#[differentiable(...)]` inside a `#[differentiable] impl`: removed, with
/// its arguments.
fn take_own_attribute(mut method: syn::ImplItemFn) -> (syn::ImplItemFn, Option<TokenStream>) {
    let mut own = None;
    method.attrs.retain(|attr| {
        let is_ours = attr.path().is_ident("differentiable");
        if is_ours {
            own = Some(match &attr.meta {
                syn::Meta::List(list) => list.tokens.clone(),
                _ => TokenStream::new(),
            });
        }
        !is_ours
    });
    (method, own)
}

/// Stand-ins for the generated functions when the body has errors but the attribute and
/// the signature have none (see `emit::stubs`); nothing otherwise.
fn stubs(args: TokenStream, item: TokenStream) -> Option<TokenStream> {
    let (item, float) = generic_item(syn::parse2::<syn::ItemFn>(item).ok()?).ok()?;
    let args = args::Args::parse(args).ok()?;
    names::with_float_param(float, || {
        let (params, output) = lower::signature(&item, &args).ok()?;
        Some(emit::stubs(&item, &params, &output))
    })
}

/// The function as its generated forms see it: generic over a float type `T`, with the bound
/// `T: Float` added (`generics`), and `T`.
fn generic_item(mut item: syn::ItemFn) -> syn::Result<(syn::ItemFn, Option<proc_macro2::Ident>)> {
    let float = generics::float_param(&item.sig)?;
    if let Some(t) = &float {
        item.sig = generics::with_float_bound(&item.sig, t);
    }
    Ok((item, float))
}

/// Expands `#[derive(Differentiable)]`.
pub fn derive_differentiable(input: TokenStream) -> TokenStream {
    derive::expand(input).unwrap_or_else(|error| error.to_compile_error())
}

/// The pipeline, one phase per line. The IR is rewritten up to the snapshots and frozen
/// after them; every later phase reads it and returns a side table or tokens.
fn expand(args: TokenStream, item_tokens: TokenStream) -> syn::Result<TokenStream> {
    let (item, float) = generic_item(parse_function(item_tokens)?)?; // the `fn` under the attribute
    let args = args::Args::parse(args)?; // `wrt(...)`, `reverse`, `custom(...)`
    names::with_float_param(float, || expand_parsed(&item, &args))
}

/// [`expand`] once the function and the attribute's arguments are parsed: calls lending
/// `&mut` places become value updates (`mutref`); a function with `&mut` parameters is
/// differentiated as `name_owned`, which takes and returns them by value, and gets wrappers.
fn expand_parsed(item: &syn::ItemFn, args: &args::Args) -> syn::Result<TokenStream> {
    let lent = mutref::mut_params(&item.sig)?;
    let mut item = item.clone();
    sugar::rewrite(&mut item.block);
    let own: Vec<proc_macro2::Ident> = lent.iter().map(|m| m.ident.clone()).collect();
    // `let q = p;` of a `&mut` parameter: `q` is `p`, also where `p` is lent on.
    mutref::inline_aliases(&mut item.block, &own);
    mutref::rewrite_calls(&mut item, &own)?;
    if lent.is_empty() {
        return expand_pure(&item, args);
    }
    if args.custom.is_some() {
        return Err(syn::Error::new(
            item.sig.ident.span(),
            "`custom(...)` derivatives of a function with `&mut` parameters are not supported; write them for a function that returns its results",
        ));
    }
    mutref::check_lengths_kept(&item.block, &lent)?;
    let owned = mutref::owned_function(&item, &lent);
    // A buffer's initial contents always reach its final ones: `wrt(...)` cannot leave it out.
    let mut args = args.clone();
    if let Some(wrt) = &mut args.wrt {
        wrt.extend(own.iter().filter(|m| !wrt.contains(m)).cloned().collect::<Vec<_>>());
    }
    let forms = expand_pure(&owned, &args)?;
    let (owned_params, _) = lower::signature(&owned, &args)?;
    let wrappers = emit::lending_forms(&item, &owned_params, &lent);
    let doc = format!(
        " [`{}`] with its `&mut` parameters taken and returned by value: what its derivatives are derivatives of.\n\n Generated by `#[differentiable]`.",
        item.sig.ident
    );
    Ok(quote!(#[doc = #doc] #[allow(dead_code, clippy::all)] #owned #forms #wrappers))
}

/// The pipeline for a function without `&mut` parameters.
fn expand_pure(item: &syn::ItemFn, args: &args::Args) -> syn::Result<TokenStream> {
    if args.custom.is_some() {
        let (params, output) = lower::signature(item, args)?; // derivatives written by hand
        return Ok(forms::custom(item, args, &params, &output));
    }
    let (mut function, output) = lower::function(item, args)?; // tokens → IR
    let mut errors = error::Errors::default(); // problems of the phases below, reported together
    structure::structure(&mut function, &mut errors, item.block.brace_token.span.close()); // early exits → flags
    let blocks = ir::number_blocks(&mut function.body); // every block gets its number
    errors.finish(())?;
    let generated = forms::generate(item, args, function, blocks, &output)?; // every mode and order (`forms`)
    Ok(generated)
}

/// The function the attribute is on; anything else is an error naming what was found.
fn parse_function(tokens: TokenStream) -> syn::Result<syn::ItemFn> {
    match syn::parse2::<syn::Item>(tokens.clone()) {
        Ok(syn::Item::Fn(item)) => Ok(item),
        Ok(other) => Err(syn::Error::new_spanned(
            item_keyword(&other),
            format!("`#[differentiable]` applies to functions and methods, not to {}", describe_item(&other)),
        )),
        Err(_) => syn::parse2::<syn::ItemFn>(tokens),
    }
}

fn item_keyword(item: &syn::Item) -> TokenStream {
    use quote::ToTokens;
    match item {
        syn::Item::Struct(s) => s.struct_token.to_token_stream(),
        syn::Item::Enum(e) => e.enum_token.to_token_stream(),
        syn::Item::Impl(i) => i.impl_token.to_token_stream(),
        syn::Item::Trait(t) => t.trait_token.to_token_stream(),
        syn::Item::Const(c) => c.const_token.to_token_stream(),
        syn::Item::Static(s) => s.static_token.to_token_stream(),
        syn::Item::Mod(m) => m.mod_token.to_token_stream(),
        other => other.to_token_stream(),
    }
}

fn describe_item(item: &syn::Item) -> &'static str {
    match item {
        syn::Item::Struct(_) => "a struct (to give a struct a gradient, use `#[derive(Differentiable)]`)",
        syn::Item::Enum(_) => "an enum",
        syn::Item::Trait(_) => "a trait",
        syn::Item::Const(_) => "a constant",
        syn::Item::Static(_) => "a static",
        syn::Item::Mod(_) => "a module",
        _ => "this item",
    }
}
