//! Generic functions (DESIGN.md §4 "Generics"): `fn f<T: Float>(x: &[T]) -> T`.
//!
//! A function may be generic over its float type and over constants (`const N: usize`). The
//! float type is the one type parameter the signature uses where a float goes (`x: T`,
//! `&[T]`, `Vec<T>`, `[T; N]`, the return type); the generated functions add the bound
//! `T: ::backprop::Float` to the user's own (which may be as loose as `T: Mul<Output = T> +
//! Copy`), so a call with a type that is not `f32` or `f64` is a trait error at the call — the
//! macro never assumes what `T` is. Every literal the generator writes becomes
//! `<T as Float>::from_f64(…)` (`names::float_literal`).

use proc_macro2::Ident;
use syn::spanned::Spanned;
use syn::visit::Visit;

/// The function's float type parameter, if it is generic over one; an error for type
/// parameters that are not its float type (a second one, or one the signature does not use
/// as a float), and for `where` predicates that are not bounds on a parameter.
pub fn float_param(sig: &syn::Signature) -> syn::Result<Option<Ident>> {
    let params: Vec<&Ident> = sig.generics.type_params().map(|p| &p.ident).collect();
    if params.is_empty() {
        return Ok(None);
    }
    let mut finder = FloatPositions { params: &params, found: Vec::new(), concrete: None };
    for input in &sig.inputs {
        if let syn::FnArg::Typed(typed) = input {
            finder.float_position(&typed.ty);
        }
    }
    if let syn::ReturnType::Type(_, ty) = &sig.output {
        finder.float_position(ty);
    }
    let mut errors: Option<syn::Error> = None;
    let mut push = |error: syn::Error| match &mut errors {
        Some(all) => all.combine(error),
        None => errors = Some(error),
    };
    let float = finder.found.first().cloned();
    if let (Some(t), Some(concrete)) = (&float, &finder.concrete) {
        push(syn::Error::new(
            concrete.span(),
            format!(
                "this function is generic over its float type `{t}`, and this float is a `{}`: a differentiable function has one float type; write `{t}` here too (a type parameter that is not a float, such as a `T: Copy` constant, is not supported)",
                quote::ToTokens::to_token_stream(concrete)
            ),
        ));
    }
    for param in sig.generics.type_params() {
        if Some(&param.ident) != float.as_ref() {
            let message = match &float {
                Some(t) => format!(
                    "a differentiable function is generic over one float type (`{t}` here); `{}` is a second type parameter: make it `{t}`, or a concrete type",
                    param.ident
                ),
                None => format!(
                    "the type parameter `{}` is not used as a float (`x: {0}`, `&[{0}]`, `Vec<{0}>`, `[{0}; N]` or the return type); a differentiable function may be generic over its float type only",
                    param.ident
                ),
            };
            push(syn::Error::new(param.ident.span(), message));
        }
    }
    if let Some(clause) = &sig.generics.where_clause {
        for predicate in &clause.predicates {
            if !bounds_a_param(predicate, &params) {
                push(syn::Error::new(
                    predicate.span(),
                    "this `where` predicate is not supported; bound the type parameter itself (`where T: Float`)",
                ));
            }
        }
    }
    match errors {
        Some(error) => Err(error),
        None => Ok(float),
    }
}

/// `sig` with the bound every generated function needs on the float type (`T: Float`), and
/// the `where` clause folded into the parameters' bounds: the generated signatures print the
/// parameter list, not always a `where` clause.
pub fn with_float_bound(sig: &syn::Signature, float: &Ident) -> syn::Signature {
    let mut sig = sig.clone();
    let predicates = sig.generics.where_clause.take().map(|c| c.predicates).unwrap_or_default();
    for param in sig.generics.type_params_mut() {
        for predicate in &predicates {
            if let syn::WherePredicate::Type(bound) = predicate
                && is_param(&bound.bounded_ty, &param.ident)
            {
                param.bounds.extend(bound.bounds.iter().cloned());
            }
        }
        if &param.ident == float {
            param.bounds.push(syn::parse_quote!(::backprop::Float));
        }
    }
    sig
}

fn bounds_a_param(predicate: &syn::WherePredicate, params: &[&Ident]) -> bool {
    match predicate {
        syn::WherePredicate::Type(bound) => {
            bound.lifetimes.is_none() && params.iter().any(|p| is_param(&bound.bounded_ty, p))
        }
        _ => false,
    }
}

fn is_param(ty: &syn::Type, param: &Ident) -> bool {
    matches!(ty, syn::Type::Path(p) if p.qself.is_none() && p.path.is_ident(param))
}

/// Collects the type parameters found where a float goes, in order of appearance.
struct FloatPositions<'a> {
    params: &'a [&'a Ident],
    found: Vec<Ident>,
    /// The first `f32` or `f64` written where a float goes.
    concrete: Option<syn::TypePath>,
}

impl FloatPositions<'_> {
    /// `ty` is a float position: a parameter's or the return type, looked through references,
    /// slices, arrays, tuples and the type arguments of paths (`Vec<T>`, `Tensor<T>`).
    fn float_position(&mut self, ty: &syn::Type) {
        match ty {
            syn::Type::Reference(r) => self.float_position(&r.elem),
            syn::Type::Paren(p) => self.float_position(&p.elem),
            syn::Type::Slice(s) => self.float_position(&s.elem),
            syn::Type::Array(a) => self.float_position(&a.elem),
            syn::Type::Tuple(t) => t.elems.iter().for_each(|e| self.float_position(e)),
            syn::Type::Path(p) if p.qself.is_none() => {
                let Some(last) = p.path.segments.last() else { return };
                if (p.path.is_ident("f32") || p.path.is_ident("f64")) && self.concrete.is_none() {
                    self.concrete = Some(p.clone());
                } else if p.path.segments.len() == 1 && self.params.contains(&&last.ident) {
                    if !self.found.contains(&last.ident) {
                        self.found.push(last.ident.clone());
                    }
                } else {
                    // `Vec<T>`, `Box<T>`, and a type over the float (`Tensor<T>`).
                    let mut args = ArgTypes::default();
                    args.visit_path_arguments(&last.arguments);
                    args.0.iter().for_each(|t| self.float_position(t));
                }
            }
            _ => {}
        }
    }
}

#[derive(Default)]
struct ArgTypes(Vec<syn::Type>);

impl<'ast> Visit<'ast> for ArgTypes {
    fn visit_generic_argument(&mut self, arg: &'ast syn::GenericArgument) {
        if let syn::GenericArgument::Type(t) = arg {
            self.0.push(t.clone());
        }
    }
}
