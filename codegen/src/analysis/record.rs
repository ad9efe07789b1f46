//! What the reverse sweep needs from the forward sweep, and how it gets it.
//!
//! Every primal value the adjoint code reads must exist where that code runs:
//! * values of the function body stay in scope (the pullback closure captures them);
//! * the index of a `for` loop over a range is produced again by walking the range backwards;
//! * cheap pure values (an index computation, a read of a collection that does not change
//!   afterwards) are computed again at the start of their block's reverse;
//! * a scratch buffer that one loop fills with values computed from what does not change
//!   (`for j in 0..n { xc[j] = x[i * n + j] - mu[j]; }` over `let mut xc = vec![0.0; n]`) is
//!   filled again at the start of its block's reverse, so reads of it are repeated too;
//! * everything else is *recorded*: a loop body pushes its values onto the loop's tape at
//!   the end of each iteration, an `if` arm hands them back in its record.
//!
//! So a loop that only reads its inputs (a dot product, a matrix-vector product) records
//! nothing and allocates nothing.

use super::Facts;
use super::calls::Sweep;
use super::scopes::Scopes;
use crate::adjoint::{AdjBlock, AdjStmt};
use crate::ir::{Arg, BlockId, Call, Function, Loop, LoopHead, Op, Operand, StmtKind, Value, VarId};
use quote::ToTokens;
use std::collections::{HashMap, HashSet};

mod replay;
pub use replay::Replay;

/// How the reverse sweep obtains the values it needs.
#[derive(Default)]
pub struct Availability {
    /// Per block: values recorded at the end of the block, bound where its reverse starts.
    pub record: Vec<Vec<VarId>>,
    /// Per block: values computed again and buffers filled again where its reverse starts,
    /// in forward order.
    pub recompute: Vec<Vec<Redo>>,
    /// `if` statements with a reverse sweep (the others need no record).
    pub reverse_ifs: HashSet<usize>,
    /// Loops with a reverse sweep.
    pub reverse_loops: HashSet<usize>,
    /// Active calls that the reverse sweep evaluates again (see `analysis::calls`).
    pub recomputed_calls: HashSet<usize>,
    /// Every primal value the reverse sweep reads, however it gets it.
    pub needed: HashSet<VarId>,
    /// Loops whose reverse may walk the iterations upwards (see `analysis::order`).
    pub free_order_loops: HashSet<usize>,
    /// `if` statements whose reverse evaluates the condition again instead of recording which
    /// arm ran (a pure condition on values the reverse sweep has anyway, such as `v > 0.0`).
    pub recomputed_conditions: HashSet<usize>,
    /// Loops whose reverse computes a recurrence again instead of recording it (see
    /// [`replay`]), walking upwards (they are in `free_order_loops` too).
    pub replays: HashMap<usize, Replay>,
}

/// Work the reverse sweep repeats from the forward sweep.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Redo {
    /// A value, computed again from its definition.
    Value(VarId),
    /// A loop (by id) that fills a scratch buffer, run again.
    Fill(usize),
}

/// A loop that overwrites every element of a scratch buffer with values computed from what
/// does not change, and the only statement that writes the buffer.
struct Fill {
    loop_id: usize,
    /// The block holding the loop, where its reverse fills the buffer again.
    block: BlockId,
    /// Positions spanned by the loop.
    span: (usize, usize),
    /// Values from outside the loop that it reads.
    inputs: Vec<VarId>,
    /// The collections among them, read where their reads are final (they hold still while
    /// the forward sweep runs on; any other input must be a `let` that never changes).
    read_collections: Vec<VarId>,
}

