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

use crate::adjoint::{AExpr, add, div, method, mul, sub};
use crate::ir::{Op, Operand, VarId};
use crate::private::Rule;
use quote::quote;

/// How code writes an operation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Spelling {
    /// `a + b`.
    Infix(&'static str),
    /// `-a`.
    Prefix(&'static str),
    /// `a.name(b, …)`, also `f64::name(a, b, …)`.
    Method(&'static str),
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
    fn x(&self, i: usize) -> AExpr {
        match self.args.get(i) {
            Some(arg) => AExpr::operand(arg),
            None => {
                AExpr::Internal("an operation has fewer operands than its partials read (`lower` checks the arity)")
            }
        }
    }

    /// The result.
    fn y(&self) -> AExpr {
        AExpr::Primal(self.result)
    }

    /// Whether both operands of a binary operation are the same variable (`x * x`).
    fn same_operands(&self) -> bool {
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
    fn one() -> Factor {
        Factor(Vec::new())
    }

    fn times(e: AExpr) -> Factor {
        Factor(vec![Scale::Times(e)])
    }

    fn over(e: AExpr) -> Factor {
        Factor(vec![Scale::Over(e)])
    }

    fn then(mut self, scale: Scale) -> Factor {
        self.0.push(scale);
        self
    }

    fn negated(self) -> Factor {
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

/// The entry of `op`.
pub fn def(op: Op) -> &'static OpDef {
    // `OPS` lists every `Op` in declaration order: `tests::the_table_is_in_op_order` checks it.
    &OPS[op as usize]
}

/// The operation a float method of this name is, if any (`x.sin()`, `f64::sin(x)`).
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
        assert_eq!(OPS.len(), Op::Signum as usize + 1);
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
