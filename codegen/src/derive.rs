//! `#[derive(Differentiable)]`: a struct whose gradient is a value of the same struct.
//!
//! ```text
//! #[derive(Differentiable)]          impl Differentiable for Dense {
//! struct Dense {                         type Tangent = Dense;
//!     w: Vec<f32>,            ==>        fn zero_tangent(&self) -> Dense {
//!     b: Vec<f32>,                           Dense { w: zero(&self.w), b: zero(&self.b), inputs: self.inputs }
//!     inputs: usize,                     }
//! }                                  }
//!                                    impl Accumulate for Dense { … field by field … }
//! ```
//!
//! Float and collection fields hold gradients; integer and `bool` fields are copied from the
//! value (they describe shapes). Every field's gradient type must be the field's own type.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields};

/// Expands the derive for `input`.
pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let input: DeriveInput = syn::parse2(input)?;
    let fields = named_fields(&input)?;
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "`#[derive(Differentiable)]` does not support generic structs yet; write the struct for `f32` or `f64`",
        ));
    }
    let name = &input.ident;
    let members: Vec<&syn::Ident> = fields.iter().filter_map(|f| f.ident.as_ref()).collect();
    // The traits a derive implements, by absolute path like every other item in `private.rs`.
    let private = crate::private::root();
    let tangent_doc = format!(" The gradient of a [`{name}`] is a [`{name}`].");
    let visits = members.iter().map(|m| {
        let label = m.to_string();
        quote!(#private::Differentiable::visit_pair(&mut self.#m, &tangent.#m, &mut visitor.enter(#label));)
    });
    let names = members.iter().map(|m| {
        let label = m.to_string();
        quote!(#private::Differentiable::visit_named(&self.#m, &mut visitor.enter(#label));)
    });
    let names_mut = members.iter().map(|m| {
        let label = m.to_string();
        quote!(#private::Differentiable::visit_named_mut(&mut self.#m, &mut visitor.enter(#label));)
    });
    let other = format_ident!("__other");
    Ok(quote! {
        #[doc = #tangent_doc]
        impl #private::Differentiable for #name {
            type Tangent = #name;
            fn zero_tangent(&self) -> #name {
                #name { #(#members: #private::Differentiable::zero_tangent(&self.#members)),* }
            }
            fn visit_pair(&mut self, tangent: &#name, visitor: &mut #private::PairVisitor<'_>) {
                #(#visits)*
            }
            fn visit_named(&self, visitor: &mut #private::NamedVisitor<'_>) {
                #(#names)*
            }
            fn visit_named_mut(&mut self, visitor: &mut #private::NamedVisitorMut<'_>) {
                #(#names_mut)*
            }
        }
        impl #private::Accumulate for #name {
            fn accumulate(&mut self, #other: #name) {
                #(#private::Accumulate::accumulate(&mut self.#members, #other.#members);)*
            }
        }
        impl #private::Activity for #name {
            type Flag = #private::Active;
        }
        impl #private::GradList for #name {
            type Cons = (#name, ());
            fn into_cons(self) -> (#name, ()) {
                (self, ())
            }
        }
    })
}

/// The named fields of a struct; enums, unions and tuple structs are errors.
fn named_fields(input: &DeriveInput) -> syn::Result<Vec<&syn::Field>> {
    match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => Ok(named.named.iter().collect()),
            Fields::Unnamed(_) => Err(syn::Error::new_spanned(
                &input.ident,
                "`#[derive(Differentiable)]` needs a struct with named fields; name the fields of this tuple struct",
            )),
            Fields::Unit => Err(syn::Error::new_spanned(
                &input.ident,
                "`#[derive(Differentiable)]` on a struct without fields: it has nothing to differentiate",
            )),
        },
        Data::Enum(data) => Err(syn::Error::new_spanned(
            data.enum_token,
            "`#[derive(Differentiable)]` supports structs only: an enum's gradient has no fixed shape; use a struct",
        )),
        Data::Union(data) => Err(syn::Error::new_spanned(
            data.union_token,
            "`#[derive(Differentiable)]` supports structs only, not unions",
        )),
    }
}
