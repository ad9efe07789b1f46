//! Whether the reverse of a loop may walk its iterations in the forward order.
//!
//! The reverse of a loop normally walks its range backwards, because an iteration's adjoint
//! code may read what a later iteration's wrote (`__d_v = __d_v * …` for a value carried from
//! one iteration to the next) and pops records in last-in-first-out order. When neither
//! happens — every iteration only adds into outer adjoints that no iteration reads, or touches
//! elements that belong to it alone (`__d_y[i]` in the loop over `i`), and nothing was
//! recorded — the order is free, and walking upwards lets LLVM vectorise the loop (a
//! matrix-vector product's reverse runs twice as fast). Only the rounding of sums into the
//! same adjoint changes.

use crate::adjoint::{AExpr, AdjBlock, AdjStmt, Target, TargetStep};
use crate::ir::{BlockId, Operand, VarId};
use std::collections::HashSet;

/// Whether the iterations of a loop body's reverse (`body`, with nothing recorded) can run
/// in any order. `within(v)` tells whether variable `v` is defined inside the loop; `index`
/// is the loop's variable.
pub fn independent_iterations(body: &AdjBlock, index: Option<VarId>, within: &impl Fn(VarId) -> bool) -> bool {
    let mut access = Access { index, ..Access::default() };
    if !access.block(body, within) {
        return false;
    }
    access.shared_written.is_disjoint(&access.read) && access.shared_read.is_disjoint(&access.written)
}

/// Outer adjoints the reverse of a loop body writes and reads.
#[derive(Default)]
struct Access {
    index: Option<VarId>,
    /// Every outer adjoint written, and those written at elements other iterations may touch.
    written: HashSet<VarId>,
    shared_written: HashSet<VarId>,
    /// Every outer adjoint read, and those read at elements other iterations may touch.
    read: HashSet<VarId>,
    shared_read: HashSet<VarId>,
}

impl Access {
    /// Collects accesses; `false` if an outer adjoint is assigned (not just added to).
    fn block(&mut self, block: &AdjBlock, within: &impl Fn(VarId) -> bool) -> bool {
        block.stmts.iter().all(|stmt| self.stmt(stmt, within))
    }

    fn stmt(&mut self, stmt: &AdjStmt, within: &impl Fn(VarId) -> bool) -> bool {
        match stmt {
            AdjStmt::Init { expr, .. } | AdjStmt::Discard(expr) => {
                self.expr(expr, within);
                true
            }
            AdjStmt::Set { var, expr } => {
                self.expr(expr, within);
                within(*var)
            }
            AdjStmt::Zero { var } => within(*var),
            AdjStmt::Add { target, expr } | AdjStmt::AddEach { target, expr } => {
                self.expr(expr, within);
                self.write(target, within);
                true
            }
            AdjStmt::Pullback { seed, .. } => {
                self.expr(seed, within);
                true
            }
            AdjStmt::If { then_block, else_block, .. } => {
                self.block(then_block, within) && self.block(else_block, within)
            }
            AdjStmt::Loop { body, .. } => self.block(body, within),
        }
    }

    /// Whether a target is an element that only this iteration touches: indexed by the loop
    /// variable itself.
    fn private(&self, target: &Target) -> bool {
        let Some(index) = self.index else { return false };
        target.steps.iter().any(|s| matches!(s, TargetStep::Index(Operand::Var(v)) if *v == index))
    }

    fn write(&mut self, target: &Target, within: &impl Fn(VarId) -> bool) {
        if !within(target.base) {
            self.written.insert(target.base);
            if !self.private(target) {
                self.shared_written.insert(target.base);
            }
        }
    }

    fn read(&mut self, target: &Target, within: &impl Fn(VarId) -> bool) {
        if !within(target.base) {
            self.read.insert(target.base);
            if !self.private(target) {
                self.shared_read.insert(target.base);
            }
        }
    }

    fn expr(&mut self, expr: &AExpr, within: &impl Fn(VarId) -> bool) {
        match expr {
            AExpr::Adj(v) => self.read(&Target { base: *v, steps: Vec::new(), scalar: true }, within),
            AExpr::Elem(t) => self.read(t, within),
            AExpr::TakeElem(t) | AExpr::PopElem(t) => {
                self.read(t, within);
                self.write(t, within);
            }
            AExpr::Field(e, _) | AExpr::Neg(e) | AExpr::Ref(e) => self.expr(e, within),
            AExpr::Bin(_, a, b) => {
                self.expr(a, within);
                self.expr(b, within);
            }
            AExpr::Apply(_, args) | AExpr::Rule(_, args) | AExpr::Private(_, args) | AExpr::Tuple(args) => {
                args.iter().for_each(|a| self.expr(a, within))
            }
            AExpr::Primal(_) | AExpr::Const(_) | AExpr::Seed | AExpr::Grad { .. } | AExpr::Internal(_) => {}
        }
    }
}

/// Whether the reverse of `body`, or of any block nested in it, pops recorded values (which
/// must then come off their tapes in reverse order).
pub fn records_anything(body: &AdjBlock, records: &impl Fn(BlockId) -> bool) -> bool {
    records(body.block)
        || body.stmts.iter().any(|stmt| match stmt {
            AdjStmt::If { then_block, else_block, .. } => {
                records_anything(then_block, records) || records_anything(else_block, records)
            }
            AdjStmt::Loop { body, .. } => records_anything(body, records),
            _ => false,
        })
}

/// Whether block `inner` is `outer` or nested in it, given each block's parent.
pub fn nested_in(parent: &[Option<BlockId>], inner: BlockId, outer: BlockId) -> bool {
    let mut block = Some(inner);
    while let Some(b) = block {
        if b == outer {
            return true;
        }
        block = parent[b];
    }
    false
}
