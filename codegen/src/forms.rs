//! Which functions `#[differentiable]` writes, and the IR each one is printed from.
//!
//! ```text
//! f ──R──▶ f_vjp, f_grad            reverse mode
//! f ──F──▶ F(f) ──print──▶ f_jvp    forward mode (`tangent`)
//!          F(f) ──R──▶ f_jvp_vjp    reverse over forward: what a caller's `_hvp` chains through
//!                      f_hvp        (a wrapper: the gradient and H·v from one `f_jvp_vjp`)
//! ```
//!
//! `R` is the reverse pipeline (`reverse`, `coalesce`, the plans, `emit`); `F` is
//! `tangent::transform`. Each printed function is the same kind of IR run through the same
//! phases, so forward mode and second order get every analysis reverse mode has.
//!
//! A method also gets `name_jvp_form` and `name_jvp_vjp_form`: its forms as values whose types
//! name their parameters, which a caller's forward call needs (`emit::calls`).
//!
//! `#[differentiable(reverse)]` writes the reverse forms only and stand-ins for the others
//! (they panic, saying so), so that callers still compile. `#[differentiable(custom(...))]`
//! on a function whose derivatives are written by hand writes the forms not listed: derived
//! from the hand-written ones where that is exact (`_grad` from `_vjp`, and for a scalar
//! output `_jvp` from `_vjp`), stand-ins otherwise.

use crate::analysis::{self, Facts};
use crate::args::Args;
use crate::emit::{self, Provided};
use crate::ir::{self, Function, Param};
use crate::lower::{Output, OutputShape};
use proc_macro2::{Ident, TokenStream};
use quote::{ToTokens, format_ident, quote};

