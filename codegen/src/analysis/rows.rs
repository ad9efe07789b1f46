//! Bounds checks hoisted out of forward loops, indices counted on a counter included.
//!
//! The forward sweep of GradBench's `gmm` runs the triangle
//!
//! ```text
//! for row in lo..hi {
//!     let __t19 = lidx;
//!     qx[row] += p.l[c][__t19] * xc[col];
//!     lidx += 1;
//! }
//! ```
//!
//! with two bounds checks an iteration, which keep LLVM from vectorising it. Both indices
//! advance by one an iteration from where they start: `row` from `lo`, `__t19` from the value
//! `lidx` has when the loop starts. So the loop as written panics unless `hi <= qx.len()` and
//! `lidx + (hi - lo) <= p.l[c].len()`; checking that once, with a slice of each before the loop,
//! and indexing the slices from 0 changes nothing but where an impossible panic would happen:
//!
//! ```text
//! if lo < hi {
//!     let __row4_0 = &mut qx[..hi];
//!     let __row4_1 = &p.l[c][lidx..][..hi - lo];
//!     for row in lo..hi { … __row4_0[row] += __row4_1[row - lo] * …; lidx += 1; }
//! }
//! ```
//!
//! The loop must run to its end (a plain range or its `.rev()`, no `break` or `return`). A
//! *row* is a path of fields and indices that keep their values while the loop runs (`p.l[c]`,
//! `qx`), indexed in the loop by the loop's index; by the index plus a value fixed while the
//! loop runs (`a[i * m + j]`, found as `analysis::views` finds them: the slice is
//! `[i * m..][..hi]`); or by a copy of a *counter*, a variable of the enclosing code that the
//! body copies and then increments by one, at its top level, and mentions nowhere else. A path
//! gets a row only if every place of it in the loop indexes it the same way, one of them at
//! the top of the body (so the first iteration evaluates it; the guard keeps an empty loop from
//! slicing at all); if nothing in the loop moves, pushes to, passes on or records its variable;
//! and if no other place of the variable that the loop reads or writes may overlap it where
//! either is written — so the borrow conflicts with nothing. Views of reverse loops are
//! `analysis::views`; this is the forward sweep's counterpart, on the IR instead of the
//! adjoint program, and both take their offsets from `views::offsets`.

use super::Facts;
use super::record::Availability;
use super::views::{LoopIndex, Offset};
use crate::ir::{
    Arg, Block, Build, Cond, Kind, Loop, LoopHead, Operand, Place, RangeLoop, Step, StmtKind, Value, VarId,
};
use std::collections::HashMap;

/// The rows of every forward loop that has some.
#[derive(Default)]
pub struct Rows {
    pub loops: HashMap<usize, Vec<Row>>,
}

/// `let __row{loop}_{k} = &[mut] base.steps…[<slice>];`, indexed by `by`.
#[derive(Clone)]
pub struct Row {
    pub base: VarId,
    /// Fields and indices (no other step).
    pub steps: Vec<Step>,
    pub by: RowIndex,
    /// Written in the loop: a `&mut` slice.
    pub write: bool,
}

/// What indexes a row in the loop.
#[derive(Clone)]
pub enum RowIndex {
    /// The loop's index: the slice is `[..hi]`, indexed as written.
    Index(VarId),
    /// `temp`, the loop's index plus a value fixed while the loop runs (`i * m + j`,
    /// `base + j`): the slice is `[offset..][..hi]`, indexed by the loop's index.
    Offset { temp: VarId, offset: Offset, index: VarId },
    /// `copy`, a copy of `counter` taken before `counter += 1`: the slice is
    /// `[counter..][..hi - lo]`, indexed by `index - lo`.
    Counter { copy: VarId, counter: VarId, index: VarId },
}

impl Row {
    /// The variable that indexes the row in the loop's places.
    fn by_var(&self) -> VarId {
        match self.by {
            RowIndex::Index(v) | RowIndex::Offset { temp: v, .. } | RowIndex::Counter { copy: v, .. } => v,
        }
    }

    /// Whether `place` is this row indexed by its index (same variable, fields, index operands),
    /// perhaps followed by more steps.
    pub fn indexes(&self, place: &Place) -> bool {
        let by = self.by_var();
        place.base == self.base
            && place.steps.len() > self.steps.len()
            && self.steps.iter().zip(&place.steps).all(|(a, b)| same_step(a, b))
            && matches!(&place.steps[self.steps.len()], Step::Index(Operand::Var(v)) if *v == by)
    }
}

/// The rows of every loop of the function, for a sweep that records `avail.record`.
pub fn plan(facts: &Facts, avail: &Availability) -> Rows {
    let mut rows = Rows::default();
    plan_block(facts, avail, &facts.f.body, &mut rows);
    rows
}

