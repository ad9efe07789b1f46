//! Walks with adaptors (`.rev()`, `.skip(n)`, `.take(n)`, `.step_by(k)`, `.enumerate()` after
//! them), sub-slice walks (`.windows(k)`, `.chunks(k)`, `.chunks_exact(k)`), `.product()`, and
//! functions named by their path in chains (`.map(f64::sin)`, `.fold(f64::NEG_INFINITY,
//! f64::max)`).
//!
//! Each function's comment gives it with its hand-derived derivative; each test checks the
//! generated gradient against that and against central differences.

#![allow(clippy::needless_range_loop, reason = "index loops are what these tests differentiate")]

mod common;
use backprop::differentiable;
use common::*;

const POINTS: [&[f64]; 2] = [&[1.0, -2.0, 0.5, 3.0, -0.25], &[0.3, 0.7, -1.1, 2.0, 1.5]];

// s = Σₖ 2ᵏ·x₍ₙ₋₁₋ₖ₎ (the weight doubles walking backwards);  ∂s/∂xᵢ = 2ⁿ⁻¹⁻ⁱ
#[differentiable]
fn weighted_from_the_end(x: &[f64]) -> f64 {
    let mut s = 0.0;
    let mut w = 1.0;
    for v in x.iter().rev() {
        s += w * v;
        w *= 2.0;
    }
    s
}

#[test]
fn rev_walks_the_elements_backwards() {
    let f = |x: &[f64]| x.iter().rev().enumerate().map(|(k, v)| 2f64.powi(k as i32) * v).sum();
    let df = |x: &[f64]| (0..x.len()).map(|i| 2f64.powi((x.len() - 1 - i) as i32)).collect::<Vec<_>>();
    check_n64(weighted_from_the_end_grad, f, df, &POINTS, TOL64);
}

// s = Σ over the items x₁, x₂, x₃ (skip 1, take 3) of (k + 1)·xᵢ², k counted by `enumerate`
// after the adaptors;  ∂s/∂xᵢ = 2(i)·xᵢ for i = 1..=3, 0 elsewhere
#[differentiable]
fn counted_middle(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for (k, &v) in x.iter().skip(1).take(3).enumerate() {
        s += (k as f64 + 1.0) * v * v;
    }
    s
}

#[test]
fn skip_take_and_enumerate_count_the_items_walked() {
    let f = |x: &[f64]| (1..4).map(|i| i as f64 * x[i] * x[i]).sum();
    let df = |x: &[f64]| {
        (0..x.len()).map(|i| if (1..4).contains(&i) { 2.0 * i as f64 * x[i] } else { 0.0 }).collect::<Vec<_>>()
    };
    check_n64(counted_middle_grad, f, df, &POINTS, TOL64);
}

// s = Σ sin xᵢ over i = n−1, n−3, … (reversed, every other);  ∂s/∂xᵢ = cos xᵢ there
#[differentiable]
fn every_other_from_the_end(x: &[f32]) -> f32 {
    let mut s = 0.0;
    for &v in x.iter().rev().step_by(2) {
        s += v.sin();
    }
    s
}

#[test]
fn rev_then_step_by_in_f32() {
    let x = [1.0f32, 2.0, 3.0, 4.0, 5.0];
    let (value, grad) = every_other_from_the_end_grad(&x);
    assert_eq!(value, 5f32.sin() + 3f32.sin() + 1f32.sin());
    assert_eq!(grad, vec![1f32.cos(), 0.0, 3f32.cos(), 0.0, 5f32.cos()]);
}

// s = Σ over the last two items walked backwards after skipping one from the end:
// x.iter().rev().skip(1).take(2) = x₍ₙ₋₂₎, x₍ₙ₋₃₎;  s = x₍ₙ₋₂₎·x₍ₙ₋₃₎ + x₍ₙ₋₃₎
#[differentiable]
fn skipped_from_the_end(x: &[f64]) -> f64 {
    let mut s = 0.0;
    let mut previous = 1.0;
    for v in x.iter().rev().skip(1).take(2) {
        s += previous * v;
        previous = *v;
    }
    s
}

#[test]
fn skip_and_take_after_rev_count_from_the_end() {
    let f = |x: &[f64]| {
        let n = x.len();
        x[n - 2] + x[n - 2] * x[n - 3]
    };
    let df = |x: &[f64]| {
        let n = x.len();
        let mut g = vec![0.0; n];
        g[n - 2] = 1.0 + x[n - 3];
        g[n - 3] = x[n - 2];
        g
    };
    check_n64(skipped_from_the_end_grad, f, df, &POINTS, TOL64);
}

// s = Σ (xᵢ₊₁ − xᵢ)² over windows of two;  ∂s/∂xᵢ = 2(xᵢ − xᵢ₋₁) − 2(xᵢ₊₁ − xᵢ)
#[differentiable]
fn squared_differences(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for w in x.windows(2) {
        let d = w[1] - w[0];
        s += d * d;
    }
    s
}

