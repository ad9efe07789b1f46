//! IR and adjoint program → Rust tokens: the `_vjp` and `_grad` functions.
//!
//! ```text
//! #[differentiable]                      pub fn f_vjp(x: f64) -> (f64, impl FnOnce(f64) -> f64) {
//! pub fn f(x: f64) -> f64 {                  let __value = x.sin();
//!     x.sin()                     ==>        (__value, move |__seed: f64| {
//! }                                               let mut __d_x = __seed * x.cos();
//!                                                 __d_x
//!                                             })
//!                                        }
//!                                        pub fn f_grad(x: f64) -> (f64, f64) { …same, seed 1.0… }
//! ```

mod accumulate;
mod backward;
mod calls;
mod forms;
mod forward;
mod lending;
mod nested;
mod rows;
mod signature;
mod skip;
mod stubs;
mod tokens;
mod views;

use crate::adjoint::AdjBlock;
use crate::analysis::Facts;
use crate::analysis::plans::{Plans, SweepPlan};
use crate::ir::{Function, Loop, StmtKind};
use crate::lower::{Output, OutputShape};
use crate::names;
use crate::walk::each_stmt;
use proc_macro2::TokenStream;
use quote::quote;

/// Prints one lowered function: one of its generated functions, in one mode.
#[derive(Clone, Copy)]
pub(crate) struct Emitter<'a> {
    f: &'a Function,
    facts: &'a Facts<'a>,
    plans: &'a Plans,
    /// The plan of the function being printed (`_vjp`'s or `_grad`'s).
    sweep: &'a SweepPlan,
    /// What is being printed.
    printing: Printing,
    /// The views of the reverse loops being printed, innermost first.
    frame: Option<&'a views::Frame<'a>>,
    /// The rows borrowed before the forward loops being printed, innermost first.
    rows: Option<&'a rows::RowFrame<'a>>,
    /// The only `return` is the last statement of the body: its value is bound directly.
    direct_return: bool,
    /// The reverse loop whose body is being printed, and its additions summed into locals
    /// (see `accumulate`).
    accumulating: Option<(usize, &'a [accumulate::Accumulator<'a>])>,
    /// Printing `_vjp_into`'s pullback: the parameters' adjoints start from the caller's.
    into_form: bool,
}

/// What an [`Emitter`] is printing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Printing {
    /// The forward sweep: temporaries folded into their use, operands checked to be floats.
    Forward,
    /// The reverse sweep: every value it computes again has a `let` of its own.
    Reverse,
}

pub use forms::{
    EntryShape, Provided, grad_from_vjp, hvp_fn, jvp_fn, jvp_from_vjp, jvp_item, jvp_stand_in, method_entry,
    vjp_stand_in,
};
pub use lending::lending_forms;
pub use nested::Nested;
pub use stubs::stubs;

/// The gradient's type for these parameters (one entry per differentiated one).
pub fn gradient_type_of(params: &[crate::ir::Param]) -> TokenStream {
    signature::gradient_type(params)
}

/// For `R(F(f))`: also print `f_hvp`, the reverse sweep seeded with `(0, 1)` right after the
/// forward sweep.
pub struct Hvp<'a> {
    /// The user's function.
    pub primal: &'a syn::ItemFn,
    /// Its parameters.
    pub params: &'a [crate::ir::Param],
    /// The signature of its `_jvp` (the parameters, then the directions).
    pub jvp: &'a syn::ItemFn,
}

/// Whether a generated function is documented or hidden (the forms only generated code calls).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Public,
    Hidden,
}

