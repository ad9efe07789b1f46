//! The table itself: one entry per operation.

use super::{Factor, OpDef, Partial, Scale, Spelling};
use crate::adjoint::{AExpr, add, div, method, mul, sub};
use crate::ir::Op;
use crate::private::Rule;
use quote::quote;

fn partial(arg: usize, factor: Factor) -> Partial {
    Partial { arg, factor }
}

fn lit(text: &str) -> AExpr {
    match text.parse::<proc_macro2::TokenStream>() {
        Ok(tokens) => AExpr::lit(tokens),
        Err(_) => AExpr::Internal("a literal of the op table does not parse"),
    }
}

fn one() -> AExpr {
    AExpr::lit(quote!(1.0))
}

fn rule(rule: Rule, args: Vec<AExpr>) -> AExpr {
    AExpr::Rule(rule, args)
}

fn m(recv: AExpr, op: Op) -> AExpr {
    method(recv, op, Vec::new())
}

/// A unary operation with one partial.
macro_rules! unary {
    ($op:ident, $name:literal, |$s:ident| $factor:expr) => {
        OpDef {
            op: Op::$op,
            spelling: Spelling::Method($name),
            arity: 1,
            on_integers: false,
            constant_args: &[],
            cheap: false,
            partials: |$s| vec![partial(0, $factor)],
        }
    };
}

/// A step of a float (`floor`, `signum`, …): zero derivative, away from its jumps.
macro_rules! step {
    ($op:ident, $name:literal, $arity:literal, $on_integers:literal) => {
        OpDef {
            op: Op::$op,
            spelling: Spelling::Method($name),
            arity: $arity,
            on_integers: $on_integers,
            constant_args: &[0, 1],
            cheap: true,
            partials: |_| Vec::new(),
        }
    };
}

