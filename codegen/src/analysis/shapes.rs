//! Shapes of zero gradients, kept apart from the values.
//!
//! The reverse sweep starts a collection's or struct's adjoint as a zero gradient shaped like
//! the value (`zero_like(&s)`). Its shape is taken where the value is defined, into a variable
//! of its own that the reverse sweep reads instead, for two kinds of values:
//! - a value the forward sweep moves (`let y = s;`, `return s;`, `g(s)`), which is gone by
//!   then: `let __zero_s = zero_like(&s);`;
//! - a vector of floats defined inside a loop that keeps its length (`let k = rhs(x, &y);`, or
//!   a `let mut` one written only element by element), which the reverse sweep would otherwise
//!   record whole in every iteration when it reads nothing but its length (`k` used only in
//!   sums like `y[i] += h * k[i]`, whose partials are constants): `let __shape_k =
//!   (&KeepShape(&k)).kept_shape();`, the length of a `Vec` or slice of floats (an array's
//!   zero, for an array). If the reverse sweep reads the values too, both are recorded.
//!
//! This is a rewrite of the IR before it is frozen, like
//! [`super::calls::snapshot_changing_arguments`]; the emitter prints such a definition only if
//! the reverse sweep reads it.

use super::kinds::Kinds;
use super::scopes::Scopes;
use crate::ir::{Block, Function, Inactive, Kind, Role, Step, Stmt, StmtKind, Value, Var, VarId};
use crate::private::Item;
use quote::{format_ident, quote};
use std::collections::HashMap;

/// Adds a zero-shape variable for every moved collection or struct, and a kept shape for every
/// collection defined in a loop that keeps its shape, and records it in
/// [`Function::zero_shapes`]: after the definition of a value that does not change or keeps
/// its shape, before the first statement that moves another `mut` one (its pushes and writes
/// before the move give it the shape its reverse starts from).
pub fn keep_shapes_of_moved(function: &mut Function, blocks: usize) {
    let kinds = Kinds::infer(function);
    let scopes = Scopes::of(function, &kinds, blocks);
    let in_loop = |v: VarId| {
        let mut block = Some(scopes.def_block[v]);
        while let Some(b) = block {
            if scopes.loop_body[b].is_some() {
                return true;
            }
            block = scopes.parent[b];
        }
        false
    };
    // A buffer of floats whose every change is a store into one element keeps its length.
    let mut element_stores = vec![0usize; function.vars.len()];
    crate::walk::each_stmt(&function.body, &mut |stmt| {
        if let StmtKind::Store { place, .. } = &stmt.kind
            && matches!(place.steps.as_slice(), [Step::Index(_)])
        {
            element_stores[place.base] += 1;
        }
    });
    // Of floats only: a nested collection's shape is not one length (its kept zero would
    // be a new allocation in every iteration where the value itself is moved to the tape).
    let keeps_its_length = |v: VarId| {
        kinds[v] == Kind::Buffer(1)
            && match function.vars[v].mutable {
                false => scopes.writes(v).is_empty(),
                true => !scopes.moved(v) && scopes.writes(v).len() == element_stores[v],
            }
    };
    let loop_constants: std::collections::HashSet<VarId> =
        (0..function.vars.len()).filter(|&v| keeps_its_length(v) && in_loop(v)).collect();
    let moved =
        |v: VarId| (scopes.moved(v) && !kinds[v].is_scalar() && kinds[v] != Kind::Int) || loop_constants.contains(&v);
    let mut cx = Shapes { function, scopes: &scopes, shapes: HashMap::new(), seq: 0, loop_constants: &loop_constants };
    let pending: Vec<VarId> = cx.function.params.iter().map(|p| p.var).filter(|&v| moved(v)).collect();
    let mut body = std::mem::take(&mut cx.function.body);
    cx.block(&mut body, &moved, pending);
    cx.function.body = body;
    cx.function.zero_shapes = cx.shapes;
}

struct Shapes<'a> {
    function: &'a mut Function,
    scopes: &'a Scopes,
    shapes: HashMap<VarId, VarId>,
    /// The collections defined in a loop that keep their shape, whose shape alone is kept.
    loop_constants: &'a std::collections::HashSet<VarId>,
    /// Position of the next statement, numbered as `Scopes` numbers them.
    seq: usize,
}

impl Shapes<'_> {
    /// Adds the shapes of the values `block` defines, and of `pending` (defined before it).
    fn block(&mut self, block: &mut Block, moved: &impl Fn(VarId) -> bool, mut pending: Vec<VarId>) {
        for mut stmt in std::mem::take(&mut block.stmts) {
            let here = self.seq;
            self.seq += 1;
            match &mut stmt.kind {
                StmtKind::If(if_stmt) => {
                    self.block(&mut if_stmt.then_block, moved, Vec::new());
                    self.block(&mut if_stmt.else_block, moved, Vec::new());
                }
                StmtKind::Loop(l) => self.block(&mut l.body, moved, Vec::new()),
                _ => {}
            }
            let span = here..self.seq;
            let moves_now = |v: &VarId| self.scopes.moves(*v).iter().any(|m| span.contains(m));
            let (now, later): (Vec<VarId>, Vec<VarId>) = pending.into_iter().partition(moves_now);
            pending = later;
            for v in now {
                block.stmts.push(self.shape_of(v));
            }
            let defined = match &stmt.kind {
                StmtKind::Let { var, .. } if moved(*var) => Some(*var),
                _ => None,
            };
            block.stmts.push(stmt);
            match defined {
                // A changing buffer's shape is taken where it is moved, or where it is defined
                // if only its elements change.
                Some(v) if self.function.vars[v].mutable && !self.loop_constants.contains(&v) => pending.push(v),
                Some(v) => block.stmts.push(self.shape_of(v)),
                None => {}
            }
        }
    }

    /// `let __zero_v = zero_like(&v);` for a moved value, `let __shape_v =
    /// (&KeepShape(&v)).kept_shape();` for a loop constant; its variable noted as `v`'s zero
    /// shape.
    fn shape_of(&mut self, v: VarId) -> Stmt {
        let compact = self.loop_constants.contains(&v);
        let (function, shapes) = (&mut *self.function, &mut self.shapes);
        let source = &function.vars[v];
        let base = source.name.to_string();
        let prefix = if compact { "__shape" } else { "__zero" };
        let mut name = format_ident!("{}_{}", prefix, base.trim_start_matches('_'));
        if function.vars.iter().any(|var| var.name == name) {
            name = format_ident!("{}{}_{}", prefix, v, base.trim_start_matches('_'));
        }
        let (span, kind) = (source.span, source.kind);
        let value_name = &source.name;
        let tokens = match compact {
            true => {
                let keep = Item::KeepShape;
                quote!((&#keep(&#value_name)).kept_shape())
            }
            false => {
                let zero_like = Item::ZeroLike;
                quote!(#zero_like(&#value_name))
            }
        };
        // Not pure: computed again in the reverse sweep it would read the moved value.
        let value = Value::Inactive(Inactive { tokens, uses: vec![v], pure: false });
        function.vars.push(Var {
            adjoint: format_ident!("__d{}", name),
            name,
            kind,
            mutable: false,
            role: Role::Temp,
            span,
            ty: None,
            alias_of: None,
            destructured: None,
        });
        let shape = function.vars.len() - 1;
        shapes.insert(v, shape);
        if compact {
            function.kept_shapes.insert(shape);
        }
        Stmt { kind: StmtKind::Let { var: shape, value }, span }
    }
}