/// Inner loops first: a variable an inner loop has a row of gets none in the loops around it
/// (the inner row borrows it anew in every iteration of theirs).
fn plan_block(facts: &Facts, avail: &Availability, block: &Block, rows: &mut Rows) -> Vec<VarId> {
    let mut inner_bases = Vec::new();
    for stmt in &block.stmts {
        match &stmt.kind {
            StmtKind::If(i) => {
                inner_bases.extend(plan_block(facts, avail, &i.then_block, rows));
                inner_bases.extend(plan_block(facts, avail, &i.else_block, rows));
            }
            StmtKind::Loop(l) => {
                let taken = plan_block(facts, avail, &l.body, rows);
                if let LoopHead::Range(range) = &l.head
                    && let Some(found) = plan_loop(facts, avail, l, range, &taken)
                {
                    inner_bases.extend(found.iter().map(|r| r.base));
                    rows.loops.insert(l.id, found);
                }
                inner_bases.extend(taken);
            }
            _ => {}
        }
    }
    inner_bases
}

fn plan_loop(facts: &Facts, avail: &Availability, l: &Loop, range: &RangeLoop, taken: &[VarId]) -> Option<Vec<Row>> {
    let index = range.index?;
    // A slice up to `hi` is what the loop indexes only if it runs to the end: a plain range
    // (or its `.rev()`; not `.step_by(k)`, whose last index may fall short of `hi - 1`) that
    // no `break` or `return` cuts short.
    if !l.replayable() {
        return None;
    }
    let at = LoopIndex { facts, l, index };
    let invariant = |o: &Operand| at.fixed(o) || matches!(o, Operand::Const(c) if c.int.is_some());
    let mut mentions = Mentions::default();
    mentions.block(&l.body, true);
    let recorded = |v: VarId| mentions.blocks.iter().any(|&b| avail.record.get(b).is_some_and(|r| r.contains(&v)));
    let counters: HashMap<VarId, VarId> =
        counters_in(&at, &mentions).into_iter().map(|(copy, c)| (copy, c.counter)).collect();
    let mut rows = Vec::new();
    for (&base, uses) in &mentions.places {
        let busy = mentions.other.contains_key(&base) || taken.contains(&base) || recorded(base);
        if busy || at.within_loop(base) || facts.kinds[base].is_scalar() {
            continue;
        }
        for row in rows_of(base, facts.kinds[base], uses, &at, &counters, &invariant) {
            rows.push(row);
        }
    }
    // One order whatever the map's: the rows are numbered in the printed code.
    rows.sort_by(|a, b| a.base.cmp(&b.base).then_with(|| a.steps.len().cmp(&b.steps.len())));
    (!rows.is_empty()).then_some(rows)
}

/// The rows of `base`: each path of its places indexed the same way in the loop, one of them at
/// the top of the body, that no other place of it written in the loop may overlap (shared
/// reads beside a shared row are fine).
fn rows_of(
    base: VarId,
    kind: Kind,
    uses: &[PlaceUse],
    at: &LoopIndex,
    counters: &HashMap<VarId, VarId>,
    invariant: &impl Fn(&Operand) -> bool,
) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for u in uses {
        let Some(mut row) = row_of_place(base, &u.place, at, counters, invariant) else { continue };
        // A variable itself is sliced only if it is known to be a `Vec`, array or slice (a
        // reference to an `ndarray` array is not); a field or element is sliced through
        // `Viewer`, which picks the slice by its type, as `analysis::views` does.
        if row.steps.is_empty() && !matches!(kind, Kind::Buffer(_)) {
            continue;
        }
        if rows.iter().any(|r| same_path(r, &row)) {
            continue;
        }
        let (mine, others): (Vec<&PlaceUse>, Vec<&PlaceUse>) = uses.iter().partition(|u| row.indexes(&u.place));
        row.write = mine.iter().any(|u| u.write);
        let anchored = mine.iter().any(|u| u.top);
        let conflict = others.iter().any(|u| overlaps(&row.steps, &u.place.steps) && (row.write || u.write));
        let crossing = rows.iter().any(|r| overlaps(&r.steps, &row.steps) && (r.write || row.write));
        if anchored && !conflict && !crossing {
            rows.push(row);
        }
    }
    rows
}

