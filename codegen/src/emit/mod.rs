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

mod backward;
mod fold;
mod forward;
mod signature;
mod stubs;
mod tokens;
mod views;

use crate::adjoint::AdjBlock;
use crate::analysis::record::Availability;
use crate::coalesce::Renames;
use crate::ir::{Call, Function, Loop, StmtKind, Value, VarId};
use crate::lower::{Output, OutputShape};
use crate::names;
use crate::walk::each_stmt;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{HashMap, HashSet};

/// Prints one lowered function.
pub(crate) struct Emitter<'a> {
    f: &'a Function,
    avail: &'a Availability,
    defs: HashMap<VarId, &'a Value>,
    loops: HashMap<usize, &'a Loop>,
    calls: HashMap<usize, &'a Call>,
    ifs: HashMap<usize, &'a crate::ir::If>,
    /// Temporaries printed where they are used (see `fold`), in the forward sweep only: the
    /// reverse sweep binds the ones it computes again.
    folded: HashSet<VarId>,
    /// Whether the reverse sweep is being printed.
    in_reverse: std::cell::Cell<bool>,
    /// Adjoints printed under another variable's name (see `coalesce`).
    renames: &'a Renames,
    /// The only `return` is the last statement of the body: its value is bound directly.
    direct_return: bool,
    /// Loops whose tape lives on the stack, with its capacity (see [`fixed_tapes`]).
    fixed_tapes: HashMap<usize, usize>,
    /// Operands checked to be floats where an operation uses them (see `analysis::floats`).
    guards: &'a crate::analysis::floats::Guards,
}

pub use stubs::stubs;

/// What the analyses decided, for the emitter to print.
pub struct Plans<'a> {
    /// How the reverse sweep gets its values: in `_vjp`'s closure, and inline in `_grad`.
    pub closure: &'a Availability,
    /// The same for `_grad`.
    pub inline: &'a Availability,
    /// Parameters whose adjoint exists when the reverse sweep ends.
    pub final_adjoints: &'a HashSet<VarId>,
    /// Adjoints printed under another variable's name.
    pub renames: &'a Renames,
    /// Operands checked to be floats.
    pub guards: &'a crate::analysis::floats::Guards,
}

