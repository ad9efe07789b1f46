//! Each hand-written rule against central differences, in both float types.

use super::*;

/// Central differences of `f` at `x`, to check each hand-written rule.
fn fd(f: impl Fn(f64) -> f64, x: f64) -> f64 {
    let h = 1e-6;
    (f(x + h) - f(x - h)) / (2.0 * h)
}

fn check(name: &str, f: impl Fn(f64) -> f64, df: impl Fn(Dual) -> Dual, x: f64) {
    let got = df(Dual::seed(x));
    assert_eq!(got.v, f(x), "{name} value at {x}");
    let want = fd(&f, x);
    assert!((got.d - want).abs() <= 1e-6 * want.abs().max(1.0), "{name}'({x}) = {}, fd {want}", got.d);
}

#[test]
fn unary_rules_match_finite_differences() {
    let x = 0.37;
    check("sin", f64::sin, Dual::sin, x);
    check("cos", f64::cos, Dual::cos, x);
    check("tan", f64::tan, Dual::tan, x);
    check("asin", f64::asin, Dual::asin, x);
    check("acos", f64::acos, Dual::acos, x);
    check("atan", f64::atan, Dual::atan, x);
    check("sinh", f64::sinh, Dual::sinh, x);
    check("cosh", f64::cosh, Dual::cosh, x);
    check("tanh", f64::tanh, Dual::tanh, x);
    check("asinh", f64::asinh, Dual::asinh, x);
    check("acosh", f64::acosh, Dual::acosh, 1.0 + x);
    check("atanh", f64::atanh, Dual::atanh, x);
    check("exp", f64::exp, Dual::exp, x);
    check("exp2", f64::exp2, Dual::exp2, x);
    check("exp_m1", f64::exp_m1, Dual::exp_m1, x);
    check("ln", f64::ln, Dual::ln, x);
    check("ln_1p", f64::ln_1p, Dual::ln_1p, x);
    check("log2", f64::log2, Dual::log2, x);
    check("log10", f64::log10, Dual::log10, x);
    check("sqrt", f64::sqrt, Dual::sqrt, x);
    check("cbrt", f64::cbrt, Dual::cbrt, -x);
    check("recip", f64::recip, Dual::recip, -x);
    check("abs", f64::abs, Dual::abs, -x);
    check("powi", |v| v.powi(3), |v| v.powi(3), -x);
    check("powi0", |v| v.powi(0), |v| v.powi(0), x);
}

#[test]
fn binary_rules_match_finite_differences_in_each_argument() {
    let (a, b) = (0.37, -1.3);
    check("atan2 y", |v| v.atan2(b), |v| v.atan2(Dual::c(b)), a);
    check("atan2 x", |v| a.atan2(v), |v| Dual::c(a).atan2(v), b);
    check("powf x", |v| v.powf(b), |v| v.powf(Dual::c(b)), a);
    check("powf y", |v| a.powf(v), |v| Dual::c(a).powf(v), b);
    check("log x", |v| v.log(2.5), |v| v.log(Dual::c(2.5)), a);
    check("log b", |v| a.log(v), |v| Dual::c(a).log(v), 2.5);
    check("hypot", |v| v.hypot(b), |v| v.hypot(Dual::c(b)), a);
    check("max", |v| v.max(b), |v| v.max(Dual::c(b)), a);
    check("min", |v| v.min(b), |v| v.min(Dual::c(b)), a);
    check("clamp", |v| v.clamp(-1.0, 1.0), |v| v.clamp(Dual::c(-1.0), Dual::c(1.0)), a);
    check("mul_add", |v| v.mul_add(b, v), |v| v.mul_add(Dual::c(b), v), a);
    check("div", |v| a / v, |v| Dual::c(a) / v, b);
}

#[test]
fn kinks_are_recorded_only_when_close() {
    reset_kinks();
    let _ = Dual::<f64>::seed(0.3).abs();
    assert!(!near_kink());
    let _ = Dual::<f64>::seed(1e-9).abs();
    assert!(near_kink());
    reset_kinks();
    let _ = Dual::<f64>::c(0.0).abs();
    assert!(!near_kink(), "a constant cannot move onto its kink");
}

#[test]
fn f32_values_are_f32_operations_and_derivatives_stay_f64() {
    let x: Dual<f32> = Dual::seed(0.37);
    let y = (x.sin() * x).tanh() + x.cast::<f64>().exp().cast::<f32>();
    let v = 0.37f32;
    assert_eq!(y.v, (v.sin() * v).tanh() + (f64::from(v).exp() as f32));
    let xf = f64::from(v);
    let inner = xf.sin() * xf;
    let want = (1.0 - inner.tanh().powi(2)) * (xf.cos() * xf + xf.sin()) + xf.exp();
    // Local derivatives come from f32-rounded intermediates: close to the exact ones, not equal.
    assert!((y.d - want).abs() < 1e-6, "{} vs {want}", y.d);
}

#[test]
#[allow(clippy::op_ref, reason = "the operators on references are what is tested")]
fn reference_operators_equal_value_operators() {
    let (a, b): (Dual, Dual) = (Dual::seed(0.3), Dual::c(1.7));
    assert_eq!((&a * b).parts(), (a * b).parts());
    assert_eq!((a - &b).parts(), (a - b).parts());
    assert_eq!((&a / &b).parts(), (a / b).parts());
    assert_eq!((-&a).parts(), (-a).parts());
}

#[test]
fn saturated_tanh_carries_a_rounding_allowance() {
    let y = Dual::<f32>::seed(6.0).tanh();
    assert!(y.r > 0.0 && y.r < 1e-5);
    assert!(Dual::<f64>::seed(0.5).sin().r < 1e-15);
}