/// The row a place is, if its first index that moves is the loop's index, the index plus a
/// fixed offset, or a counter's copy.
fn row_of_place(
    base: VarId,
    place: &Place,
    at: &LoopIndex,
    counters: &HashMap<VarId, VarId>,
    invariant: &impl Fn(&Operand) -> bool,
) -> Option<Row> {
    let moving = place.steps.iter().position(|s| match s {
        Step::Field(_) => false,
        Step::Index(o) => !invariant(o),
        _ => true,
    })?;
    let index = at.index;
    let by = match &place.steps[moving] {
        Step::Index(Operand::Var(v)) if *v == index => RowIndex::Index(index),
        Step::Index(Operand::Var(v)) => match counters.get(v) {
            Some(&counter) => RowIndex::Counter { copy: *v, counter, index },
            None => match at.offset_of(&Operand::Var(*v))? {
                Some(offset) => RowIndex::Offset { temp: *v, offset, index },
                None => RowIndex::Index(index),
            },
        },
        _ => return None,
    };
    Some(Row { base, steps: place.steps[..moving].to_vec(), by, write: false })
}

/// Whether two rows of one variable are the same path indexed by the same variable.
fn same_path(a: &Row, b: &Row) -> bool {
    a.steps.len() == b.steps.len()
        && a.steps.iter().zip(&b.steps).all(|(x, y)| same_step(x, y))
        && a.by_var() == b.by_var()
}

/// Whether borrowing one path may borrow part of the other: they start alike up to the shorter
/// one's end or to an index. Past an index nothing is disjoint: `v[k].w` and `v[q].b` both
/// borrow all of a `Vec` `v` (through `Index`), whatever their fields.
fn overlaps(a: &[Step], b: &[Step]) -> bool {
    for (x, y) in a.iter().zip(b) {
        match (x, y) {
            (Step::Field(x), Step::Field(y)) if x.to_string() == y.to_string() => {}
            (Step::Index(_), Step::Index(_)) => return true,
            _ => return false,
        }
    }
    true
}

/// A counter of a loop body: `let copy = counter;` at the top level (statement `copy_at`),
/// followed there by `counter += 1;` (statement `increment_at`), `counter` a mutable variable
/// of the enclosing code mentioned nowhere else in the loop. In iteration k (from 0) the copy
/// holds the counter's value where the loop starts, plus k.
pub struct Counter {
    pub counter: VarId,
    pub copy_at: usize,
    pub increment_at: usize,
}

/// The counters of a loop's body, by their copies: only on a plain range walked forwards whose
/// start keeps its value (`index - lo`, printed in the body, counts the iterations).
pub fn counters(at: &LoopIndex) -> HashMap<VarId, Counter> {
    let mut mentions = Mentions::default();
    mentions.block(&at.l.body, true);
    counters_in(at, &mentions)
}

fn counters_in(at: &LoopIndex, mentions: &Mentions) -> HashMap<VarId, Counter> {
    let (facts, body) = (at.facts, &at.l.body);
    let LoopHead::Range(range) = &at.l.head else { return HashMap::new() };
    let start_kept = at.fixed(&range.start) || matches!(&range.start, Operand::Const(c) if c.int.is_some());
    if !range.adaptors.is_empty() || !start_kept {
        return HashMap::new();
    }
    let mut out = HashMap::new();
    for (k, stmt) in body.stmts.iter().enumerate() {
        let StmtKind::Let { var: copy, value: Value::Copy(Operand::Var(counter)) } = &stmt.kind else { continue };
        let counter = *counter;
        if facts.f.vars[*copy].mutable || !facts.f.vars[counter].mutable || at.within_loop(counter) {
            continue;
        }
        let mut increments =
            body.stmts.iter().enumerate().skip(k + 1).filter(|(_, s)| increments(facts, &s.kind, counter));
        let (Some((increment_at, _)), None) = (increments.next(), increments.next()) else { continue };
        // Its mentions: the copy and the increment, nothing else.
        if mentions.other.get(&counter) == Some(&2) && !mentions.places.contains_key(&counter) {
            out.insert(*copy, Counter { counter, copy_at: k, increment_at });
        }
    }
    out
}

/// Whether a statement is `counter += 1;` (kept as written, as integer code is).
fn increments(facts: &Facts, stmt: &StmtKind, counter: VarId) -> bool {
    match stmt {
        StmtKind::Update { var, subtract: false, value: Operand::Const(one) } => *var == counter && one.int == Some(1),
        StmtKind::Inactive(kept) => {
            let Ok(syn::Expr::Binary(e)) = syn::parse2::<syn::Expr>(kept.tokens.clone()) else { return false };
            let named = matches!(&*e.left, syn::Expr::Path(p) if p.path.is_ident(&facts.f.vars[counter].name));
            let one = matches!(&*e.right, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. })
                if i.base10_parse::<u64>().ok() == Some(1));
            matches!(e.op, syn::BinOp::AddAssign(_)) && named && one
        }
        _ => false,
    }
}