#[test]
fn windows_walk_overlapping_sub_slices() {
    let f = |x: &[f64]| x.windows(2).map(|w| (w[1] - w[0]).powi(2)).sum();
    let df = |x: &[f64]| {
        (0..x.len())
            .map(|i| {
                let left = if i > 0 { 2.0 * (x[i] - x[i - 1]) } else { 0.0 };
                let right = if i + 1 < x.len() { -2.0 * (x[i + 1] - x[i]) } else { 0.0 };
                left + right
            })
            .collect::<Vec<_>>()
    };
    check_n64(squared_differences_grad, f, df, &POINTS, TOL64);
    // forward and second order through the windows: H = 2·(graph Laplacian of the path)
    let (_, directional) = squared_differences_jvp(POINTS[0], &[1.0, 0.0, 0.0, 0.0, 0.0]);
    assert_eq!(directional, df(POINTS[0])[0]);
    let (_, _, hv) = squared_differences_hvp(POINTS[0], &[0.0, 1.0, 0.0, 0.0, 0.0]);
    assert_eq!(hv, vec![-2.0, 4.0, -2.0, 0.0, 0.0]);
}

// s = Σ over chunks of two of the chunk's product (the last chunk is x₄ alone)
// = x₀x₁ + x₂x₃ + x₄;  ∇s = (x₁, x₀, x₃, x₂, 1)
#[differentiable]
fn chunk_products(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for c in x.chunks(2) {
        s += c.iter().product::<f64>();
    }
    s
}

// The same over `chunks_exact(2)`, which drops the short last chunk: x₀x₁ + x₂x₃
#[differentiable]
fn exact_chunk_products(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for c in x.chunks_exact(2) {
        s += c[0] * c[1];
    }
    s
}

#[test]
fn chunks_walk_disjoint_sub_slices() {
    let f = |x: &[f64]| x[0] * x[1] + x[2] * x[3] + x[4];
    let df = |x: &[f64]| vec![x[1], x[0], x[3], x[2], 1.0];
    check_n64(chunk_products_grad, f, df, &POINTS, TOL64);
    let f = |x: &[f64]| x[0] * x[1] + x[2] * x[3];
    let df = |x: &[f64]| vec![x[1], x[0], x[3], x[2], 0.0];
    check_n64(exact_chunk_products_grad, f, df, &POINTS, TOL64);
}

// p = Π xᵢ;  ∂p/∂xᵢ = Π₍ⱼ≠ᵢ₎ xⱼ
#[differentiable]
fn product_of(x: &[f64]) -> f64 {
    x.iter().product()
}

#[test]
fn product_of_the_elements() {
    let f = |x: &[f64]| x.iter().product();
    let df = |x: &[f64]| {
        (0..x.len())
            .map(|i| x.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, v)| v).product())
            .collect::<Vec<_>>()
    };
    check_n64(product_of_grad, f, df, &POINTS, TOL64);
}

// m = max xᵢ by `.fold(f64::NEG_INFINITY, f64::max)`;  ∂m/∂xᵢ = 1 at the maximum
#[differentiable]
fn maximum(x: &[f64]) -> f64 {
    x.iter().copied().fold(f64::NEG_INFINITY, f64::max)
}

// q(v) = v²;  s = Σ sin xᵢ + Σ q(xᵢ) with both maps given by path;  ∂s/∂xᵢ = cos xᵢ + 2xᵢ
#[differentiable]
fn square(v: f64) -> f64 {
    v * v
}

#[differentiable]
fn mapped_by_path(x: &[f64]) -> f64 {
    x.iter().copied().map(f64::sin).sum::<f64>() + x.iter().copied().map(square).sum::<f64>()
}

