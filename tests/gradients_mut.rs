//! `&mut` parameters and arguments: a helper filling an output buffer (ODE right-hand sides),
//! `&mut f64` accumulators, `std::mem::swap` and `v.swap(i, j)`.
//!
//! The contract (issue 15): `f_vjp` does what `f` does to each buffer and returns a pullback
//! that takes the output's adjoint and each buffer's final adjoint, and returns the other
//! parameters' adjoints and each buffer's initial one; `f_jvp` takes a `&mut` tangent for each
//! buffer and writes its final tangent there. Every test checks against a hand derivation or
//! central differences.

#![allow(clippy::needless_range_loop, reason = "index loops are what these tests differentiate")]

mod common;
use backprop::{Differentiable, differentiable};
use common::*;

// Damped pendulum: θ' = ω, ω' = −9.81 sin θ − c ω (c is a constant, left out by `wrt`)
#[differentiable(wrt(y))]
fn pendulum(y: &[f64], dy: &mut [f64], c: f64) {
    dy[0] = y[1];
    dy[1] = -9.81 * y[0].sin() - c * y[1];
}

#[test]
fn a_right_hand_side_fills_its_buffer_and_pulls_back_through_it() {
    let y = [0.3, -0.2];
    let mut dy = [7.0; 2];
    let ((), pullback) = pendulum_vjp(&y, &mut dy, 0.1);
    assert_eq!(dy, [-0.2, -9.81 * 0.3f64.sin() + 0.02], "the buffer holds what `pendulum` writes");
    // Jacobian of the final contents: [[0, 1], [−9.81 cos θ, −c]]; the initial contents are
    // overwritten, so their adjoint is zero.
    let (gy, gdy) = pullback((), vec![2.0, 3.0]);
    assert_eq!(gy, vec![3.0 * -9.81 * 0.3f64.cos(), 2.0 - 3.0 * 0.1]);
    assert_eq!(gdy, vec![0.0, 0.0]);
}

#[test]
fn a_right_hand_side_has_a_forward_form_writing_both_buffers() {
    let y = [0.3, -0.2];
    let (mut dy, mut tangent) = ([0.0; 2], [5.0; 2]);
    let ((), ()) = pendulum_jvp(&y, &mut dy, 0.1, &[1.0, 0.5], &mut tangent);
    assert_eq!(dy, [-0.2, -9.81 * 0.3f64.sin() + 0.02]);
    assert_eq!(tangent, [0.5, -9.81 * 0.3f64.cos() - 0.05]);
}

// Accumulator: a₁ = a₀ + x², value 2a₁;  ∂value/∂x = 4x, ∂value/∂a₀ = 2, ∂a₁/∂x = 2x, ∂a₁/∂a₀ = 1
#[differentiable]
fn accumulate_square(x: f64, acc: &mut f64) -> f64 {
    *acc += x * x;
    *acc * 2.0
}

#[test]
fn an_accumulator_passes_its_initial_adjoint_through() {
    let mut acc = 1.0;
    let (value, pullback) = accumulate_square_vjp(0.5, &mut acc);
    assert_eq!((value, acc), (2.5, 1.25));
    assert_eq!(pullback(1.0, 0.0), (2.0, 2.0));
    let (_, pullback) = accumulate_square_vjp(0.5, &mut 1.0);
    assert_eq!(pullback(0.0, 1.0), (1.0, 1.0));
    let (_, pullback) = accumulate_square_vjp(-0.7, &mut 0.0);
    let (gx, gacc) = pullback(3.0, -1.0);
    assert_rel64(gx, 3.0 * 4.0 * -0.7 - 2.0 * -0.7, 1e-15, "∂/∂x");
    assert_eq!(gacc, 3.0 * 2.0 - 1.0);
}

// Midpoint (RK2) step of the pendulum with h, then L = θ₁² + ω₁ + Σk₂, the right-hand side
// called twice into local buffers
#[differentiable]
fn midpoint_loss(y0: &[f64], h: f64) -> f64 {
    let mut k1 = vec![0.0; 2];
    pendulum(y0, &mut k1, 0.1);
    let mid = vec![y0[0] + 0.5 * h * k1[0], y0[1] + 0.5 * h * k1[1]];
    let mut k2 = vec![0.0; 2];
    pendulum(&mid, &mut k2, 0.1);
    let y1 = [y0[0] + h * k2[0], y0[1] + h * k2[1]];
    y1[0] * y1[0] + y1[1] + k2[0] + k2[1]
}

