//! Names of generated identifiers, chosen in one place.
//!
//! Every variable gets a *base* name unique in the function: a user binding keeps its own
//! name the first time (`x`), a shadowing binding gets `x_1`, a temporary gets `t0`. The
//! primal is emitted as the base name (temporaries as `__t0`) and the adjoint as `__d_` plus
//! the base (`__d_x`, `__d_t0`). Bookkeeping values (`__tape0`, `__b0`, `__pb0`) start with
//! `__`, which user code does not use, so nothing can collide.

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote};
use std::cell::Cell;
use std::collections::HashSet;

thread_local! {
    /// Set while `#[differentiable] impl` expands its functions: an attribute on a function
    /// sees only that function, so it cannot tell an associated function from a free one.
    static IN_IMPL_BLOCK: Cell<bool> = const { Cell::new(false) };
    /// The float type parameter of the generic function being expanded (`T` of
    /// `fn f<T: Float>(x: T) -> T`): a literal the generator writes (`0.0`, `2.0`) cannot be
    /// a `T`, so it is written as a conversion to it.
    static FLOAT_PARAM: std::cell::RefCell<Option<Ident>> = const { std::cell::RefCell::new(None) };
}

/// Runs `expand` for a function whose floats are the type parameter `float` (see
/// [`float_literal`]).
pub fn with_float_param<R>(float: Option<Ident>, expand: impl FnOnce() -> R) -> R {
    let outer = FLOAT_PARAM.replace(float);
    let result = expand();
    FLOAT_PARAM.set(outer);
    result
}

/// Whether `ident` is the float type parameter of the function being expanded.
pub fn is_float_param(ident: &Ident) -> bool {
    FLOAT_PARAM.with_borrow(|float| float.as_ref() == Some(ident))
}