#[test]
fn functions_named_by_path_in_chains() {
    for x in POINTS {
        let (value, grad) = maximum_grad(x);
        let at = (0..x.len()).fold(0, |best, i| if x[i] > x[best] { i } else { best });
        assert_eq!(value, x[at]);
        assert_eq!(grad, (0..x.len()).map(|i| if i == at { 1.0 } else { 0.0 }).collect::<Vec<_>>());
        let (_, tangent) = maximum_jvp(x, &[1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(tangent, (at + 1) as f64);
    }
    let f = |x: &[f64]| x.iter().map(|v| v.sin()).sum::<f64>() + x.iter().map(|v| v * v).sum::<f64>();
    let df = |x: &[f64]| x.iter().map(|v| v.cos() + 2.0 * v).collect::<Vec<_>>();
    check_n64(mapped_by_path_grad, f, df, &POINTS, TOL64);
}

// f = x₀·xₙ₋₁ + x₀², reading the ends with `first()`/`last()`;  ∂f/∂x₀ = xₙ₋₁ + 2x₀,
// ∂f/∂xₙ₋₁ = x₀ (n > 1)
#[differentiable]
fn ends(x: &[f64]) -> f64 {
    let a = *x.first().unwrap();
    let b = x.last().copied().expect("a non-empty slice");
    let c = x.first().unwrap();
    a * b + c * c
}

#[test]
fn first_and_last_read_the_ends() {
    let f = |x: &[f64]| x[0] * x[x.len() - 1] + x[0] * x[0];
    let df = |x: &[f64]| {
        let n = x.len();
        let mut g = vec![0.0; n];
        g[0] = x[n - 1] + 2.0 * x[0];
        g[n - 1] += x[0];
        g
    };
    check_n64(ends_grad, f, df, &POINTS, TOL64);
    assert_eq!(ends_jvp(&[2.0, 5.0, 3.0], &[1.0, 0.0, 1.0]), (10.0, 9.0));
}

// `.filter(…)` before `.sum()`, `.product()` and `.fold(…)`, with and without a `.map(…)`:
// an item the predicate rejects adds nothing (its gradient is zero).
#[differentiable]
fn positive_square_sum(x: &[f64]) -> f64 {
    x.iter().filter(|&&v| v > 0.0).map(|v| v * v).sum()
}

#[differentiable]
fn positive_sum(x: &[f64]) -> f64 {
    x.iter().copied().filter(|v| *v > 0.0).sum()
}

#[differentiable]
fn large_product(x: &[f64]) -> f64 {
    x.iter().filter(|v| v.abs() > 0.5).product()
}

#[differentiable]
fn below_threshold_fold(x: &[f64], t: f64) -> f64 {
    x.iter().filter(|&&v| v < t).fold(0.0, |acc, &v| acc + (v - t).powi(2))
}

#[differentiable]
fn even_positions_max(x: &[f64]) -> f64 {
    x.iter().enumerate().filter(|(i, _)| i % 2 == 0).map(|(_, v)| v.sin()).fold(f64::NEG_INFINITY, f64::max)
}

#[differentiable]
fn filtered_pairs(x: &[f32], y: &[f32]) -> f32 {
    x.iter().zip(y).filter(|(a, b)| **a > **b).map(|(a, b)| (a - b) * a).sum()
}

#[test]
fn filter_before_a_reduction_drops_rejected_items() {
    let x = [0.7, -1.2, 0.3, 2.0, -0.4];
    for (name, f, g) in [
        (
            "filter map sum",
            positive_square_sum as fn(&[f64]) -> f64,
            positive_square_sum_grad as fn(&[f64]) -> (f64, Vec<f64>),
        ),
        ("filter sum", positive_sum, positive_sum_grad),
        ("filter product", large_product, large_product_grad),
        ("filter map fold", even_positions_max, even_positions_max_grad),
    ] {
        let (value, grad) = g(&x);
        assert_rel64(value, f(&x), 1e-14, name);
        assert_grad_close(&grad, &fd_grad(f, &x), 1e-6);
    }
    assert_eq!(positive_square_sum_grad(&x).1, vec![1.4, 0.0, 0.6, 4.0, 0.0]);
    assert_eq!(large_product_grad(&x).1[2], 0.0, "0.3 is filtered out");
    let t = 0.5;
    let (value, (gx, gt)) = below_threshold_fold_grad(&x, t);
    assert_rel64(value, below_threshold_fold(&x, t), 1e-14, "filter fold");
    assert_grad_close(&gx, &fd_grad(|x| below_threshold_fold(x, t), &x), 1e-6);
    assert_rel64(gt, fd(|t| below_threshold_fold(&x, t), t), 1e-6, "∂/∂t");
    // Forward mode and second order go the same way.
    let (_, tangent) = positive_square_sum_jvp(&x, &[1.0; 5]);
    assert_rel64(tangent, 1.4 + 0.6 + 4.0, 1e-14, "tangent");
    let (_, _, hv) = positive_square_sum_hvp(&x, &[1.0; 5]);
    assert_eq!(hv, vec![2.0, 0.0, 2.0, 2.0, 0.0]);
    let (a, b) = ([1.5f32, -0.5, 2.0], [1.0f32, 0.5, 3.0]);
    let (value, (ga, gb)) = filtered_pairs_grad(&a, &b);
    assert_rel32(value, 0.75, 1e-6, "f32 zip filter");
    assert_eq!((ga, gb), (vec![2.0, 0.0, 0.0], vec![-1.5, 0.0, 0.0]));
}

// `skip` and `take` by a struct's integer field (found by the differential tester, seed
// 20261211: the bound `lo + t.n` was taken for float arithmetic). f = Σ over x₁ … x_n of v²;
// ∂f/∂xᵢ = 2xᵢ for 1 ≤ i ≤ n, else 0.
#[derive(backprop::Differentiable, Clone)]
pub struct Window {
    pub n: usize,
    pub x: Vec<f64>,
}

#[differentiable]
fn window_energy(t: &Window) -> f64 {
    let mut s = 0.0;
    for v in t.x.iter().skip(1).take(t.n) {
        s += v * v;
    }
    s
}

#[test]
fn skip_and_take_by_a_struct_field() {
    let t = Window { n: 2, x: vec![0.5, -1.0, 2.0, 3.0] };
    let (value, g) = window_energy_grad(&t);
    assert_eq!(value, 5.0);
    assert_eq!(g.x, vec![0.0, -2.0, 4.0, 0.0]);
}
