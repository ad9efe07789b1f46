//! The derivative table: one entry per primitive [`Op`].
//!
//! Each rule says, for each argument, what the argument's adjoint receives given the
//! result's adjoint `d`, in terms of the arguments and the result `y` as the forward sweep
//! computed them. Rules are written with the user's own values, so one text serves `f32`
//! and `f64`; where a typed constant or a convention at a kink is needed, they call a helper
//! in the runtime (`backprop::__private::rules`), documented there.

use crate::adjoint::{AExpr, add, div, method, mul, neg, sub};
use crate::ir::{Op, Operand, VarId};
use quote::quote;

/// The method (or operator) name of an op, as the forward sweep writes it.
pub fn name(op: Op) -> &'static str {
    match op {
        Op::Add => "+",
        Op::Sub => "-",
        Op::Mul => "*",
        Op::Div => "/",
        Op::Rem => "%",
        Op::Neg => "neg",
        Op::Sin => "sin",
        Op::Cos => "cos",
        Op::Tan => "tan",
        Op::Asin => "asin",
        Op::Acos => "acos",
        Op::Atan => "atan",
        Op::Atan2 => "atan2",
        Op::Sinh => "sinh",
        Op::Cosh => "cosh",
        Op::Tanh => "tanh",
        Op::Asinh => "asinh",
        Op::Acosh => "acosh",
        Op::Atanh => "atanh",
        Op::Exp => "exp",
        Op::Exp2 => "exp2",
        Op::ExpM1 => "exp_m1",
        Op::Ln => "ln",
        Op::Ln1p => "ln_1p",
        Op::Log => "log",
        Op::Log2 => "log2",
        Op::Log10 => "log10",
        Op::Sqrt => "sqrt",
        Op::Cbrt => "cbrt",
        Op::Powi => "powi",
        Op::Powf => "powf",
        Op::Recip => "recip",
        Op::Abs => "abs",
        Op::Hypot => "hypot",
        Op::Max => "max",
        Op::Min => "min",
        Op::MulAdd => "mul_add",
        Op::Clamp => "clamp",
    }
}

/// Whether the two operands are the same variable (`x * x`).
fn same_variable(args: &[Operand]) -> bool {
    matches!(args, [Operand::Var(a), Operand::Var(b)] if a == b)
}

