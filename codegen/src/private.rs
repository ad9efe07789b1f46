//! The runtime items generated code names, all in one place.
//!
//! Generated code reaches them by absolute path through the facade,
//! `::backprop::__private::…` (as serde's `_serde::__private`), so it compiles under any
//! imports. Each item is documented where it is defined, in `runtime/src/private/`.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

/// `::backprop::__private`, the module every item below lives in (the derive names its traits
/// through it).
pub fn root() -> TokenStream {
    quote!(::backprop::__private)
}

/// `::backprop::__private::rules`, where the derivative rules that need a typed constant, a
/// conversion or a convention at a kink live (`runtime/src/private/rules.rs`); the op table
/// names each one (`Spelling::Rule`).
pub fn rules() -> TokenStream {
    quote!(::backprop::__private::rules)
}

/// Helpers of the reverse sweep in `rules` that are no operation of the table.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Rule {
    /// The adjoint of `x as f32`/`as f64`, converted back to `x`'s type.
    CastAs,
}

impl ToTokens for Rule {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let rules = rules();
        tokens.extend(match self {
            Rule::CastAs => quote!(#rules::cast_as),
        });
    }
}

/// The other items of `::backprop::__private`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Item {
    /// `zero_like(&v)`: a zero gradient shaped like `v`.
    ZeroLike,
    /// `KeepShape`: a value whose zero gradient's shape is kept (`analysis::shapes`).
    KeepShape,
    /// The traits `KeepShape` picks a shape with, by autoref.
    ShapeTraits,
    /// `tangent_length(x.len(), dx.len(), "x")`: a buffer's tangent has the buffer's length.
    TangentLength,
    /// `boxed_pullback(pb)`: a recursive call's pullback, boxed.
    BoxedPullback,
    /// `boxed_into_pullbackN(pb)`: a recursive call's `_vjp_into` pullback, boxed; N its
    /// number of differentiated parameters.
    BoxedIntoPullback(usize),
    /// `accumulate(&mut target, gradient)`: adds a gradient of any shape.
    Accumulate,
    /// `add_to_each(&mut buffer, d)`: reverse of a sum over a buffer.
    AddToEach,
    /// `sum_of(&buffer)`: a sum over a buffer of floats.
    SumOf,
    SomeMut,
    Keep,
    SomeAdjoint,
    SomeOrZero,
    /// `adopt(gradient, &array)`: a callee's `Vec` gradient as an array parameter's.
    Adopt,
    /// `own(gradient)`: a lazy gradient (a matrix product's) as a tangent of its own.
    Own,
    /// `pop_adjoint(&mut buffer)`: reverse of `push`.
    PopAdjoint,
    /// `take_adjoint(&mut element)`: an element's adjoint taken, left zero.
    TakeAdjoint,
    /// `float(x)`: `x`, checked to be a float.
    Float,
    /// `duplicate(&v)`: a clone of an argument a call the reverse sweep makes again moves.
    Duplicate,
    /// `marker(&arg)`: the type marker of a call's argument.
    Marker,
    /// `split(flags, gradients)`: a callee's gradients, one per argument.
    Split,
    /// `Active`, `Constant`: whether an argument carries a gradient.
    Active,
    Constant,
    /// `AtCallSite::constant_here(flag)`: an argument constant at this call.
    ConstantHere,
    /// The traits the argument markers dispatch through.
    MarkerTraits,
    /// `forward_call(g_jvp, args, tangents, flags)`: a call of a forward form.
    ForwardCall,
    /// `prefix2(&g_jvp)`: the callee's first parameters, to pass arguments through.
    Prefix(usize),
    /// `concat2(a, b)`, `concat3(a, b, c)`: tuples joined.
    Concat(usize),
    /// `ZeroOf`: a constant argument, for its zero tangent.
    ZeroOf,
    /// `LeftOut`: the flag of an argument a callee's `wrt(...)` leaves out (not active).
    LeftOut,
    /// `unavailable(message)`: the body of a form that is not available.
    Unavailable,
    /// `directional(&gradient, &tangent)`: `⟨∇f, t⟩`.
    Directional,
    /// `add_scaled(acc, s, &g)`: `acc + s·g` for gradients.
    AddScaled,
    /// `record(&mut tape, values)`, `pop(&mut tape)`, `reserve(&mut tape, &range)`,
    /// `drop_last(&mut tape, n)`.
    Record,
    Pop,
    DropLast,
    Reserve,
    /// `FixedTape<_, N>`: a tape on the stack.
    FixedTape,
    /// `Arm::Then`, `Arm::Else`: which arm of an `if` ran, with its records.
    ArmThen,
    ArmElse,
    /// `take_seed(&mut slot)`: the seed of a function with several `return`s.
    TakeSeed,
    /// `Viewer::new(&place)`: a view of a struct field, whatever its type.
    Viewer,
    /// The traits a `Viewer` dispatches through.
    ViewerTraits,
}

