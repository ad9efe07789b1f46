//! Everything the analyses decide about how to print a function: the side tables the
//! emitter reads, computed once from the frozen IR and the adjoint program.

use super::Facts;
use super::calls::Sweep;
use super::floats::Guards;
use super::record::Availability;
use crate::adjoint::AdjBlock;
use crate::coalesce::Renames;
use crate::ir::VarId;
use std::collections::{HashMap, HashSet};

/// What the emitter needs for one generated function.
pub struct SweepPlan {
    /// How the reverse sweep gets the values it reads.
    pub avail: Availability,
    /// Temporaries printed at their one use in the forward sweep.
    pub folded: HashSet<VarId>,
    /// The reverse loops that index buffers through views.
    pub views: super::views::Views,
    /// The forward loops that borrow rows before they start.
    pub rows: super::rows::Rows,
}

impl SweepPlan {
    fn of(
        facts: &Facts,
        adjoint: &AdjBlock,
        sweep: Sweep,
        renames: &Renames,
        final_adjoints: &HashSet<VarId>,
        into: &super::into::IntoPlan,
    ) -> SweepPlan {
        let into_calls = into.calls.keys().copied().collect();
        let mut avail = super::record::analyse(facts, adjoint, sweep, &into_calls);
        // A differentiated parameter with no adjoint at the end returns a zero: shaped from the
        // copy taken before it was moved, if it was.
        for p in facts.f.params.iter().filter(|p| p.differentiated() && !final_adjoints.contains(&p.var)) {
            if let Some(&shape) = facts.f.zero_shapes.get(&p.var) {
                avail.needed.insert(shape);
            }
        }
        let folded = super::fold::folded(facts.f, &avail);
        let rows = super::rows::plan(facts, &avail);
        let mut plan = SweepPlan { avail, folded, views: Default::default(), rows };
        plan.views = super::views::plan(facts, adjoint, &plan, renames);
        plan
    }
}

/// What the analyses decided, for the emitter to print.
pub struct Plans {
    /// For `_vjp`, whose reverse sweep runs in the returned closure.
    pub closure: SweepPlan,
    /// For `_grad`, whose reverse sweep runs right after the forward sweep.
    pub inline: SweepPlan,
    /// Parameters whose adjoint exists when the reverse sweep ends.
    pub final_adjoints: HashSet<VarId>,
    /// Adjoints printed under another variable's name (see `coalesce`).
    pub renames: Renames,
    /// Operands checked to be floats where an operation uses them.
    pub guards: Guards,
    /// Loops whose tape lives on the stack, with its capacity.
    pub fixed_tapes: HashMap<usize, usize>,
    /// Recursive calls whose pullback adds into the caller's adjoints (`_vjp_into`).
    pub into: super::into::IntoPlan,
}

impl Plans {
    /// Plans the printing of `facts.f` with its adjoint program.
    pub fn of(facts: &Facts, adjoint: &AdjBlock, final_adjoints: HashSet<VarId>, renames: Renames) -> Plans {
        let into = super::into::plan(facts, adjoint, &final_adjoints, &renames);
        Plans {
            closure: SweepPlan::of(facts, adjoint, Sweep::Closure, &renames, &final_adjoints, &into),
            inline: SweepPlan::of(facts, adjoint, Sweep::Inline, &renames, &final_adjoints, &into),
            final_adjoints,
            renames,
            guards: super::floats::guards(facts),
            fixed_tapes: super::tapes::fixed_tapes(facts.f),
            into,
        }
    }
}
