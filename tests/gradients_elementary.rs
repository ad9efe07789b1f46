//! Gradients of every elementary float function and operator, in `f32` and `f64`.
//!
//! Each `#[differentiable]` function is one primitive; its comment gives the function and the
//! hand-derived derivative, and its test checks the generated gradient against that formula
//! (written again in Rust) and against central differences, at several points inside the
//! domain and away from kinks.

mod common;
use backprop::differentiable;
use common::*;
use std::f32::consts as c32;
use std::f64::consts as c64;

// ---------------------------------------------------------------------------------------------
// Trigonometric functions
// ---------------------------------------------------------------------------------------------

// f(x) = sin x;  f'(x) = cos x
#[differentiable]
fn sin_f64(x: f64) -> f64 {
    x.sin()
}

// f(x) = sin x;  f'(x) = cos x
#[differentiable]
fn sin_f32(x: f32) -> f32 {
    x.sin()
}

#[test]
fn sin_derivative_is_cosine() {
    check1_64(sin_f64_grad, sin_f64, |x| x.cos(), &[-1.3, 0.4, 2.0], TOL64);
    check1_32(sin_f32_grad, sin_f32, |x| x.cos(), &[-1.3, 0.4, 2.0], TOL32);
}

// f(x) = cos x;  f'(x) = −sin x
#[differentiable]
fn cos_f64(x: f64) -> f64 {
    x.cos()
}

// f(x) = cos x;  f'(x) = −sin x
#[differentiable]
fn cos_f32(x: f32) -> f32 {
    x.cos()
}

#[test]
fn cos_derivative_is_negative_sine() {
    check1_64(cos_f64_grad, cos_f64, |x| -x.sin(), &[-0.7, 0.5, 2.5], TOL64);
    check1_32(cos_f32_grad, cos_f32, |x| -x.sin(), &[-0.7, 0.5, 2.5], TOL32);
}

// f(x) = tan x;  f'(x) = 1 / cos² x
#[differentiable]
fn tan_f64(x: f64) -> f64 {
    x.tan()
}

// f(x) = tan x;  f'(x) = 1 / cos² x
#[differentiable]
fn tan_f32(x: f32) -> f32 {
    x.tan()
}

#[test]
fn tan_derivative_is_secant_squared() {
    let d64 = |x: f64| 1.0 / (x.cos() * x.cos());
    let d32 = |x: f32| 1.0 / (x.cos() * x.cos());
    check1_64(tan_f64_grad, tan_f64, d64, &[-0.9, 0.3, 1.2], TOL64);
    check1_32(tan_f32_grad, tan_f32, d32, &[-0.9, 0.3, 1.2], TOL32);
}

// f(x) = asin x;  f'(x) = 1 / √(1 − x²)
#[differentiable]
fn asin_f64(x: f64) -> f64 {
    x.asin()
}

// f(x) = asin x;  f'(x) = 1 / √(1 − x²)
#[differentiable]
fn asin_f32(x: f32) -> f32 {
    x.asin()
}

#[test]
fn asin_derivative_is_inverse_root_of_one_minus_square() {
    let d64 = |x: f64| 1.0 / (1.0 - x * x).sqrt();
    let d32 = |x: f32| 1.0 / (1.0 - x * x).sqrt();
    check1_64(asin_f64_grad, asin_f64, d64, &[-0.6, 0.2, 0.7], TOL64);
    check1_32(asin_f32_grad, asin_f32, d32, &[-0.6, 0.2, 0.7], TOL32);
}

// f(x) = acos x;  f'(x) = −1 / √(1 − x²)
#[differentiable]
fn acos_f64(x: f64) -> f64 {
    x.acos()
}

// f(x) = acos x;  f'(x) = −1 / √(1 − x²)
#[differentiable]
fn acos_f32(x: f32) -> f32 {
    x.acos()
}

#[test]
fn acos_derivative_is_negated_asin_derivative() {
    let d64 = |x: f64| -1.0 / (1.0 - x * x).sqrt();
    let d32 = |x: f32| -1.0 / (1.0 - x * x).sqrt();
    check1_64(acos_f64_grad, acos_f64, d64, &[-0.6, 0.2, 0.7], TOL64);
    check1_32(acos_f32_grad, acos_f32, d32, &[-0.6, 0.2, 0.7], TOL32);
}

// f(x) = atan x;  f'(x) = 1 / (1 + x²)
#[differentiable]
fn atan_f64(x: f64) -> f64 {
    x.atan()
}

// f(x) = atan x;  f'(x) = 1 / (1 + x²)
#[differentiable]
fn atan_f32(x: f32) -> f32 {
    x.atan()
}

#[test]
fn atan_derivative_is_inverse_of_one_plus_square() {
    let d64 = |x: f64| 1.0 / (1.0 + x * x);
    let d32 = |x: f32| 1.0 / (1.0 + x * x);
    check1_64(atan_f64_grad, atan_f64, d64, &[-2.0, 0.5, 3.0], TOL64);
    check1_32(atan_f32_grad, atan_f32, d32, &[-2.0, 0.5, 3.0], TOL32);
}

// f(y, x) = atan2(y, x);  ∂f/∂y = x / (x² + y²),  ∂f/∂x = −y / (x² + y²)
#[differentiable]
fn atan2_f64(y: f64, x: f64) -> f64 {
    y.atan2(x)
}

// f(y, x) = atan2(y, x);  ∂f/∂y = x / (x² + y²),  ∂f/∂x = −y / (x² + y²)
#[differentiable]
fn atan2_f32(y: f32, x: f32) -> f32 {
    y.atan2(x)
}

#[test]
fn atan2_gradient_is_rotated_position_over_squared_radius_in_every_quadrant() {
    // Points in the first, fourth... quadrants, none on the branch cut (x < 0, y = 0).
    check_n64(
        |p| {
            let (v, (gy, gx)) = atan2_f64_grad(p[0], p[1]);
            (v, vec![gy, gx])
        },
        |p| atan2_f64(p[0], p[1]),
        |p| {
            let (y, x) = (p[0], p[1]);
            let r2 = x * x + y * y;
            vec![x / r2, -y / r2]
        },
        &[&[0.5, 1.5], &[1.0, -2.0], &[-0.7, -0.3], &[-1.2, 0.4]],
        TOL64,
    );
    check_n32(
        |p| {
            let (v, (gy, gx)) = atan2_f32_grad(p[0], p[1]);
            (v, vec![gy, gx])
        },
        |p| atan2_f32(p[0], p[1]),
        |p| {
            let (y, x) = (p[0], p[1]);
            let r2 = x * x + y * y;
            vec![x / r2, -y / r2]
        },
        &[&[0.5, 1.5], &[1.0, -2.0], &[-0.7, -0.3], &[-1.2, 0.4]],
        TOL32,
    );
}

// ---------------------------------------------------------------------------------------------
// Hyperbolic functions
// ---------------------------------------------------------------------------------------------

// f(x) = sinh x;  f'(x) = cosh x
#[differentiable]
fn sinh_f64(x: f64) -> f64 {
    x.sinh()
}