/// A reference to a zero that lives for the whole program (a callee's pullback may keep it):
/// `&0.0`, or in a function generic over its float type `T`, `StaticZero::ZERO_REF` (a
/// `&T::from_f64(0.0)` would be a temporary).
pub fn float_zero_ref() -> TokenStream {
    FLOAT_PARAM.with_borrow(|float| match float {
        Some(t) => quote!(<#t as ::backprop::__private::StaticZero>::ZERO_REF),
        None => quote!(&0.0),
    })
}

/// A float literal the generator writes (`0.0`, `2.0`, …): itself, or in a function generic
/// over its float type `T`, `<T as Float>::from_f64(2.0)` (which compiles to the constant).
pub fn float_literal(value: f64) -> TokenStream {
    let literal = proc_macro2::Literal::f64_unsuffixed(value);
    FLOAT_PARAM.with_borrow(|float| match float {
        Some(t) => quote!(<#t as ::backprop::__private::Float>::from_f64(#literal)),
        None => literal.into_token_stream(),
    })
}

/// `-0.0`, the value an empty float `sum()` has: std's `Sum` for floats starts from it, the
/// identity of `+` bit for bit (`-0.0 + x` is `x` for every `x`; `0.0 + -0.0` is `0.0`), so a
/// sum of nothing or of negative zeros is `-0.0` — and a later `atan2` or division sees
/// the sign.
pub fn float_negative_zero() -> TokenStream {
    FLOAT_PARAM.with_borrow(|float| match float {
        Some(t) => quote!(-<#t as ::backprop::__private::Float>::from_f64(0.0)),
        None => quote!(-0.0),
    })
}

/// Runs `expand` for the functions of an `impl` block (see [`is_associated`]).
pub fn in_impl_block<R>(expand: impl FnOnce() -> R) -> R {
    let outer = IN_IMPL_BLOCK.replace(true);
    let result = expand();
    IN_IMPL_BLOCK.set(outer);
    result
}

/// Whether the generated functions of `item` are reached through `Self::`: a method, a
/// function of a `#[differentiable] impl` block, or one whose tokens name `Self` (which a
/// free function cannot). An associated function that does none of these is taken for a
/// free one; the error rustc then gives on its name says to use `Self` (docs/errors.md).
pub fn is_associated(item: &syn::ItemFn) -> bool {
    item.sig.receiver().is_some() || IN_IMPL_BLOCK.get() || names_self(&item.to_token_stream())
}

/// The path of the generated function `name_suffix`, from another generated function.
pub fn sibling(item: &syn::ItemFn, suffix: &str) -> TokenStream {
    let name = derived_fn(&item.sig.ident, suffix);
    // A constant parameter that no parameter's type names (`fn f<const N: usize>(x: &[f64])`)
    // cannot be inferred at the call: pass the type and constant parameters on, in order.
    let generics = &item.sig.generics;
    let name = match generics.const_params().next() {
        Some(_) => {
            let params = generics.params.iter().filter_map(|p| match p {
                syn::GenericParam::Type(t) => Some(t.ident.clone()),
                syn::GenericParam::Const(c) => Some(c.ident.clone()),
                syn::GenericParam::Lifetime(_) => None,
            });
            quote!(#name::<#(#params),*>)
        }
        None => quote!(#name),
    };
    match is_associated(item) {
        true => quote!(Self::#name),
        false => name,
    }
}

fn names_self(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().any(|tree| match tree {
        TokenTree::Ident(ident) => ident == "Self",
        TokenTree::Group(group) => names_self(&group.stream()),
        _ => false,
    })
}

/// Hands out unique base names, avoiding every identifier in the user's function.
pub struct Names {
    /// Identifiers in the user's tokens.
    taken: HashSet<String>,
    /// Base names already given to a variable.
    given: HashSet<String>,
    next_temp: usize,
}

impl Names {
    /// Starts with every identifier that occurs in `tokens`.
    pub fn avoiding(tokens: &TokenStream) -> Names {
        let mut taken = HashSet::new();
        collect_idents(tokens, &mut taken);
        Names { taken, given: HashSet::new(), next_temp: 0 }
    }

    /// Base name for a user binding of `name`.
    pub fn user(&mut self, name: &str) -> String {
        if self.given.insert(name.to_owned()) {
            return name.to_owned();
        }
        let name = name.trim_start_matches("r#");
        let mut k = 1;
        loop {
            let candidate = format!("{name}_{k}");
            if self.is_free(&candidate) {
                return self.give(candidate);
            }
            k += 1;
        }
    }

    /// Base name for a temporary.
    pub fn temp(&mut self) -> String {
        loop {
            let candidate = format!("t{}", self.next_temp);
            self.next_temp += 1;
            if self.is_free(&candidate) {
                return self.give(candidate);
            }
        }
    }

    fn is_free(&self, candidate: &str) -> bool {
        !self.taken.contains(candidate) && !self.given.contains(candidate)
    }

    fn give(&mut self, name: String) -> String {
        self.given.insert(name.clone());
        name
    }
}

fn collect_idents(tokens: &TokenStream, out: &mut HashSet<String>) {
    for tt in tokens.clone() {
        match tt {
            TokenTree::Ident(i) => {
                out.insert(i.to_string());
            }
            TokenTree::Group(g) => collect_idents(&g.stream(), out),
            _ => {}
        }
    }
}

/// Identifier of a user variable's value.
pub fn user_value(base: &str, span: Span) -> Ident {
    if base == "self" {
        return Ident::new("self", span);
    }
    ident_from(base, span)
}

/// Identifier of a temporary's value.
pub fn temp_value(base: &str) -> Ident {
    format_ident!("__{}", base)
}

/// Identifier of a variable's adjoint.
pub fn adjoint(base: &str) -> Ident {
    format_ident!("__d_{}", base.trim_start_matches("r#"))
}

/// Identifier of a bookkeeping value: `__{what}{id}`, e.g. `__tape3`.
pub fn bookkeeping(what: &str, id: usize) -> Ident {
    format_ident!("__{}{}", what, id)
}

/// Identifier of a function derived from `name`, e.g. `f_vjp`.
pub fn derived_fn(name: &Ident, suffix: &str) -> Ident {
    let base = name.to_string();
    let base = base.trim_start_matches("r#");
    Ident::new(&format!("{base}_{suffix}"), name.span())
}

/// An identifier from its printed form, raw (`r#type`) or not.
pub fn ident_from(name: &str, span: Span) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, span),
        None => Ident::new(name, span),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn shadowing_and_temporaries_avoid_user_names() {
        let mut names = Names::avoiding(&quote!(
            fn f(x: f64, t0: f64, x_1: f64) {}
        ));
        assert_eq!(names.user("x"), "x");
        assert_eq!(names.user("x"), "x_2");
        assert_eq!(names.temp(), "t1");
        assert_eq!(names.temp(), "t2");
    }

    #[test]
    fn adjoints_prefix_the_base_name() {
        assert_eq!(adjoint("x").to_string(), "__d_x");
        assert_eq!(adjoint("t3").to_string(), "__d_t3");
    }
}
