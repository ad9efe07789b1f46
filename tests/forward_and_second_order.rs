//! Forward mode (`f_jvp`) and second order (`f_hvp`) of every construct the macro
//! differentiates: each elementary float function and operator, control flow, buffers and
//! collections, derived structs and methods, calls (with `wrt` subsets, nested `g_grad`,
//! `g_jvp` and `g_hvp`, custom rules), `stop_gradient`, and three worked examples
//! (Black–Scholes greeks, Newton's method on Rosenbrock with a Hessian assembled from `_hvp`
//! columns, GradBench's `saddle`).
//!
//! Each `#[differentiable]` function's comment gives the function, its hand-derived gradient
//! and, where it is a scalar, its Hessian. Its test checks, at several points and along every
//! coordinate direction and one mixed direction v:
//!
//! * `f_jvp(p, v)`: the value equals `f(p)` exactly; the tangent equals ∇f·v written by hand,
//!   and the central difference (f(p + hv) − f(p − hv)) / 2h of the primal;
//! * `f_hvp(p, v)`: the value equals `f(p)`; the gradient equals `f_grad`'s and the hand-derived
//!   one; H·v equals the hand-derived product and the central difference of `f_grad` along v.
//!
//! Hand-derived checks are relative: 1e-12 in `f64` (1e-5 in `f32`) of the sum of the absolute
//! values of the terms (so a sum that cancels is compared to the size of its terms, and an
//! expected 0 must come out exactly 0). Finite differences: 1e-6 in `f64` with h = 1e-6,
//! 2e-2 in `f32` with h = 1e-2, absolute below magnitude 1. The one looser tolerance is for
//! Black–Scholes greeks deep in the money (`greek_tol`, which says why).
//!

#![allow(clippy::needless_range_loop, reason = "index loops are what these tests differentiate")]

mod common;
use backprop::{Differentiable, differentiable, stop_gradient};
use common::*;
use std::f64::consts::{LN_2, LN_10, PI};

// ---------------------------------------------------------------------------------------------
// Checking machinery
// ---------------------------------------------------------------------------------------------

/// `p + t·v`.
fn shifted(p: &[f64], v: &[f64], t: f64) -> Vec<f64> {
    p.iter().zip(v).map(|(a, b)| a + t * b).collect()
}

/// `(f(p + hv) − f(p − hv)) / 2h`: the directional derivative by central differences.
fn fd_along(f: impl Fn(&[f64]) -> f64, p: &[f64], v: &[f64]) -> f64 {
    (f(&shifted(p, v, H64)) - f(&shifted(p, v, -H64))) / (2.0 * H64)
}

/// The same for a function with many outputs (a gradient, a `Vec` output).
fn fd_along_vec(f: impl Fn(&[f64]) -> Vec<f64>, p: &[f64], v: &[f64]) -> Vec<f64> {
    let (up, down) = (f(&shifted(p, v, H64)), f(&shifted(p, v, -H64)));
    assert_eq!(up.len(), down.len());
    up.iter().zip(&down).map(|(u, d)| (u - d) / (2.0 * H64)).collect()
}

/// Asserts `got` equals `Σ terms` to `tol` relative to `Σ |terms|` (or `|got|` if larger).
#[track_caller]
fn assert_sum(got: f64, terms: &[f64], tol: f64, case: &str) {
    let want: f64 = terms.iter().sum();
    let scale = terms.iter().map(|t| t.abs()).sum::<f64>().max(got.abs());
    assert!((got - want).abs() <= tol * scale, "{case}: got {got}, expected {want} (relative tolerance {tol})");
}

/// Asserts `got` equals `want` to `tol`, relative (hand-derived checks).
#[track_caller]
fn assert_exact(got: f64, want: f64, tol: f64, case: &str) {
    assert_sum(got, &[want], tol, case);
}

/// Asserts `got` is within `tol` of `want`, relative above magnitude 1 and absolute below
/// (finite-difference checks).
#[track_caller]
fn assert_near(got: f64, want: f64, tol: f64, case: &str) {
    let scale = got.abs().max(want.abs()).max(1.0);
    assert!((got - want).abs() <= tol * scale, "{case}: got {got}, expected {want} (tolerance {tol})");
}

/// Every coordinate direction of `Rⁿ` and one mixed direction.
fn directions(n: usize) -> Vec<Vec<f64>> {
    const MIXED: [f64; 7] = [0.7, -1.3, 0.4, 1.1, -0.6, 0.9, -0.2];
    let mut dirs: Vec<Vec<f64>> = (0..n).map(|i| (0..n).map(|j| if i == j { 1.0 } else { 0.0 }).collect()).collect();
    dirs.push((0..n).map(|j| MIXED[j % MIXED.len()]).collect());
    dirs
}

/// `f` at a flat point.
type Primal<'a, T> = dyn Fn(&[T]) -> T + 'a;
/// `f_grad` at a flat point: the value and the gradient, flattened.
type Gradient<'a, T> = dyn Fn(&[T]) -> (T, Vec<T>) + 'a;
/// `f_jvp` at a flat point along a flat direction: the value and the tangent.
type Tangent<'a, T> = dyn Fn(&[T], &[T]) -> (T, T) + 'a;
/// `f_hvp` at a flat point along a flat direction: the value, the gradient and H·v.
type SecondOrder<'a, T> = dyn Fn(&[T], &[T]) -> (T, Vec<T>, Vec<T>) + 'a;

/// A scalar function of floats seen through its forms, its arguments flattened into one slice
/// (and a direction flattened the same way).
struct Forms<'a, T = f64> {
    f: &'a Primal<'a, T>,
    grad: &'a Gradient<'a, T>,
    jvp: &'a Tangent<'a, T>,
    hvp: &'a SecondOrder<'a, T>,
}

/// The hand-derived gradient and Hessian at a point.
type Hand<'a, T = f64> = &'a dyn Fn(&[T]) -> (Vec<T>, Vec<Vec<T>>);

/// Checks `_grad`, `_jvp` and `_hvp` at each point along [`directions`], as the module
/// documentation says.
#[track_caller]
fn check(forms: &Forms, hand: Hand, points: &[&[f64]], tol: Tol<f64>) {
    assert!(points.len() >= 2, "check at least two points");
    for &p in points {
        let n = p.len();
        let (g_hand, h_hand) = hand(p);
        assert_eq!((g_hand.len(), h_hand.len()), (n, n), "hand derivation's shape at {p:?}");
        let primal = (forms.f)(p);
        let (value, g) = (forms.grad)(p);
        assert_eq!(value, primal, "_grad value at {p:?}");
        assert_eq!(g.len(), n, "gradient length at {p:?}");
        for i in 0..n {
            assert_exact(g[i], g_hand[i], tol.exact, &format!("_grad entry {i} at {p:?}"));
        }
        for v in directions(n) {
            let (value, tangent) = (forms.jvp)(p, &v);
            assert_eq!(value, primal, "_jvp value at {p:?}");
            let terms: Vec<f64> = (0..n).map(|i| g_hand[i] * v[i]).collect();
            assert_sum(tangent, &terms, tol.exact, &format!("_jvp at {p:?} along {v:?} against ∇f·v"));
            let numeric = fd_along(forms.f, p, &v);
            assert_near(tangent, numeric, tol.fd, &format!("_jvp at {p:?} along {v:?} against differences"));

            let (value, g2, hv) = (forms.hvp)(p, &v);
            assert_eq!(value, primal, "_hvp value at {p:?}");
            assert_eq!((g2.len(), hv.len()), (n, n), "_hvp shapes at {p:?}");
            let numeric = fd_along_vec(|q| (forms.grad)(q).1, p, &v);
            for i in 0..n {
                assert_exact(g2[i], g[i], tol.exact, &format!("_hvp gradient entry {i} at {p:?} against _grad"));
                let terms: Vec<f64> = (0..n).map(|j| h_hand[i][j] * v[j]).collect();
                assert_sum(hv[i], &terms, tol.exact, &format!("(H·v)[{i}] at {p:?} along {v:?} against hand"));
                assert_near(
                    hv[i],
                    numeric[i],
                    tol.fd,
                    &format!("(H·v)[{i}] at {p:?} along {v:?} against differences of _grad"),
                );
            }
        }
    }
}

type Grad1 = fn(f64) -> (f64, f64);
type Jvp1 = fn(f64, f64) -> (f64, f64);
type Hvp1 = fn(f64, f64) -> (f64, f64, f64);

/// [`check`] for `f(x)`, with the hand-derived `f'` and `f''`.
#[track_caller]
fn unary(forms: (fn(f64) -> f64, Grad1, Jvp1, Hvp1), d1: impl Fn(f64) -> f64, d2: impl Fn(f64) -> f64, points: &[f64]) {
    let (f, grad, jvp, hvp) = forms;
    let points: Vec<&[f64]> = points.iter().map(std::slice::from_ref).collect();
    check(
        &Forms {
            f: &|p| f(p[0]),
            grad: &|p| {
                let (y, g) = grad(p[0]);
                (y, vec![g])
            },
            jvp: &|p, v| jvp(p[0], v[0]),
            hvp: &|p, v| {
                let (y, g, h) = hvp(p[0], v[0]);
                (y, vec![g], vec![h])
            },
        },
        &|p| (vec![d1(p[0])], vec![vec![d2(p[0])]]),
        &points,
        TOL64,
    );
}

type Primal2 = fn(f64, f64) -> f64;
type Grad2 = fn(f64, f64) -> (f64, (f64, f64));
type Jvp2 = fn(f64, f64, f64, f64) -> (f64, f64);
type Hvp2 = fn(f64, f64, f64, f64) -> (f64, (f64, f64), (f64, f64));

/// [`check`] for `f(x, y)`, with the hand-derived gradient and Hessian.
#[track_caller]
fn binary(
    forms: (Primal2, Grad2, Jvp2, Hvp2),
    d1: impl Fn(f64, f64) -> [f64; 2],
    d2: impl Fn(f64, f64) -> [[f64; 2]; 2],
    points: &[[f64; 2]],
) {
    let (f, grad, jvp, hvp) = forms;
    let points: Vec<&[f64]> = points.iter().map(|p| &p[..]).collect();
    check(
        &Forms {
            f: &|p| f(p[0], p[1]),
            grad: &|p| {
                let (y, (gx, gy)) = grad(p[0], p[1]);
                (y, vec![gx, gy])
            },
            jvp: &|p, v| jvp(p[0], p[1], v[0], v[1]),
            hvp: &|p, v| {
                let (y, (gx, gy), (hx, hy)) = hvp(p[0], p[1], v[0], v[1]);
                (y, vec![gx, gy], vec![hx, hy])
            },
        },
        &|p| {
            let h = d2(p[0], p[1]);
            (d1(p[0], p[1]).to_vec(), vec![h[0].to_vec(), h[1].to_vec()])
        },
        &points,
        TOL64,
    );
}

// The same machinery in `f32`: differences evaluated in `f32` with h = 1e-2.

type Grad1f = fn(f32) -> (f32, f32);
type Jvp1f = fn(f32, f32) -> (f32, f32);
type Hvp1f = fn(f32, f32) -> (f32, f32, f32);
type Primal2f = fn(f32, f32) -> f32;
type Grad2f = fn(f32, f32) -> (f32, (f32, f32));
type Jvp2f = fn(f32, f32, f32, f32) -> (f32, f32);
type Hvp2f = fn(f32, f32, f32, f32) -> (f32, (f32, f32), (f32, f32));

/// [`assert_sum`] in `f32`.
#[track_caller]
fn assert_sum32(got: f32, terms: &[f32], tol: f32, case: &str) {
    let want: f32 = terms.iter().sum();
    let scale = terms.iter().map(|t| t.abs()).sum::<f32>().max(got.abs());
    assert!((got - want).abs() <= tol * scale, "{case}: got {got}, expected {want} (relative tolerance {tol})");
}

/// [`assert_near`] in `f32`.
#[track_caller]
fn assert_near32(got: f32, want: f32, tol: f32, case: &str) {
    let scale = got.abs().max(want.abs()).max(1.0);
    assert!((got - want).abs() <= tol * scale, "{case}: got {got}, expected {want} (tolerance {tol})");
}

/// [`check`] in `f32`, with [`TOL32`].
#[track_caller]
fn check32(forms: &Forms<f32>, hand: Hand<f32>, points: &[&[f32]]) {
    let Forms { f, grad, jvp, hvp } = *forms;
    let tol = TOL32;
    let along = |p: &[f32], v: &[f32], t: f32| -> Vec<f32> { p.iter().zip(v).map(|(a, b)| a + t * b).collect() };
    assert!(points.len() >= 2, "check at least two points");
    for &p in points {
        let n = p.len();
        let (g_hand, h_hand) = hand(p);
        let primal = f(p);
        let (value, g) = grad(p);
        assert_eq!(value, primal, "_grad value at {p:?}");
        for i in 0..n {
            assert_sum32(g[i], &[g_hand[i]], tol.exact, &format!("_grad entry {i} at {p:?}"));
        }
        for v in directions(n) {
            let v: Vec<f32> = v.iter().map(|&c| c as f32).collect();
            let (value, tangent) = jvp(p, &v);
            assert_eq!(value, primal, "_jvp value at {p:?}");
            let terms: Vec<f32> = (0..n).map(|i| g_hand[i] * v[i]).collect();
            assert_sum32(tangent, &terms, tol.exact, &format!("_jvp at {p:?} along {v:?} against ∇f·v"));
            let numeric = (f(&along(p, &v, H32)) - f(&along(p, &v, -H32))) / (2.0 * H32);
            assert_near32(tangent, numeric, tol.fd, &format!("_jvp at {p:?} along {v:?} against differences"));

            let (value, g2, hv) = hvp(p, &v);
            assert_eq!(value, primal, "_hvp value at {p:?}");
            let (up, down) = (grad(&along(p, &v, H32)).1, grad(&along(p, &v, -H32)).1);
            for i in 0..n {
                assert_sum32(g2[i], &[g[i]], tol.exact, &format!("_hvp gradient entry {i} at {p:?}"));
                let terms: Vec<f32> = (0..n).map(|j| h_hand[i][j] * v[j]).collect();
                assert_sum32(hv[i], &terms, tol.exact, &format!("(H·v)[{i}] at {p:?} along {v:?} against hand"));
                let numeric = (up[i] - down[i]) / (2.0 * H32);
                assert_near32(hv[i], numeric, tol.fd, &format!("(H·v)[{i}] at {p:?} along {v:?} against differences"));
            }
        }
    }
}

/// [`unary`] in `f32`.
#[track_caller]
fn unary32(
    forms: (fn(f32) -> f32, Grad1f, Jvp1f, Hvp1f),
    d1: impl Fn(f32) -> f32,
    d2: impl Fn(f32) -> f32,
    points: &[f32],
) {
    let (f, grad, jvp, hvp) = forms;
    let points: Vec<&[f32]> = points.iter().map(std::slice::from_ref).collect();
    check32(
        &Forms {
            f: &|p| f(p[0]),
            grad: &|p| {
                let (y, g) = grad(p[0]);
                (y, vec![g])
            },
            jvp: &|p, v| jvp(p[0], v[0]),
            hvp: &|p, v| {
                let (y, g, h) = hvp(p[0], v[0]);
                (y, vec![g], vec![h])
            },
        },
        &|p| (vec![d1(p[0])], vec![vec![d2(p[0])]]),
        &points,
    );
}

/// [`binary`] in `f32`.
#[track_caller]
fn binary32(
    forms: (Primal2f, Grad2f, Jvp2f, Hvp2f),
    d1: impl Fn(f32, f32) -> [f32; 2],
    d2: impl Fn(f32, f32) -> [[f32; 2]; 2],
    points: &[[f32; 2]],
) {
    let (f, grad, jvp, hvp) = forms;
    let points: Vec<&[f32]> = points.iter().map(|p| &p[..]).collect();
    check32(
        &Forms {
            f: &|p| f(p[0], p[1]),
            grad: &|p| {
                let (y, (gx, gy)) = grad(p[0], p[1]);
                (y, vec![gx, gy])
            },
            jvp: &|p, v| jvp(p[0], p[1], v[0], v[1]),
            hvp: &|p, v| {
                let (y, (gx, gy), (hx, hy)) = hvp(p[0], p[1], v[0], v[1]);
                (y, vec![gx, gy], vec![hx, hy])
            },
        },
        &|p| {
            let h = d2(p[0], p[1]);
            (d1(p[0], p[1]).to_vec(), vec![h[0].to_vec(), h[1].to_vec()])
        },
        &points,
    );
}

// ---------------------------------------------------------------------------------------------
// Elementary functions, f64 (and a subset in f32)
// ---------------------------------------------------------------------------------------------

// f(x) = sin x;  f' = cos x,  f'' = −sin x
#[differentiable]
fn sin_64(x: f64) -> f64 {
    x.sin()
}

