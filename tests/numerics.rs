//! Numerics at the edges: the derivative conventions at kinks, NaN and infinity, and the
//! stability of softmax-style code at logits of ±1000, in `f32` and `f64`.
//!
//! Every function is `#[differentiable]` (or a runtime layer written with it) and is evaluated
//! *exactly* at the kink or the extreme value. Each convention is documented in
//! `docs/numerics.md`, which names the test that pins it, and compared there with what JAX
//! (`benches/peers/kinks_jax.py`) and PyTorch return. The expected values are written out by
//! hand from the convention or the analytic derivative, never computed by the code under test.
#![allow(clippy::needless_range_loop, reason = "index loops are what the macro differentiates")]

mod common;
use backprop::Tensor;
use backprop::differentiable;
use common::{assert_rel32, assert_rel64};

/// Asserts `got` equals `want` within `approx`'s relative tolerance, or within `abs` of it
/// (for expected values that are zero or underflow to zero).
#[track_caller]
fn close64(got: f64, want: f64, abs: f64, rel: f64, case: &str) {
    assert!(
        approx::relative_eq!(got, want, epsilon = abs, max_relative = rel),
        "{case}: got {got}, expected {want} (epsilon {abs}, max_relative {rel})"
    );
}

/// Same as [`close64`], for `f32`.
#[track_caller]
fn close32(got: f32, want: f32, abs: f32, rel: f32, case: &str) {
    assert!(
        approx::relative_eq!(got, want, epsilon = abs, max_relative = rel),
        "{case}: got {got}, expected {want} (epsilon {abs}, max_relative {rel})"
    );
}

/// Asserts two vectors agree entry by entry, as [`close64`].
#[track_caller]
fn all_close64(got: &[f64], want: &[f64], abs: f64, rel: f64, case: &str) {
    assert_eq!(got.len(), want.len(), "{case}: lengths differ");
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        assert!(g.is_finite(), "{case}: entry {i} is {g}");
        close64(g, w, abs, rel, &format!("{case}, entry {i}"));
    }
}

/// Asserts two vectors agree entry by entry, as [`close32`].
#[track_caller]
fn all_close32(got: &[f32], want: &[f32], abs: f32, rel: f32, case: &str) {
    assert_eq!(got.len(), want.len(), "{case}: lengths differ");
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        assert!(g.is_finite(), "{case}: entry {i} is {g}");
        close32(g, w, abs, rel, &format!("{case}, entry {i}"));
    }
}

// =============================================================================================
// Conventions at kinks
// =============================================================================================

// f(x) = |x|;  f'(x) = sign x, and 0 at x = 0 (PyTorch; JAX returns 1)
#[differentiable]
fn abs_f64(x: f64) -> f64 {
    x.abs()
}

// f(x) = |x|;  f'(x) = sign x, and 0 at x = 0
#[differentiable]
fn abs_f32(x: f32) -> f32 {
    x.abs()
}

#[test]
fn abs_gradient_at_zero_is_zero() {
    assert_eq!(abs_f64_grad(0.0), (0.0, 0.0));
    assert_eq!(abs_f64_grad(-0.0), (0.0, 0.0));
    assert_eq!(abs_f32_grad(0.0), (0.0, 0.0));
    assert_eq!(abs_f32_grad(-0.0), (0.0, 0.0));
    // On either side of the kink, the sign.
    assert_eq!((abs_f64_grad(-1e-300).1, abs_f64_grad(1e-300).1), (-1.0, 1.0));
    assert_eq!((abs_f32_grad(-1e-30).1, abs_f32_grad(1e-30).1), (-1.0, 1.0));
}

#[test]
fn relu_layer_gradient_at_zero_is_zero() {
    use backprop::layers::relu_vjp;
    // relu(x) = max(x, 0), written `if v > 0.0 { v } else { 0.0 }`;  relu'(0) = 0 (JAX, PyTorch)
    let x = Tensor::new(vec![0.0, -0.0, 1.0, -1.0, f32::MIN_POSITIVE], &[5]).unwrap_or_else(|e| panic!("{e}"));
    let (y, pullback) = relu_vjp(&x);
    assert_eq!(y.data, [0.0, 0.0, 1.0, 0.0, f32::MIN_POSITIVE]);
    let seed = Tensor::new(vec![3.0, 3.0, 3.0, 3.0, 3.0], &[5]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pullback(seed).data, [0.0, 0.0, 3.0, 0.0, 3.0]);
}

// f(x) = max(x, 0) written with `max`: a tie at x = 0, so f'(0) = ½ (JAX's jnp.maximum agrees),
// unlike the `if`-written relu above
#[differentiable]
fn relu_by_max_f64(x: f64) -> f64 {
    x.max(0.0)
}

// f(x) = max(x, 0);  f'(0) = ½
#[differentiable]
fn relu_by_max_f32(x: f32) -> f32 {
    x.max(0.0)
}

#[test]
fn max_with_zero_at_zero_gives_half() {
    assert_eq!(relu_by_max_f64_grad(0.0), (0.0, 0.5));
    assert_eq!(relu_by_max_f32_grad(0.0), (0.0, 0.5));
    assert_eq!((relu_by_max_f64_grad(-2.0).1, relu_by_max_f64_grad(2.0).1), (0.0, 1.0));
    assert_eq!((relu_by_max_f32_grad(-2.0).1, relu_by_max_f32_grad(2.0).1), (0.0, 1.0));
}

