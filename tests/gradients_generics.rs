//! Functions generic over their float type (`fn f<T: Float>(x: &[T]) -> T`, DESIGN.md §4),
//! called with `f32` and with `f64`, by inference and with `::<T>`, in every mode.
//!
//! Each function's comment gives it with its hand-derived derivative; each test checks the
//! generated derivatives against that and against central differences.

#![allow(clippy::needless_range_loop, reason = "index loops are what these tests differentiate")]

mod common;
use backprop::{Float, differentiable};
use common::*;
use core::ops::{Add, Mul};

// s(x) = Σ xᵢ·sin xᵢ;  ∂s/∂xᵢ = sin xᵢ + xᵢ cos xᵢ
#[differentiable]
fn weighted_sines<T: Float>(x: &[T]) -> T {
    let mut s = T::ZERO;
    for i in 0..x.len() {
        s += x[i] * x[i].sin();
    }
    s
}

fn weighted_sines_64(x: &[f64]) -> f64 {
    x.iter().map(|v| v * v.sin()).sum()
}

#[test]
fn a_generic_loop_differentiates_in_both_float_types() {
    let df = |x: &[f64]| x.iter().map(|v| v.sin() + v * v.cos()).collect::<Vec<_>>();
    let points: [&[f64]; 2] = [&[0.3, -1.2, 2.0], &[1.0, 0.5, -0.7]];
    check_n64(weighted_sines_grad, weighted_sines_64, df, &points, TOL64);
    let df32 = |x: &[f32]| x.iter().map(|v| v.sin() + v * v.cos()).collect::<Vec<_>>();
    let f32_points: [&[f32]; 2] = [&[0.3, -1.2, 2.0], &[1.0, 0.5, -0.7]];
    let f32_fn = |x: &[f32]| weighted_sines::<f32>(x);
    check_n32(weighted_sines_grad::<f32>, f32_fn, df32, &f32_points, TOL32);
}

#[test]
fn a_generic_loop_has_forward_and_second_order_forms() {
    let x = [0.3f64, -1.2, 2.0];
    let v = [1.0, -2.0, 0.5];
    let (value, directional) = weighted_sines_jvp(&x, &v);
    let (_, gradient) = weighted_sines_grad(&x);
    assert_eq!(value, weighted_sines_64(&x));
    let want: f64 = gradient.iter().zip(&v).map(|(g, d)| g * d).sum();
    assert_rel64(directional, want, EXACT64, "jvp = ⟨∇s, v⟩");
    // ∂²s/∂xᵢ² = 2 cos xᵢ − xᵢ sin xᵢ, diagonal
    let (_, g, hv) = weighted_sines_hvp(&x, &v);
    assert_grad_close(&g, &gradient, 0.0);
    for i in 0..3 {
        let h = 2.0 * x[i].cos() - x[i] * x[i].sin();
        assert_rel64(hv[i], h * v[i], EXACT64, &format!("H·v entry {i}"));
    }
    let (_, d32) = weighted_sines_jvp::<f32>(&[0.3, -1.2, 2.0], &[1.0, -2.0, 0.5]);
    assert_rel32(d32, want as f32, 1e-5, "f32 jvp");
}

// p(x, y) = x²y + y with bounds on the operators only;  ∇p = (2xy, x² + 1),
// H = [[2y, 2x], [2x, 0]]
#[differentiable]
fn operator_bounds<T>(x: T, y: T) -> T
where
    T: Copy + Mul<Output = T> + Add<Output = T>,
{
    x * x * y + y
}

#[test]
fn operator_bounds_in_a_where_clause_are_enough_for_the_user() {
    for (x, y) in [(2.0f64, 3.0), (-0.5, 1.5)] {
        let (v, (gx, gy)) = operator_bounds_grad(x, y);
        assert_eq!(v, x * x * y + y);
        assert_eq!((gx, gy), (2.0 * x * y, x * x + 1.0));
        let (_, (_, _), (hx, hy)) = operator_bounds_hvp(x, y, 1.0, -1.0);
        assert_eq!((hx, hy), (2.0 * y - 2.0 * x, 2.0 * x));
    }
    let (v, (gx, gy)) = operator_bounds_grad(2.0f32, 3.0);
    assert_eq!((v, gx, gy), (15.0, 12.0, 5.0));
    let (_, d) = operator_bounds_jvp(2.0f32, 3.0, 0.5, 2.0);
    assert_eq!(d, 12.0 * 0.5 + 5.0 * 2.0);
}

// q(u) = u²
#[differentiable]
fn generic_square<T: Float>(u: T) -> T {
    u * u
}

// ‖x‖ = √(Σ q(xᵢ));  ∂‖x‖/∂xᵢ = xᵢ / ‖x‖
#[differentiable]
fn generic_norm<T: Float>(x: &[T]) -> T {
    let s: T = x.iter().map(|v| generic_square(*v)).sum();
    s.sqrt()
}

