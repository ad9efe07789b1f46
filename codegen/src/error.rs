//! Collecting errors so that one expansion reports every problem at once.

use proc_macro2::{Span, TokenStream};
use quote::quote;

/// Code for a state of the generator that an earlier phase rules out (`fact` says which
/// phase guarantees what): a bug in the macro, stopped as a compile error that says so,
/// never printed as a plausible program with a wrong gradient. A block, so that it stands
/// for an expression or a statement alike.
pub fn internal_error(fact: &str) -> TokenStream {
    let message = format!(
        "internal error in `#[differentiable]`: {fact}; please report this function at https://github.com/backprop-rs/backprop/issues"
    );
    quote!({ ::core::compile_error!(#message) })
}

/// Gathers `syn::Error`s; `finish` merges them into one (rustc shows each separately).
#[derive(Default)]
pub struct Errors {
    errors: Vec<syn::Error>,
}

impl Errors {
    /// Records an error at `span`.
    pub fn push(&mut self, span: Span, message: impl std::fmt::Display) {
        self.errors.push(syn::Error::new(span, message));
    }

    /// Records an error underlining all of `tokens`.
    pub fn push_spanned(&mut self, tokens: &impl quote::ToTokens, message: impl std::fmt::Display) {
        self.errors.push(syn::Error::new_spanned(tokens, message));
    }

    /// Whether none was recorded.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// `Ok(value)` if no error was recorded, else all errors combined.
    pub fn finish<T>(self, value: T) -> syn::Result<T> {
        let mut errors = self.errors.into_iter();
        match errors.next() {
            None => Ok(value),
            Some(mut first) => {
                for e in errors {
                    first.combine(e);
                }
                Err(first)
            }
        }
    }
}