// f(x, y) = max(x, y);  ∂f/∂x = 1 if x > y, 0 if x < y, ½ on a tie (JAX and PyTorch); ∂f/∂y alike
#[differentiable]
fn max_f64(x: f64, y: f64) -> f64 {
    x.max(y)
}

// f(x, y) = max(x, y)
#[differentiable]
fn max_f32(x: f32, y: f32) -> f32 {
    x.max(y)
}

// f(x, y) = min(x, y);  ∂f/∂x = 1 if x < y, 0 if x > y, ½ on a tie
#[differentiable]
fn min_f64(x: f64, y: f64) -> f64 {
    x.min(y)
}

// f(x, y) = min(x, y)
#[differentiable]
fn min_f32(x: f32, y: f32) -> f32 {
    x.min(y)
}

#[test]
fn max_and_min_split_ties_in_half() {
    assert_eq!(max_f64_grad(1.5, 1.5), (1.5, (0.5, 0.5)));
    assert_eq!(min_f64_grad(1.5, 1.5), (1.5, (0.5, 0.5)));
    assert_eq!(max_f32_grad(1.5, 1.5), (1.5, (0.5, 0.5)));
    assert_eq!(min_f32_grad(1.5, 1.5), (1.5, (0.5, 0.5)));
    // −0 and +0 compare equal: a tie too.
    assert_eq!(max_f64_grad(-0.0, 0.0).1, (0.5, 0.5));
    assert_eq!(min_f32_grad(0.0, -0.0).1, (0.5, 0.5));
    // Off the tie, all of the gradient goes to the selected operand.
    assert_eq!((max_f64_grad(2.0, 1.0).1, min_f64_grad(2.0, 1.0).1), ((1.0, 0.0), (0.0, 1.0)));
    assert_eq!((max_f32_grad(1.0, 2.0).1, min_f32_grad(1.0, 2.0).1), ((0.0, 1.0), (1.0, 0.0)));
}

// f(x, lo, hi) = clamp(x, lo, hi);  ∂f/∂x = 1 on the closed interval lo ≤ x ≤ hi, else 0;
// ∂f/∂lo = 1 if x < lo;  ∂f/∂hi = 1 if x > hi  (PyTorch; jnp.clip splits ties, lax.clamp gives 0)
#[differentiable]
fn clamp_f64(x: f64, lo: f64, hi: f64) -> f64 {
    x.clamp(lo, hi)
}

// f(x, lo, hi) = clamp(x, lo, hi)
#[differentiable]
fn clamp_f32(x: f32, lo: f32, hi: f32) -> f32 {
    x.clamp(lo, hi)
}

#[test]
fn clamp_passes_the_gradient_at_both_bounds() {
    assert_eq!(clamp_f64_grad(1.0, 1.0, 2.0), (1.0, (1.0, 0.0, 0.0)), "at lo");
    assert_eq!(clamp_f64_grad(2.0, 1.0, 2.0), (2.0, (1.0, 0.0, 0.0)), "at hi");
    assert_eq!(clamp_f32_grad(1.0, 1.0, 2.0), (1.0, (1.0, 0.0, 0.0)), "at lo");
    assert_eq!(clamp_f32_grad(2.0, 1.0, 2.0), (2.0, (1.0, 0.0, 0.0)), "at hi");
    // lo == hi: x at both bounds at once.
    assert_eq!(clamp_f64_grad(1.0, 1.0, 1.0), (1.0, (1.0, 0.0, 0.0)), "lo = hi");
    assert_eq!(clamp_f32_grad(1.0, 1.0, 1.0), (1.0, (1.0, 0.0, 0.0)), "lo = hi");
    // Strictly outside, the gradient goes to the bound that was returned.
    assert_eq!(clamp_f64_grad(0.5, 1.0, 2.0), (1.0, (0.0, 1.0, 0.0)), "below");
    assert_eq!(clamp_f64_grad(2.5, 1.0, 2.0), (2.0, (0.0, 0.0, 1.0)), "above");
    assert_eq!(clamp_f32_grad(0.5, 1.0, 2.0), (1.0, (0.0, 1.0, 0.0)), "below");
    assert_eq!(clamp_f32_grad(2.5, 1.0, 2.0), (2.0, (0.0, 0.0, 1.0)), "above");
}

// f(x) = √x;  f'(x) = 1 / (2√x), +∞ at x = 0 (JAX and PyTorch)
#[differentiable]
fn sqrt_f64(x: f64) -> f64 {
    x.sqrt()
}

// f(x) = √x;  f'(0) = +∞
#[differentiable]
fn sqrt_f32(x: f32) -> f32 {
    x.sqrt()
}

#[test]
fn sqrt_gradient_at_zero_is_positive_infinity() {
    assert_eq!(sqrt_f64_grad(0.0), (0.0, f64::INFINITY));
    assert_eq!(sqrt_f32_grad(0.0), (0.0, f32::INFINITY));
    // The limit from the right: large and finite just above zero.
    assert_rel64(sqrt_f64_grad(1e-300).1, 0.5e150, 1e-12, "sqrt'(1e-300)");
    assert_rel32(sqrt_f32_grad(1e-30).1, 0.5e15, 1e-6, "sqrt'(1e-30)");
}

// f(x) = ∛x;  f'(x) = 1 / (3 ∛x²): +∞ at x = 0 (JAX; PyTorch has no cbrt)
#[differentiable]
fn cbrt_f64(x: f64) -> f64 {
    x.cbrt()
}

// f(x) = ∛x;  f'(0) = +∞
#[differentiable]
fn cbrt_f32(x: f32) -> f32 {
    x.cbrt()
}

