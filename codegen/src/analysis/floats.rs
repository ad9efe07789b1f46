//! Where the derivative rules assume a float that the syntax does not show.
//!
//! The rules of `rules.rs` are float calculus: `a * b` sends `d·b` to `a`. On a type with its
//! own `Mul` (a complex number, a small matrix) the generated code would still compile and
//! give a wrong gradient, so every active operand of a primitive operation must be a float.
//! Most are provably so from the syntax alone — a float parameter, a declared type, an
//! element of a float buffer, the result of another float operation. The others (a call's
//! result, a field of a struct) are *guarded*: the forward sweep passes them through
//! `__private::float`, which only floats satisfy, and rustc reports any other type on the
//! operator, naming it.
//!
//! The proof must not use what `analysis::kinds` infers from how values are used
//! (`a * b` used as a float makes `a` and `b` floats): that inference is exactly the
//! assumption being checked.

use super::Facts;
use crate::ir::{Build, Function, Kind, Operand, Place, Role, Step, StmtKind, Value, VarId};
use crate::walk::each_stmt;
use proc_macro2::Span;
use std::collections::{HashMap, HashSet};

/// The operands to check.
#[derive(Default)]
pub struct Guards {
    /// Variables to pass through the float guard where an active operation uses them.
    pub operands: HashSet<VarId>,
    /// For each result of an active operation with a guarded operand: the operator's span,
    /// where a failed check is reported.
    pub operators: HashMap<VarId, Span>,
}

/// The operands that need a check: those of an operation that depend on a differentiated
/// input (`varied`), whether the operation's result carries a gradient or not: a step
/// (`floor`, `signum`) passes none, which holds for floats only.
pub fn guards(facts: &Facts) -> Guards {
    let (function, varied) = (facts.f, &facts.activity.varied);
    let proven = proven_floats(function);
    let mut out = Guards::default();
    each_stmt(&function.body, &mut |stmt| {
        // `cast_tangent` is generic: its operand is the tangent of a cast's operand, which may
        // be an integer (see `tangent`).
        if let StmtKind::Let { var, value: Value::Op(op, args) } = &stmt.kind
            && *op != crate::ir::Op::CastTangent
        {
            for arg in args {
                if let Operand::Var(v) = arg
                    && varied[*v]
                    && !proven.floats.contains(v)
                {
                    out.operands.insert(*v);
                    out.operators.insert(*var, stmt.span);
                }
            }
        }
    });
    out
}

/// Variables whose type is provably `f32`/`f64` (or a reference to one), and collections
/// provably of floats, with how deep they nest.
#[derive(Default)]
struct Proven {
    floats: HashSet<VarId>,
    buffers: std::collections::HashMap<VarId, u8>,
}

/// `Var::kind` is lowering's kind, from the variable's own syntax (`analysis::kinds` refines
/// a copy).
fn proven_floats(function: &Function) -> Proven {
    let mut proven = Proven::default();
    let syntactic = |v: VarId| function.vars[v].kind;
    for (v, var) in function.vars.iter().enumerate() {
        let certain = matches!(var.role, Role::Param(_)) || var.ty.is_some();
        match syntactic(v) {
            Kind::Scalar | Kind::ScalarRef if certain => {
                proven.floats.insert(v);
            }
            Kind::Buffer(depth) if certain => {
                proven.buffers.insert(v, depth);
            }
            _ => {}
        }
    }
    // A variable has one type: one proof is enough, and proofs only grow.
    loop {
        let before = (proven.floats.len(), proven.buffers.len());
        each_stmt(&function.body, &mut |stmt| match &stmt.kind {
            StmtKind::Let { var, value } => proven.learn(function, syntactic(*var), *var, value),
            StmtKind::Assign { var, value: Operand::Var(src) } if proven.floats.contains(src) => {
                proven.floats.insert(*var);
            }
            _ => {}
        });
        if (proven.floats.len(), proven.buffers.len()) == before {
            return proven;
        }
    }
}

