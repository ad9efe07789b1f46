//! The elementary operations, each described once: how code spells it, how many operands it
//! takes, whether integers have it too, whether it is cheaper to compute again than to record,
//! and its partial derivatives.
//!
//! A partial is written as the [`Factor`] that turns the result's adjoint `d` into one
//! operand's contribution (`d · cos x`, `d / (2√x)`, `−d`): the reverse rule applies it to `d`,
//! the forward rule to the operand's tangent, and both print the same operations in the same
//! order, so one entry serves every mode. The expressions inside a factor are themselves
//! operations of this table or runtime rules ([`crate::private::Rule`]), so a factor can be
//! differentiated again.
//!
//! Adding a float method is one entry here and one test.

mod table;

use crate::adjoint::{AExpr, div, method, mul};
use crate::ir::{Op, Operand, VarId};
pub use table::OPS;

/// How code writes an operation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Spelling {
    /// `a + b`.
    Infix(&'static str),
    /// `-a`.
    Prefix(&'static str),
    /// `a.name(b, …)`, also `f64::name(a, b, …)`.
    Method(&'static str),
    /// `::backprop::__private::rules::name(a, b, …)`: a derivative rule of the runtime.
    Rule(&'static str),
}

/// Everything about one operation.
pub struct OpDef {
    pub op: Op,
    pub spelling: Spelling,
    /// Operands, the receiver first.
    pub arity: usize,
    /// Integers have it too (`+`, `min`): its result is an integer when its operands are.
    pub on_integers: bool,
    /// Operands that never carry a gradient (`powi`'s exponent, a step's operands).
    pub constant_args: &'static [usize],
    /// A single instruction or so: computed again in the reverse sweep rather than recorded.
    pub cheap: bool,
    /// The partials, given the operands and the result.
    pub partials: fn(&Site) -> Vec<Partial>,
}

/// One use of an operation: its operands and the variable holding its result.
pub struct Site<'a> {
    pub args: &'a [Operand],
    pub result: VarId,
}

impl Site<'_> {
    /// Operand `i` as an expression; a missing one is an internal error (`lower` checks arity).
    pub(super) fn x(&self, i: usize) -> AExpr {
        match self.args.get(i) {
            Some(arg) => AExpr::operand(arg),
            None => {
                AExpr::Internal("an operation has fewer operands than its partials read (`lower` checks the arity)")
            }
        }
    }

    /// The result.
    pub(super) fn y(&self) -> AExpr {
        AExpr::Primal(self.result)
    }

    /// Whether both operands of a binary operation are the same variable (`x * x`).
    pub(super) fn same_operands(&self) -> bool {
        matches!(self.args, [Operand::Var(a), Operand::Var(b)] if a == b)
    }
}

/// The contribution to operand `arg`.
pub struct Partial {
    pub arg: usize,
    pub factor: Factor,
}

/// What is done to the result's adjoint (or an operand's tangent), in order.
#[derive(Clone)]
pub struct Factor(pub Vec<Scale>);

/// One step of a [`Factor`].
#[derive(Clone)]
pub enum Scale {
    /// `· e`.
    Times(AExpr),
    /// `/ e`.
    Over(AExpr),
    /// `−`.
    Negate,
    /// The (linear) operation itself: `d.to_degrees()`.
    Same(Op),
}

impl Factor {
    /// The value itself: `∂(a + b)/∂a = 1`.
    pub(super) fn one() -> Factor {
        Factor(Vec::new())
    }

    pub(super) fn times(e: AExpr) -> Factor {
        Factor(vec![Scale::Times(e)])
    }

    pub(super) fn over(e: AExpr) -> Factor {
        Factor(vec![Scale::Over(e)])
    }

    pub(super) fn then(mut self, scale: Scale) -> Factor {
        self.0.push(scale);
        self
    }

    pub(super) fn negated(self) -> Factor {
        self.then(Scale::Negate)
    }

    /// `e` with the factor applied.
    pub fn apply(&self, e: AExpr) -> AExpr {
        self.0.iter().fold(e, |e, scale| match scale {
            Scale::Times(f) => mul(e, f.clone()),
            Scale::Over(f) => div(e, f.clone()),
            Scale::Negate => crate::adjoint::neg(e),
            Scale::Same(op) => method(e, *op, Vec::new()),
        })
    }
}

/// The entry of `op`.
pub fn def(op: Op) -> &'static OpDef {
    // `OPS` lists every `Op` in declaration order: `tests::the_table_is_in_op_order` checks it.
    &OPS[op as usize]
}