/// Everything `#[differentiable]` adds beside the user's function.
pub fn gradient_fns(
    item: &syn::ItemFn,
    f: &Function,
    output: &Output,
    adjoint: &AdjBlock,
    plans: Plans,
) -> TokenStream {
    let Plans { closure, inline, final_adjoints, renames, guards } = plans;
    let mut defs = HashMap::new();
    let mut loops = HashMap::new();
    let mut calls = HashMap::new();
    let mut ifs = HashMap::new();
    let mut returns = 0;
    each_stmt(&f.body, &mut |stmt| match &stmt.kind {
        StmtKind::If(if_stmt) => {
            ifs.insert(if_stmt.id, if_stmt);
        }
        StmtKind::Let { var, value } => {
            if let Value::Call(call) = value {
                calls.insert(call.id, call);
            }
            defs.insert(*var, value);
        }
        StmtKind::Loop(l) => {
            loops.insert(l.id, l);
        }
        StmtKind::Return(_) => returns += 1,
        _ => {}
    });
    let last_is_return = matches!(f.body.stmts.last().map(|s| &s.kind), Some(StmtKind::Return(_)));
    let direct_return = returns == 1 && last_is_return && !f.flagged_returns;
    let folded = |avail| fold::folded(f, avail);
    let mut fixed = HashMap::new();
    fixed_tapes(&f.body.stmts, Some(1), &mut fixed);
    let vjp = Emitter {
        f,
        avail: closure,
        defs: defs.clone(),
        loops: loops.clone(),
        calls: calls.clone(),
        ifs: ifs.clone(),
        folded: folded(closure),
        in_reverse: Default::default(),
        renames,
        direct_return,
        fixed_tapes: fixed.clone(),
        guards,
    };
    let grad = Emitter {
        f,
        avail: inline,
        defs,
        loops,
        calls,
        ifs,
        folded: folded(inline),
        in_reverse: Default::default(),
        renames,
        direct_return,
        fixed_tapes: fixed,
        guards,
    };
    let vjp_fn = vjp.vjp_function(item, output, adjoint, final_adjoints);
    if output.shape != OutputShape::Scalar {
        return vjp_fn;
    }
    let grad_fn = grad.grad_function(item, output, adjoint, final_adjoints);
    quote!(#vjp_fn #grad_fn)
}

/// `__value` in the returned tuple, located at the return type: a value of another type is
/// reported there.
fn returned_value(output: &Output) -> TokenStream {
    let span = output.ty.clone().into_iter().next().map_or_else(proc_macro2::Span::call_site, |t| t.span());
    tokens::located(quote!(__value), span)
}

/// Lints that generated code may trip without the user being able to act on them.
fn allow_lints() -> TokenStream {
    quote!(#[allow(unused_mut, unused_variables, unused_assignments, unused_parens, unused_braces, non_snake_case, clippy::all, clippy::pedantic)])
}

impl Emitter<'_> {
    /// `name_vjp`: the forward sweep, then the reverse sweep as a returned closure.
    fn vjp_function(
        &self,
        item: &syn::ItemFn,
        output: &Output,
        adjoint: &AdjBlock,
        final_adjoints: &HashSet<VarId>,
    ) -> TokenStream {
        let forward = self.forward_body();
        let reverse = self.reverse_block(adjoint);
        let grads = self.gradients(final_adjoints);
        let grads_ty = self.gradient_type();
        let seed_slot = self.seed_slot();
        let ret = &output.ty;
        let value = returned_value(output);
        let (allow, attrs, vis, name) = (allow_lints(), signature::kept_attributes(item), &item.vis, &item.sig.ident);
        let sig = signature::vjp(&item.sig, ret, &grads_ty);
        let doc = format!(
            " Value of [`{name}`] and its pullback, which maps an adjoint of the output to the gradient.\n\n Generated by `#[differentiable]`."
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

    /// `name_grad`: the forward sweep, then the reverse sweep seeded with `1`, in one body.
    fn grad_function(
        &self,
        item: &syn::ItemFn,
        output: &Output,
        adjoint: &AdjBlock,
        final_adjoints: &HashSet<VarId>,
    ) -> TokenStream {
        let forward = self.forward_body();
        let reverse = self.reverse_block(adjoint);
        let grads = self.gradients(final_adjoints);
        let grads_ty = self.gradient_type();
        let seed_slot = self.seed_slot();
        let ret = &output.ty;
        let value = returned_value(output);
        let (allow, attrs, vis, name) = (allow_lints(), signature::kept_attributes(item), &item.vis, &item.sig.ident);
        let grad_name = names::derived_fn(name, "grad");
        let (generics, inputs) = (&item.sig.generics, &item.sig.inputs);
        let doc = format!(" Value and gradient of [`{name}`].\n\n Generated by `#[differentiable]`.");
        quote! {
            #[doc = #doc]
            #(#attrs)*
            #allow
            #vis fn #grad_name #generics (#inputs) -> (#ret, #grads_ty) {
                #forward
                let __seed: #ret = 1.0;
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
                match self.fixed_tapes.get(&id) {
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
        if self.f.active_calls.is_empty() {
            return TokenStream::new();
        }
        let traits = crate::private::Item::MarkerTraits;
        quote!(
            #[allow(unused_imports)]
            use #traits;
        )
    }

    fn tape_needed(&self, l: &Loop) -> bool {
        self.avail.reverse_loops.contains(&l.id) && !self.avail.record[l.body.id].is_empty()
    }

    /// The gradient returned: one entry per differentiated parameter, bare if there is one,
    /// each located at its parameter (where a gradient of the wrong type is reported).
    fn gradients(&self, final_adjoints: &HashSet<VarId>) -> TokenStream {
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

/// Most records a tape keeps on the stack; a loop that may run more iterations uses a `Vec`.
const MAX_FIXED_TAPE: usize = 64;

/// The loops among `stmts` (and inside them) whose tape can live on the stack, with its
/// capacity: the loop and every loop around it have literal bounds, so the iterations it runs
/// over the whole function are known, and they are at most [`MAX_FIXED_TAPE`]. `outer` is the
/// iterations of the loops around `stmts` (`None` if not known).
fn fixed_tapes(stmts: &[crate::ir::Stmt], outer: Option<usize>, out: &mut HashMap<usize, usize>) {
    for stmt in stmts {
        match &stmt.kind {
            StmtKind::Loop(l) => {
                let runs = outer.zip(literal_trip_count(&l.head)).and_then(|(a, b)| a.checked_mul(b));
                if let Some(capacity) = runs.filter(|&c| c <= MAX_FIXED_TAPE) {
                    out.insert(l.id, capacity);
                }
                fixed_tapes(&l.body.stmts, runs, out);
            }
            StmtKind::If(i) => {
                fixed_tapes(&i.then_block.stmts, outer, out);
                fixed_tapes(&i.else_block.stmts, outer, out);
            }
            _ => {}
        }
    }
}

/// The iterations of `for i in a..b` (also `..=`, `.rev()`, `.step_by(k)`) when `a`, `b` and
/// `k` are integer literals.
fn literal_trip_count(head: &crate::ir::LoopHead) -> Option<usize> {
    use crate::ir::{LoopHead, Operand, RangeAdaptor};
    let LoopHead::Range(range) = head else { return None };
    let literal = |o: &Operand| match o {
        Operand::Const(tokens) => syn::parse2::<syn::LitInt>(tokens.clone()).ok()?.base10_parse::<usize>().ok(),
        Operand::Var(_) => None,
    };
    let (start, end) = (literal(&range.start)?, literal(&range.end)?);
    let mut count = if range.inclusive { end.checked_add(1)?.saturating_sub(start) } else { end.saturating_sub(start) };
    for adaptor in &range.adaptors {
        if let RangeAdaptor::StepBy(step) = adaptor {
            let step = literal(step).filter(|&k| k > 0)?;
            count = count.div_ceil(step);
        }
    }
    Some(count)
}

#[cfg(test)]
mod tests {
    use quote::quote;

    /// The generated source of `f`'s gradient functions.
    fn expand(f: proc_macro2::TokenStream) -> String {
        crate::differentiable(proc_macro2::TokenStream::new(), f).to_string()
    }

    #[test]
    fn literal_loops_get_stack_tapes_sized_by_all_enclosing_loops() {
        let out = expand(quote! {
            fn f(x: f64) -> f64 {
                let mut v = x;
                for i in 0..3 {
                    for j in (0..=4).rev().step_by(2) {
                        v = v * v.sin() + (i * j) as f64;
                    }
                }
                v
            }
        });
        // The inner loop runs 3 × 3 times in all.
        assert!(out.contains("FixedTape :: < _ , 9 >"), "{out}");
    }

    #[test]
    fn unknown_or_huge_trip_counts_keep_a_vec_tape_without_overflow() {
        for head in [quote!(0..n), quote!(0..=18446744073709551615), quote!(0..100)] {
            let out = expand(quote! {
                fn f(x: f64, n: usize) -> f64 {
                    let mut v = x;
                    for _ in #head {
                        v = v * v.sin();
                    }
                    v
                }
            });
            assert!(out.contains(":: std :: vec :: Vec :: new ()") && !out.contains("FixedTape"), "{head}: {out}");
        }
    }
}
