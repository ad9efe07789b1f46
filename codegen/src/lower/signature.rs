//! Parameters and the return type: which parameters are differentiated, what their
//! gradients' types are, and what the output's adjoint (the seed) looks like.

use super::Lowerer;
use crate::args::Args;
use crate::ir::{Kind, Param, ParamGradient, Role};
use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::{FnArg, GenericArgument, PathArguments, ReturnType, Type};

/// The function's output.
pub struct Output {
    /// The return type as written.
    pub ty: TokenStream,
    /// Whether `_grad` exists (scalar float output) or only `_vjp`.
    pub shape: OutputShape,
}

/// What kind of value the function returns.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum OutputShape {
    /// `f32` or `f64`: both `_grad` and `_vjp`.
    Scalar,
    /// A collection, tuple or struct: only `_vjp`.
    Other,
}

/// What the signature says about one type.
struct TypeInfo {
    kind: Kind,
    /// The gradient's type; `None` for constants.
    tangent: Option<TokenStream>,
}

impl Lowerer {
    /// Lowers the parameters, binding each one in the outermost scope.
    pub(super) fn params(&mut self, sig: &syn::Signature, args: &Args) -> Vec<Param> {
        self.reject_signature_features(sig);
        self.push_scope();
        let mut params = Vec::new();
        let mut bound = Vec::new();
        for (index, input) in sig.inputs.iter().enumerate() {
            if let Some((param, name)) = self.param(input, index, args) {
                params.push(param);
                bound.push(name);
            }
        }
        self.check_wrt(args, &params, &bound);
        params
    }

    fn reject_signature_features(&mut self, sig: &syn::Signature) {
        if let Some(token) = &sig.asyncness {
            self.error(token.span, "`async fn` cannot be differentiable; differentiate a synchronous function and call it from the async one");
        }
        if let Some(token) = &sig.constness {
            self.error(token.span, "`const fn` cannot be differentiable; remove `const`");
        }
        if let Some(abi) = &sig.abi {
            self.error_at(
                &abi,
                "an `extern` function cannot be differentiable; differentiate a Rust function and wrap it",
            );
        }
        if let Some(variadic) = &sig.variadic {
            self.error_at(&variadic, "variadic functions cannot be differentiable");
        }
        if let syn::Safety::Unsafe(token) = &sig.safety {
            self.error(token.span, "`unsafe fn` cannot be differentiable; keep the unsafe code in a separate function with a hand-written `_vjp`");
        }
        // Generic parameters were checked before lowering (`generics`).
    }

    fn param(&mut self, input: &FnArg, index: usize, args: &Args) -> Option<(Param, syn::Ident)> {
        let (ident, mutable, info) = match input {
            FnArg::Receiver(receiver) => self.receiver(receiver)?,
            FnArg::Typed(typed) => {
                let syn::Pat::Ident(pat) = &*typed.pat else {
                    self.error_at(&typed.pat, "parameter patterns are not supported; bind the parameter to a name and destructure it in the body");
                    return None;
                };
                if pat.by_ref.is_some() || pat.subpat.is_some() {
                    self.error_at(&pat, "parameter patterns are not supported; bind the parameter to a plain name");
                    return None;
                }
                let info = self.type_info(&typed.ty)?;
                (pat.ident.clone(), pat.mutability.is_some(), info)
            }
        };
        let listed = args.wrt.as_ref().is_none_or(|names| names.contains(&ident));
        let gradient = match info.tangent {
            None => ParamGradient::Constant,
            Some(_) if !listed => ParamGradient::LeftOut,
            Some(tangent) => ParamGradient::Returned(tangent),
        };
        let var = self.bind_user(&ident, info.kind, mutable, Role::Param(index));
        let array = matches!(input, FnArg::Typed(t) if is_array(&t.ty));
        let borrowed = match input {
            FnArg::Typed(t) => is_reference(&t.ty),
            FnArg::Receiver(r) => matches!(r.kind, syn::ReceiverKind::Reference(..)),
        };
        if borrowed {
            self.borrowed_params.push(var);
        }
        Some((Param { var, gradient, array, borrowed }, ident))
    }

