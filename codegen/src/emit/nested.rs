//! Nested differentiation: the forms a caller chains through when its body calls
//! `name_grad`, `name_jvp` or `name_hvp` and is itself differentiated.
//!
//! The caller's reverse mode calls `<callee>_vjp`, its forward mode `<callee>_jvp`, its
//! second order `<callee>_jvp_vjp`, and so on (`emit::calls`). For `<callee>` = `name_jvp`
//! those are `F(F(f))` and `R(F(F(f)))`, printed from IR (`forms`). The others are
//! wrappers over them, by the symmetry of derivatives:
//!
//! ```text
//! name_grad_vjp   value (y, ∇f);        pullback (ȳ, ḡ) ↦ ȳ·∇f + H·ḡ        (one name_hvp)
//! name_grad_jvp   ((y, ∇f), (ẏ, H·dx))                                       (one name_jvp_vjp)
//! name_hvp_vjp    value (y, ∇f, H·v);   pullback ↦ ȳ·∇f + H·ḡ + D³f[v, h̄], H·h̄  (one R(F(F(f))))
//! name_hvp_jvp    ((y, ∇f, H·v), (⟨∇f, dx⟩, H·dx, D³f[v, dx] + H·dv))        (one R(F(F(f))))
//! ```
//!
//! Forms of order four and up (a caller's second order over a nested `name_hvp`, …) are
//! stand-ins that say so when called: their names exist, so callers compile.

use super::{allow_lints, signature};
use crate::ir::Param;
use crate::names;
use crate::private::Item;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// What the wrappers need to know about the function.
pub struct Nested<'a> {
    /// The user's function.
    pub item: &'a syn::ItemFn,
    /// Its parameters.
    pub params: &'a [Param],
    /// Its output type (a float: the nested forms exist for scalar outputs).
    pub output: &'a TokenStream,
    /// The signature of `name_jvp` (parameters, then one tangent per differentiated one).
    pub jvp: &'a syn::ItemFn,
}