// f(x) = sinh x;  f'(x) = cosh x
#[differentiable]
fn sinh_f32(x: f32) -> f32 {
    x.sinh()
}

#[test]
fn sinh_derivative_is_cosh() {
    check1_64(sinh_f64_grad, sinh_f64, |x| x.cosh(), &[-1.5, 0.3, 2.0], TOL64);
    check1_32(sinh_f32_grad, sinh_f32, |x| x.cosh(), &[-1.5, 0.3, 2.0], TOL32);
}

// f(x) = cosh x;  f'(x) = sinh x
#[differentiable]
fn cosh_f64(x: f64) -> f64 {
    x.cosh()
}

// f(x) = cosh x;  f'(x) = sinh x
#[differentiable]
fn cosh_f32(x: f32) -> f32 {
    x.cosh()
}

#[test]
fn cosh_derivative_is_sinh() {
    check1_64(cosh_f64_grad, cosh_f64, |x| x.sinh(), &[-1.5, 0.3, 2.0], TOL64);
    check1_32(cosh_f32_grad, cosh_f32, |x| x.sinh(), &[-1.5, 0.3, 2.0], TOL32);
}

// f(x) = tanh x;  f'(x) = 1 / cosh² x
#[differentiable]
fn tanh_f64(x: f64) -> f64 {
    x.tanh()
}

// f(x) = tanh x;  f'(x) = 1 / cosh² x
#[differentiable]
fn tanh_f32(x: f32) -> f32 {
    x.tanh()
}

#[test]
fn tanh_derivative_is_hyperbolic_secant_squared() {
    let d64 = |x: f64| 1.0 / (x.cosh() * x.cosh());
    let d32 = |x: f32| 1.0 / (x.cosh() * x.cosh());
    check1_64(tanh_f64_grad, tanh_f64, d64, &[-1.0, 0.2, 1.5], TOL64);
    check1_32(tanh_f32_grad, tanh_f32, d32, &[-1.0, 0.2, 1.5], TOL32);
}

// f(x) = asinh x;  f'(x) = 1 / √(x² + 1)
#[differentiable]
fn asinh_f64(x: f64) -> f64 {
    x.asinh()
}

// f(x) = asinh x;  f'(x) = 1 / √(x² + 1)
#[differentiable]
fn asinh_f32(x: f32) -> f32 {
    x.asinh()
}

#[test]
fn asinh_derivative_is_inverse_root_of_square_plus_one() {
    let d64 = |x: f64| 1.0 / (x * x + 1.0).sqrt();
    let d32 = |x: f32| 1.0 / (x * x + 1.0).sqrt();
    check1_64(asinh_f64_grad, asinh_f64, d64, &[-2.0, 0.5, 3.0], TOL64);
    check1_32(asinh_f32_grad, asinh_f32, d32, &[-2.0, 0.5, 3.0], TOL32);
}

// f(x) = acosh x (x > 1);  f'(x) = 1 / √(x² − 1)
#[differentiable]
fn acosh_f64(x: f64) -> f64 {
    x.acosh()
}

// f(x) = acosh x (x > 1);  f'(x) = 1 / √(x² − 1)
#[differentiable]
fn acosh_f32(x: f32) -> f32 {
    x.acosh()
}

#[test]
fn acosh_derivative_is_inverse_root_of_square_minus_one() {
    let d64 = |x: f64| 1.0 / ((x - 1.0) * (x + 1.0)).sqrt();
    let d32 = |x: f32| 1.0 / ((x - 1.0) * (x + 1.0)).sqrt();
    check1_64(acosh_f64_grad, acosh_f64, d64, &[1.5, 2.0, 4.0], TOL64);
    check1_32(acosh_f32_grad, acosh_f32, d32, &[1.5, 2.0, 4.0], TOL32);
}

// f(x) = atanh x (|x| < 1);  f'(x) = 1 / (1 − x²)
#[differentiable]
fn atanh_f64(x: f64) -> f64 {
    x.atanh()
}

// f(x) = atanh x (|x| < 1);  f'(x) = 1 / (1 − x²)
#[differentiable]
fn atanh_f32(x: f32) -> f32 {
    x.atanh()
}

#[test]
fn atanh_derivative_is_inverse_of_one_minus_square() {
    let d64 = |x: f64| 1.0 / (1.0 - x * x);
    let d32 = |x: f32| 1.0 / (1.0 - x * x);
    check1_64(atanh_f64_grad, atanh_f64, d64, &[-0.5, 0.1, 0.6], TOL64);
    check1_32(atanh_f32_grad, atanh_f32, d32, &[-0.5, 0.1, 0.6], TOL32);
}

// ---------------------------------------------------------------------------------------------
// Exponentials and logarithms
// ---------------------------------------------------------------------------------------------

// f(x) = eˣ;  f'(x) = eˣ
#[differentiable]
fn exp_f64(x: f64) -> f64 {
    x.exp()
}

// f(x) = eˣ;  f'(x) = eˣ
#[differentiable]
fn exp_f32(x: f32) -> f32 {
    x.exp()
}

#[test]
fn exp_is_its_own_derivative() {
    check1_64(exp_f64_grad, exp_f64, |x| x.exp(), &[-1.0, 0.5, 2.0], TOL64);
    check1_32(exp_f32_grad, exp_f32, |x| x.exp(), &[-1.0, 0.5, 2.0], TOL32);
}

// f(x) = 2ˣ;  f'(x) = 2ˣ ln 2
#[differentiable]
fn exp2_f64(x: f64) -> f64 {
    x.exp2()
}

// f(x) = 2ˣ;  f'(x) = 2ˣ ln 2
#[differentiable]
fn exp2_f32(x: f32) -> f32 {
    x.exp2()
}

#[test]
fn exp2_derivative_is_scaled_by_ln_2() {
    let d64 = |x: f64| x.exp2() * c64::LN_2;
    let d32 = |x: f32| x.exp2() * c32::LN_2;
    check1_64(exp2_f64_grad, exp2_f64, d64, &[-1.0, 0.5, 3.0], TOL64);
    check1_32(exp2_f32_grad, exp2_f32, d32, &[-1.0, 0.5, 3.0], TOL32);
}

// f(x) = eˣ − 1;  f'(x) = eˣ
#[differentiable]
fn exp_m1_f64(x: f64) -> f64 {
    x.exp_m1()
}

// f(x) = eˣ − 1;  f'(x) = eˣ
#[differentiable]
fn exp_m1_f32(x: f32) -> f32 {
    x.exp_m1()
}

#[test]
fn exp_m1_derivative_is_exp() {
    check1_64(exp_m1_f64_grad, exp_m1_f64, |x| x.exp(), &[-0.5, 0.01, 1.0], TOL64);
    check1_32(exp_m1_f32_grad, exp_m1_f32, |x| x.exp(), &[-0.5, 0.01, 1.0], TOL32);
}

// f(x) = ln x;  f'(x) = 1 / x
#[differentiable]
fn ln_f64(x: f64) -> f64 {
    x.ln()
}

// f(x) = ln x;  f'(x) = 1 / x
#[differentiable]
fn ln_f32(x: f32) -> f32 {
    x.ln()
}

