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

use crate::adjoint::{AExpr, AdjBlock, AdjStmt};
use crate::ir::{BlockId, Function, Role, VarId};
use std::collections::HashMap;

/// Renames of adjoint variables: `a → b` means `__d_a` is printed as `__d_b`.
pub type Renames = HashMap<VarId, VarId>;

/// Removes adjoint copies from `block`; returns the renames to apply when printing.
pub fn coalesce(facts: &crate::analysis::Facts, block: &mut AdjBlock) -> Renames {
    let mut cx = Coalescer {
        function: facts.f,
        def_block: &facts.scopes.def_block,
        renames: Renames::new(),
        classes: HashMap::new(),
    };
    cx.block(block);
    cx.renames
}

/// The variable `v`'s adjoint is printed as.
pub fn resolve(renames: &Renames, mut v: VarId) -> VarId {
    while let Some(&next) = renames.get(&v) {
        v = next;
    }
    v
}

struct Coalescer<'a> {
    function: &'a Function,
    def_block: &'a [BlockId],
    renames: Renames,
    /// For a variable others were renamed to: all of them (itself included). A variable
    /// absent here stands for itself alone.
    classes: HashMap<VarId, Vec<VarId>>,
}

impl Coalescer<'_> {
    /// One pass over the block: a copy `let mut __d_a = __d_b;` is removed when no later
    /// statement mentions `b` (under any name merged into it). Where each variable is last
    /// mentioned is computed once, so the pass is linear in the block, not quadratic.
    fn block(&mut self, block: &mut AdjBlock) {
        let mut last_mention: HashMap<VarId, usize> = HashMap::new();
        for (k, stmt) in block.stmts.iter().enumerate() {
            mentions(stmt, &mut |u| {
                last_mention.insert(u, k);
            });
        }
        let mut removed = Vec::new();
        for k in 0..block.stmts.len() {
            if let AdjStmt::Init { var: a, expr: AExpr::Adj(b) } = &block.stmts[k] {
                let (a, b) = (*a, resolve(&self.renames, *b));
                // Only an adjoint of this block dies here: an outer one (a loop-carried variable)
                // is read again by the next iteration or after the block.
                let owned = self.def_block[b] == block.block;
                let read_later = self.class(b).iter().any(|u| last_mention.get(u).is_some_and(|&j| j > k));
                if a != b && owned && !read_later {
                    let user = |v: VarId| self.function.vars[v].role != Role::Temp;
                    if user(a) && !user(b) {
                        self.merge(b, a)
                    } else {
                        self.merge(a, b)
                    }
                    removed.push(k);
                    continue;
                }
            }
            match &mut block.stmts[k] {
                AdjStmt::If { then_block, else_block, .. } => {
                    self.block(then_block);
                    self.block(else_block);
                }
                AdjStmt::Loop { body, .. } => self.block(body),
                _ => {}
            }
        }
        for k in removed.into_iter().rev() {
            block.remove(k);
        }
    }

    /// The variables printed as `v` (`v` a representative).
    fn class(&self, v: VarId) -> Vec<VarId> {
        self.classes.get(&v).cloned().unwrap_or_else(|| vec![v])
    }

    /// `from`'s adjoint is printed as `into`'s from now on (both representatives).
    fn merge(&mut self, from: VarId, into: VarId) {
        self.renames.insert(from, into);
        let moved = self.classes.remove(&from).unwrap_or_else(|| vec![from]);
        self.classes.entry(into).or_insert_with(|| vec![into]).extend(moved);
    }
}

/// Every variable whose adjoint a statement (or anything nested in it) mentions, as written.
fn mentions(stmt: &AdjStmt, out: &mut impl FnMut(VarId)) {
    match stmt {
        AdjStmt::Init { var, expr } | AdjStmt::Set { var, expr } => {
            out(*var);
            expr_mentions(expr, out);
        }
        AdjStmt::Add { target, expr } | AdjStmt::AddEach { target, expr } => {
            out(target.base);
            expr_mentions(expr, out);
        }
        AdjStmt::Zero { var } => out(*var),
        AdjStmt::Discard(expr) | AdjStmt::Pullback { seed: expr, .. } => expr_mentions(expr, out),
        AdjStmt::If { then_block, else_block, .. } => {
            block_mentions(then_block, out);
            block_mentions(else_block, out);
        }
        AdjStmt::Loop { body, .. } => block_mentions(body, out),
    }
}

fn block_mentions(block: &AdjBlock, out: &mut impl FnMut(VarId)) {
    block.zero_init.iter().for_each(|u| out(*u));
    block.stmts.iter().for_each(|s| mentions(s, out));
}

fn expr_mentions(expr: &AExpr, out: &mut impl FnMut(VarId)) {
    match expr {
        AExpr::Adj(u) => out(*u),
        AExpr::Elem(t) | AExpr::TakeElem(t) | AExpr::PopElem(t) => out(t.base),
        AExpr::Field(e, _) | AExpr::Neg(e) | AExpr::Ref(e) => expr_mentions(e, out),
        AExpr::Bin(_, a, b) => {
            expr_mentions(a, out);
            expr_mentions(b, out);
        }
        AExpr::Apply(_, args) | AExpr::Rule(_, args) | AExpr::Private(_, args) | AExpr::Tuple(args) => {
            args.iter().for_each(|a| expr_mentions(a, out))
        }
        AExpr::Primal(_) | AExpr::Const(_) | AExpr::Seed | AExpr::Grad { .. } | AExpr::Internal(_) => {}
    }
}
