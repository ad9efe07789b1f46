//! Replaying a loop's inactive recurrence in its reverse instead of recording it.
//!
//! A loop whose reverse may walk its iterations upwards (`analysis::order`) but that records a
//! value carried from one iteration to the next pays a push and a pop per iteration for what a
//! person would compute again. The least-squares sum of GradBench's `llsq` is the example:
//!
//! ```text
//! let mut power = 1.0;                      reverse, before:              reverse, now:
//! for j in 0..m {                           for j in (0..m).rev() {       let mut power = 1.0;
//!     residual -= x[j] * power;                 let (p,) = pop(tape);     for j in 0..m {
//!     power *= t;                               d_x[j] += -d_r * p;           let p = power;
//! }                                         }                                 power = power * t;
//!                                                                             d_x[j] += -d_r * p;
//!                                                                         }
//! ```
//!
//! The conditions: every recorded value is computed, at the top of the loop body, by cheap
//! operations from the loop index, from values that hold still while the loop runs, and from
//! *carried* variables — inactive scalars written only by top-level statements of the body,
//! whose value on entering the loop is their definition, computed again (no other loop lies
//! between the definition and this loop, and nothing writes them between the two). The
//! reverse then walks the iterations upwards, sets each carried variable to its definition
//! first (in a block of its own: the names shadow nothing outside) and runs those statements
//! at the start of each iteration. No tape; the values come out bit for bit the same.

use super::Planner;
use crate::adjoint::{AdjBlock, AdjStmt};
use crate::ir::{Kind, Loop, LoopHead, Stmt, StmtKind, Value, VarId};
use std::collections::{BTreeSet, HashMap, HashSet};

/// How the reverse of a loop computes again what its forward sweep would have recorded.
pub struct Replay {
    /// Carried variables, set to their definitions before the reverse loop.
    pub carried: Vec<VarId>,
    /// Positions in the loop body of the statements run again at the start of each reverse
    /// iteration, in order.
    pub stmts: Vec<usize>,
}