/// Everything `#[differentiable]` adds beside the user's function.
pub fn gradient_fns(
    item: &syn::ItemFn,
    facts: &Facts,
    output: &Output,
    adjoint: &AdjBlock,
    plans: &Plans,
    shown: Shown,
    hvp: Option<&Hvp>,
) -> TokenStream {
    let f = facts.f;
    let last_is_return = matches!(f.body.stmts.last().map(|s| &s.kind), Some(StmtKind::Return(_)));
    let direct_return = facts.index.returns == 1 && last_is_return && !f.flagged_returns;
    let emitter = |sweep| Emitter {
        f,
        facts,
        plans,
        sweep,
        printing: Printing::Forward,
        frame: None,
        rows: None,
        direct_return,
        accumulating: None,
        into_form: false,
    };
    let vjp_fn = emitter(&plans.closure).vjp_function(item, output, adjoint);
    let vjp_into_fn = plans.into.used().then(|| {
        let into = Emitter { into_form: true, ..emitter(&plans.closure) };
        let vjp_into = into.vjp_into_function(item, output, adjoint);
        quote!(#[doc(hidden)] #vjp_into)
    });
    let vjp_fn = quote!(#vjp_fn #vjp_into_fn);
    let hidden = (shown == Shown::Hidden).then(|| quote!(#[doc(hidden)]));
    if let Some(hvp) = hvp {
        let hvp_fn = emitter(&plans.inline).hvp_function(hvp, adjoint);
        return quote!(#hidden #vjp_fn #hvp_fn);
    }
    if output.shape != OutputShape::Scalar {
        return quote!(#hidden #vjp_fn);
    }
    let grad_fn = emitter(&plans.inline).grad_function(item, output, adjoint);
    quote!(#hidden #vjp_fn #hidden #grad_fn)
}

/// `__value` in the returned tuple, located at the return type: a value of another type is
/// reported there.
fn returned_value(output: &Output) -> TokenStream {
    let span = output.ty.clone().into_iter().next().map_or_else(proc_macro2::Span::call_site, |t| t.span());
    tokens::located(quote!(__value), span)
}

/// A link to the user's function in a generated function's docs: `[`f`]`, or for a method
/// (which rustdoc resolves only through `Self`) `[`f`](Self::f)`.
fn doc_link(item: &syn::ItemFn) -> String {
    let name = &item.sig.ident;
    match crate::names::is_associated(item) {
        true => format!("[`{name}`](Self::{name})"),
        false => format!("[`{name}`]"),
    }
}

/// Lints that generated code may trip without the user being able to act on them.
fn allow_lints() -> TokenStream {
    quote!(#[allow(unused_mut, unused_variables, unused_assignments, unused_parens, unused_braces, unreachable_code, non_snake_case, clippy::all, clippy::pedantic)])
}

impl Emitter<'_> {
    /// The same emitter, printing `printing`.
    fn printing(&self, printing: Printing) -> Emitter<'_> {
        Emitter { printing, ..*self }
    }

    /// `name_vjp`: the forward sweep, then the reverse sweep as a returned closure.
    fn vjp_function(&self, item: &syn::ItemFn, output: &Output, adjoint: &AdjBlock) -> TokenStream {
        let forward = self.forward_body();
        let reverse = self.printing(Printing::Reverse).reverse_block(adjoint);
        let grads = self.gradients();
        let grads_ty = self.gradient_type();
        let seed_slot = self.seed_slot();
        let ret = &output.ty;
        let value = returned_value(output);
        let (allow, attrs, vis) = (allow_lints(), signature::kept_attributes(item), &item.vis);
        let sig = signature::vjp(&item.sig, ret, &grads_ty);
        let doc = format!(
            " Value of {} and its pullback, which maps an adjoint of the output to the gradient.\n\n Generated by `#[differentiable]`.",
            doc_link(item)
        );
        quote! {
            #[doc = #doc]
            #(#attrs)*
            #allow
            #vis #sig {
                #forward
                (#value, move |__seed: #ret| { #seed_slot #reverse #grads })
            }
        }
    }

    /// `name_vjp_into`: `name_vjp` with a pullback that adds into the caller's adjoints,
    /// taken `&mut`, one per differentiated parameter (see `analysis::into`).
    fn vjp_into_function(&self, item: &syn::ItemFn, output: &Output, adjoint: &AdjBlock) -> TokenStream {
        let forward = self.forward_body();
        let reverse = self.printing(Printing::Reverse).reverse_block(adjoint);
        let seed_slot = self.seed_slot();
        let ret = &output.ty;
        let value = returned_value(output);
        let (allow, attrs, vis) = (allow_lints(), signature::kept_attributes(item), &item.vis);
        let differentiated: Vec<&crate::ir::Param> = self.f.params.iter().filter(|p| p.differentiated()).collect();
        let into_names: Vec<proc_macro2::Ident> =
            (0..differentiated.len()).map(|k| quote::format_ident!("__into{}", k)).collect();
        let into_types: Vec<TokenStream> = differentiated
            .iter()
            .map(|p| match &p.gradient {
                crate::ir::ParamGradient::Returned(ty) => quote!(&mut #ty),
                _ => crate::error::internal_error("a differentiated parameter has no gradient type"),
            })
            .collect();
        let closure_ty = quote!(::core::ops::FnOnce(#ret, #(#into_types),*));
        let sig = signature::vjp_form(&item.sig, ret, &closure_ty, "vjp_into");
        // Each adjoint goes back where it came from, or is added there.
        let give_back = differentiated.iter().zip(&into_names).map(|(p, into)| {
            let adjoint = self.adjoint_name(p.var);
            if self.plans.into.taken.contains_key(&p.var) {
                quote!(*#into = #adjoint;)
            } else if self.plans.final_adjoints.contains(&p.var) {
                let accumulate = crate::private::Item::Accumulate;
                quote!(#accumulate(#into, #adjoint);)
            } else {
                TokenStream::new()
            }
        });
        quote! {
            #(#attrs)*
            #allow
            #vis #sig {
                #forward
                (#value, move |__seed: #ret, #(#into_names: #into_types),*| { #seed_slot #reverse #(#give_back)* })
            }
        }
    }

    /// In `_vjp_into`'s pullback, the start of a parameter's adjoint taken from the caller's
    /// (`into`'s position among the differentiated parameters), if it is.
    fn taken_in(&self, v: crate::ir::VarId) -> Option<TokenStream> {
        use crate::analysis::into::TakeIn;
        if !self.into_form {
            return None;
        }
        let how = self.plans.into.taken.get(&v)?;
        let position = self.f.params.iter().filter(|p| p.differentiated()).position(|p| p.var == v)?;
        let into = quote::format_ident!("__into{}", position);
        Some(match how {
            TakeIn::Copy => quote!(*#into),
            TakeIn::Take => quote!(::core::mem::take(#into)),
        })
    }

    /// `name_grad`: the forward sweep, then the reverse sweep seeded with `1`, in one body.
    fn grad_function(&self, item: &syn::ItemFn, output: &Output, adjoint: &AdjBlock) -> TokenStream {
        let forward = self.forward_body();
        let reverse = self.printing(Printing::Reverse).reverse_block(adjoint);
        let grads = self.gradients();
        let grads_ty = self.gradient_type();
        let seed_slot = self.seed_slot();
        let ret = &output.ty;
        let value = returned_value(output);
        let (allow, attrs, vis, name) = (allow_lints(), signature::kept_attributes(item), &item.vis, &item.sig.ident);
        let grad_name = names::derived_fn(name, "grad");
        let (generics, inputs) = (&item.sig.generics, &item.sig.inputs);
        let doc = format!(" Value and gradient of {}.\n\n Generated by `#[differentiable]`.", doc_link(item));
        let one = crate::names::float_literal(1.0);
        quote! {
            #[doc = #doc]
            #(#attrs)*
            #allow
            #vis fn #grad_name #generics (#inputs) -> (#ret, #grads_ty) {
                #forward
                let __seed: #ret = #one;
                #seed_slot
                #reverse
                (#value, #grads)
            }
        }
    }

    /// For a `return` inside a loop, the seed is taken once by whichever return ran.
    fn seed_slot(&self) -> Option<TokenStream> {
        self.f.flagged_returns.then(|| quote!(let mut __seed = ::core::option::Option::Some(__seed);))
    }

    /// The forward sweep, ending with `__value` bound to the function's value.
    fn forward_body(&self) -> TokenStream {
        let body = self.forward_top_level();
        let uses = self.flag_traits();
        if self.direct_return {
            return quote!(#uses #body);
        }
        let take_seed = crate::private::Item::TakeSeed;
        if self.f.flagged_returns {
            return quote! {
                #uses
                let mut __result = ::core::option::Option::None;
                #body
                let __value = #take_seed(&mut __result);
            };
        }
        quote! {
            #uses
            let __result;
            #body
            let __value = __result;
        }
    }

    /// The function body's statements, each preceded by the tapes of the loops inside it.
    ///
    /// A tape is declared just before the top-level statement that fills it, not at the top
    /// of the function: it may hold pullbacks that borrow locals declared before that
    /// statement, and locals are dropped in the reverse order of their declaration.
    fn forward_top_level(&self) -> TokenStream {
        let stmts = self.f.body.stmts.iter().map(|stmt| {
            let mut ids = Vec::new();
            let mut note = |s: &crate::ir::Stmt| {
                if let StmtKind::Loop(l) = &s.kind
                    && self.tape_needed(l)
                {
                    ids.push(l.id);
                }
            };
            note(stmt);
            match &stmt.kind {
                StmtKind::Loop(l) => each_stmt(&l.body, &mut note),
                StmtKind::If(i) => {
                    each_stmt(&i.then_block, &mut note);
                    each_stmt(&i.else_block, &mut note);
                }
                _ => {}
            }
            let tapes = ids.into_iter().map(|id| {
                let tape = names::bookkeeping("tape", id);
                match self.plans.fixed_tapes.get(&id) {
                    Some(&capacity) => {
                        let capacity = proc_macro2::Literal::usize_unsuffixed(capacity);
                        let fixed_tape = crate::private::Item::FixedTape;
                        quote!(let mut #tape = #fixed_tape::<_, #capacity>::new();)
                    }
                    None => quote!(let mut #tape = ::std::vec::Vec::new();),
                }
            });
            let code = self.forward_stmt(stmt);
            quote!(#(#tapes)* #code)
        });
        quote!(#(#stmts)*)
    }

    /// The traits that tell, by autoref, whether an argument's type carries a gradient.
    fn flag_traits(&self) -> TokenStream {
        let mut forward_calls = false;
        each_stmt(&self.f.body, &mut |s| {
            forward_calls |=
                matches!(&s.kind, StmtKind::Let { value: crate::ir::Value::Call(c), .. } if c.jvp_depth > 0);
        });
        // Shapes kept apart (`analysis::shapes`) pick theirs by autoref too.
        let shapes = match self.f.kept_shapes.iter().any(|v| self.sweep.avail.needed.contains(v)) {
            false => TokenStream::new(),
            true => {
                let traits = crate::private::Item::ShapeTraits;
                quote!(#[allow(unused_imports)] use #traits;)
            }
        };
        if self.facts.activity.calls.is_empty() && !forward_calls {
            return shapes;
        }
        let traits = crate::private::Item::MarkerTraits;
        quote!(
            #[allow(unused_imports)]
            use #traits;
            #shapes
        )
    }

    fn tape_needed(&self, l: &Loop) -> bool {
        self.sweep.avail.reverse_loops.contains(&l.id) && !self.sweep.avail.record[l.body.id].is_empty()
    }

    /// The gradient returned: one entry per differentiated parameter, bare if there is one,
    /// each located at its parameter (where a gradient of the wrong type is reported).
    fn gradients(&self) -> TokenStream {
        let final_adjoints = &self.plans.final_adjoints;
        let entries: Vec<TokenStream> = self
            .f
            .params
            .iter()
            .filter(|p| p.differentiated())
            .map(|p| {
                let entry = if final_adjoints.contains(&p.var) { self.adjoint_name(p.var) } else { self.zero(p.var) };
                tokens::located(entry, self.f.vars[p.var].span)
            })
            .collect();
        match entries.as_slice() {
            [one] => one.clone(),
            many => quote!((#(#many),*)),
        }
    }

    fn gradient_type(&self) -> TokenStream {
        signature::gradient_type(&self.f.params)
    }
}