// f(x) = ln x;  f'(x) = 1 / x: +∞ at x = 0 (JAX and PyTorch)
#[differentiable]
fn ln_f64(x: f64) -> f64 {
    x.ln()
}

#[test]
fn cbrt_and_ln_gradients_at_zero_are_positive_infinity() {
    assert_eq!(cbrt_f64_grad(0.0), (0.0, f64::INFINITY));
    assert_eq!(cbrt_f32_grad(0.0), (0.0, f32::INFINITY));
    assert_eq!(ln_f64_grad(0.0), (f64::NEG_INFINITY, f64::INFINITY));
    // ∛(−8) = −2, f'(−8) = 1 / 12: finite on the negative side, unlike powf.
    assert_rel64(cbrt_f64_grad(-8.0).1, 1.0 / 12.0, 1e-15, "cbrt'(−8)");
    assert_rel32(cbrt_f32_grad(-8.0).1, 1.0 / 12.0, 1e-6, "cbrt'(−8)");
}

// f(x, y) = √(x² + y²);  ∂f/∂x = x / f, ∂f/∂y = y / f, and (0, 0) at the origin (our choice:
// the smallest subgradient; JAX returns (½, ½), PyTorch NaN)
#[differentiable]
fn hypot_f64(x: f64, y: f64) -> f64 {
    x.hypot(y)
}

// f(x, y) = √(x² + y²)
#[differentiable]
fn hypot_f32(x: f32, y: f32) -> f32 {
    x.hypot(y)
}

#[test]
fn hypot_gradient_at_the_origin_is_zero() {
    assert_eq!(hypot_f64_grad(0.0, 0.0), (0.0, (0.0, 0.0)));
    assert_eq!(hypot_f32_grad(0.0, 0.0), (0.0, (0.0, 0.0)));
    assert_eq!(hypot_f64_grad(-0.0, 0.0), (0.0, (0.0, 0.0)));
    // Away from the origin, the unit vector (x, y) / h, also for tiny values that would
    // underflow if squared.
    let (h, (dx, dy)) = hypot_f64_grad(3e-200, -4e-200);
    assert_rel64(h, 5e-200, 1e-15, "hypot(3e-200, -4e-200)");
    assert_rel64(dx, 0.6, 1e-15, "∂x at (3e-200, -4e-200)");
    assert_rel64(dy, -0.8, 1e-15, "∂y at (3e-200, -4e-200)");
    let (_, (dx, dy)) = hypot_f32_grad(3.0, 4.0);
    assert_rel32(dx, 0.6, 1e-6, "∂x at (3, 4)");
    assert_rel32(dy, 0.8, 1e-6, "∂y at (3, 4)");
}

// f(x, p) = x^p;  ∂f/∂x = p x^(p−1), taken as 0 when p = 0;  ∂f/∂p = x^p ln x, taken as 0 at
// x = 0.  At x = 0: ∂f/∂x is +∞, 1, 0, 0 for p = ½, 1, 2, 3 (JAX and PyTorch), 0 for p = 0
// (PyTorch; JAX gives NaN), and ∂f/∂p = 0 (JAX and PyTorch).
#[differentiable]
fn powf_f64(x: f64, p: f64) -> f64 {
    x.powf(p)
}

// f(x, p) = x^p
#[differentiable]
fn powf_f32(x: f32, p: f32) -> f32 {
    x.powf(p)
}

#[test]
fn powf_at_zero_follows_the_power_rule_and_has_zero_exponent_gradient() {
    let cases = [(0.5, f64::INFINITY), (1.0, 1.0), (2.0, 0.0), (3.0, 0.0), (0.0, 0.0)];
    for (p, dx) in cases {
        let value = if p == 0.0 { 1.0 } else { 0.0 };
        assert_eq!(powf_f64_grad(0.0, p), (value, (dx, 0.0)), "f64, p = {p}");
        assert_eq!(powf_f32_grad(0.0, p as f32), (value as f32, (dx as f32, 0.0)), "f32, p = {p}");
    }
    // A negative exponent: 0^(−1) = +∞, ∂x = −1 · 0^(−2) = −∞, and ∂p is still taken as 0
    // (JAX returns NaN there, PyTorch −∞: no agreement to follow).
    assert_eq!(powf_f64_grad(0.0, -1.0), (f64::INFINITY, (f64::NEG_INFINITY, 0.0)));
    assert_eq!(powf_f32_grad(0.0, -1.0), (f32::INFINITY, (f32::NEG_INFINITY, 0.0)));
    // Away from zero, the usual rule: ∂/∂x 2^3 = 12, ∂/∂p 2^3 = 8 ln 2.
    let (_, (dx, dp)) = powf_f64_grad(2.0, 3.0);
    assert_rel64(dx, 12.0, 1e-14, "∂x 2^3");
    assert_rel64(dp, 8.0 * std::f64::consts::LN_2, 1e-14, "∂p 2^3");
}

// f(x) = x^n for an integer n;  f'(x) = n x^(n−1), and 0 when n = 0: at x = 0, f' is 0, 1, 0, 0
// for n = 0, 1, 2, 3 (JAX's integer_pow and PyTorch)
#[differentiable]
fn powi_f64(x: f64, n: i32) -> f64 {
    x.powi(n)
}

// f(x) = x^n
#[differentiable]
fn powi_f32(x: f32, n: i32) -> f32 {
    x.powi(n)
}

