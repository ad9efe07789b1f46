//! Sums into one adjoint element kept in a local while a reverse loop runs.
//!
//! A loop that reads one element of a buffer in every iteration (`xc[col]` in GMM's triangular
//! product `for row in col + 1..d { qx[row] += l[k] * xc[col]; }`) adds into that element's
//! adjoint in every iteration of its reverse. Through memory, each addition waits for the last
//! one's store, and LLVM cannot keep the element in a register (the other buffers written in
//! the loop might alias it as far as it knows). A person sums into a local and adds once:
//!
//! ```text
//! for row in col + 1..d {                          let mut __acc3_0 = 0.0;
//!     …                                            for row in col + 1..d {
//!     __d_xc[col] += __d_t22;            ==>           …
//! }                                                    __acc3_0 += __d_t22;
//!                                                  }
//!                                                  if __acc3_0 != 0.0 { __d_xc[col] += __acc3_0; }
//! ```
//!
//! This applies to an addition at the top of the loop's reverse body into a float element whose
//! indices do not change while the loop runs (constants, or values defined outside it), where
//! nothing else in the body mentions that adjoint. Only the rounding of the sum changes. The
//! guard keeps an empty loop from indexing at all (the element was never read then, and its
//! index need not be in bounds) and skips the addition of an exact zero.

use super::Emitter;
use crate::adjoint::{AExpr, AdjBlock, AdjStmt, Target, TargetStep};
use crate::ir::{Operand, VarId};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use std::collections::HashMap;

/// An addition of a loop's reverse body summed into a local.
#[derive(Clone, Copy)]
pub(super) struct Accumulator<'b> {
    /// The statement's target, as it sits in the body (compared by address).
    pub target: &'b Target,
    /// Its position among the loop's accumulators.
    pub number: usize,
}

impl Emitter<'_> {
    /// The additions at the top of a reverse loop body that are summed into locals.
    pub(super) fn accumulators<'b>(&self, body: &'b AdjBlock) -> Vec<Accumulator<'b>> {
        let mut mentions = HashMap::new();
        self.count_block(body, &mut mentions);
        let mut out = Vec::new();
        for stmt in &body.stmts {
            let AdjStmt::Add { target, .. } = stmt else { continue };
            let once = mentions.get(&self.root(target.base)) == Some(&1);
            // A plain adjoint (`__d_k`, `__d_p.w`) is a local already, in a register.
            let element = target.steps.iter().any(|s| matches!(s, TargetStep::Index(_)));
            if target.scalar && element && once && self.fixed_during(target, body) {
                out.push(Accumulator { target, number: out.len() });
            }
        }
        out
    }

    /// The local an accumulator sums into.
    pub(super) fn accumulator_name(&self, loop_id: usize, acc: &Accumulator) -> Ident {
        format_ident!("__acc{}_{}", loop_id, acc.number)
    }

    /// The accumulator of the addition into `target`, if it has one.
    pub(super) fn accumulator_of(&self, target: &Target) -> Option<Ident> {
        let (loop_id, accs) = self.accumulating?;
        accs.iter().find(|a| std::ptr::eq(a.target, target)).map(|a| self.accumulator_name(loop_id, a))
    }

    /// `let mut __acc… = 0.0;` before the loop and the guarded additions after it.
    pub(super) fn around_accumulators(&self, loop_id: usize, accs: &[Accumulator], looped: TokenStream) -> TokenStream {
        if accs.is_empty() {
            return looped;
        }
        let zero = crate::names::float_literal(0.0);
        let names: Vec<Ident> = accs.iter().map(|a| self.accumulator_name(loop_id, a)).collect();
        let targets = accs.iter().map(|a| self.target(a.target));
        quote! {{
            #(let mut #names = #zero;)*
            #looped
            #(if #names != #zero { #targets += #names; })*
        }}
    }

    fn root(&self, v: VarId) -> VarId {
        crate::coalesce::resolve(&self.plans.renames, v)
    }

    /// Whether every index of `target` keeps its value while the loop whose reverse body is
    /// `body` runs (a constant, or a value defined outside the loop).
    fn fixed_during(&self, target: &Target, body: &AdjBlock) -> bool {
        let scopes = &self.facts.scopes;
        target.steps.iter().all(|step| match step {
            TargetStep::Field(_) => true,
            TargetStep::Index(Operand::Const(_)) => true,
            TargetStep::Index(Operand::Var(v)) => {
                !crate::analysis::order::nested_in(&scopes.parent, scopes.def_block[*v], body.block)
                    && !self.f.vars[*v].mutable
            }
            TargetStep::Slice(_) | TargetStep::Unwrap => false,
        })
    }

    /// Counts, per adjoint (after `coalesce`), the statements and expressions that mention it.
    fn count_block(&self, block: &AdjBlock, out: &mut HashMap<VarId, usize>) {
        for &v in &block.zero_init {
            *out.entry(self.root(v)).or_default() += 1;
        }
        for stmt in &block.stmts {
            let mut note = |v: VarId| *out.entry(self.root(v)).or_default() += 1;
            match stmt {
                AdjStmt::Init { var, expr } | AdjStmt::Set { var, expr } => {
                    note(*var);
                    self.count_expr(expr, out);
                }
                AdjStmt::Zero { var } => note(*var),
                AdjStmt::Add { target, expr } | AdjStmt::AddEach { target, expr } => {
                    note(target.base);
                    self.count_expr(expr, out);
                }
                AdjStmt::Discard(expr) => self.count_expr(expr, out),
                AdjStmt::Pullback { seed, .. } => self.count_expr(seed, out),
                AdjStmt::If { then_block, else_block, .. } => {
                    self.count_block(then_block, out);
                    self.count_block(else_block, out);
                }
                AdjStmt::Loop { body, .. } => self.count_block(body, out),
            }
        }
    }

    fn count_expr(&self, e: &AExpr, out: &mut HashMap<VarId, usize>) {
        let mut read = Vec::new();
        e.adjoints(&mut read);
        for v in read {
            *out.entry(self.root(v)).or_default() += 1;
        }
    }
}
