//! Activity: which values carry a gradient.
//!
//! A value is *active* when it depends on a differentiated parameter (it is *varied*) and
//! it reaches the output through differentiable operations (it is *useful*). Only active
//! values get adjoints; everything else is emitted as plain code and costs nothing in the
//! reverse sweep. Both properties are computed per variable, to a fixed point, which covers
//! loops and mutable variables.

use super::kinds::Kinds;
use crate::error::Errors;
use crate::ir::{Function, Kind, Operand, StmtKind, Value, VarId};
use crate::walk::{each_stmt, inputs};
use std::collections::HashSet;

/// A dependency: `target` takes a value computed from `sources`.
struct Edge {
    target: VarId,
    sources: Vec<VarId>,
}

/// Which variables and calls carry a gradient.
pub struct Activity {
    /// Depends on a differentiated input and reaches the output through differentiable
    /// operations: gets an adjoint.
    pub active: Vec<bool>,
    /// Depends on a differentiated input (whether or not it reaches the output).
    pub varied: Vec<bool>,
    /// Calls that carry a gradient (an active argument and an active result); every other
    /// call is emitted as the plain call.
    pub calls: HashSet<usize>,
}

/// Computes activity; reports code that cannot be differentiated but must be.
pub fn analyse(function: &Function, kinds: &Kinds, errors: &mut Errors) -> Activity {
    let (edges, outputs) = edges(function);
    let n = function.vars.len();
    let can_carry = |v: VarId| kinds[v] != Kind::Int;
    let mut varied = vec![false; n];
    for param in &function.params {
        varied[param.var] = param.differentiated();
    }
    propagate(&edges, &mut varied, |e, set| {
        if can_carry(e.target) && !set[e.target] && e.sources.iter().any(|s| set[*s]) {
            Some(vec![e.target])
        } else {
            None
        }
    });
    let mut useful = vec![false; n];
    for v in outputs {
        useful[v] = true;
    }
    propagate(&edges, &mut useful, |e, set| {
        let fresh: Vec<VarId> = e.sources.iter().copied().filter(|s| can_carry(*s) && !set[*s]).collect();
        (set[e.target] && !fresh.is_empty()).then_some(fresh)
    });
    let active: Vec<bool> = (0..n).map(|v| varied[v] && useful[v] && can_carry(v)).collect();
    report_unsupported(function, &varied, &useful, errors);
    let calls = active_calls(function, &active);
    Activity { active, varied, calls }
}

/// Runs `step` over the edges until nothing changes.
fn propagate(edges: &[Edge], set: &mut [bool], step: impl Fn(&Edge, &[bool]) -> Option<Vec<VarId>>) {
    let mut changed = true;
    while changed {
        changed = false;
        for edge in edges {
            if let Some(fresh) = step(edge, set) {
                for v in fresh {
                    if !set[v] {
                        set[v] = true;
                        changed = true;
                    }
                }
            }
        }
    }
}

/// Every dependency in the function, and the variables returned.
fn edges(function: &Function) -> (Vec<Edge>, Vec<VarId>) {
    let mut edges = Vec::new();
    let mut outputs = Vec::new();
    let operand = |o: &Operand| o.var().into_iter().collect::<Vec<_>>();
    each_stmt(&function.body, &mut |stmt| match &stmt.kind {
        StmtKind::Let { var, value } => edges.push(Edge { target: *var, sources: inputs(value) }),
        StmtKind::Assign { var, value } | StmtKind::Update { var, value, .. } => {
            edges.push(Edge { target: *var, sources: operand(value) })
        }
        StmtKind::Store { place, value, .. } | StmtKind::Push { place, value } => {
            edges.push(Edge { target: place.base, sources: operand(value) })
        }
        StmtKind::Return(value) => outputs.extend(value.var()),
        _ => {}
    });
    (edges, outputs)
}

/// Calls whose result is active and that have an active argument. A call that only takes
/// constants (`Vec::with_capacity(n)`) stays a plain call even when its result later
/// becomes active through writes.
fn active_calls(function: &Function, active: &[bool]) -> HashSet<usize> {
    let mut calls = HashSet::new();
    each_stmt(&function.body, &mut |stmt| {
        if let StmtKind::Let { var, value: value @ Value::Call(call) } = &stmt.kind
            && active[*var]
            && inputs(value).iter().any(|v| active[*v])
        {
            calls.insert(call.id);
        }
    });
    calls
}

/// Code the macro keeps verbatim is fine while inactive; an error if a gradient must pass.
fn report_unsupported(function: &Function, varied: &[bool], useful: &[bool], errors: &mut Errors) {
    each_stmt(&function.body, &mut |stmt| {
        if let StmtKind::Let { var, value: Value::Unsupported(inactive, why) } = &stmt.kind
            && (useful[*var] || why.strict)
            && inactive.uses.iter().any(|u| varied[*u])
        {
            errors.push_spanned(&why.tokens, &why.message);
        }
    });
}