// f(x) = sin x in f32;  f' = cos x,  f'' = −sin x
#[differentiable]
fn sin_32(x: f32) -> f32 {
    x.sin()
}

#[test]
fn sin_tangent_is_cosine_and_curvature_is_minus_sine() {
    unary((sin_64, sin_64_grad, sin_64_jvp, sin_64_hvp), |x| x.cos(), |x| -x.sin(), &[-1.3, 0.4, 2.0]);
    unary32((sin_32, sin_32_grad, sin_32_jvp, sin_32_hvp), |x| x.cos(), |x| -x.sin(), &[-1.3, 0.4, 2.0]);
}

// f(x) = cos x;  f' = −sin x,  f'' = −cos x
#[differentiable]
fn cos_64(x: f64) -> f64 {
    x.cos()
}

#[test]
fn cos_tangent_is_minus_sine_and_curvature_is_minus_cosine() {
    unary((cos_64, cos_64_grad, cos_64_jvp, cos_64_hvp), |x| -x.sin(), |x| -x.cos(), &[-0.7, 0.5, 2.5]);
}

// f(x) = tan x;  f' = 1 + tan² x,  f'' = 2 tan x (1 + tan² x)
#[differentiable]
fn tan_64(x: f64) -> f64 {
    x.tan()
}

#[test]
fn tan_tangent_is_secant_squared_and_curvature_is_twice_tan_secant_squared() {
    let d1 = |x: f64| 1.0 + x.tan() * x.tan();
    let d2 = |x: f64| 2.0 * x.tan() * (1.0 + x.tan() * x.tan());
    unary((tan_64, tan_64_grad, tan_64_jvp, tan_64_hvp), d1, d2, &[-0.9, 0.3, 1.2]);
}

// f(x) = asin x;  f' = (1 − x²)^(−1/2),  f'' = x (1 − x²)^(−3/2)
#[differentiable]
fn asin_64(x: f64) -> f64 {
    x.asin()
}

#[test]
fn asin_forward_and_second_order() {
    let d1 = |x: f64| 1.0 / (1.0 - x * x).sqrt();
    let d2 = |x: f64| x / (1.0 - x * x).powf(1.5);
    unary((asin_64, asin_64_grad, asin_64_jvp, asin_64_hvp), d1, d2, &[-0.6, 0.2, 0.7]);
}

// f(x) = acos x;  f' = −(1 − x²)^(−1/2),  f'' = −x (1 − x²)^(−3/2)
#[differentiable]
fn acos_64(x: f64) -> f64 {
    x.acos()
}

#[test]
fn acos_forward_and_second_order() {
    let d1 = |x: f64| -1.0 / (1.0 - x * x).sqrt();
    let d2 = |x: f64| -x / (1.0 - x * x).powf(1.5);
    unary((acos_64, acos_64_grad, acos_64_jvp, acos_64_hvp), d1, d2, &[-0.6, 0.2, 0.7]);
}

// f(x) = atan x;  f' = 1/(1 + x²),  f'' = −2x/(1 + x²)²
#[differentiable]
fn atan_64(x: f64) -> f64 {
    x.atan()
}

#[test]
fn atan_forward_and_second_order() {
    let d1 = |x: f64| 1.0 / (1.0 + x * x);
    let d2 = |x: f64| -2.0 * x / ((1.0 + x * x) * (1.0 + x * x));
    unary((atan_64, atan_64_grad, atan_64_jvp, atan_64_hvp), d1, d2, &[-2.0, 0.5, 3.0]);
}

// f(y, x) = atan2(y, x), r² = x² + y²;  ∇f = (x/r², −y/r²);
// H = [[−2xy/r⁴, (y² − x²)/r⁴], [(y² − x²)/r⁴, 2xy/r⁴]]
#[differentiable]
fn atan2_64(y: f64, x: f64) -> f64 {
    y.atan2(x)
}

// atan2 in f32, same derivatives.
#[differentiable]
fn atan2_32(y: f32, x: f32) -> f32 {
    y.atan2(x)
}

#[test]
fn atan2_forward_and_second_order_in_every_quadrant() {
    let points = [[0.5, 1.5], [1.0, -2.0], [-0.7, -0.3], [-1.2, 0.4]];
    binary(
        (atan2_64, atan2_64_grad, atan2_64_jvp, atan2_64_hvp),
        |y, x| [x / (x * x + y * y), -y / (x * x + y * y)],
        |y, x| {
            let r4 = (x * x + y * y) * (x * x + y * y);
            [[-2.0 * x * y / r4, (y * y - x * x) / r4], [(y * y - x * x) / r4, 2.0 * x * y / r4]]
        },
        &points,
    );
    binary32(
        (atan2_32, atan2_32_grad, atan2_32_jvp, atan2_32_hvp),
        |y, x| [x / (x * x + y * y), -y / (x * x + y * y)],
        |y, x| {
            let r4 = (x * x + y * y) * (x * x + y * y);
            [[-2.0 * x * y / r4, (y * y - x * x) / r4], [(y * y - x * x) / r4, 2.0 * x * y / r4]]
        },
        &points.map(|[y, x]| [y as f32, x as f32]),
    );
}

// f(x) = sinh x;  f' = cosh x,  f'' = sinh x
#[differentiable]
fn sinh_64(x: f64) -> f64 {
    x.sinh()
}

#[test]
fn sinh_forward_and_second_order() {
    unary((sinh_64, sinh_64_grad, sinh_64_jvp, sinh_64_hvp), |x| x.cosh(), |x| x.sinh(), &[-1.5, 0.3, 2.0]);
}

// f(x) = cosh x;  f' = sinh x,  f'' = cosh x
#[differentiable]
fn cosh_64(x: f64) -> f64 {
    x.cosh()
}

#[test]
fn cosh_forward_and_second_order() {
    unary((cosh_64, cosh_64_grad, cosh_64_jvp, cosh_64_hvp), |x| x.sinh(), |x| x.cosh(), &[-1.5, 0.3, 2.0]);
}

// f(x) = tanh x = t;  f' = 1 − t²,  f'' = −2t(1 − t²)
#[differentiable]
fn tanh_64(x: f64) -> f64 {
    x.tanh()
}

// tanh in f32, same derivatives.
#[differentiable]
fn tanh_32(x: f32) -> f32 {
    x.tanh()
}

#[test]
fn tanh_forward_and_second_order() {
    let points = [-1.2, 0.4, 2.0];
    unary(
        (tanh_64, tanh_64_grad, tanh_64_jvp, tanh_64_hvp),
        |x| 1.0 - x.tanh() * x.tanh(),
        |x| -2.0 * x.tanh() * (1.0 - x.tanh() * x.tanh()),
        &points,
    );
    unary32(
        (tanh_32, tanh_32_grad, tanh_32_jvp, tanh_32_hvp),
        |x| 1.0 - x.tanh() * x.tanh(),
        |x| -2.0 * x.tanh() * (1.0 - x.tanh() * x.tanh()),
        &points.map(|x| x as f32),
    );
}

// f(x) = asinh x;  f' = (1 + x²)^(−1/2),  f'' = −x (1 + x²)^(−3/2)
#[differentiable]
fn asinh_64(x: f64) -> f64 {
    x.asinh()
}

#[test]
fn asinh_forward_and_second_order() {
    let d1 = |x: f64| 1.0 / (1.0 + x * x).sqrt();
    let d2 = |x: f64| -x / (1.0 + x * x).powf(1.5);
    unary((asinh_64, asinh_64_grad, asinh_64_jvp, asinh_64_hvp), d1, d2, &[-2.0, 0.5, 3.0]);
}

// f(x) = acosh x (x > 1);  f' = (x² − 1)^(−1/2),  f'' = −x (x² − 1)^(−3/2)
#[differentiable]
fn acosh_64(x: f64) -> f64 {
    x.acosh()
}

#[test]
fn acosh_forward_and_second_order() {
    let d1 = |x: f64| 1.0 / (x * x - 1.0).sqrt();
    let d2 = |x: f64| -x / (x * x - 1.0).powf(1.5);
    unary((acosh_64, acosh_64_grad, acosh_64_jvp, acosh_64_hvp), d1, d2, &[1.2, 2.0, 5.0]);
}

// f(x) = atanh x (|x| < 1);  f' = 1/(1 − x²),  f'' = 2x/(1 − x²)²
#[differentiable]
fn atanh_64(x: f64) -> f64 {
    x.atanh()
}

#[test]
fn atanh_forward_and_second_order() {
    let d1 = |x: f64| 1.0 / (1.0 - x * x);
    let d2 = |x: f64| 2.0 * x / ((1.0 - x * x) * (1.0 - x * x));
    unary((atanh_64, atanh_64_grad, atanh_64_jvp, atanh_64_hvp), d1, d2, &[-0.6, 0.2, 0.8]);
}

// f(x) = eˣ;  f' = f'' = eˣ
#[differentiable]
fn exp_64(x: f64) -> f64 {
    x.exp()
}

// eˣ in f32.
#[differentiable]
fn exp_32(x: f32) -> f32 {
    x.exp()
}

#[test]
fn exp_forward_and_second_order() {
    let points = [-2.0, 0.5, 3.0];
    unary((exp_64, exp_64_grad, exp_64_jvp, exp_64_hvp), |x| x.exp(), |x| x.exp(), &points);
    unary32((exp_32, exp_32_grad, exp_32_jvp, exp_32_hvp), |x| x.exp(), |x| x.exp(), &points.map(|x| x as f32));
}

// f(x) = 2ˣ;  f' = ln 2 · 2ˣ,  f'' = ln² 2 · 2ˣ
#[differentiable]
fn exp2_64(x: f64) -> f64 {
    x.exp2()
}

#[test]
fn exp2_forward_and_second_order() {
    let d1 = |x: f64| LN_2 * x.exp2();
    let d2 = |x: f64| LN_2 * LN_2 * x.exp2();
    unary((exp2_64, exp2_64_grad, exp2_64_jvp, exp2_64_hvp), d1, d2, &[-2.0, 0.5, 3.0]);
}

// f(x) = eˣ − 1;  f' = f'' = eˣ
#[differentiable]
fn exp_m1_64(x: f64) -> f64 {
    x.exp_m1()
}

#[test]
fn exp_m1_forward_and_second_order() {
    unary((exp_m1_64, exp_m1_64_grad, exp_m1_64_jvp, exp_m1_64_hvp), |x| x.exp(), |x| x.exp(), &[-1.0, 1e-3, 2.0]);
}

// f(x) = ln x;  f' = 1/x,  f'' = −1/x²
#[differentiable]
fn ln_64(x: f64) -> f64 {
    x.ln()
}

// ln x in f32.
#[differentiable]
fn ln_32(x: f32) -> f32 {
    x.ln()
}

#[test]
fn ln_forward_and_second_order() {
    let points = [0.3, 1.5, 10.0];
    unary((ln_64, ln_64_grad, ln_64_jvp, ln_64_hvp), |x| 1.0 / x, |x| -1.0 / (x * x), &points);
    unary32((ln_32, ln_32_grad, ln_32_jvp, ln_32_hvp), |x| 1.0 / x, |x| -1.0 / (x * x), &points.map(|x| x as f32));
}

// f(x) = ln(1 + x);  f' = 1/(1 + x),  f'' = −1/(1 + x)²
#[differentiable]
fn ln_1p_64(x: f64) -> f64 {
    x.ln_1p()
}

#[test]
fn ln_1p_forward_and_second_order() {
    let d1 = |x: f64| 1.0 / (1.0 + x);
    let d2 = |x: f64| -1.0 / ((1.0 + x) * (1.0 + x));
    unary((ln_1p_64, ln_1p_64_grad, ln_1p_64_jvp, ln_1p_64_hvp), d1, d2, &[-0.5, 1e-3, 4.0]);
}

// f(x, b) = log_b x = ln x / ln b;  ∇f = (1/(x ln b), −ln x/(b ln² b));
// H = [[−1/(x² ln b), −1/(x b ln² b)], [−1/(x b ln² b), ln x (ln b + 2)/(b² ln³ b)]]
#[differentiable]
fn log_64(x: f64, b: f64) -> f64 {
    x.log(b)
}

#[test]
fn log_with_an_active_base_forward_and_second_order() {
    binary(
        (log_64, log_64_grad, log_64_jvp, log_64_hvp),
        |x, b| [1.0 / (x * b.ln()), -x.ln() / (b * b.ln() * b.ln())],
        |x, b| {
            let (lx, lb) = (x.ln(), b.ln());
            let cross = -1.0 / (x * b * lb * lb);
            [[-1.0 / (x * x * lb), cross], [cross, lx * (lb + 2.0) / (b * b * lb * lb * lb)]]
        },
        &[[0.5, 3.0], [2.0, 10.0], [7.0, 0.5]],
    );
}

// f(x) = log₂ x;  f' = 1/(x ln 2),  f'' = −1/(x² ln 2)
#[differentiable]
fn log2_64(x: f64) -> f64 {
    x.log2()
}

#[test]
fn log2_forward_and_second_order() {
    let d1 = |x: f64| 1.0 / (x * LN_2);
    let d2 = |x: f64| -1.0 / (x * x * LN_2);
    unary((log2_64, log2_64_grad, log2_64_jvp, log2_64_hvp), d1, d2, &[0.3, 1.5, 10.0]);
}

// f(x) = log₁₀ x;  f' = 1/(x ln 10),  f'' = −1/(x² ln 10)
#[differentiable]
fn log10_64(x: f64) -> f64 {
    x.log10()
}

#[test]
fn log10_forward_and_second_order() {
    let d1 = |x: f64| 1.0 / (x * LN_10);
    let d2 = |x: f64| -1.0 / (x * x * LN_10);
    unary((log10_64, log10_64_grad, log10_64_jvp, log10_64_hvp), d1, d2, &[0.3, 1.5, 10.0]);
}

// f(x) = √x;  f' = 1/(2√x),  f'' = −1/(4 x √x)
#[differentiable]
fn sqrt_64(x: f64) -> f64 {
    x.sqrt()
}

// √x in f32.
#[differentiable]
fn sqrt_32(x: f32) -> f32 {
    x.sqrt()
}

#[test]
fn sqrt_forward_and_second_order() {
    let points = [0.25, 2.0, 9.0];
    unary((sqrt_64, sqrt_64_grad, sqrt_64_jvp, sqrt_64_hvp), |x| 0.5 / x.sqrt(), |x| -0.25 / (x * x.sqrt()), &points);
    unary32(
        (sqrt_32, sqrt_32_grad, sqrt_32_jvp, sqrt_32_hvp),
        |x| 0.5 / x.sqrt(),
        |x| -0.25 / (x * x.sqrt()),
        &points.map(|x| x as f32),
    );
}

// f(x) = ∛x = c (also for x < 0);  f' = 1/(3c²),  f'' = −2/(9c⁵)
#[differentiable]
fn cbrt_64(x: f64) -> f64 {
    x.cbrt()
}

#[test]
fn cbrt_forward_and_second_order_on_both_signs() {
    let d1 = |x: f64| 1.0 / (3.0 * x.cbrt().powi(2));
    let d2 = |x: f64| -2.0 / (9.0 * x.cbrt().powi(5));
    unary((cbrt_64, cbrt_64_grad, cbrt_64_jvp, cbrt_64_hvp), d1, d2, &[-3.0, 0.5, 2.0, 27.0]);
}

// f(x) = x³;  f' = 3x²,  f'' = 6x
#[differentiable]
fn powi_3_64(x: f64) -> f64 {
    x.powi(3)
}

// f(x) = x⁻²;  f' = −2x⁻³,  f'' = 6x⁻⁴
#[differentiable]
fn powi_minus_2_64(x: f64) -> f64 {
    x.powi(-2)
}

// f(x) = xⁿ with an integer parameter n;  f' = n xⁿ⁻¹,  f'' = n(n − 1) xⁿ⁻²
#[differentiable]
fn powi_n_64(x: f64, n: i32) -> f64 {
    x.powi(n)
}

// x³ in f32.
#[differentiable]
fn powi_3_32(x: f32) -> f32 {
    x.powi(3)
}

