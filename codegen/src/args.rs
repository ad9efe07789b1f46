//! The attribute's arguments: `#[differentiable]` or `#[differentiable(wrt(x, w))]`.

use proc_macro2::{Ident, TokenStream};
use syn::parse::{Parse, ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Token, parenthesized};

/// Keyword naming the differentiated parameters.
pub const WRT: &str = "wrt";
/// Keyword naming the forms a custom rule writes by hand.
pub const CUSTOM: &str = "custom";
/// Keyword asking for reverse mode only.
pub const REVERSE: &str = "reverse";

/// The forms a hand-written custom rule may provide.
pub const CUSTOM_FORMS: &[&str] = &["vjp", "grad", "jvp", "jvp_vjp", "hvp", "jvp_jvp", "jvp_jvp_vjp"];

/// Parsed attribute arguments.
#[derive(Default, Clone)]
pub struct Args {
    /// `wrt(...)`: the parameters to differentiate; `None` means every float parameter.
    pub wrt: Option<Vec<Ident>>,
    /// `custom(vjp, jvp, …)`: the function's derivatives are written by hand, these forms;
    /// the macro adds the rest (derived from them, or stand-ins that say what is missing).
    pub custom: Option<Vec<Ident>>,
    /// `reverse`: only `_vjp` and `_grad` are generated; the other forms are stand-ins.
    pub reverse: bool,
}

impl Args {
    /// Parses the tokens inside `#[differentiable(...)]`.
    pub fn parse(tokens: TokenStream) -> syn::Result<Args> {
        Parser::parse2(Args::parse_inner, tokens)
    }

    fn parse_inner(input: ParseStream) -> syn::Result<Args> {
        let mut args = Args::default();
        while !input.is_empty() {
            let key: Ident = input.parse()?;
            if key == REVERSE {
                args.reverse = true;
                if !input.is_empty() {
                    input.parse::<Token![,]>()?;
                }
                continue;
            }
            if key == CUSTOM {
                args.custom = Some(parse_custom(input, &key)?);
                if !input.is_empty() {
                    input.parse::<Token![,]>()?;
                }
                continue;
            }
            if key != WRT {
                return Err(syn::Error::new(
                    key.span(),
                    format!(
                        "unknown argument `{key}`; `#[differentiable]` accepts `wrt(param, ...)`, `reverse` and `custom(vjp, ...)`"
                    ),
                ));
            }
            if args.wrt.is_some() {
                return Err(syn::Error::new(key.span(), "`wrt` is given twice; list all parameters in one `wrt(...)`"));
            }
            if !input.peek(syn::token::Paren) {
                return Err(syn::Error::new(input.span(), "`wrt` takes its parameters in parentheses: `wrt(x, y)`"));
            }
            let content;
            parenthesized!(content in input);
            let names = Punctuated::<WrtName, Token![,]>::parse_terminated(&content)?;
            args.wrt = Some(names.into_iter().map(|n| n.0).collect());
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(args)
    }
}

/// `custom` or `custom(vjp, jvp, …)`: the hand-written forms (`vjp` alone if none are listed).
fn parse_custom(input: ParseStream, key: &Ident) -> syn::Result<Vec<Ident>> {
    if !input.peek(syn::token::Paren) {
        return Ok(vec![Ident::new("vjp", key.span())]);
    }
    let content;
    parenthesized!(content in input);
    let forms = Punctuated::<Ident, Token![,]>::parse_terminated(&content)?;
    for form in &forms {
        if !CUSTOM_FORMS.contains(&form.to_string().as_str()) {
            return Err(syn::Error::new(
                form.span(),
                format!(
                    "`{form}` is not a form a custom rule can write; list some of `vjp`, `grad`, `jvp`, `jvp_vjp`, `hvp`, `jvp_jvp`, `jvp_jvp_vjp`"
                ),
            ));
        }
    }
    Ok(forms.into_iter().collect())
}

/// A parameter name inside `wrt(...)`, which may be `self`.
struct WrtName(Ident);

impl Parse for WrtName {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(Token![self]) {
            let token: Token![self] = input.parse()?;
            return Ok(WrtName(Ident::new("self", token.span)));
        }
        Ok(WrtName(input.parse()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn empty_means_every_float_parameter() {
        assert!(Args::parse(quote!()).map(|a| a.wrt.is_none()).unwrap_or(false));
    }

    #[test]
    fn wrt_lists_names_in_order() {
        let args = Args::parse(quote!(wrt(x, self, w))).ok();
        let names: Vec<String> = args.and_then(|a| a.wrt).unwrap_or_default().iter().map(|i| i.to_string()).collect();
        assert_eq!(names, ["x", "self", "w"]);
    }

    #[test]
    fn unknown_keys_are_errors() {
        let err = Args::parse(quote!(with(x))).err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                "unknown argument `with`; `#[differentiable]` accepts `wrt(param, ...)`, `reverse` and `custom(vjp, ...)`"
            )
        );
    }

    #[test]
    fn reverse_and_custom_combine_with_wrt() {
        let args = Args::parse(quote!(custom(vjp, jvp), wrt(x))).ok();
        let forms: Vec<String> =
            args.as_ref().and_then(|a| a.custom.clone()).unwrap_or_default().iter().map(|i| i.to_string()).collect();
        assert_eq!(forms, ["vjp", "jvp"]);
        assert!(args.is_some_and(|a| a.wrt.is_some() && !a.reverse));
        assert!(Args::parse(quote!(reverse)).is_ok_and(|a| a.reverse));
        let bare = Args::parse(quote!(custom)).ok().and_then(|a| a.custom).unwrap_or_default();
        assert_eq!(bare.len(), 1);
        let err = Args::parse(quote!(custom(grad_vjp))).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.starts_with("`grad_vjp` is not a form a custom rule can write"), "{err}");
    }
}
