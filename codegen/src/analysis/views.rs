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

use super::Facts;
use super::plans::SweepPlan;
use super::record::Redo;
use crate::adjoint::{AExpr, AdjBlock, AdjStmt, Target, TargetStep};
use crate::coalesce::{Renames, resolve};
use crate::ir::{Arg, Build, Kind, Loop, LoopHead, Op, Operand, Place, Step, StmtKind, Value, VarId};
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

/// A variable's value or adjoint, followed by field names.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Path {
    pub adjoint: bool,
    /// The variable (for an adjoint, the one whose adjoint is printed after `coalesce`).
    pub root: VarId,
    /// Field names.
    pub fields: Vec<String>,
}

impl Path {
    /// Whether one path is a prefix of the other: borrowing one borrows (part of) the other.
    fn overlaps(&self, other: &Path) -> bool {
        let n = self.fields.len().min(other.fields.len());
        self.adjoint == other.adjoint && self.root == other.root && self.fields[..n] == other.fields[..n]
    }
}

/// The path a place (or adjoint target) starts with, and the first index after it.
pub fn split_place<'s>(
    adjoint: bool,
    root: VarId,
    steps: impl Iterator<Item = StepRef<'s>>,
) -> (Path, Option<StepRef<'s>>) {
    let mut fields = Vec::new();
    for step in steps {
        match step {
            StepRef::Field(name) => fields.push(name.to_string()),
            other => return (Path { adjoint, root, fields }, Some(other)),
        }
    }
    (Path { adjoint, root, fields }, None)
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
        Step::Slice(_) | Step::Deref => StepRef::Other,
    })
}

/// The steps of an adjoint target.
pub fn target_steps(target: &Target) -> impl Iterator<Item = StepRef<'_>> {
    target.steps.iter().map(|s| match s {
        TargetStep::Field(f) => StepRef::Field(f),
        TargetStep::Index(i) => StepRef::Index(i),
        TargetStep::Slice(_) => StepRef::Other,
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
}

/// How a mention indexes its path.
#[derive(Clone)]
struct Mention {
    /// `Some(offset)` for `path[offset + j]` (`None` inside for `path[j]`); `None` for any
    /// other mention.
    indexed: Option<Option<Offset>>,
    write: bool,
    /// Runs in every iteration of the loop (not inside a nested block).
    unconditional: bool,
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
    };
    cx.block(body, true);
    let views = cx.choose();
    if views.is_empty() {
        return None;
    }
    let dropped = cx.dropped(&views, body);
    Some(LoopViews { views, dropped })
}

/// Walks what the reverse of a loop body prints, collecting every mention of a path.
struct Scan<'a> {
    facts: &'a Facts<'a>,
    sweep: &'a SweepPlan,
    renames: &'a Renames,
    l: &'a Loop,
    index: VarId,
    planned: &'a Views,
    mentions: Vec<(Path, Mention)>,
    /// For each variable used as the first index of a path in the offset form: those paths.
    index_uses: HashMap<VarId, Vec<Path>>,
    /// Every other use of a variable's value, with the value computed again whose definition
    /// it is in (`None`: anywhere else).
    var_uses: Vec<(VarId, Option<VarId>)>,
    /// The value computed again being scanned.
    current_def: Option<VarId>,
}