/// What each argument's adjoint receives: `(argument index, contribution)`.
///
/// `d` is the result's adjoint and `result` the result itself. Arguments that carry no
/// gradient are left out by the caller; every rule lists all differentiable arguments.
pub fn adjoints(op: Op, args: &[Operand], result: VarId, d: AExpr) -> Vec<(usize, AExpr)> {
    let x = |i: usize| match args.get(i) {
        Some(arg) => AExpr::operand(arg),
        None => AExpr::Internal("an operation has fewer arguments than its rule reads (`lower` checks the arity)"),
    };
    let y = AExpr::Primal(result);
    let one = || AExpr::lit(quote!(1.0));
    let rule = |name: &'static str, args: Vec<AExpr>| AExpr::Rule(name, args);
    match op {
        Op::Add => vec![(0, d.clone()), (1, d)],
        Op::Sub => vec![(0, d.clone()), (1, neg(d))],
        // `x * x`: one contribution `(d · x) · 2`, bit for bit the sum of the two (doubling is
        // exact), with one product and no addition fewer.
        Op::Mul if same_variable(args) => vec![(0, mul(mul(d, x(0)), AExpr::lit(quote!(2.0))))],
        Op::Mul => vec![(0, mul(d.clone(), x(1))), (1, mul(x(0), d))],
        Op::Div => vec![(0, div(d.clone(), x(1))), (1, neg(div(mul(d, y), x(1))))],
        Op::Rem => vec![(0, d.clone()), (1, neg(mul(d, method(div(x(0), x(1)), "trunc", vec![]))))],
        Op::Neg => vec![(0, neg(d))],
        Op::Sin => vec![(0, mul(d, method(x(0), "cos", vec![])))],
        Op::Cos => vec![(0, neg(mul(d, method(x(0), "sin", vec![]))))],
        Op::Tan => vec![(0, mul(d, add(one(), mul(y.clone(), y))))],
        Op::Asin => vec![(0, div(d, method(sub(one(), mul(x(0), x(0))), "sqrt", vec![])))],
        Op::Acos => vec![(0, neg(div(d, method(sub(one(), mul(x(0), x(0))), "sqrt", vec![]))))],
        Op::Atan => vec![(0, div(d, add(one(), mul(x(0), x(0)))))],
        // atan2(a, b) = atan(a / b): ∂/∂a = b / (a² + b²), ∂/∂b = −a / (a² + b²), computed
        // without forming a² + b² (see `rules::atan2_da`).
        Op::Atan2 => vec![
            (0, mul(d.clone(), rule("atan2_da", vec![x(0), x(1)]))),
            (1, mul(d, rule("atan2_db", vec![x(0), x(1)]))),
        ],
        Op::Sinh => vec![(0, mul(d, method(x(0), "cosh", vec![])))],
        Op::Cosh => vec![(0, mul(d, method(x(0), "sinh", vec![])))],
        Op::Tanh => vec![(0, mul(d, sub(one(), mul(y.clone(), y))))],
        // 1 / √(x² + 1) as 1 / hypot(x, 1), and 1 / √(x² − 1) as 1 / (√(x − 1) √(x + 1)): no
        // x² to overflow at |x| = 1e200.
        Op::Asinh => vec![(0, div(d, method(x(0), "hypot", vec![one()])))],
        Op::Acosh => {
            let root = |e: AExpr| method(e, "sqrt", vec![]);
            vec![(0, div(d, mul(root(sub(x(0), one())), root(add(x(0), one())))))]
        }
        Op::Atanh => vec![(0, div(d, sub(one(), mul(x(0), x(0)))))],
        Op::Exp => vec![(0, mul(d, y))],
        Op::Exp2 => vec![(0, mul(d, rule("exp2_dx", vec![y])))],
        Op::ExpM1 => vec![(0, mul(d, add(y, one())))],
        Op::Ln => vec![(0, div(d, x(0)))],
        Op::Ln1p => vec![(0, div(d, add(one(), x(0))))],
        Op::Log => {
            vec![(0, mul(d.clone(), rule("log_dx", vec![x(0), x(1)]))), (1, mul(d, rule("log_db", vec![y, x(1)])))]
        }
        Op::Log2 => vec![(0, mul(d, rule("log2_dx", vec![x(0)])))],
        Op::Log10 => vec![(0, mul(d, rule("log10_dx", vec![x(0)])))],
        Op::Sqrt => vec![(0, div(d, mul(AExpr::lit(quote!(2.0)), y)))],
        Op::Cbrt => vec![(0, div(d, mul(AExpr::lit(quote!(3.0)), mul(y.clone(), y))))],
        Op::Powi => vec![(0, mul(d, rule("powi_dx", vec![x(0), x(1)])))],
        Op::Powf => {
            vec![(0, mul(d.clone(), rule("powf_dx", vec![x(0), x(1)]))), (1, mul(d, rule("powf_dp", vec![x(0), y])))]
        }
        Op::Recip => vec![(0, neg(mul(d, mul(y.clone(), y))))],
        Op::Abs => vec![(0, mul(d, rule("abs_dx", vec![x(0)])))],
        Op::Hypot => vec![
            (0, mul(d.clone(), rule("hypot_dx", vec![x(0), x(1), y.clone()]))),
            (1, mul(d, rule("hypot_dx", vec![x(1), x(0), y]))),
        ],
        Op::Max => {
            vec![(0, mul(d.clone(), rule("max_dx", vec![x(0), x(1)]))), (1, mul(d, rule("max_dx", vec![x(1), x(0)])))]
        }
        Op::Min => {
            vec![(0, mul(d.clone(), rule("min_dx", vec![x(0), x(1)]))), (1, mul(d, rule("min_dx", vec![x(1), x(0)])))]
        }
        Op::MulAdd => vec![(0, mul(d.clone(), x(1))), (1, mul(x(0), d.clone())), (2, d)],
        Op::Clamp => vec![
            (0, mul(d.clone(), rule("clamp_dx", vec![x(0), x(1), x(2)]))),
            (1, mul(d.clone(), rule("clamp_dlo", vec![x(0), x(1), x(2)]))),
            (2, mul(d, rule("clamp_dhi", vec![x(0), x(1), x(2)]))),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needs(op: Op, arity: usize) -> Vec<usize> {
        let args: Vec<Operand> = (0..arity).map(Operand::Var).collect();
        let mut out = Vec::new();
        for (_, e) in adjoints(op, &args, 99, AExpr::Adj(100)) {
            e.primals(&mut out);
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn linear_ops_need_no_values() {
        assert!(needs(Op::Add, 2).is_empty());
        assert!(needs(Op::Sub, 2).is_empty());
        assert!(needs(Op::Neg, 1).is_empty());
    }

    #[test]
    fn exp_tanh_and_sqrt_reuse_the_result() {
        assert_eq!(needs(Op::Exp, 1), [99]);
        assert_eq!(needs(Op::Tanh, 1), [99]);
        assert_eq!(needs(Op::Sqrt, 1), [99]);
    }

    #[test]
    fn every_differentiable_argument_has_a_rule() {
        for (op, arity) in
            [(Op::Atan2, 2), (Op::Powf, 2), (Op::MulAdd, 3), (Op::Clamp, 3), (Op::Hypot, 2), (Op::Log, 2)]
        {
            let args: Vec<Operand> = (0..arity).map(Operand::Var).collect();
            let covered: Vec<usize> = adjoints(op, &args, 99, AExpr::Adj(100)).into_iter().map(|(i, _)| i).collect();
            assert_eq!(covered, (0..arity).collect::<Vec<_>>(), "{op:?}");
        }
    }
}