#[test]
fn ln_derivative_is_reciprocal() {
    check1_64(ln_f64_grad, ln_f64, |x| 1.0 / x, &[0.3, 1.5, 10.0], TOL64);
    check1_32(ln_f32_grad, ln_f32, |x| 1.0 / x, &[0.3, 1.5, 10.0], TOL32);
}

// f(x) = ln(1 + x);  f'(x) = 1 / (1 + x)
#[differentiable]
fn ln_1p_f64(x: f64) -> f64 {
    x.ln_1p()
}

// f(x) = ln(1 + x);  f'(x) = 1 / (1 + x)
#[differentiable]
fn ln_1p_f32(x: f32) -> f32 {
    x.ln_1p()
}

#[test]
fn ln_1p_derivative_is_reciprocal_of_one_plus_x() {
    let d64 = |x: f64| 1.0 / (1.0 + x);
    let d32 = |x: f32| 1.0 / (1.0 + x);
    check1_64(ln_1p_f64_grad, ln_1p_f64, d64, &[-0.5, 0.2, 3.0], TOL64);
    check1_32(ln_1p_f32_grad, ln_1p_f32, d32, &[-0.5, 0.2, 3.0], TOL32);
}

// f(x, b) = log_b x = ln x / ln b;  ∂f/∂x = 1 / (x ln b),  ∂f/∂b = −ln x / (b ln² b)
#[differentiable]
fn log_f64(x: f64, b: f64) -> f64 {
    x.log(b)
}

// f(x, b) = log_b x = ln x / ln b;  ∂f/∂x = 1 / (x ln b),  ∂f/∂b = −ln x / (b ln² b)
#[differentiable]
fn log_f32(x: f32, b: f32) -> f32 {
    x.log(b)
}

#[test]
fn log_with_active_base_differentiates_value_and_base() {
    check_n64(
        |p| {
            let (v, (gx, gb)) = log_f64_grad(p[0], p[1]);
            (v, vec![gx, gb])
        },
        |p| log_f64(p[0], p[1]),
        |p| {
            let (x, b) = (p[0], p[1]);
            vec![1.0 / (x * b.ln()), -x.ln() / (b * b.ln() * b.ln())]
        },
        &[&[2.0, 3.0], &[0.5, 10.0], &[5.0, 0.5]],
        TOL64,
    );
    check_n32(
        |p| {
            let (v, (gx, gb)) = log_f32_grad(p[0], p[1]);
            (v, vec![gx, gb])
        },
        |p| log_f32(p[0], p[1]),
        |p| {
            let (x, b) = (p[0], p[1]);
            vec![1.0 / (x * b.ln()), -x.ln() / (b * b.ln() * b.ln())]
        },
        &[&[2.0, 3.0], &[0.5, 10.0], &[5.0, 0.5]],
        TOL32,
    );
}

// f(x) = log₂ x;  f'(x) = 1 / (x ln 2)
#[differentiable]
fn log2_f64(x: f64) -> f64 {
    x.log2()
}

// f(x) = log₂ x;  f'(x) = 1 / (x ln 2)
#[differentiable]
fn log2_f32(x: f32) -> f32 {
    x.log2()
}

#[test]
fn log2_derivative_is_reciprocal_over_ln_2() {
    let d64 = |x: f64| 1.0 / (x * c64::LN_2);
    let d32 = |x: f32| 1.0 / (x * c32::LN_2);
    check1_64(log2_f64_grad, log2_f64, d64, &[0.3, 3.0, 16.5], TOL64);
    check1_32(log2_f32_grad, log2_f32, d32, &[0.3, 3.0, 16.5], TOL32);
}

// f(x) = log₁₀ x;  f'(x) = 1 / (x ln 10)
#[differentiable]
fn log10_f64(x: f64) -> f64 {
    x.log10()
}

// f(x) = log₁₀ x;  f'(x) = 1 / (x ln 10)
#[differentiable]
fn log10_f32(x: f32) -> f32 {
    x.log10()
}

#[test]
fn log10_derivative_is_reciprocal_over_ln_10() {
    let d64 = |x: f64| 1.0 / (x * c64::LN_10);
    let d32 = |x: f32| 1.0 / (x * c32::LN_10);
    check1_64(log10_f64_grad, log10_f64, d64, &[0.3, 3.0, 120.0], TOL64);
    check1_32(log10_f32_grad, log10_f32, d32, &[0.3, 3.0, 120.0], TOL32);
}

// ---------------------------------------------------------------------------------------------
// Roots, powers, reciprocal
// ---------------------------------------------------------------------------------------------

// f(x) = √x;  f'(x) = 1 / (2√x)
#[differentiable]
fn sqrt_f64(x: f64) -> f64 {
    x.sqrt()
}

// f(x) = √x;  f'(x) = 1 / (2√x)
#[differentiable]
fn sqrt_f32(x: f32) -> f32 {
    x.sqrt()
}

#[test]
fn sqrt_derivative_is_half_inverse_root() {
    let d64 = |x: f64| 0.5 / x.sqrt();
    let d32 = |x: f32| 0.5 / x.sqrt();
    check1_64(sqrt_f64_grad, sqrt_f64, d64, &[0.25, 2.0, 9.0], TOL64);
    check1_32(sqrt_f32_grad, sqrt_f32, d32, &[0.25, 2.0, 9.0], TOL32);
}

// f(x) = ∛x;  f'(x) = 1 / (3 ∛x²)
#[differentiable]
fn cbrt_f64(x: f64) -> f64 {
    x.cbrt()
}

// f(x) = ∛x;  f'(x) = 1 / (3 ∛x²)
#[differentiable]
fn cbrt_f32(x: f32) -> f32 {
    x.cbrt()
}

#[test]
fn cbrt_derivative_is_a_third_of_inverse_cube_root_squared_on_both_signs() {
    let d64 = |x: f64| 1.0 / (3.0 * (x * x).cbrt());
    let d32 = |x: f32| 1.0 / (3.0 * (x * x).cbrt());
    check1_64(cbrt_f64_grad, cbrt_f64, d64, &[-8.0, 0.5, 27.0], TOL64);
    check1_32(cbrt_f32_grad, cbrt_f32, d32, &[-8.0, 0.5, 27.0], TOL32);
}

// f(x) = x³;  f'(x) = 3x²
#[differentiable]
fn powi_f64(x: f64) -> f64 {
    x.powi(3)
}

// f(x) = x⁻²;  f'(x) = −2x⁻³
#[differentiable]
fn powi_negative_f32(x: f32) -> f32 {
    x.powi(-2)
}

// f(x, n) = xⁿ with a constant integer exponent;  f'(x) = n xⁿ⁻¹
#[differentiable]
fn powi_by_parameter_f64(x: f64, n: i32) -> f64 {
    x.powi(n)
}

// f(x) = x⁴;  f'(x) = 4x³
#[differentiable]
fn powi_f32(x: f32) -> f32 {
    x.powi(4)
}

