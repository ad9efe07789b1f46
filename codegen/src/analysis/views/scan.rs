//! Collecting every mention of a path in what the reverse of a loop body prints.

use super::{Mention, Path, PathStep, StepRef, Views, place_steps, split_place, target_steps};
use crate::adjoint::{AExpr, AdjBlock, AdjStmt, Target, TargetStep};
use crate::analysis::Facts;
use crate::analysis::plans::SweepPlan;
use crate::analysis::record::Redo;
use crate::coalesce::{Renames, resolve};
use crate::ir::{Arg, Build, Loop, LoopHead, Operand, Place, Step, StmtKind, Value, VarId};
use std::collections::HashMap;

/// Walks what the reverse of a loop body prints, collecting every mention of a path.
pub(super) struct Scan<'a> {
    pub(super) facts: &'a Facts<'a>,
    pub(super) sweep: &'a SweepPlan,
    pub(super) renames: &'a Renames,
    pub(super) l: &'a Loop,
    pub(super) index: VarId,
    pub(super) planned: &'a Views,
    pub(super) mentions: Vec<(Path, Mention)>,
    /// For each variable used as the first index of a path in the offset form: those paths.
    pub(super) index_uses: HashMap<VarId, Vec<Path>>,
    /// Every other use of a variable's value, with the value computed again whose definition
    /// it is in (`None`: anywhere else).
    pub(super) var_uses: Vec<(VarId, Option<VarId>)>,
    /// The value computed again being scanned.
    pub(super) current_def: Option<VarId>,
    /// Copies of counters (`analysis::rows`) the loop's reverse replays, and their counters.
    pub(super) counters: HashMap<VarId, VarId>,
}

impl Scan<'_> {
    pub(super) fn block(&mut self, block: &AdjBlock, unconditional: bool) {
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
                    let path = Path {
                        adjoint: true,
                        root: resolve(self.renames, *v),
                        steps: vec![PathStep::Field(member.to_string())],
                    };
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
            AExpr::Apply(_, args) | AExpr::Rule(_, args) | AExpr::Private(_, args) | AExpr::Tuple(args) => {
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
                Build::ArrayRepeat { elem, .. } | Build::Some(elem) => self.operand(elem),
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
        let path = Path { adjoint, root, steps: Vec::new() };
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
        let (path, _) = split_place(false, place.base, place_steps(place), &|o| self.fixed(o));
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
        let (path, _) = split_place(true, root, target_steps(target), &|o| self.fixed(o));
        self.mentions.push((path, Mention { indexed: None, write: true, unconditional: false }));
        for step in &target.steps {
            match step {
                TargetStep::Index(o) => self.operand(o),
                TargetStep::Slice(r) => r.bounds().for_each(|o| self.operand(o)),
                TargetStep::Field(_) | TargetStep::Unwrap => {}
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
        let (path, first) = split_place(adjoint, root, steps.iter().copied(), &|o| self.fixed(o));
        let indexed = match first {
            Some(StepRef::Index(o)) => self.offset_of(o),
            _ => None,
        };
        // The path's own indices and those after the first are plain uses; the first is a use
        // the view may replace.
        for (k, step) in steps.iter().enumerate() {
            if let StepRef::Index(o) = step {
                match o {
                    Operand::Var(v) if k == path.steps.len() && indexed.is_some() => {
                        self.index_uses.entry(*v).or_default().push(path.clone())
                    }
                    _ => self.operand(o),
                }
            }
        }
        self.mentions.push((path, Mention { indexed, write, unconditional }));
    }
}
