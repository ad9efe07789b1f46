//! Folding temporaries back into expressions, so the forward sweep reads like the user's code.
//!
//! ```text
//! let __t3 = i as f64;
//! let __t4 = __t2 + __t3;     ==>     acc = __t2 + i as f64;
//! acc = __t4;
//! ```
//!
//! A temporary is folded into its use when it is used once, in the same block, by a later
//! statement with only pure definitions in between, and the reverse sweep does not read it.

use crate::analysis::record::Availability;
use crate::ir::{Arg, Block, Build, Function, LoopHead, Operand, Role, Stmt, StmtKind, Value, VarId};
use std::collections::{HashMap, HashSet};

/// The temporaries whose definition is printed at their use.
pub fn folded(f: &Function, avail: &Availability) -> HashSet<VarId> {
    let mut uses = HashMap::new();
    count_uses(&f.body, &mut uses);
    // The reverse sweep reads these from the forward sweep's bindings (in scope or recorded);
    // values it computes again have their own `let` there.
    let recomputed: HashSet<VarId> = avail
        .recompute
        .iter()
        .flatten()
        .filter_map(|redo| match redo {
            crate::analysis::record::Redo::Value(v) => Some(*v),
            crate::analysis::record::Redo::Fill(_) => None,
        })
        .collect();
    let kept: HashSet<VarId> = avail.needed.difference(&recomputed).copied().collect();
    let mut out = HashSet::new();
    fold_block(f, &kept, &f.body, &uses, &mut out, &mut HashMap::new());
    out
}

/// Whether a statement is the definition of a zero shape that is never printed (see
/// `analysis::shapes`): nothing happens there.
fn unprinted(f: &Function, kept: &HashSet<VarId>, stmt: &Stmt) -> bool {
    matches!(&stmt.kind, StmtKind::Let { var, .. } if f.is_zero_shape(*var) && !kept.contains(var))
}

fn fold_block(
    f: &Function,
    kept: &HashSet<VarId>,
    block: &Block,
    uses: &HashMap<VarId, usize>,
    out: &mut HashSet<VarId>,
    bases: &mut HashMap<VarId, Vec<VarId>>,
) {
    for (i, stmt) in block.stmts.iter().enumerate() {
        match &stmt.kind {
            StmtKind::Let { var, value } => {
                // A typed temporary keeps its `let`: the type is what makes it usable (the
                // receiver of `f64::atan2(2.0 * 0.75, x)`, see `lower::expr`).
                let candidate = f.vars[*var].role == Role::Temp
                    && f.vars[*var].ty.is_none()
                    && !f.vars[*var].mutable
                    && pure(value)
                    && uses.get(var) == Some(&1)
                    && !kept.contains(var);
                let rest = block.stmts[i + 1..].iter().filter(|s| !unprinted(f, kept, s));
                // The collections it reads, itself or through temporaries folded into it.
                let mut read = read_places(value);
                for u in direct_uses(stmt) {
                    read.extend(bases.get(&u).into_iter().flatten().copied());
                }
                if candidate && used_next(rest, *var, &read) {
                    out.insert(*var);
                    bases.insert(*var, read);
                }
            }
            StmtKind::If(if_stmt) => {
                fold_block(f, kept, &if_stmt.then_block, uses, out, bases);
                fold_block(f, kept, &if_stmt.else_block, uses, out, bases);
            }
            StmtKind::Loop(l) => fold_block(f, kept, &l.body, uses, out, bases),
            _ => {}
        }
    }
}

/// Whether a later statement uses `v` directly, with only pure definitions before it that
/// move none of the collections `v`'s definition reads (`bases`): a read of `ds[0]` stays
/// before `let dy = ds;`.
fn used_next<'s>(rest: impl Iterator<Item = &'s Stmt>, v: VarId, bases: &[VarId]) -> bool {
    for stmt in rest {
        if direct_uses(stmt).contains(&v) {
            return !matches!(stmt.kind, StmtKind::If(_) | StmtKind::Loop(_));
        }
        match &stmt.kind {
            StmtKind::Let { value, .. } if pure(value) && !moves_any(value, bases) => {}
            _ => return false,
        }
    }
    false
}

/// The variables whose contents a value reads through a place.
fn read_places(value: &Value) -> Vec<VarId> {
    match value {
        Value::Read(p) | Value::Alias(p) | Value::Build(Build::Clone(p, _) | Build::Sum(p)) => vec![p.base],
        _ => Vec::new(),
    }
}