#[test]
fn powi_forward_and_second_order_for_literal_and_parameter_exponents() {
    let points = [-1.5, 0.5, 2.0];
    unary((powi_3_64, powi_3_64_grad, powi_3_64_jvp, powi_3_64_hvp), |x| 3.0 * x * x, |x| 6.0 * x, &points);
    unary32(
        (powi_3_32, powi_3_32_grad, powi_3_32_jvp, powi_3_32_hvp),
        |x| 3.0 * x * x,
        |x| 6.0 * x,
        &points.map(|x| x as f32),
    );
    unary(
        (powi_minus_2_64, powi_minus_2_64_grad, powi_minus_2_64_jvp, powi_minus_2_64_hvp),
        |x| -2.0 * x.powi(-3),
        |x| 6.0 * x.powi(-4),
        &points,
    );
    for n in [-3, 0, 1, 2, 5] {
        let nf = f64::from(n);
        let points: Vec<&[f64]> = vec![&[-1.5], &[0.5], &[2.0]];
        check(
            &Forms {
                f: &|p| powi_n_64(p[0], n),
                grad: &|p| {
                    let (y, g) = powi_n_64_grad(p[0], n);
                    (y, vec![g])
                },
                jvp: &|p, v| powi_n_64_jvp(p[0], n, v[0]),
                hvp: &|p, v| {
                    let (y, g, h) = powi_n_64_hvp(p[0], n, v[0]);
                    (y, vec![g], vec![h])
                },
            },
            &|p| (vec![nf * p[0].powi(n - 1)], vec![vec![nf * (nf - 1.0) * p[0].powi(n - 2)]]),
            &points,
            TOL64,
        );
    }
}

// f(x, p) = xᵖ (x > 0);  ∇f = (p xᵖ⁻¹, xᵖ ln x);
// H = [[p(p − 1) xᵖ⁻², xᵖ⁻¹(1 + p ln x)], [xᵖ⁻¹(1 + p ln x), xᵖ ln² x]]
#[differentiable]
fn powf_64(x: f64, p: f64) -> f64 {
    x.powf(p)
}

// xᵖ in f32.
#[differentiable]
fn powf_32(x: f32, p: f32) -> f32 {
    x.powf(p)
}

#[test]
fn powf_with_an_active_exponent_forward_and_second_order() {
    let points = [[0.5, 2.5], [2.0, -1.5], [3.0, 0.3]];
    binary(
        (powf_64, powf_64_grad, powf_64_jvp, powf_64_hvp),
        |x, p| [p * x.powf(p - 1.0), x.powf(p) * x.ln()],
        |x, p| {
            let cross = x.powf(p - 1.0) * (1.0 + p * x.ln());
            [[p * (p - 1.0) * x.powf(p - 2.0), cross], [cross, x.powf(p) * x.ln() * x.ln()]]
        },
        &points,
    );
    binary32(
        (powf_32, powf_32_grad, powf_32_jvp, powf_32_hvp),
        |x, p| [p * x.powf(p - 1.0), x.powf(p) * x.ln()],
        |x, p| {
            let cross = x.powf(p - 1.0) * (1.0 + p * x.ln());
            [[p * (p - 1.0) * x.powf(p - 2.0), cross], [cross, x.powf(p) * x.ln() * x.ln()]]
        },
        &points.map(|[x, p]| [x as f32, p as f32]),
    );
}

// f(x) = 1/x;  f' = −1/x²,  f'' = 2/x³
#[differentiable]
fn recip_64(x: f64) -> f64 {
    x.recip()
}

#[test]
fn recip_forward_and_second_order() {
    let d1 = |x: f64| -1.0 / (x * x);
    let d2 = |x: f64| 2.0 / (x * x * x);
    unary((recip_64, recip_64_grad, recip_64_jvp, recip_64_hvp), d1, d2, &[-2.0, 0.5, 3.0]);
}

// f(x, y) = hypot(x, y) = r;  ∇f = (x/r, y/r);  H = [[y²/r³, −xy/r³], [−xy/r³, x²/r³]]
#[differentiable]
fn hypot_64(x: f64, y: f64) -> f64 {
    x.hypot(y)
}

// hypot in f32.
#[differentiable]
fn hypot_32(x: f32, y: f32) -> f32 {
    x.hypot(y)
}

#[test]
fn hypot_forward_and_second_order() {
    let points = [[3.0, 4.0], [-1.0, 2.0], [0.5, -0.2]];
    binary(
        (hypot_64, hypot_64_grad, hypot_64_jvp, hypot_64_hvp),
        |x, y| [x / x.hypot(y), y / x.hypot(y)],
        |x, y| {
            let r3 = x.hypot(y).powi(3);
            [[y * y / r3, -x * y / r3], [-x * y / r3, x * x / r3]]
        },
        &points,
    );
    binary32(
        (hypot_32, hypot_32_grad, hypot_32_jvp, hypot_32_hvp),
        |x, y| [x / x.hypot(y), y / x.hypot(y)],
        |x, y| {
            let r3 = x.hypot(y).powi(3);
            [[y * y / r3, -x * y / r3], [-x * y / r3, x * x / r3]]
        },
        &points.map(|[x, y]| [x as f32, y as f32]),
    );
}

// The piecewise-linear functions (abs, max, min, clamp, copysign) have a zero Hessian, so each
// is composed with exp: f = e^u, u the piecewise function;  ∇f = eᵘ ∇u,  H = eᵘ ∇u ∇uᵀ. A
// wrong tangent of u shows in both.

// f(x) = e^|x| (x ≠ 0);  f' = sgn x · e^|x|,  f'' = e^|x|
#[differentiable]
fn abs_64(x: f64) -> f64 {
    x.abs().exp()
}

#[test]
fn abs_forward_and_second_order_on_both_sides_of_the_kink() {
    let d1 = |x: f64| x.signum() * x.abs().exp();
    let d2 = |x: f64| x.abs().exp();
    unary((abs_64, abs_64_grad, abs_64_jvp, abs_64_hvp), d1, d2, &[-1.5, 0.5, 2.0]);
}

// f(x, y) = e^max(x, y) (x ≠ y);  ∇f = eᵐ (1, 0) if x > y else eᵐ (0, 1);  H = eᵐ ∇u ∇uᵀ
#[differentiable]
fn max_64(x: f64, y: f64) -> f64 {
    x.max(y).exp()
}

// f(x, y) = e^min(x, y) (x ≠ y);  ∇f = eᵐ (1, 0) if x < y else eᵐ (0, 1);  H = eᵐ ∇u ∇uᵀ
#[differentiable]
fn min_64(x: f64, y: f64) -> f64 {
    x.min(y).exp()
}

/// `(eᵘ ∇u, eᵘ ∇u ∇uᵀ)` for the indicator gradient `s` of a piecewise-linear `u`.
fn exp_of_selection(u: f64, s: [f64; 2]) -> ([f64; 2], [[f64; 2]; 2]) {
    let e = u.exp();
    ([e * s[0], e * s[1]], [[e * s[0] * s[0], e * s[0] * s[1]], [e * s[1] * s[0], e * s[1] * s[1]]])
}

#[test]
fn max_and_min_forward_and_second_order_follow_the_selected_argument() {
    let points = [[1.0, 0.5], [-0.3, 0.8], [2.0, -1.0]];
    let max_sel = |x: f64, y: f64| exp_of_selection(x.max(y), if x > y { [1.0, 0.0] } else { [0.0, 1.0] });
    binary((max_64, max_64_grad, max_64_jvp, max_64_hvp), |x, y| max_sel(x, y).0, |x, y| max_sel(x, y).1, &points);
    let min_sel = |x: f64, y: f64| exp_of_selection(x.min(y), if x < y { [1.0, 0.0] } else { [0.0, 1.0] });
    binary((min_64, min_64_grad, min_64_jvp, min_64_hvp), |x, y| min_sel(x, y).0, |x, y| min_sel(x, y).1, &points);
}

// f(x, lo, hi) = e^clamp(x, lo, hi), every argument active; ∇u = (1, 0, 0) inside [lo, hi],
// (0, 1, 0) below, (0, 0, 1) above;  ∇f = eᵘ ∇u,  H = eᵘ ∇u ∇uᵀ
#[differentiable]
fn clamp_64(x: f64, lo: f64, hi: f64) -> f64 {
    x.clamp(lo, hi).exp()
}

#[test]
fn clamp_forward_and_second_order_route_to_the_returned_argument() {
    let hand = |p: &[f64]| {
        let (x, lo, hi) = (p[0], p[1], p[2]);
        let s = if x < lo {
            [0.0, 1.0, 0.0]
        } else if x > hi {
            [0.0, 0.0, 1.0]
        } else {
            [1.0, 0.0, 0.0]
        };
        let e = x.clamp(lo, hi).exp();
        (s.iter().map(|a| e * a).collect(), s.iter().map(|a| s.iter().map(|b| e * a * b).collect()).collect())
    };
    check(
        &Forms {
            f: &|p| clamp_64(p[0], p[1], p[2]),
            grad: &|p| {
                let (y, (a, b, c)) = clamp_64_grad(p[0], p[1], p[2]);
                (y, vec![a, b, c])
            },
            jvp: &|p, v| clamp_64_jvp(p[0], p[1], p[2], v[0], v[1], v[2]),
            hvp: &|p, v| {
                let (y, (a, b, c), (ha, hb, hc)) = clamp_64_hvp(p[0], p[1], p[2], v[0], v[1], v[2]);
                (y, vec![a, b, c], vec![ha, hb, hc])
            },
        },
        &hand,
        &[&[0.3, -1.0, 1.0], &[-2.0, -1.0, 1.0], &[1.5, -1.0, 0.5]],
        TOL64,
    );
}

// f(x, s) = e^copysign(x, s) = e^(|x| sgn s);  ∂u/∂x = sgn x sgn s, ∂u/∂s = 0;
// ∇f = eᵘ (sgn x sgn s, 0),  H = [[eᵘ, 0], [0, 0]]
#[differentiable]
fn copysign_64(x: f64, s: f64) -> f64 {
    x.copysign(s).exp()
}

#[test]
fn copysign_forward_and_second_order_take_no_derivative_through_the_sign() {
    binary(
        (copysign_64, copysign_64_grad, copysign_64_jvp, copysign_64_hvp),
        |x, s| [x.signum() * s.signum() * x.copysign(s).exp(), 0.0],
        |x, s| [[x.copysign(s).exp(), 0.0], [0.0, 0.0]],
        &[[1.5, 2.0], [-1.5, 2.0], [1.5, -2.0], [-0.5, -3.0]],
    );
}

// f(a, b, c) = a·b + c, fused;  ∇f = (b, a, 1);  H = [[0, 1, 0], [1, 0, 0], [0, 0, 0]]
#[differentiable]
fn mul_add_64(a: f64, b: f64, c: f64) -> f64 {
    a.mul_add(b, c)
}

#[test]
fn mul_add_forward_and_second_order() {
    check(
        &Forms {
            f: &|p| mul_add_64(p[0], p[1], p[2]),
            grad: &|p| {
                let (y, (a, b, c)) = mul_add_64_grad(p[0], p[1], p[2]);
                (y, vec![a, b, c])
            },
            jvp: &|p, v| mul_add_64_jvp(p[0], p[1], p[2], v[0], v[1], v[2]),
            hvp: &|p, v| {
                let (y, (a, b, c), (ha, hb, hc)) = mul_add_64_hvp(p[0], p[1], p[2], v[0], v[1], v[2]);
                (y, vec![a, b, c], vec![ha, hb, hc])
            },
        },
        &|p| {
            let h = vec![vec![0.0, 1.0, 0.0], vec![1.0, 0.0, 0.0], vec![0.0, 0.0, 0.0]];
            (vec![p[1], p[0], 1.0], h)
        },
        &[&[1.5, -2.0, 0.3], &[-0.4, 0.7, 2.0]],
        TOL64,
    );
}

// f(x) = x·deg(x) = c x², c = 180/π;  f' = 2cx,  f'' = 2c
#[differentiable]
fn to_degrees_64(x: f64) -> f64 {
    x.to_degrees() * x
}

// f(x) = x·rad(x) = c x², c = π/180;  f' = 2cx,  f'' = 2c
#[differentiable]
fn to_radians_64(x: f64) -> f64 {
    x.to_radians() * x
}

#[test]
fn to_degrees_and_to_radians_forward_and_second_order() {
    let c = 180.0 / PI;
    unary(
        (to_degrees_64, to_degrees_64_grad, to_degrees_64_jvp, to_degrees_64_hvp),
        |x| 2.0 * c * x,
        |_| 2.0 * c,
        &[-1.5, 0.5, 2.0],
    );
    let c = PI / 180.0;
    unary(
        (to_radians_64, to_radians_64_grad, to_radians_64_jvp, to_radians_64_hvp),
        |x| 2.0 * c * x,
        |_| 2.0 * c,
        &[-90.0, 30.0, 200.0],
    );
}

// ---------------------------------------------------------------------------------------------
// Operators
// ---------------------------------------------------------------------------------------------

// f(x, y) = x + y;  ∇f = (1, 1);  H = 0
#[differentiable]
fn add_64(x: f64, y: f64) -> f64 {
    x + y
}

// f(x, y) = x − y;  ∇f = (1, −1);  H = 0
#[differentiable]
fn sub_64(x: f64, y: f64) -> f64 {
    x - y
}

// f(x, y) = −(x y) + (−y);  ∇f = (−y, −x − 1);  H = [[0, −1], [−1, 0]]
#[differentiable]
fn neg_64(x: f64, y: f64) -> f64 {
    -(x * y) + -y
}

// f(x, y) = x y;  ∇f = (y, x);  H = [[0, 1], [1, 0]]
#[differentiable]
fn mul_64(x: f64, y: f64) -> f64 {
    x * y
}

// x y in f32.
#[differentiable]
fn mul_32(x: f32, y: f32) -> f32 {
    x * y
}

// f(x, y) = x / y;  ∇f = (1/y, −x/y²);  H = [[0, −1/y²], [−1/y², 2x/y³]]
#[differentiable]
fn div_64(x: f64, y: f64) -> f64 {
    x / y
}

// x / y in f32.
#[differentiable]
fn div_32(x: f32, y: f32) -> f32 {
    x / y
}

#[test]
fn add_sub_and_neg_forward_and_second_order() {
    let points = [[1.5, -0.5], [-2.0, 3.0]];
    binary((add_64, add_64_grad, add_64_jvp, add_64_hvp), |_, _| [1.0, 1.0], |_, _| [[0.0; 2]; 2], &points);
    binary((sub_64, sub_64_grad, sub_64_jvp, sub_64_hvp), |_, _| [1.0, -1.0], |_, _| [[0.0; 2]; 2], &points);
    binary(
        (neg_64, neg_64_grad, neg_64_jvp, neg_64_hvp),
        |x, y| [-y, -x - 1.0],
        |_, _| [[0.0, -1.0], [-1.0, 0.0]],
        &points,
    );
}

#[test]
fn mul_and_div_forward_and_second_order() {
    let points = [[1.5, -0.5], [-2.0, 3.0], [0.25, 0.75]];
    binary((mul_64, mul_64_grad, mul_64_jvp, mul_64_hvp), |x, y| [y, x], |_, _| [[0.0, 1.0], [1.0, 0.0]], &points);
    binary(
        (div_64, div_64_grad, div_64_jvp, div_64_hvp),
        |x, y| [1.0 / y, -x / (y * y)],
        |x, y| [[0.0, -1.0 / (y * y)], [-1.0 / (y * y), 2.0 * x / (y * y * y)]],
        &points,
    );
    let points32 = points.map(|[x, y]| [x as f32, y as f32]);
    binary32((mul_32, mul_32_grad, mul_32_jvp, mul_32_hvp), |x, y| [y, x], |_, _| [[0.0, 1.0], [1.0, 0.0]], &points32);
    binary32(
        (div_32, div_32_grad, div_32_jvp, div_32_hvp),
        |x, y| [1.0 / y, -x / (y * y)],
        |x, y| [[0.0, -1.0 / (y * y)], [-1.0 / (y * y), 2.0 * x / (y * y * y)]],
        &points32,
    );
}

// Constants on either side of every operator: f(x) = 4(3 − x)/(2 + x) + x/2 − 1;
// f' = −20/(2 + x)² + 1/2,  f'' = 40/(2 + x)³
#[differentiable]
fn with_constants_64(x: f64) -> f64 {
    (3.0 - x) / (2.0 + x) * 4.0 + x / 2.0 - 1.0
}

// Compound assignments: y = x; y *= x; y += 1; y /= x + 2; y −= x, so f = (x² + 1)/(x + 2) − x;
// f' = (x² + 4x − 1)/(x + 2)² − 1,  f'' = 10/(x + 2)³
#[differentiable]
fn compound_assignments_64(x: f64) -> f64 {
    let mut y = x;
    y *= x;
    y += 1.0;
    y /= x + 2.0;
    y -= x;
    y
}

#[test]
fn operators_with_constants_and_compound_assignments_forward_and_second_order() {
    let points = [-1.5, 0.5, 3.0];
    unary(
        (with_constants_64, with_constants_64_grad, with_constants_64_jvp, with_constants_64_hvp),
        |x| -20.0 / ((2.0 + x) * (2.0 + x)) + 0.5,
        |x| 40.0 / (2.0 + x).powi(3),
        &points,
    );
    unary(
        (
            compound_assignments_64,
            compound_assignments_64_grad,
            compound_assignments_64_jvp,
            compound_assignments_64_hvp,
        ),
        |x| (x * x + 4.0 * x - 1.0) / ((x + 2.0) * (x + 2.0)) - 1.0,
        |x| 10.0 / (x + 2.0).powi(3),
        &points,
    );
}