#[test]
fn powi_follows_the_power_rule_for_positive_negative_and_parameter_exponents() {
    check1_64(powi_f64_grad, powi_f64, |x| 3.0 * x * x, &[-1.5, 0.5, 2.0], TOL64);
    check1_32(powi_f32_grad, powi_f32, |x| 4.0 * x * x * x, &[-1.5, 0.5, 2.0], TOL32);
    let d = |x: f32| -2.0 / (x * x * x);
    check1_32(powi_negative_f32_grad, powi_negative_f32, d, &[-1.5, 0.5, 2.0], TOL32);
    for n in [-3, 1, 2, 5] {
        check1_64(
            |x| powi_by_parameter_f64_grad(x, n),
            |x| powi_by_parameter_f64(x, n),
            |x| f64::from(n) * x.powi(n - 1),
            &[-1.5, 0.5, 2.0],
            TOL64,
        );
    }
}

// f(x, p) = xᵖ;  ∂f/∂x = p xᵖ⁻¹,  ∂f/∂p = xᵖ ln x
#[differentiable]
fn powf_f64(x: f64, p: f64) -> f64 {
    x.powf(p)
}

// f(x, p) = xᵖ;  ∂f/∂x = p xᵖ⁻¹,  ∂f/∂p = xᵖ ln x
#[differentiable]
fn powf_f32(x: f32, p: f32) -> f32 {
    x.powf(p)
}

#[test]
fn powf_differentiates_base_and_exponent() {
    check_n64(
        |p| {
            let (v, (gx, gp)) = powf_f64_grad(p[0], p[1]);
            (v, vec![gx, gp])
        },
        |p| powf_f64(p[0], p[1]),
        |q| {
            let (x, p) = (q[0], q[1]);
            vec![p * x.powf(p - 1.0), x.powf(p) * x.ln()]
        },
        &[&[2.0, 0.5], &[0.5, 3.2], &[3.0, -1.5]],
        TOL64,
    );
    check_n32(
        |p| {
            let (v, (gx, gp)) = powf_f32_grad(p[0], p[1]);
            (v, vec![gx, gp])
        },
        |p| powf_f32(p[0], p[1]),
        |q| {
            let (x, p) = (q[0], q[1]);
            vec![p * x.powf(p - 1.0), x.powf(p) * x.ln()]
        },
        &[&[2.0, 0.5], &[0.5, 3.2], &[3.0, -1.5]],
        TOL32,
    );
}

// f(x) = 1 / x;  f'(x) = −1 / x²
#[differentiable]
fn recip_f64(x: f64) -> f64 {
    x.recip()
}

// f(x) = 1 / x;  f'(x) = −1 / x²
#[differentiable]
fn recip_f32(x: f32) -> f32 {
    x.recip()
}

#[test]
fn recip_derivative_is_negative_inverse_square() {
    let d64 = |x: f64| -1.0 / (x * x);
    let d32 = |x: f32| -1.0 / (x * x);
    check1_64(recip_f64_grad, recip_f64, d64, &[-2.0, 0.5, 3.0], TOL64);
    check1_32(recip_f32_grad, recip_f32, d32, &[-2.0, 0.5, 3.0], TOL32);
}

// f(x, y) = √(x² + y²);  ∂f/∂x = x / f,  ∂f/∂y = y / f
#[differentiable]
fn hypot_f64(x: f64, y: f64) -> f64 {
    x.hypot(y)
}

// f(x, y) = √(x² + y²);  ∂f/∂x = x / f,  ∂f/∂y = y / f
#[differentiable]
fn hypot_f32(x: f32, y: f32) -> f32 {
    x.hypot(y)
}

#[test]
fn hypot_gradient_is_the_unit_vector() {
    check_n64(
        |p| {
            let (v, (gx, gy)) = hypot_f64_grad(p[0], p[1]);
            (v, vec![gx, gy])
        },
        |p| hypot_f64(p[0], p[1]),
        |p| {
            let r = (p[0] * p[0] + p[1] * p[1]).sqrt();
            vec![p[0] / r, p[1] / r]
        },
        &[&[3.0, 4.0], &[-1.0, 2.0], &[0.5, -0.2]],
        TOL64,
    );
    check_n32(
        |p| {
            let (v, (gx, gy)) = hypot_f32_grad(p[0], p[1]);
            (v, vec![gx, gy])
        },
        |p| hypot_f32(p[0], p[1]),
        |p| {
            let r = (p[0] * p[0] + p[1] * p[1]).sqrt();
            vec![p[0] / r, p[1] / r]
        },
        &[&[3.0, 4.0], &[-1.0, 2.0], &[0.5, -0.2]],
        TOL32,
    );
}

// f(x, y, z) = x·y + z (fused);  ∂f/∂x = y,  ∂f/∂y = x,  ∂f/∂z = 1
#[differentiable]
fn mul_add_f64(x: f64, y: f64, z: f64) -> f64 {
    x.mul_add(y, z)
}

// f(x, y, z) = x·y + z (fused);  ∂f/∂x = y,  ∂f/∂y = x,  ∂f/∂z = 1
#[differentiable]
fn mul_add_f32(x: f32, y: f32, z: f32) -> f32 {
    x.mul_add(y, z)
}

#[test]
fn mul_add_differentiates_all_three_operands() {
    check_n64(
        |p| {
            let (v, (gx, gy, gz)) = mul_add_f64_grad(p[0], p[1], p[2]);
            (v, vec![gx, gy, gz])
        },
        |p| mul_add_f64(p[0], p[1], p[2]),
        |p| vec![p[1], p[0], 1.0],
        &[&[2.0, -3.0, 0.5], &[-0.4, 1.7, 9.0]],
        TOL64,
    );
    check_n32(
        |p| {
            let (v, (gx, gy, gz)) = mul_add_f32_grad(p[0], p[1], p[2]);
            (v, vec![gx, gy, gz])
        },
        |p| mul_add_f32(p[0], p[1], p[2]),
        |p| vec![p[1], p[0], 1.0],
        &[&[2.0, -3.0, 0.5], &[-0.4, 1.7, 9.0]],
        TOL32,
    );
}

// ---------------------------------------------------------------------------------------------
// Piecewise functions: abs, max, min, clamp (both sides of every kink, never on it)
// ---------------------------------------------------------------------------------------------

// f(x) = |x|;  f'(x) = sign x  (x ≠ 0)
#[differentiable]
fn abs_f64(x: f64) -> f64 {
    x.abs()
}

// f(x) = |x|;  f'(x) = sign x  (x ≠ 0)
#[differentiable]
fn abs_f32(x: f32) -> f32 {
    x.abs()
}

#[test]
fn abs_derivative_is_the_sign_on_both_sides_of_zero() {
    let d64 = |x: f64| if x > 0.0 { 1.0 } else { -1.0 };
    let d32 = |x: f32| if x > 0.0 { 1.0 } else { -1.0 };
    check1_64(abs_f64_grad, abs_f64, d64, &[-1.5, -0.2, 0.7, 3.0], TOL64);
    check1_32(abs_f32_grad, abs_f32, d32, &[-1.5, -0.2, 0.7, 3.0], TOL32);
}

// f(a, b) = max(a, b);  ∇f = (1, 0) when a > b, (0, 1) when a < b
#[differentiable]
fn max_f64(a: f64, b: f64) -> f64 {
    a.max(b)
}