/// Whether a value takes one of `bases` by value (moving a collection or struct).
fn moves_any(value: &Value, bases: &[VarId]) -> bool {
    let taken = |o: &Operand| matches!(o, Operand::Var(v) if bases.contains(v));
    match value {
        Value::Copy(o) => taken(o),
        Value::Build(Build::VecList(items) | Build::ArrayList(items) | Build::Tuple(items)) => items.iter().any(taken),
        Value::Build(Build::Struct { fields, .. }) => fields.iter().any(|(_, o)| taken(o)),
        Value::Build(Build::Some(o)) => taken(o),
        _ => false,
    }
}

/// Values that can move to a later point of straight-line code without changing anything.
fn pure(value: &Value) -> bool {
    match value {
        Value::Op(..) | Value::Copy(_) | Value::Read(_) | Value::Cast(..) | Value::Build(_) => true,
        Value::Inactive(inactive) => inactive.pure,
        _ => false,
    }
}

fn count_uses(block: &Block, uses: &mut HashMap<VarId, usize>) {
    for stmt in &block.stmts {
        // A place's base is printed by name, so a temporary lent or read through a place is
        // never folded away (`g(&__dt0)` in a forward form): it counts as used twice.
        for base in place_bases(stmt) {
            *uses.entry(base).or_default() += 2;
        }
        for v in direct_uses(stmt) {
            *uses.entry(v).or_default() += 1;
            // An active call reads its arguments twice (their types, then the call).
            if let StmtKind::Let { value: Value::Call(_), .. } = &stmt.kind {
                *uses.entry(v).or_default() += 1;
            }
        }
        match &stmt.kind {
            StmtKind::If(if_stmt) => {
                count_uses(&if_stmt.then_block, uses);
                count_uses(&if_stmt.else_block, uses);
            }
            StmtKind::Loop(l) => count_uses(&l.body, uses),
            _ => {}
        }
    }
}

/// The variables a statement reads through places, not counting nested blocks.
fn place_bases(stmt: &Stmt) -> Vec<VarId> {
    let mut out = Vec::new();
    match &stmt.kind {
        StmtKind::Let { value, .. } => match value {
            Value::Read(p) | Value::Alias(p) | Value::Build(Build::Clone(p, _) | Build::Sum(p)) => out.push(p.base),
            Value::Call(call) => out.extend(call.args.iter().filter_map(|arg| match arg {
                Arg::Ref(p) | Arg::Receiver(p) => Some(p.base),
                Arg::Value(_) => None,
            })),
            _ => {}
        },
        StmtKind::Store { place, .. } | StmtKind::Push { place, .. } => out.push(place.base),
        _ => {}
    }
    out
}

/// Variables a statement reads as operands, not counting nested blocks.
fn direct_uses(stmt: &Stmt) -> Vec<VarId> {
    let mut out = Vec::new();
    let operand = |o: &Operand, out: &mut Vec<VarId>| out.extend(o.var());
    let place = |p: &crate::ir::Place, out: &mut Vec<VarId>| {
        out.extend(crate::lower::place_indices(p).filter_map(Operand::var));
    };
    match &stmt.kind {
        StmtKind::Let { value, .. } => match value {
            Value::Op(_, args) => args.iter().for_each(|a| operand(a, &mut out)),
            Value::Copy(o) | Value::Cast(o, _) => operand(o, &mut out),
            Value::Read(p) | Value::Alias(p) => place(p, &mut out),
            Value::Call(call) => {
                for arg in &call.args {
                    match arg {
                        Arg::Value(o) => operand(o, &mut out),
                        Arg::Ref(p) | Arg::Receiver(p) => place(p, &mut out),
                    }
                }
            }
            Value::Build(build) => match build {
                Build::VecRepeat { elem, len } => {
                    operand(elem, &mut out);
                    operand(len, &mut out);
                }
                Build::ArrayRepeat { elem, .. } | Build::Some(elem) => operand(elem, &mut out),
                Build::VecList(items) | Build::ArrayList(items) | Build::Tuple(items) => {
                    items.iter().for_each(|o| operand(o, &mut out))
                }
                Build::Struct { fields, .. } => fields.iter().for_each(|(_, o)| operand(o, &mut out)),
                Build::Clone(p, _) | Build::Sum(p) => place(p, &mut out),
            },
            Value::Inactive(_) | Value::Unsupported(..) => {}
        },
        StmtKind::Assign { value, .. } | StmtKind::Update { value, .. } | StmtKind::Return(value) => {
            operand(value, &mut out)
        }
        StmtKind::Store { place: p, value, .. } | StmtKind::Push { place: p, value } => {
            place(p, &mut out);
            operand(value, &mut out);
        }
        StmtKind::Loop(l) => {
            if let LoopHead::Range(r) = &l.head {
                operand(&r.start, &mut out);
                operand(&r.end, &mut out);
            }
        }
        _ => {}
    }
    out
}
