//! The reverse sweep: the adjoint of every active statement, in reverse order.
//!
//! ```text
//! forward                      reverse (adjoint of y is __d_y)
//! let t = x * x;               let mut __d_t = __d_y * x.cos();     (from y = t.sin())
//! let y = t.sin();     ==>     let mut __d_x = __d_t * x;           (from t = x * x)
//!                              __d_x += x * __d_t;
//! ```
//!
//! An adjoint is declared by its first contribution when that comes from straight-line code
//! in the block that defines the variable (no zero, no extra addition); otherwise it is
//! declared as zero where its block's reverse starts. An adjoint that has not been declared
//! yet is zero, which lets whole statements be skipped. After `x = …`, the adjoint of `x` is
//! zero for the code before; the zero is written only if something reads it.

use crate::adjoint::{AExpr, AdjBlock, AdjStmt, Target, TargetStep};
use crate::analysis::Facts;
use crate::ir::{
    Arg, Block, BlockId, Build, Function, If, Kind, Loop, Operand, Place, Step, StmtKind, StoreHow, Value, VarId,
};
use crate::ops;
use crate::private::{Item, Rule};
use std::collections::HashSet;

/// Builds the reverse sweep of the function body; also returns the parameters whose
/// adjoint exists (and is not known to be zero) when it ends.
pub fn differentiate(facts: &Facts) -> (AdjBlock, HashSet<VarId>) {
    let function = facts.f;
    let def_block = &facts.scopes.def_block;
    let array_params = function.params.iter().filter(|p| p.array).map(|p| p.var).collect();
    let mut cx = Reverser {
        f: function,
        facts,
        def_block,
        declared: HashSet::new(),
        pending_zero: HashSet::new(),
        zero_init: Vec::new(),
        array_params,
    };
    let mut final_adjoints = HashSet::new();
    let body = cx.block_with(&function.body, |cx| {
        for param in &function.params {
            if cx.declared.contains(&param.var) && !cx.pending_zero.contains(&param.var) {
                final_adjoints.insert(param.var);
            }
        }
    });
    (body, final_adjoints)
}

struct Reverser<'a> {
    f: &'a Function,
    facts: &'a Facts<'a>,
    /// The block that defines each variable.
    def_block: &'a [BlockId],
    /// Adjoints that exist at this point of the reverse code.
    declared: HashSet<VarId>,
    /// Declared adjoints that are zero here, though the variable still holds an old value.
    pending_zero: HashSet<VarId>,
    /// For each block being reversed (innermost last): adjoints to declare zero at its start.
    zero_init: Vec<(BlockId, Vec<VarId>)>,
    /// Parameters whose gradient is an array (`[T; N]`).
    array_params: HashSet<VarId>,
}