impl Scan<'_> {
    fn block(&mut self, block: &AdjBlock, unconditional: bool) {
        if let Some(redo) = self.sweep.avail.recompute.get(block.block) {
            for redo in redo {
                match redo {
                    Redo::Value(v) => {
                        if let Some(value) = self.facts.index.defs.get(v) {
                            self.current_def = Some(*v);
                            self.value(value, unconditional);
                            self.current_def = None;
                        }
                    }
                    Redo::Fill(id) => {
                        if let Some(fill) = self.facts.index.loops.get(id) {
                            self.forward_block(&fill.body);
                        }
                    }
                }
            }
        }
        for &v in &block.zero_init {
            self.declare_adjoint(v);
        }
        for stmt in &block.stmts {
            self.stmt(stmt, unconditional);
        }
    }

    fn stmt(&mut self, stmt: &AdjStmt, unconditional: bool) {
        match stmt {
            AdjStmt::Init { var, expr } | AdjStmt::Set { var, expr } => {
                self.whole(true, *var, true);
                self.expr(expr, unconditional);
            }
            AdjStmt::Add { target, expr } => {
                self.target(target, true, unconditional);
                self.expr(expr, unconditional);
            }
            AdjStmt::AddEach { target, expr } => {
                self.target_whole(target);
                self.expr(expr, unconditional);
            }
            AdjStmt::Zero { var } => self.declare_adjoint(*var),
            AdjStmt::Discard(expr) => self.expr(expr, unconditional),
            AdjStmt::Pullback { call, pullback, markers, seed, .. } => {
                if self.sweep.avail.recomputed_calls.contains(call) {
                    if let Some(c) = self.facts.index.calls.get(call) {
                        for arg in &c.args {
                            match arg {
                                Arg::Value(o) => self.operand(o),
                                Arg::Ref(place) => self.place(place, false, unconditional),
                                // A method may take `&mut self`.
                                Arg::Receiver(place) => self.place(place, true, unconditional),
                            }
                        }
                    }
                } else {
                    self.whole(false, *pullback, false);
                    self.whole(false, *markers, false);
                }
                self.expr(seed, unconditional);
            }
            AdjStmt::If { id, record, then_block, else_block } => {
                match self.facts.index.ifs.get(id).map(|i| &i.cond) {
                    Some(crate::ir::Cond::Expr(cond)) if self.sweep.avail.recomputed_conditions.contains(id) => {
                        cond.uses.iter().for_each(|&u| self.whole(false, u, false));
                    }
                    _ => self.whole(false, *record, false),
                }
                self.block(then_block, false);
                self.block(else_block, false);
            }
            AdjStmt::Loop { id, body } => {
                if let Some(l) = self.facts.index.loops.get(id) {
                    match &l.head {
                        LoopHead::Range(r) => [&r.start, &r.end].into_iter().for_each(|o| self.operand(o)),
                        _ => l.count.iter().for_each(|&c| self.whole(false, c, false)),
                    }
                }
                // An inner loop's views borrow their paths whole.
                if let Some(inner) = self.planned.loops.get(id) {
                    for view in &inner.views {
                        self.mentions.push((
                            view.path.clone(),
                            Mention { indexed: None, write: view.write, unconditional: false },
                        ));
                    }
                }
                self.block(body, false);
            }
        }
    }

    /// `let mut __d_v = zero_like(&v)` (or `0.0`): the adjoint and, for a collection, the value.
    fn declare_adjoint(&mut self, v: VarId) {
        self.whole(true, v, true);
        if !self.facts.kinds[v].is_scalar() {
            self.whole(false, v, false);
        }
    }

    fn expr(&mut self, e: &AExpr, unconditional: bool) {
        match e {
            AExpr::Adj(v) => self.whole(true, *v, false),
            AExpr::Elem(t) => self.target(t, false, unconditional),
            AExpr::TakeElem(t) => self.target(t, true, unconditional),
            AExpr::PopElem(t) => self.target_whole(t),
            AExpr::Field(inner, member) => match &**inner {
                AExpr::Adj(v) => {
                    let path =
                        Path { adjoint: true, root: resolve(self.renames, *v), fields: vec![member.to_string()] };
                    self.mentions.push((path, Mention { indexed: None, write: false, unconditional }));
                }
                other => self.expr(other, unconditional),
            },
            AExpr::Primal(v) => self.whole(false, *v, false),
            AExpr::Neg(inner) | AExpr::Ref(inner) => self.expr(inner, unconditional),
            AExpr::Bin(_, a, b) => {
                self.expr(a, unconditional);
                self.expr(b, unconditional);
            }
            AExpr::Method(recv, _, args) => {
                self.expr(recv, unconditional);
                args.iter().for_each(|a| self.expr(a, unconditional));
            }
            AExpr::Rule(_, args) | AExpr::Private(_, args) | AExpr::Tuple(args) => {
                args.iter().for_each(|a| self.expr(a, unconditional))
            }
            AExpr::Const(_) | AExpr::Seed | AExpr::Grad { .. } | AExpr::Internal(_) => {}
        }
    }

    /// A value computed again (printed as the forward sweep prints it).
    fn value(&mut self, value: &Value, unconditional: bool) {
        match value {
            Value::Op(_, args) => args.iter().for_each(|o| self.operand(o)),
            Value::Copy(o) | Value::Cast(o, _) => self.operand(o),
            Value::Read(place) | Value::Alias(place) => self.place(place, false, unconditional),
            Value::Build(build) => match build {
                Build::VecRepeat { elem, len } => {
                    self.operand(elem);
                    self.operand(len);
                }
                Build::ArrayRepeat { elem, .. } => self.operand(elem),
                Build::VecList(items) | Build::ArrayList(items) | Build::Tuple(items) => {
                    items.iter().for_each(|o| self.operand(o))
                }
                Build::Struct { fields, .. } => fields.iter().for_each(|(_, o)| self.operand(o)),
                Build::Clone(place, _) | Build::Sum(place) => self.place_whole(place),
            },
            Value::Call(call) => {
                for arg in &call.args {
                    match arg {
                        Arg::Value(o) => self.operand(o),
                        Arg::Ref(place) | Arg::Receiver(place) => self.place_whole(place),
                    }
                }
            }
            Value::Inactive(inactive) | Value::Unsupported(inactive, _) => {
                inactive.uses.iter().for_each(|&u| self.whole(false, u, false))
            }
        }
    }

    /// A loop run again as the forward sweep ran it (a buffer refilled), inside this reverse.
    fn forward_block(&mut self, block: &crate::ir::Block) {
        for stmt in &block.stmts {
            match &stmt.kind {
                StmtKind::Let { value, .. } => self.value(value, false),
                StmtKind::Assign { var, value } | StmtKind::Update { var, value, .. } => {
                    self.whole(false, *var, true);
                    self.operand(value);
                }
                StmtKind::Store { place, value, .. } | StmtKind::Push { place, value } => {
                    self.place(place, true, false);
                    self.operand(value);
                }
                StmtKind::Return(o) => self.operand(o),
                StmtKind::Inactive(inactive) => inactive.uses.iter().for_each(|&u| self.whole(false, u, true)),
                StmtKind::Declare { var } | StmtKind::SetFlag(var) => self.whole(false, *var, true),
                StmtKind::If(i) => {
                    if let crate::ir::Cond::Expr(cond) = &i.cond {
                        cond.uses.iter().for_each(|&u| self.whole(false, u, false));
                    }
                    self.forward_block(&i.then_block);
                    self.forward_block(&i.else_block);
                }
                StmtKind::Loop(inner) => {
                    if let LoopHead::Range(r) = &inner.head {
                        [&r.start, &r.end].into_iter().for_each(|o| self.operand(o));
                    }
                    self.forward_block(&inner.body);
                }
                StmtKind::Break | StmtKind::Continue => {}
            }
        }
    }

    fn operand(&mut self, o: &Operand) {
        if let Operand::Var(v) = o {
            self.whole(false, *v, false);
        }
    }

    /// A mention of a whole variable (or adjoint).
    fn whole(&mut self, adjoint: bool, v: VarId, write: bool) {
        let root = if adjoint { resolve(self.renames, v) } else { v };
        let path = Path { adjoint, root, fields: Vec::new() };
        self.mentions.push((path, Mention { indexed: None, write, unconditional: false }));
        if !adjoint {
            self.var_uses.push((v, self.current_def));
        }
    }

    fn place(&mut self, place: &Place, write: bool, unconditional: bool) {
        self.mention(false, place.base, place_steps(place), write, unconditional);
        self.place_indices(place.steps.iter().filter_map(|s| match s {
            Step::Slice(r) => Some(r.bounds().collect::<Vec<_>>()),
            _ => None,
        }));
    }

    fn place_whole(&mut self, place: &Place) {
        let (path, _) = split_place(false, place.base, place_steps(place));
        self.mentions.push((path, Mention { indexed: None, write: false, unconditional: false }));
        for o in crate::lower::place_indices(place) {
            self.operand(o);
        }
    }

    fn target(&mut self, target: &Target, write: bool, unconditional: bool) {
        let root = resolve(self.renames, target.base);
        self.mention(true, root, target_steps(target), write, unconditional);
        self.place_indices(target.steps.iter().filter_map(|s| match s {
            TargetStep::Slice(r) => Some(r.bounds().collect::<Vec<_>>()),
            _ => None,
        }));
    }

    fn target_whole(&mut self, target: &Target) {
        let root = resolve(self.renames, target.base);
        let (path, _) = split_place(true, root, target_steps(target));
        self.mentions.push((path, Mention { indexed: None, write: true, unconditional: false }));
        for step in &target.steps {
            match step {
                TargetStep::Index(o) => self.operand(o),
                TargetStep::Slice(r) => r.bounds().for_each(|o| self.operand(o)),
                TargetStep::Field(_) => {}
            }
        }
    }

    fn place_indices<'o>(&mut self, bounds: impl Iterator<Item = Vec<&'o Operand>>) {
        for list in bounds {
            list.into_iter().for_each(|o| self.operand(o));
        }
    }

    /// A path followed by an index (or not): how it is indexed, and the index's own uses.
    fn mention<'s>(
        &mut self,
        adjoint: bool,
        root: VarId,
        steps: impl Iterator<Item = StepRef<'s>>,
        write: bool,
        unconditional: bool,
    ) {
        let steps: Vec<StepRef> = steps.collect();
        let (path, first) = split_place(adjoint, root, steps.iter().copied());
        let indexed = match first {
            Some(StepRef::Index(o)) => self.offset_of(o),
            _ => None,
        };
        // Indices after the first are plain uses; the first is a use the view may replace.
        let mut first_index = true;
        for step in &steps {
            if let StepRef::Index(o) = step {
                if first_index && indexed.is_some() {
                    if let Operand::Var(v) = o {
                        self.index_uses.entry(*v).or_default().push(path.clone());
                    }
                } else {
                    self.operand(o);
                }
                first_index = false;
            }
        }
        self.mentions.push((path, Mention { indexed, write, unconditional }));
    }

    /// For an index `j`, `offset + j` or `j + offset` (through a temporary of the body):
    /// `Some(None)`, `Some(Some(offset))`.
    fn offset_of(&self, o: &Operand) -> Option<Option<Offset>> {
        let Operand::Var(t) = o else { return None };
        if *t == self.index {
            return Some(None);
        }
        if !self.within_loop(*t) || self.facts.kinds[*t] != Kind::Int {
            return None;
        }
        let is_index = |o: &Operand| matches!(o, Operand::Var(v) if *v == self.index);
        match self.facts.index.defs.get(t)? {
            Value::Op(Op::Add, args) => match args.as_slice() {
                [a, b] if is_index(b) && self.invariant(a, 8) => Some(Some(Offset::Operand(a.clone()))),
                [a, b] if is_index(a) && self.invariant(b, 8) => Some(Some(Offset::Operand(b.clone()))),
                _ => None,
            },
            Value::Inactive(inactive) if inactive.pure => self.written_offset(inactive),
            _ => None,
        }
    }

    /// `i * m + j` kept as written (integer code is): the side of the top-level `+` that is
    /// not the loop's index, if every other name in it is bound before the loop and the index
    /// occurs once. Names in kept code are the unique names lowering gave them.
    fn written_offset(&self, inactive: &crate::ir::Inactive) -> Option<Option<Offset>> {
        let index_name = &self.facts.f.vars[self.index].name;
        let is_index = |e: &syn::Expr| matches!(e, syn::Expr::Path(p) if p.path.is_ident(index_name));
        let others = inactive.uses.iter().filter(|&&v| v != self.index);
        if !others.clone().all(|&v| self.bound_before(v)) || count_ident(&inactive.tokens, index_name) != 1 {
            return None;
        }
        let syn::Expr::Binary(sum) = syn::parse2::<syn::Expr>(inactive.tokens.clone()).ok()? else { return None };
        if !matches!(sum.op, syn::BinOp::Add(_)) {
            return None;
        }
        let side = if is_index(&sum.right) {
            &sum.left
        } else if is_index(&sum.left) {
            &sum.right
        } else {
            return None;
        };
        Some(Some(Offset::Written(quote::ToTokens::to_token_stream(side))))
    }

    /// Whether an offset keeps its value while the loop runs: a constant, an immutable
    /// variable bound outside the loop, or a value of the body computed from those by integer
    /// arithmetic, a pure constant expression or a field read (printed as its definition,
    /// `depth` levels deep at most).
    fn invariant(&self, o: &Operand, depth: usize) -> bool {
        let Operand::Var(u) = o else { return true };
        if self.facts.f.vars[*u].mutable || *u == self.index {
            return false;
        }
        if !self.within_loop(*u) {
            return true;
        }
        if depth == 0 {
            return false;
        }
        match self.facts.index.defs.get(u) {
            Some(Value::Op(Op::Add | Op::Sub | Op::Mul | Op::Div | Op::Rem, args))
                if self.facts.kinds[*u] == Kind::Int =>
            {
                args.iter().all(|a| self.invariant(a, depth - 1))
            }
            Some(Value::Copy(a)) => self.invariant(a, depth - 1),
            // Printed as written before the loop: what it names must exist there.
            Some(Value::Inactive(inactive)) if inactive.pure => inactive.uses.iter().all(|&v| self.bound_before(v)),
            Some(Value::Read(place)) if place.steps.iter().all(|s| matches!(s, Step::Field(_))) => {
                self.bound_before(place.base)
            }
            _ => false,
        }
    }

    /// Whether `v` is bound before the loop and keeps its value.
    fn bound_before(&self, v: VarId) -> bool {
        !self.facts.f.vars[v].mutable && !self.within_loop(v)
    }

    /// Whether `v` is defined inside the loop (its body, or a block within it; the loop's
    /// index is defined in its body).
    fn within_loop(&self, v: VarId) -> bool {
        let scopes = &self.facts.scopes;
        super::order::nested_in(&scopes.parent, scopes.def_block[v], self.l.body.id)
    }

    /// The paths that get a view (see the module documentation).
    fn choose(&self) -> Vec<View> {
        let mut candidates: Vec<&Path> =
            self.mentions.iter().filter(|(_, m)| m.indexed.is_some()).map(|(p, _)| p).collect();
        candidates.sort();
        candidates.dedup();
        // Adjoints first: a primal field gets a view only beside its adjoint's (below).
        candidates.sort_by_key(|p| !p.adjoint);
        let mut views: Vec<View> = Vec::new();
        for path in candidates {
            let kind = self.facts.kinds[path.root];
            if kind.is_scalar() || kind.is_constant() || self.within_loop(path.root) {
                continue;
            }
            if path.fields.is_empty() && !matches!(kind, Kind::Buffer(_)) {
                continue;
            }
            // A field's type is not known. One that carries a gradient is a `Vec`, an array or
            // a type of the user's with `Differentiable` and `Index<usize>`, which `Viewer` all
            // handles; any other (an `Rc<[f64]>` of constants, indexed through `Deref`) keeps
            // its indexing.
            let twin = Path { adjoint: true, root: resolve(self.renames, path.root), fields: path.fields.clone() };
            if !path.fields.is_empty() && !path.adjoint && !views.iter().any(|v| v.path == twin) {
                continue;
            }
            // Every mention that borrows any part of the path must be one of its indexings.
            let overlapping: Vec<&Mention> =
                self.mentions.iter().filter(|(p, _)| p.overlaps(path)).map(|(_, m)| m).collect();
            let exact: Vec<&Mention> = self.mentions.iter().filter(|(p, _)| p == path).map(|(_, m)| m).collect();
            if exact.len() != overlapping.len() || exact.iter().any(|m| m.indexed.is_none()) {
                continue;
            }
            let Some(first) = exact.first().and_then(|m| m.indexed.clone()) else { continue };
            let same_offset = exact.iter().all(|m| same(m.indexed.as_ref(), Some(&first)));
            let anchored = exact.iter().any(|m| m.unconditional);
            let write = exact.iter().any(|m| m.write);
            // A primal buffer written in the reverse sweep (a restored element) keeps its own
            // indexing: a `&mut` view of it could conflict with other borrows. Adjoints are
            // always `let mut` and always get `&mut` views.
            if same_offset && anchored && (path.adjoint || !write) {
                views.push(View { path: path.clone(), offset: first, write: path.adjoint });
            }
        }
        views
    }

    /// The index temporaries the views make dead: values the reverse computes again whose
    /// every use is the index of a viewed path, or the definition of another such value (to a
    /// fixed point: `__t6 = __t5 + j` dropped, then `__t5 = o * n` too).
    fn dropped(&self, views: &[View], body: &AdjBlock) -> HashSet<VarId> {
        let viewed: HashSet<&Path> = views.iter().map(|v| &v.path).collect();
        let redone: HashSet<VarId> = self
            .sweep
            .avail
            .recompute
            .get(body.block)
            .into_iter()
            .flatten()
            .filter_map(|r| match r {
                Redo::Value(v) => Some(*v),
                Redo::Fill(_) => None,
            })
            .collect();
        let mut dropped: HashSet<VarId> = HashSet::new();
        loop {
            let more: Vec<VarId> = redone
                .iter()
                .copied()
                .filter(|t| !dropped.contains(t))
                .filter(|t| {
                    let indices = self.index_uses.get(t).map_or(&[][..], Vec::as_slice);
                    let others = self.var_uses.iter().filter(|(v, _)| v == t);
                    let used = !indices.is_empty() || self.var_uses.iter().any(|(v, _)| v == t);
                    used && indices.iter().all(|p| viewed.contains(p))
                        && others.clone().all(|(_, inside)| inside.is_some_and(|d| dropped.contains(&d)))
                })
                .collect();
            if more.is_empty() {
                return dropped;
            }
            dropped.extend(more);
        }
    }
}