    fn receiver(&mut self, receiver: &syn::Receiver) -> Option<(syn::Ident, bool, TypeInfo)> {
        let self_ident = syn::Ident::new("self", receiver.self_token.span);
        match &receiver.kind {
            syn::ReceiverKind::Reference(_, _, Some(mutability)) => {
                self.error(mutability.span, "`&mut self` cannot be differentiable: the gradient of a mutation is not defined; take `&self` and return the new value");
                None
            }
            syn::ReceiverKind::Reference(..) | syn::ReceiverKind::Value => {
                let info = TypeInfo { kind: Kind::Composite, tangent: Some(quote!(Self)) };
                Some((self_ident, receiver.mutability.is_some(), info))
            }
            _ => {
                self.error_at(&receiver, "this receiver is not supported; use `self` or `&self`");
                None
            }
        }
    }

    /// Classifies a parameter type (see DESIGN.md, "Which parameters are differentiated").
    fn type_info(&mut self, ty: &Type) -> Option<TypeInfo> {
        match classify(ty) {
            Ok(info) => Some(info),
            Err((tokens, message)) => {
                self.error_at(&tokens, message);
                None
            }
        }
    }

    fn check_wrt(&mut self, args: &Args, params: &[Param], names: &[syn::Ident]) {
        let Some(wrt) = &args.wrt else { return };
        for name in wrt {
            match names.iter().position(|n| n == name) {
                None => self.error(
                    name.span(),
                    format!("`wrt` names `{name}`, which is not a parameter of this function"),
                ),
                Some(i) if matches!(params[i].gradient, ParamGradient::Constant) => self.error(
                    name.span(),
                    format!("`wrt` names `{name}`, but its type has no gradient (integers, `bool` and strings are constants)"),
                ),
                Some(_) => {}
            }
        }
    }

    /// The return type.
    pub(super) fn output(&mut self, sig: &syn::Signature) -> Output {
        let ty = match &sig.output {
            ReturnType::Default => {
                self.error(
                    sig.paren_token.span.close(),
                    "a differentiable function must return a value that has a gradient (`f32`, `f64`, a float collection, a tuple of these or a struct deriving `Differentiable`); this one returns nothing",
                );
                return Output { ty: quote!(()), shape: OutputShape::Other };
            }
            ReturnType::Type(_, ty) => ty,
        };
        // `()` is a value only beside the buffers of a function with `&mut` parameters.
        let unit = matches!(&**ty, Type::Tuple(t) if t.elems.is_empty());
        let shape = match classify(ty) {
            _ if unit => {
                self.error_at(
                    &ty,
                    "the return type `()` has no gradient; return `f32`, `f64`, a float collection, a tuple of these or a struct deriving `Differentiable` (a function that fills `&mut` buffers may return nothing)",
                );
                OutputShape::Other
            }
            Ok(TypeInfo { kind: Kind::Scalar, .. }) => OutputShape::Scalar,
            Ok(TypeInfo { kind: Kind::ScalarRef, .. }) | Err(_) | Ok(TypeInfo { tangent: None, .. }) => {
                self.error_at(
                    &ty,
                    format!(
                        "the return type `{}` has no gradient; return `f32`, `f64`, a float collection, a tuple of these or a struct deriving `Differentiable`",
                        type_text(ty)
                    ),
                );
                OutputShape::Other
            }
            Ok(_) if is_reference(ty) => {
                self.error_at(&ty, "a differentiable function must return an owned value, not a reference");
                OutputShape::Other
            }
            Ok(_) => OutputShape::Other,
        };
        Output { ty: ty.to_token_stream(), shape }
    }
}

/// `[T; N]` or `&[T; N]`.
fn is_array(ty: &Type) -> bool {
    match ty {
        Type::Array(_) => true,
        Type::Reference(r) => is_array(&r.elem),
        Type::Paren(p) => is_array(&p.elem),
        _ => false,
    }
}

fn is_reference(ty: &Type) -> bool {
    matches!(ty, Type::Reference(_))
}