/// Every operation.
pub static OPS: &[OpDef] = &[
    OpDef {
        op: Op::Add,
        spelling: Spelling::Infix("+"),
        arity: 2,
        on_integers: true,
        constant_args: &[],
        cheap: true,
        partials: |_| vec![partial(0, Factor::one()), partial(1, Factor::one())],
    },
    OpDef {
        op: Op::Sub,
        spelling: Spelling::Infix("-"),
        arity: 2,
        on_integers: true,
        constant_args: &[],
        cheap: true,
        partials: |_| vec![partial(0, Factor::one()), partial(1, Factor::one().negated())],
    },
    OpDef {
        op: Op::Mul,
        spelling: Spelling::Infix("*"),
        arity: 2,
        on_integers: true,
        constant_args: &[],
        cheap: true,
        // `x * x`: one contribution `(d · x) · 2`, bit for bit the sum of the two (doubling is
        // exact), with one product and no addition fewer.
        partials: |s| {
            if s.same_operands() {
                vec![partial(0, Factor::times(s.x(0)).then(Scale::Times(lit("2.0"))))]
            } else {
                vec![partial(0, Factor::times(s.x(1))), partial(1, Factor::times(s.x(0)))]
            }
        },
    },
    OpDef {
        op: Op::Div,
        spelling: Spelling::Infix("/"),
        arity: 2,
        on_integers: true,
        constant_args: &[],
        cheap: false,
        // ∂(a/b)/∂b = −a/b² = −y/b.
        partials: |s| {
            vec![partial(0, Factor::over(s.x(1))), partial(1, Factor::times(s.y()).then(Scale::Over(s.x(1))).negated())]
        },
    },
    OpDef {
        op: Op::Rem,
        spelling: Spelling::Infix("%"),
        arity: 2,
        on_integers: true,
        constant_args: &[],
        cheap: false,
        // a % b = a − b·trunc(a/b).
        partials: |s| {
            let q = m(div(s.x(0), s.x(1)), Op::Trunc);
            vec![partial(0, Factor::one()), partial(1, Factor::times(q).negated())]
        },
    },
    OpDef {
        op: Op::Neg,
        spelling: Spelling::Prefix("-"),
        arity: 1,
        on_integers: true,
        constant_args: &[],
        cheap: true,
        partials: |_| vec![partial(0, Factor::one().negated())],
    },
    unary!(Sin, "sin", |s| Factor::times(m(s.x(0), Op::Cos))),
    unary!(Cos, "cos", |s| Factor::times(m(s.x(0), Op::Sin)).negated()),
    unary!(Tan, "tan", |s| Factor::times(add(one(), mul(s.y(), s.y())))),
    unary!(Asin, "asin", |s| Factor::over(m(sub(one(), mul(s.x(0), s.x(0))), Op::Sqrt))),
    unary!(Acos, "acos", |s| Factor::over(m(sub(one(), mul(s.x(0), s.x(0))), Op::Sqrt)).negated()),
    unary!(Atan, "atan", |s| Factor::over(add(one(), mul(s.x(0), s.x(0))))),
    OpDef {
        op: Op::Atan2,
        spelling: Spelling::Method("atan2"),
        arity: 2,
        on_integers: false,
        constant_args: &[],
        cheap: false,
        // atan2(a, b) = atan(a / b): ∂/∂a = b / (a² + b²), ∂/∂b = −a / (a² + b²), computed
        // without forming a² + b² (see the runtime's `rules::atan2_da`).
        partials: |s| {
            vec![
                partial(0, Factor::times(rule(Rule::Atan2Da, vec![s.x(0), s.x(1)]))),
                partial(1, Factor::times(rule(Rule::Atan2Db, vec![s.x(0), s.x(1)]))),
            ]
        },
    },
    unary!(Sinh, "sinh", |s| Factor::times(m(s.x(0), Op::Cosh))),
    unary!(Cosh, "cosh", |s| Factor::times(m(s.x(0), Op::Sinh))),
    unary!(Tanh, "tanh", |s| Factor::times(sub(one(), mul(s.y(), s.y())))),
    // 1 / √(x² + 1) as 1 / hypot(x, 1), and 1 / √(x² − 1) as 1 / (√(x − 1) √(x + 1)): no x²
    // to overflow at |x| = 1e200.
    unary!(Asinh, "asinh", |s| Factor::over(method(s.x(0), Op::Hypot, vec![one()]))),
    unary!(Acosh, "acosh", |s| Factor::over(mul(m(sub(s.x(0), one()), Op::Sqrt), m(add(s.x(0), one()), Op::Sqrt)))),
    unary!(Atanh, "atanh", |s| Factor::over(sub(one(), mul(s.x(0), s.x(0))))),
    unary!(Exp, "exp", |s| Factor::times(s.y())),
    unary!(Exp2, "exp2", |s| Factor::times(rule(Rule::Exp2Dx, vec![s.y()]))),
    unary!(ExpM1, "exp_m1", |s| Factor::times(add(s.y(), one()))),
    unary!(Ln, "ln", |s| Factor::over(s.x(0))),
    unary!(Ln1p, "ln_1p", |s| Factor::over(add(one(), s.x(0)))),
    OpDef {
        op: Op::Log,
        spelling: Spelling::Method("log"),
        arity: 2,
        on_integers: false,
        constant_args: &[],
        cheap: false,
        partials: |s| {
            vec![
                partial(0, Factor::times(rule(Rule::LogDx, vec![s.x(0), s.x(1)]))),
                partial(1, Factor::times(rule(Rule::LogDb, vec![s.y(), s.x(1)]))),
            ]
        },
    },
    unary!(Log2, "log2", |s| Factor::times(rule(Rule::Log2Dx, vec![s.x(0)]))),
    unary!(Log10, "log10", |s| Factor::times(rule(Rule::Log10Dx, vec![s.x(0)]))),
    unary!(Sqrt, "sqrt", |s| Factor::over(mul(lit("2.0"), s.y()))),
    unary!(Cbrt, "cbrt", |s| Factor::over(mul(lit("3.0"), mul(s.y(), s.y())))),
    OpDef {
        op: Op::Powi,
        spelling: Spelling::Method("powi"),
        arity: 2,
        on_integers: false,
        constant_args: &[1],
        cheap: false,
        partials: |s| vec![partial(0, Factor::times(rule(Rule::PowiDx, vec![s.x(0), s.x(1)])))],
    },
    OpDef {
        op: Op::Powf,
        spelling: Spelling::Method("powf"),
        arity: 2,
        on_integers: false,
        constant_args: &[],
        cheap: false,
        partials: |s| {
            vec![
                partial(0, Factor::times(rule(Rule::PowfDx, vec![s.x(0), s.x(1)]))),
                partial(1, Factor::times(rule(Rule::PowfDp, vec![s.x(0), s.y()]))),
            ]
        },
    },
    unary!(Recip, "recip", |s| Factor::times(mul(s.y(), s.y())).negated()),
    unary!(Abs, "abs", |s| Factor::times(rule(Rule::AbsDx, vec![s.x(0)]))),
    OpDef {
        op: Op::Hypot,
        spelling: Spelling::Method("hypot"),
        arity: 2,
        on_integers: false,
        constant_args: &[],
        cheap: false,
        partials: |s| {
            vec![
                partial(0, Factor::times(rule(Rule::HypotDx, vec![s.x(0), s.x(1), s.y()]))),
                partial(1, Factor::times(rule(Rule::HypotDx, vec![s.x(1), s.x(0), s.y()]))),
            ]
        },
    },
    OpDef {
        op: Op::Max,
        spelling: Spelling::Method("max"),
        arity: 2,
        on_integers: true,
        constant_args: &[],
        cheap: false,
        partials: |s| {
            vec![
                partial(0, Factor::times(rule(Rule::MaxDx, vec![s.x(0), s.x(1)]))),
                partial(1, Factor::times(rule(Rule::MaxDx, vec![s.x(1), s.x(0)]))),
            ]
        },
    },
    OpDef {
        op: Op::Min,
        spelling: Spelling::Method("min"),
        arity: 2,
        on_integers: true,
        constant_args: &[],
        cheap: false,
        partials: |s| {
            vec![
                partial(0, Factor::times(rule(Rule::MinDx, vec![s.x(0), s.x(1)]))),
                partial(1, Factor::times(rule(Rule::MinDx, vec![s.x(1), s.x(0)]))),
            ]
        },
    },
    OpDef {
        op: Op::MulAdd,
        spelling: Spelling::Method("mul_add"),
        arity: 3,
        on_integers: false,
        constant_args: &[],
        cheap: false,
        partials: |s| {
            vec![partial(0, Factor::times(s.x(1))), partial(1, Factor::times(s.x(0))), partial(2, Factor::one())]
        },
    },
    OpDef {
        op: Op::Clamp,
        spelling: Spelling::Method("clamp"),
        arity: 3,
        on_integers: true,
        constant_args: &[],
        cheap: false,
        partials: |s| {
            let args = || vec![s.x(0), s.x(1), s.x(2)];
            vec![
                partial(0, Factor::times(rule(Rule::ClampDx, args()))),
                partial(1, Factor::times(rule(Rule::ClampDlo, args()))),
                partial(2, Factor::times(rule(Rule::ClampDhi, args()))),
            ]
        },
    },
    // Linear maps: the adjoint goes through the same map (`d.to_degrees()` is `d · 180/π`,
    // rounded as the primal is).
    unary!(ToDegrees, "to_degrees", |_s| Factor(vec![Scale::Same(Op::ToDegrees)])),
    unary!(ToRadians, "to_radians", |_s| Factor(vec![Scale::Same(Op::ToRadians)])),
    OpDef {
        op: Op::Midpoint,
        spelling: Spelling::Method("midpoint"),
        arity: 2,
        on_integers: true,
        constant_args: &[],
        cheap: true,
        partials: |_| vec![partial(0, Factor::times(lit("0.5"))), partial(1, Factor::times(lit("0.5")))],
    },
    OpDef {
        op: Op::Copysign,
        spelling: Spelling::Method("copysign"),
        arity: 2,
        on_integers: false,
        constant_args: &[1],
        cheap: false,
        // |x| with the sign of s: ∂/∂x = sign(x)·sign(s); the sign of `s` is a step.
        partials: |s| vec![partial(0, Factor::times(rule(Rule::CopysignDx, vec![s.x(0), s.x(1)])))],
    },
    // x − trunc(x): slope 1 between its jumps.
    unary!(Fract, "fract", |_s| Factor::one()),
    OpDef {
        op: Op::RemEuclid,
        spelling: Spelling::Method("rem_euclid"),
        arity: 2,
        on_integers: true,
        constant_args: &[],
        cheap: false,
        // x − m·div_euclid(x, m), whose quotient is a step: ∂/∂x = 1, ∂/∂m = −div_euclid(x, m).
        partials: |s| {
            let q = method(s.x(0), Op::DivEuclid, vec![s.x(1)]);
            vec![partial(0, Factor::one()), partial(1, Factor::times(q).negated())]
        },
    },
    step!(DivEuclid, "div_euclid", 2, true),
    step!(Floor, "floor", 1, false),
    step!(Ceil, "ceil", 1, false),
    step!(Round, "round", 1, false),
    step!(RoundTiesEven, "round_ties_even", 1, false),
    step!(Trunc, "trunc", 1, false),
    step!(Signum, "signum", 1, true),
];
