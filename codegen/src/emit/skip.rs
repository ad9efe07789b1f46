//! Skipping the reverse of a loop that nothing flows into.
//!
//! The reverse sweep is linear in the adjoints: a loop's reverse that records nothing (no tape
//! to pop), calls no pullback and only declares adjoints of its own and adds into others is
//! a no-op when every adjoint it reads from outside is zero. That is common where a `min`,
//! `max` or `if` picks one of many values (k-means: only the closest centroid's distance loop
//! has a nonzero adjoint), so such a loop's reverse is guarded:
//!
//! ```text
//! for j in (0..k).rev() {                        for j in (0..k).rev() {
//!     let mut __d_dist = __d_t * min_dx(..);         let mut __d_dist = __d_t * min_dx(..);
//!     for l in 0..d { __d_c[j][l] += … }   ==>       if __d_dist != 0.0 { for l in 0..d { __d_c[j][l] += … } }
//! }                                              }
//! ```
//!
//! (A partial that is not finite inside a skipped loop would have given 0·∞ = NaN; skipped, it
//! gives 0: see docs/numerics.md.)

use super::Emitter;
use crate::adjoint::{AExpr, AdjBlock, AdjStmt};
use crate::ir::VarId;
use std::collections::HashSet;

impl Emitter<'_> {
    /// The scalar adjoints from outside that a loop body's reverse reads, if the reverse can be
    /// skipped when all of them are zero; `None` if it cannot.
    pub(super) fn skippable_when_zero(&self, body: &AdjBlock) -> Option<Vec<VarId>> {
        // Only a loop run many times over can be skipped often: one inside another loop. (A
        // loop at the top runs once, and what flows into it is rarely zero.)
        if !self.inside_a_loop(body.block) {
            return None;
        }
        let mut scan = Scan::new(&self.plans.renames, None);
        self.scan_block(body, &mut scan)?;
        self.scalar_incoming(scan)
    }

    /// The scalar adjoints from outside that a backwards loop body's reverse reads and
    /// carries from one iteration to the next (`__d_closest` of a running minimum), if once
    /// they are all zero every remaining iteration does nothing but pop its record: the loop
    /// then drops those records and stops.
    ///
    /// ```text
    /// for j in (0..k).rev() {                      for j in (0..k).rev() {
    ///     let (t7, t8) = pop(&mut tape1);              if __d_closest == 0.0 { drop_last(&mut tape1, j + 1); break; }
    ///     let __d_t7 = __d_closest * min_dx(t7, t8);   let (t7, t8) = pop(&mut tape1);
    ///     __d_closest = __d_t7;                        …
    /// }                                            }
    /// ```
    ///
    /// The body may record (its own tape, popped at the top) and assign outer adjoints it
    /// reads (zero in, zero out); nested blocks record nothing and no pullback is called.
    pub(super) fn stoppable_when_zero(&self, body: &AdjBlock) -> Option<Vec<VarId>> {
        if !self.inside_a_loop(body.block) {
            return None;
        }
        let mut scan = Scan::new(&self.plans.renames, Some(body.block));
        self.scan_block(body, &mut scan)?;
        // An outer adjoint assigned must be one read: then it is zero already when the loop
        // stops, as the skipped assignments would have left it.
        let assigned = std::mem::take(&mut scan.assigned);
        let incoming = self.scalar_incoming(scan)?;
        let carried = !assigned.is_empty();
        (carried && assigned.iter().all(|v| incoming.contains(v))).then_some(incoming)
    }

    fn scalar_incoming(&self, scan: Scan) -> Option<Vec<VarId>> {
        let mut incoming = scan.read;
        incoming.sort_unstable();
        incoming.dedup();
        let scalars = incoming.iter().all(|&v| self.facts.kinds[v].is_scalar());
        (scalars && !incoming.is_empty()).then_some(incoming)
    }

    /// Whether the loop whose body is `body` sits inside another loop.
    fn inside_a_loop(&self, body: crate::ir::BlockId) -> bool {
        let scopes = &self.facts.scopes;
        let mut block = scopes.parent.get(body).copied().flatten();
        while let Some(b) = block {
            if scopes.loop_body.get(b).copied().flatten().is_some() {
                return true;
            }
            block = scopes.parent.get(b).copied().flatten();
        }
        false
    }

    fn scan_block(&self, block: &AdjBlock, scan: &mut Scan) -> Option<()> {
        if !self.sweep.avail.record[block.block].is_empty() && scan.records_in != Some(block.block) {
            return None;
        }
        for &v in &block.zero_init {
            scan.declare(v);
        }
        for stmt in &block.stmts {
            match stmt {
                AdjStmt::Init { var, expr } => {
                    scan.expr(expr)?;
                    scan.declare(*var);
                }
                // Writing an adjoint from outside would be skipped too: not a no-op.
                AdjStmt::Set { var, expr } if scan.is_declared(*var) => scan.expr(expr)?,
                AdjStmt::Zero { var } if scan.is_declared(*var) => {}
                // A target added into is written, not read (its indices are primal values).
                AdjStmt::Add { expr, .. } | AdjStmt::AddEach { expr, .. } => scan.expr(expr)?,
                AdjStmt::If { then_block, else_block, .. } => {
                    self.scan_block(then_block, scan)?;
                    self.scan_block(else_block, scan)?;
                }
                AdjStmt::Loop { body, .. } => self.scan_block(body, scan)?,
                AdjStmt::Set { var, expr } if scan.records_in.is_some() => {
                    scan.expr(expr)?;
                    scan.assign(*var);
                }
                AdjStmt::Zero { var } if scan.records_in.is_some() => scan.assign(*var),
                AdjStmt::Set { .. } | AdjStmt::Zero { .. } | AdjStmt::Discard(_) | AdjStmt::Pullback { .. } => {
                    return None;
                }
            }
        }
        Some(())
    }
}