// c(x, y) = q(x)/2 + ‖(x, y)‖ + x³ − ln(1 + eʸ), calling generic functions with and without
// `::<T>`;  ∂c/∂x = x + x/r + 3x²,  ∂c/∂y = y/r − eʸ/(1 + eʸ),  r = √(x² + y²)
#[differentiable]
fn calls_generic_functions<T: Float>(x: T, y: T) -> T {
    generic_square::<T>(x) * T::from_f64(0.5) + generic_norm(&[x, y]) + x.powi(3) - y.exp().ln_1p()
}

fn calls_generic_64(p: &[f64]) -> f64 {
    let (x, y) = (p[0], p[1]);
    x * x * 0.5 + (x * x + y * y).sqrt() + x.powi(3) - y.exp().ln_1p()
}

#[test]
fn generic_functions_call_generic_functions_by_inference_and_by_turbofish() {
    let df = |p: &[f64]| {
        let (x, y) = (p[0], p[1]);
        let r = (x * x + y * y).sqrt();
        vec![x + x / r + 3.0 * x * x, y / r - y.exp() / (1.0 + y.exp())]
    };
    let grad = |p: &[f64]| {
        let (v, (gx, gy)) = calls_generic_functions_grad(p[0], p[1]);
        (v, vec![gx, gy])
    };
    check_n64(grad, calls_generic_64, df, &[&[0.3, 0.7], &[-1.1, 0.4]], TOL64);
    let (v32, (gx, gy)) = calls_generic_functions_grad(0.3f32, 0.7);
    let want = df(&[0.3, 0.7]);
    assert_rel32(v32, calls_generic_64(&[0.3, 0.7]) as f32, 1e-6, "f32 value");
    assert_rel32(gx, want[0] as f32, 1e-5, "f32 ∂x");
    assert_rel32(gy, want[1] as f32, 1e-5, "f32 ∂y");
    // H·(1, 0) against differences of the gradient
    let (_, _, (hx, hy)) = calls_generic_functions_hvp(0.3f64, 0.7, 1.0, 0.0);
    let h = 1e-5;
    let (_, (a, b)) = calls_generic_functions_grad(0.3 + h, 0.7);
    let (_, (c, d)) = calls_generic_functions_grad(0.3 - h, 0.7);
    assert_rel64(hx, (a - c) / (2.0 * h), 1e-6, "H·e₀ entry 0");
    assert_rel64(hy, (b - d) / (2.0 * h), 1e-6, "H·e₀ entry 1");
}

// r(x)ᵢ = xᵢ·x₍ᵢ₊₁₎ mod N, generic over the float type and the length
#[differentiable]
fn cyclic_products<T: Float, const N: usize>(x: [T; N]) -> Vec<T> {
    let mut out = vec![T::ZERO; N];
    for i in 0..N {
        out[i] = x[i] * x[(i + 1) % N];
    }
    out
}

#[test]
fn const_generic_arrays_and_vector_outputs() {
    let x = [1.0f64, 2.0, 3.0];
    let (value, pullback) = cyclic_products_vjp(x);
    assert_eq!(value, vec![2.0, 6.0, 3.0]);
    // wᵀJ with w = (1, -1, 2): ∂/∂x₀ = w₀x₁ + w₂x₂, ∂/∂x₁ = w₀x₀ + w₁x₂, ∂/∂x₂ = w₁x₁ + w₂x₀
    let g = pullback(vec![1.0, -1.0, 2.0]);
    assert_eq!(g, [2.0 + 6.0, 1.0 - 3.0, -2.0 + 2.0]);
    let (_, tangent) = cyclic_products_jvp([1.0f32, 2.0, 3.0, 4.0], [1.0, 0.0, 0.0, 0.0]);
    assert_eq!(tangent, vec![2.0, 0.0, 0.0, 4.0]);
}

// h(x) = tanh(max(a₃(x), 0)) with a₀ = 1, aₖ₊₁ = aₖ·x + k (Horner, n steps), wrt x only;
// n = 3: a₃ = x³ + kx² + kx + k,  h' = (1 − h²)(3x² + 2kx + k) where a₃ > 0
#[differentiable(wrt(x))]
fn horner_tanh<T: Float>(x: T, k: T, n: usize) -> T {
    let mut acc = T::ONE;
    for _ in 0..n {
        acc = acc * x + k;
    }
    acc.max(T::ZERO).tanh()
}

#[test]
fn wrt_leaves_a_generic_parameter_out() {
    let f = |x: f64| (x.powi(3) + 0.2 * x * x + 0.2 * x + 0.2).max(0.0).tanh();
    let df = |x: f64| (1.0 - f(x).powi(2)) * (3.0 * x * x + 0.4 * x + 0.2);
    check1_64(|x| horner_tanh_grad(x, 0.2, 3), f, df, &[0.3, 1.1, -0.2], TOL64);
    let f32_ = |x: f32| (x.powi(3) + 0.2 * x * x + 0.2 * x + 0.2).max(0.0).tanh();
    let df32 = |x: f32| (1.0 - f32_(x).powi(2)) * (3.0 * x * x + 0.4 * x + 0.2);
    check1_32(|x| horner_tanh_grad(x, 0.2f32, 3), f32_, df32, &[0.3, 1.1, -0.2], TOL32);
}

