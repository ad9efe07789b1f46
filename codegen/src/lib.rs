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
mod ir;
mod lower;
mod names;
mod ops;
mod private;
mod reverse;
mod structure;
mod tangent;
mod walk;

use proc_macro2::TokenStream;
use quote::quote;

/// Expands `#[differentiable(args)] item`: the item unchanged, followed by its `_vjp` (and,
/// for a scalar output, `_grad`). On error: the item unchanged and every error found.
pub fn differentiable(args: TokenStream, item: TokenStream) -> TokenStream {
    match expand(args.clone(), item.clone()) {
        Ok(tokens) => tokens,
        Err(error) => {
            let errors = error.to_compile_error();
            let stubs = stubs(args, item.clone());
            quote!(#item #errors #stubs)
        }
    }
}

/// Stand-ins for the generated functions when the body has errors but the attribute and
/// the signature have none (see `emit::stubs`); nothing otherwise.
fn stubs(args: TokenStream, item: TokenStream) -> Option<TokenStream> {
    let item = syn::parse2::<syn::ItemFn>(item).ok()?;
    let args = args::Args::parse(args).ok()?;
    let (params, output) = lower::signature(&item, &args).ok()?;
    Some(emit::stubs(&item, &params, &output))
}

/// Expands `#[derive(Differentiable)]`.
pub fn derive_differentiable(input: TokenStream) -> TokenStream {
    derive::expand(input).unwrap_or_else(|error| error.to_compile_error())
}

/// The pipeline, one phase per line. The IR is rewritten up to the snapshots and frozen
/// after them; every later phase reads it and returns a side table or tokens.
fn expand(args: TokenStream, item_tokens: TokenStream) -> syn::Result<TokenStream> {
    let item = parse_function(item_tokens)?; // the `fn` under the attribute
    let args = args::Args::parse(args)?; // `wrt(...)`, `reverse`, `custom(...)`
    if args.custom.is_some() {
        let (params, output) = lower::signature(&item, &args)?; // derivatives written by hand
        let generated = forms::custom(&item, &args, &params, &output);
        return Ok(quote!(#item #generated));
    }
    let (mut function, output) = lower::function(&item, &args)?; // tokens → IR
    let mut errors = error::Errors::default(); // problems of the phases below, reported together
    structure::structure(&mut function, &mut errors, item.block.brace_token.span.close()); // early exits → flags
    let blocks = ir::number_blocks(&mut function.body); // every block gets its number
    errors.finish(())?;
    let generated = forms::generate(&item, &args, function, blocks, &output)?; // every mode and order (`forms`)
    // A function used only through its gradient is not dead code.
    Ok(quote!(#[allow(dead_code)] #item #generated))
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
        syn::Item::Impl(_) => "an `impl` block (put it on each method instead)",
        syn::Item::Trait(_) => "a trait",
        syn::Item::Const(_) => "a constant",
        syn::Item::Static(_) => "a static",
        syn::Item::Mod(_) => "a module",
        _ => "this item",
    }
}