impl Planner<'_> {
    /// Replaces the record of a loop body by a replay where the recorded values allow it
    /// (see the module documentation); called once the body's reverse is planned.
    pub(super) fn try_replay(&mut self, id: usize, body: &AdjBlock) {
        let Some(l) = self.facts.index.loops.get(&id).copied() else { return };
        let recorded = &self.out.record[body.block];
        let only_own_record = {
            let records = |b: crate::ir::BlockId| b != body.block && !self.out.record[b].is_empty();
            !crate::analysis::order::records_anything(body, &records)
        };
        if recorded.is_empty() || !only_own_record || !l.replayable() || !matches!(l.head, LoopHead::Range(_)) {
            return;
        }
        let Some((replay, outside)) = self.replay_of(l, recorded.clone(), None) else { return };
        self.adopt_replay(l, body, replay, outside);
    }

    /// For a loop whose reverse may walk upwards and records nothing of its own: an inner loop
    /// (the only loop of its body) whose record is a recurrence carried across both loops —
    /// `k += 1` counting the entries of a triangle, `for col in 0..d { for row in col + 1..d {
    /// … l[k] …; k += 1; } }` — is replayed by both: this loop's reverse sets the carried
    /// variables to their definitions, the inner one's runs on from there. Both walk upwards,
    /// so the inner statements run in the forward sweep's order.
    pub(super) fn try_nested_replay(&mut self, id: usize, body: &AdjBlock) {
        let Some(outer) = self.facts.index.loops.get(&id).copied() else { return };
        let mut inner_loops = body.stmts.iter().filter_map(|s| match s {
            AdjStmt::Loop { id, body } => Some((*id, body)),
            _ => None,
        });
        let (Some((inner_id, inner_body)), None) = (inner_loops.next(), inner_loops.next()) else { return };
        let Some(inner) = self.facts.index.loops.get(&inner_id).copied() else { return };
        let recorded = self.out.record[inner_body.block].clone();
        let nothing_else = |b: crate::ir::BlockId| b != inner_body.block && !self.out.record[b].is_empty();
        if !self.out.record[body.block].is_empty()
            || recorded.is_empty()
            || crate::analysis::order::records_anything(body, &nothing_else)
            || !outer.replayable()
            || !inner.replayable()
            || !matches!((&outer.head, &inner.head), (LoopHead::Range(_), LoopHead::Range(_)))
            || !self.independent(inner, inner_body)
        {
            return;
        }
        let Some((mut replay, outside)) = self.replay_of(inner, recorded, Some(outer)) else { return };
        if replay.carried.is_empty() {
            return;
        }
        // The outer loop's reverse sets the carried variables; the inner one's runs on.
        let carried = std::mem::take(&mut replay.carried);
        self.adopt_replay(inner, inner_body, replay, outside);
        self.out.free_order_loops.insert(inner_id);
        self.out.replays.insert(id, Replay { carried, stmts: Vec::new() });
    }

    /// Whether the iterations of a loop's reverse are independent (`analysis::order`).
    fn independent(&self, l: &Loop, body: &AdjBlock) -> bool {
        let scopes = self.scopes;
        let within = |v: VarId| crate::analysis::order::nested_in(&scopes.parent, scopes.def_block[v], body.block);
        let index = match &l.head {
            LoopHead::Range(r) => r.index,
            _ => None,
        };
        crate::analysis::order::independent_iterations(body, index, &within)
    }

    /// Replaces the record of loop `l` (reverse body `body`) by `replay`, and makes what it
    /// reads from outside available.
    fn adopt_replay(&mut self, l: &Loop, body: &AdjBlock, replay: Replay, outside: Vec<VarId>) {
        let slice_vars: HashSet<VarId> = replay.stmts.iter().filter_map(|&k| let_var(&l.body.stmts[k])).collect();
        self.out.record[body.block].clear();
        self.out.recompute[body.block].retain(|r| !matches!(r, super::Redo::Value(v) if slice_vars.contains(v)));
        for v in outside {
            self.require(v);
        }
        self.out.replays.insert(l.id, replay);
    }

    /// The replay of `recorded`, and the values from outside the loop that it reads; `None`
    /// if one of them cannot be computed again this way.
    /// `through`: a loop around `l` that may lie between a carried variable's definition and
    /// `l` (its reverse sets the variable; see [`Self::try_nested_replay`]).
    fn replay_of(&self, l: &Loop, recorded: Vec<VarId>, through: Option<&Loop>) -> Option<(Replay, Vec<VarId>)> {
        let body = &l.body;
        let index = match &l.head {
            LoopHead::Range(r) => r.index,
            _ => None,
        };
        let lets: HashMap<VarId, usize> =
            body.stmts.iter().enumerate().filter_map(|(k, s)| let_var(s).map(|v| (v, k))).collect();
        let (mut stmts, mut carried, mut outside) = (BTreeSet::new(), Vec::new(), Vec::new());
        let (mut work, mut seen) = (recorded, HashSet::new());
        while let Some(v) = work.pop() {
            if !seen.insert(v) || Some(v) == index {
                continue;
            }
            let block = self.scopes.def_block[v];
            if block == body.id {
                let &k = lets.get(&v)?;
                if self.f.vars[v].mutable {
                    return None;
                }
                stmts.insert(k);
                work.extend(self.replayable_uses(v, &body.stmts[k])?);
            } else if super::super::order::nested_in(&self.scopes.parent, block, body.id) {
                return None;
            } else if self.f.vars[v].mutable {
                let writes = self.carried_writes(l, v, through)?;
                for &k in &writes {
                    work.extend(assigned_uses(&body.stmts[k]));
                }
                stmts.extend(writes);
                // Its definition is computed again where the replay starts.
                outside.extend(self.recompute_inputs(v)?);
                carried.push(v);
            } else if self.stable(v) {
                outside.push(v);
            } else {
                return None;
            }
        }
        // A carried variable the reverse reads directly would be shadowed by its replay.
        if carried.iter().any(|c| self.done.contains(c)) {
            return None;
        }
        Some((Replay { carried, stmts: stmts.into_iter().collect() }, outside))
    }

    /// What the `let` of `v` (a statement of the loop body) reads, if computing it again in
    /// the reverse sweep is cheap and gives the same value.
    fn replayable_uses(&self, v: VarId, stmt: &Stmt) -> Option<Vec<VarId>> {
        let StmtKind::Let { value, .. } = &stmt.kind else { return None };
        match value {
            Value::Copy(o) | Value::Cast(o, _) => Some(o.var().into_iter().collect()),
            // A division too: cheaper than a round trip through memory.
            Value::Op(op, args)
                if crate::ops::def(*op).cheap || *op == crate::ir::Op::Div || self.facts.kinds[v] == Kind::Int =>
            {
                Some(args.iter().filter_map(crate::ir::Operand::var).collect())
            }
            Value::Inactive(inactive) if inactive.pure => Some(inactive.uses.clone()),
            Value::Read(place) if self.scopes.read_is_final(place, self.scopes.def_seq[v]) => {
                let mut uses = vec![place.base];
                uses.extend(crate::lower::place_indices(place).filter_map(crate::ir::Operand::var));
                Some(uses)
            }
            _ => None,
        }
    }

    /// The positions in `l`'s body of the statements that write the carried variable `c`, if
    /// `c` qualifies: an inactive scalar, written only by those top-level statements while
    /// the loop runs and not between its definition and the loop, which no other loop
    /// separates from its definition.
    fn carried_writes(&self, l: &Loop, c: VarId, through: Option<&Loop>) -> Option<Vec<usize>> {
        let kind = self.facts.kinds[c];
        if self.facts.active(c) || !matches!(kind, Kind::Scalar | Kind::Int) {
            return None;
        }
        let writes: Vec<usize> =
            l.body.stmts.iter().enumerate().filter(|(_, s)| self.assigns(s, c)).map(|(k, _)| k).collect();
        // Nothing else writes it while the outermost replayed loop runs, nor before it.
        let &(start, end) = self.scopes.loop_span.get(&through.unwrap_or(l).id)?;
        let all_writes = self.scopes.writes(c);
        let inside = all_writes.iter().filter(|w| (start..end).contains(*w)).count();
        let before = all_writes.iter().any(|&w| w < start);
        if writes.is_empty() || inside != writes.len() || before {
            return None;
        }
        // The definition runs again before every run of the loop: no loop in between but
        // `through`, which must be.
        let def_block = self.scopes.def_block[c];
        let mut passed_through = through.is_none();
        let mut block = self.scopes.parent[l.body.id];
        while let Some(b) = block {
            if b == def_block {
                return passed_through.then_some(writes);
            }
            if through.is_some_and(|t| t.body.id == b) {
                passed_through = true;
            } else if self.scopes.loop_body[b].is_some() {
                return None;
            }
            block = self.scopes.parent[b];
        }
        None
    }
}