/// The operation a float method of this name is, if any (`x.sin()`, `f64::sin(x)`); rules are
/// no methods.
pub fn by_method(name: &str) -> Option<&'static OpDef> {
    OPS.iter().find(|d| matches!(d.spelling, Spelling::Method(m) if m == name))
}

/// Float methods that compute two results at once, and the operations they are made of:
/// `x.sin_cos()` is `(x.sin(), x.cos())` (which is how std computes it).
pub fn tuple_method(name: &str) -> Option<&'static [Op]> {
    match name {
        "sin_cos" => Some(&[Op::Sin, Op::Cos]),
        _ => None,
    }
}

/// The names of the float methods with a derivative, for error messages.
pub fn method_names() -> String {
    let names: Vec<String> = OPS
        .iter()
        .filter_map(|d| match d.spelling {
            Spelling::Method(name) => Some(format!("`{name}`")),
            _ => None,
        })
        .chain(std::iter::once("`sin_cos`".to_owned()))
        .collect();
    names.join(", ")
}

/// Whether operand `i` of `op` can carry a gradient.
pub fn differentiable_position(op: Op, i: usize) -> bool {
    !def(op).constant_args.contains(&i)
}

/// Whether `op` is one of `+ - * / %` or unary `-`, whose operands and result share a kind.
pub fn is_arithmetic(op: Op) -> bool {
    matches!(def(op).spelling, Spelling::Infix(_) | Spelling::Prefix(_))
}

/// The contributions of `op` at `site`, given the result's adjoint `d`: `(operand, d with the
/// partial applied)`, for the operands that can carry a gradient.
pub fn adjoints(op: Op, site: &Site, d: AExpr) -> Vec<(usize, AExpr)> {
    (def(op).partials)(site).into_iter().map(|p| (p.arg, p.factor.apply(d.clone()))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needs(op: Op, arity: usize) -> Vec<usize> {
        let args: Vec<Operand> = (0..arity).map(Operand::Var).collect();
        let mut out = Vec::new();
        for (_, e) in adjoints(op, &Site { args: &args, result: 99 }, AExpr::Adj(100)) {
            e.primals(&mut out);
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn the_table_is_in_op_order() {
        for (i, def) in OPS.iter().enumerate() {
            assert_eq!(def.op as usize, i, "{:?}", def.op);
        }
        assert_eq!(OPS.len(), Op::CastTangent as usize + 1);
    }

    #[test]
    fn every_op_has_one_entry_with_its_arity_of_partials() {
        for def in OPS {
            assert_eq!(OPS.iter().filter(|d| d.op == def.op).count(), 1, "{:?}", def.op);
            let args: Vec<Operand> = (0..def.arity).map(Operand::Var).collect();
            let covered: Vec<usize> =
                (def.partials)(&Site { args: &args, result: 99 }).into_iter().map(|p| p.arg).collect();
            let expected: Vec<usize> = (0..def.arity).filter(|i| !def.constant_args.contains(i)).collect();
            assert_eq!(covered, expected, "{:?}", def.op);
        }
    }

    #[test]
    fn linear_ops_need_no_values() {
        assert!(needs(Op::Add, 2).is_empty());
        assert!(needs(Op::Sub, 2).is_empty());
        assert!(needs(Op::Neg, 1).is_empty());
        assert!(needs(Op::ToDegrees, 1).is_empty());
    }

    #[test]
    fn exp_tanh_and_sqrt_reuse_the_result() {
        assert_eq!(needs(Op::Exp, 1), [99]);
        assert_eq!(needs(Op::Tanh, 1), [99]);
        assert_eq!(needs(Op::Sqrt, 1), [99]);
    }
}