/// Decides, for every value the adjoint program reads, how it is made available.
/// `into_calls`: the recursive calls whose pullbacks add into the caller's adjoints
/// (`analysis::into`), which need no argument markers.
pub fn analyse(facts: &Facts, adjoint: &AdjBlock, sweep: Sweep, into_calls: &HashSet<usize>) -> Availability {
    let (function, scopes) = (facts.f, &facts.scopes);
    let blocks = scopes.parent.len();
    let fills = find_fills(facts);
    let mut cx = Planner {
        f: function,
        facts,
        scopes,
        sweep,
        fills,
        into_calls,
        scheduled_fills: HashSet::new(),
        done: HashSet::new(),
        out: Availability {
            record: vec![Vec::new(); blocks],
            recompute: vec![Vec::new(); blocks],
            recomputed_calls: super::calls::recomputed(facts, sweep),
            ..Default::default()
        },
    };
    cx.block(adjoint);
    cx.out.needed = cx.done.clone();
    for list in &mut cx.out.record {
        list.sort_unstable();
    }
    let seq = |redo: &Redo| match redo {
        Redo::Value(v) => scopes.def_seq[*v],
        Redo::Fill(id) => scopes.loop_span.get(id).map_or(0, |span| span.0),
    };
    for list in &mut cx.out.recompute {
        list.sort_by_key(seq);
    }
    cx.out
}

struct Planner<'a> {
    f: &'a Function,
    facts: &'a Facts<'a>,
    scopes: &'a Scopes,
    sweep: Sweep,
    /// Scratch buffers filled by one replayable loop, by buffer.
    fills: HashMap<VarId, Fill>,
    into_calls: &'a HashSet<usize>,
    scheduled_fills: HashSet<usize>,
    done: HashSet<VarId>,
    out: Availability,
}

