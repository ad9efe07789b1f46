//! The attribute's arguments: `#[differentiable]` or `#[differentiable(wrt(x, w))]`.

use proc_macro2::{Ident, TokenStream};
use syn::parse::{Parse, ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Token, parenthesized};

/// Keyword naming the differentiated parameters.
pub const WRT: &str = "wrt";

/// Parsed attribute arguments.
#[derive(Default)]
pub struct Args {
    /// `wrt(...)`: the parameters to differentiate; `None` means every float parameter.
    pub wrt: Option<Vec<Ident>>,
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
            if key != WRT {
                return Err(syn::Error::new(
                    key.span(),
                    format!("unknown argument `{key}`; `#[differentiable]` accepts only `wrt(param, ...)`"),
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
        assert_eq!(err.as_deref(), Some("unknown argument `with`; `#[differentiable]` accepts only `wrt(param, ...)`"));
    }
}
