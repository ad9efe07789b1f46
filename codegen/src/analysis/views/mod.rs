//! Bounds checks hoisted out of reverse loops.
//!
//! The reverse sweep of `for j in lo..hi { s += a[base + j] * x[j]; }` reads `a[base + j]`
//! and `x[j]` again and adds into `__d_a[base + j]` and `__d_x[j]`: four bounds checks per
//! iteration, which also keep LLVM from vectorising the loop. Each of those accesses runs in
//! every iteration, so the loop as written panics unless `base + hi <= a.len()`. Checking that
//! once, by slicing a view `&a[base..][..hi]` before the loop and indexing the view by `j`,
//! changes nothing but where an impossible panic would happen, and rustc then proves every
//! index in bounds:
//!
//! ```text
//! for j in lo..hi {                          if lo < hi {
//!     let __t1 = base + j;                       let __view4_0 = &mut __d_a[base..][..hi];
//!     let __t2 = a[__t1];                        let __view4_1 = &a[base..][..hi];
//!     …                                ==>       for j in lo..hi {
//!     __d_a[__t1] += __d_t2;                         let __t2 = __view4_1[j];
//! }                                                  …
//!                                                    __view4_0[j] += __d_t2;
//!                                                }
//!                                            }
//! ```
//!
//! This module decides, from the IR and the adjoint program, which buffers of a reverse loop
//! get a view; `emit` prints them. A *path* is a variable (its value or its adjoint) followed by
//! field names (`__d_model.out.w`). A path gets a view only if *every* mention of it, or of a
//! path overlapping it, in the loop's reverse is an index of the form `base + j` (or `j`, `j +
//! base`) with the same `base`, at least one of them runs in every iteration, `base` keeps its
//! value while the loop runs, and a primal path is never written there (adjoints are). Anything
//! else — a whole-buffer use, a method call, another index, a view of an inner loop — leaves
//! the path as it is, so a view can only drop checks, never add a borrow conflict or change an
//! index. The guard `lo < hi` keeps an empty loop from slicing at all. One difference remains,
//! in release builds only: an offset that wraps around (`k - 1` at `k = 0`, brought back in
//! range by `+ j`) indexes the primal fine but makes the view panic; a debug build panics in
//! the primal. A field's type is not known, so its view is `runtime::private::Viewer`'s: a
//! sub-slice of a `Vec`, an array or whatever the field dereferences to, and for a type with its
//! own `Index<usize>` an offset that indexes it as before.

mod choose;
mod offsets;
mod scan;
#[cfg(test)]
mod tests;

use super::Facts;
use super::plans::SweepPlan;
use crate::adjoint::{AdjBlock, AdjStmt, Target, TargetStep};
use crate::coalesce::Renames;
use crate::ir::{Loop, LoopHead, Operand, Place, Step, VarId};
pub use offsets::LoopIndex;
use scan::Scan;
use std::collections::{HashMap, HashSet};

/// The views of every reverse loop that has some.
#[derive(Default)]
pub struct Views {
    pub loops: HashMap<usize, LoopViews>,
}

/// The views of one reverse loop.
pub struct LoopViews {
    pub views: Vec<View>,
    /// Values the loop's reverse no longer computes: index temporaries all of whose uses are
    /// indices of views (and what only those used).
    pub dropped: HashSet<VarId>,
}

/// One view: `let __view{loop}_{k} = &mut path[offset..][..hi];`.
pub struct View {
    pub path: Path,
    /// The index of element 0 of the view (`None`: the buffer's start).
    pub offset: Option<Offset>,
    /// A `&mut` view (of an adjoint).
    pub write: bool,
}

/// A variable's value or adjoint, followed by field names and indices that keep their values
/// while the loop runs (`__d_p.l[c]`, when the place goes on with another index).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Path {
    pub adjoint: bool,
    /// The variable (for an adjoint, the one whose adjoint is printed after `coalesce`).
    pub root: VarId,
    pub steps: Vec<PathStep>,
}

/// A field name or a fixed index of a [`Path`].
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum PathStep {
    Field(String),
    Index(VarId),
}

impl Path {
    /// Whether borrowing one path may borrow part of the other: they start alike up to the
    /// shorter one's end or to an index. Past an index nothing is disjoint: `__d_v[c].w` and
    /// `__d_v[c].b` both borrow all of a `Vec` `__d_v` (through `IndexMut`).
    fn overlaps(&self, other: &Path) -> bool {
        if self.adjoint != other.adjoint || self.root != other.root {
            return false;
        }
        for pair in self.steps.iter().zip(&other.steps) {
            match pair {
                (PathStep::Field(x), PathStep::Field(y)) if x == y => {}
                (PathStep::Index(_), PathStep::Index(_)) => return true,
                _ => return false,
            }
        }
        true
    }

    /// Whether `steps` start with this path's steps, then an index: the number of steps the
    /// path stands for.
    pub fn starts<'s>(&self, steps: &[StepRef<'s>]) -> Option<usize> {
        let n = self.steps.len();
        let same = self.steps.iter().zip(steps).all(|(a, b)| match (a, b) {
            (PathStep::Field(x), StepRef::Field(y)) => *x == y.to_string(),
            (PathStep::Index(x), StepRef::Index(Operand::Var(y))) => x == y,
            _ => false,
        });
        (same && steps.len() > n && matches!(steps[n], StepRef::Index(_))).then_some(n)
    }
}