/// Every generated function for `item`, whose body lowered to `primal`.
pub fn generate(
    item: &syn::ItemFn,
    args: &Args,
    primal: Function,
    blocks: usize,
    output: &Output,
) -> syn::Result<TokenStream> {
    let reverse = reverse_forms(item, primal.clone(), blocks, output, emit::Shown::Public, None)?;
    let base = Sig { item: item.clone(), params: primal.params.clone(), output: output.ty.clone() };
    if args.reverse {
        let message = format!(
            "`{}` is `#[differentiable(reverse)]`: it has no forward or second-order derivative; remove `reverse` to generate them",
            item.sig.ident
        );
        let stand_ins = forward_stand_ins(&base, output, &message, &message);
        let derived = derived_forms(&base, output);
        return Ok(quote!(#reverse #stand_ins #derived));
    }
    let primal_facts = Facts::of(&primal, blocks)?;
    let mut forward = crate::tangent::transform(&primal_facts, &item.to_token_stream());
    let forward_blocks = ir::number_blocks(&mut forward.body);
    let names: Vec<Ident> =
        forward.params[primal.params.len()..].iter().map(|p| forward.vars[p.var].name.clone()).collect();
    let jvp_item = emit::jvp_item(item, &primal.params, &names, output);
    let jvp = forward_form(item, &jvp_item, &forward, forward_blocks, emit::Shown::Public)?;
    let pair = Output { ty: pair_type(&output.ty), shape: OutputShape::Other };
    let hvp = emit::Hvp { primal: item, params: &primal.params, jvp: &jvp_item };
    let hvp = (output.shape == OutputShape::Scalar).then_some(&hvp);
    // `name_jvp_vjp` and, for a scalar output, `name_hvp`, from the same adjoint program.
    let jvp_vjp = reverse_forms(&jvp_item, forward.clone(), forward_blocks, &pair, emit::Shown::Hidden, hvp)?;
    // F(F(f)) and R(F(F(f))): what a caller's forward-over-forward and third-order forms
    // chain through.
    let forward_facts = Facts::of(&forward, forward_blocks)?;
    let mut twice = crate::tangent::transform(&forward_facts, &item.to_token_stream());
    let twice_blocks = ir::number_blocks(&mut twice.body);
    let names: Vec<Ident> =
        twice.params[forward.params.len()..].iter().map(|p| twice.vars[p.var].name.clone()).collect();
    let jvp_jvp_item = emit::jvp_item(&jvp_item, &forward.params, &names, &pair);
    let jvp_jvp = forward_form(item, &jvp_jvp_item, &twice, twice_blocks, emit::Shown::Hidden)?;
    let quad = Output { ty: pair_type(&pair.ty), shape: OutputShape::Other };
    let derived = derived_forms(&base, output);
    let jvp_jvp_vjp = reverse_forms(&jvp_jvp_item, twice, twice_blocks, &quad, emit::Shown::Hidden, None)?;
    Ok(quote!(#reverse #jvp #jvp_vjp #jvp_jvp #jvp_jvp_vjp #derived))
}

/// The forms of a function whose derivatives are written by hand (`custom(vjp, …)` lists
/// them): those not listed, derived or standing in.
pub fn custom(item: &syn::ItemFn, args: &Args, params: &[Param], output: &Output) -> TokenStream {
    let written = |form: &str| args.custom.as_ref().is_some_and(|forms| forms.iter().any(|f| f == form));
    let name = &item.sig.ident;
    let base = Sig { item: item.clone(), params: params.to_vec(), output: output.ty.clone() };
    let jvp = base.jvp();
    let ret = &output.ty;
    let grads = emit::gradient_type_of(params);
    let scalar = output.shape == OutputShape::Scalar;
    let mut out = TokenStream::new();
    if !written("vjp") {
        let message =
            format!("`{name}` is a custom rule without `{name}_vjp`; write it and list `vjp` in `custom(...)`");
        out.extend(emit::vjp_stand_in(item, ret, &grads, &Provided::Unavailable(&message)));
    }
    if scalar && !written("grad") {
        out.extend(emit::grad_from_vjp(item, ret, params));
    }
    if !written("jvp") {
        if scalar {
            out.extend(emit::jvp_from_vjp(item, &jvp.item, params));
        } else {
            let message = format!(
                "`{name}` is a custom rule without a forward rule; write `{name}_jvp` and list `jvp` in `custom(...)`"
            );
            out.extend(emit::jvp_stand_in(item, &jvp.item, &Provided::Unavailable(&message)));
        }
    }
    if !written("jvp_vjp") {
        let message = format!(
            "`{name}` is a custom rule without a second-order rule; write `{name}_jvp_vjp` and list `jvp_vjp` in `custom(...)`"
        );
        out.extend(jvp.vjp_stand_in_saying(&message));
    }
    if scalar && !written("hvp") {
        out.extend(emit::hvp_fn(item, &jvp.item, params));
    }
    let third = format!(
        "`{name}` is a custom rule without a rule of that order; write `{name}_jvp_jvp` and `{name}_jvp_jvp_vjp` and list them in `custom(...)`"
    );
    let jvp_jvp = jvp.jvp();
    if !written("jvp_jvp") {
        out.extend(emit::jvp_stand_in(item, &jvp_jvp.item, &Provided::Unavailable(&third)));
    }
    if !written("jvp_jvp_vjp") {
        out.extend(jvp_jvp.vjp_stand_in_saying(&third));
    }
    out.extend(derived_forms(&base, output));
    out
}

/// Stand-ins for the forward and second-order forms (`reverse`).
fn forward_stand_ins(base: &Sig, output: &Output, jvp_message: &str, second_message: &str) -> TokenStream {
    let jvp = base.jvp();
    let mut out = emit::jvp_stand_in(&base.item, &jvp.item, &Provided::Unavailable(jvp_message));
    out.extend(jvp.vjp_stand_in_saying(second_message));
    if output.shape == OutputShape::Scalar {
        out.extend(emit::hvp_fn(&base.item, &jvp.item, &base.params));
    }
    let jvp_jvp = jvp.jvp();
    out.extend(emit::jvp_stand_in(&base.item, &jvp_jvp.item, &Provided::Unavailable(second_message)));
    out.extend(jvp_jvp.vjp_stand_in_saying(second_message));
    out
}

/// For a method, the entries of `base`'s forward forms of depth one and two and their
/// `_vjp`s (`base_fwd1_all`, …, see `emit::forms::method_entry`).
fn method_entries(method: &syn::ItemFn, base: &Sig) -> TokenStream {
    if method.sig.receiver().is_none() {
        return TokenStream::new();
    }
    let mut out = TokenStream::new();
    let (mut output, mut params) = (base.output.clone(), base.params.clone());
    for depth in 1..=2 {
        output = pair_type(&output);
        params = forward_params(&params);
        let jvp = emit::EntryShape::Jvp { pair: output.clone() };
        out.extend(emit::method_entry(&base.item, &base.params, depth, false, &jvp));
        let jvp_vjp = emit::EntryShape::JvpVjp { pair: output.clone(), grads: emit::gradient_type_of(&params) };
        out.extend(emit::method_entry(&base.item, &base.params, depth, true, &jvp_vjp));
    }
    out
}

/// A generated function's signature, parameters and output: what a form derived from it
/// needs.
#[derive(Clone)]
struct Sig {
    item: syn::ItemFn,
    params: Vec<Param>,
    output: TokenStream,
}

impl Sig {
    /// The signature of its forward form: a tangent for each differentiated parameter, the
    /// output paired with its tangent.
    fn jvp(&self) -> Sig {
        let names = tangent_names(&self.item, &self.params);
        let output = Output { ty: self.output.clone(), shape: OutputShape::Other };
        let item = emit::jvp_item(&self.item, &self.params, &names, &output);
        Sig { item, params: forward_params(&self.params), output: pair_type(&self.output) }
    }

    fn renamed(&self, suffix: &str) -> Sig {
        Sig { item: named(&self.item, suffix), params: self.params.clone(), output: self.output.clone() }
    }

    /// A stand-in for its forward form.
    fn jvp_stand_in(&self, base: &syn::ItemFn) -> TokenStream {
        let jvp = self.jvp();
        emit::jvp_stand_in(base, &jvp.item, &Provided::Unavailable(&beyond_third_order(&jvp.item)))
    }

    /// A stand-in for its `_vjp`.
    fn vjp_stand_in(&self) -> TokenStream {
        let mut vjp = self.item.clone();
        vjp.sig.ident = crate::names::derived_fn(&self.item.sig.ident, "vjp");
        self.vjp_stand_in_saying(&beyond_third_order(&vjp))
    }

    /// A stand-in for its `_vjp` with this message.
    fn vjp_stand_in_saying(&self, message: &str) -> TokenStream {
        let grads = emit::gradient_type_of(&self.params);
        emit::vjp_stand_in(&self.item, &self.output, &grads, &Provided::Unavailable(message))
    }
}

/// The forms every function gets beside its own derivatives: wrappers and stand-ins for
/// nested differentiation (`emit::nested`), and a method's entries for callers' forward calls.
/// They are written over the core forms (`_vjp`, `_grad`, `_jvp`, `_jvp_vjp`, `_hvp`, `_jvp_jvp`,
/// `_jvp_jvp_vjp`), whichever way those came about.
fn derived_forms(base: &Sig, output: &Output) -> TokenStream {
    let item = &base.item;
    let jvp = base.jvp();
    let jvp_jvp = jvp.jvp();
    let mut out = jvp_jvp.jvp_stand_in(item);
    out.extend(jvp_jvp.jvp().vjp_stand_in());
    out.extend(method_entries(item, base));
    out.extend(method_entries(item, &jvp));
    if output.shape != OutputShape::Scalar {
        return out;
    }
    let (ret, g) = (&output.ty, emit::gradient_type_of(&base.params));
    let nested = emit::Nested { item, params: &base.params, output: ret, jvp: &jvp.item };
    out.extend(nested.grad_vjp());
    out.extend(nested.grad_jvp());
    let grad = Sig { output: quote!((#ret, #g)), ..base.renamed("grad") };
    let grad_jvp = grad.jvp();
    out.extend(nested.grad_jvp_vjp(&grad_jvp.item, &emit::gradient_type_of(&grad_jvp.params)));
    out.extend(nested.grad_jvp_jvp(&grad_jvp.jvp().item));
    out.extend(grad_jvp.jvp().vjp_stand_in());
    // `name_hvp` takes `name_jvp`'s parameters.
    let mut hvp_item = jvp.item.clone();
    hvp_item.sig.ident = crate::names::derived_fn(&item.sig.ident, "hvp");
    let hvp = Sig { item: hvp_item, params: jvp.params.clone(), output: quote!((#ret, #g, #g)) };
    out.extend(nested.hvp_vjp(&hvp.item, &emit::gradient_type_of(&hvp.params)));
    let hvp_jvp = hvp.jvp();
    out.extend(nested.hvp_jvp(&hvp_jvp.item));
    out.extend(hvp_jvp.vjp_stand_in());
    out.extend(hvp_jvp.jvp_stand_in(item));
    out.extend(hvp_jvp.jvp().vjp_stand_in());
    for b in [&grad, &hvp] {
        out.extend(method_entries(item, b));
    }
    out
}

/// What a stand-in for a derivative of order four says.
fn beyond_third_order(form: &syn::ItemFn) -> String {
    format!(
        "`{}` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
        form.sig.ident
    )
}

/// The parameters of `F(f)`: `f`'s, then a tangent for each differentiated one.
fn forward_params(params: &[Param]) -> Vec<Param> {
    params.iter().cloned().chain(params.iter().filter(|p| p.differentiated()).cloned()).collect()
}

/// Names for the tangent parameters when there is no `F(f)` to take them from: `dx` for `x`
/// (`dx_1` if taken).
fn tangent_names(item: &syn::ItemFn, params: &[Param]) -> Vec<Ident> {
    let inputs: Vec<String> = item
        .sig
        .inputs
        .iter()
        .map(|input| match input {
            syn::FnArg::Typed(t) => match &*t.pat {
                syn::Pat::Ident(p) => p.ident.to_string(),
                other => other.to_token_stream().to_string(),
            },
            syn::FnArg::Receiver(_) => "self".to_owned(),
        })
        .collect();
    let mut taken = inputs.clone();
    let mut names = Vec::new();
    for (_, name) in params.iter().zip(inputs.iter()).filter(|(p, _)| p.differentiated()) {
        let base = format!("d{}", name.trim_start_matches("r#"));
        let fresh = if taken.contains(&base) || !crate::tangent::is_identifier(&base) {
            (1..).map(|k| format!("{base}_{k}")).find(|c| !taken.contains(c)).unwrap_or(base)
        } else {
            base
        };
        taken.push(fresh.clone());
        names.push(format_ident!("{}", fresh));
    }
    names
}

/// `item` renamed `name_suffix` (the signature of a form derived from it).
fn named(item: &syn::ItemFn, suffix: &str) -> syn::ItemFn {
    let mut renamed = item.clone();
    renamed.sig.ident = crate::names::derived_fn(&item.sig.ident, suffix);
    renamed
}

/// `(T, T)`: a value and its tangent.
fn pair_type(ty: &TokenStream) -> TokenStream {
    quote!((#ty, #ty))
}

/// `name_vjp` and, for a scalar output, `name_grad`: the reverse pipeline on `function`.
fn reverse_forms(
    item: &syn::ItemFn,
    mut function: Function,
    blocks: usize,
    output: &Output,
    shown: emit::Shown,
    hvp: Option<&emit::Hvp>,
) -> syn::Result<TokenStream> {
    let mut errors = crate::error::Errors::default();
    analysis::calls::snapshot_changing_arguments(&mut function, blocks, &mut errors); // arguments changed later
    analysis::shapes::keep_shapes_of_moved(&mut function, blocks); // zero gradients of values moved away
    errors.finish(())?;
    let function = function; // frozen from here on
    let facts = Facts::of(&function, blocks)?; // kinds, activity, scopes, lookups
    let (mut adjoint, final_adjoints) = crate::reverse::differentiate(&facts); // the adjoint program
    let renames = crate::coalesce::coalesce(&facts, &mut adjoint); // adjoint copies share a variable
    let plans = analysis::plans::Plans::of(&facts, &adjoint, final_adjoints, renames); // records, folds, tapes, guards
    Ok(emit::gradient_fns(item, &facts, output, &adjoint, &plans, shown, hvp)) // `_vjp` and `_grad`
}

/// `name_jvp`: `F(f)` printed as it is, every call a call of the callee's forward form.
fn forward_form(
    item: &syn::ItemFn,
    jvp_item: &syn::ItemFn,
    forward: &Function,
    blocks: usize,
    shown: emit::Shown,
) -> syn::Result<TokenStream> {
    let mut facts = Facts::of(forward, blocks)?;
    // Nothing is differentiated backwards here: every call is printed as made.
    facts.activity.calls.clear();
    let adjoint = crate::adjoint::AdjBlock::default();
    let plans = analysis::plans::Plans::of(&facts, &adjoint, Default::default(), Default::default());
    Ok(emit::jvp_fn(item, jvp_item, &facts, &plans, shown))
}