struct Scan<'a> {
    /// Adjoints that share a variable are one (see `coalesce`).
    renames: &'a crate::coalesce::Renames,
    /// Adjoints declared inside the loop body so far.
    declared: HashSet<VarId>,
    /// Adjoints read before any declaration inside: they come from outside.
    read: Vec<VarId>,
    /// For a loop that may stop (`stoppable_when_zero`): its body, whose own record is popped
    /// at the top of each iteration, and the outer adjoints it assigns.
    records_in: Option<crate::ir::BlockId>,
    assigned: Vec<VarId>,
}

impl<'a> Scan<'a> {
    fn new(renames: &'a crate::coalesce::Renames, records_in: Option<crate::ir::BlockId>) -> Scan<'a> {
        Scan { renames, declared: HashSet::new(), read: Vec::new(), records_in, assigned: Vec::new() }
    }

    /// Notes an outer adjoint assigned by the body.
    fn assign(&mut self, v: VarId) {
        let v = self.resolve(v);
        self.assigned.push(v);
    }
}

impl Scan<'_> {
    fn resolve(&self, v: VarId) -> VarId {
        crate::coalesce::resolve(self.renames, v)
    }

    fn declare(&mut self, v: VarId) {
        let v = self.resolve(v);
        self.declared.insert(v);
    }

    fn is_declared(&self, v: VarId) -> bool {
        self.declared.contains(&self.resolve(v))
    }

    fn read(&mut self, v: VarId) {
        let v = self.resolve(v);
        if !self.declared.contains(&v) {
            self.read.push(v);
        }
    }

    /// Notes the adjoints `e` reads; `None` if it reads one that is not a variable's (the
    /// seed, a callee's gradient) or takes an element out of one.
    fn expr(&mut self, e: &AExpr) -> Option<()> {
        match e {
            AExpr::Adj(v) => self.read(*v),
            AExpr::Elem(target) => self.read(target.base),
            AExpr::TakeElem(_) | AExpr::PopElem(_) | AExpr::Seed | AExpr::Grad { .. } | AExpr::Internal(_) => {
                return None;
            }
            AExpr::Field(inner, _) | AExpr::Neg(inner) | AExpr::Ref(inner) => self.expr(inner)?,
            AExpr::Bin(_, a, b) => {
                self.expr(a)?;
                self.expr(b)?;
            }
            AExpr::Apply(_, args) | AExpr::Rule(_, args) | AExpr::Private(_, args) | AExpr::Tuple(args) => {
                for a in args {
                    self.expr(a)?;
                }
            }
            AExpr::Primal(_) | AExpr::Const(_) => {}
        }
        Some(())
    }
}