impl Nested<'_> {
    /// The path another form of the same function is called by.
    fn sibling(&self, suffix: &str) -> TokenStream {
        names::sibling(self.item, suffix)
    }

    /// The parameters as passed on, each by name (`self` first for a method).
    fn args(&self) -> Vec<TokenStream> {
        self.item.sig.inputs.iter().map(name_of).collect()
    }

    /// The parameters as passed to a call whose result the pullback outlives.
    fn copied_args(&self) -> Vec<TokenStream> {
        copied(&self.item.sig)
    }

    /// The differentiated parameters' inputs, in order.
    fn differentiated(&self) -> Vec<&syn::FnArg> {
        self.params
            .iter()
            .zip(self.item.sig.inputs.iter())
            .filter(|(p, _)| p.differentiated())
            .map(|(_, i)| i)
            .collect()
    }

    /// `k` names `{prefix}0`, `{prefix}1`, … for the parts of a gradient, and the pattern that
    /// binds a gradient (bare if there is one part) to them.
    fn parts(&self, prefix: &str) -> (Vec<proc_macro2::Ident>, TokenStream) {
        let k = self.differentiated().len();
        let names: Vec<_> = (0..k).map(|i| format_ident!("{}{}", prefix, i)).collect();
        let pattern = match names.as_slice() {
            [one] => quote!(#one),
            many => quote!((#(#many),*)),
        };
        (names, pattern)
    }

    /// Parts of a gradient passed as directions: `&part` for a parameter taken by reference.
    fn as_directions(&self, parts: &[proc_macro2::Ident]) -> Vec<TokenStream> {
        self.differentiated()
            .iter()
            .zip(parts)
            .map(|(input, part)| match () {
                _ if by_reference(input) => quote!(&#part),
                // An `ndarray` view's gradient is the owned array: its direction is a view of it.
                _ if is_array_view(input) => quote!(#part.view()),
                _ => quote!(#part),
            })
            .collect()
    }

    fn gradient(&self) -> TokenStream {
        signature::gradient_type(self.params)
    }

    fn header(&self, suffix: &str) -> (TokenStream, syn::Visibility, proc_macro2::Ident) {
        let attrs = signature::kept_attributes(self.item);
        let allow = allow_lints();
        (
            quote!(#[doc(hidden)] #(#attrs)* #allow),
            self.item.vis.clone(),
            names::derived_fn(&self.item.sig.ident, suffix),
        )
    }

    /// `name_grad_vjp`.
    pub fn grad_vjp(&self) -> TokenStream {
        let (header, vis, _) = self.header("grad_vjp");
        let (ret, grads) = (self.output, self.gradient());
        let mut grad_item = self.item.clone();
        grad_item.sig.ident = names::derived_fn(&self.item.sig.ident, "grad");
        let sig = signature::vjp(&grad_item.sig, &quote!((#ret, #grads)), &grads);
        let (grad, hvp) = (self.sibling("grad"), self.sibling("hvp"));
        let (copies, args) = (self.copied_args(), self.args());
        let (parts, pattern) = self.parts("__gbar");
        let directions = self.as_directions(&parts);
        let (add_scaled, (sums, sum_pattern)) = (Item::AddScaled, self.parts("__hv"));
        let (gs, g_pattern) = self.parts("__g");
        let result = bare_or_tuple(sums.iter().zip(&gs).map(|(s, g)| quote!(#add_scaled(#s, __ybar, &#g))).collect());
        quote! {
            #header
            #vis #sig {
                let __value = #grad(#(#copies),*);
                (__value, move |(__ybar, #pattern): (#ret, #grads)| {
                    let (_, #g_pattern, #sum_pattern) = #hvp(#(#args,)* #(#directions),*);
                    #result
                })
            }
        }
    }

    /// `name_hvp_vjp`, with `hvp` the signature of `name_hvp` (parameters, then directions)
    /// and `grads` the gradient of those.
    pub fn hvp_vjp(&self, hvp: &syn::ItemFn, grads: &TokenStream) -> TokenStream {
        let (header, vis, _) = self.header("hvp_vjp");
        let (ret, g) = (self.output, self.gradient());
        let value_ty = quote!((#ret, #g, #g));
        let sig = signature::vjp(&hvp.sig, &value_ty, grads);
        let (hvp_fn, third) = (self.sibling("hvp"), self.sibling("jvp_jvp_vjp"));
        let copies = copied(&hvp.sig);
        let args: Vec<TokenStream> = hvp.sig.inputs.iter().map(name_of).collect();
        let (gbar, gbar_pattern) = self.parts("__gbar");
        let (hbar, hbar_pattern) = self.parts("__hbar");
        let (second, first) = (self.as_directions(&hbar), self.as_directions(&gbar));
        let [xb, ab, bb, cb] = ["__xb", "__ab", "__bb", "__cb"].map(|p| self.parts(p).0);
        let add_scaled = Item::AddScaled;
        let zero = crate::names::float_literal(0.0);
        let one = crate::names::float_literal(1.0);
        quote! {
            #header
            #vis #sig {
                let __value = #hvp_fn(#(#copies),*);
                (__value, move |(__ybar, #gbar_pattern, #hbar_pattern): #value_ty| {
                    let (_, __pullback) = #third(#(#args,)* #(#second,)* #(#first),*);
                    let (#(#xb,)* #(#ab,)* #(#bb,)* #(#cb,)*) = __pullback(((#zero, #zero), (#zero, #one)));
                    let _ = (#(#bb,)*);
                    (#(#add_scaled(#xb, __ybar, &#cb),)* #(#ab,)*)
                })
            }
        }
    }

    /// `name_hvp_jvp`, with `hvp_jvp` its signature: `name_hvp`'s parameters and directions,
    /// then a tangent for each; in the order of `F(F(f))`'s parameters.
    pub fn hvp_jvp(&self, hvp_jvp: &syn::ItemFn) -> TokenStream {
        let (header, vis, name) = self.header("hvp_jvp");
        let (ret, g) = (self.output, self.gradient());
        let (inputs, generics) = (&hvp_jvp.sig.inputs, &hvp_jvp.sig.generics);
        let third = self.sibling("jvp_jvp_vjp");
        let args: Vec<TokenStream> = hvp_jvp.sig.inputs.iter().map(name_of).collect();
        let [(xb, xp), (ab, ap), (bb, bp), (cb, cp)] = ["__xb", "__ab", "__bb", "__cb"].map(|p| self.parts(p));
        let zero = crate::names::float_literal(0.0);
        let one = crate::names::float_literal(1.0);
        quote! {
            #header
            #vis fn #name #generics (#inputs) -> ((#ret, #g, #g), (#ret, #g, #g)) {
                let (((__value, _), (__tangent, _)), __pullback) = #third(#(#args),*);
                let (#(#xb,)* #(#ab,)* #(#bb,)* #(#cb,)*) = __pullback(((#zero, #zero), (#zero, #one)));
                ((__value, #cp, #bp), (__tangent, #ap, #xp))
            }
        }
    }

    /// `name_grad_jvp_vjp`, with `grad_jvp` the signature of `name_grad_jvp` and `grads` the
    /// gradient of its parameters. `name_grad_jvp(x, dx)` is `((f, ∇f), (∇f·dx, H·dx))`; one
    /// call of `F(F(f))`'s pullback at `(x, dx, h̄, ḡ)`, seeded `((ȳ, ṫ), (0, 1))`, gives
    /// `ȳ∇f + ṫH·dx + H·ḡ + ∂(H·dx)ᵀh̄` for `x` and `ṫ∇f + H·h̄` for `dx`.
    pub fn grad_jvp_vjp(&self, grad_jvp: &syn::ItemFn, grads: &TokenStream) -> TokenStream {
        let (header, vis, _) = self.header("grad_jvp_vjp");
        let (ret, g) = (self.output, self.gradient());
        let value_ty = quote!(((#ret, #g), (#ret, #g)));
        let sig = signature::vjp(&grad_jvp.sig, &value_ty, grads);
        let (grad_jvp_fn, third) = (self.sibling("grad_jvp"), self.sibling("jvp_jvp_vjp"));
        let copies = copied(&grad_jvp.sig);
        let args: Vec<TokenStream> = grad_jvp.sig.inputs.iter().map(name_of).collect();
        let (gbar, gbar_pattern) = self.parts("__gbar");
        let (hbar, hbar_pattern) = self.parts("__hbar");
        let (second, first) = (self.as_directions(&hbar), self.as_directions(&gbar));
        let [xb, ab, bb, cb] = ["__xb", "__ab", "__bb", "__cb"].map(|p| self.parts(p).0);
        let zero = crate::names::float_literal(0.0);
        let one = crate::names::float_literal(1.0);
        quote! {
            #header
            #vis #sig {
                let __value = #grad_jvp_fn(#(#copies),*);
                (__value, move |((__ybar, #gbar_pattern), (__tbar, #hbar_pattern)): #value_ty| {
                    let (_, __pullback) = #third(#(#args,)* #(#second,)* #(#first),*);
                    let (#(#xb,)* #(#ab,)* #(#bb,)* #(#cb,)*) = __pullback(((__ybar, __tbar), (#zero, #one)));
                    let _ = (#(#bb,)* #(#cb,)*);
                    (#(#xb,)* #(#ab,)*)
                })
            }
        }
    }

    /// `name_grad_jvp_jvp`, with `grad_jvp_jvp` its signature (`name_grad_jvp`'s parameters,
    /// then a tangent for each, in the order of `F(F(f))`'s): one call of `F(F(f))`'s pullback
    /// seeded at its second-order output gives every entry.
    pub fn grad_jvp_jvp(&self, grad_jvp_jvp: &syn::ItemFn) -> TokenStream {
        let (header, vis, name) = self.header("grad_jvp_jvp");
        let (ret, g) = (self.output, self.gradient());
        let (inputs, generics) = (&grad_jvp_jvp.sig.inputs, &grad_jvp_jvp.sig.generics);
        let third = self.sibling("jvp_jvp_vjp");
        let args: Vec<TokenStream> = grad_jvp_jvp.sig.inputs.iter().map(name_of).collect();
        let [(xb, xp), (ab, ap), (bb, bp), (cb, cp)] = ["__xb", "__ab", "__bb", "__cb"].map(|p| self.parts(p));
        let zero = crate::names::float_literal(0.0);
        let one = crate::names::float_literal(1.0);
        quote! {
            #header
            #vis fn #name #generics (#inputs) -> (((#ret, #g), (#ret, #g)), ((#ret, #g), (#ret, #g))) {
                let (((__value, __tangent), (__tangent_1, __second)), __pullback) = #third(#(#args),*);
                let (#(#xb,)* #(#ab,)* #(#bb,)* #(#cb,)*) = __pullback(((#zero, #zero), (#zero, #one)));
                (((__value, #cp), (__tangent, #bp)), ((__tangent_1, #ap), (__second, #xp)))
            }
        }
    }

    /// `name_grad_jvp`.
    pub fn grad_jvp(&self) -> TokenStream {
        let (header, vis, name) = self.header("grad_jvp");
        let (ret, grads) = (self.output, self.gradient());
        let (inputs, generics) = (&self.jvp.sig.inputs, &self.jvp.sig.generics);
        let jvp_vjp = self.sibling("jvp_vjp");
        let args: Vec<TokenStream> = self.jvp.sig.inputs.iter().map(name_of).collect();
        let (hv, hv_pattern) = self.parts("__hv");
        let (g, g_pattern) = self.parts("__g");
        let zero = crate::names::float_literal(0.0);
        let one = crate::names::float_literal(1.0);
        quote! {
            #header
            #vis fn #name #generics (#inputs) -> ((#ret, #grads), (#ret, #grads)) {
                let ((__value, __tangent), __pullback) = #jvp_vjp(#(#args),*);
                let (#(#hv,)* #(#g,)*) = __pullback((#zero, #one));
                ((__value, #g_pattern), (__tangent, #hv_pattern))
            }
        }
    }
}

/// One expression bare, several as a tuple.
fn bare_or_tuple(mut parts: Vec<TokenStream>) -> TokenStream {
    match parts.len() {
        1 => parts.pop().unwrap_or_default(),
        _ => quote!((#(#parts),*)),
    }
}

/// The inputs of `sig` as passed to a call whose result a pullback outlives: copies of those
/// taken by value.
fn copied(sig: &syn::Signature) -> Vec<TokenStream> {
    let duplicate = Item::Duplicate;
    sig.inputs
        .iter()
        .map(|input| {
            let name = name_of(input);
            if by_reference(input) { name } else { quote!(#duplicate(&#name)) }
        })
        .collect()
}

fn name_of(input: &syn::FnArg) -> TokenStream {
    match input {
        syn::FnArg::Receiver(_) => quote!(self),
        syn::FnArg::Typed(typed) => match &*typed.pat {
            syn::Pat::Ident(p) => {
                let ident = &p.ident;
                quote!(#ident)
            }
            other => quote!(#other),
        },
    }
}

/// A parameter whose type is an `ndarray` view (`ArrayView1<'_, f64>`).
fn is_array_view(input: &syn::FnArg) -> bool {
    match input {
        syn::FnArg::Typed(typed) => match &*typed.ty {
            syn::Type::Path(p) => p.path.segments.last().is_some_and(|s| s.ident.to_string().starts_with("ArrayView")),
            _ => false,
        },
        syn::FnArg::Receiver(_) => false,
    }
}

fn by_reference(input: &syn::FnArg) -> bool {
    match input {
        syn::FnArg::Receiver(r) => matches!(r.kind, syn::ReceiverKind::Reference(..)),
        syn::FnArg::Typed(typed) => matches!(&*typed.ty, syn::Type::Reference(_)),
    }
}