fn midpoint_loss_plain(p: &[f64]) -> f64 {
    let f = |y: [f64; 2]| [y[1], -9.81 * y[0].sin() - 0.1 * y[1]];
    let h = p[2];
    let k1 = f([p[0], p[1]]);
    let k2 = f([p[0] + 0.5 * h * k1[0], p[1] + 0.5 * h * k1[1]]);
    let y1 = [p[0] + h * k2[0], p[1] + h * k2[1]];
    y1[0] * y1[0] + y1[1] + k2[0] + k2[1]
}

#[test]
fn calls_lending_local_buffers_chain_in_every_mode() {
    for p in [[0.3, -0.2, 0.1], [-1.0, 0.7, 0.25]] {
        let (value, (gy, gh)) = midpoint_loss_grad(&p[..2], p[2]);
        assert_rel64(value, midpoint_loss_plain(&p), 1e-15, "value");
        let numeric = fd_grad(midpoint_loss_plain, &p);
        assert_grad_close(&[gy[0], gy[1], gh], &numeric, 1e-7);
        let (_, directional) = midpoint_loss_jvp(&p[..2], p[2], &[0.5, -1.0], 2.0);
        let want = 0.5 * numeric[0] - numeric[1] + 2.0 * numeric[2];
        assert_rel64(directional, want, 1e-7, "jvp");
        // H·v against differences of the gradient
        let (_, _, (hy, hh)) = midpoint_loss_hvp(&p[..2], p[2], &[1.0, 0.0], 0.0);
        let e = 1e-5;
        let (_, (ga, gha)) = midpoint_loss_grad(&[p[0] + e, p[1]], p[2]);
        let (_, (gb, ghb)) = midpoint_loss_grad(&[p[0] - e, p[1]], p[2]);
        assert_rel64(hy[0], (ga[0] - gb[0]) / (2.0 * e), 1e-6, "H·e₀ entry 0");
        assert_rel64(hy[1], (ga[1] - gb[1]) / (2.0 * e), 1e-6, "H·e₀ entry 1");
        assert_rel64(hh, (gha - ghb) / (2.0 * e), 1e-6, "H·e₀ entry h");
    }
}

// A buffer passed on: `scaled_pendulum` lends its own `&mut` parameter to `pendulum` (as
// `&mut *out`: passed bare, it would be a shared reborrow), then scales it
#[differentiable]
fn scaled_pendulum(y: &[f64], out: &mut [f64], s: f64) {
    pendulum(y, &mut *out, 0.1);
    for i in 0..out.len() {
        out[i] *= s;
    }
}

#[test]
fn a_lent_parameter_is_passed_on_to_another_lending_function() {
    let y = [0.3, -0.2];
    let mut out = [0.0; 2];
    let ((), pullback) = scaled_pendulum_vjp(&y, &mut out, 3.0);
    let unscaled = [-0.2, -9.81 * 0.3f64.sin() + 0.02];
    assert_eq!(out, [3.0 * unscaled[0], 3.0 * unscaled[1]]);
    let (gy, gout, gs) = pullback((), vec![1.0, 1.0]);
    assert_grad_close(&gy, &[3.0 * -9.81 * 0.3f64.cos(), 3.0 * (1.0 - 0.1)], 1e-15);
    assert_eq!(gout, vec![0.0, 0.0]);
    assert_rel64(gs, unscaled[0] + unscaled[1], 1e-15, "∂/∂s");
}

// Swaps: (a, b) ← (b, a) then v[0] ↔ v[2];  f = a·v₀ + 2b·v₂ with v = x, a = x₁, b = x₀·x₁
// → after the swaps f = x₀x₁·x₂ + 2x₁·x₀ = x₀x₁x₂ + 2x₀x₁
#[differentiable]
fn swaps(x: &[f64]) -> f64 {
    let mut a = x[0] * x[1];
    let mut b = x[1];
    std::mem::swap(&mut a, &mut b);
    let mut v = x.to_vec();
    v.swap(0, 2);
    b * v[0] + 2.0 * a * v[2]
}

#[test]
fn swaps_move_values_and_their_gradients() {
    let f = |x: &[f64]| x[0] * x[1] * x[2] + 2.0 * x[0] * x[1];
    let df = |x: &[f64]| vec![x[1] * x[2] + 2.0 * x[1], x[0] * x[2] + 2.0 * x[0], x[0] * x[1]];
    check_n64(swaps_grad, f, df, &[&[0.5, -1.5, 2.0], &[1.2, 0.3, -0.4]], TOL64);
}