impl Planner<'_> {
    /// Whether `stmt` sets `c` and does nothing else: `c = …`, `c += …`, or the same copied
    /// verbatim (an integer's `k += 2;`) with a right-hand side of operators on names and
    /// literals.
    fn assigns(&self, stmt: &Stmt, c: VarId) -> bool {
        match &stmt.kind {
            StmtKind::Assign { var, .. } | StmtKind::Update { var, .. } => *var == c,
            StmtKind::Inactive(inactive) => match syn::parse2::<syn::Expr>(inactive.tokens.clone()) {
                Ok(syn::Expr::Assign(syn::ExprAssign { left, right, .. })) => {
                    self.is_name(&left, c) && operators_only(&right)
                }
                Ok(syn::Expr::Binary(syn::ExprBinary { left, op, right, .. })) => {
                    crate::lower::is_assignment(&op) && self.is_name(&left, c) && operators_only(&right)
                }
                _ => false,
            },
            _ => false,
        }
    }

    fn is_name(&self, e: &syn::Expr, c: VarId) -> bool {
        matches!(e, syn::Expr::Path(p) if p.qself.is_none() && p.path.is_ident(&self.f.vars[c].name))
    }
}

/// An expression of literals, names, operators and casts only: evaluating it again changes
/// nothing and gives the same value.
fn operators_only(e: &syn::Expr) -> bool {
    match e {
        syn::Expr::Lit(_) | syn::Expr::Path(_) => true,
        syn::Expr::Binary(b) => {
            !crate::lower::is_assignment(&b.op) && operators_only(&b.left) && operators_only(&b.right)
        }
        syn::Expr::Unary(u) => operators_only(&u.expr),
        syn::Expr::Paren(p) => operators_only(&p.expr),
        syn::Expr::Cast(c) => operators_only(&c.expr),
        _ => false,
    }
}

/// The variable a `let` statement defines.
fn let_var(stmt: &Stmt) -> Option<VarId> {
    match stmt.kind {
        StmtKind::Let { var, .. } => Some(var),
        _ => None,
    }
}

/// What an assignment to a carried variable reads (`c += v` reads `c` too).
fn assigned_uses(stmt: &Stmt) -> Vec<VarId> {
    match &stmt.kind {
        StmtKind::Assign { value, .. } => value.var().into_iter().collect(),
        StmtKind::Update { var, value, .. } => value.var().into_iter().chain([*var]).collect(),
        StmtKind::Inactive(inactive) => inactive.uses.clone(),
        _ => Vec::new(),
    }
}
