//! The std float methods added through the op table (`codegen/src/ops.rs`): `to_degrees`,
//! `to_radians`, `copysign`, `fract`, `rem_euclid`, `div_euclid`, `round_ties_even`,
//! `sin_cos` and `midpoint`, in `f32` and `f64`, each against its hand derivation and central
//! differences, away from jumps and kinks.

mod common;
use backprop::differentiable;
use common::*;
use std::f32::consts as c32;
use std::f64::consts as c64;

// f(x) = sin(x.to_degrees() / 90);  f'(x) = cos(180x/(90π)) · 180/(90π)
#[differentiable]
fn degrees_f64(x: f64) -> f64 {
    (x.to_degrees() / 90.0).sin()
}

#[differentiable]
fn degrees_f32(x: f32) -> f32 {
    (x.to_degrees() / 90.0).sin()
}

// f(x) = (x.to_radians())²;  f'(x) = 2 · (πx/180) · π/180
#[differentiable]
fn radians_f64(x: f64) -> f64 {
    let r = x.to_radians();
    r * r
}

#[differentiable]
fn radians_f32(x: f32) -> f32 {
    let r = x.to_radians();
    r * r
}

#[test]
fn degrees_and_radians_scale_the_gradient() {
    let k64 = 180.0 / c64::PI;
    let k32 = 180.0 / c32::PI;
    check1_64(degrees_f64_grad, degrees_f64, |x| (x * k64 / 90.0).cos() * k64 / 90.0, &[-1.0, 0.3, 2.0], TOL64);
    check1_32(degrees_f32_grad, degrees_f32, |x| (x * k32 / 90.0).cos() * k32 / 90.0, &[-1.0, 0.3, 2.0], TOL32);
    let d64 = |x: f64| 2.0 * x.to_radians() / k64;
    check1_64(radians_f64_grad, radians_f64, d64, &[-40.0, 10.0, 95.0], TOL64);
    let d32 = |x: f32| 2.0 * x.to_radians() / k32;
    check1_32(radians_f32_grad, radians_f32, d32, &[-40.0, 10.0, 95.0], Tol { exact: 1e-5, fd: 5e-2 });
}

// f(x, s) = x.copysign(s) · x = |x|·sign(s)·x;  ∂f/∂x = 2|x|·sign(s), ∂f/∂s = 0
#[differentiable]
fn copysign_f64(x: f64, s: f64) -> f64 {
    x.copysign(s) * x
}

#[differentiable]
fn copysign_f32(x: f32, s: f32) -> f32 {
    x.copysign(s) * x
}

#[test]
fn copysign_takes_the_magnitude_slope_and_no_gradient_for_the_sign() {
    let d64 = |p: &[f64]| vec![2.0 * p[0].abs() * 1f64.copysign(p[1]), 0.0];
    let grad64 = |p: &[f64]| {
        let (v, (dx, ds)) = copysign_f64_grad(p[0], p[1]);
        (v, vec![dx, ds])
    };
    check_n64(grad64, |p| copysign_f64(p[0], p[1]), d64, &[&[0.7, -2.0], &[-1.3, 0.5], &[-0.4, -1.1]], TOL64);
    let d32 = |p: &[f32]| vec![2.0 * p[0].abs() * 1f32.copysign(p[1]), 0.0];
    let grad32 = |p: &[f32]| {
        let (v, (dx, ds)) = copysign_f32_grad(p[0], p[1]);
        (v, vec![dx, ds])
    };
    check_n32(grad32, |p| copysign_f32(p[0], p[1]), d32, &[&[0.7, -2.0], &[-1.3, 0.5], &[-0.4, -1.1]], TOL32);
}

// f(x) = fract(x)² + round_ties_even(3x);  f'(x) = 2·fract(x) (the rounding is a step)
#[differentiable]
fn fract_f64(x: f64) -> f64 {
    let f = x.fract();
    f * f + (3.0 * x).round_ties_even()
}

#[differentiable]
fn fract_f32(x: f32) -> f32 {
    let f = x.fract();
    f * f + (3.0 * x).round_ties_even()
}

#[test]
fn fract_has_slope_one_and_round_ties_even_none() {
    check1_64(fract_f64_grad, fract_f64, |x| 2.0 * x.fract(), &[-1.7, 0.3, 2.4], TOL64);
    check1_32(fract_f32_grad, fract_f32, |x| 2.0 * x.fract(), &[-1.7, 0.3, 2.4], TOL32);
}