impl Reverser<'_> {
    fn block(&mut self, block: &Block) -> AdjBlock {
        self.block_with(block, |_| {})
    }

    /// Reverses a block; `at_end` sees the state when its reverse is complete.
    fn block_with(&mut self, block: &Block, at_end: impl FnOnce(&Self)) -> AdjBlock {
        self.zero_init.push((block.id, Vec::new()));
        let (mut stmts, mut spans) = (Vec::new(), Vec::new());
        for stmt in block.stmts.iter().rev() {
            self.stmt(&stmt.kind, &mut stmts);
            spans.resize(stmts.len(), stmt.span);
        }
        // Outer adjoints must hold their real value when this block's reverse ends.
        let outer: Vec<VarId> = self.pending_zero.iter().copied().filter(|v| self.def_block[*v] != block.id).collect();
        for v in outer {
            self.pending_zero.remove(&v);
            stmts.push(AdjStmt::Zero { var: v });
        }
        spans.resize(stmts.len(), proc_macro2::Span::call_site());
        at_end(self);
        let (_, zero_init) = self.zero_init.pop().unwrap_or_default();
        // Adjoints of this block's variables go out of scope with it.
        self.declared.retain(|v| self.def_block[*v] != block.id);
        self.pending_zero.retain(|v| self.def_block[*v] != block.id);
        AdjBlock { block: block.id, zero_init, stmts, spans }
    }

    fn active(&self, v: VarId) -> bool {
        self.facts.active(v)
    }

    fn current_block(&self) -> BlockId {
        self.zero_init.last().map(|(b, _)| *b).unwrap_or(0)
    }

    /// Makes sure `v`'s adjoint exists before the code being built, declaring it zero at the
    /// start of its block's reverse if needed.
    fn ensure_declared(&mut self, v: VarId) {
        if self.declared.insert(v) {
            let block = self.def_block[v];
            if let Some((_, list)) = self.zero_init.iter_mut().rev().find(|(b, _)| *b == block) {
                list.push(v);
            }
        }
    }

    /// The adjoint of `v` as it stands, or `None` when it is known to be zero.
    fn adjoint_of(&mut self, v: VarId) -> Option<AExpr> {
        let own = self.def_block[v] == self.current_block();
        if self.pending_zero.contains(&v) || (own && !self.declared.contains(&v)) {
            return None;
        }
        self.ensure_declared(v);
        Some(AExpr::Adj(v))
    }

    fn stmt(&mut self, kind: &StmtKind, out: &mut Vec<AdjStmt>) {
        match kind {
            StmtKind::Let { var, value } => {
                if let Value::Read(place) = value
                    && self.f.vars[place.base].destructured.is_some()
                {
                    // Collected where the destructured value is defined.
                    return;
                }
                if self.active(*var) && !matches!(value, Value::Alias(_)) {
                    let d = match &self.f.vars[*var].destructured {
                        Some(fields) => Some(self.assembled_adjoint(fields)),
                        None => self.adjoint_of(*var),
                    };
                    if let Some(d) = d {
                        self.value(*var, value, d, out);
                    }
                }
            }
            StmtKind::Assign { var, value } => {
                if self.active(*var)
                    && let Some(d) = self.adjoint_of(*var)
                {
                    self.contribute_operand(value, d, out);
                    // `let y; … y = v;` assigns once on each path: nothing reads the adjoint
                    // after this, so it need not be zeroed.
                    if self.f.vars[*var].mutable {
                        self.pending_zero.insert(*var);
                    }
                }
            }
            StmtKind::Update { var, subtract, value } => {
                if self.active(*var)
                    && let Some(d) = self.adjoint_of(*var)
                {
                    let d = if *subtract { crate::adjoint::neg(d) } else { d };
                    self.contribute_operand(value, d, out);
                }
            }
            StmtKind::Store { place, how, value } => self.store(place, *how, value, out),
            StmtKind::Push { place, value } => self.push(place, value, out),
            StmtKind::Return(value) => self.contribute_operand(value, AExpr::Seed, out),
            StmtKind::If(if_stmt) => self.if_stmt(if_stmt, out),
            StmtKind::Loop(loop_stmt) => self.loop_stmt(loop_stmt, out),
            StmtKind::Declare { .. }
            | StmtKind::Break
            | StmtKind::Continue
            | StmtKind::SetFlag(_)
            | StmtKind::Inactive(_) => {}
        }
    }

    /// The adjoint of a destructured tuple: its fields' adjoints, zero for fields that got none.
    fn assembled_adjoint(&mut self, fields: &[VarId]) -> AExpr {
        let parts = fields
            .iter()
            .map(|&f| match (&self.f.vars[f].destructured, self.adjoint_of(f)) {
                // A field that is itself taken apart (the value of a forward call is a pair
                // whose first part may be a tuple): its adjoint is assembled from its fields'.
                (Some(inner), _) => {
                    let inner = inner.clone();
                    self.assembled_adjoint(&inner)
                }
                (None, Some(d)) => d,
                // Shaped like the field where it was defined: it may have been moved away since
                // (`let (r, (k1,)) = g_owned(k); k = k1;`).
                (None, None) => {
                    let shape = self.f.zero_shapes.get(&f).copied().unwrap_or(f);
                    AExpr::Private(Item::ZeroLike, vec![AExpr::Ref(Box::new(AExpr::Primal(shape)))])
                }
            })
            .collect();
        AExpr::Tuple(parts)
    }

    /// Adjoint of `let var = value;` given `var`'s adjoint `d`.
    fn value(&mut self, var: VarId, value: &Value, d: AExpr, out: &mut Vec<AdjStmt>) {
        match value {
            Value::Op(op, args) => {
                for (i, contribution) in ops::adjoints(*op, &ops::Site { args, result: var }, d) {
                    if let Some(arg) = args.get(i) {
                        self.contribute_operand(arg, contribution, out);
                    }
                }
            }
            Value::Copy(o) => self.contribute_operand(o, d, out),
            Value::Read(place) => {
                let scalar = self.facts.kinds[var].is_scalar();
                self.contribute_place_hinted(place, d, scalar, out)
            }
            Value::Cast(o, _) => {
                let like = AExpr::Ref(Box::new(AExpr::operand(o)));
                self.contribute_operand(o, AExpr::Rule(Rule::CastAs, vec![d, like]), out);
            }
            Value::Call(call) if self.facts.activity.calls.contains(&call.id) => {
                let id = call.id;
                out.push(AdjStmt::Pullback {
                    call: id,
                    pullback: call.pullback,
                    markers: call.markers,
                    seed: d,
                    args: call.args.len(),
                });
                for (i, arg) in call.args.iter().enumerate() {
                    let grad = AExpr::Grad { call: id, arg: i };
                    match arg {
                        Arg::Value(o) => self.contribute_operand(o, grad, out),
                        Arg::Ref(place) => {
                            let grad = self.lent_whole(place, grad);
                            self.contribute_place(place, grad, out)
                        }
                        Arg::Receiver(place) => self.contribute_place(place, grad, out),
                    }
                }
            }
            Value::Build(build) => self.build(var, build, d, out),
            Value::Call(_) | Value::Alias(_) | Value::Inactive(_) | Value::Unsupported(..) => {}
        }
    }

    fn build(&mut self, var: VarId, build: &Build, d: AExpr, out: &mut Vec<AdjStmt>) {
        match build {
            Build::VecRepeat { elem, .. } | Build::ArrayRepeat { elem, .. } => {
                let sum = AExpr::Private(Item::SumOf, vec![AExpr::Ref(Box::new(d))]);
                self.contribute_operand(elem, sum, out);
            }
            Build::VecList(items) | Build::ArrayList(items) => {
                for (k, item) in items.iter().enumerate() {
                    let scalar = self.operand_kind(item).is_scalar();
                    let elem = Target {
                        base: var,
                        steps: vec![TargetStep::Index(Operand::constant(index_literal(k)))],
                        scalar,
                    };
                    let e = if scalar { AExpr::Elem(elem) } else { AExpr::TakeElem(elem) };
                    self.contribute_operand(item, e, out);
                }
            }
            Build::Tuple(items) => {
                for (k, item) in items.iter().enumerate() {
                    self.contribute_operand(item, AExpr::Field(Box::new(d.clone()), index_literal(k)), out);
                }
            }
            // The adjoint of `Some(a)` is an `Option` whose inside is `a`'s (`None`, from a
            // caller that has no adjoint for the value, is zero).
            Build::Some(item) => {
                let Operand::Var(v) = item else { return };
                // A float's zero needs no shape: the primal is not kept for it.
                let inside = match self.facts.kinds[*v].is_scalar() {
                    true => AExpr::Private(Item::SomeOrZero, vec![d]),
                    false => AExpr::Private(Item::SomeAdjoint, vec![d, AExpr::Ref(Box::new(AExpr::Primal(*v)))]),
                };
                self.contribute_operand(item, inside, out);
            }
            Build::Struct { fields, .. } => {
                for (member, value) in fields {
                    self.contribute_operand(value, AExpr::Field(Box::new(d.clone()), member.clone()), out);
                }
            }
            // `a.to_vec()` of an array: its `Vec` adjoint in the array's shape; a lent array
            // (`mutref::LEND`) and the `Vec` it came back from likewise. (Of a known slice or
            // `Vec` it is one already, and the source may have moved: a `&mut` parameter's,
            // into the value `_owned_vjp` returns.)
            Build::Clone(place, method)
                if place.steps.is_empty()
                    && (method == crate::mutref::LEND || method == "to_vec" && !self.known_vec(place.base)) =>
            {
                let like = AExpr::Ref(Box::new(AExpr::Primal(place.base)));
                self.contribute_place(place, AExpr::Private(Item::Adopt, vec![d, like]), out)
            }
            Build::Clone(place, _) => self.contribute_place(place, d, out),
            Build::Sum(place) => {
                if self.active(place.base) {
                    let target = self.target(place);
                    self.ready_for_element(place.base, out);
                    out.push(AdjStmt::AddEach { target, expr: d });
                }
            }
        }
    }

    fn store(&mut self, place: &Place, how: StoreHow, value: &Operand, out: &mut Vec<AdjStmt>) {
        if !self.active(place.base) || !self.declared.contains(&place.base) && self.is_own(place.base) {
            return;
        }
        let mut target = self.target(place);
        target.scalar |= self.operand_kind(value).is_scalar();
        self.ready_for_element(place.base, out);
        let value_active = value.var().is_some_and(|v| self.active(v));
        match how {
            StoreHow::Set => {
                let taken = AExpr::TakeElem(target);
                if value_active {
                    self.contribute_operand(value, taken, out);
                } else {
                    out.push(AdjStmt::Discard(taken));
                }
            }
            StoreHow::Add => self.contribute_operand(value, AExpr::Elem(target), out),
            StoreHow::Sub => self.contribute_operand(value, crate::adjoint::neg(AExpr::Elem(target)), out),
        }
    }

    fn push(&mut self, place: &Place, value: &Operand, out: &mut Vec<AdjStmt>) {
        if !self.active(place.base) {
            return;
        }
        // Every push is undone, so the adjoint buffer keeps the primal's length.
        self.ensure_declared(place.base);
        self.ready_for_element(place.base, out);
        let popped = AExpr::PopElem(self.target(place));
        if value.var().is_some_and(|v| self.active(v)) {
            self.contribute_operand(value, popped, out);
        } else {
            out.push(AdjStmt::Discard(popped));
        }
    }

    fn if_stmt(&mut self, if_stmt: &If, out: &mut Vec<AdjStmt>) {
        self.flush_pending(out);
        let then_block = self.block(&if_stmt.then_block);
        let else_block = self.block(&if_stmt.else_block);
        if then_block.stmts.is_empty() && else_block.stmts.is_empty() {
            return;
        }
        out.push(AdjStmt::If { id: if_stmt.id, record: if_stmt.record, then_block, else_block });
    }

    fn loop_stmt(&mut self, loop_stmt: &Loop, out: &mut Vec<AdjStmt>) {
        self.flush_pending(out);
        let body = self.block(&loop_stmt.body);
        if body.stmts.is_empty() {
            return;
        }
        out.push(AdjStmt::Loop { id: loop_stmt.id, body });
    }

    /// Writes the zeros that nested code would otherwise read as stale values.
    fn flush_pending(&mut self, out: &mut Vec<AdjStmt>) {
        let mut pending: Vec<VarId> = self.pending_zero.drain().collect();
        pending.sort_unstable();
        for var in pending {
            out.push(AdjStmt::Zero { var });
        }
    }

    fn is_own(&self, v: VarId) -> bool {
        self.def_block[v] == self.current_block()
    }

    /// Before `__d_v[i] …`: the adjoint of `v` must exist and hold real values.
    fn ready_for_element(&mut self, v: VarId, out: &mut Vec<AdjStmt>) {
        self.ensure_declared(v);
        if self.pending_zero.remove(&v) {
            out.push(AdjStmt::Zero { var: v });
        }
    }

    /// Adds `expr` to the adjoint of an operand (nothing for constants and inactive values).
    fn contribute_operand(&mut self, operand: &Operand, expr: AExpr, out: &mut Vec<AdjStmt>) {
        let Operand::Var(v) = operand else { return };
        match &self.f.vars[*v].alias_of {
            Some(place) => {
                let place = place.clone();
                self.contribute_place(&place, expr, out)
            }
            None => self.contribute_var(*v, expr, out),
        }
    }

    /// Adds `expr` to the adjoint of a whole variable.
    fn contribute_var(&mut self, v: VarId, expr: AExpr, out: &mut Vec<AdjStmt>) {
        if !self.active(v) {
            return;
        }
        if self.pending_zero.remove(&v) {
            let expr = self.shaped_like(v, expr);
            out.push(AdjStmt::Set { var: v, expr });
        } else if !self.declared.contains(&v) && self.is_own(v) {
            self.declared.insert(v);
            let expr = self.shaped_like(v, expr);
            out.push(AdjStmt::Init { var: v, expr });
        } else {
            self.ensure_declared(v);
            let scalar = self.facts.kinds[v].is_scalar();
            out.push(AdjStmt::Add { target: Target { base: v, steps: Vec::new(), scalar }, expr });
        }
    }

    /// A callee's gradient that becomes `v`'s adjoint, in `v`'s shape: a callee taking a slice
    /// returns a `Vec` for an array parameter.
    fn shaped_like(&self, v: VarId, expr: AExpr) -> AExpr {
        // Also a copy of an array parameter or local (`s.clone()`, made where it is lent and
        // then moved or written): its adjoint becomes the original's, which may be declared
        // from it. (`to_vec` and a lent local's conversion make a value of another type.)
        let array_copy = matches!(
            self.facts.index.defs.get(&v),
            Some(Value::Build(Build::Clone(place, method)))
                if place.steps.is_empty()
                    && method == "clone"
                    && self.is_array(place.base)
        );
        if (self.is_array(v) || array_copy) && matches!(expr, AExpr::Grad { .. }) {
            AExpr::Private(Item::Adopt, vec![expr, AExpr::Ref(Box::new(AExpr::Primal(v)))])
        } else {
            expr
        }
    }

    /// Whether `v` is a collection of floats known not to be an array (a slice or `Vec`).
    fn known_vec(&self, v: VarId) -> bool {
        matches!(self.facts.kinds[v], Kind::Buffer(_)) && !self.is_array(v)
    }

    /// Whether `v` is an array: an array parameter or a local declared as one.
    fn is_array(&self, v: VarId) -> bool {
        self.array_params.contains(&v) || self.local_array(v)
    }

    /// Whether `v` is a local the function declares as an array (`let y: [f64; 3]`, `let y =
    /// [0.0; 3]`): a callee taking it as a slice returns its gradient as a `Vec`.
    fn local_array(&self, v: VarId) -> bool {
        let written = self.f.vars[v]
            .ty
            .as_ref()
            .is_some_and(|ty| syn::parse2::<syn::Type>(ty.clone()).is_ok_and(|t| matches!(t, syn::Type::Array(_))));
        written
            || match self.facts.index.defs.get(&v) {
                Some(Value::Build(Build::ArrayRepeat { .. } | Build::ArrayList(_))) => true,
                // `let mut y = a;` of an array parameter or another such local.
                Some(Value::Copy(Operand::Var(u))) => *u != v && self.is_array(*u),
                _ => false,
            }
    }

    /// The gradient for a whole local lent to a callee (`product(&r)`), in the local's shape
    /// when its type is not known: the callee may take a slice of an array a call returned.
    fn lent_whole(&self, place: &Place, grad: AExpr) -> AExpr {
        let v = place.base;
        let may_be_array = place.steps.is_empty()
            && self.facts.kinds[v] == Kind::Unknown
            && matches!(self.facts.index.defs.get(&v), Some(Value::Call(_) | Value::Read(_)));
        if may_be_array {
            AExpr::Private(Item::Adopt, vec![grad, AExpr::Ref(Box::new(AExpr::Primal(v)))])
        } else {
            grad
        }
    }

    /// Adds `expr` to the adjoint of a place (an element or field, or a whole variable).
    fn contribute_place(&mut self, place: &Place, expr: AExpr, out: &mut Vec<AdjStmt>) {
        self.contribute_place_hinted(place, expr, false, out)
    }

    /// [`contribute_place`](Self::contribute_place), knowing from elsewhere (the value read
    /// from it is a float) that the place holds a float.
    fn contribute_place_hinted(&mut self, place: &Place, expr: AExpr, scalar: bool, out: &mut Vec<AdjStmt>) {
        if !self.active(place.base) {
            return;
        }
        let mut target = self.target(place);
        target.scalar |= scalar;
        if target.steps.is_empty() {
            return self.contribute_var(place.base, expr, out);
        }
        self.ready_for_element(place.base, out);
        out.push(AdjStmt::Add { target, expr });
    }

    /// The adjoint place of a primal place (`*x` on a `&f64` parameter is `__d_x` itself).
    fn target(&self, place: &Place) -> Target {
        let steps: Vec<TargetStep> = place
            .steps
            .iter()
            .filter_map(|s| match s {
                Step::Field(f) => Some(TargetStep::Field(f.clone())),
                Step::Index(i) => Some(TargetStep::Index(i.clone())),
                Step::Slice(range) => Some(TargetStep::Slice(range.clone())),
                Step::Deref => None,
                Step::Unwrap => Some(TargetStep::Unwrap),
            })
            .collect();
        let scalar = self.place_kind(place).is_scalar();
        Target { base: place.base, steps, scalar }
    }

    fn place_kind(&self, place: &Place) -> Kind {
        self.facts.kinds.place(place)
    }

    fn operand_kind(&self, o: &Operand) -> Kind {
        match o {
            Operand::Var(v) => self.facts.kinds[*v],
            Operand::Const(_) => Kind::Unknown,
        }
    }
}

fn index_literal(k: usize) -> proc_macro2::TokenStream {
    let lit = proc_macro2::Literal::usize_unsuffixed(k);
    quote::quote!(#lit)
}
