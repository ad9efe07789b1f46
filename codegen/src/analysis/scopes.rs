//! Where each variable is defined, and which reads of a collection see its final value.

use super::kinds::Kinds;
use crate::ir::{Arg, Block, BlockId, Build, Function, Kind, Operand, Place, Step, StmtKind, Value, VarId};

/// Scoping and ordering facts about a function.
pub struct Scopes {
    /// The block that defines each variable (parameters: the body, 0).
    pub def_block: Vec<BlockId>,
    /// The enclosing block of each block (`None` for the body).
    pub parent: Vec<Option<BlockId>>,
    /// Whether each block is a loop body.
    pub loop_body: Vec<Option<usize>>,
    /// Position of each variable's definition in the function (statements numbered in order).
    pub def_seq: Vec<usize>,
    /// For each variable: positions of statements that change or move it.
    writes: Vec<Vec<usize>>,
    /// For each variable: positions of statements that move it.
    moves: Vec<Vec<usize>>,
    /// For each statement position: the positions spanned by its outermost enclosing loop.
    outer_loop: Vec<Option<(usize, usize)>>,
    /// For each loop (by id): the positions its statement and body span.
    pub loop_span: std::collections::HashMap<usize, (usize, usize)>,
    /// Whether passing each variable by value moves it (a collection or struct of its own).
    movable: Vec<bool>,
    /// Variables that are operands of arithmetic: floats, whatever their inferred kind (the
    /// operators are checked to be on floats, `analysis::floats`).
    arithmetic_operands: std::collections::HashSet<VarId>,
}

impl Scopes {
    /// Computes the facts for `function` (after `ir::number_blocks`).
    pub fn of(function: &Function, kinds: &Kinds, blocks: usize) -> Scopes {
        let n = function.vars.len();
        let mut scopes = Scopes {
            def_block: vec![0; n],
            parent: vec![None; blocks],
            loop_body: vec![None; blocks],
            def_seq: vec![0; n],
            writes: vec![Vec::new(); n],
            moves: vec![Vec::new(); n],
            outer_loop: Vec::new(),
            loop_span: Default::default(),
            arithmetic_operands: Default::default(),
            movable: (0..n)
                .map(|v| {
                    !matches!(kinds[v], Kind::Scalar | Kind::ScalarRef | Kind::Int)
                        && function.vars[v].alias_of.is_none()
                        && !function.params.iter().any(|p| p.var == v && p.borrowed)
                })
                .collect(),
        };
        crate::walk::each_stmt(&function.body, &mut |stmt| match &stmt.kind {
            StmtKind::Let { value: Value::Op(_, args), .. } => {
                scopes.arithmetic_operands.extend(args.iter().filter_map(Operand::var))
            }
            StmtKind::Update { value, .. } => scopes.arithmetic_operands.extend(value.var()),
            _ => {}
        });
        let mut seq = 0;
        let mut assigned = vec![Vec::new(); n];
        scopes.walk(function, &function.body, None, &mut seq, &mut assigned);
        let mut read_in = vec![Vec::new(); n];
        note_reads(&function.body, &mut read_in);
        scopes.define_where_assigned(function, &assigned, &read_in);
        scopes
    }

    /// A variable declared before an `if` and assigned in one arm only (`let t = match o {
    /// Some(v) => v, None => return None };`: the other arm returns early, and what follows
    /// is nested in the first) is defined by that assignment: its value exists only there, so
    /// the arm records it for the reverse sweep rather than the pullback capturing a variable
    /// that the other path leaves uninitialised.
    fn define_where_assigned(
        &mut self,
        function: &Function,
        assigned: &[Vec<(BlockId, usize)>],
        read_in: &[Vec<BlockId>],
    ) {
        for (v, sites) in assigned.iter().enumerate() {
            let Some(&(block, seq)) = sites.first() else { continue };
            let one_block = sites.iter().all(|(b, _)| *b == block);
            // Read only there (a value assigned before a `break` and read after the loop is
            // not: it stays where it is declared).
            let read_there = read_in[v].iter().all(|&r| super::order::nested_in(&self.parent, r, block));
            if one_block
                && read_there
                && block != self.def_block[v]
                && !function.vars[v].mutable
                && self.declared(function, v)
            {
                self.define(v, block, seq);
            }
        }
    }

    /// Whether `v` is introduced by a `Declare` (`let y;`, assigned later).
    fn declared(&self, function: &Function, v: VarId) -> bool {
        let mut found = false;
        crate::walk::each_stmt(&function.body, &mut |stmt| {
            found |= matches!(stmt.kind, StmtKind::Declare { var } if var == v);
        });
        found
    }