/// Whether two offsets are the same: the same variable, or the same tokens.
fn same(a: Option<&Option<Offset>>, b: Option<&Option<Offset>>) -> bool {
    match (a, b) {
        (Some(None), Some(None)) => true,
        (Some(Some(Offset::Operand(Operand::Var(x)))), Some(Some(Offset::Operand(Operand::Var(y))))) => x == y,
        (Some(Some(Offset::Operand(Operand::Const(x)))), Some(Some(Offset::Operand(Operand::Const(y))))) => {
            same_tokens(&x.tokens, &y.tokens)
        }
        (Some(Some(Offset::Written(x))), Some(Some(Offset::Written(y)))) => same_tokens(x, y),
        _ => false,
    }
}

/// Whether two token streams are the same tokens (spans aside).
fn same_tokens(a: &proc_macro2::TokenStream, b: &proc_macro2::TokenStream) -> bool {
    use proc_macro2::TokenTree;
    let (a, b): (Vec<TokenTree>, Vec<TokenTree>) = (a.clone().into_iter().collect(), b.clone().into_iter().collect());
    a.len() == b.len()
        && a.iter().zip(&b).all(|pair| match pair {
            (TokenTree::Ident(x), TokenTree::Ident(y)) => x == y,
            (TokenTree::Punct(x), TokenTree::Punct(y)) => x.as_char() == y.as_char() && x.spacing() == y.spacing(),
            (TokenTree::Literal(x), TokenTree::Literal(y)) => x.to_string() == y.to_string(),
            (TokenTree::Group(x), TokenTree::Group(y)) => {
                x.delimiter() == y.delimiter() && same_tokens(&x.stream(), &y.stream())
            }
            _ => false,
        })
}

