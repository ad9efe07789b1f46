//! Stand-ins for the generated functions of a function whose body has errors.
//!
//! When the signature is fine but the body is not, the errors are reported and `_vjp` (and
//! `_grad`) still exist with their real signatures, so that the user's callers type-check
//! against them instead of adding a "cannot find function `f_grad`" for every call.

use super::{allow_lints, signature};
use crate::ir::Param;
use crate::lower::{Output, OutputShape};
use crate::names;
use proc_macro2::TokenStream;
use quote::quote;

/// `f_vjp` and `f_grad` with the signatures they would have, and bodies that never run
/// (the crate does not compile: the errors beside them say why).
pub fn stubs(item: &syn::ItemFn, params: &[Param], output: &Output) -> TokenStream {
    let ret = &output.ty;
    let grads_ty = signature::gradient_type(params);
    let (allow, vis) = (allow_lints(), &item.vis);
    let attrs = signature::kept_attributes(item);
    let vjp_sig = signature::vjp(&item.sig, ret, &grads_ty);
    let vjp = quote! {
        #[doc(hidden)]
        #(#attrs)*
        #allow
        #[allow(unreachable_code)]
        #vis #vjp_sig {
            (::core::unreachable!(), move |_: #ret| -> #grads_ty { ::core::unreachable!() })
        }
    };
    if output.shape != OutputShape::Scalar {
        return vjp;
    }
    let grad_name = names::derived_fn(&item.sig.ident, "grad");
    let (generics, inputs) = (&item.sig.generics, &item.sig.inputs);
    quote! {
        #vjp
        #[doc(hidden)]
        #(#attrs)*
        #allow
        #vis fn #grad_name #generics (#inputs) -> (#ret, #grads_ty) {
            ::core::unreachable!()
        }
    }
}
