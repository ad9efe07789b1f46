//! Each second-order rule against second differences of the function itself, and the
//! first-order parts against `Dual`'s.

use super::super::{Dual, near_kink, reset_kinks};
use super::*;

const H: f64 = 1e-4;

/// `∂²f/∂xᵢ∂xⱼ` at `x` by central differences of the values.
fn second_difference(f: &dyn Fn(&[f64]) -> f64, x: &[f64], i: usize, j: usize) -> f64 {
    let at = |si: f64, sj: f64| {
        let mut p = x.to_vec();
        p[i] += si * H;
        p[j] += sj * H;
        f(&p)
    };
    (at(1.0, 1.0) - at(1.0, -1.0) - at(-1.0, 1.0) + at(-1.0, -1.0)) / (4.0 * H * H)
}

/// Checks every second partial of `hf` (over `Hyper`) against `f`'s second differences, and
/// its first-order parts against `df` (over `Dual`) exactly.
fn check(
    name: &str,
    f: &dyn Fn(&[f64]) -> f64,
    hf: &dyn Fn(&[Hyper]) -> Hyper,
    df: &dyn Fn(&[Dual]) -> Dual,
    x: &[f64],
) {
    for i in 0..x.len() {
        for j in 0..x.len() {
            let args: Vec<Hyper> =
                (0..x.len()).map(|k| Hyper::input(x[k], k == i, if k == j { 1.0 } else { 0.0 })).collect();
            let got = hf(&args);
            assert_eq!(got.v, f(x), "{name} value at {x:?}");
            let want = second_difference(f, x, i, j);
            let tol = 1e-6 * want.abs().max(1.0);
            assert!((got.ab.d - want).abs() <= tol, "{name} ∂²/∂x{i}∂x{j} at {x:?} = {}, differences {want}", got.ab.d);
            let dual = |k: usize| {
                df(&(0..x.len()).map(|m| Dual::input(x[m], if m == k { 1.0 } else { 0.0 })).collect::<Vec<_>>())
            };
            assert_eq!(got.a.d, dual(i).d, "{name} ε₁ part at {x:?}");
            assert_eq!(got.b.d, dual(j).d, "{name} ε₂ part at {x:?}");
        }
    }
}

macro_rules! unary {
    ($x:expr, $($m:ident)*) => {$(
        check(stringify!($m), &|v| v[0].$m(), &|v| v[0].$m(), &|v| v[0].$m(), &[$x]);
    )*};
}

#[test]
fn unary_rules_match_second_differences() {
    unary!(0.37, sin cos tan asin acos atan sinh cosh tanh asinh atanh exp exp2 exp_m1 ln ln_1p log2 log10 sqrt
        recip abs);
    unary!(1.37, acosh);
    unary!(-0.37, cbrt recip abs);
    for k in [-2, 0, 1, 2, 3] {
        check("powi", &|v| v[0].powi(k), &|v| v[0].powi(k), &|v| v[0].powi(k), &[-0.37]);
    }
    check(
        "softplus",
        &|v| crate::custom::softplus(v[0]),
        &|v| custom::softplus(v[0]),
        &|v| crate::dual::custom::softplus(v[0]),
        &[0.7],
    );
}

#[test]
fn binary_rules_match_second_differences() {
    let x = [0.37, -1.3];
    check("atan2", &|v| v[0].atan2(v[1]), &|v| v[0].atan2(v[1]), &|v| v[0].atan2(v[1]), &x);
    check("powf", &|v| v[0].powf(v[1]), &|v| v[0].powf(v[1]), &|v| v[0].powf(v[1]), &[0.37, 1.3]);
    check("log", &|v| v[0].log(v[1]), &|v| v[0].log(v[1]), &|v| v[0].log(v[1]), &[0.37, 2.5]);
    check("hypot", &|v| v[0].hypot(v[1]), &|v| v[0].hypot(v[1]), &|v| v[0].hypot(v[1]), &x);
    check("max", &|v| v[0].max(v[1]), &|v| v[0].max(v[1]), &|v| v[0].max(v[1]), &x);
    check("min", &|v| v[0].min(v[1]), &|v| v[0].min(v[1]), &|v| v[0].min(v[1]), &x);
    check("mul", &|v| v[0] * v[1], &|v| v[0] * v[1], &|v| v[0] * v[1], &x);
    check("div", &|v| v[0] / v[1], &|v| v[0] / v[1], &|v| v[0] / v[1], &x);
    check("sub", &|v| v[0] - v[1], &|v| v[0] - v[1], &|v| v[0] - v[1], &x);
    let t = [0.37, -1.3, 0.8];
    check("mul_add", &|v| v[0].mul_add(v[1], v[2]), &|v| v[0].mul_add(v[1], v[2]), &|v| v[0].mul_add(v[1], v[2]), &t);
    check(
        "clamp",
        &|v| v[0].clamp(-1.0, 1.0),
        &|v| v[0].clamp(Hyper::c(-1.0), Hyper::c(1.0)),
        &|v| v[0].clamp(Dual::c(-1.0), Dual::c(1.0)),
        &[0.37],
    );
}

#[test]
fn helpers_match_second_differences() {
    let x = [0.3, -1.2, 2.5, 0.7];
    check(
        "dot",
        &|v| crate::custom::dot(&v[..2], &v[2..]),
        &|v| custom::dot(&v[..2], &v[2..]),
        &|v| crate::dual::custom::dot(&v[..2], &v[2..]),
        &x,
    );
    check(
        "log_sum_exp",
        &|v| crate::custom::log_sum_exp(v),
        &|v| custom::log_sum_exp(v),
        &|v| crate::dual::custom::log_sum_exp(v),
        &x,
    );
}

#[test]
fn compositions_match_second_differences() {
    let x = [0.37, -1.3, 0.8];
    check(
        "composition",
        &|v| (v[0] * v[1]).sin() / (1.0 + v[2] * v[2]) + v[1].exp().atan2(v[2]).powi(3) * v[0].tanh(),
        &|v| (v[0] * v[1]).sin() / (Hyper::c(1.0) + v[2] * v[2]) + v[1].exp().atan2(v[2]).powi(3) * v[0].tanh(),
        &|v| (v[0] * v[1]).sin() / (Dual::c(1.0) + v[2] * v[2]) + v[1].exp().atan2(v[2]).powi(3) * v[0].tanh(),
        &x,
    );
}

#[test]
fn kinks_are_recorded_along_either_direction() {
    reset_kinks();
    let _ = Hyper::<f64>::input(1e-9, false, 1.0).abs();
    assert!(near_kink(), "a kink along ε₂ alone");
    reset_kinks();
    let _ = Hyper::<f64>::input(1e-9, true, 0.0).floor();
    assert!(near_kink(), "a jump along ε₁ alone");
    reset_kinks();
    let _ = Hyper::<f64>::input(0.3, true, 1.0).abs();
    let _ = Hyper::<f64>::c(0.0).abs();
    assert!(!near_kink());
}

#[test]
fn f32_steps_and_saturation_carry_rounding_allowances() {
    let x: Hyper<f32> = Hyper::input(6.0, true, 1.0);
    let y = x.tanh();
    assert!(y.ab.r > 0.0 && y.ab.r < 1e-5, "{:?}", y.ab);
    let z: Hyper = Hyper::input(0.5, true, 1.0);
    assert!(z.sin().ab.r < 1e-15);
    let w = z.cast::<f32>().sqrt().cast::<f64>();
    assert!(w.ab.r > 1e-8 && w.ab.r < 1e-5, "{:?}", w.ab);
}
