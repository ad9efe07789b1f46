//! What each variable holds, as precisely as the syntax tells.
//!
//! Lowering gives every variable the kind its own syntax shows (a declared type, a literal,
//! a float method's result). Kinds still `Unknown` are made precise here from how values are
//! used: an operand of float arithmetic is a float, an index is an integer, a copy has the
//! kind of what it copies. The result is a side table; the IR keeps lowering's kinds, which
//! `analysis::floats` needs as they are (this inference is exactly what it must not trust).

use crate::ir::{Build, Function, Kind, Operand, Place, Step, StmtKind, Value, VarId};
use crate::walk::each_stmt;

/// The kind of every variable.
pub struct Kinds(Vec<Kind>);

impl Kinds {
    /// Lowering's kinds, refined by use.
    pub fn infer(function: &Function) -> Kinds {
        let mut kinds: Vec<Kind> = function.vars.iter().map(|v| v.kind).collect();
        refine(function, &mut kinds);
        Kinds(kinds)
    }

    /// What a place holds.
    pub fn place(&self, place: &Place) -> Kind {
        place_kind(self.0[place.base], &place.steps)
    }
}

impl std::ops::Index<VarId> for Kinds {
    type Output = Kind;
    fn index(&self, v: VarId) -> &Kind {
        &self.0[v]
    }
}

/// What a place holds, given what its base holds: `x[i]` of a `Buffer(1)` is a float, `*r` of
/// a `&f64` a float, a field anything. (Lowering uses it with its own kinds.)
pub fn place_kind(base: Kind, steps: &[Step]) -> Kind {
    let mut kind = base;
    for step in steps {
        kind = match (kind, step) {
            (Kind::Buffer(1), Step::Index(_)) => Kind::Scalar,
            (Kind::Buffer(d), Step::Index(_)) => Kind::Buffer(d - 1),
            (Kind::ScalarRef, Step::Deref) => Kind::Scalar,
            // A parameter taken by reference has the kind of what it refers to.
            (Kind::Buffer(d), Step::Deref) => Kind::Buffer(d),
            (kind, Step::Slice(_)) => kind,
            (Kind::Int, _) => Kind::Int,
            _ => Kind::Unknown,
        };
    }
    kind
}

/// Unknown kinds made precise by how values are used, to a fixed point.
fn refine(function: &Function, kinds: &mut [Kind]) {
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
                            Operand::Const(c) => known(c.kind),
                            Operand::Var(_) => None,
                        });
                        let known = vars.iter().map(|v| kinds[*v]).find(|k| *k == Kind::Int || k.is_scalar());
                        if let Some(kind) = known.or(const_kind) {
                            let kind = if kind == Kind::ScalarRef { Kind::Scalar } else { kind };
                            for v in vars {
                                updates.push((v, kind));
                            }
                        }
                    }
                    // `min`, `max` and `clamp` exist on integers too.
                    Value::Op(crate::ir::Op::Min | crate::ir::Op::Max | crate::ir::Op::Clamp, args)
                        if kinds[*var] == Kind::Int
                            || args.iter().any(|a| a.var().is_some_and(|v| kinds[v] == Kind::Int)) =>
                    {
                        args.iter().filter_map(Operand::var).for_each(|v| updates.push((v, Kind::Int)));
                        updates.push((*var, Kind::Int));
                    }
                    // The tangent of a cast's operand may be an integer's (a copied field).
                    Value::Op(crate::ir::Op::CastTangent, _) => {}
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
                        updates.push((*var, kinds[*src]));
                        updates.push((*src, kinds[*var]));
                    }
                    // The elements of one collection share a type; integers make an integer list.
                    Value::Build(Build::VecList(items) | Build::ArrayList(items)) => {
                        let vars: Vec<VarId> = items.iter().filter_map(Operand::var).collect();
                        let const_kind = items.iter().find_map(|a| match a {
                            Operand::Const(c) => known(c.kind),
                            Operand::Var(_) => None,
                        });
                        let known = vars.iter().map(|v| kinds[*v]).find(|k| *k == Kind::Int || k.is_scalar());
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
                    Value::Read(place) if kinds[*var] == Kind::Scalar => {
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
                StmtKind::Let {
                    value:
                        Value::Read(place) | Value::Alias(place) | Value::Build(Build::Clone(place, _) | Build::Sum(place)),
                    ..
                }
                | StmtKind::Store { place, .. }
                | StmtKind::Push { place, .. } => crate::lower::place_indices(place).for_each(&mut int_operand),
                // `g(&m[i + j])`, `m[i].g()`: an argument lent by place is indexed by integers.
                StmtKind::Let { value: Value::Call(call), .. } => {
                    for arg in &call.args {
                        if let crate::ir::Arg::Ref(place) | crate::ir::Arg::Receiver(place) = arg {
                            crate::lower::place_indices(place).for_each(&mut int_operand);
                        }
                    }
                }
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
                    updates.push((*var, kinds[*src]));
                    updates.push((*src, kinds[*var]));
                }
                // A value stored into a float buffer is a float, and the other way round.
                StmtKind::Store { place, value: Operand::Var(src), .. } => {
                    if let [crate::ir::Step::Index(_)] = place.steps.as_slice() {
                        if kinds[place.base] == Kind::Buffer(1) {
                            updates.push((*src, Kind::Scalar));
                        } else if kinds[*src] == Kind::Scalar {
                            updates.push((place.base, Kind::Buffer(1)));
                        }
                    }
                }
                _ => {}
            }
        });
        for (v, kind) in updates {
            if kinds[v] == Kind::Unknown && kind != Kind::Unknown && function.vars[v].alias_of.is_none() {
                kinds[v] = kind;
                changed = true;
            }
        }
    }
}

/// A kind that says something.
fn known(kind: Kind) -> Option<Kind> {
    (kind != Kind::Unknown).then_some(kind)
}