// f(a, b) = max(a, b);  ∇f = (1, 0) when a > b, (0, 1) when a < b
#[differentiable]
fn max_f32(a: f32, b: f32) -> f32 {
    a.max(b)
}

// f(x) = max(x, 0) (ReLU, literal operand);  f'(x) = 1 when x > 0, 0 when x < 0
#[differentiable]
fn relu_f64(x: f64) -> f64 {
    x.max(0.0)
}

#[test]
fn max_routes_the_gradient_to_the_larger_operand() {
    check_n64(
        |p| {
            let (v, (ga, gb)) = max_f64_grad(p[0], p[1]);
            (v, vec![ga, gb])
        },
        |p| max_f64(p[0], p[1]),
        |p| {
            if p[0] > p[1] { vec![1.0, 0.0] } else { vec![0.0, 1.0] }
        },
        &[&[2.0, 1.0], &[-1.0, 0.5], &[0.3, -4.0], &[-2.0, 3.0]],
        TOL64,
    );
    check_n32(
        |p| {
            let (v, (ga, gb)) = max_f32_grad(p[0], p[1]);
            (v, vec![ga, gb])
        },
        |p| max_f32(p[0], p[1]),
        |p| {
            if p[0] > p[1] { vec![1.0, 0.0] } else { vec![0.0, 1.0] }
        },
        &[&[2.0, 1.0], &[-1.0, 0.5], &[0.3, -4.0], &[-2.0, 3.0]],
        TOL32,
    );
    let relu_d = |x: f64| if x > 0.0 { 1.0 } else { 0.0 };
    check1_64(relu_f64_grad, relu_f64, relu_d, &[-2.0, -0.1, 0.1, 2.0], TOL64);
}

// f(a, b) = min(a, b);  ∇f = (1, 0) when a < b, (0, 1) when a > b
#[differentiable]
fn min_f64(a: f64, b: f64) -> f64 {
    a.min(b)
}

// f(a, b) = min(a, b);  ∇f = (1, 0) when a < b, (0, 1) when a > b
#[differentiable]
fn min_f32(a: f32, b: f32) -> f32 {
    a.min(b)
}

#[test]
fn min_routes_the_gradient_to_the_smaller_operand() {
    check_n64(
        |p| {
            let (v, (ga, gb)) = min_f64_grad(p[0], p[1]);
            (v, vec![ga, gb])
        },
        |p| min_f64(p[0], p[1]),
        |p| {
            if p[0] < p[1] { vec![1.0, 0.0] } else { vec![0.0, 1.0] }
        },
        &[&[2.0, 1.0], &[-1.0, 0.5], &[0.3, -4.0], &[-2.0, 3.0]],
        TOL64,
    );
    check_n32(
        |p| {
            let (v, (ga, gb)) = min_f32_grad(p[0], p[1]);
            (v, vec![ga, gb])
        },
        |p| min_f32(p[0], p[1]),
        |p| {
            if p[0] < p[1] { vec![1.0, 0.0] } else { vec![0.0, 1.0] }
        },
        &[&[2.0, 1.0], &[-1.0, 0.5], &[0.3, -4.0], &[-2.0, 3.0]],
        TOL32,
    );
}

// f(x, lo, hi) = clamp(x, lo, hi);
// ∇f = (0, 1, 0) when x < lo, (1, 0, 0) when lo < x < hi, (0, 0, 1) when x > hi
#[differentiable]
fn clamp_f64(x: f64, lo: f64, hi: f64) -> f64 {
    x.clamp(lo, hi)
}

// f(x, lo, hi) = clamp(x, lo, hi);
// ∇f = (0, 1, 0) when x < lo, (1, 0, 0) when lo < x < hi, (0, 0, 1) when x > hi
#[differentiable]
fn clamp_f32(x: f32, lo: f32, hi: f32) -> f32 {
    x.clamp(lo, hi)
}

// f(x) = clamp(x, −1, 1) with literal bounds;  f'(x) = 1 inside (−1, 1), 0 outside
#[differentiable]
fn clamp_literal_bounds_f32(x: f32) -> f32 {
    x.clamp(-1.0, 1.0)
}

#[test]
fn clamp_routes_the_gradient_to_whichever_of_value_and_bounds_is_returned() {
    fn want64(p: &[f64]) -> Vec<f64> {
        match (p[0] < p[1], p[0] > p[2]) {
            (true, _) => vec![0.0, 1.0, 0.0],
            (_, true) => vec![0.0, 0.0, 1.0],
            _ => vec![1.0, 0.0, 0.0],
        }
    }
    fn want32(p: &[f32]) -> Vec<f32> {
        match (p[0] < p[1], p[0] > p[2]) {
            (true, _) => vec![0.0, 1.0, 0.0],
            (_, true) => vec![0.0, 0.0, 1.0],
            _ => vec![1.0, 0.0, 0.0],
        }
    }
    // Two points below the interval, two inside, two above.
    let points: &[&[f64]] = &[
        &[-2.0, -1.0, 1.5],
        &[-3.0, -0.5, 0.5],
        &[0.3, -1.0, 1.5],
        &[0.1, -0.5, 2.0],
        &[4.0, -1.0, 1.5],
        &[2.5, 0.0, 1.0],
    ];
    check_n64(
        |p| {
            let (v, (gx, glo, ghi)) = clamp_f64_grad(p[0], p[1], p[2]);
            (v, vec![gx, glo, ghi])
        },
        |p| clamp_f64(p[0], p[1], p[2]),
        want64,
        points,
        TOL64,
    );
    let points: &[&[f32]] = &[
        &[-2.0, -1.0, 1.5],
        &[-3.0, -0.5, 0.5],
        &[0.3, -1.0, 1.5],
        &[0.1, -0.5, 2.0],
        &[4.0, -1.0, 1.5],
        &[2.5, 0.0, 1.0],
    ];
    check_n32(
        |p| {
            let (v, (gx, glo, ghi)) = clamp_f32_grad(p[0], p[1], p[2]);
            (v, vec![gx, glo, ghi])
        },
        |p| clamp_f32(p[0], p[1], p[2]),
        want32,
        points,
        TOL32,
    );
    let d = |x: f32| if x.abs() < 1.0 { 1.0 } else { 0.0 };
    check1_32(clamp_literal_bounds_f32_grad, clamp_literal_bounds_f32, d, &[-3.0, -1.7, -0.5, 0.5, 1.4, 3.0], TOL32);
}

// ---------------------------------------------------------------------------------------------
// Associated-function paths (`f64::sin(x)`) instead of method calls
// ---------------------------------------------------------------------------------------------

// f(x) = sin x written as `f64::sin(x)`;  f'(x) = cos x
#[differentiable]
fn path_sin_f64(x: f64) -> f64 {
    f64::sin(x)
}

// f(x) = ln x written as `f32::ln(x)`;  f'(x) = 1 / x
#[differentiable]
fn path_ln_f32(x: f32) -> f32 {
    f32::ln(x)
}

// f(x) = x⁵ written as `f64::powi(x, 5)`;  f'(x) = 5x⁴
#[differentiable]
fn path_powi_f64(x: f64) -> f64 {
    f64::powi(x, 5)
}