impl Planner<'_> {
    fn block(&mut self, block: &AdjBlock) {
        for &v in &block.zero_init {
            if !self.facts.kinds[v].is_scalar() {
                self.require(self.shape(v));
            }
        }
        for stmt in &block.stmts {
            self.stmt(stmt);
        }
    }

    fn stmt(&mut self, stmt: &AdjStmt) {
        let mut needed = Vec::new();
        match stmt {
            AdjStmt::Init { expr, .. } | AdjStmt::Set { expr, .. } | AdjStmt::Discard(expr) => {
                expr.primals(&mut needed)
            }
            AdjStmt::Add { target, expr } | AdjStmt::AddEach { target, expr } => {
                target.primals(&mut needed);
                expr.primals(&mut needed);
            }
            AdjStmt::Zero { var } => {
                if !self.facts.kinds[*var].is_scalar() {
                    needed.push(self.shape(*var));
                }
            }
            AdjStmt::Pullback { call, pullback, markers, seed, .. } => {
                if self.out.recomputed_calls.contains(call) {
                    if let Some(c) = self.facts.index.calls.get(call) {
                        needed.extend(call_inputs(c));
                    }
                } else if self.into_calls.contains(call) {
                    needed.push(*pullback);
                } else {
                    needed.extend([*pullback, *markers]);
                }
                seed.primals(&mut needed);
            }
            AdjStmt::If { id, record, then_block, else_block } => {
                self.out.reverse_ifs.insert(*id);
                self.block(then_block);
                self.block(else_block);
                let arms_record =
                    !self.out.record[then_block.block].is_empty() || !self.out.record[else_block.block].is_empty();
                match self.facts.index.ifs.get(id).map(|i| &i.cond) {
                    Some(crate::ir::Cond::Expr(cond)) if !arms_record && self.cheap_condition(cond) => {
                        self.out.recomputed_conditions.insert(*id);
                        needed.extend(cond.uses.iter().copied());
                    }
                    _ => needed.push(*record),
                }
            }
            AdjStmt::Loop { id, body } => {
                self.out.reverse_loops.insert(*id);
                if let Some(l) = self.facts.index.loops.get(id).copied() {
                    needed.extend(loop_needs(l));
                }
                self.block(body);
                self.plan_order(*id, body);
            }
        }
        for v in needed {
            self.require(v);
        }
    }

    /// Whether a loop's reverse may walk upwards, and then whether it computes a recurrence
    /// again instead of popping it (see `replay`).
    fn plan_order(&mut self, id: usize, body: &AdjBlock) {
        let scopes = self.scopes;
        let within = |v: VarId| super::order::nested_in(&scopes.parent, scopes.def_block[v], body.block);
        let index = self.facts.index.loops.get(&id).and_then(|l| match &l.head {
            LoopHead::Range(r) => r.index,
            _ => None,
        });
        if !super::order::independent_iterations(body, index, &within) {
            return;
        }
        self.try_replay(id, body);
        self.try_nested_replay(id, body);
        let records = |b: BlockId| !self.out.record[b].is_empty();
        if !super::order::records_anything(body, &records) {
            self.out.free_order_loops.insert(id);
        }
    }

    /// Makes `v` available to the reverse code of every block it is visible in.
    fn require(&mut self, v: VarId) {
        if !self.done.insert(v) {
            return;
        }
        let block = self.scopes.def_block[v];
        if (block == 0 && !self.borrows_a_local_of_vjp(v)) || self.is_replayed_index(v, block) {
            return;
        }
        match self.recompute_inputs(v).or_else(|| self.refilled_read(v)) {
            Some(inputs) => {
                self.out.recompute[block].push(Redo::Value(v));
                for u in inputs {
                    self.require(u);
                }
            }
            None => match self.refilled_buffer(v) {
                Some(inputs) => {
                    for u in inputs {
                        self.require(u);
                    }
                }
                None => self.out.record[block].push(v),
            },
        }
    }

    /// Whether `v` is a borrow (`let r = &v;`) of something `_vjp` owns, which the returned
    /// closure cannot hold on to: it borrows again from its own copy instead. Only a borrow
    /// whose place keeps its value to the end qualifies for that (see [`Self::stable`]); the
    /// reverse sweep never needs any other one, because reads, calls and borrowed floats go
    /// through places or copies (`lower`).
    fn borrows_a_local_of_vjp(&self, v: VarId) -> bool {
        self.sweep == Sweep::Closure
            && self.f.vars[v].alias_of.as_ref().is_some_and(|place| !super::calls::lent_by_caller(self.f, place.base))
    }

    /// What a zero gradient for `v` is shaped from: `v`, or the shape taken before `v` is moved.
    fn shape(&self, v: VarId) -> VarId {
        self.f.zero_shapes.get(&v).copied().unwrap_or(v)
    }

    /// Whether `u` holds the same value wherever the reverse sweep may read it: it is not
    /// `mut` nor moved away, and if it borrows a place, nothing changes that place after the
    /// borrow.
    fn stable(&self, u: VarId) -> bool {
        let var = &self.f.vars[u];
        !var.mutable
            && !self.scopes.moved(u)
            && var.alias_of.as_ref().is_none_or(|place| self.scopes.read_is_final(place, self.scopes.def_seq[u]))
    }

    /// For a read of a scratch buffer after the loop that fills it (in the same iteration of
    /// every enclosing loop): schedules the fill again and returns the read's inputs.
    fn refilled_read(&mut self, v: VarId) -> Option<Vec<VarId>> {
        let Value::Read(place) = self.facts.index.defs.get(&v)? else { return None };
        let fill = self.fills.get(&place.base)?;
        if !self.holds_still(fill) {
            return None;
        }
        let after = self.scopes.def_seq[v] >= fill.span.1;
        if !after || !super::order::nested_in(&self.scopes.parent, self.scopes.def_block[v], fill.block) {
            return None;
        }
        let (block, loop_id, fill_inputs) = (fill.block, fill.loop_id, fill.inputs.clone());
        let mut inputs = vec![place.base];
        inputs.extend(crate::lower::place_indices(place).filter_map(Operand::var));
        inputs.extend(self.schedule_fill(block, loop_id, fill_inputs));
        Some(inputs)
    }

    /// For a scratch buffer itself, declared in the block of the loop that fills it: made
    /// and filled again (see [`Self::made_again`]); returns what that reads.
    fn refilled_buffer(&mut self, buffer: VarId) -> Option<Vec<VarId>> {
        let fill = self.fills.get(&buffer)?;
        if !self.holds_still(fill) {
            return None;
        }
        let (block, loop_id, fill_inputs) = (fill.block, fill.loop_id, fill.inputs.clone());
        let mut inputs = self.made_again(buffer, block)?;
        inputs.extend(self.schedule_fill(block, loop_id, fill_inputs));
        Some(inputs)
    }

    /// Schedules a fill loop to run again where `block`'s reverse starts (once); returns what
    /// it reads the first time, nothing after.
    fn schedule_fill(&mut self, block: BlockId, loop_id: usize, inputs: Vec<VarId>) -> Vec<VarId> {
        if !self.scheduled_fills.insert(loop_id) {
            return Vec::new();
        }
        self.out.recompute[block].push(Redo::Fill(loop_id));
        inputs
    }

    /// Whether what a fill reads from outside its loop has the same value where the reverse
    /// sweep fills again: `let`s that never change, and collections read where their reads are
    /// final. (A `let mut c` changed later in the iteration, or carried from one iteration to
    /// the next, would be read with another value.)
    fn holds_still(&self, fill: &Fill) -> bool {
        fill.inputs.iter().all(|u| fill.read_collections.contains(u) || self.stable(*u))
    }

    /// For a scratch buffer declared in the block of the loop that fills it (`let mut t =
    /// vec![0.0; d];` inside an outer loop): creates it again where the block's reverse starts,
    /// before it is filled again, rather than recording it (the fill needs it mutable; the
    /// record would keep one buffer per iteration alive). Returns what its creation reads.
    fn made_again(&mut self, buffer: VarId, block: BlockId) -> Option<Vec<VarId>> {
        if self.scopes.def_block[buffer] != block || self.scopes.moved(buffer) {
            return None;
        }
        let defs = &self.facts.index.defs;
        // `let mut t = vec![0.0; d];` is lowered as a temporary copied into `t`.
        let mut chain = vec![buffer];
        let mut def = defs.get(&buffer)?;
        while let Value::Copy(Operand::Var(u)) = def {
            chain.push(*u);
            def = defs.get(u)?;
        }
        let inputs: Vec<VarId> = match def {
            Value::Build(crate::ir::Build::VecRepeat { elem, len }) => {
                elem.var().into_iter().chain(len.var()).collect()
            }
            Value::Build(crate::ir::Build::ArrayRepeat { elem, .. }) => elem.var().into_iter().collect(),
            // A buffer of constants is lowered as verbatim tokens.
            Value::Inactive(inactive) if repeat_len(self.f, def).is_some() => inactive.uses.clone(),
            _ => return None,
        };
        // The temporaries are the buffer's alone: nothing else reads them again.
        let temporaries_unused = chain[1..].iter().all(|u| !self.done.contains(u));
        if !inputs.iter().all(|&u| self.stable(u)) || !temporaries_unused {
            return None;
        }
        for &v in &chain {
            self.done.insert(v);
            self.out.recompute[block].push(Redo::Value(v));
        }
        Some(inputs)
    }

    /// Whether the reverse sweep can evaluate a condition again without recording anything.
    fn cheap_condition(&self, cond: &crate::ir::Inactive) -> bool {
        cond.pure && cond.uses.iter().all(|&u| self.stable(u) && self.cheaply_available(u))
    }

    /// Whether `v` is available to the reverse sweep without being recorded.
    fn cheaply_available(&self, v: VarId) -> bool {
        let block = self.scopes.def_block[v];
        if (block == 0 && !self.borrows_a_local_of_vjp(v)) || self.is_replayed_index(v, block) {
            return true;
        }
        match self.recompute_inputs(v) {
            Some(inputs) => inputs.into_iter().all(|u| self.cheaply_available(u)),
            None => false,
        }
    }

    fn is_replayed_index(&self, v: VarId, block: BlockId) -> bool {
        let Some(loop_id) = self.scopes.loop_body[block] else { return false };
        let Some(l) = self.facts.index.loops.get(&loop_id) else { return false };
        matches!(&l.head, LoopHead::Range(r) if r.index == Some(v)) && l.replayable()
    }

    /// The inputs of `v`'s definition if computing it again is cheap and gives the same value.
    fn recompute_inputs(&self, v: VarId) -> Option<Vec<VarId>> {
        let immutable = |u: &VarId| self.stable(*u);
        match self.facts.index.defs.get(&v)? {
            Value::Inactive(inactive) if inactive.pure && inactive.uses.iter().all(immutable) => {
                Some(inactive.uses.clone())
            }
            Value::Copy(Operand::Const(_)) => Some(Vec::new()),
            // One addition or multiplication, or any integer operation, costs less than a push
            // and a pop.
            Value::Op(op, args)
                if (cheap(*op) || self.facts.kinds[v] == crate::ir::Kind::Int)
                    && args.iter().filter_map(Operand::var).all(|u| immutable(&u)) =>
            {
                Some(args.iter().filter_map(Operand::var).collect())
            }
            Value::Copy(Operand::Var(u)) if immutable(u) && self.facts.kinds[*u].is_scalar() => Some(vec![*u]),
            // A copy is not read again from a value partly moved away before it (`let b =
            // t.0;` of a `Vec`, then `let a = t.1;`), which could not be recorded whole: it is
            // recorded itself. (A borrow is always taken again: a borrow of `_vjp`'s own values
            // cannot be recorded, and a field of unknown type read before counts as a move.)
            Value::Alias(place) if self.scopes.read_is_final(place, self.scopes.def_seq[v]) => self.place_inputs(place),
            Value::Read(place)
                if self.scopes.read_is_final(place, self.scopes.def_seq[v])
                    && !self.scopes.moves(place.base).iter().any(|&at| at < self.scopes.def_seq[v]) =>
            {
                self.place_inputs(place)
            }
            _ => None,
        }
    }
}

