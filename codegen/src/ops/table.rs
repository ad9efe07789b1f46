//! The table itself: one entry per operation.

use super::{Factor, OpDef, Partial, Scale, Spelling};
use crate::adjoint::{AExpr, add, div, method, mul, sub};
use crate::ir::Op;

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
    AExpr::lit(crate::names::float_literal(1.0))
}

fn float(value: f64) -> AExpr {
    AExpr::lit(crate::names::float_literal(value))
}

fn rule(rule: Op, args: Vec<AExpr>) -> AExpr {
    AExpr::Apply(rule, args)
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

/// A rule of one operand with one partial.
macro_rules! rule1 {
    ($op:ident, $name:literal, |$s:ident| $factor:expr) => {
        OpDef {
            op: Op::$op,
            spelling: Spelling::Rule($name),
            arity: 1,
            on_integers: false,
            constant_args: &[],
            cheap: false,
            partials: |$s| vec![partial(0, $factor)],
        }
    };
}

/// A rule that is a step (a sign, an indicator): zero derivative. A comparison and a select:
/// cheaper to compute again than to record.
macro_rules! step_rule {
    ($op:ident, $name:literal, $arity:literal) => {
        OpDef {
            op: Op::$op,
            spelling: Spelling::Rule($name),
            arity: $arity,
            on_integers: false,
            constant_args: &[0, 1, 2],
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
                vec![partial(0, Factor::times(s.x(0)).then(Scale::Times(float(2.0))))]
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
                partial(0, Factor::times(rule(Op::Atan2Da, vec![s.x(0), s.x(1)]))),
                partial(1, Factor::times(rule(Op::Atan2Db, vec![s.x(0), s.x(1)]))),
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
    unary!(Exp2, "exp2", |s| Factor::times(rule(Op::Exp2Dx, vec![s.y()]))),
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
                partial(0, Factor::times(rule(Op::LogDx, vec![s.x(0), s.x(1)]))),
                partial(1, Factor::times(rule(Op::LogDb, vec![s.y(), s.x(1)]))),
            ]
        },
    },
    unary!(Log2, "log2", |s| Factor::times(rule(Op::Log2Dx, vec![s.x(0)]))),
    unary!(Log10, "log10", |s| Factor::times(rule(Op::Log10Dx, vec![s.x(0)]))),
    unary!(Sqrt, "sqrt", |s| Factor::over(mul(float(2.0), s.y()))),
    unary!(Cbrt, "cbrt", |s| Factor::over(mul(float(3.0), mul(s.y(), s.y())))),
    OpDef {
        op: Op::Powi,
        spelling: Spelling::Method("powi"),
        arity: 2,
        on_integers: false,
        constant_args: &[1],
        cheap: false,
        partials: |s| vec![partial(0, Factor::times(rule(Op::PowiDk, vec![s.x(0), s.x(1), lit("1")])))],
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
                partial(0, Factor::times(rule(Op::PowfDx, vec![s.x(0), s.x(1)]))),
                partial(1, Factor::times(rule(Op::PowfDp, vec![s.x(0), s.y()]))),
            ]
        },
    },
    unary!(Recip, "recip", |s| Factor::times(mul(s.y(), s.y())).negated()),
    unary!(Abs, "abs", |s| Factor::times(rule(Op::AbsDx, vec![s.x(0)]))),
    OpDef {
        op: Op::Hypot,
        spelling: Spelling::Method("hypot"),
        arity: 2,
        on_integers: false,
        constant_args: &[],
        cheap: false,
        partials: |s| {
            vec![
                partial(0, Factor::times(rule(Op::HypotDx, vec![s.x(0), s.x(1), s.y()]))),
                partial(1, Factor::times(rule(Op::HypotDx, vec![s.x(1), s.x(0), s.y()]))),
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
                partial(0, Factor::times(rule(Op::MaxDx, vec![s.x(0), s.x(1)]))),
                partial(1, Factor::times(rule(Op::MaxDx, vec![s.x(1), s.x(0)]))),
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
                partial(0, Factor::times(rule(Op::MinDx, vec![s.x(0), s.x(1)]))),
                partial(1, Factor::times(rule(Op::MinDx, vec![s.x(1), s.x(0)]))),
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
                partial(0, Factor::times(rule(Op::ClampDx, args()))),
                partial(1, Factor::times(rule(Op::ClampDlo, args()))),
                partial(2, Factor::times(rule(Op::ClampDhi, args()))),
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
        partials: |_| vec![partial(0, Factor::times(float(0.5))), partial(1, Factor::times(float(0.5)))],
    },
    OpDef {
        op: Op::Copysign,
        spelling: Spelling::Method("copysign"),
        arity: 2,
        on_integers: false,
        constant_args: &[1],
        cheap: false,
        // |x| with the sign of s: ∂/∂x = sign(x)·sign(s); the sign of `s` is a step.
        partials: |s| vec![partial(0, Factor::times(rule(Op::CopysignDx, vec![s.x(0), s.x(1)])))],
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
    // Derivative rules (`runtime/src/private/rules.rs`), with their own partials: the tangent
    // of a derivative is made of them. Each partial is again made of operations of this table.
    OpDef {
        op: Op::Atan2Da,
        spelling: Spelling::Rule("atan2_da"),
        arity: 2,
        on_integers: false,
        constant_args: &[],
        cheap: false,
        // b / h² with h = hypot(a, b): ∂a = −2ab / h⁴, ∂b = (a² − b²) / h⁴, in ratios to h.
        partials: |s| {
            let (ua, ub, h) = unit(s);
            vec![
                partial(
                    0,
                    Factor::times(mul(mul(float(2.0), ua.clone()), ub.clone())).then(over_square(h.clone())).negated(),
                ),
                partial(1, Factor::times(mul(sub(ua.clone(), ub.clone()), add(ua, ub))).then(over_square(h))),
            ]
        },
    },
    OpDef {
        op: Op::Atan2Db,
        spelling: Spelling::Rule("atan2_db"),
        arity: 2,
        on_integers: false,
        constant_args: &[],
        cheap: false,
        // −a / h²: ∂a = (a² − b²) / h⁴, ∂b = 2ab / h⁴.
        partials: |s| {
            let (ua, ub, h) = unit(s);
            vec![
                partial(
                    0,
                    Factor::times(mul(sub(ua.clone(), ub.clone()), add(ua.clone(), ub.clone())))
                        .then(over_square(h.clone())),
                ),
                partial(1, Factor::times(mul(mul(float(2.0), ua), ub)).then(over_square(h))),
            ]
        },
    },
    // y · ln 2: linear, its slope `exp2_dx(1)` typed by the rule.
    rule1!(Exp2Dx, "exp2_dx", |_s| Factor::times(rule(Op::Exp2Dx, vec![one()]))),
    // 1 / (x ln 2): −(1 / (x ln 2)) / x.
    rule1!(Log2Dx, "log2_dx", |s| Factor::times(rule(Op::Log2Dx, vec![s.x(0)])).then(Scale::Over(s.x(0))).negated()),
    rule1!(Log10Dx, "log10_dx", |s| Factor::times(rule(Op::Log10Dx, vec![s.x(0)])).then(Scale::Over(s.x(0))).negated()),
    OpDef {
        op: Op::LogDx,
        spelling: Spelling::Rule("log_dx"),
        arity: 2,
        on_integers: false,
        constant_args: &[],
        cheap: false,
        // 1 / (x ln b): ∂x = −log_dx(x, b) / x, ∂b = −log_dx(x, b) · log_dx(b, b) (1 / (b ln b)).
        partials: |s| {
            let r = rule(Op::LogDx, vec![s.x(0), s.x(1)]);
            vec![
                partial(0, Factor::times(r.clone()).then(Scale::Over(s.x(0))).negated()),
                partial(1, Factor::times(mul(r, rule(Op::LogDx, vec![s.x(1), s.x(1)]))).negated()),
            ]
        },
    },
    OpDef {
        op: Op::LogDb,
        spelling: Spelling::Rule("log_db"),
        arity: 2,
        on_integers: false,
        constant_args: &[],
        cheap: false,
        // −y · q with q = 1 / (b ln b) = log_dx(b, b): ∂y = −q, ∂b = y (ln b + 1) q².
        partials: |s| {
            let q = rule(Op::LogDx, vec![s.x(1), s.x(1)]);
            vec![
                partial(0, Factor::times(q.clone()).negated()),
                partial(
                    1,
                    Factor::times(mul(mul(s.x(0), add(method(s.x(1), Op::Ln, vec![]), one())), mul(q.clone(), q))),
                ),
            ]
        },
    },
    OpDef {
        op: Op::PowiDk,
        spelling: Spelling::Rule("powi_dk"),
        arity: 3,
        on_integers: false,
        constant_args: &[1, 2],
        cheap: false,
        // The k-th derivative of xⁿ; its derivative is the (k + 1)-th.
        partials: |s| vec![partial(0, Factor::times(rule(Op::PowiDk, vec![s.x(0), s.x(1), add(s.x(2), lit("1"))])))],
    },
    OpDef {
        op: Op::PowfDx,
        spelling: Spelling::Rule("powf_dx"),
        arity: 2,
        on_integers: false,
        constant_args: &[],
        cheap: false,
        // p x^(p−1): ∂x = p · powf_dx(x, p − 1), ∂p = x^(p−1) (1 + p ln x).
        partials: |s| {
            let p_minus_1 = sub(s.x(1), one());
            vec![
                partial(0, Factor::times(mul(s.x(1), rule(Op::PowfDx, vec![s.x(0), p_minus_1.clone()])))),
                partial(
                    1,
                    Factor::times(mul(
                        method(s.x(0), Op::Powf, vec![p_minus_1]),
                        add(one(), mul(s.x(1), method(s.x(0), Op::Ln, vec![]))),
                    )),
                ),
            ]
        },
    },
    OpDef {
        op: Op::PowfDp,
        spelling: Spelling::Rule("powf_dp"),
        arity: 2,
        on_integers: false,
        constant_args: &[],
        cheap: false,
        // y ln x (y = x^p): ∂x = y / x, ∂y = ln x.
        partials: |s| {
            vec![
                partial(0, Factor::times(s.x(1)).then(Scale::Over(s.x(0)))),
                partial(1, Factor::times(method(s.x(0), Op::Ln, vec![]))),
            ]
        },
    },
    OpDef {
        op: Op::HypotDx,
        spelling: Spelling::Rule("hypot_dx"),
        arity: 3,
        on_integers: false,
        constant_args: &[1],
        cheap: false,
        // x / h: ∂x = 1 / h, ∂h = −x / h².
        partials: |s| {
            vec![
                partial(0, Factor::over(s.x(2))),
                partial(2, Factor::times(s.x(0)).then(over_square(s.x(2))).negated()),
            ]
        },
    },
    step_rule!(AbsDx, "abs_dx", 1),
    step_rule!(MaxDx, "max_dx", 2),
    step_rule!(MinDx, "min_dx", 2),
    step_rule!(ClampDx, "clamp_dx", 3),
    step_rule!(ClampDlo, "clamp_dlo", 3),
    step_rule!(ClampDhi, "clamp_dhi", 3),
    step_rule!(CopysignDx, "copysign_dx", 2),
    OpDef {
        op: Op::CastTangent,
        spelling: Spelling::Rule("cast_tangent"),
        arity: 1,
        on_integers: true,
        constant_args: &[],
        cheap: true,
        // Linear: the identity on floats, zero on integers.
        partials: |_| vec![partial(0, Factor(vec![Scale::Same(Op::CastTangent)]))],
    },
];

/// `(a / h, b / h, h)` with `h = hypot(a, b)` for a rule on `(a, b)`: ratios that neither
/// overflow nor underflow where `a² + b²` would.
fn unit(s: &super::Site) -> (AExpr, AExpr, AExpr) {
    let h = method(s.x(0), Op::Hypot, vec![s.x(1)]);
    (div(s.x(0), h.clone()), div(s.x(1), h.clone()), h)
}

/// `/ h / h`.
fn over_square(h: AExpr) -> Scale {
    Scale::Over(mul(h.clone(), h))
}