#[test]
fn unary_functions_called_by_type_path_match_their_method_forms() {
    check1_64(path_sin_f64_grad, path_sin_f64, |x| x.cos(), &[-1.3, 0.4, 2.0], TOL64);
    check1_32(path_ln_f32_grad, path_ln_f32, |x| 1.0 / x, &[0.3, 1.5, 10.0], TOL32);
    let d = |x: f64| 5.0 * x.powi(4);
    check1_64(path_powi_f64_grad, path_powi_f64, d, &[-1.5, 0.5, 2.0], TOL64);
}

// f(y, x) = atan2(y, x) written as `f64::atan2(y, x)`;  ∇f = (x, −y) / (x² + y²)
#[differentiable]
fn path_atan2_f64(y: f64, x: f64) -> f64 {
    f64::atan2(y, x)
}

// f(x, y) = √(x² + y²) written as `f32::hypot(x, y)`;  ∇f = (x, y) / f
#[differentiable]
fn path_hypot_f32(x: f32, y: f32) -> f32 {
    f32::hypot(x, y)
}

// f(x, y, z) = x·y + z written as `f64::mul_add(x, y, z)`;  ∇f = (y, x, 1)
#[differentiable]
fn path_mul_add_f64(x: f64, y: f64, z: f64) -> f64 {
    f64::mul_add(x, y, z)
}

#[test]
fn binary_functions_called_by_type_path_differentiate_every_argument() {
    check_n64(
        |p| {
            let (v, (gy, gx)) = path_atan2_f64_grad(p[0], p[1]);
            (v, vec![gy, gx])
        },
        |p| path_atan2_f64(p[0], p[1]),
        |p| {
            let r2 = p[0] * p[0] + p[1] * p[1];
            vec![p[1] / r2, -p[0] / r2]
        },
        &[&[0.5, 1.5], &[-0.7, -0.3]],
        TOL64,
    );
    check_n32(
        |p| {
            let (v, (gx, gy)) = path_hypot_f32_grad(p[0], p[1]);
            (v, vec![gx, gy])
        },
        |p| path_hypot_f32(p[0], p[1]),
        |p| {
            let r = (p[0] * p[0] + p[1] * p[1]).sqrt();
            vec![p[0] / r, p[1] / r]
        },
        &[&[3.0, 4.0], &[-1.0, 2.0]],
        TOL32,
    );
    check_n64(
        |p| {
            let (v, (gx, gy, gz)) = path_mul_add_f64_grad(p[0], p[1], p[2]);
            (v, vec![gx, gy, gz])
        },
        |p| path_mul_add_f64(p[0], p[1], p[2]),
        |p| vec![p[1], p[0], 1.0],
        &[&[2.0, -3.0, 0.5], &[-0.4, 1.7, 9.0]],
        TOL64,
    );
}

// f(x) = min(0.2, x) written `f64::min(0.2, x)`, an unsuffixed literal first;
// f'(x) = 1 for x < 0.2, 0 for x > 0.2
#[differentiable]
fn path_min_with_literal_first(x: f64) -> f64 {
    f64::min(0.2, x)
}

// f(x) = atan2(1, x) written `f32::atan2(1.0, x)`;  f'(x) = −1 / (1 + x²)
#[differentiable]
fn path_atan2_with_literal_first_f32(x: f32) -> f32 {
    f32::atan2(1.0, x)
}

#[test]
fn type_path_calls_with_an_unsuffixed_literal_first_argument_differentiate_the_second() {
    let d = |x: f64| if x < 0.2 { 1.0 } else { 0.0 };
    let f = path_min_with_literal_first;
    check1_64(path_min_with_literal_first_grad, f, d, &[-1.0, 0.1, 0.5, 2.0], TOL64);
    let d = |x: f32| -1.0 / (1.0 + x * x);
    let f = path_atan2_with_literal_first_f32;
    check1_32(path_atan2_with_literal_first_f32_grad, f, d, &[-2.0, 0.5, 3.0], TOL32);
}

// ---------------------------------------------------------------------------------------------
// Methods whose receiver is a literal and whose argument is active
// ---------------------------------------------------------------------------------------------

// f(x) = 2ˣ written `2.0f64.powf(x)` (active exponent only);  f'(x) = 2ˣ ln 2
#[differentiable]
fn literal_base_powf(x: f64) -> f64 {
    2.0f64.powf(x)
}

// f(x) = 3ˣ written `3.0f32.powf(x)`;  f'(x) = 3ˣ ln 3
#[differentiable]
fn literal_base_powf_f32(x: f32) -> f32 {
    3.0f32.powf(x)
}

// f(x) = atan2(3, x);  f'(x) = −3 / (9 + x²)
#[differentiable]
fn literal_atan2(x: f64) -> f64 {
    3.0f64.atan2(x)
}

// f(x) = log_x 2 = ln 2 / ln x (active base only);  f'(x) = −ln 2 / (x ln² x)
#[differentiable]
fn literal_log_of_active_base(x: f64) -> f64 {
    2.0f64.log(x)
}

// f(x) = 0.5x + 1 + (1.5·2 + x), two `mul_add`s on literal receivers;  f'(x) = 1.5
#[differentiable]
fn literal_receiver_mul_add(x: f64) -> f64 {
    0.5f64.mul_add(x, 1.0) + 1.5f64.mul_add(2.0, x)
}

#[test]
fn literal_receivers_pass_the_gradient_to_the_active_argument() {
    let d = |x: f64| x.exp2() * c64::LN_2;
    check1_64(literal_base_powf_grad, literal_base_powf, d, &[-1.0, 0.5, 3.0], TOL64);
    let d = |x: f32| 3f32.powf(x) * 3f32.ln();
    check1_32(literal_base_powf_f32_grad, literal_base_powf_f32, d, &[-1.0, 0.5, 2.0], TOL32);
    let d = |x: f64| -3.0 / (9.0 + x * x);
    check1_64(literal_atan2_grad, literal_atan2, d, &[-2.0, 0.5, 3.0], TOL64);
    let d = |x: f64| -c64::LN_2 / (x * x.ln() * x.ln());
    let f = literal_log_of_active_base;
    check1_64(literal_log_of_active_base_grad, f, d, &[0.3, 2.5, 10.0], TOL64);
    let f = literal_receiver_mul_add;
    check1_64(literal_receiver_mul_add_grad, f, |_| 1.5, &[-2.0, 0.5, 3.0], TOL64);
}

// ---------------------------------------------------------------------------------------------
// Arithmetic operators with constants, literals and parentheses
// ---------------------------------------------------------------------------------------------

const SCALE: f64 = 2.5;

// f(x, y) = (x + 2) − (y − x) + SCALE·y − 1.5 + 0.25;  ∂f/∂x = 2,  ∂f/∂y = SCALE − 1
#[differentiable]
fn sums_and_differences_with_constants(x: f64, y: f64) -> f64 {
    (x + 2.0) - (y - x) + SCALE * y - 1.5 + 0.25
}