impl Planner<'_> {
    /// What reading `place` again needs: its base and its indices, which must keep their
    /// values.
    fn place_inputs(&self, place: &crate::ir::Place) -> Option<Vec<VarId>> {
        let mut inputs = vec![place.base];
        inputs.extend(crate::lower::place_indices(place).filter_map(Operand::var));
        inputs.iter().skip(1).all(|u| self.stable(*u)).then_some(inputs)
    }
}

/// The scratch buffers that one loop fills completely (see [`Fill`]).
fn find_fills(facts: &Facts) -> HashMap<VarId, Fill> {
    let (f, scopes, defs) = (facts.f, &facts.scopes, &facts.index.defs);
    let mut loops: Vec<(&usize, &&Loop)> = facts.index.loops.iter().collect();
    loops.sort_by_key(|(id, _)| **id);
    let mut fills = HashMap::new();
    for (&id, l) in loops {
        let Some(&span) = scopes.loop_span.get(&id) else { continue };
        let Some(block) = scopes.parent[l.body.id] else { continue };
        if let Some((buffer, inputs, read_collections)) = fill_of(f, scopes, defs, l) {
            let writes_elsewhere = scopes.writes(buffer).iter().any(|w| !(span.0..span.1).contains(w));
            if !writes_elsewhere && !fills.contains_key(&buffer) {
                fills.insert(buffer, Fill { loop_id: id, block, span, inputs, read_collections });
            }
        }
    }
    fills
}