#[test]
fn powi_at_zero_follows_the_power_rule() {
    for (n, value, dx) in [(0, 1.0, 0.0), (1, 0.0, 1.0), (2, 0.0, 0.0), (3, 0.0, 0.0)] {
        assert_eq!(powi_f64_grad(0.0, n), (value, dx), "f64, n = {n}");
        assert_eq!(powi_f32_grad(0.0, n), (value as f32, dx as f32), "f32, n = {n}");
    }
    assert_eq!(powi_f64_grad(0.0, -1), (f64::INFINITY, f64::NEG_INFINITY), "n = −1");
}

// f(x) = floor x + ceil x + round x + trunc x + signum x + round_ties_even x;  f'(x) = 0
// everywhere, jumps included (JAX and PyTorch): the rounding functions are constants to the
// reverse sweep
#[differentiable]
fn rounding_f64(x: f64) -> f64 {
    x.floor() + x.ceil() + x.round() + x.trunc() + x.signum() + x.round_ties_even()
}

// f(x) = the same sum in f32;  f'(x) = 0
#[differentiable]
fn rounding_f32(x: f32) -> f32 {
    x.floor() + x.ceil() + x.round() + x.trunc() + x.signum() + x.round_ties_even()
}

// f(x) = x + signum x;  f'(x) = 1: the signum adds nothing, even at its jump at 0
#[differentiable]
fn shifted_by_sign_f64(x: f64) -> f64 {
    x + x.signum()
}

#[test]
fn rounding_functions_have_zero_gradient_even_at_their_jumps() {
    for x in [0.0, -0.0, 0.5, 2.5, -1.0, 1.3] {
        assert_eq!(rounding_f64_grad(x).1, 0.0, "f64 at {x}");
        assert_eq!(rounding_f32_grad(x as f32).1, 0.0, "f32 at {x}");
    }
    assert_eq!(shifted_by_sign_f64_grad(0.0), (1.0, 1.0));
}

// f(y, x) = atan2(y, x);  ∂f/∂y = x / (x² + y²), ∂f/∂x = −y / (x² + y²): 0/0 = NaN at the
// origin, where atan2 jumps (JAX and PyTorch return NaN too)
#[differentiable]
fn atan2_f64(y: f64, x: f64) -> f64 {
    y.atan2(x)
}

// f(y, x) = atan2(y, x)
#[differentiable]
fn atan2_f32(y: f32, x: f32) -> f32 {
    y.atan2(x)
}

#[test]
fn atan2_gradient_at_the_origin_is_nan() {
    let (value, (dy, dx)) = atan2_f64_grad(0.0, 0.0);
    assert_eq!(value, 0.0);
    assert!(dy.is_nan() && dx.is_nan(), "f64: ({dy}, {dx})");
    let (value, (dy, dx)) = atan2_f32_grad(0.0, 0.0);
    assert_eq!(value, 0.0);
    assert!(dy.is_nan() && dx.is_nan(), "f32: ({dy}, {dx})");
    // Anywhere else, finite: at (1, 1), (½, −½).
    let (_, (dy, dx)) = atan2_f64_grad(1.0, 1.0);
    assert_rel64(dy, 0.5, 1e-15, "∂y at (1, 1)");
    assert_rel64(dx, -0.5, 1e-15, "∂x at (1, 1)");
}

#[differentiable]
fn asinh_f64(x: f64) -> f64 {
    x.asinh()
}

#[differentiable]
fn acosh_f64(x: f64) -> f64 {
    x.acosh()
}

#[test]
fn atan2_asinh_acosh_gradients_keep_their_range_at_extreme_magnitudes() {
    // ∂atan2/∂y = x / (x² + y²) = 1 / (2·1e-200) at (1e-200, 1e-200), where x² + y² underflows
    // to 0, and 1 / (2·1e200) at (1e200, 1e200), where it overflows.
    for t in [1e-200, 1e200, 1e-150, 3.0] {
        let (_, (dy, dx)) = atan2_f64_grad(t, t);
        assert_rel64(dy, 0.5 / t, 1e-15, &format!("∂y at ({t}, {t})"));
        assert_rel64(dx, -0.5 / t, 1e-15, &format!("∂x at ({t}, {t})"));
    }
    let (_, (dy, dx)) = atan2_f32_grad(1e-30, 1e-30);
    assert!((dy - 0.5e30).abs() <= 0.5e30 * 1e-6 && (dx + 0.5e30).abs() <= 0.5e30 * 1e-6, "f32: ({dy}, {dx})");
    // asinh' = 1 / √(x² + 1) and acosh' = 1 / √(x² − 1), both ≈ 1/x for large x.
    for x in [1e200, -1e200, 1e10] {
        assert_rel64(
            asinh_f64_grad(x).1,
            1.0 / (x * (1.0 + 1.0 / (x * x)).sqrt()).abs(),
            1e-15,
            &format!("asinh' at {x}"),
        );
    }
    assert_rel64(acosh_f64_grad(1e200).1, 1e-200, 1e-15, "acosh' at 1e200");
    assert_rel64(acosh_f64_grad(2.0).1, 1.0 / 3f64.sqrt(), 1e-15, "acosh' at 2");
    assert_eq!(acosh_f64_grad(1.0).1, f64::INFINITY);
    assert!(acosh_f64_grad(0.5).1.is_nan());
}

// =============================================================================================
// NaN and infinity
// =============================================================================================

// f(x) = tanh(2 sin x + eˣ);  f'(x) = (1 − f²)(2 cos x + eˣ): NaN at x = NaN
#[differentiable]
fn smooth_chain_f64(x: f64) -> f64 {
    (x.sin() * 2.0 + x.exp()).tanh()
}