#[test]
fn sums_and_differences_pass_unit_gradients_through_constants() {
    check_n64(
        |p| {
            let (v, (gx, gy)) = sums_and_differences_with_constants_grad(p[0], p[1]);
            (v, vec![gx, gy])
        },
        |p| sums_and_differences_with_constants(p[0], p[1]),
        |_| vec![2.0, SCALE - 1.0],
        &[&[0.3, -1.2], &[4.0, 7.5]],
        TOL64,
    );
}

// f(x, y) = x·y / (x + 1);  ∂f/∂x = y / (x + 1)²,  ∂f/∂y = x / (x + 1)
#[differentiable]
fn product_over_sum(x: f64, y: f64) -> f64 {
    x * y / (x + 1.0)
}

#[test]
fn product_over_sum_uses_product_and_quotient_rules() {
    check_n64(
        |p| {
            let (v, (gx, gy)) = product_over_sum_grad(p[0], p[1]);
            (v, vec![gx, gy])
        },
        |p| product_over_sum(p[0], p[1]),
        |p| {
            let (x, y) = (p[0], p[1]);
            vec![y / ((x + 1.0) * (x + 1.0)), x / (x + 1.0)]
        },
        &[&[0.5, 2.0], &[-3.0, 0.7], &[2.0, -1.5]],
        TOL64,
    );
}

// f(x) = 2/x − 3x + (1 − x) with literals on the left;  f'(x) = −2/x² − 4
#[differentiable]
fn literals_on_the_left(x: f64) -> f64 {
    2.0 / x - 3.0 * x + (1.0 - x)
}

#[test]
fn literals_on_the_left_of_operators_are_constants() {
    let d = |x: f64| -2.0 / (x * x) - 4.0;
    check1_64(literals_on_the_left_grad, literals_on_the_left, d, &[-1.5, 0.5, 3.0], TOL64);
}

// f(x, y) = −x·y + −(x − y);  ∂f/∂x = −y − 1,  ∂f/∂y = −x + 1
#[differentiable]
fn unary_negation(x: f64, y: f64) -> f64 {
    -x * y + -(x - y)
}

#[test]
fn unary_negation_flips_the_gradient_sign() {
    check_n64(
        |p| {
            let (v, (gx, gy)) = unary_negation_grad(p[0], p[1]);
            (v, vec![gx, gy])
        },
        |p| unary_negation(p[0], p[1]),
        |p| vec![-p[1] - 1.0, -p[0] + 1.0],
        &[&[0.5, 2.0], &[-3.0, 0.7]],
        TOL64,
    );
}

// f(x, y) = (x + y)(x − y) / (2(y + 3)) = (x² − y²) / (2(y + 3));
// ∂f/∂x = x / (y + 3),  ∂f/∂y = −(x² + y² + 6y) / (2(y + 3)²)
#[differentiable]
fn nested_parentheses(x: f64, y: f64) -> f64 {
    ((x + y) * (x - y)) / (2.0 * (y + 3.0))
}

#[test]
fn nested_parentheses_differentiate_as_grouped() {
    check_n64(
        |p| {
            let (v, (gx, gy)) = nested_parentheses_grad(p[0], p[1]);
            (v, vec![gx, gy])
        },
        |p| nested_parentheses(p[0], p[1]),
        |p| {
            let (x, y) = (p[0], p[1]);
            vec![x / (y + 3.0), -(x * x + y * y + 6.0 * y) / (2.0 * (y + 3.0) * (y + 3.0))]
        },
        &[&[0.5, 2.0], &[-3.0, 0.7], &[1.5, -2.5]],
        TOL64,
    );
}

// f(x) = x·x·x + x/(x·x) = x³ + 1/x;  f'(x) = 3x² − 1/x²
#[differentiable]
fn same_value_used_repeatedly(x: f64) -> f64 {
    x * x * x + x / (x * x)
}

#[test]
fn a_value_used_several_times_accumulates_every_use() {
    let d = |x: f64| 3.0 * x * x - 1.0 / (x * x);
    let f = same_value_used_repeatedly;
    check1_64(same_value_used_repeatedly_grad, f, d, &[-1.5, 0.5, 2.0], TOL64);
}

// f(x, y) = (x − 1)·y / (2 + y) − −x, with suffixed literals;
// ∂f/∂x = y / (2 + y) + 1,  ∂f/∂y = 2(x − 1) / (2 + y)²
#[differentiable]
fn mixed_arithmetic_f32(x: f32, y: f32) -> f32 {
    (x - 1.0_f32) * y / (2f32 + y) - -x
}

#[test]
fn f32_arithmetic_with_suffixed_literals_matches_hand_derivative() {
    check_n32(
        |p| {
            let (v, (gx, gy)) = mixed_arithmetic_f32_grad(p[0], p[1]);
            (v, vec![gx, gy])
        },
        |p| mixed_arithmetic_f32(p[0], p[1]),
        |p| {
            let (x, y) = (p[0], p[1]);
            vec![y / (2.0 + y) + 1.0, 2.0 * (x - 1.0) / ((2.0 + y) * (2.0 + y))]
        },
        &[&[0.5, 2.0], &[-3.0, 0.7], &[2.5, -1.5]],
        TOL32,
    );
}

// f(x, y) = x % y (truncated remainder x − y·trunc(x/y));  ∂f/∂x = 1,  ∂f/∂y = −trunc(x/y)
#[differentiable]
fn remainder(x: f64, y: f64) -> f64 {
    x % y
}

#[test]
fn remainder_has_unit_slope_in_the_dividend_and_minus_the_quotient_in_the_divisor() {
    check_n64(
        |p| {
            let (v, (gx, gy)) = remainder_grad(p[0], p[1]);
            (v, vec![gx, gy])
        },
        |p| remainder(p[0], p[1]),
        |p| vec![1.0, -(p[0] / p[1]).trunc()],
        &[&[2.5, 0.7], &[-1.3, 0.5], &[7.1, -2.0]],
        TOL64,
    );
}

// ---------------------------------------------------------------------------------------------
// Rounding: piecewise constant, so the gradient is exactly zero away from the jumps
// ---------------------------------------------------------------------------------------------

// f(x) = ⌊x⌋;  f'(x) = 0 away from integers
#[differentiable]
fn floor_f64(x: f64) -> f64 {
    x.floor()
}

// f(x) = ⌈x⌉;  f'(x) = 0 away from integers
#[differentiable]
fn ceil_f64(x: f64) -> f64 {
    x.ceil()
}

// f(x) = round(x);  f'(x) = 0 away from half-integers
#[differentiable]
fn round_f64(x: f64) -> f64 {
    x.round()
}

// f(x) = trunc(x);  f'(x) = 0 away from integers
#[differentiable]
fn trunc_f64(x: f64) -> f64 {
    x.trunc()
}

// f(x) = ⌊x⌋;  f'(x) = 0 away from integers
#[differentiable]
fn floor_f32(x: f32) -> f32 {
    x.floor()
}

// f(x) = ⌈x⌉;  f'(x) = 0 away from integers
#[differentiable]
fn ceil_f32(x: f32) -> f32 {
    x.ceil()
}

// f(x) = round(x);  f'(x) = 0 away from half-integers
#[differentiable]
fn round_f32(x: f32) -> f32 {
    x.round()
}