// An array buffer, f32: out = (x₀ + x₁, x₀x₁); returned with a value x₀ − x₁
#[differentiable]
fn sum_and_product(x: [f32; 2], out: &mut [f32; 2]) -> f32 {
    out[0] = x[0] + x[1];
    out[1] = x[0] * x[1];
    x[0] - x[1]
}

#[test]
fn an_array_buffer_in_f32() {
    let mut out = [0.0f32; 2];
    let (value, pullback) = sum_and_product_vjp([2.0, 3.0], &mut out);
    assert_eq!((value, out), (-1.0, [5.0, 6.0]));
    let (gx, gout) = pullback(1.0, [1.0, 2.0]);
    // ∂/∂x₀ = 1 + 1 + 2·x₁ = 8, ∂/∂x₁ = −1 + 1 + 2·x₀ = 4
    assert_eq!(gx, [8.0, 4.0]);
    assert_eq!(gout, [0.0, 0.0]);
}

// The midpoint step again with the stages in local arrays, lent to `pendulum`'s `&mut [f64]`
// (found/046: the array went in where a `Vec` was expected)
#[differentiable]
fn midpoint_loss_arrays(y0: &[f64], h: f64) -> f64 {
    let mut k1 = [0.0; 2];
    pendulum(y0, &mut k1, 0.1);
    let mid = [y0[0] + 0.5 * h * k1[0], y0[1] + 0.5 * h * k1[1]];
    let mut k2: [f64; 2] = [0.0, 0.0];
    pendulum(&mid, &mut k2, 0.1);
    let y1 = [y0[0] + h * k2[0], y0[1] + h * k2[1]];
    y1[0] * y1[0] + y1[1] + k2[0] + k2[1]
}

#[test]
fn local_arrays_lent_to_slice_buffers_chain_in_every_mode() {
    for p in [[0.3, -0.2, 0.1], [-1.0, 0.7, 0.25]] {
        let (value, (gy, gh)) = midpoint_loss_arrays_grad(&p[..2], p[2]);
        assert_rel64(value, midpoint_loss_plain(&p), 1e-15, "value");
        let numeric = fd_grad(midpoint_loss_plain, &p);
        assert_grad_close(&[gy[0], gy[1], gh], &numeric, 1e-7);
        let (_, directional) = midpoint_loss_arrays_jvp(&p[..2], p[2], &[0.5, -1.0], 2.0);
        assert_rel64(directional, 0.5 * numeric[0] - numeric[1] + 2.0 * numeric[2], 1e-7, "jvp");
        let (_, _, (hy, hh)) = midpoint_loss_arrays_hvp(&p[..2], p[2], &[0.0, 0.0], 1.0);
        let e = 1e-5;
        let (_, (ga, gha)) = midpoint_loss_arrays_grad(&p[..2], p[2] + e);
        let (_, (gb, ghb)) = midpoint_loss_arrays_grad(&p[..2], p[2] - e);
        assert_rel64(hy[0], (ga[0] - gb[0]) / (2.0 * e), 1e-6, "H·e_h entry 0");
        assert_rel64(hy[1], (ga[1] - gb[1]) / (2.0 * e), 1e-6, "H·e_h entry 1");
        assert_rel64(hh, (gha - ghb) / (2.0 * e), 1e-6, "H·e_h entry h");
    }
}

// An array parameter `&mut [f64; 2]` lent on to a `&mut [f64]`, and a local array lent to an
// array parameter (`&mut [f32; 2]`, which takes it as it is)
#[differentiable]
fn pendulum_twice(y: &[f64], out: &mut [f64; 2]) -> f64 {
    pendulum(y, &mut *out, 0.1);
    out[0] * out[1]
}

#[differentiable]
fn lent_array_to_array(a: f32, b: f32) -> f32 {
    let mut out = [0.0f32; 2];
    let d = sum_and_product([a, b], &mut out);
    d * out[0] + out[1]
}

#[test]
fn array_parameters_and_array_locals_are_lent_on() {
    let y = [0.3, -0.2];
    let mut out = [0.0; 2];
    let (value, pullback) = pendulum_twice_vjp(&y, &mut out);
    let f = |y: &[f64]| y[1] * (-9.81 * y[0].sin() - 0.1 * y[1]);
    assert_rel64(value, f(&y), 1e-15, "value");
    let (gy, gout) = pullback(1.0, [0.0, 0.0]);
    assert_grad_close(&gy, &fd_grad(|p: &[f64]| f(p), &y), 1e-7);
    assert_eq!(gout, [0.0, 0.0], "the buffer's initial contents are overwritten");
    // value (a − b)(a + b) + ab: ∂/∂a = 2a + b, ∂/∂b = −2b + a
    let (value, (ga, gb)) = lent_array_to_array_grad(2.0, 3.0);
    assert_eq!((value, ga, gb), (-5.0 + 6.0, 7.0, -4.0));
    let (_, tangent) = lent_array_to_array_jvp(2.0, 3.0, 1.0, 0.0);
    assert_eq!(tangent, 7.0);
}