/// For `for j in 0..n { …; buf[j] = value; }` over `let mut buf = vec![_; n]` (or `[_; N]`
/// with `0..N`), where every other statement computes a value from what does not change:
/// the buffer and what the loop reads from outside.
fn fill_of(
    f: &Function,
    scopes: &Scopes,
    defs: &HashMap<VarId, &Value>,
    l: &Loop,
) -> Option<(VarId, Vec<VarId>, Vec<VarId>)> {
    let mut read_collections = Vec::new();
    let LoopHead::Range(range) = &l.head else { return None };
    let index = range.index?;
    let starts_at_zero = matches!(&range.start, Operand::Const(c) if c.int == Some(0));
    if !starts_at_zero || range.inclusive || !range.adaptors.is_empty() || l.exit.is_some() {
        return None;
    }
    let mut buffer = None;
    let mut uses = Vec::new();
    for stmt in &l.body.stmts {
        match &stmt.kind {
            StmtKind::Store { place, how: crate::ir::StoreHow::Set, value } if buffer.is_none() => {
                let [crate::ir::Step::Index(Operand::Var(i))] = place.steps.as_slice() else { return None };
                if *i != index {
                    return None;
                }
                buffer = Some(place.base);
                uses.extend(value.var());
            }
            StmtKind::Let { var, value } => match value {
                Value::Op(_, args) => uses.extend(args.iter().filter_map(Operand::var)),
                Value::Copy(o) | Value::Cast(o, _) => uses.extend(o.var()),
                Value::Inactive(inactive) if inactive.pure => uses.extend(inactive.uses.iter().copied()),
                Value::Read(place) if scopes.read_is_final(place, scopes.def_seq[*var]) => {
                    uses.push(place.base);
                    read_collections.push(place.base);
                    uses.extend(crate::lower::place_indices(place).filter_map(Operand::var));
                }
                _ => return None,
            },
            _ => return None,
        }
    }
    let buffer = buffer?;
    // `let mut xc = vec![0.0; d];` is lowered as a temporary copied into `xc`.
    let mut def = defs.get(&buffer)?;
    while let Value::Copy(Operand::Var(u)) = def {
        def = defs.get(u)?;
    }
    let end_is_fixed = range.end.var().is_none_or(|v| !f.vars[v].mutable);
    let covers_all = end_is_fixed && repeat_len(f, def).is_some_and(|len| len == operand_text(f, &range.end));
    if !covers_all {
        return None;
    }
    uses.extend(range.end.var());
    uses.retain(|&u| u != index && scopes.def_block[u] != l.body.id);
    Some((buffer, uses, read_collections))
}