// ---------------------------------------------------------------------------------------------
// Control flow
// ---------------------------------------------------------------------------------------------

/// [`check`] for a function of two floats given as closures (for functions with extra
/// constant parameters or whose forms are not `fn` items).
#[track_caller]
fn check2(
    f: impl Fn(f64, f64) -> f64,
    grad: impl Fn(f64, f64) -> (f64, (f64, f64)),
    jvp: impl Fn(f64, f64, f64, f64) -> (f64, f64),
    hvp: impl Fn(f64, f64, f64, f64) -> (f64, (f64, f64), (f64, f64)),
    hand: Hand,
    points: &[[f64; 2]],
) {
    let points: Vec<&[f64]> = points.iter().map(|p| &p[..]).collect();
    check(
        &Forms {
            f: &|p| f(p[0], p[1]),
            grad: &|p| {
                let (y, (gx, gy)) = grad(p[0], p[1]);
                (y, vec![gx, gy])
            },
            jvp: &|p, v| jvp(p[0], p[1], v[0], v[1]),
            hvp: &|p, v| {
                let (y, (gx, gy), (hx, hy)) = hvp(p[0], p[1], v[0], v[1]);
                (y, vec![gx, gy], vec![hx, hy])
            },
        },
        hand,
        &points,
        TOL64,
    );
}

/// [`check`] for a function of one float given as closures.
#[track_caller]
fn check1(
    f: impl Fn(f64) -> f64,
    grad: impl Fn(f64) -> (f64, f64),
    jvp: impl Fn(f64, f64) -> (f64, f64),
    hvp: impl Fn(f64, f64) -> (f64, f64, f64),
    d1: impl Fn(f64) -> f64,
    d2: impl Fn(f64) -> f64,
    points: &[f64],
) {
    let points: Vec<&[f64]> = points.iter().map(std::slice::from_ref).collect();
    check(
        &Forms {
            f: &|p| f(p[0]),
            grad: &|p| {
                let (y, g) = grad(p[0]);
                (y, vec![g])
            },
            jvp: &|p, v| jvp(p[0], v[0]),
            hvp: &|p, v| {
                let (y, g, h) = hvp(p[0], v[0]);
                (y, vec![g], vec![h])
            },
        },
        &|p| (vec![d1(p[0])], vec![vec![d2(p[0])]]),
        &points,
        TOL64,
    );
}

// An `if` / `else if` / `else` value whose conditions read active values:
// x > y:            f = x²y;        ∇f = (2xy, x²);             H = [[2y, 2x], [2x, 0]]
// x ≤ y, y > 1:     f = sin x + y³; ∇f = (cos x, 3y²);          H = [[−sin x, 0], [0, 6y]]
// otherwise:        f = e^(xy);     ∇f = e^(xy) (y, x);         H = e^(xy) [[y², 1 + xy], [1 + xy, x²]]
#[differentiable]
fn branches_on_active_values(x: f64, y: f64) -> f64 {
    if x > y {
        x * x * y
    } else if y > 1.0 {
        x.sin() + y * y * y
    } else {
        (x * y).exp()
    }
}

// An `if` statement that overwrites an active value: y = x²; if y > 2 { y = 2√y + ln y }; y + x.
// |x| > √2: f = 2|x| + 2 ln|x| + x;  f' = 2 sgn x + 2/x + 1,  f'' = −2/x²
// otherwise: f = x² + x;  f' = 2x + 1,  f'' = 2
#[differentiable]
fn branch_overwrites_a_value(x: f64) -> f64 {
    let mut y = x * x;
    if y > 2.0 {
        y = 2.0 * y.sqrt() + y.ln();
    }
    y + x
}

#[test]
fn if_else_on_active_values_forward_and_second_order_follow_the_taken_branch() {
    check2(
        branches_on_active_values,
        branches_on_active_values_grad,
        branches_on_active_values_jvp,
        branches_on_active_values_hvp,
        &|p| {
            let (x, y) = (p[0], p[1]);
            if x > y {
                (vec![2.0 * x * y, x * x], vec![vec![2.0 * y, 2.0 * x], vec![2.0 * x, 0.0]])
            } else if y > 1.0 {
                (vec![x.cos(), 3.0 * y * y], vec![vec![-x.sin(), 0.0], vec![0.0, 6.0 * y]])
            } else {
                let e = (x * y).exp();
                (vec![e * y, e * x], vec![vec![e * y * y, e * (1.0 + x * y)], vec![e * (1.0 + x * y), e * x * x]])
            }
        },
        &[[2.0, 1.0], [0.5, 1.5], [-0.5, 0.4]],
    );
    check1(
        branch_overwrites_a_value,
        branch_overwrites_a_value_grad,
        branch_overwrites_a_value_jvp,
        branch_overwrites_a_value_hvp,
        |x| if x * x > 2.0 { 2.0 * x.signum() + 2.0 / x + 1.0 } else { 2.0 * x + 1.0 },
        |x| if x * x > 2.0 { -2.0 / (x * x) } else { 2.0 },
        &[-2.0, 0.5, 3.0],
    );
}

// A loop-carried product over `1..=3`: f(x) = (x + 1)(x + 2)(x + 3) = x³ + 6x² + 11x + 6;
// f' = 3x² + 12x + 11,  f'' = 6x + 12
#[differentiable]
fn rising_product(x: f64) -> f64 {
    let mut p = 1.0;
    for k in 1..=3 {
        p *= x + k as f64;
    }
    p
}

// Four explicit Euler steps of y' = −a y over [0, t]: f(a, t) = u⁴ with u = 1 − a t/4;
// ∇f = (−t u³, −a u³);  H = [[3t²u²/4, −u³ + 3atu²/4], [−u³ + 3atu²/4, 3a²u²/4]]
#[differentiable]
fn euler_decay(a: f64, t: f64) -> f64 {
    let h = t / 4.0;
    let mut y = 1.0;
    for _ in 0..4 {
        y = y - h * a * y;
    }
    y
}

// Horner's rule over `(0..4).rev()` with coefficients cₖ = (k + 1)·s:
// f(x, s) = s (1 + 2x + 3x² + 4x³);  ∇f = (s (2 + 6x + 12x²), 1 + 2x + 3x² + 4x³);
// H = [[s (6 + 24x), 2 + 6x + 12x²], [2 + 6x + 12x², 0]]
#[differentiable]
fn horner_reversed(x: f64, s: f64) -> f64 {
    let mut acc = 0.0;
    for k in (0..4).rev() {
        acc = acc * x + (k + 1) as f64 * s;
    }
    acc
}

#[test]
fn for_loops_over_ranges_forward_and_second_order() {
    check1(
        rising_product,
        rising_product_grad,
        rising_product_jvp,
        rising_product_hvp,
        |x| 3.0 * x * x + 12.0 * x + 11.0,
        |x| 6.0 * x + 12.0,
        &[-1.5, 0.5, 2.0],
    );
    check2(
        euler_decay,
        euler_decay_grad,
        euler_decay_jvp,
        euler_decay_hvp,
        &|p| {
            let (a, t) = (p[0], p[1]);
            let u = 1.0 - a * t / 4.0;
            let cross = -u * u * u + 0.75 * a * t * u * u;
            (
                vec![-t * u * u * u, -a * u * u * u],
                vec![vec![0.75 * t * t * u * u, cross], vec![cross, 0.75 * a * a * u * u]],
            )
        },
        &[[0.5, 2.0], [1.5, 0.7], [-0.3, 3.0]],
    );
    check2(
        horner_reversed,
        horner_reversed_grad,
        horner_reversed_jvp,
        horner_reversed_hvp,
        &|p| {
            let (x, s) = (p[0], p[1]);
            let dpoly = 2.0 + 6.0 * x + 12.0 * x * x;
            let poly = 1.0 + 2.0 * x + 3.0 * x * x + 4.0 * x * x * x;
            (vec![s * dpoly, poly], vec![vec![s * (6.0 + 24.0 * x), dpoly], vec![dpoly, 0.0]])
        },
        &[[0.5, 2.0], [-1.2, 0.3]],
    );
}

/// Splits a flat point into a slice of `n` floats and the floats after it.
fn split(p: &[f64], n: usize) -> (&[f64], &[f64]) {
    p.split_at(n)
}

// `for v in x.iter()`: f(x, a) = Σ sin(a xᵢ);  ∂xᵢ = a cos(a xᵢ), ∂a = Σ xᵢ cos(a xᵢ);
// ∂xᵢ∂xⱼ = −δᵢⱼ a² sin(a xᵢ), ∂xᵢ∂a = cos(a xᵢ) − a xᵢ sin(a xᵢ), ∂a∂a = −Σ xᵢ² sin(a xᵢ)
#[differentiable]
fn sum_of_sines(x: &[f64], a: f64) -> f64 {
    let mut s = 0.0;
    for v in x.iter() {
        s += (a * v).sin();
    }
    s
}

// `for (i, v) in x.iter().enumerate()`: f(x) = Σ (i + 1) xᵢ³;  ∂xᵢ = 3(i + 1)xᵢ²;
// H = diag(6(i + 1)xᵢ)
#[differentiable]
fn weighted_cubes(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for (i, v) in x.iter().enumerate() {
        s += (i + 1) as f64 * v * v * v;
    }
    s
}

// `for (a, b) in x.iter().zip(y)`: f(x, y) = Σ xᵢ yᵢ²;  ∂xᵢ = yᵢ², ∂yᵢ = 2xᵢyᵢ;
// ∂xᵢ∂yᵢ = 2yᵢ, ∂yᵢ∂yᵢ = 2xᵢ, other entries 0
#[differentiable]
fn zipped(x: &[f64], y: &[f64]) -> f64 {
    let mut s = 0.0;
    for (a, b) in x.iter().zip(y) {
        s += a * b * b;
    }
    s
}

#[test]
fn for_loops_over_slices_forward_and_second_order() {
    let n = 4;
    let p1: &[f64] = &[0.3, -1.2, 0.8, 2.0, 0.7];
    let p2: &[f64] = &[1.5, 0.2, -0.4, -0.9, -1.3];
    check(
        &Forms {
            f: &|p| sum_of_sines(&p[..n], p[n]),
            grad: &|p| {
                let (y, (mut gx, ga)) = sum_of_sines_grad(&p[..n], p[n]);
                gx.push(ga);
                (y, gx)
            },
            jvp: &|p, v| sum_of_sines_jvp(&p[..n], p[n], &v[..n], v[n]),
            hvp: &|p, v| {
                let (y, (mut gx, ga), (mut hx, ha)) = sum_of_sines_hvp(&p[..n], p[n], &v[..n], v[n]);
                gx.push(ga);
                hx.push(ha);
                (y, gx, hx)
            },
        },
        &|p| {
            let (x, a) = split(p, n);
            let a = a[0];
            let mut g: Vec<f64> = x.iter().map(|v| a * (a * v).cos()).collect();
            g.push(x.iter().map(|v| v * (a * v).cos()).sum());
            let mut h = vec![vec![0.0; n + 1]; n + 1];
            for i in 0..n {
                h[i][i] = -a * a * (a * x[i]).sin();
                let cross = (a * x[i]).cos() - a * x[i] * (a * x[i]).sin();
                h[i][n] = cross;
                h[n][i] = cross;
            }
            h[n][n] = -x.iter().map(|v| v * v * (a * v).sin()).sum::<f64>();
            (g, h)
        },
        &[p1, p2],
        TOL64,
    );
    check(
        &Forms {
            f: &|p| weighted_cubes(p),
            grad: &|p| weighted_cubes_grad(p),
            jvp: &|p, v| weighted_cubes_jvp(p, v),
            hvp: &|p, v| weighted_cubes_hvp(p, v),
        },
        &|p| {
            let g = p.iter().enumerate().map(|(i, v)| 3.0 * (i + 1) as f64 * v * v).collect();
            let h = (0..p.len())
                .map(|i| (0..p.len()).map(|j| if i == j { 6.0 * (i + 1) as f64 * p[i] } else { 0.0 }).collect())
                .collect();
            (g, h)
        },
        &[&p1[..n], &p2[..n]],
        TOL64,
    );
    check(
        &Forms {
            f: &|p| zipped(&p[..n], &p[n..]),
            grad: &|p| {
                let (y, (mut gx, gy)) = zipped_grad(&p[..n], &p[n..]);
                gx.extend(gy);
                (y, gx)
            },
            jvp: &|p, v| zipped_jvp(&p[..n], &p[n..], &v[..n], &v[n..]),
            hvp: &|p, v| {
                let (y, (mut gx, gy), (mut hx, hy)) = zipped_hvp(&p[..n], &p[n..], &v[..n], &v[n..]);
                gx.extend(gy);
                hx.extend(hy);
                (y, gx, hx)
            },
        },
        &|p| {
            let (x, y) = split(p, n);
            let mut g: Vec<f64> = y.iter().map(|b| b * b).collect();
            g.extend(x.iter().zip(y).map(|(a, b)| 2.0 * a * b));
            let mut h = vec![vec![0.0; 2 * n]; 2 * n];
            for i in 0..n {
                h[i][n + i] = 2.0 * y[i];
                h[n + i][i] = 2.0 * y[i];
                h[n + i][n + i] = 2.0 * x[i];
            }
            (g, h)
        },
        &[&[0.3, -1.2, 0.8, 2.0, 0.7, 1.5, 0.2, -0.4], &[1.5, 0.2, -0.4, -0.9, -1.3, 0.6, 2.5, -0.8]],
        TOL64,
    );
}

// Kepler's equation E − e sin E = M solved for E(M, e) by Newton's method in a `while` loop
// whose condition reads the active step. By the implicit function theorem, with
// D = 1 − e cos E:  ∂E/∂M = 1/D,  ∂E/∂e = sin E/D;  ∂²E/∂M² = −e sin E/D³;
// ∂²E/∂M∂e = (cos E − e sin E ∂E/∂e)/D²;  ∂²E/∂e² = (2 cos E ∂E/∂e − e sin E (∂E/∂e)²)/D
// (`kepler_hand` writes the second derivatives out from the partials of the residual).
#[differentiable]
fn kepler(m: f64, e: f64) -> f64 {
    let mut big_e = m;
    let mut step: f64 = 1.0;
    let mut k = 0;
    while step.abs() > 1e-15 && k < 50 {
        step = (big_e - e * big_e.sin() - m) / (1.0 - e * big_e.cos());
        big_e -= step;
        k += 1;
    }
    big_e
}