// f(x) = trunc(x);  f'(x) = 0 away from integers
#[differentiable]
fn trunc_f32(x: f32) -> f32 {
    x.trunc()
}

#[test]
fn rounding_functions_have_exactly_zero_gradient_away_from_jumps() {
    type Grad64 = fn(f64) -> (f64, f64);
    type Plain64 = fn(f64) -> f64;
    type Grad32 = fn(f32) -> (f32, f32);
    type Plain32 = fn(f32) -> f32;
    let grads64: [(Grad64, Plain64); 4] = [
        (floor_f64_grad, floor_f64),
        (ceil_f64_grad, ceil_f64),
        (round_f64_grad, round_f64),
        (trunc_f64_grad, trunc_f64),
    ];
    for (grad, f) in grads64 {
        for x in [-2.3, -0.7, 0.2, 3.6] {
            let (value, g) = grad(x);
            assert_eq!(value, f(x));
            assert_eq!(g, 0.0, "at x = {x}");
            assert_eq!(fd(f, x), 0.0, "finite differences at x = {x}");
        }
    }
    let grads32: [(Grad32, Plain32); 4] = [
        (floor_f32_grad, floor_f32),
        (ceil_f32_grad, ceil_f32),
        (round_f32_grad, round_f32),
        (trunc_f32_grad, trunc_f32),
    ];
    for (grad, f) in grads32 {
        for x in [-2.3, -0.7, 0.2, 3.6] {
            let (value, g) = grad(x);
            assert_eq!(value, f(x));
            assert_eq!(g, 0.0, "at x = {x}");
            assert_eq!(fd32(f, x), 0.0, "finite differences at x = {x}");
        }
    }
}

// f(x) = x·⌊x⌋;  f'(x) = ⌊x⌋ (the floor factor is a constant)
#[differentiable]
fn times_its_floor(x: f64) -> f64 {
    x * x.floor()
}

// f(x) = x − trunc(x) (fractional part);  f'(x) = 1
#[differentiable]
fn fractional_part_f32(x: f32) -> f32 {
    x - x.trunc()
}

// f(x) = x²·⌈x⌉ + round(x);  f'(x) = 2x⌈x⌉
#[differentiable]
fn ceil_and_round_as_factors(x: f64) -> f64 {
    x * x * x.ceil() + x.round()
}

#[test]
fn rounded_values_act_as_constant_factors() {
    let pts = &[-2.3, -0.7, 1.2, 3.6];
    check1_64(times_its_floor_grad, times_its_floor, |x| x.floor(), pts, TOL64);
    let d = |x: f64| 2.0 * x * x.ceil();
    check1_64(ceil_and_round_as_factors_grad, ceil_and_round_as_factors, d, pts, TOL64);
    let pts = &[-2.3, -0.7, 1.2, 3.6];
    check1_32(fractional_part_f32_grad, fractional_part_f32, |_| 1.0, pts, TOL32);
}

// ---------------------------------------------------------------------------------------------
// `as` casts
// ---------------------------------------------------------------------------------------------

// f(x: f32) = y·sin y with y = x as f64;  f'(x) = sin y + y cos y (returned as f32)
#[differentiable]
fn widened_to_f64(x: f32) -> f64 {
    let y = x as f64;
    y * y.sin()
}

#[test]
fn casting_f32_to_f64_carries_the_gradient_back_in_f32() {
    for x in [-1.2f32, 0.5, 2.0] {
        let (value, g) = widened_to_f64_grad(x);
        assert_eq!(value, widened_to_f64(x));
        let y = x as f64;
        let want = (y.sin() + y * y.cos()) as f32;
        assert_rel32(g, want, EXACT32, &format!("hand-derived at x = {x}"));
        let numeric = fd32(|t| widened_to_f64(t) as f32, x);
        assert_rel32(g, numeric, FD_TOL32, &format!("finite differences at x = {x}"));
    }
}

// f(x: f64) = 2·e^(x as f32) (in f32);  f'(x) = 2e^x, computed in f32 precision
#[differentiable]
fn narrowed_to_f32(x: f64) -> f32 {
    (x as f32).exp() * 2.0
}

#[test]
fn casting_f64_to_f32_carries_the_gradient_back_in_f64() {
    for x in [-1.2f64, 0.5, 2.0] {
        let (value, g) = narrowed_to_f32_grad(x);
        assert_eq!(value, narrowed_to_f32(x));
        // The adjoint is computed in f32 and widened, so it only has f32 precision.
        let want = 2.0 * (x as f32).exp() as f64;
        assert_rel64(g, want, EXACT32 as f64, &format!("hand-derived at x = {x}"));
        // Differences in f32 steps: a step of H64 would be lost in the rounding to f32.
        let numeric = fd32(|t| narrowed_to_f32(t as f64), x as f32);
        assert_rel64(g, numeric as f64, FD_TOL32 as f64, &format!("fd at x = {x}"));
    }
}

// f(x) = 3·((x as f32) as f64);  f'(x) = 3 (the round trip is the identity for gradients)
#[differentiable]
fn round_trip_through_f32(x: f64) -> f64 {
    (x as f32) as f64 * 3.0
}

// f(x) = (x as f64)·x with x already f64 (an identity cast);  f'(x) = 2x
#[differentiable]
#[allow(clippy::unnecessary_cast)] // the identity cast is what is under test
fn identity_cast(x: f64) -> f64 {
    (x as f64) * x
}

#[test]
fn round_trip_and_identity_casts_keep_the_gradient() {
    for x in [-1.2f64, 0.5, 2.0] {
        let (value, g) = round_trip_through_f32_grad(x);
        assert_eq!(value, round_trip_through_f32(x));
        assert_eq!(g, 3.0, "at x = {x}");
        let numeric = fd32(|t| round_trip_through_f32(t as f64) as f32, x as f32);
        assert_rel64(g, numeric as f64, FD_TOL32 as f64, &format!("fd at x = {x}"));
    }
    check1_64(identity_cast_grad, identity_cast, |x| 2.0 * x, &[-1.2, 0.5, 2.0], TOL64);
}

// f(x, n) = x·(n as f64) + (n·n) as f64, n a constant integer;  f'(x) = n
#[differentiable]
fn scaled_by_integer_count(x: f64, n: i32) -> f64 {
    x * n as f64 + (n * n) as f64
}

// f(x, k) = x² / (k as f32) + (k as f32), k a constant usize;  f'(x) = 2x / k
#[differentiable]
fn divided_by_usize_f32(x: f32, k: usize) -> f32 {
    x * x / (k as f32) + k as f32
}

#[test]
fn integers_cast_to_float_are_constants() {
    for n in [-2, 3, 7] {
        check1_64(
            |x| scaled_by_integer_count_grad(x, n),
            |x| scaled_by_integer_count(x, n),
            |_| f64::from(n),
            &[-1.2, 0.5, 2.0],
            TOL64,
        );
    }
    for k in [1usize, 4] {
        check1_32(
            |x| divided_by_usize_f32_grad(x, k),
            |x| divided_by_usize_f32(x, k),
            |x| 2.0 * x / k as f32,
            &[-1.2, 0.5, 2.0],
            TOL32,
        );
    }
}