/// How many times the identifier `name` occurs in `tokens`.
fn count_ident(tokens: &proc_macro2::TokenStream, name: &proc_macro2::Ident) -> usize {
    use proc_macro2::TokenTree;
    tokens
        .clone()
        .into_iter()
        .map(|t| match t {
            TokenTree::Ident(i) => usize::from(&i == name),
            TokenTree::Group(g) => count_ident(&g.stream(), name),
            _ => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use quote::quote;

    /// The views (and field viewers) declared in the expansion of `f`, as `name=value`
    /// without spaces.
    fn views(f: proc_macro2::TokenStream) -> Vec<String> {
        let out = crate::differentiable(proc_macro2::TokenStream::new(), f).to_string();
        out.split("let ")
            .filter_map(|s| s.split(';').next())
            .map(|s| s.replace(' ', "").trim_start_matches("mut").to_owned())
            .filter(|s| {
                s.split('=').next().is_some_and(|name| name.starts_with("__view") || name.starts_with("__source"))
            })
            .collect()
    }

    #[test]
    fn rows_and_whole_buffers_read_in_every_iteration_get_views() {
        let got = views(quote! {
            fn f(a: &[f64], x: &[f64], n: usize) -> f64 {
                let m = x.len();
                let mut s = 0.0;
                for i in 0..n {
                    for j in 0..m {
                        s += a[i * m + j] * x[j];
                    }
                }
                s
            }
        });
        for want in ["=&a[i*m..][..m]", "=&mut__d_a[i*m..][..m]", "=&x[..m]"] {
            assert!(got.iter().any(|v| v.ends_with(want)), "{want} not in {got:?}");
        }
    }

    #[test]
    fn offsets_computed_in_the_body_from_invariant_fields_are_hoisted_with_their_values() {
        let got = views(quote! {
            fn f(w: &[f64], x: &[f64], dims: &Dims) -> f64 {
                let mut s = 0.0;
                for o in 0..dims.outputs {
                    for i in 0..dims.inputs {
                        s += w[o * dims.inputs + i] * x[i];
                    }
                }
                s
            }
        });
        assert!(got.iter().any(|v| v.contains("=&w[o*dims.inputs..]")), "{got:?}");
        // A pure method of a binding that cannot change (`x.len()`) keeps its value too.
        let got = views(quote! {
            fn f(w: &[f64], x: &[f64]) -> f64 {
                let mut s = 0.0;
                for o in 0..3 {
                    for i in 0..x.len() {
                        s += w[o * x.len() + i] * x[i];
                    }
                }
                s
            }
        });
        assert!(got.iter().any(|v| v.contains("=&w[o*(x.len())..]")), "{got:?}");
        // One that can (a `mut` binding) leaves the offset in the loop.
        let got = views(quote! {
            fn f(w: &[f64], x: &[f64]) -> f64 {
                let mut s = 0.0;
                let mut k = 2;
                for o in 0..3 {
                    for i in 0..x.len() {
                        s += w[o * k + i] * x[i];
                    }
                    k += 1;
                }
                s
            }
        });
        assert!(got.iter().all(|v| !v.contains("=&w[")), "{got:?}");
    }

    #[test]
    fn struct_fields_get_views_through_viewer_unless_the_struct_is_used_whole() {
        let got = views(quote! {
            fn f(m: &Model, x: &[f64]) -> f64 {
                let mut s = 0.0;
                for o in 0..m.b.len() {
                    for i in 0..m.inputs {
                        s += m.w[o * m.inputs + i] * x[i];
                    }
                    s += m.b[o];
                }
                s
            }
        });
        for want in [
            "__source0_0=::backprop::__private::Viewer::new(&mut__d_m.w)",
            "__view0_0=__source0_0.__backprop_window(o*m.inputs,..__t1)",
            "=::backprop::__private::Viewer::new(&m.w)",
            // `__d_m.b` in the outer loop is disjoint from `__d_m.w`: both get views.
            "__source1_0=::backprop::__private::Viewer::new(&mut__d_m.b)",
        ] {
            assert!(got.iter().any(|v| v.contains(want)), "{want} not in {got:?}");
        }
        let got = views(quote! {
            fn f(m: &Model, x: &[f64]) -> f64 {
                let mut s = 0.0;
                for i in 0..x.len() {
                    s += m.w[i] * x[i] + g(m);
                }
                s
            }
        });
        // `g(m)` adds into all of `__d_m`: its field keeps per-element indexing.
        assert!(got.iter().all(|v| !v.contains("&mut__d_m.w")), "{got:?}");
    }

    #[test]
    fn conditional_reads_changing_offsets_and_lower_operators_keep_their_checks() {
        let cases = [
            quote!(
                fn f(x: &[f64], n: usize) -> f64 {
                    let mut s = 0.0;
                    for j in 0..n {
                        if j < 3 {
                            s += x[j];
                        }
                    }
                    s
                }
            ),
            quote!(
                fn f(x: &[f64], n: usize) -> f64 {
                    let mut s = 0.0;
                    for j in 0..n {
                        let k = j / 2;
                        s += x[k + j];
                    }
                    s
                }
            ),
            quote!(
                fn f(x: &[f64], n: usize) -> f64 {
                    let mut k = 1;
                    let mut s = 0.0;
                    for j in 0..n {
                        s += x[k + j];
                    }
                    k += 1;
                    s
                }
            ),
            quote!(
                fn f(x: &[f64], a: usize, n: usize) -> f64 {
                    let mut s = 0.0;
                    for j in 0..n {
                        s += x[j + a - 1];
                    }
                    s
                }
            ),
            quote!(
                fn f(x: &[f64], a: usize, n: usize) -> f64 {
                    let mut s = 0.0;
                    for j in 0..n {
                        s += x[a << 1 + j];
                    }
                    s
                }
            ),
            quote!(
                fn f(x: &[f64], n: usize) -> f64 {
                    let mut s = 0.0;
                    for j in (0..n).step_by(2) {
                        s += x[j];
                    }
                    s
                }
            ),
            quote!(
                fn f(x: &[f64], n: usize) -> f64 {
                    let mut s = 0.0;
                    for j in 0..n {
                        s += x[j] * x[j + 1];
                    }
                    s
                }
            ),
        ];
        for case in cases {
            let got = views(case.clone());
            assert!(got.is_empty(), "{case}: {got:?}");
        }
    }
}
