//! Activity: which values carry a gradient.
//!
//! A value is *active* when it depends on a differentiated parameter (it is *varied*) and
//! it reaches the output through differentiable operations (it is *useful*). Only active
//! values get adjoints; everything else is emitted as plain code and costs nothing in the
//! reverse sweep. Both properties are computed per variable, to a fixed point, which covers
//! loops and mutable variables.

use crate::error::Errors;
use crate::ir::{Build, Function, Kind, Operand, StmtKind, Value, VarId};
use crate::walk::{each_stmt, inputs};

/// A dependency: `target` takes a value computed from `sources`.
struct Edge {
    target: VarId,
    sources: Vec<VarId>,
}

/// Marks active variables; reports code that cannot be differentiated but must be. Returns
/// which variables are *varied* (depend on a differentiated input), active or not.
pub fn analyse(function: &mut Function, errors: &mut Errors) -> Vec<bool> {
    refine_kinds(function);
    let (edges, outputs) = edges(function);
    let n = function.vars.len();
    let carries: Vec<bool> = function.vars.iter().map(|v| v.kind != Kind::Int).collect();
    let can_carry = |v: VarId| carries[v];
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
    for v in 0..n {
        function.vars[v].active = varied[v] && useful[v] && can_carry(v);
    }
    function.active_calls = active_calls(function);
    report_unsupported(function, &varied, &useful, errors);
    varied
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
fn active_calls(function: &Function) -> std::collections::HashSet<usize> {
    let mut calls = std::collections::HashSet::new();
    each_stmt(&function.body, &mut |stmt| {
        if let StmtKind::Let { var, value: value @ Value::Call(call) } = &stmt.kind
            && function.vars[*var].active
            && inputs(value).iter().any(|v| function.vars[*v].active)
        {
            calls.insert(call.id);
        }
    });
    calls
}

/// Unknown kinds made precise by how values are used: an operand of float arithmetic is a
/// float; a copy has the kind of what it copies.
fn refine_kinds(function: &mut Function) {
    let mut changed = true;
    while changed {
        changed = false;
        let mut updates = Vec::new();
        each_stmt(&function.body, &mut |stmt| {
            if let StmtKind::Let { var, value } = &stmt.kind {
                match value {
                    // Arithmetic is all integer or all float: operands and result share a kind.
                    Value::Op(op, args) if crate::walk::is_arithmetic(*op) => {
                        let mut vars: Vec<VarId> = args.iter().filter_map(Operand::var).collect();
                        vars.push(*var);
                        let const_kind = args.iter().find_map(|a| match a {
                            Operand::Const(t) => literal_kind(t),
                            Operand::Var(_) => None,
                        });
                        let known =
                            vars.iter().map(|v| function.vars[*v].kind).find(|k| *k == Kind::Int || k.is_scalar());
                        if let Some(kind) = known.or(const_kind) {
                            let kind = if kind == Kind::ScalarRef { Kind::Scalar } else { kind };
                            for v in vars {
                                updates.push((v, kind));
                            }
                        }
                    }
                    // `min`, `max` and `clamp` exist on integers too.
                    Value::Op(crate::ir::Op::Min | crate::ir::Op::Max | crate::ir::Op::Clamp, args)
                        if function.vars[*var].kind == Kind::Int
                            || args.iter().any(|a| a.var().is_some_and(|v| function.vars[v].kind == Kind::Int)) =>
                    {
                        args.iter().filter_map(Operand::var).for_each(|v| updates.push((v, Kind::Int)));
                        updates.push((*var, Kind::Int));
                    }
                    Value::Op(op, args) => {
                        for (i, a) in args.iter().enumerate() {
                            if let Some(v) = a.var()
                                && crate::walk::differentiable_position(*op, i)
                            {
                                updates.push((v, Kind::Scalar));
                            }
                        }
                    }
                    Value::Copy(Operand::Var(src)) => {
                        updates.push((*var, function.vars[*src].kind));
                        updates.push((*src, function.vars[*var].kind));
                    }
                    // The elements of one collection share a type; integers make an integer list.
                    Value::Build(Build::VecList(items) | Build::ArrayList(items)) => {
                        let vars: Vec<VarId> = items.iter().filter_map(Operand::var).collect();
                        let const_kind = items.iter().find_map(|a| match a {
                            Operand::Const(t) => literal_kind(t),
                            Operand::Var(_) => None,
                        });
                        let known =
                            vars.iter().map(|v| function.vars[*v].kind).find(|k| *k == Kind::Int || k.is_scalar());
                        match known.or(const_kind) {
                            Some(Kind::Int) => {
                                vars.iter().for_each(|v| updates.push((*v, Kind::Int)));
                                updates.push((*var, Kind::Int));
                            }
                            Some(_) => vars.iter().for_each(|v| updates.push((*v, Kind::Scalar))),
                            None => {}
                        }
                    }
                    // `h[i]` read as a float: `h` holds floats.
                    Value::Read(place) if function.vars[*var].kind == Kind::Scalar => {
                        if let [crate::ir::Step::Index(_)] = place.steps.as_slice() {
                            updates.push((place.base, Kind::Buffer(1)));
                        }
                    }
                    _ => {}
                }
            }
            // Indices and loop bounds are integers.
            let mut int_operand = |o: &Operand| {
                if let Operand::Var(v) = o {
                    updates.push((*v, Kind::Int));
                }
            };
            match &stmt.kind {
                StmtKind::Let { value: Value::Read(place) | Value::Alias(place), .. }
                | StmtKind::Store { place, .. }
                | StmtKind::Push { place, .. } => crate::lower::place_indices(place).for_each(&mut int_operand),
                StmtKind::Loop(l) => {
                    if let crate::ir::LoopHead::Range(r) = &l.head {
                        int_operand(&r.start);
                        int_operand(&r.end);
                    }
                }
                _ => {}
            }
            match &stmt.kind {
                StmtKind::Assign { var, value: Operand::Var(src) } => {
                    updates.push((*var, function.vars[*src].kind));
                    updates.push((*src, function.vars[*var].kind));
                }
                // A value stored into a float buffer is a float, and the other way round.
                StmtKind::Store { place, value: Operand::Var(src), .. } => {
                    if let [crate::ir::Step::Index(_)] = place.steps.as_slice() {
                        if function.vars[place.base].kind == Kind::Buffer(1) {
                            updates.push((*src, Kind::Scalar));
                        } else if function.vars[*src].kind == Kind::Scalar {
                            updates.push((place.base, Kind::Buffer(1)));
                        }
                    }
                }
                _ => {}
            }
        });
        for (v, kind) in updates {
            if function.vars[v].kind == Kind::Unknown && kind != Kind::Unknown && function.vars[v].alias_of.is_none() {
                function.vars[v].kind = kind;
                changed = true;
            }
        }
    }
}

/// The kind of a literal: `2.0` is a float, `2` an integer.
fn literal_kind(tokens: &proc_macro2::TokenStream) -> Option<Kind> {
    match crate::lower::literal_kind(tokens) {
        Kind::Unknown => None,
        kind => Some(kind),
    }
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