impl Item {
    /// The item's path spanned on `span`: an error about the call (a bound the argument does
    /// not meet) is reported there.
    pub fn at(self, span: proc_macro2::Span) -> TokenStream {
        let mut tokens = self.to_token_stream();
        tokens = tokens
            .into_iter()
            .map(|mut tree| {
                tree.set_span(span);
                tree
            })
            .collect();
        tokens
    }
}

impl ToTokens for Item {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let p = quote!(::backprop::__private);
        tokens.extend(match self {
            Item::ZeroLike => quote!(#p::zero_like),
            Item::KeepShape => quote!(#p::KeepShape),
            Item::ShapeTraits => quote!(#p::{KeptVecShape as _, KeptZero as _}),
            Item::TangentLength => quote!(#p::tangent_length),
            Item::BoxedPullback => quote!(#p::boxed_pullback),
            Item::BoxedIntoPullback(n) => {
                let name = quote::format_ident!("boxed_into_pullback{n}");
                quote!(#p::#name)
            }
            Item::Accumulate => quote!(#p::accumulate),
            Item::AddToEach => quote!(#p::add_to_each),
            Item::SumOf => quote!(#p::sum_of),
            Item::SomeMut => quote!(#p::some_mut),
            Item::Keep => quote!(#p::keep),
            Item::SomeAdjoint => quote!(#p::some_adjoint),
            Item::SomeOrZero => quote!(#p::some_or_zero),
            Item::Adopt => quote!(#p::adopt),
            Item::Own => quote!(#p::own),
            Item::PopAdjoint => quote!(#p::pop_adjoint),
            Item::TakeAdjoint => quote!(#p::take_adjoint),
            Item::Float => quote!(#p::float),
            Item::Duplicate => quote!(#p::duplicate),
            Item::Marker => quote!(#p::marker),
            Item::Split => quote!(#p::split),
            Item::Active => quote!(#p::Active),
            Item::Constant => quote!(#p::Constant),
            Item::ConstantHere => quote!(#p::AtCallSite::constant_here),
            Item::MarkerTraits => {
                quote!(#p::{ActivityOf as _, CloneFallback as _, ConstantFallback as _, NoTangentFallback as _, ZeroTangent as _})
            }
            Item::ForwardCall => quote!(#p::forward_call),
            Item::Unavailable => quote!(#p::unavailable),
            Item::LeftOut => quote!(#p::LeftOut),
            Item::ZeroOf => quote!(#p::ZeroOf),
            Item::Directional => quote!(#p::directional),
            Item::AddScaled => quote!(#p::add_scaled),
            Item::Prefix(n) => {
                let name = quote::format_ident!("prefix{}", n);
                quote!(#p::#name)
            }
            Item::Concat(n) => {
                let name = quote::format_ident!("concat{}", n);
                quote!(#p::#name)
            }
            Item::Record => quote!(#p::record),
            Item::Pop => quote!(#p::pop),
            Item::DropLast => quote!(#p::drop_last),
            Item::Reserve => quote!(#p::reserve),
            Item::FixedTape => quote!(#p::FixedTape),
            Item::ArmThen => quote!(#p::Arm::Then),
            Item::ArmElse => quote!(#p::Arm::Else),
            Item::TakeSeed => quote!(#p::take_seed),
            Item::Viewer => quote!(#p::Viewer::new),
            Item::ViewerTraits => {
                quote!(#p::{IndexFallback as _, IndexFallbackRef as _, SliceWindow as _, SliceWindowRef as _})
            }
        });
    }
}