/// Kind and gradient type of a parameter or return type.
fn classify(ty: &Type) -> Result<TypeInfo, (TokenStream, String)> {
    match ty {
        Type::Paren(inner) => classify(&inner.elem),
        Type::Group(inner) => classify(&inner.elem),
        Type::Reference(reference) => {
            if reference.mutability.is_some() {
                return Err((reference.to_token_stream(),
                    "`&mut` parameters cannot be differentiable: the gradient of a mutation is not defined; take `&` and return the new value".into(),
                ));
            }
            let inner = classify(&reference.elem)?;
            let kind = if inner.kind == Kind::Scalar { Kind::ScalarRef } else { inner.kind };
            Ok(TypeInfo { kind, tangent: inner.tangent })
        }
        Type::Slice(slice) => collection(&slice.elem, |t| quote!(::std::vec::Vec<#t>)),
        Type::Array(array) => {
            let len = &array.len;
            collection(&array.elem, |t| quote!([#t; #len]))
        }
        // `()`: the value of a function with `&mut` parameters and no result (`mutref`); its
        // tangent is itself.
        Type::Tuple(tuple) if tuple.elems.is_empty() => {
            Ok(TypeInfo { kind: Kind::Composite, tangent: Some(quote!(())) })
        }
        Type::Tuple(tuple) => {
            let mut tangents = Vec::new();
            for elem in &tuple.elems {
                match classify(elem)?.tangent {
                    Some(t) => tangents.push(t),
                    None => {
                        return Err((
                            elem.to_token_stream(),
                            format!(
                                "every element of a tuple type must have a gradient; pass the `{}` as a parameter of its own",
                                type_text(elem)
                            ),
                        ));
                    }
                }
            }
            Ok(TypeInfo { kind: Kind::Composite, tangent: Some(quote!((#(#tangents,)*))) })
        }
        Type::Path(path) if path.qself.is_none() => classify_path(path),
        other => Err((
            other.to_token_stream(),
            format!(
                "the type `{}` is not supported here; use floats, float slices, `Vec`s, arrays or a struct deriving `Differentiable`",
                type_text(other)
            ),
        )),
    }
}

/// A type as a person writes it (`Wrapper<f64>`, `&f64`), not as tokens print (`Wrapper < f64 >`),
/// for error messages.
fn type_text(ty: &impl ToTokens) -> String {
    let text = ty.to_token_stream().to_string();
    [(" < ", "<"), ("< ", "<"), (" <", "<"), (" >", ">"), (" ,", ","), (" :: ", "::"), (":: ", "::"), ("& ", "&")]
        .iter()
        .fold(text, |t, (from, to)| t.replace(from, to))
}

fn classify_path(path: &syn::TypePath) -> Result<TypeInfo, (TokenStream, String)> {
    let Some(last) = path.path.segments.last() else {
        return Err((path.to_token_stream(), "empty type path".into()));
    };
    let name = last.ident.to_string();
    if path.path.segments.len() == 1 || is_std_path(&path.path) {
        if path.path.segments.len() == 1 && crate::names::is_float_param(&last.ident) {
            return Ok(TypeInfo { kind: Kind::Scalar, tangent: Some(path.to_token_stream()) });
        }
        match name.as_str() {
            "f32" | "f64" => return Ok(TypeInfo { kind: Kind::Scalar, tangent: Some(path.to_token_stream()) }),
            "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128" | "isize"
            | "bool" | "char" | "str" | "String" => return Ok(TypeInfo { kind: Kind::Int, tangent: None }),
            "Vec" | "Box" => {
                if let Some(elem) = single_type_argument(last) {
                    return if name == "Vec" {
                        collection(elem, |t| quote!(::std::vec::Vec<#t>))
                    } else {
                        classify(elem)
                    };
                }
            }
            "Option" => {
                if let Some(inner) = single_type_argument(last) {
                    return optional(inner);
                }
            }
            "Result" | "HashMap" | "BTreeMap" | "Rc" | "Arc" | "Cell" | "RefCell" => {
                return Err((
                    path.to_token_stream(),
                    format!(
                        "`{name}` parameters are not supported; pass the values inside it, or a struct deriving `Differentiable`"
                    ),
                ));
            }
            _ => {}
        }
    }
    if let Some(info) = foreign_array(path) {
        return Ok(info);
    }
    if let PathArguments::AngleBracketed(generic) = &last.arguments
        && generic.args.iter().any(|a| !matches!(a, GenericArgument::Lifetime(_)) && !is_float_argument(a))
    {
        return Err((
            path.to_token_stream(),
            format!(
                "the generic type `{}` is not supported here; use floats, float slices, `Vec`s, arrays or a struct deriving `Differentiable`",
                type_text(path)
            ),
        ));
    }
    // Any other named type is taken to derive `Differentiable`; its gradient is itself.
    // A type that does not gets a trait error naming the derive.
    Ok(TypeInfo { kind: Kind::Composite, tangent: Some(strip_lifetimes(path)) })
}

/// A type argument that is a float type (`f32`, `f64`, the function's float parameter `T`):
/// `Tensor<f64>`, `Tensor<T>` are types whose gradient is themselves, as for a derived struct.
fn is_float_argument(argument: &GenericArgument) -> bool {
    match argument {
        GenericArgument::Type(Type::Path(p)) if p.qself.is_none() => {
            p.path.is_ident("f32")
                || p.path.is_ident("f64")
                || p.path.get_ident().is_some_and(crate::names::is_float_param)
        }
        _ => false,
    }
}

fn is_std_path(path: &syn::Path) -> bool {
    path.segments.first().is_some_and(|s| s.ident == "std" || s.ident == "core" || s.ident == "alloc")
}

fn single_type_argument(segment: &syn::PathSegment) -> Option<&Type> {
    let PathArguments::AngleBracketed(generic) = &segment.arguments else { return None };
    let mut types = generic.args.iter().filter_map(|a| match a {
        GenericArgument::Type(t) => Some(t),
        _ => None,
    });
    let first = types.next()?;
    types.next().is_none().then_some(first)
}

/// A slice, `Vec` or array whose elements have type `elem`.
fn collection(elem: &Type, wrap: impl Fn(&TokenStream) -> TokenStream) -> Result<TypeInfo, (TokenStream, String)> {
    let inner = classify(elem)?;
    let kind = match inner.kind {
        Kind::Scalar => Kind::Buffer(1),
        Kind::Buffer(depth) => Kind::Buffer(depth + 1),
        Kind::Int => Kind::Int,
        Kind::ScalarRef => {
            return Err((
                elem.to_token_stream(),
                "collections of references are not supported; use a collection of floats".into(),
            ));
        }
        Kind::Composite | Kind::Unknown => Kind::Composite,
    };
    Ok(TypeInfo { kind, tangent: inner.tangent.as_ref().map(wrap) })
}

/// `Option<T>`: its gradient is an `Option` of `T`'s, `None` where the value is `None`.
fn optional(inner: &Type) -> Result<TypeInfo, (TokenStream, String)> {
    let info = classify(inner)?;
    match info.kind {
        Kind::Int => Ok(info),
        Kind::ScalarRef => Err((
            inner.to_token_stream(),
            "an `Option` of a reference is not supported; use an `Option` of the value".into(),
        )),
        _ => Ok(TypeInfo { kind: Kind::Composite, tangent: info.tangent.map(|t| quote!(::core::option::Option<#t>)) }),
    }
}

/// An `ndarray` array or `nalgebra` matrix of floats (`Array2<f64>`, `ArrayView1<'a, T>`,
/// `DVector<f32>`, `SMatrix<f64, 2, 3>`), by its name and a float as its first type argument:
/// its gradient is the owned array of the same type (a view's, the array it views). The
/// runtime's `Differentiable` impls (features `ndarray`, `nalgebra`) are the guard: a type of
/// that name from elsewhere is a trait error, not a guess.
fn foreign_array(path: &syn::TypePath) -> Option<TypeInfo> {
    const NAMES: &[&str] = &[
        "Array",
        "Array1",
        "Array2",
        "Array3",
        "ArrayD",
        "ArrayView",
        "ArrayView1",
        "ArrayView2",
        "ArrayView3",
        "ArrayViewD",
        "DVector",
        "RowDVector",
        "DMatrix",
        "SVector",
        "RowSVector",
        "SMatrix",
        "Vector1",
        "Vector2",
        "Vector3",
        "Vector4",
        "Vector5",
        "Vector6",
        "Matrix1",
        "Matrix2",
        "Matrix3",
        "Matrix4",
        "Matrix5",
        "Matrix6",
    ];
    let last = path.path.segments.last()?;
    let name = last.ident.to_string();
    if !NAMES.contains(&name.as_str()) {
        return None;
    }
    let PathArguments::AngleBracketed(generic) = &last.arguments else { return None };
    let first_type = generic.args.iter().find(|a| !matches!(a, GenericArgument::Lifetime(_)))?;
    if !is_float_argument(first_type) {
        return None;
    }
    // The gradient: the owned array, without lifetimes (`ArrayView2<'a, f64>` →
    // `::backprop::ndarray::Array2<f64>`, named through the facade: the user need not have
    // imported it).
    let mut owned = path.clone();
    let segment = owned.path.segments.last_mut()?;
    if let PathArguments::AngleBracketed(generic) = &mut segment.arguments {
        generic.args = generic.args.iter().filter(|a| !matches!(a, GenericArgument::Lifetime(_))).cloned().collect();
    }
    let tangent = match name.strip_prefix("ArrayView") {
        Some(rank) => {
            let array = syn::Ident::new(&format!("Array{rank}"), segment.ident.span());
            let arguments = &segment.arguments;
            quote!(::backprop::ndarray::#array #arguments)
        }
        None => owned.to_token_stream(),
    };
    Some(TypeInfo { kind: Kind::Composite, tangent: Some(tangent) })
}

/// `Model<'a>` → `Model`: the gradient owns its data.
fn strip_lifetimes(path: &syn::TypePath) -> TokenStream {
    let mut path = path.clone();
    for segment in path.path.segments.iter_mut() {
        if let PathArguments::AngleBracketed(generic) = &segment.arguments
            && generic.args.iter().all(|a| matches!(a, GenericArgument::Lifetime(_)))
        {
            segment.arguments = PathArguments::None;
        }
    }
    path.to_token_stream()
}

/// `Option<…>` (or `&Option<…>`), by its last path segment.
pub(super) fn is_option(ty: &Type) -> bool {
    match ty {
        Type::Reference(r) => is_option(&r.elem),
        Type::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "Option"),
        _ => false,
    }
}

/// Kind of a value whose type the user wrote (`let x: f32 = …`).
pub(super) fn kind_of_type(ty: &Type) -> Kind {
    classify(ty).map(|info| info.kind).unwrap_or(Kind::Unknown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn tangent(ty: Type) -> String {
        classify(&ty).ok().and_then(|i| i.tangent).map(|t| t.to_string()).unwrap_or_else(|| "constant".into())
    }

    #[test]
    fn tangent_types_follow_the_contract() {
        assert_eq!(tangent(parse_quote!(f64)), "f64");
        assert_eq!(tangent(parse_quote!(&f32)), "f32");
        assert_eq!(tangent(parse_quote!(&[f64])), ":: std :: vec :: Vec < f64 >");
        assert_eq!(tangent(parse_quote!(&Vec<Vec<f64>>)), ":: std :: vec :: Vec < :: std :: vec :: Vec < f64 > >");
        assert_eq!(tangent(parse_quote!([f32; 3])), "[f32 ; 3]");
        assert_eq!(tangent(parse_quote!(&Mlp)), "Mlp");
        assert_eq!(tangent(parse_quote!(usize)), "constant");
        assert_eq!(tangent(parse_quote!(&[usize])), "constant");
    }

    #[test]
    fn kinds_of_nested_collections_count_depth() {
        assert_eq!(classify(&parse_quote!(&[f64])).map(|i| i.kind).ok(), Some(Kind::Buffer(1)));
        assert_eq!(classify(&parse_quote!(Vec<[f32; 2]>)).map(|i| i.kind).ok(), Some(Kind::Buffer(2)));
    }
}
