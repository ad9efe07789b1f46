//! Coalescing adjoint copies: `let mut __d_a = __d_b;` where `__d_b` is not read again makes
//! `a` and `b` share one adjoint variable. Chains of temporaries then cost no names:
//!
//! ```text
//! let mut __d_t5 = __seed;                  let mut __d_loss = __seed;
//! let mut __d_loss = __d_t5;       ==>      for … { let mut __d_d = __d_loss * d; … }
//! for … { let mut __d_t4 = __d_loss;
//!         let mut __d_d = __d_t4 * d; … }
//! ```
//!
//! The shared variable takes the user's name when one of the two has one.

use crate::adjoint::{AExpr, AdjBlock, AdjStmt, Target};
use crate::ir::{BlockId, Function, Role, VarId};
use std::collections::HashMap;

/// Renames of adjoint variables: `a → b` means `__d_a` is printed as `__d_b`.
pub type Renames = HashMap<VarId, VarId>;

/// Removes adjoint copies from `block`; returns the renames to apply when printing.
pub fn coalesce(facts: &crate::analysis::Facts, block: &mut AdjBlock) -> Renames {
    let mut renames = Renames::new();
    coalesce_block(facts.f, &facts.scopes.def_block, block, &mut renames);
    renames
}

/// The variable `v`'s adjoint is printed as.
pub fn resolve(renames: &Renames, mut v: VarId) -> VarId {
    while let Some(&next) = renames.get(&v) {
        v = next;
    }
    v
}

fn coalesce_block(function: &Function, def_block: &[BlockId], block: &mut AdjBlock, renames: &mut Renames) {
    let mut k = 0;
    while k < block.stmts.len() {
        if let AdjStmt::Init { var: a, expr: AExpr::Adj(b) } = &block.stmts[k] {
            let (a, b) = (*a, resolve(renames, *b));
            // Only an adjoint of this block dies here: an outer one (a loop-carried variable)
            // is read again by the next iteration or after the block.
            let owned = def_block[b] == block.block;
            if a != b && owned && !block.stmts[k + 1..].iter().any(|s| reads_adjoint(s, b, renames)) {
                let user = |v: VarId| function.vars[v].role != Role::Temp;
                if user(a) && !user(b) {
                    renames.insert(b, a);
                } else {
                    renames.insert(a, b);
                }
                block.remove(k);
                continue;
            }
        }
        match &mut block.stmts[k] {
            AdjStmt::If { then_block, else_block, .. } => {
                coalesce_block(function, def_block, then_block, renames);
                coalesce_block(function, def_block, else_block, renames);
            }
            AdjStmt::Loop { body, .. } => coalesce_block(function, def_block, body, renames),
            _ => {}
        }
        k += 1;
    }
}

/// Whether a statement (or anything nested in it) uses `v`'s adjoint.
fn reads_adjoint(stmt: &AdjStmt, v: VarId, renames: &Renames) -> bool {
    let is = |u: VarId| resolve(renames, u) == v;
    let target = |t: &Target| is(t.base) || expr_reads(&AExpr::Elem(t.clone()), v, renames);
    match stmt {
        AdjStmt::Init { var, expr } | AdjStmt::Set { var, expr } => is(*var) || expr_reads(expr, v, renames),
        AdjStmt::Add { target: t, expr } | AdjStmt::AddEach { target: t, expr } => {
            target(t) || expr_reads(expr, v, renames)
        }
        AdjStmt::Zero { var } => is(*var),
        AdjStmt::Discard(expr) => expr_reads(expr, v, renames),
        AdjStmt::Pullback { seed, .. } => expr_reads(seed, v, renames),
        AdjStmt::If { then_block, else_block, .. } => {
            block_reads(then_block, v, renames) || block_reads(else_block, v, renames)
        }
        AdjStmt::Loop { body, .. } => block_reads(body, v, renames),
    }
}

fn block_reads(block: &AdjBlock, v: VarId, renames: &Renames) -> bool {
    block.zero_init.iter().any(|u| resolve(renames, *u) == v)
        || block.stmts.iter().any(|s| reads_adjoint(s, v, renames))
}

fn expr_reads(expr: &AExpr, v: VarId, renames: &Renames) -> bool {
    let is = |u: VarId| resolve(renames, u) == v;
    match expr {
        AExpr::Adj(u) => is(*u),
        AExpr::Elem(t) | AExpr::TakeElem(t) | AExpr::PopElem(t) => is(t.base),
        AExpr::Field(e, _) | AExpr::Neg(e) | AExpr::Ref(e) => expr_reads(e, v, renames),
        AExpr::Bin(_, a, b) => expr_reads(a, v, renames) || expr_reads(b, v, renames),
        AExpr::Apply(_, args) | AExpr::Rule(_, args) | AExpr::Private(_, args) | AExpr::Tuple(args) => {
            args.iter().any(|a| expr_reads(a, v, renames))
        }
        AExpr::Primal(_) | AExpr::Const(_) | AExpr::Seed | AExpr::Grad { .. } | AExpr::Internal(_) => false,
    }
}