impl Proven {
    /// What `let var = value;` proves; `syntactic` is `var`'s kind as lowering found it.
    fn learn(&mut self, function: &Function, syntactic: Kind, var: VarId, value: &Value) {
        let is_float = match value {
            // Its operands are floats (proven or guarded), and float arithmetic stays in its type.
            Value::Op(op, _) => *op != crate::ir::Op::CastTangent && function.vars[var].kind != Kind::Int,
            // `as f32`/`as f64`: lowering makes a `Cast` only for float targets.
            Value::Cast(..) => true,
            Value::Copy(Operand::Var(src)) => self.floats.contains(src),
            Value::Copy(Operand::Const(c)) => c.kind == Kind::Scalar,
            Value::Read(place) | Value::Alias(place) => self.element_depth(place) == Some(0),
            Value::Build(Build::Sum(place)) => self.element_depth(place) == Some(1),
            // A constant's kind comes from its literals and casts (`n as f64 * 0.5`).
            Value::Inactive(_) => syntactic == Kind::Scalar,
            _ => false,
        };
        if is_float {
            self.floats.insert(var);
        }
        let depth = match value {
            Value::Build(Build::VecList(items) | Build::ArrayList(items)) => {
                items.iter().any(|o| self.operand_is_float(o)).then_some(1)
            }
            Value::Build(Build::VecRepeat { elem, .. } | Build::ArrayRepeat { elem, .. }) => {
                self.operand_is_float(elem).then_some(1)
            }
            Value::Build(Build::Clone(place, _)) | Value::Read(place) | Value::Alias(place) => {
                self.element_depth(place).filter(|d| *d > 0)
            }
            Value::Copy(Operand::Var(src)) => self.buffers.get(src).copied(),
            Value::Inactive(_) => match syntactic {
                Kind::Buffer(depth) => Some(depth),
                _ => None,
            },
            _ => None,
        };
        if let Some(depth) = depth {
            self.buffers.insert(var, depth);
        }
    }

    fn operand_is_float(&self, operand: &Operand) -> bool {
        match operand {
            Operand::Var(v) => self.floats.contains(v),
            Operand::Const(c) => c.kind == Kind::Scalar,
        }
    }

    /// How many levels of float collection remain after the place's steps (0: a float).
    fn element_depth(&self, place: &Place) -> Option<u8> {
        let mut depth = match self.buffers.get(&place.base) {
            Some(depth) => *depth,
            None if self.floats.contains(&place.base) => 0,
            None => return None,
        };
        for step in &place.steps {
            match step {
                Step::Index(_) if depth > 0 => depth -= 1,
                Step::Slice(_) if depth > 0 => {}
                Step::Deref if depth == 0 => {}
                _ => return None,
            }
        }
        Some(depth)
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    fn expand(f: proc_macro2::TokenStream) -> String {
        crate::differentiable(proc_macro2::TokenStream::new(), f).to_string()
    }

    #[test]
    fn floats_the_syntax_shows_are_not_guarded() {
        let out = expand(quote! {
            fn f(x: f64, w: &[f64], v: Vec<[f64; 2]>) -> f64 {
                let h = vec![0.0; 3];
                let y: f64 = x.sin() * w[0] + v[1][0] * h[2];
                let s: f64 = w.iter().sum();
                (y * x - (x as f64)) * s
            }
        });
        assert!(!out.contains("__private :: float ("), "{out}");
    }

    #[test]
    fn results_of_calls_and_fields_of_structs_are_guarded() {
        let out = expand(quote! {
            fn f(x: f64, m: &Model) -> f64 {
                let r = g(x);
                r * m.scale + x
            }
        });
        assert!(out.contains("__private :: float (r)"), "{out}");
        assert!(out.contains("__private :: float (__t"), "{out}");
        assert!(!out.contains("__private :: float (x)"), "{out}");
    }
}