/// The gradient and Hessian of Kepler's E(M, e), by implicit differentiation of
/// r(E, M, e) = E − e sin E − M = 0: with r_E = D = 1 − e cos E, r_M = −1, r_e = −sin E,
/// r_EE = e sin E, r_Ee = −cos E (r_MM = r_Me = r_EM = r_ee = 0):
/// E_p = −r_p/D, and E_pq = −(r_EE E_p E_q + r_Ep E_q + r_Eq E_p + r_pq)/D.
fn kepler_hand(m: f64, e: f64) -> (Vec<f64>, Vec<Vec<f64>>) {
    let big_e = {
        // The reference root by bisection on [M − 1, M + 1] (independent of Newton's method).
        let (mut lo, mut hi) = (m - 1.0, m + 1.0);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if mid - e * mid.sin() - m > 0.0 {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        0.5 * (lo + hi)
    };
    let d = 1.0 - e * big_e.cos();
    let (r_ee_big, r_e_cross) = (e * big_e.sin(), -big_e.cos());
    let (em, ee) = (1.0 / d, big_e.sin() / d);
    let emm = -(r_ee_big * em * em) / d;
    let eme = -(r_ee_big * em * ee + r_e_cross * em) / d;
    let eee = -(r_ee_big * ee * ee + 2.0 * r_e_cross * ee) / d;
    (vec![em, ee], vec![vec![emm, eme], vec![eme, eee]])
}

// Babylonian square root in a `loop` with `break` on the active step: f(a) = √a;
// f' = 1/(2√a),  f'' = −1/(4a√a)
#[differentiable]
fn babylonian_sqrt(a: f64) -> f64 {
    let mut y = a;
    loop {
        let next = 0.5 * (y + a / y);
        let step = next - y;
        y = next;
        if step.abs() <= 1e-15 * y {
            break;
        }
    }
    y
}

#[test]
fn while_and_loop_newton_iterations_converge_to_the_implicit_derivatives() {
    check2(
        kepler,
        kepler_grad,
        kepler_jvp,
        kepler_hvp,
        &|p| kepler_hand(p[0], p[1]),
        &[[1.0, 0.3], [2.5, 0.7], [0.4, 0.1]],
    );
    check1(
        babylonian_sqrt,
        babylonian_sqrt_grad,
        babylonian_sqrt_jvp,
        babylonian_sqrt_hvp,
        |a| 0.5 / a.sqrt(),
        |a| -0.25 / (a * a.sqrt()),
        &[0.3, 2.0, 50.0],
    );
}

// Early `return` at the top: f(x) = sin x for x < 0;  x^(3/2) otherwise.
// x < 0: f' = cos x, f'' = −sin x;  x > 0: f' = 1.5√x, f'' = 0.75/√x
#[differentiable]
fn early_return_at_top(x: f64) -> f64 {
    if x < 0.0 {
        return x.sin();
    }
    let y = x.sqrt();
    y * x
}

// Early `return` from inside a loop: acc ← acc·x + 1 from acc = 1 for ten steps, returning
// acc·x as soon as acc > 5. After k steps acc = 1 + x + … + xᵏ, so f is the polynomial
// x(1 + … + xᵏ) when it returns at step k, and 1 + … + x¹⁰ when it never does; its
// derivatives are those of that polynomial (`early_return_hand`).
#[differentiable]
fn early_return_in_loop(x: f64) -> f64 {
    let mut acc = 1.0;
    for _ in 0..10 {
        acc = acc * x + 1.0;
        if acc > 5.0 {
            return acc * x;
        }
    }
    acc
}

/// The polynomial `early_return_in_loop` evaluates at `x` (its coefficients, lowest first) and
/// its first and second derivatives there.
fn early_return_hand(x: f64) -> (f64, f64) {
    let mut acc = 1.0;
    let mut coefficients = None;
    for k in 1..=10 {
        acc = acc * x + 1.0;
        if acc > 5.0 {
            // x·(1 + x + … + xᵏ): coefficients of x¹ … xᵏ⁺¹.
            let mut c = vec![0.0; k + 2];
            c[1..].fill(1.0);
            coefficients = Some(c);
            break;
        }
    }
    let c = coefficients.unwrap_or_else(|| vec![1.0; 11]);
    let d1 = (1..c.len()).map(|i| c[i] * i as f64 * x.powi(i as i32 - 1)).sum();
    let d2 = (2..c.len()).map(|i| c[i] * (i * (i - 1)) as f64 * x.powi(i as i32 - 2)).sum();
    (d1, d2)
}

#[test]
fn early_returns_forward_and_second_order_follow_the_path_taken() {
    check1(
        early_return_at_top,
        early_return_at_top_grad,
        early_return_at_top_jvp,
        early_return_at_top_hvp,
        |x| if x < 0.0 { x.cos() } else { 1.5 * x.sqrt() },
        |x| if x < 0.0 { -x.sin() } else { 0.75 / x.sqrt() },
        &[-1.2, 0.5, 2.0],
    );
    // 0.5 never exceeds 5 (the full ten steps); 1.5 returns at step 3; 3.0 at step 2.
    check1(
        early_return_in_loop,
        early_return_in_loop_grad,
        early_return_in_loop_jvp,
        early_return_in_loop_hvp,
        |x| early_return_hand(x).0,
        |x| early_return_hand(x).1,
        &[0.5, 1.5, 3.0],
    );
}

// ---------------------------------------------------------------------------------------------
// Buffers and collections
// ---------------------------------------------------------------------------------------------

// A local buffer written by index: sᵢ = x₀ + … + xᵢ (prefix sums), f(x) = Σ sᵢ². With L the
// lower-triangular matrix of ones, s = Lx:  ∇f = 2Lᵀs,  H = 2LᵀL, so H·v = 2Lᵀ(Lv) (suffix
// sums of the prefix sums of v).
#[differentiable]
fn prefix_sum_energy(x: &[f64]) -> f64 {
    let mut s = vec![0.0; x.len()];
    s[0] = x[0];
    for i in 1..x.len() {
        s[i] = s[i - 1] + x[i];
    }
    let mut total = 0.0;
    for i in 0..s.len() {
        total += s[i] * s[i];
    }
    total
}

/// `Lᵀ(Lv)`-style products: prefix sums, then suffix sums.
fn prefix_sums(v: &[f64]) -> Vec<f64> {
    v.iter()
        .scan(0.0, |acc, x| {
            Some({
                *acc += x;
                *acc
            })
        })
        .collect()
}

fn suffix_sums(v: &[f64]) -> Vec<f64> {
    let mut out = prefix_sums(&v.iter().rev().copied().collect::<Vec<_>>());
    out.reverse();
    out
}

#[test]
fn a_slice_parameter_with_a_local_buffer_written_by_index() {
    let n = 5;
    check(
        &Forms {
            f: &|p| prefix_sum_energy(p),
            grad: &|p| prefix_sum_energy_grad(p),
            jvp: &|p, v| prefix_sum_energy_jvp(p, v),
            hvp: &|p, v| prefix_sum_energy_hvp(p, v),
        },
        &|p| {
            let g = suffix_sums(&prefix_sums(p)).iter().map(|v| 2.0 * v).collect();
            // Column j of H = 2LᵀL e_j.
            let columns: Vec<Vec<f64>> = (0..n)
                .map(|j| {
                    let e: Vec<f64> = (0..n).map(|i| if i == j { 1.0 } else { 0.0 }).collect();
                    suffix_sums(&prefix_sums(&e)).iter().map(|v| 2.0 * v).collect()
                })
                .collect();
            (g, (0..n).map(|i| (0..n).map(|j| columns[j][i]).collect()).collect())
        },
        &[&[0.3, -1.2, 0.8, 2.0, 0.7], &[1.5, 0.2, -0.4, -0.9, -1.3]],
        TOL64,
    );
}

// A `Vec<f64>` taken by value (its tangent is a `Vec<f64>`): f(x) = Σ (xᵢ − xᵢ₊₁)⁴. With
// dᵢ = xᵢ − xᵢ₊₁:  ∂xᵢ += 4dᵢ³, ∂xᵢ₊₁ −= 4dᵢ³;  H = Σ 12dᵢ² (eᵢ − eᵢ₊₁)(eᵢ − eᵢ₊₁)ᵀ
#[differentiable]
fn chain_quartic(x: Vec<f64>) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() - 1 {
        let d = x[i] - x[i + 1];
        s += d * d * d * d;
    }
    s
}

#[test]
fn a_vec_parameter_by_value_has_a_vec_tangent() {
    check(
        &Forms {
            f: &|p| chain_quartic(p.to_vec()),
            grad: &|p| chain_quartic_grad(p.to_vec()),
            jvp: &|p, v| chain_quartic_jvp(p.to_vec(), v.to_vec()),
            hvp: &|p, v| chain_quartic_hvp(p.to_vec(), v.to_vec()),
        },
        &|p| {
            let n = p.len();
            let mut g = vec![0.0; n];
            let mut h = vec![vec![0.0; n]; n];
            for i in 0..n - 1 {
                let d = p[i] - p[i + 1];
                g[i] += 4.0 * d * d * d;
                g[i + 1] -= 4.0 * d * d * d;
                let c = 12.0 * d * d;
                h[i][i] += c;
                h[i + 1][i + 1] += c;
                h[i][i + 1] -= c;
                h[i + 1][i] -= c;
            }
            (g, h)
        },
        &[&[0.3, -1.2, 0.8, 2.0], &[1.5, 0.2, -0.4, -0.9]],
        TOL64,
    );
}

// An array parameter (tangent `[f64; 3]`): f(p) = p₀p₁p₂ + p₂ sin p₀;
// ∇f = (p₁p₂ + p₂ cos p₀, p₀p₂, p₀p₁ + sin p₀);
// H = [[−p₂ sin p₀, p₂, p₁ + cos p₀], [p₂, 0, p₀], [p₁ + cos p₀, p₀, 0]]
#[differentiable]
fn triple_product(p: [f64; 3]) -> f64 {
    p[0] * p[1] * p[2] + p[2] * p[0].sin()
}

#[test]
fn an_array_parameter_has_an_array_tangent_and_array_gradients() {
    let arr = |p: &[f64]| [p[0], p[1], p[2]];
    check(
        &Forms {
            f: &|p| triple_product(arr(p)),
            grad: &|p| {
                let (y, g) = triple_product_grad(arr(p));
                (y, g.to_vec())
            },
            jvp: &|p, v| triple_product_jvp(arr(p), arr(v)),
            hvp: &|p, v| {
                let (y, g, hv): (f64, [f64; 3], [f64; 3]) = triple_product_hvp(arr(p), arr(v));
                (y, g.to_vec(), hv.to_vec())
            },
        },
        &|p| {
            let (a, b, c) = (p[0], p[1], p[2]);
            let g = vec![b * c + c * a.cos(), a * c, a * b + a.sin()];
            let h = vec![vec![-c * a.sin(), c, b + a.cos()], vec![c, 0.0, a], vec![b + a.cos(), a, 0.0]];
            (g, h)
        },
        &[&[0.3, -1.2, 0.8], &[1.5, 0.2, -2.4]],
        TOL64,
    );
}

// Outputs of `_jvp` that are not a single float.

// A `Vec<f64>` output: yᵢ = a xᵢ² + sin xᵢ;  ẏᵢ = ȧ xᵢ² + (2a xᵢ + cos xᵢ) ẋᵢ
#[differentiable]
fn squares_and_sines(x: &[f64], a: f64) -> Vec<f64> {
    let mut y = Vec::with_capacity(x.len());
    for i in 0..x.len() {
        y.push(a * x[i] * x[i] + x[i].sin());
    }
    y
}

// An array output: the rotation of p by θ, R(θ)p;  ṙ = R(θ)ṗ + θ̇ R'(θ)p with
// R'(θ)p = (−sin θ p₀ − cos θ p₁, cos θ p₀ − sin θ p₁)
#[differentiable]
fn rotate(p: [f64; 2], theta: f64) -> [f64; 2] {
    let (s, c) = (theta.sin(), theta.cos());
    [c * p[0] - s * p[1], s * p[0] + c * p[1]]
}

// A tuple output: (Σ xᵢ, Π xᵢ);  tangents (Σ ẋᵢ, Σᵢ ẋᵢ Πⱼ≠ᵢ xⱼ)
#[differentiable]
fn sum_and_product(x: &[f64]) -> (f64, f64) {
    let mut s = 0.0;
    let mut prod = 1.0;
    for i in 0..x.len() {
        s += x[i];
        prod *= x[i];
    }
    (s, prod)
}