// f(x) = tanh(2 sin x + eˣ)
#[differentiable]
fn smooth_chain_f32(x: f32) -> f32 {
    (x.sin() * 2.0 + x.exp()).tanh()
}

// f(x) = √x + x²;  f'(x) = 1 / (2√x) + 2x
#[differentiable]
fn sqrt_plus_square_f64(x: f64) -> f64 {
    x.sqrt() + x.powi(2)
}

// f(x) = x^0 + x^0.0;  f'(x) = 0, and f(NaN) = 2: not NaN-dependent, so neither is f'
#[differentiable]
fn zeroth_powers_f64(x: f64) -> f64 {
    x.powi(0) + x.powf(0.0)
}

// f(x, y) = x y;  ∂f/∂x = y, ∂f/∂y = x: only the partial that reads the NaN is NaN
#[differentiable]
fn product_f64(x: f64, y: f64) -> f64 {
    x * y
}

#[test]
fn nan_input_gives_nan_gradient_where_the_derivative_reads_it() {
    let (value, g) = smooth_chain_f64_grad(f64::NAN);
    assert!(value.is_nan() && g.is_nan(), "f64 chain: ({value}, {g})");
    let (value, g) = smooth_chain_f32_grad(f32::NAN);
    assert!(value.is_nan() && g.is_nan(), "f32 chain: ({value}, {g})");
    let (value, g) = sqrt_plus_square_f64_grad(f64::NAN);
    assert!(value.is_nan() && g.is_nan(), "sqrt + square: ({value}, {g})");
    // A negative input to sqrt gives a NaN value, and a NaN gradient with it.
    let (value, g) = sqrt_f64_grad(-1.0);
    assert!(value.is_nan() && g.is_nan(), "sqrt(−1): ({value}, {g})");
    let (value, (dx, dy)) = hypot_f32_grad(f32::NAN, 1.0);
    assert!(value.is_nan() && dx.is_nan() && dy.is_nan(), "hypot(NaN, 1): ({value}, {dx}, {dy})");
    let (value, (dx, dp)) = powf_f64_grad(f64::NAN, 2.0);
    assert!(value.is_nan() && dx.is_nan() && dp.is_nan(), "NaN^2: ({value}, {dx}, {dp})");
    // Where the primal ignores the NaN, the gradient does too.
    assert_eq!(zeroth_powers_f64_grad(f64::NAN), (2.0, 0.0));
    // ∂(x y)/∂x = y does not read x: finite, like JAX and PyTorch.
    let (value, (dx, dy)) = product_f64_grad(f64::NAN, 2.0);
    assert!(value.is_nan() && dy.is_nan(), "NaN · 2: ({value}, {dy})");
    assert_eq!(dx, 2.0);
}

#[test]
fn nan_input_to_a_kink_rule_gives_nan_gradient() {
    // abs, clamp and max/min choose by comparing, and every comparison with NaN is false:
    // the rule returns NaN rather than one of its branches.
    let (value, g) = abs_f64_grad(f64::NAN);
    assert!(value.is_nan() && g.is_nan(), "abs(NaN) f64: ({value}, {g})");
    let (value, g) = abs_f32_grad(f32::NAN);
    assert!(value.is_nan() && g.is_nan(), "abs(NaN) f32: ({value}, {g})");
    let (value, (dx, dlo, dhi)) = clamp_f64_grad(f64::NAN, 1.0, 2.0);
    assert!(value.is_nan() && dx.is_nan(), "clamp(NaN) f64: ({value}, {dx})");
    assert_eq!((dlo, dhi), (0.0, 0.0));
    let (value, (dx, dlo, dhi)) = clamp_f32_grad(f32::NAN, 1.0, 2.0);
    assert!(value.is_nan() && dx.is_nan(), "clamp(NaN) f32: ({value}, {dx})");
    assert_eq!((dlo, dhi), (0.0, 0.0));
    let (value, (dx, dy)) = max_f64_grad(f64::NAN, f64::NAN);
    assert!(value.is_nan() && dx.is_nan() && dy.is_nan(), "max(NaN, NaN): ({value}, {dx}, {dy})");
    let (value, (dx, dy)) = min_f32_grad(f32::NAN, f32::NAN);
    assert!(value.is_nan() && dx.is_nan() && dy.is_nan(), "min(NaN, NaN): ({value}, {dx}, {dy})");
}

#[test]
fn max_and_min_ignore_a_nan_operand_like_std() {
    // std: 1.0f64.max(NaN) == 1.0; the returned operand gets the whole gradient.
    assert_eq!(max_f64_grad(1.0, f64::NAN), (1.0, (1.0, 0.0)));
    assert_eq!(max_f64_grad(f64::NAN, 1.0), (1.0, (0.0, 1.0)));
    assert_eq!(min_f64_grad(1.0, f64::NAN), (1.0, (1.0, 0.0)));
    assert_eq!(min_f64_grad(f64::NAN, 1.0), (1.0, (0.0, 1.0)));
    assert_eq!(max_f32_grad(1.0, f32::NAN), (1.0, (1.0, 0.0)));
    assert_eq!(min_f32_grad(f32::NAN, 1.0), (1.0, (0.0, 1.0)));
}

// f(x) = eˣ;  f'(x) = eˣ: 0 at −∞, +∞ at +∞
#[differentiable]
fn exp_f64(x: f64) -> f64 {
    x.exp()
}

// f(x) = eˣ
#[differentiable]
fn exp_f32(x: f32) -> f32 {
    x.exp()
}

// f(x) = tanh x;  f'(x) = 1 − tanh² x: 0 at ±∞
#[differentiable]
fn tanh_f64(x: f64) -> f64 {
    x.tanh()
}