/// The path a place (or adjoint target) starts with, and the first index after it: its fields,
/// and an index for which `fixed` holds if another index follows it.
pub fn split_place<'s>(
    adjoint: bool,
    root: VarId,
    steps: impl Iterator<Item = StepRef<'s>>,
    fixed: &impl Fn(&Operand) -> bool,
) -> (Path, Option<StepRef<'s>>) {
    let steps: Vec<StepRef<'s>> = steps.collect();
    let mut path = Vec::new();
    for (k, step) in steps.iter().enumerate() {
        match step {
            StepRef::Field(name) => path.push(PathStep::Field(name.to_string())),
            StepRef::Index(Operand::Var(v))
                if fixed(&Operand::Var(*v)) && steps[k + 1..].iter().any(|s| matches!(s, StepRef::Index(_))) =>
            {
                path.push(PathStep::Index(*v))
            }
            other => return (Path { adjoint, root, steps: path }, Some(*other)),
        }
    }
    (Path { adjoint, root, steps: path }, None)
}

/// A step of a primal place or an adjoint target, seen alike.
#[derive(Clone, Copy)]
pub enum StepRef<'s> {
    Field(&'s proc_macro2::TokenStream),
    Index(&'s Operand),
    Other,
}

/// The steps of a primal place.
pub fn place_steps(place: &Place) -> impl Iterator<Item = StepRef<'_>> {
    place.steps.iter().map(|s| match s {
        Step::Field(f) => StepRef::Field(f),
        Step::Index(i) => StepRef::Index(i),
        Step::Slice(_) | Step::Deref | Step::Unwrap => StepRef::Other,
    })
}

/// The steps of an adjoint target.
pub fn target_steps(target: &Target) -> impl Iterator<Item = StepRef<'_>> {
    target.steps.iter().map(|s| match s {
        TargetStep::Field(f) => StepRef::Field(f),
        TargetStep::Index(i) => StepRef::Index(i),
        TargetStep::Slice(_) | TargetStep::Unwrap => StepRef::Other,
    })
}

/// The offset of a view: where its element 0 is in the buffer.
#[derive(Clone)]
pub enum Offset {
    /// A value (`base` in `let t = base + j;`).
    Operand(Operand),
    /// The left or right side of an integer expression kept as written (`i * m` of
    /// `i * m + j`), whose names are all bound before the loop.
    Written(proc_macro2::TokenStream),
    /// A counter's value where the loop starts: the index is a copy of the counter taken
    /// before `counter += 1` (`analysis::rows`), so the view is indexed by `index - lo`.
    Counter(VarId),
}

/// How a mention indexes its path.
#[derive(Clone)]
pub(super) struct Mention {
    /// `Some(offset)` for `path[offset + j]` (`None` inside for `path[j]`); `None` for any
    /// other mention.
    pub(super) indexed: Option<Option<Offset>>,
    pub(super) write: bool,
    /// Runs in every iteration of the loop (not inside a nested block).
    pub(super) unconditional: bool,
}

/// The views of every reverse loop of the adjoint program.
pub fn plan(facts: &Facts, adjoint: &AdjBlock, sweep: &SweepPlan, renames: &Renames) -> Views {
    let mut views = Views::default();
    plan_block(facts, adjoint, sweep, renames, &mut views);
    views
}

fn plan_block(facts: &Facts, block: &AdjBlock, sweep: &SweepPlan, renames: &Renames, out: &mut Views) {
    for stmt in &block.stmts {
        match stmt {
            AdjStmt::If { then_block, else_block, .. } => {
                plan_block(facts, then_block, sweep, renames, out);
                plan_block(facts, else_block, sweep, renames, out);
            }
            AdjStmt::Loop { id, body } => {
                // Inner loops first: their views are mentions of their paths for this one.
                plan_block(facts, body, sweep, renames, out);
                if let Some(l) = facts.index.loops.get(id)
                    && let Some(loop_views) = plan_loop(facts, l, body, sweep, renames, out)
                {
                    out.loops.insert(*id, loop_views);
                }
            }
            _ => {}
        }
    }
}

/// The views of loop `l`, whose reverse body is `body`.
fn plan_loop(
    facts: &Facts,
    l: &Loop,
    body: &AdjBlock,
    sweep: &SweepPlan,
    renames: &Renames,
    planned: &Views,
) -> Option<LoopViews> {
    let LoopHead::Range(range) = &l.head else { return None };
    let index = range.index?;
    if !l.replayable() {
        return None;
    }
    // A counter's copy indexes a view only where the reverse walks the loop forwards and
    // replays the copy and the increment, so the counter holds where the loop starts.
    let at = LoopIndex { facts, l, index };
    let counters = match sweep.avail.replays.get(&l.id) {
        Some(replay) if sweep.avail.free_order_loops.contains(&l.id) => super::rows::counters(&at)
            .into_iter()
            .filter(|(_, c)| replay.stmts.contains(&c.copy_at) && replay.stmts.contains(&c.increment_at))
            .map(|(copy, c)| (copy, c.counter))
            .collect(),
        _ => HashMap::new(),
    };
    let mut cx = Scan {
        facts,
        sweep,
        renames,
        l,
        index,
        planned,
        mentions: Vec::new(),
        index_uses: HashMap::new(),
        var_uses: Vec::new(),
        current_def: None,
        counters,
    };
    cx.block(body, true);
    let views = cx.choose();
    if views.is_empty() {
        return None;
    }
    let dropped = cx.dropped(&views, body);
    Some(LoopViews { views, dropped })
}
