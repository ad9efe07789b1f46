//! Procedural macros of `backprop`. Use them through the `backprop` crate, whose
//! documentation describes them; this crate only hands tokens to `backprop-codegen`.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proc_macro::TokenStream;

/// Generates `name_grad` and `name_vjp` beside a function. See the `backprop` crate.
#[proc_macro_attribute]
pub fn differentiable(args: TokenStream, item: TokenStream) -> TokenStream {
    backprop_codegen::differentiable(args.into(), item.into()).into()
}

/// Implements the tangent traits for a struct. See the `backprop` crate.
#[proc_macro_derive(Differentiable)]
pub fn derive_differentiable(input: TokenStream) -> TokenStream {
    backprop_codegen::derive_differentiable(input.into()).into()
}