// f(x) = tanh x
#[differentiable]
fn tanh_f32(x: f32) -> f32 {
    x.tanh()
}

// f(x) = atan x;  f'(x) = 1 / (1 + x²): 0 at ±∞
#[differentiable]
fn atan_f64(x: f64) -> f64 {
    x.atan()
}

// f(x) = ln x;  f'(x) = 1 / x: 0 at +∞, +∞ at 0
#[differentiable]
fn ln_f32(x: f32) -> f32 {
    x.ln()
}

// f(x) = max(x, −∞) = x;  f'(x) = 1
#[differentiable]
fn max_with_neg_infinity_f64(x: f64) -> f64 {
    x.max(f64::NEG_INFINITY)
}

#[test]
fn infinite_inputs_give_the_limit_of_the_derivative() {
    assert_eq!(exp_f64_grad(f64::NEG_INFINITY), (0.0, 0.0));
    assert_eq!(exp_f32_grad(f32::NEG_INFINITY), (0.0, 0.0));
    assert_eq!(exp_f64_grad(f64::INFINITY), (f64::INFINITY, f64::INFINITY));
    assert_eq!(exp_f32_grad(f32::INFINITY), (f32::INFINITY, f32::INFINITY));
    assert_eq!(tanh_f64_grad(f64::INFINITY), (1.0, 0.0));
    assert_eq!(tanh_f64_grad(f64::NEG_INFINITY), (-1.0, 0.0));
    assert_eq!(tanh_f32_grad(f32::INFINITY), (1.0, 0.0));
    assert_eq!(atan_f64_grad(f64::INFINITY), (std::f64::consts::FRAC_PI_2, 0.0));
    assert_eq!(sqrt_f64_grad(f64::INFINITY), (f64::INFINITY, 0.0));
    assert_eq!(sqrt_f32_grad(f32::INFINITY), (f32::INFINITY, 0.0));
    assert_eq!(ln_f32_grad(f32::INFINITY), (f32::INFINITY, 0.0));
    assert_eq!(ln_f32_grad(0.0), (f32::NEG_INFINITY, f32::INFINITY));
    assert_eq!(abs_f64_grad(f64::NEG_INFINITY), (f64::INFINITY, -1.0));
    assert_eq!(abs_f32_grad(f32::INFINITY), (f32::INFINITY, 1.0));
    assert_eq!(max_with_neg_infinity_f64_grad(-1e308), (-1e308, 1.0));
    assert_eq!(max_with_neg_infinity_f64_grad(f64::INFINITY), (f64::INFINITY, 1.0));
}

// =============================================================================================
// Stability at logits of ±1000
// =============================================================================================

/// Logit vectors of ±1000 with their log-sum-exp and softmax in closed form:
/// `[1000, −1000, 0]`: lse = 1000 (to the last bit), softmax (1, 0, 0);
/// `[−1000, −1000, −1000]`: lse = −1000 + ln 3, softmax ⅓ each (a three-way tie in the max);
/// `[1000, 999, −1000]`: lse = 1000 + ln(1 + e⁻¹), softmax (1, e⁻¹, 0) / (1 + e⁻¹);
/// `[−1000, −1001, −1002]`: lse = −1000 + ln s, softmax (1, e⁻¹, e⁻²) / s, s = 1 + e⁻¹ + e⁻².
fn extreme_logits() -> Vec<([f64; 3], f64, [f64; 3])> {
    let e1 = (-1.0f64).exp();
    let e2 = (-2.0f64).exp();
    let s = 1.0 + e1 + e2;
    vec![
        ([1000.0, -1000.0, 0.0], 1000.0, [1.0, 0.0, 0.0]),
        ([-1000.0, -1000.0, -1000.0], -1000.0 + 3f64.ln(), [1.0 / 3.0; 3]),
        ([1000.0, 999.0, -1000.0], 1000.0 + e1.ln_1p(), [1.0 / (1.0 + e1), e1 / (1.0 + e1), 0.0]),
        ([-1000.0, -1001.0, -1002.0], -1000.0 + s.ln(), [1.0 / s, e1 / s, e2 / s]),
    ]
}

/// `extreme_logits` rounded to `f32`.
fn extreme_logits32() -> Vec<([f32; 3], f32, [f32; 3])> {
    extreme_logits().into_iter().map(|(z, lse, p)| (z.map(|v| v as f32), lse as f32, p.map(|v| v as f32))).collect()
}

// lse(z) = m + ln Σ e^(zᵢ − m), m = max z;  ∂lse/∂zᵢ = softmax(z)ᵢ
#[differentiable]
fn logsumexp_f64(z: &[f64]) -> f64 {
    let mut m = z[0];
    for i in 1..z.len() {
        m = m.max(z[i]);
    }
    let mut total = 0.0;
    for i in 0..z.len() {
        total += (z[i] - m).exp();
    }
    m + total.ln()
}

// lse(z) = m + ln Σ e^(zᵢ − m);  ∂lse/∂zᵢ = softmax(z)ᵢ
#[differentiable]
fn logsumexp_f32(z: &[f32]) -> f32 {
    let mut m = z[0];
    for i in 1..z.len() {
        m = m.max(z[i]);
    }
    let mut total = 0.0;
    for i in 0..z.len() {
        total += (z[i] - m).exp();
    }
    m + total.ln()
}

// The textbook form without the shift, ln Σ eᶻ: e¹⁰⁰⁰ overflows. Here to show that the
// stability tests below can fail.
#[differentiable]
fn naive_logsumexp_f64(z: &[f64]) -> f64 {
    let mut total = 0.0;
    for i in 0..z.len() {
        total += z[i].exp();
    }
    total.ln()
}