fn same_step(a: &Step, b: &Step) -> bool {
    match (a, b) {
        (Step::Field(x), Step::Field(y)) => x.to_string() == y.to_string(),
        (Step::Index(Operand::Var(x)), Step::Index(Operand::Var(y))) => x == y,
        (Step::Index(Operand::Const(x)), Step::Index(Operand::Const(y))) => x.int.is_some() && x.int == y.int,
        _ => false,
    }
}

/// A place of a variable read or stored to in the loop.
struct PlaceUse {
    place: Place,
    write: bool,
    /// In a statement at the top of the loop's body.
    top: bool,
}

/// Every mention of every variable in a loop: `places` the reads and stores of a place of it,
/// `other` how many times it is mentioned any other way (moved, assigned, pushed to, passed to
/// a method, named by kept code); `blocks` every block inside the loop.
#[derive(Default)]
struct Mentions {
    places: HashMap<VarId, Vec<PlaceUse>>,
    other: HashMap<VarId, usize>,
    blocks: Vec<usize>,
}

impl Mentions {
    fn block(&mut self, block: &Block, top: bool) {
        self.blocks.push(block.id);
        for stmt in &block.stmts {
            match &stmt.kind {
                StmtKind::Let { var, value } => {
                    self.var(*var);
                    self.value(value, top);
                }
                StmtKind::Declare { var } | StmtKind::SetFlag(var) => self.var(*var),
                StmtKind::Assign { var, value } | StmtKind::Update { var, value, .. } => {
                    self.var(*var);
                    self.operand(value);
                }
                StmtKind::Store { place, value, .. } => {
                    self.place(place, true, top);
                    self.operand(value);
                }
                StmtKind::Push { place, value } => {
                    self.var(place.base);
                    self.indices(place);
                    self.operand(value);
                }
                StmtKind::If(i) => {
                    match &i.cond {
                        Cond::Expr(cond) => self.kept(cond),
                        Cond::NotFlag(flag) => self.var(*flag),
                    }
                    self.block(&i.then_block, false);
                    self.block(&i.else_block, false);
                }
                StmtKind::Loop(inner) => {
                    match &inner.head {
                        LoopHead::Range(r) => {
                            self.operand(&r.start);
                            self.operand(&r.end);
                        }
                        LoopHead::While(cond) => self.kept(cond),
                        LoopHead::Forever => {}
                    }
                    self.block(&inner.body, false);
                }
                StmtKind::Return(o) => self.operand(o),
                StmtKind::Inactive(kept) => self.kept(kept),
                StmtKind::Break | StmtKind::Continue => {}
            }
        }
    }

    fn value(&mut self, value: &Value, top: bool) {
        match value {
            Value::Op(_, args) => args.iter().for_each(|o| self.operand(o)),
            Value::Copy(o) | Value::Cast(o, _) => self.operand(o),
            Value::Read(place) => self.place(place, false, top),
            Value::Call(call) => {
                for arg in &call.args {
                    match arg {
                        Arg::Value(o) => self.operand(o),
                        Arg::Ref(place) | Arg::Receiver(place) => {
                            self.var(place.base);
                            self.indices(place);
                        }
                    }
                }
            }
            Value::Build(build) => match build {
                Build::VecRepeat { elem, len } => {
                    self.operand(elem);
                    self.operand(len);
                }
                Build::ArrayRepeat { elem, .. } | Build::Some(elem) => self.operand(elem),
                Build::VecList(items) | Build::ArrayList(items) | Build::Tuple(items) => {
                    items.iter().for_each(|o| self.operand(o))
                }
                Build::Struct { fields, .. } => fields.iter().for_each(|(_, o)| self.operand(o)),
                Build::Clone(place, _) | Build::Sum(place) => {
                    self.var(place.base);
                    self.indices(place);
                }
            },
            // A borrow that lives on in a variable would conflict with the row's.
            Value::Alias(place) => {
                self.var(place.base);
                self.indices(place);
            }
            Value::Inactive(kept) | Value::Unsupported(kept, _) => self.kept(kept),
        }
    }

    fn kept(&mut self, kept: &crate::ir::Inactive) {
        kept.uses.iter().for_each(|&v| self.var(v));
    }

    fn place(&mut self, place: &Place, write: bool, top: bool) {
        self.indices(place);
        self.places.entry(place.base).or_default().push(PlaceUse { place: place.clone(), write, top });
    }

    fn operand(&mut self, o: &Operand) {
        if let Operand::Var(v) = o {
            self.var(*v);
        }
    }

    fn var(&mut self, v: VarId) {
        *self.other.entry(v).or_default() += 1;
    }

    fn indices(&mut self, place: &Place) {
        for o in crate::lower::place_indices(place) {
            self.operand(o);
        }
    }
}