// A copy of an array parameter, and a copy of a local array, lent to a `&mut [f64]`
#[differentiable]
fn fill_from_second(x: f64, out: &mut [f64]) {
    out[0] = x * out[1];
}

#[differentiable]
fn lends_a_copy_of_a_parameter(x: f64, a: [f64; 2]) -> f64 {
    let mut y = a;
    fill_from_second(x, &mut y);
    y[0] * y[1]
}

#[differentiable]
fn lends_a_copy_of_a_local(x: f64) -> f64 {
    let w = [x, 3.0];
    let mut y = w;
    fill_from_second(x, &mut y);
    y[0] + y[1] * w[0]
}

#[test]
fn copies_of_arrays_are_lent_as_arrays() {
    // y = (x a₁, a₁): f = x a₁², ∇ = (a₁², (0, 2x a₁)), H·e_x = (0, (0, 2a₁))
    assert_eq!(lends_a_copy_of_a_parameter_grad(2.0, [0.0, 3.0]), (18.0, (9.0, [0.0, 12.0])));
    let (_, _, hv) = lends_a_copy_of_a_parameter_hvp(2.0, [0.0, 3.0], 1.0, [0.0, 0.0]);
    assert_eq!(hv, (0.0, [0.0, 6.0]));
    // y = (3x, 3): f = 3x + 3x
    assert_eq!(lends_a_copy_of_a_local_grad(2.0), (12.0, 6.0));
    assert_eq!(lends_a_copy_of_a_local_jvp(2.0, 0.5), (12.0, 3.0));
}

// A `mut` array parameter lent `&mut`, to a slice and to an array parameter, read before and
// after the call (found by the review of 7 December; compiles since).

#[differentiable]
fn scale_second_into_first(out: &mut [f64; 2], x: f64) -> f64 {
    out[0] = x * out[1];
    x
}

#[differentiable]
fn add_scaled_second(out: &mut [f64], x: f64) -> f64 {
    out[0] += x * out[1];
    x
}

#[differentiable]
fn lends_own_array(mut y: [f64; 2], x: f64) -> f64 {
    let b = y[0] * x;
    let a = scale_second_into_first(&mut y, x);
    a + y[0] * y[1] + b
}

#[differentiable]
fn lends_own_array_as_slice(mut y: [f64; 2], x: f64) -> f64 {
    let b = y[0] * x;
    let a = add_scaled_second(&mut y, x);
    a + y[0] * y[1] + b
}

#[test]
fn a_mut_array_parameter_lent_mut() {
    // y₀ ← x·y₁: f = x + x·y₁² + y₀·x
    let (value, (dy, dx)) = lends_own_array_grad([5.0, 3.0], 2.0);
    assert_eq!((value, dy, dx), (30.0, [2.0, 12.0], 15.0));
    // y₀ ← y₀ + x·y₁: f = x + (y₀ + x·y₁)·y₁ + y₀·x
    let (value, (dy, dx)) = lends_own_array_as_slice_grad([5.0, 3.0], 2.0);
    assert_eq!((value, dy, dx), (45.0, [5.0, 17.0], 15.0));
    assert_eq!(lends_own_array_as_slice_jvp([5.0, 3.0], 2.0, [1.0, 0.0], 0.0), (45.0, 5.0));
    let (_, _, (hy, hx)) = lends_own_array_as_slice_hvp([5.0, 3.0], 2.0, [0.0, 0.0], 1.0);
    // ∂²f/∂x∂y = (1, 2y₁ + … ) : ∂f/∂y₀ = y₁ + x → 1; ∂f/∂y₁ = y₀ + 2x·y₁ → 2y₁ = 6; ∂²f/∂x² = 0
    assert_eq!((hy, hx), ([1.0, 6.0], 0.0));
}

// A `#[differentiable]` method taking `&self` and a `&mut` parameter: its `_jvp` named the
// receiver's tangent type `&self` (E0573).

#[derive(Differentiable, Clone)]
struct Gain {
    k: f64,
}