// f(x, m) = x.rem_euclid(m)·x + x.div_euclid(m);  with q = div_euclid(x, m) a step,
// ∂f/∂x = rem_euclid(x, m) + x, ∂f/∂m = −q·x
#[differentiable]
fn euclid_f64(x: f64, m: f64) -> f64 {
    x.rem_euclid(m) * x + x.div_euclid(m)
}

#[differentiable]
fn euclid_f32(x: f32, m: f32) -> f32 {
    x.rem_euclid(m) * x + x.div_euclid(m)
}

#[test]
fn rem_euclid_passes_the_gradient_and_div_euclid_is_a_step() {
    let d64 = |p: &[f64]| vec![p[0].rem_euclid(p[1]) + p[0], -p[0].div_euclid(p[1]) * p[0]];
    let grad64 = |p: &[f64]| {
        let (v, (dx, dm)) = euclid_f64_grad(p[0], p[1]);
        (v, vec![dx, dm])
    };
    let points: &[&[f64]] = &[&[5.3, 2.0], &[-3.7, 1.5], &[7.1, -2.5]];
    check_n64(grad64, |p| euclid_f64(p[0], p[1]), d64, points, TOL64);
    let d32 = |p: &[f32]| vec![p[0].rem_euclid(p[1]) + p[0], -p[0].div_euclid(p[1]) * p[0]];
    let grad32 = |p: &[f32]| {
        let (v, (dx, dm)) = euclid_f32_grad(p[0], p[1]);
        (v, vec![dx, dm])
    };
    let points: &[&[f32]] = &[&[5.3, 2.0], &[-3.7, 1.5], &[7.1, -2.5]];
    check_n32(grad32, |p| euclid_f32(p[0], p[1]), d32, points, TOL32);
}

// f(x) = s·c² with (s, c) = x.sin_cos();  f'(x) = cos³x − 2 sin²x cos x
#[differentiable]
fn sin_cos_f64(x: f64) -> f64 {
    let (s, c) = x.sin_cos();
    s * c * c
}

// The same through the path form.
#[differentiable]
fn sin_cos_f32(x: f32) -> f32 {
    let (s, c) = f32::sin_cos(x);
    s * c * c
}

#[test]
fn sin_cos_differentiates_both_results() {
    let d64 = |x: f64| x.cos().powi(3) - 2.0 * x.sin().powi(2) * x.cos();
    check1_64(sin_cos_f64_grad, sin_cos_f64, d64, &[-1.1, 0.4, 2.2], TOL64);
    let d32 = |x: f32| x.cos().powi(3) - 2.0 * x.sin().powi(2) * x.cos();
    check1_32(sin_cos_f32_grad, sin_cos_f32, d32, &[-1.1, 0.4, 2.2], TOL32);
}

// f(a, b) = a.midpoint(b)·b;  ∂f/∂a = b/2, ∂f/∂b = (a + b)/2 + b/2
#[differentiable]
fn midpoint_f64(a: f64, b: f64) -> f64 {
    a.midpoint(b) * b
}

#[differentiable]
fn midpoint_f32(a: f32, b: f32) -> f32 {
    f32::midpoint(a, b) * b
}

#[test]
fn midpoint_halves_the_gradient_between_its_ends() {
    let d64 = |p: &[f64]| vec![p[1] / 2.0, (p[0] + p[1]) / 2.0 + p[1] / 2.0];
    let grad64 = |p: &[f64]| {
        let (v, (da, db)) = midpoint_f64_grad(p[0], p[1]);
        (v, vec![da, db])
    };
    check_n64(grad64, |p| midpoint_f64(p[0], p[1]), d64, &[&[1.0, 3.0], &[-2.5, 0.5]], TOL64);
    let d32 = |p: &[f32]| vec![p[1] / 2.0, (p[0] + p[1]) / 2.0 + p[1] / 2.0];
    let grad32 = |p: &[f32]| {
        let (v, (da, db)) = midpoint_f32_grad(p[0], p[1]);
        (v, vec![da, db])
    };
    check_n32(grad32, |p| midpoint_f32(p[0], p[1]), d32, &[&[1.0, 3.0], &[-2.5, 0.5]], TOL32);
}