#[test]
fn naive_logsumexp_overflows_at_a_thousand() {
    let (value, g) = naive_logsumexp_f64_grad(&[1000.0, -1000.0, 0.0]);
    assert_eq!(value, f64::INFINITY);
    assert!(g[0].is_nan(), "∞ / ∞ in the first entry: {g:?}");
}

#[test]
fn logsumexp_stays_finite_at_logits_of_a_thousand() {
    for (z, lse, p) in extreme_logits() {
        let (value, g) = logsumexp_f64_grad(&z);
        close64(value, lse, 0.0, 1e-15, &format!("f64 lse{z:?}"));
        all_close64(&g, &p, 1e-15, 1e-14, &format!("f64 ∇lse{z:?} = softmax"));
    }
    for (z, lse, p) in extreme_logits32() {
        let (value, g) = logsumexp_f32_grad(&z);
        close32(value, lse, 0.0, 1e-6, &format!("f32 lse{z:?}"));
        all_close32(&g, &p, 1e-6, 1e-5, &format!("f32 ∇lse{z:?} = softmax"));
    }
}

// ce(z, k) = lse(z) − z_k, calling the `logsumexp` above;  ∂ce/∂z = softmax(z) − one-hot(k)
#[differentiable(wrt(z))]
fn cross_entropy_f64(z: &[f64], label: usize) -> f64 {
    logsumexp_f64(z) - z[label]
}

// ce(z, k) = lse(z) − z_k;  ∂ce/∂z = softmax(z) − one-hot(k)
#[differentiable(wrt(z))]
fn cross_entropy_f32(z: &[f32], label: usize) -> f32 {
    logsumexp_f32(z) - z[label]
}

#[test]
fn cross_entropy_gradient_is_softmax_minus_one_hot_at_logits_of_a_thousand() {
    for (z, lse, p) in extreme_logits() {
        for label in 0..3 {
            let (value, g) = cross_entropy_f64_grad(&z, label);
            close64(value, lse - z[label], 1e-12, 1e-15, &format!("f64 ce({z:?}, {label})"));
            let want: Vec<f64> = (0..3).map(|j| p[j] - if j == label { 1.0 } else { 0.0 }).collect();
            all_close64(&g, &want, 1e-15, 1e-14, &format!("f64 ∇ce({z:?}, {label})"));
        }
    }
    for (z, lse, p) in extreme_logits32() {
        for label in 0..3 {
            let (value, g) = cross_entropy_f32_grad(&z, label);
            close32(value, lse - z[label], 1e-4, 1e-6, &format!("f32 ce({z:?}, {label})"));
            let want: Vec<f32> = (0..3).map(|j| p[j] - if j == label { 1.0 } else { 0.0 }).collect();
            all_close32(&g, &want, 1e-6, 1e-5, &format!("f32 ∇ce({z:?}, {label})"));
        }
    }
}

// p = softmax(z), pᵢ = e^(zᵢ − m) / Σ e^(zⱼ − m);  pullback of w: ∂(w·p)/∂zᵢ = pᵢ (wᵢ − w·p)
#[differentiable]
fn softmax_f64(z: &[f64]) -> Vec<f64> {
    let mut m = z[0];
    for i in 1..z.len() {
        m = m.max(z[i]);
    }
    let mut p = vec![0.0; z.len()];
    let mut total = 0.0;
    for i in 0..z.len() {
        p[i] = (z[i] - m).exp();
        total += p[i];
    }
    for i in 0..z.len() {
        p[i] /= total;
    }
    p
}

// p = softmax(z);  pullback of w: pᵢ (wᵢ − w·p)
#[differentiable]
fn softmax_f32(z: &[f32]) -> Vec<f32> {
    let mut m = z[0];
    for i in 1..z.len() {
        m = m.max(z[i]);
    }
    let mut p = vec![0.0; z.len()];
    let mut total = 0.0;
    for i in 0..z.len() {
        p[i] = (z[i] - m).exp();
        total += p[i];
    }
    for i in 0..z.len() {
        p[i] /= total;
    }
    p
}

/// The softmax pullback in closed form: `pᵢ (wᵢ − w·p)`.
fn softmax_pullback(p: &[f64], w: &[f64]) -> Vec<f64> {
    let wp: f64 = p.iter().zip(w).map(|(a, b)| a * b).sum();
    p.iter().zip(w).map(|(pi, wi)| pi * (wi - wp)).collect()
}

#[test]
fn softmax_stays_finite_at_logits_of_a_thousand() {
    let w = [1.0, -2.0, 0.5];
    for (z, _, p) in extreme_logits() {
        let (value, pullback) = softmax_f64_vjp(&z);
        all_close64(&value, &p, 1e-15, 1e-14, &format!("f64 softmax{z:?}"));
        all_close64(&pullback(w.to_vec()), &softmax_pullback(&p, &w), 1e-15, 1e-13, &format!("f64 pullback at {z:?}"));
    }
    for (z, _, p) in extreme_logits32() {
        let (value, pullback) = softmax_f32_vjp(&z);
        all_close32(&value, &p, 1e-6, 1e-5, &format!("f32 softmax{z:?}"));
        let want = softmax_pullback(&p.map(f64::from), &w);
        let want: Vec<f32> = want.iter().map(|&v| v as f32).collect();
        let got = pullback(w.map(|v| v as f32).to_vec());
        all_close32(&got, &want, 1e-6, 1e-5, &format!("f32 pullback at {z:?}"));
    }
}