#[test]
fn vec_array_and_tuple_outputs_have_tangents_of_the_same_shape() {
    let tol = TOL64;
    // Vec output.
    for (x, a) in [(vec![0.3, -1.2, 0.8], 1.5), (vec![2.0, 0.5, -0.7], -0.4)] {
        for (dx, da) in [(vec![1.0, 0.0, 0.0], 0.0), (vec![0.0, 0.0, 0.0], 1.0), (vec![0.7, -1.3, 0.4], 1.1)] {
            let (y, dy) = squares_and_sines_jvp(&x, a, &dx, da);
            assert_eq!(y, squares_and_sines(&x, a));
            assert_eq!(dy.len(), x.len());
            let mut p = x.clone();
            p.push(a);
            let mut v = dx.clone();
            v.push(da);
            let numeric = fd_along_vec(|q| squares_and_sines(&q[..3], q[3]), &p, &v);
            for i in 0..3 {
                let terms = [da * x[i] * x[i], (2.0 * a * x[i] + x[i].cos()) * dx[i]];
                assert_sum(dy[i], &terms, tol.exact, &format!("ẏ[{i}] at {x:?}, {a}"));
                assert_near(dy[i], numeric[i], tol.fd, &format!("ẏ[{i}] against differences at {x:?}, {a}"));
            }
        }
    }
    // Array output.
    for (p, theta) in [([1.0, 2.0], 0.3), ([-0.5, 1.5], 2.0)] {
        for (dp, dtheta) in [([1.0, 0.0], 0.0), ([0.0, 1.0], 0.0), ([0.0, 0.0], 1.0), ([0.7, -1.3], 0.4)] {
            let (r, dr): ([f64; 2], [f64; 2]) = rotate_jvp(p, theta, dp, dtheta);
            assert_eq!(r, rotate(p, theta));
            let (s, c) = (theta.sin(), theta.cos());
            let want = [
                [c * dp[0], -s * dp[1], dtheta * (-s * p[0]), dtheta * (-c * p[1])],
                [s * dp[0], c * dp[1], dtheta * (c * p[0]), dtheta * (-s * p[1])],
            ];
            let numeric =
                fd_along_vec(|q| rotate([q[0], q[1]], q[2]).to_vec(), &[p[0], p[1], theta], &[dp[0], dp[1], dtheta]);
            for i in 0..2 {
                assert_sum(dr[i], &want[i], tol.exact, &format!("ṙ[{i}] at {p:?}, {theta}"));
                assert_near(dr[i], numeric[i], tol.fd, &format!("ṙ[{i}] against differences at {p:?}, {theta}"));
            }
        }
    }
    // Tuple output.
    for x in [vec![0.3, -1.2, 0.8, 2.0], vec![1.5, 0.2, -0.4, -0.9]] {
        for dx in directions(4) {
            let ((s, prod), (ds, dprod)) = sum_and_product_jvp(&x, &dx);
            assert_eq!((s, prod), sum_and_product(&x));
            let others = |i: usize| (0..4).filter(|&j| j != i).map(|j| x[j]).product::<f64>();
            assert_sum(ds, &dx, tol.exact, &format!("Σ̇ at {x:?} along {dx:?}"));
            let terms: Vec<f64> = (0..4).map(|i| dx[i] * others(i)).collect();
            assert_sum(dprod, &terms, tol.exact, &format!("Π̇ at {x:?} along {dx:?}"));
            let numeric = fd_along_vec(
                |q| {
                    let (a, b) = sum_and_product(q);
                    vec![a, b]
                },
                &x,
                &dx,
            );
            assert_near(ds, numeric[0], tol.fd, &format!("Σ̇ against differences at {x:?}"));
            assert_near(dprod, numeric[1], tol.fd, &format!("Π̇ against differences at {x:?}"));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Derived structs and methods
// ---------------------------------------------------------------------------------------------

/// A one-unit model: weights over `inputs` features and a bias; `inputs` is an integer field,
/// copied into tangents and gradients.
#[derive(Differentiable, Clone, Debug)]
struct Unit {
    w: Vec<f64>,
    b: f64,
    inputs: usize,
}

// f(m, x) = tanh²(z), z = Σ wᵢxᵢ + b. With t = tanh z, φ' = 2t(1 − t²), φ'' = 2(1 − t²)(1 − 3t²)
// and ∇z = (x, 1, w) over (w, b, x):  ∇f = φ' ∇z;  H = φ'' ∇z∇zᵀ + φ' ∇²z, where ∇²z has 1 at
// (wᵢ, xᵢ) and (xᵢ, wᵢ) and 0 elsewhere.
#[differentiable]
fn unit_loss(m: &Unit, x: &[f64]) -> f64 {
    let mut z = m.b;
    for i in 0..m.inputs {
        z += m.w[i] * x[i];
    }
    let t = z.tanh();
    t * t
}

/// A unit and an input from a flat point `(w₀…wₙ₋₁, b, x₀…xₙ₋₁)`.
fn unit_from(p: &[f64], n: usize) -> (Unit, Vec<f64>) {
    (Unit { w: p[..n].to_vec(), b: p[n], inputs: n }, p[n + 1..].to_vec())
}

/// A unit's float leaves in the flat order of [`unit_from`].
fn unit_leaves(u: &Unit) -> Vec<f64> {
    let mut out = u.w.clone();
    out.push(u.b);
    out
}

#[test]
fn a_derived_struct_parameter_has_a_tangent_of_the_same_struct() {
    let n = 3;
    let hand = |p: &[f64]| {
        let (m, x) = unit_from(p, n);
        let z = m.b + m.w.iter().zip(&x).map(|(a, b)| a * b).sum::<f64>();
        let t = z.tanh();
        let (d1, d2) = (2.0 * t * (1.0 - t * t), 2.0 * (1.0 - t * t) * (1.0 - 3.0 * t * t));
        let mut grad_z = x.clone();
        grad_z.push(1.0);
        grad_z.extend(&m.w);
        let size = 2 * n + 1;
        let mut h: Vec<Vec<f64>> = (0..size).map(|i| (0..size).map(|j| d2 * grad_z[i] * grad_z[j]).collect()).collect();
        for i in 0..n {
            h[i][n + 1 + i] += d1;
            h[n + 1 + i][i] += d1;
        }
        (grad_z.iter().map(|g| d1 * g).collect(), h)
    };
    check(
        &Forms {
            f: &|p| {
                let (m, x) = unit_from(p, n);
                unit_loss(&m, &x)
            },
            grad: &|p| {
                let (m, x) = unit_from(p, n);
                let (y, (gm, gx)) = unit_loss_grad(&m, &x);
                assert_eq!(gm.inputs, n, "the integer field is copied into the gradient");
                let mut g = unit_leaves(&gm);
                g.extend(gx);
                (y, g)
            },
            jvp: &|p, v| {
                let (m, x) = unit_from(p, n);
                let (dm, dx) = unit_from(v, n);
                unit_loss_jvp(&m, &x, &dm, &dx)
            },
            hvp: &|p, v| {
                let (m, x) = unit_from(p, n);
                let (dm, dx) = unit_from(v, n);
                let (y, (gm, gx), (hm, hx)) = unit_loss_hvp(&m, &x, &dm, &dx);
                let mut g = unit_leaves(&gm);
                g.extend(gx);
                let mut h = unit_leaves(&hm);
                h.extend(hx);
                (y, g, h)
            },
        },
        &hand,
        &[&[0.3, -0.5, 0.8, 0.1, 1.0, 0.4, -0.7], &[-0.2, 0.6, 0.25, -0.3, 0.9, -1.1, 0.5]],
        TOL64,
    );
}

/// A polynomial `e^scale · Σ cᵢ xⁱ`.
#[derive(Differentiable, Clone, Debug)]
struct Poly {
    c: Vec<f64>,
    scale: f64,
}

impl Poly {
    // P(c, s, x) = eˢ Σ cᵢ xⁱ, a method on `&self`;  ∂cᵢ = eˢxⁱ, ∂s = P, ∂x = eˢ Σ i cᵢ xⁱ⁻¹;
    // H: (cᵢ, cⱼ) 0, (cᵢ, s) eˢxⁱ, (cᵢ, x) eˢ i xⁱ⁻¹, (s, s) P, (s, x) ∂x P,
    // (x, x) eˢ Σ i(i − 1) cᵢ xⁱ⁻²
    #[differentiable]
    fn eval(&self, x: f64) -> f64 {
        let mut s = 0.0;
        let mut power = 1.0;
        for i in 0..self.c.len() {
            s += self.c[i] * power;
            power *= x;
        }
        s * self.scale.exp()
    }
}

/// P, ∇P and ∇²P over the flat coordinates `(c₀…cₙ₋₁, s, x)`, by hand.
fn poly_hand(p: &[f64]) -> (f64, Vec<f64>, Vec<Vec<f64>>) {
    let n = p.len() - 2;
    let (c, s, x) = (&p[..n], p[n], p[n + 1]);
    let e = s.exp();
    let pow = |i: usize| x.powi(i as i32);
    let value = e * (0..n).map(|i| c[i] * pow(i)).sum::<f64>();
    let px = e * (1..n).map(|i| i as f64 * c[i] * pow(i - 1)).sum::<f64>();
    let pxx = e * (2..n).map(|i| (i * (i - 1)) as f64 * c[i] * pow(i - 2)).sum::<f64>();
    let mut g: Vec<f64> = (0..n).map(|i| e * pow(i)).collect();
    g.extend([value, px]);
    let mut h = vec![vec![0.0; n + 2]; n + 2];
    for i in 0..n {
        let dx = if i == 0 { 0.0 } else { e * i as f64 * pow(i - 1) };
        (h[i][n], h[n][i]) = (e * pow(i), e * pow(i));
        (h[i][n + 1], h[n + 1][i]) = (dx, dx);
    }
    h[n][n] = value;
    (h[n][n + 1], h[n + 1][n]) = (px, px);
    h[n + 1][n + 1] = pxx;
    (value, g, h)
}

/// A polynomial and a point from a flat point `(c₀…cₙ₋₁, s, x)`.
fn poly_from(p: &[f64]) -> (Poly, f64) {
    let n = p.len() - 2;
    (Poly { c: p[..n].to_vec(), scale: p[n] }, p[n + 1])
}

// A caller of the method: f(P, x) = P.eval(x)²;  ∇f = 2P∇P;  H = 2∇P∇Pᵀ + 2P∇²P
#[differentiable]
fn poly_squared(p: &Poly, x: f64) -> f64 {
    let v = p.eval(x);
    v * v
}

#[test]
fn a_method_on_ref_self_takes_a_tangent_of_self() {
    let points: [&[f64]; 2] = [&[0.5, -1.0, 0.25, 0.3, 0.2, 1.5], &[1.0, 0.4, -0.6, -0.1, -0.4, -0.8]];
    let flat = |(p, x): (Poly, f64)| {
        let mut out = p.c;
        out.extend([p.scale, x]);
        out
    };
    check(
        &Forms {
            f: &|q| {
                let (p, x) = poly_from(q);
                p.eval(x)
            },
            grad: &|q| {
                let (p, x) = poly_from(q);
                let (y, g) = p.eval_grad(x);
                (y, flat(g))
            },
            jvp: &|q, v| {
                let (p, x) = poly_from(q);
                let (dp, dx) = poly_from(v);
                p.eval_jvp(x, &dp, dx)
            },
            hvp: &|q, v| {
                let (p, x) = poly_from(q);
                let (dp, dx) = poly_from(v);
                let (y, g, hv) = p.eval_hvp(x, &dp, dx);
                (y, flat(g), flat(hv))
            },
        },
        &|q| {
            let (_, g, h) = poly_hand(q);
            (g, h)
        },
        &points,
        TOL64,
    );
    check(
        &Forms {
            f: &|q| {
                let (p, x) = poly_from(q);
                poly_squared(&p, x)
            },
            grad: &|q| {
                let (p, x) = poly_from(q);
                let (y, g) = poly_squared_grad(&p, x);
                (y, flat(g))
            },
            jvp: &|q, v| {
                let (p, x) = poly_from(q);
                let (dp, dx) = poly_from(v);
                poly_squared_jvp(&p, x, &dp, dx)
            },
            hvp: &|q, v| {
                let (p, x) = poly_from(q);
                let (dp, dx) = poly_from(v);
                let (y, g, hv) = poly_squared_hvp(&p, x, &dp, dx);
                (y, flat(g), flat(hv))
            },
        },
        &|q| {
            let (value, g, h) = poly_hand(q);
            let n = q.len();
            let hess = (0..n).map(|i| (0..n).map(|j| 2.0 * g[i] * g[j] + 2.0 * value * h[i][j]).collect()).collect();
            (g.iter().map(|d| 2.0 * value * d).collect(), hess)
        },
        &points,
        TOL64,
    );
}

// ---------------------------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------------------------

// g(a, b) = a sin b, the callee.
#[differentiable]
fn scaled_sine(a: f64, b: f64) -> f64 {
    a * b.sin()
}

// f(x, y) = g(xy, x) + g(y, 2) = xy sin x + y sin 2;
// ∇f = (y sin x + xy cos x, x sin x + sin 2);
// H = [[2y cos x − xy sin x, sin x + x cos x], [sin x + x cos x, 0]]
#[differentiable]
fn calls_scaled_sine(x: f64, y: f64) -> f64 {
    scaled_sine(x * y, x) + scaled_sine(y, 2.0)
}

// k·x³ with only x differentiated (`wrt(x)`); forms take one tangent.
#[differentiable(wrt(x))]
fn scaled_cube(x: f64, k: f64) -> f64 {
    k * x * x * x
}

// f(x) = 2.5 sin³x + 0.5x³ through the restricted callee;
// f' = 7.5 sin²x cos x + 1.5x²,  f'' = 15 sin x cos²x − 7.5 sin³x + 3x
#[differentiable]
fn calls_restricted_callee(x: f64) -> f64 {
    scaled_cube(x.sin(), 2.5) + scaled_cube(x, 0.5)
}

#[test]
fn calls_chain_through_the_callee_forward_and_second_order_forms() {
    check2(
        calls_scaled_sine,
        calls_scaled_sine_grad,
        calls_scaled_sine_jvp,
        calls_scaled_sine_hvp,
        &|p| {
            let (x, y) = (p[0], p[1]);
            let cross = x.sin() + x * x.cos();
            (
                vec![y * x.sin() + x * y * x.cos(), x * x.sin() + 2f64.sin()],
                vec![vec![2.0 * y * x.cos() - x * y * x.sin(), cross], vec![cross, 0.0]],
            )
        },
        &[[0.7, 1.3], [-1.1, 0.4], [2.0, -0.6]],
    );
}

#[test]
fn a_wrt_restricted_callee_and_its_caller_forward_and_second_order() {
    // The restricted function itself: one tangent, for x; k is a constant.
    for (x, k) in [(0.7, 2.0), (-1.3, -0.5)] {
        check1(
            |x| scaled_cube(x, k),
            |x| scaled_cube_grad(x, k),
            |x, dx| scaled_cube_jvp(x, k, dx),
            |x, v| scaled_cube_hvp(x, k, v),
            |x| 3.0 * k * x * x,
            |x| 6.0 * k * x,
            &[x, x + 1.0],
        );
    }
    check1(
        calls_restricted_callee,
        calls_restricted_callee_grad,
        calls_restricted_callee_jvp,
        calls_restricted_callee_hvp,
        |x| 7.5 * x.sin().powi(2) * x.cos() + 1.5 * x * x,
        |x| 15.0 * x.sin() * x.cos().powi(2) - 7.5 * x.sin().powi(3) + 3.0 * x,
        &[-1.2, 0.4, 2.0],
    );
}

// Nested differentiation. The inner function:
// E(x, y) = x³y + sin y;  ∇E = (3x²y, x³ + cos y);  ∇²E = [[6xy, 3x²], [3x², −sin y]]
#[differentiable]
fn energy(x: f64, y: f64) -> f64 {
    x * x * x * y + y.sin()
}

// F(x, y) = |∇E|² = 9x⁴y² + (x³ + cos y)², computed by calling `energy_grad`;
// ∇F = (36x³y² + 6x²(x³ + cos y), 18x⁴y − 2 sin y (x³ + cos y));
// H = [[108x²y² + 30x⁴ + 12x cos y, 72x³y − 6x² sin y],
//      [72x³y − 6x² sin y, 18x⁴ + 2 sin²y − 2 cos y (x³ + cos y)]]
#[differentiable]
fn gradient_norm_squared(x: f64, y: f64) -> f64 {
    // A nested tuple pattern is not supported (docs/errors.md): one level at a time.
    let (_, g) = energy_grad(x, y);
    let (gx, gy) = g;
    gx * gx + gy * gy
}

// D(x, y) = ∇E·(1, 2) = 3x²y + 2x³ + 2 cos y, computed by calling `energy_jvp`;
// ∇D = (6xy + 6x², 3x² − 2 sin y);  H = [[6y + 12x, 6x], [6x, −2 cos y]]
#[differentiable]
fn directional_derivative(x: f64, y: f64) -> f64 {
    let (_, t) = energy_jvp(x, y, 1.0, 2.0);
    t
}

// C(x, y) = (∇²E·(1, 0))·(1, 1) = 6xy + 3x², computed by calling `energy_hvp`;
// ∇C = (6y + 6x, 6x). Its `_hvp` would be of order four: a stand-in that panics.
#[differentiable]
fn curvature_sum(x: f64, y: f64) -> f64 {
    let (_, _, hv) = energy_hvp(x, y, 1.0, 0.0);
    let (hx, hy) = hv;
    hx + hy
}

/// The hand derivation of `gradient_norm_squared`.
fn gradient_norm_squared_hand(p: &[f64]) -> (Vec<f64>, Vec<Vec<f64>>) {
    let (x, y) = (p[0], p[1]);
    let u = x * x * x + y.cos();
    let g = vec![36.0 * x.powi(3) * y * y + 6.0 * x * x * u, 18.0 * x.powi(4) * y - 2.0 * y.sin() * u];
    let cross = 72.0 * x.powi(3) * y - 6.0 * x * x * y.sin();
    let h = vec![
        vec![108.0 * x * x * y * y + 30.0 * x.powi(4) + 12.0 * x * y.cos(), cross],
        vec![cross, 18.0 * x.powi(4) + 2.0 * y.sin().powi(2) - 2.0 * y.cos() * u],
    ];
    (g, h)
}

/// Checks `_grad` and `_jvp` only (for functions whose `_hvp` is not available) of a function
/// of two floats, as [`check`] does.
#[track_caller]
fn check_first_order2(
    f: impl Fn(f64, f64) -> f64,
    grad: impl Fn(f64, f64) -> (f64, (f64, f64)),
    jvp: impl Fn(f64, f64, f64, f64) -> (f64, f64),
    hand_grad: impl Fn(f64, f64) -> [f64; 2],
    points: &[[f64; 2]],
) {
    for &[x, y] in points {
        let value = f(x, y);
        let want = hand_grad(x, y);
        let (v, (gx, gy)) = grad(x, y);
        assert_eq!(v, value, "_grad value at ({x}, {y})");
        assert_exact(gx, want[0], EXACT64, &format!("∂x at ({x}, {y})"));
        assert_exact(gy, want[1], EXACT64, &format!("∂y at ({x}, {y})"));
        for v in directions(2) {
            let (value_jvp, t) = jvp(x, y, v[0], v[1]);
            assert_eq!(value_jvp, value, "_jvp value at ({x}, {y})");
            assert_sum(t, &[want[0] * v[0], want[1] * v[1]], EXACT64, &format!("_jvp at ({x}, {y}) along {v:?}"));
            let numeric = fd_along(|p| f(p[0], p[1]), &[x, y], &v);
            assert_near(t, numeric, FD_TOL64, &format!("_jvp at ({x}, {y}) along {v:?} against differences"));
        }
    }
}

#[test]
fn a_function_calling_g_grad_has_grad_and_jvp() {
    check_first_order2(
        gradient_norm_squared,
        gradient_norm_squared_grad,
        gradient_norm_squared_jvp,
        |x, y| {
            let g = gradient_norm_squared_hand(&[x, y]).0;
            [g[0], g[1]]
        },
        &[[0.7, 1.3], [-1.1, 0.4], [1.5, -0.6]],
    );
}

// The `_hvp` of a function calling `g_grad` is a third derivative of `g` (grad, then jvp,
// then vjp: `energy_grad_jvp_vjp`), like the `_hvp` of a function calling `g_jvp`
// (`energy_jvp_jvp_vjp`, see the next test). It was a stand-in claiming order four.
#[test]
fn a_function_calling_g_grad_has_hvp() {
    check2(
        gradient_norm_squared,
        gradient_norm_squared_grad,
        gradient_norm_squared_jvp,
        gradient_norm_squared_hvp,
        &gradient_norm_squared_hand,
        &[[0.7, 1.3], [-1.1, 0.4], [1.5, -0.6]],
    );
}

#[test]
fn a_function_calling_g_jvp_has_grad_jvp_and_hvp() {
    check2(
        directional_derivative,
        directional_derivative_grad,
        directional_derivative_jvp,
        directional_derivative_hvp,
        &|p| {
            let (x, y) = (p[0], p[1]);
            (
                vec![6.0 * x * y + 6.0 * x * x, 3.0 * x * x - 2.0 * y.sin()],
                vec![vec![6.0 * y + 12.0 * x, 6.0 * x], vec![6.0 * x, -2.0 * y.cos()]],
            )
        },
        &[[0.7, 1.3], [-1.1, 0.4], [1.5, -0.6]],
    );
}

#[test]
fn a_function_calling_g_hvp_has_grad_and_jvp() {
    let points = [[0.7, 1.3], [-1.1, 0.4], [1.5, -0.6]];
    for [x, y] in points {
        assert_exact(curvature_sum(x, y), 6.0 * x * y + 3.0 * x * x, EXACT64, "C");
    }
    check_first_order2(
        curvature_sum,
        curvature_sum_grad,
        curvature_sum_jvp,
        |x, y| [6.0 * y + 6.0 * x, 6.0 * x],
        &points,
    );
}

#[test]
#[should_panic(expected = "is a derivative of order four or more")]
fn the_hvp_of_a_function_calling_g_hvp_is_a_fourth_order_stand_in() {
    let _ = curvature_sum_hvp(0.7, 1.3, 1.0, 0.0);
}

// A custom rule with only its pullback written (`custom(vjp)`):
// sp(x) = ln(1 + eˣ);  sp' = σ(x) = 1/(1 + e⁻ˣ),  sp'' = σ(1 − σ)
#[differentiable(custom(vjp))]
fn softplus(x: f64) -> f64 {
    x.exp().ln_1p()
}

fn softplus_vjp(x: f64) -> (f64, impl FnOnce(f64) -> f64) {
    let sigma = 1.0 / (1.0 + (-x).exp());
    (softplus(x), move |d| d * sigma)
}

// The same rule with its second-order form written too (`custom(vjp, jvp_vjp)`).
#[differentiable(custom(vjp, jvp_vjp))]
fn softplus2(x: f64) -> f64 {
    x.exp().ln_1p()
}

fn softplus2_vjp(x: f64) -> (f64, impl FnOnce(f64) -> f64) {
    let sigma = 1.0 / (1.0 + (-x).exp());
    (softplus2(x), move |d| d * sigma)
}

/// `(sp x, σ ẋ)` and its pullback: ∂x = ȳ σ + ẏ̄ σ(1 − σ) ẋ, ∂ẋ = ẏ̄ σ.
#[allow(clippy::type_complexity, reason = "the second-order form's signature")]
fn softplus2_jvp_vjp(x: f64, dx: f64) -> ((f64, f64), impl FnOnce((f64, f64)) -> (f64, f64)) {
    let sigma = 1.0 / (1.0 + (-x).exp());
    ((softplus2(x), sigma * dx), move |(y_bar, dy_bar): (f64, f64)| {
        (y_bar * sigma + dy_bar * sigma * (1.0 - sigma) * dx, dy_bar * sigma)
    })
}

// g(x, w) = w·sp(wx), z = wx, σ = σ(z), σ' = σ(1 − σ);
// ∇g = (w²σ, sp(z) + zσ);  H = [[w³σ', 2wσ + wzσ'], [2wσ + wzσ', 2xσ + xzσ']]
#[differentiable]
fn uses_softplus(x: f64, w: f64) -> f64 {
    softplus(w * x) * w
}

// The same through `softplus2`.
#[differentiable]
fn uses_softplus2(x: f64, w: f64) -> f64 {
    softplus2(w * x) * w
}

/// The hand derivation of `uses_softplus`.
fn uses_softplus_hand(p: &[f64]) -> (Vec<f64>, Vec<Vec<f64>>) {
    let (x, w) = (p[0], p[1]);
    let z = w * x;
    let s = 1.0 / (1.0 + (-z).exp());
    let s1 = s * (1.0 - s);
    let cross = 2.0 * w * s + w * z * s1;
    (vec![w * w * s, z.exp().ln_1p() + z * s], vec![vec![w * w * w * s1, cross], vec![cross, 2.0 * x * s + x * z * s1]])
}

#[test]
fn a_custom_vjp_serves_a_callers_jvp() {
    for [x, w] in [[0.7, 1.3], [-1.1, 0.4], [1.5, -0.6]] {
        let (g, _) = uses_softplus_hand(&[x, w]);
        let (value, (gx, gw)) = uses_softplus_grad(x, w);
        assert_eq!(value, uses_softplus(x, w));
        assert_exact(gx, g[0], EXACT64, "∂g/∂x");
        assert_exact(gw, g[1], EXACT64, "∂g/∂w");
        for [dx, dw] in [[1.0, 0.0], [0.0, 1.0], [0.7, -1.3]] {
            let (v, t) = uses_softplus_jvp(x, w, dx, dw);
            assert_eq!(v, value);
            assert_sum(t, &[g[0] * dx, g[1] * dw], EXACT64, "ġ");
            let numeric = fd_along(|p| uses_softplus(p[0], p[1]), &[x, w], &[dx, dw]);
            assert_near(t, numeric, FD_TOL64, "ġ against differences");
        }
        // The rule's own derived forms.
        let s = 1.0 / (1.0 + (-x).exp());
        assert_exact(softplus_jvp(x, 0.5).1, 0.5 * s, EXACT64, "softplus_jvp");
        assert_exact(softplus_grad(x).1, s, EXACT64, "softplus_grad");
    }
}

#[test]
#[should_panic(expected = "without a second-order rule; write `softplus_jvp_vjp`")]
fn a_callers_hvp_through_a_vjp_only_custom_rule_panics_naming_the_form_to_write() {
    let _ = uses_softplus_hvp(0.7, 1.3, 1.0, 0.0);
}

#[test]
fn a_custom_rule_with_a_written_jvp_vjp_serves_a_callers_jvp_and_hvp() {
    check2(
        uses_softplus2,
        uses_softplus2_grad,
        uses_softplus2_jvp,
        uses_softplus2_hvp,
        &uses_softplus_hand,
        &[[0.7, 1.3], [-1.1, 0.4], [1.5, -0.6]],
    );
    // The rule's own hvp, from the written jvp_vjp: sp'' = σ(1 − σ).
    for x in [-1.0_f64, 0.3, 2.0] {
        let s = 1.0 / (1.0 + (-x).exp());
        let (v, g, hv) = softplus2_hvp(x, 0.5);
        assert_eq!(v, softplus2(x));
        assert_exact(g, s, EXACT64, "softplus2 gradient");
        assert_exact(hv, 0.5 * s * (1.0 - s), EXACT64, "softplus2 H·v");
    }
}

// A custom rule over slices: dot(a, b) = Σ aᵢbᵢ, its pullback d ↦ (d·b, d·a) written by hand.
#[differentiable(custom(vjp))]
fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn dot_vjp(a: &[f64], b: &[f64]) -> (f64, impl FnOnce(f64) -> (Vec<f64>, Vec<f64>) + use<>) {
    let (a, b) = (a.to_vec(), b.to_vec());
    (dot(&a, &b), move |d| (b.iter().map(|v| d * v).collect(), a.iter().map(|v| d * v).collect()))
}

// g(x) = dot(x, x)·x₀;  ∇g = 2x₀ x + |x|² e₀
#[differentiable]
fn uses_dot(x: &[f64]) -> f64 {
    dot(x, x) * x[0]
}

/// The hand-derived gradient of `uses_dot`.
fn uses_dot_hand(x: &[f64]) -> Vec<f64> {
    let mut g: Vec<f64> = x.iter().map(|v| 2.0 * x[0] * v).collect();
    g[0] += x.iter().map(|v| v * v).sum::<f64>();
    g
}

#[test]
fn a_custom_vjp_over_slices_serves_a_callers_grad() {
    for x in [vec![0.5, -1.2, 0.8], vec![-1.5, 0.3, 2.0]] {
        let (value, g) = uses_dot_grad(&x);
        assert_eq!(value, uses_dot(&x));
        let want = uses_dot_hand(&x);
        let numeric = fd_grad(uses_dot, &x);
        for i in 0..3 {
            assert_exact(g[i], want[i], EXACT64, &format!("∂g/∂x[{i}] at {x:?}"));
            assert_near(g[i], numeric[i], FD_TOL64, &format!("∂g/∂x[{i}] against differences at {x:?}"));
        }
    }
}

// The `_jvp` that `custom(vjp)` derives for a rule with reference parameters (`&[f64]`) pairs
// the pullback's gradient with the tangents through `flatten`; tangents behind a reference
// flattened to nothing (`Differentiable for &T` did not forward `visit_named`) and it panicked.
#[test]
fn a_custom_vjp_over_slices_serves_a_callers_jvp() {
    for x in [vec![0.5, -1.2, 0.8], vec![-1.5, 0.3, 2.0]] {
        let want = uses_dot_hand(&x);
        for v in directions(3) {
            let (value, t) = uses_dot_jvp(&x, &v);
            assert_eq!(value, uses_dot(&x));
            let terms: Vec<f64> = (0..3).map(|i| want[i] * v[i]).collect();
            assert_sum(t, &terms, EXACT64, &format!("ġ at {x:?} along {v:?}"));
            assert_near(t, fd_along(uses_dot, &x, &v), FD_TOL64, "ġ against differences");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// stop_gradient
// ---------------------------------------------------------------------------------------------

// f(x, y) = x·sg(xy) + sin y·sg(x): the stopped values a = xy and b = x are constants in every
// mode, so ∇f = (a, b cos y) and H = [[0, 0], [0, −b sin y]] (the gradient's own dependence on
// x through a and b is stopped too).
#[differentiable]
fn stopped(x: f64, y: f64) -> f64 {
    x * stop_gradient(x * y) + y.sin() * stop_gradient(x)
}

// The same function with the stopped values passed as constants: g(x, y; a, b) = x a + b sin y.
#[differentiable(wrt(x, y))]
fn frozen(x: f64, y: f64, a: f64, b: f64) -> f64 {
    x * a + y.sin() * b
}

#[test]
fn stop_gradient_makes_a_constant_in_jvp_and_hvp() {
    for [x, y] in [[0.7, 1.3], [-1.1, 0.4], [1.5, -0.6]] {
        let (a, b) = (x * y, x);
        let value = stopped(x, y);
        let (v, (gx, gy)) = stopped_grad(x, y);
        assert_eq!(v, value);
        assert_exact(gx, a, EXACT64, "∂f/∂x");
        assert_exact(gy, b * y.cos(), EXACT64, "∂f/∂y");
        let frozen_f = |p: &[f64]| frozen(p[0], p[1], a, b);
        let frozen_grad = |p: &[f64]| {
            let (_, (gx, gy)) = frozen_grad(p[0], p[1], a, b);
            vec![gx, gy]
        };
        for [dx, dy] in [[1.0, 0.0], [0.0, 1.0], [0.7, -1.3]] {
            let (v, t) = stopped_jvp(x, y, dx, dy);
            assert_eq!(v, value);
            assert_sum(t, &[a * dx, b * y.cos() * dy], EXACT64, "ḟ");
            assert_near(t, fd_along(frozen_f, &[x, y], &[dx, dy]), FD_TOL64, "ḟ against differences, frozen");
            let (v, (g2x, g2y), (hx, hy)) = stopped_hvp(x, y, dx, dy);
            assert_eq!(v, value);
            assert_eq!((g2x, g2y), (gx, gy));
            assert_eq!(hx, 0.0, "H·v in x at ({x}, {y})");
            assert_exact(hy, -b * y.sin() * dy, EXACT64, "(H·v) in y");
            let numeric = fd_along_vec(frozen_grad, &[x, y], &[dx, dy]);
            assert_near(hx, numeric[0], FD_TOL64, "(H·v) in x against differences of the frozen gradient");
            assert_near(hy, numeric[1], FD_TOL64, "(H·v) in y against differences of the frozen gradient");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Worked example: Black–Scholes greeks
// ---------------------------------------------------------------------------------------------

// The standard normal cdf by Marsaglia's series, Φ(x) = ½ + φ(x) Σₙ x²ⁿ⁺¹/(1·3·5···(2n + 1)),
// 60 terms: the series of an entire function, accurate to rounding for |x| ≤ 4 (checked
// below against Simpson integration of φ), and so is its derivative;  Φ' = φ,  Φ'' = −xφ
#[differentiable]
fn normal_cdf(x: f64) -> f64 {
    let mut term = x;
    let mut sum = x;
    for n in 1..60 {
        term = term * x * x / (2 * n + 1) as f64;
        sum += term;
    }
    // 1/√(2π)
    0.5 + sum * (-0.5 * x * x).exp() * 0.398_942_280_401_432_7
}

/// The standard normal density.
fn normal_pdf(x: f64) -> f64 {
    (-0.5 * x * x).exp() / (2.0 * PI).sqrt()
}

/// Φ(x) as ½ + ∫₀ˣ φ by composite Simpson's rule on 2000 intervals (error below 1e-14 for
/// |x| ≤ 4): a reference independent of the series.
fn normal_cdf_by_simpson(x: f64) -> f64 {
    let n = 2000;
    let h = x / n as f64;
    let inner: f64 = (1..n).map(|i| if i % 2 == 1 { 4.0 } else { 2.0 } * normal_pdf(i as f64 * h)).sum();
    0.5 + h / 3.0 * (normal_pdf(0.0) + inner + normal_pdf(x))
}

#[test]
fn normal_cdf_matches_integration_and_its_derivatives_are_the_density() {
    for x in [-3.5, -1.96, -0.3, 0.0, 0.5, 1.0, 2.5, 4.0] {
        let reference = normal_cdf_by_simpson(x);
        assert!((normal_cdf(x) - reference).abs() < 1e-14, "Φ({x}) = {}, Simpson {reference}", normal_cdf(x));
    }
    // Tabulated values.
    assert!((normal_cdf(1.0) - 0.841_344_746_068_542_9).abs() < 1e-15);
    assert!((normal_cdf(-1.96) - 0.024_997_895_148_220_435).abs() < 1e-15);
    check1(
        normal_cdf,
        normal_cdf_grad,
        normal_cdf_jvp,
        normal_cdf_hvp,
        normal_pdf,
        |x| -x * normal_pdf(x),
        &[-2.5, -0.3, 0.8, 3.0],
    );
}

// The price of a European call, C(S, K, r, σ, T) = S Φ(d₁) − K e^(−rT) Φ(d₂), with
// d₁ = (ln(S/K) + (r + σ²/2) T)/(σ√T) and d₂ = d₁ − σ√T. Closed forms (S φ(d₁) = K e^(−rT) φ(d₂)):
// ∂C/∂S = Φ(d₁) (delta);  ∂C/∂K = −e^(−rT) Φ(d₂);  ∂C/∂r = K T e^(−rT) Φ(d₂) (rho);
// ∂C/∂σ = S φ(d₁) √T (vega);  ∂C/∂T = S φ(d₁) σ/(2√T) + r K e^(−rT) Φ(d₂);
// ∂²C/∂S² = φ(d₁)/(S σ √T) (gamma);  ∂²C/∂S∂σ = −φ(d₁) d₂/σ (vanna);
// ∂²C/∂σ² = S φ(d₁) √T d₁d₂/σ (volga)
#[differentiable]
fn call_price(s: f64, k: f64, r: f64, sigma: f64, t: f64) -> f64 {
    let sqrt_t = t.sqrt();
    let d1 = ((s / k).ln() + (r + 0.5 * sigma * sigma) * t) / (sigma * sqrt_t);
    let d2 = d1 - sigma * sqrt_t;
    s * normal_cdf(d1) - k * (-r * t).exp() * normal_cdf(d2)
}

/// Market points `(S, K, r, σ, T)`: in, at and out of the money.
const MARKETS: [[f64; 5]; 3] =
    [[100.0, 95.0, 0.03, 0.2, 0.75], [80.0, 100.0, 0.01, 0.35, 2.0], [120.0, 100.0, 0.05, 0.15, 0.25]];

/// The relative tolerance of a greek against its closed form. 1e-12 where |d₁| < 2; deeper in
/// the money the computed function is worse conditioned, not its derivative wrong: Φ' of the
/// series comes from the cancelling difference (Σ' − xΣ)φ (2.6e-13 relative error at x = 3),
/// and vega and gamma from S φ(d₁) ∂d₁ − K e^(−rT) φ(d₂) ∂d₂, whose terms are 35 times their
/// difference at the third market (d₁ ≈ 2.6). Measured there: 3.4e-12 (vega), 2.3e-12 (gamma).
fn greek_tol(m: &[f64; 5]) -> f64 {
    if d1_d2(m).0.abs() < 2.0 { EXACT64 } else { 1e-10 }
}

/// `(d₁, d₂)` at a market point.
fn d1_d2(m: &[f64; 5]) -> (f64, f64) {
    let [s, k, r, sigma, t] = *m;
    let d1 = ((s / k).ln() + (r + 0.5 * sigma * sigma) * t) / (sigma * t.sqrt());
    (d1, d1 - sigma * t.sqrt())
}

/// `call_price`'s `_jvp` and `_hvp` along a direction given as an array.
fn price_jvp(m: &[f64; 5], v: &[f64; 5]) -> (f64, f64) {
    call_price_jvp(m[0], m[1], m[2], m[3], m[4], v[0], v[1], v[2], v[3], v[4])
}

fn price_hvp(m: &[f64; 5], v: &[f64; 5]) -> (f64, [f64; 5], [f64; 5]) {
    let (y, g, h) = call_price_hvp(m[0], m[1], m[2], m[3], m[4], v[0], v[1], v[2], v[3], v[4]);
    (y, [g.0, g.1, g.2, g.3, g.4], [h.0, h.1, h.2, h.3, h.4])
}

fn price_grad(m: &[f64]) -> (f64, [f64; 5]) {
    let (y, g) = call_price_grad(m[0], m[1], m[2], m[3], m[4]);
    (y, [g.0, g.1, g.2, g.3, g.4])
}

/// The unit vector along coordinate `i` of the market.
fn unit5(i: usize) -> [f64; 5] {
    let mut e = [0.0; 5];
    e[i] = 1.0;
    e
}

#[test]
fn black_scholes_delta_from_grad_and_jvp_is_the_cdf_of_d1() {
    for m in &MARKETS {
        let (d1, _) = d1_d2(m);
        let delta = normal_cdf_by_simpson(d1);
        let (value, g) = price_grad(m);
        assert_eq!(value, call_price(m[0], m[1], m[2], m[3], m[4]));
        assert_exact(g[0], delta, greek_tol(m), &format!("delta from _grad at {m:?}"));
        let (v, along_s) = price_jvp(m, &unit5(0));
        assert_eq!(v, value);
        assert_exact(along_s, delta, greek_tol(m), &format!("delta from _jvp at {m:?}"));
        let numeric = fd_along(|q| call_price(q[0], q[1], q[2], q[3], q[4]), m, &unit5(0));
        assert_near(along_s, numeric, FD_TOL64, &format!("delta against differences at {m:?}"));
    }
}

#[test]
fn black_scholes_other_greeks_from_grad_match_their_closed_forms() {
    for m in &MARKETS {
        let [s, k, r, sigma, t] = *m;
        let (d1, d2) = d1_d2(m);
        let discount = (-r * t).exp();
        let (_, g) = price_grad(m);
        assert_exact(g[1], -discount * normal_cdf_by_simpson(d2), greek_tol(m), &format!("∂C/∂K at {m:?}"));
        assert_exact(g[2], k * t * discount * normal_cdf_by_simpson(d2), greek_tol(m), &format!("rho at {m:?}"));
        assert_exact(g[3], s * normal_pdf(d1) * t.sqrt(), greek_tol(m), &format!("vega at {m:?}"));
        let theta = s * normal_pdf(d1) * sigma / (2.0 * t.sqrt()) + r * k * discount * normal_cdf_by_simpson(d2);
        assert_exact(g[4], theta, greek_tol(m), &format!("∂C/∂T at {m:?}"));
        // Every entry against differences, through a mixed direction.
        let v = [0.7, -1.3, 0.4, 1.1, -0.6];
        let (_, t_mixed) = price_jvp(m, &v);
        let numeric = fd_along(|q| call_price(q[0], q[1], q[2], q[3], q[4]), m, &v);
        assert_near(t_mixed, numeric, FD_TOL64, &format!("mixed tangent against differences at {m:?}"));
    }
}

#[test]
fn black_scholes_gamma_vanna_and_volga_from_hvp_match_their_closed_forms() {
    for m in &MARKETS {
        let [s, _, _, sigma, t] = *m;
        let (d1, d2) = d1_d2(m);
        let (value, g, along_s) = price_hvp(m, &unit5(0));
        assert_eq!(value, call_price(m[0], m[1], m[2], m[3], m[4]));
        assert_eq!(g, price_grad(m).1, "_hvp's gradient is _grad's at {m:?}");
        let gamma = normal_pdf(d1) / (s * sigma * t.sqrt());
        assert_exact(along_s[0], gamma, greek_tol(m), &format!("gamma at {m:?}"));
        let vanna = -normal_pdf(d1) * d2 / sigma;
        assert_exact(along_s[3], vanna, greek_tol(m), &format!("vanna (∂²C/∂σ∂S) at {m:?}"));
        let (_, _, along_sigma) = price_hvp(m, &unit5(3));
        assert_exact(along_sigma[0], vanna, greek_tol(m), &format!("vanna (∂²C/∂S∂σ) at {m:?}"));
        let volga = s * normal_pdf(d1) * t.sqrt() * d1 * d2 / sigma;
        assert_exact(along_sigma[3], volga, greek_tol(m), &format!("volga at {m:?}"));
        // Each column of the Hessian against differences of the gradient, with steps scaled
        // to each coordinate (h·max(|mᵢ|, 1)): S and K are of order 100, and a step of 1e-6 on
        // them leaves the rounding of the (cancelling) gradient above the tolerance.
        for i in 0..5 {
            let (_, _, column) = price_hvp(m, &unit5(i));
            let step = m[i].abs().max(1.0);
            let numeric: Vec<f64> = fd_along_vec(|q| price_grad(q).1.to_vec(), m, &unit5(i).map(|e| e * step))
                .iter()
                .map(|d| d / step)
                .collect();
            for j in 0..5 {
                assert_near(column[j], numeric[j], FD_TOL64, &format!("H[{j}][{i}] against differences at {m:?}"));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Worked example: Newton's method on Rosenbrock with a Hessian from `_hvp` columns
// ---------------------------------------------------------------------------------------------

// f(x, y) = (1 − x)² + 100 (y − x²)²;  ∇f = (−2(1 − x) − 400x(y − x²), 200(y − x²));
// H = [[2 − 400(y − x²) + 800x², −400x], [−400x, 200]]
#[differentiable]
fn rosenbrock(x: f64, y: f64) -> f64 {
    let a = 1.0 - x;
    let b = y - x * x;
    a * a + 100.0 * b * b
}

/// The hand-derived gradient and Hessian of [`rosenbrock`].
fn rosenbrock_hand(p: &[f64]) -> (Vec<f64>, Vec<Vec<f64>>) {
    let (x, y) = (p[0], p[1]);
    let b = y - x * x;
    (
        vec![-2.0 * (1.0 - x) - 400.0 * x * b, 200.0 * b],
        vec![vec![2.0 - 400.0 * b + 800.0 * x * x, -400.0 * x], vec![-400.0 * x, 200.0]],
    )
}

#[test]
fn rosenbrock_forward_and_second_order() {
    check2(
        rosenbrock,
        rosenbrock_grad,
        rosenbrock_jvp,
        rosenbrock_hvp,
        &rosenbrock_hand,
        &[[-1.2, 1.0], [0.5, 0.3], [1.1, 1.3]],
    );
}

#[test]
fn newton_on_rosenbrock_with_hvp_columns_converges_quadratically_to_one_one() {
    let (mut x, mut y) = (-1.2, 1.0);
    let mut errors = vec![(x - 1.0_f64).hypot(y - 1.0)];
    let mut steps = 0;
    while errors[errors.len() - 1] > 1e-12 && steps < 30 {
        // The dense Hessian, one column per `_hvp` along a coordinate direction.
        let (_, (gx, gy), (h00, h10)) = rosenbrock_hvp(x, y, 1.0, 0.0);
        let (_, _, (h01, h11)) = rosenbrock_hvp(x, y, 0.0, 1.0);
        let (want_g, want_h) = rosenbrock_hand(&[x, y]);
        assert_exact(gx, want_g[0], EXACT64, "∂f/∂x");
        assert_exact(gy, want_g[1], EXACT64, "∂f/∂y");
        for (got, want) in [(h00, want_h[0][0]), (h01, want_h[0][1]), (h10, want_h[1][0]), (h11, want_h[1][1])] {
            assert_exact(got, want, EXACT64, &format!("Hessian entry at ({x}, {y})"));
        }
        assert_eq!(h01, h10, "the assembled Hessian is symmetric at ({x}, {y})");
        // Solve H·s = −∇f (2×2, Cramer's rule).
        let det = h00 * h11 - h01 * h10;
        let sx = -(h11 * gx - h01 * gy) / det;
        let sy = -(h00 * gy - h10 * gx) / det;
        x += sx;
        y += sy;
        steps += 1;
        errors.push((x - 1.0).hypot(y - 1.0));
    }
    assert!(steps < 30, "Newton took {steps} steps; errors {errors:?}");
    assert!(errors[steps] <= 1e-10, "did not converge to (1, 1): ({x}, {y}); errors {errors:?}");
    // Quadratic convergence: once the error is below 0.1, each step at least (roughly) squares
    // it, e_{k+1} ≤ C e_k² with C of the size of |H⁻¹|·|∇³f|, until rounding.
    let close: Vec<(f64, f64)> =
        errors.windows(2).map(|w| (w[0], w[1])).filter(|&(e, next)| e < 0.1 && next > 1e-15).collect();
    assert!(!close.is_empty(), "no step inside the quadratic region; errors {errors:?}");
    for (e, next) in close {
        assert!(next <= 10.0 * e * e, "step from error {e} to {next} is not quadratic; errors {errors:?}");
        // The order of the step: ln e_{k+1} / ln e_k ≥ 1.8 (2 for exact squaring).
        assert!(next.ln() / e.ln() >= 1.8, "step from error {e} to {next} has order below 1.8; errors {errors:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Worked example: GradBench's `saddle` (nested differentiation)
// ---------------------------------------------------------------------------------------------

// GradBench's `saddle` finds min over p₁ of max over p₂ of f(p₁, p₂) by gradient steps, the
// inner ascent differentiated inside the outer descent. Here with a coupling term so that the
// inner solution depends on p₁ (in GradBench's f it does not):
// f(p₁, p₂) = |p₁|² − |p₂|² + c p₁·p₂, c = 1/2;  ∇_{p₂} f = −2p₂ + c p₁.
#[differentiable]
fn saddle_f(p1: [f64; 2], p2: [f64; 2]) -> f64 {
    p1[0] * p1[0] + p1[1] * p1[1] - p2[0] * p2[0] - p2[1] * p2[1] + 0.5 * (p1[0] * p2[0] + p1[1] * p2[1])
}

// The outer cost: twenty inner ascent steps p₂ ← p₂ + η ∇_{p₂} f(p₁, p₂) from `start` with
// η = 0.1, the inner gradient from `saddle_f_grad` (reverse mode), then f(p₁, p₂).
// With q = 1 − 2η: p₂ = a·start + b·p₁ after N steps, a = q^N, b = (c/2)(1 − a). So
// r(p₁) = |p₁|² − |p₂|² + c p₁·p₂ with ∂p₂/∂p₁ = b I:
// ∇r = 2p₁ + c p₂ + b(c p₁ − 2p₂);  ∇²r = (2 + 2cb − 2b²) I
#[differentiable(wrt(p1))]
fn saddle_cost_reverse_inner(p1: [f64; 2], start: [f64; 2]) -> f64 {
    let mut p2 = start;
    for _ in 0..20 {
        let (_, g) = saddle_f_grad(p1, p2);
        let (_, g2) = g;
        p2 = [p2[0] + 0.1 * g2[0], p2[1] + 0.1 * g2[1]];
    }
    saddle_f(p1, p2)
}

// The same with the inner gradient from `saddle_f_jvp` (forward mode), one tangent per
// coordinate of p₂.
#[differentiable(wrt(p1))]
fn saddle_cost_forward_inner(p1: [f64; 2], start: [f64; 2]) -> f64 {
    let mut p2 = start;
    for _ in 0..20 {
        let (_, g0) = saddle_f_jvp(p1, p2, [0.0, 0.0], [1.0, 0.0]);
        let (_, g1) = saddle_f_jvp(p1, p2, [0.0, 0.0], [0.0, 1.0]);
        p2 = [p2[0] + 0.1 * g0, p2[1] + 0.1 * g1];
    }
    saddle_f(p1, p2)
}

/// The hand-derived value, gradient and Hessian (a multiple of I) of the outer cost.
fn saddle_hand(p1: [f64; 2], start: [f64; 2]) -> (f64, [f64; 2], f64) {
    let (c, eta, steps) = (0.5, 0.1, 20);
    let a = (1.0_f64 - 2.0 * eta).powi(steps);
    let b = 0.5 * c * (1.0 - a);
    let p2 = [a * start[0] + b * p1[0], a * start[1] + b * p1[1]];
    let value = p1[0] * p1[0] + p1[1] * p1[1] - p2[0] * p2[0] - p2[1] * p2[1] + c * (p1[0] * p2[0] + p1[1] * p2[1]);
    let grad = [0, 1].map(|i| 2.0 * p1[i] + c * p2[i] + b * (c * p1[i] - 2.0 * p2[i]));
    (value, grad, 2.0 + 2.0 * c * b - 2.0 * b * b)
}

#[test]
fn saddle_outer_gradient_in_four_mode_combinations_matches_the_hand_derivation() {
    let cases = [([1.0, -0.5], [0.3, 0.8]), ([-0.7, 1.2], [-1.0, 0.4])];
    for (p1, start) in cases {
        let (value, want, _) = saddle_hand(p1, start);
        let f_reverse_inner = |q: &[f64]| saddle_cost_reverse_inner([q[0], q[1]], start);
        // Reverse over reverse, and reverse over forward.
        let (v_rr, g_rr) = saddle_cost_reverse_inner_grad(p1, start);
        let (v_rf, g_rf) = saddle_cost_forward_inner_grad(p1, start);
        // Forward over reverse, and forward over forward: one `_jvp` per coordinate of p₁.
        let g_fr = [0, 1].map(|i| saddle_cost_reverse_inner_jvp(p1, start, unit2(i)).1);
        let g_ff = [0, 1].map(|i| saddle_cost_forward_inner_jvp(p1, start, unit2(i)).1);
        for (name, v) in [("reverse inner", v_rr), ("forward inner", v_rf)] {
            assert_exact(v, value, EXACT64, &format!("outer value, {name}, at {p1:?}"));
        }
        for (name, g) in [("rr", g_rr), ("rf", g_rf), ("fr", g_fr), ("ff", g_ff)] {
            for i in 0..2 {
                assert_exact(g[i], want[i], EXACT64, &format!("∂r/∂p₁[{i}], {name}, at {p1:?}"));
            }
        }
        let numeric = [0, 1].map(|i| fd_along(f_reverse_inner, &p1, &unit2(i)));
        for i in 0..2 {
            assert_near(g_rr[i], numeric[i], FD_TOL64, &format!("∂r/∂p₁[{i}] against differences at {p1:?}"));
        }
    }
}

/// The unit vector along coordinate `i` of the plane.
fn unit2(i: usize) -> [f64; 2] {
    let mut e = [0.0; 2];
    e[i] = 1.0;
    e
}

#[test]
fn saddle_outer_hessian_from_hvp_with_a_forward_inner_gradient() {
    // `_hvp` of the cost whose inner gradient comes from `saddle_f_jvp`: third order in f,
    // through `saddle_f_jvp_jvp_vjp`.
    for (p1, start) in [([1.0, -0.5], [0.3, 0.8]), ([-0.7, 1.2], [-1.0, 0.4])] {
        let (_, want_g, diag) = saddle_hand(p1, start);
        for v in [[1.0, 0.0], [0.0, 1.0], [0.7, -1.3]] {
            let (_, g, hv) = saddle_cost_forward_inner_hvp(p1, start, v);
            for i in 0..2 {
                assert_exact(g[i], want_g[i], EXACT64, &format!("gradient [{i}] at {p1:?}"));
                assert_exact(hv[i], diag * v[i], EXACT64, &format!("(H·v)[{i}] at {p1:?} along {v:?}"));
            }
            let numeric = fd_along_vec(|q| saddle_cost_forward_inner_grad([q[0], q[1]], start).1.to_vec(), &p1, &v);
            for i in 0..2 {
                assert_near(hv[i], numeric[i], FD_TOL64, &format!("(H·v)[{i}] against differences at {p1:?}"));
            }
        }
    }
}

// A nested tuple pattern takes one entry of a gradient: f(x, y) = ∂g/∂y for g = x²y³, so
// f = 3x²y², ∂f/∂x = 6xy², ∂f/∂y = 6x²y.
#[differentiable]
fn x2_y3(x: f64, y: f64) -> f64 {
    x * x * y * y * y
}

#[differentiable]
fn partial_in_y(x: f64, y: f64) -> f64 {
    let (_, (_, dy)) = x2_y3_grad(x, y);
    dy
}

#[test]
fn a_nested_tuple_pattern_takes_one_entry_of_a_gradient() {
    for (x, y) in [(0.5, -1.5), (1.25, 0.75)] {
        let (value, (gx, gy)) = partial_in_y_grad(x, y);
        assert!((value - 3.0 * x * x * y * y).abs() < 1e-12);
        assert!((gx - 6.0 * x * y * y).abs() < 1e-12 && (gy - 6.0 * x * x * y).abs() < 1e-12);
        let (_, tangent) = partial_in_y_jvp(x, y, 1.0, 0.0);
        assert!((tangent - gx).abs() < 1e-12);
    }
}

// A tangent has its parameter's shape: a shorter or longer one is refused at the top of every
// forward form, naming both lengths (and the check lets LLVM drop the tangent's bounds checks).

#[differentiable]
#[allow(clippy::ptr_arg, reason = "a `&Vec` parameter's tangent is checked too")]
fn weighted_sum(w: &[f64], x: &Vec<f64>) -> f64 {
    let mut s = 0.0;
    for i in 0..w.len() {
        s += w[i] * x[i];
    }
    s
}

#[test]
fn tangents_of_the_parameters_length_pass() {
    let (w, x) = ([1.0, 2.0], vec![3.0, 4.0]);
    let (v, dv) = weighted_sum_jvp(&w, &x, &[1.0, 0.0], &vec![0.0, 1.0]);
    assert_eq!((v, dv), (11.0, 3.0 + 2.0));
    let (_, g, hv) = weighted_sum_hvp(&w, &x, &[1.0, 0.0], &vec![0.0, 1.0]);
    assert_eq!(g, (vec![3.0, 4.0], vec![1.0, 2.0]));
    assert_eq!(hv, (vec![0.0, 1.0], vec![1.0, 0.0]));
}

#[test]
#[should_panic(expected = "the tangent of `x` has 1 elements and `x` has 2")]
fn a_tangent_shorter_than_its_parameter_is_refused_naming_both_lengths() {
    weighted_sum_jvp(&[1.0, 2.0], &vec![3.0, 4.0], &[1.0, 0.0], &vec![0.0]);
}

#[test]
#[should_panic(expected = "the tangent of `w` has 3 elements and `w` has 2")]
fn a_direction_longer_than_its_parameter_is_refused_by_hvp() {
    weighted_sum_hvp(&[1.0, 2.0], &vec![3.0, 4.0], &[1.0, 0.0, 0.0], &vec![0.0, 1.0]);
}