impl Gain {
    #[differentiable]
    fn apply(&self, out: &mut [f64], x: f64) -> f64 {
        out[0] = self.k * x;
        x
    }
}

#[test]
fn a_method_with_a_mut_parameter() {
    let gain = Gain { k: 3.0 };
    let mut out = vec![0.0, 1.0];
    let (value, pullback) = gain.apply_vjp(&mut out, 2.0);
    assert_eq!((value, &out), (2.0, &vec![6.0, 1.0]));
    let (d_gain, d_out, dx) = pullback(0.0, vec![1.0, 0.0]);
    assert_eq!((d_gain.k, d_out, dx), (2.0, vec![0.0, 0.0], 3.0));
    let (mut out, mut d_out) = (vec![0.0, 1.0], vec![0.0, 0.0]);
    let (_, tangent) = gain.apply_jvp(&mut out, 2.0, &Gain { k: 1.0 }, &mut d_out, 0.5);
    // out₀ = k·x: its tangent is dk·x + k·dx
    assert_eq!((tangent, d_out), (0.5, vec![3.5, 0.0]));
}

// A `&mut` parameter rebound whole before use: `let q = p;` (a struct) and
// `let r: &mut f64 = &mut *acc;` (an accumulator). `_owned` reads them as the parameter (an
// earlier expansion moved the owned value into `q`: E0594, E0382).
#[derive(Differentiable, Clone, Debug, PartialEq)]
struct Cursor {
    k: usize,
    v: f64,
}

// s = Σ_j a[k₀ + 2j] x[j] (q.k advances once per iteration, j too); then p.v = 2s
#[differentiable(wrt(a, x))]
fn strided_dot(a: &[f64], x: &[f64], p: &mut Cursor) -> f64 {
    let q = p;
    let mut s = 0.0;
    for j in 0..x.len() {
        s += a[q.k + j] * x[j];
        q.k += 1;
    }
    q.v = s * 2.0;
    s
}

// acc ← acc + Σ x², result 3·acc
#[differentiable]
fn add_squares(x: &[f64], acc: &mut f64) -> f64 {
    let r: &mut f64 = &mut *acc;
    for v in x {
        *r += v * v;
    }
    let q = 3.0;
    *r * q
}

#[test]
fn a_mut_parameter_rebound_whole() {
    let (a, x) = ([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [1.0, 10.0, 100.0]);
    let mut p = Cursor { k: 0, v: 0.0 };
    let value = strided_dot(&a, &x, &mut p);
    let mut q = Cursor { k: 0, v: 0.0 };
    let (got, pullback) = strided_dot_vjp(&a, &x, &mut q);
    assert_eq!((got, &q), (value, &p), "value and final buffer");
    assert_eq!((value, p.k, p.v), (531.0, 3, 1062.0));
    // Seeds: 1 on s and 0.5 on the final p.v (= 2s), so 2 on s in all. ∂s/∂a[2j] = x[j],
    // ∂s/∂x[j] = a[2j]; the initial p.v is overwritten (adjoint 0).
    let (ga, gx, gp) = pullback(1.0, Cursor { k: 0, v: 0.5 });
    assert_eq!(ga, vec![2.0, 0.0, 20.0, 0.0, 200.0, 0.0]);
    assert_eq!(gx, vec![2.0, 6.0, 10.0]);
    assert_eq!(gp, Cursor { k: 0, v: 0.0 });
    let mut p = Cursor { k: 0, v: 0.0 };
    let mut dp = Cursor { k: 0, v: 0.0 };
    let (_, tangent) = strided_dot_jvp(&a, &x, &mut p, &[0.0; 6], &[1.0, 0.0, 0.0], &mut dp);
    assert_eq!((tangent, dp.v), (1.0, 2.0), "along x[0]: a[0] and twice it in p.v");

    let mut acc = 1.0;
    let (value, pullback) = add_squares_vjp(&[2.0, 3.0], &mut acc);
    assert_eq!((value, acc), (42.0, 14.0));
    // f = 3(acc₀ + Σ x²): ∂f/∂x = 6x, ∂f/∂acc₀ = 3; the final acc's seed 1 adds 2x and 1.
    assert_eq!(pullback(1.0, 1.0), (vec![16.0, 24.0], 4.0));
    let mut acc = 1.0;
    let mut dacc = 0.5;
    let (_, tangent) = add_squares_jvp(&[2.0, 3.0], &mut acc, &[1.0, 0.0], &mut dacc);
    assert_eq!((tangent, dacc), (3.0 * (4.0 + 0.5), 4.0 + 0.5));
}