// =============================================================================================
// The runtime's losses and activations (f32) at logits of ±1000
// =============================================================================================

/// The rows of [`extreme_logits32`] as one `[4, 3]` tensor, and their softmaxes.
fn extreme_batch() -> (Tensor, Vec<f32>) {
    let rows = extreme_logits32();
    let logits = rows.iter().flat_map(|(z, _, _)| z.iter().copied()).collect();
    let probabilities = rows.iter().flat_map(|(_, _, p)| p.iter().copied()).collect();
    (Tensor::new(logits, &[rows.len(), 3]).unwrap_or_else(|e| panic!("{e}")), probabilities)
}

#[test]
fn runtime_softmax_cross_entropy_is_finite_with_softmax_minus_one_hot_gradient() {
    use backprop::loss::softmax_cross_entropy_grad;
    let (logits, p) = extreme_batch();
    let labels = [1, 0, 2, 2];
    let (loss, d) = softmax_cross_entropy_grad(&logits, &labels);
    // Mean over rows of lse − z_label, each from `extreme_logits`.
    let want: f64 =
        extreme_logits().iter().zip(labels).map(|((z, lse, _), k)| lse - z[k]).sum::<f64>() / labels.len() as f64;
    close32(loss, want as f32, 0.0, 1e-6, "mean cross-entropy");
    let mut want = p.clone();
    for (r, &k) in labels.iter().enumerate() {
        want[r * 3 + k] -= 1.0;
    }
    let want: Vec<f32> = want.iter().map(|g| g / labels.len() as f32).collect();
    all_close32(&d.data, &want, 1e-6, 1e-5, "(softmax − one-hot) / rows");
}

#[test]
fn runtime_softmax_layer_is_finite_at_logits_of_a_thousand() {
    use backprop::layers::softmax_vjp;
    let (logits, p) = extreme_batch();
    let (y, pullback) = softmax_vjp(&logits);
    all_close32(&y.data, &p, 1e-6, 1e-5, "softmax rows");
    let w = [1.0, -2.0, 0.5];
    let seed = Tensor::from_fn(&logits.shape, |i| w[i % 3] as f32);
    let got = pullback(seed).data;
    let want: Vec<f32> = p
        .chunks(3)
        .flat_map(|row| softmax_pullback(&row.iter().map(|&v| f64::from(v)).collect::<Vec<_>>(), &w))
        .map(|v| v as f32)
        .collect();
    all_close32(&got, &want, 1e-6, 1e-5, "pᵢ (wᵢ − w·p)");
}

#[test]
fn runtime_log_softmax_layer_is_finite_at_logits_of_a_thousand() {
    use backprop::layers::log_softmax_vjp;
    let (logits, p) = extreme_batch();
    let (y, pullback) = log_softmax_vjp(&logits);
    // log softmax = z − lse, exactly representable enough to compare in f32.
    let want: Vec<f32> =
        extreme_logits().iter().flat_map(|(z, lse, _)| z.map(|v| (v - lse) as f32)).collect::<Vec<_>>();
    all_close32(&y.data, &want, 1e-4, 1e-6, "z − lse");
    // Pullback of w: wᵢ − pᵢ Σⱼ wⱼ.
    let w = [1.0f32, -2.0, 0.5];
    let seed = Tensor::from_fn(&logits.shape, |i| w[i % 3]);
    let sum_w: f32 = w.iter().sum();
    let want: Vec<f32> = p.iter().enumerate().map(|(i, pi)| w[i % 3] - pi * sum_w).collect();
    all_close32(&pullback(seed).data, &want, 1e-6, 1e-5, "wᵢ − pᵢ Σ w");
}

#[test]
fn runtime_binary_cross_entropy_with_logits_is_finite_at_a_thousand_and_exact_at_zero() {
    use backprop::loss::binary_cross_entropy_with_logits_grad;
    // ℓ(z, t) = softplus(z) − z t, averaged over n = 6, softplus in the branch that cannot
    // overflow (z + ln(1 + e^(−z)) above 0, ln(1 + e^z) below);
    // ∂ℓ/∂z = (σ(z) − t) / n, ∂ℓ/∂t = −z / n; at z = 0 exactly σ(0) = ½.
    let z = [1000.0, -1000.0, 0.0, 1000.0, -1000.0, 0.0];
    let t = [1.0, 1.0, 1.0, 0.0, 0.0, 0.5];
    let n = z.len() as f32;
    let logits = Tensor::new(z.to_vec(), &[2, 3]).unwrap_or_else(|e| panic!("{e}"));
    let targets = Tensor::new(t.to_vec(), &[2, 3]).unwrap_or_else(|e| panic!("{e}"));
    let (loss, (dz, dt)) = binary_cross_entropy_with_logits_grad(&logits, &targets);
    let ln2 = std::f32::consts::LN_2;
    close32(loss, (0.0 + 1000.0 + ln2 + 1000.0 + 0.0 + ln2) / n, 0.0, 1e-6, "mean loss");
    let sigmoid = [1.0, 0.0, 0.5, 1.0, 0.0, 0.5];
    let want_dz: Vec<f32> = (0..6).map(|i| (sigmoid[i] - t[i]) / n).collect();
    all_close32(&dz.data, &want_dz, 1e-7, 1e-6, "(σ(z) − t) / n");
    let want_dt: Vec<f32> = z.iter().map(|zi| -zi / n).collect();
    all_close32(&dt.data, &want_dt, 1e-7, 1e-6, "−z / n");
}