// xⁿ by recursion, generic;  n xⁿ⁻¹
#[differentiable]
fn generic_power<T: Float>(x: T, n: u32) -> T {
    if n == 0 { T::ONE } else { x * generic_power(x, n - 1) }
}

#[test]
fn generic_recursion_in_both_float_types() {
    check1_64(
        |x| generic_power_grad(x, 5),
        |x| x * (x * (x * (x * (x * 1.0)))),
        |x| 5.0 * x.powi(4),
        &[0.7, -1.3],
        TOL64,
    );
    check1_32(|x| generic_power_grad(x, 4), |x| x * (x * (x * (x * 1.0))), |x| 4.0 * x.powi(3), &[0.7, -1.3], TOL32);
    // d²/dx² x⁵ = 20x³
    let (_, _, hv) = generic_power_hvp(0.7f64, 5, 2.0);
    assert_rel64(hv, 20.0 * 0.7f64.powi(3) * 2.0, EXACT64, "second derivative");
}

// A generic closure and match: g(x) = Σ φ(xᵢ), φ(v) = v² for v < 0, k·v otherwise (k = 3)
#[differentiable]
fn generic_piecewise<T: Float>(x: &[T]) -> T {
    let k = T::from_f64(3.0);
    let phi = |v: T| if v < T::ZERO { v * v } else { k * v };
    let mut total = T::ZERO;
    for i in 0..x.len() {
        total += match i % 2 {
            0 => phi(x[i]),
            _ => phi(x[i]) * T::from_f64(2.0),
        };
    }
    total
}

#[test]
fn generic_closures_and_match() {
    let phi = |v: f64| if v < 0.0 { v * v } else { 3.0 * v };
    let dphi = |v: f64| if v < 0.0 { 2.0 * v } else { 3.0 };
    let f = |x: &[f64]| x.iter().enumerate().map(|(i, v)| phi(*v) * if i % 2 == 0 { 1.0 } else { 2.0 }).sum();
    let df = |x: &[f64]| {
        x.iter().enumerate().map(|(i, v)| dphi(*v) * if i % 2 == 0 { 1.0 } else { 2.0 }).collect::<Vec<_>>()
    };
    check_n64(generic_piecewise_grad, f, df, &[&[-0.5, 0.7, 1.2], &[0.3, -2.0, -0.1]], TOL64);
    let (_, g32) = generic_piecewise_grad(&[-0.5f32, 0.7, 1.2]);
    assert_eq!(g32, vec![-1.0, 6.0, 3.0]);
}

// g = (Σ xᵢ)·(Π xᵢ) through `.iter().sum()` and `.iter().product()` in generic code (found by a
// reviewer: `Float` lacked `Product` and `Sum<&T>`);  ∂g/∂xᵢ = P + S·P/xᵢ
#[differentiable]
fn sum_times_product<T: Float>(x: &[T]) -> T {
    let s: T = x.iter().sum();
    let p: T = x.iter().product();
    s * p
}

#[test]
fn generic_sums_and_products() {
    assert_eq!(sum_times_product_grad(&[1.0f64, 2.0, 3.0]), (36.0, vec![42.0, 24.0, 18.0]));
    assert_eq!(sum_times_product_grad(&[1.0f32, 2.0]), (6.0, vec![8.0, 5.0]));
}

// A constant parameter that no parameter's type names: the generated forms call one another
// with `::<N>` (found by a stranger's review: they did not compile). f = N·x₀², ∂f/∂x₀ = 2N·x₀,
// H = diag(2N, 0).
#[differentiable]
fn scaled_square<const N: usize>(x: &[f64]) -> f64 {
    x[0] * x[0] * (N as f64)
}

#[differentiable]
fn calls_scaled_square(x: &[f64]) -> f64 {
    scaled_square::<3>(x) + x[1]
}

#[test]
fn a_constant_parameter_only_the_body_uses() {
    let x = [2.0, 1.0];
    let (v, g) = scaled_square_grad::<3>(&x);
    assert_eq!((v, g), (12.0, vec![12.0, 0.0]));
    let (_, g, hv) = scaled_square_hvp::<3>(&x, &[1.0, 0.0]);
    assert_eq!((g, hv), (vec![12.0, 0.0], vec![6.0, 0.0]));
    let (_, tangent) = scaled_square_jvp::<5>(&x, &[1.0, 0.0]);
    assert_eq!(tangent, 20.0);
    check_n64(
        calls_scaled_square_grad,
        calls_scaled_square,
        |p| vec![6.0 * p[0], 1.0],
        &[&[2.0, 1.0], &[-0.5, 3.0]],
        TOL64,
    );
}