/// The length of `vec![v; len]` or `[v; LEN]`, as text.
fn repeat_len(f: &Function, def: &Value) -> Option<String> {
    match def {
        Value::Build(crate::ir::Build::VecRepeat { len, .. }) => Some(operand_text(f, len)),
        Value::Build(crate::ir::Build::ArrayRepeat { len, .. }) => Some(len.to_string()),
        // A buffer of constants is lowered as verbatim tokens.
        Value::Inactive(inactive) => match syn::parse2::<syn::Expr>(inactive.tokens.clone()).ok()? {
            syn::Expr::Macro(m) if m.mac.path.is_ident("vec") => {
                Some(m.mac.parse_body::<crate::lower::VecRepeat>().ok()?.len.to_token_stream().to_string())
            }
            syn::Expr::Repeat(r) => Some(r.len.to_token_stream().to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// An operand as the text it is printed as.
fn operand_text(f: &Function, o: &Operand) -> String {
    match o {
        Operand::Var(v) => f.vars[*v].name.to_string(),
        Operand::Const(c) => c.tokens.to_string(),
    }
}

/// Operations cheaper to compute again than to record.
fn cheap(op: Op) -> bool {
    crate::ops::def(op).cheap
}

/// What calling a function again needs: its arguments, their places and indices.
fn call_inputs(call: &Call) -> Vec<VarId> {
    let mut out = Vec::new();
    for arg in &call.args {
        match arg {
            Arg::Value(o) => out.extend(o.var()),
            Arg::Ref(place) | Arg::Receiver(place) => {
                out.push(place.base);
                out.extend(crate::lower::place_indices(place).filter_map(Operand::var));
            }
        }
    }
    out
}

/// What the reverse of a loop reads: its range bounds, or its iteration count.
fn loop_needs(l: &Loop) -> Vec<VarId> {
    if !l.replayable() {
        return l.count.into_iter().collect();
    }
    match &l.head {
        LoopHead::Range(r) => [&r.start, &r.end].into_iter().filter_map(Operand::var).collect(),
        _ => Vec::new(),
    }
}