    fn walk(
        &mut self,
        function: &Function,
        block: &Block,
        outer: Option<usize>,
        seq: &mut usize,
        assigned: &mut [Vec<(BlockId, usize)>],
    ) {
        for stmt in &block.stmts {
            let here = *seq;
            *seq += 1;
            self.outer_loop.push(None);
            match &stmt.kind {
                StmtKind::Let { var, value } => {
                    self.define(*var, block.id, here);
                    self.note_moves(*var, value, here);
                    if let Value::Call(call) = value {
                        self.define(call.pullback, block.id, here);
                        self.define(call.markers, block.id, here);
                    }
                }
                StmtKind::Declare { var } => self.define(*var, block.id, here),
                StmtKind::Assign { var, value } | StmtKind::Update { var, value, .. } => {
                    self.writes[*var].push(here);
                    self.note_move(value, here);
                    assigned[*var].push((block.id, here));
                }
                StmtKind::Store { place, value, .. } | StmtKind::Push { place, value } => {
                    self.writes[place.base].push(here);
                    self.note_move(value, here);
                }
                StmtKind::Return(value) => self.note_move(value, here),
                // A statement copied verbatim (`k += 2;`, `idx.push(i);`) may change any
                // mutable variable it names.
                StmtKind::Inactive(inactive) => {
                    for &u in &inactive.uses {
                        if function.vars[u].mutable {
                            self.writes[u].push(here);
                        }
                    }
                }
                StmtKind::If(if_stmt) => {
                    self.define(if_stmt.record, block.id, here);
                    for arm in [&if_stmt.then_block, &if_stmt.else_block] {
                        self.parent[arm.id] = Some(block.id);
                        self.walk(function, arm, outer, seq, assigned);
                    }
                }
                StmtKind::Loop(loop_stmt) => {
                    if let Some(count) = loop_stmt.count {
                        self.define(count, block.id, here);
                    }
                    let body = &loop_stmt.body;
                    self.parent[body.id] = Some(block.id);
                    self.loop_body[body.id] = Some(loop_stmt.id);
                    if let crate::ir::LoopHead::Range(range) = &loop_stmt.head
                        && let Some(index) = range.index
                    {
                        self.define(index, body.id, here);
                    }
                    self.walk(function, body, outer.or(Some(here)), seq, assigned);
                    let end = *seq;
                    self.loop_span.insert(loop_stmt.id, (here, end));
                    let start = outer.unwrap_or(here);
                    if outer.is_none() {
                        for s in here..end {
                            self.outer_loop[s] = Some((start, end));
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn define(&mut self, v: VarId, block: BlockId, seq: usize) {
        self.def_block[v] = block;
        self.def_seq[v] = seq;
    }

    /// Passing a collection or struct by value moves it: it is gone in the reverse sweep.
    fn note_move(&mut self, operand: &Operand, seq: usize) {
        if let Operand::Var(v) = operand
            && self.movable[*v]
        {
            self.writes[*v].push(seq);
            self.moves[*v].push(seq);
        }
    }

    fn note_moves(&mut self, var: VarId, value: &Value, seq: usize) {
        match value {
            // `let s = t.1;` of a collection or struct moves it out of `t`: `t` is partly gone.
            // A float field is copied: one of unknown type counts as moved unless it is used
            // in arithmetic.
            Value::Read(place)
                if matches!(place.steps.last(), Some(Step::Field(_)))
                    && self.movable[var]
                    && !self.arithmetic_operands.contains(&var) =>
            {
                self.note_move(&Operand::Var(place.base), seq)
            }
            Value::Copy(o) => self.note_move(o, seq),
            Value::Call(call) => {
                for arg in &call.args {
                    if let Arg::Value(o) = arg {
                        self.note_move(o, seq);
                    }
                }
            }
            Value::Build(Build::Tuple(items) | Build::VecList(items) | Build::ArrayList(items)) => {
                for o in items {
                    self.note_move(o, seq);
                }
            }
            Value::Build(Build::Some(o)) => self.note_move(o, seq),
            Value::Build(Build::Struct { fields, .. }) => {
                for (_, o) in fields {
                    self.note_move(o, seq);
                }
            }
            _ => {}
        }
    }

    /// Whether passing `v` by value moves it (a collection or struct of its own).
    pub fn movable(&self, v: VarId) -> bool {
        self.movable[v]
    }

    /// Whether some statement moves `v` (passes it by value, binds or returns it): the
    /// reverse sweep cannot read it.
    pub fn moved(&self, v: VarId) -> bool {
        !self.moves[v].is_empty()
    }

    /// Positions of the statements that move `v`.
    pub fn moves(&self, v: VarId) -> &[usize] {
        &self.moves[v]
    }

    /// Positions of the statements that change or move `v`.
    pub fn writes(&self, v: VarId) -> &[usize] {
        &self.writes[v]
    }

    /// Whether a read of `place` by the statement at `seq` sees the value the collection
    /// still holds when its last use ends: nothing changes or moves it afterwards, not even in
    /// a later iteration of an enclosing loop. Such a read is repeated in the reverse sweep
    /// instead of being recorded.
    ///
    /// A collection defined inside a loop (`let mut qx = vec![0.0; d];` in the loop over
    /// components) is a new one in every iteration of that loop: writes in its later
    /// iterations change another collection, so only the loops inside its definition's scope
    /// count as enclosing.
    pub fn read_is_final(&self, place: &Place, seq: usize) -> bool {
        let def = self.def_seq[place.base];
        let outer = match self.outer_loop.get(seq).copied().flatten() {
            // Strictly inside: a parameter (position 0) is not defined by a first loop.
            Some((s, e)) if s < def && def < e => self.outermost_loop_after(seq, def),
            other => other,
        };
        self.writes[place.base].iter().all(|&w| w < seq && !outer.is_some_and(|(s, e)| (s..e).contains(&w)))
    }

    /// The outermost loop around position `seq` that starts after position `def`.
    fn outermost_loop_after(&self, seq: usize, def: usize) -> Option<(usize, usize)> {
        self.loop_span.values().copied().filter(|&(s, e)| s > def && (s..e).contains(&seq)).min_by_key(|&(s, _)| s)
    }
}

/// For each variable, the blocks of the statements that read it (conditions, indices and
/// verbatim code included).
fn note_reads(block: &Block, read_in: &mut [Vec<BlockId>]) {
    for stmt in &block.stmts {
        let mut reads = Vec::new();
        let operand = |o: &Operand, reads: &mut Vec<VarId>| reads.extend(o.var());
        let place = |p: &Place, reads: &mut Vec<VarId>| {
            reads.push(p.base);
            reads.extend(crate::lower::place_indices(p).filter_map(Operand::var));
        };
        match &stmt.kind {
            StmtKind::Let { value, .. } => match value {
                Value::Op(_, args) => args.iter().for_each(|a| operand(a, &mut reads)),
                Value::Copy(o) | Value::Cast(o, _) => operand(o, &mut reads),
                Value::Read(p) | Value::Alias(p) => place(p, &mut reads),
                Value::Call(call) => {
                    for arg in &call.args {
                        match arg {
                            Arg::Value(o) => operand(o, &mut reads),
                            Arg::Ref(p) | Arg::Receiver(p) => place(p, &mut reads),
                        }
                    }
                }
                Value::Build(Build::Clone(p, _) | Build::Sum(p)) => place(p, &mut reads),
                Value::Build(_) => reads.extend(crate::walk::inputs(value)),
                Value::Inactive(i) | Value::Unsupported(i, _) => reads.extend(i.uses.iter().copied()),
            },
            StmtKind::Assign { value, .. } | StmtKind::Return(value) => operand(value, &mut reads),
            StmtKind::Update { var, value, .. } => {
                reads.push(*var);
                operand(value, &mut reads);
            }
            StmtKind::Store { place: p, value, .. } | StmtKind::Push { place: p, value } => {
                place(p, &mut reads);
                operand(value, &mut reads);
            }
            StmtKind::If(if_stmt) => {
                match &if_stmt.cond {
                    crate::ir::Cond::Expr(i) => reads.extend(i.uses.iter().copied()),
                    crate::ir::Cond::NotFlag(flag) => reads.push(*flag),
                }
                note_reads(&if_stmt.then_block, read_in);
                note_reads(&if_stmt.else_block, read_in);
            }
            StmtKind::Loop(loop_stmt) => {
                match &loop_stmt.head {
                    crate::ir::LoopHead::Range(r) => {
                        operand(&r.start, &mut reads);
                        operand(&r.end, &mut reads);
                        for adaptor in &r.adaptors {
                            if let crate::ir::RangeAdaptor::StepBy(step) = adaptor {
                                operand(step, &mut reads);
                            }
                        }
                    }
                    crate::ir::LoopHead::While(i) => reads.extend(i.uses.iter().copied()),
                    crate::ir::LoopHead::Forever => {}
                }
                note_reads(&loop_stmt.body, read_in);
            }
            StmtKind::Inactive(i) => reads.extend(i.uses.iter().copied()),
            StmtKind::Declare { .. } | StmtKind::Break | StmtKind::Continue | StmtKind::SetFlag(_) => {}
        }
        for v in reads {
            read_in[v].push(block.id);
        }
    }
}
