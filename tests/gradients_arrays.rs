//! Slices, vectors, local buffers and derived structs; then parameters of every collection shape
//! (`&[T]`, `&Vec<T>`, `Vec<T>`, `[T; N]`, `&[T; N]`, nested `Vec`s) read by index and through
//! iterator chains.
//!
//! Each function's comment gives it with its hand-derived derivative; each test checks the
//! generated gradient against that derivative and against central differences.
#![allow(clippy::needless_range_loop, reason = "index loops are what these tests differentiate")]
#![allow(clippy::ptr_arg, reason = "`&Vec<T>` parameters are one of the shapes under test")]

mod common;
use approx::assert_relative_eq;
use backprop::{Differentiable, differentiable};
use common::*;

#[differentiable]
fn dot(x: &[f64], y: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        s += x[i] * y[i];
    }
    s
}

#[differentiable]
fn matvec_sum(a: &[f64], x: &[f64], n: usize) -> f64 {
    let mut y = vec![0.0; n];
    for i in 0..n {
        for j in 0..x.len() {
            y[i] += a[i * x.len() + j] * x[j];
        }
    }
    let mut s = 0.0;
    for i in 0..n {
        s += y[i] * y[i];
    }
    s
}

#[differentiable]
fn softmax_first(x: &[f64]) -> f64 {
    let mut m = x[0];
    for &v in x.iter() {
        m = m.max(v);
    }
    let mut e = Vec::with_capacity(x.len());
    for (i, v) in x.iter().enumerate() {
        e.push((v - m).exp() * (i as f64 + 1.0));
    }
    let total: f64 = e.iter().sum();
    e[0] / total
}

#[differentiable]
fn overwrite(x: &[f64]) -> f64 {
    let mut y = x.to_vec();
    y[0] *= y[1];
    y[0] = y[0].sin() * y[0];
    y[1] -= y[0];
    y[0] + y[1] * 3.0
}

#[derive(Differentiable, Clone, Debug)]
struct Layer {
    w: Vec<f64>,
    b: Vec<f64>,
    n_in: usize,
}

#[derive(Differentiable, Clone, Debug)]
struct Mlp {
    l1: Layer,
    l2: Layer,
}

#[differentiable]
fn layer_forward(l: &Layer, x: &[f64]) -> Vec<f64> {
    let n_out = l.b.len();
    let mut y = vec![0.0; n_out];
    for o in 0..n_out {
        let mut acc = l.b[o];
        for i in 0..l.n_in {
            acc += l.w[o * l.n_in + i] * x[i];
        }
        y[o] = acc.tanh();
    }
    y
}

#[differentiable]
fn mlp_loss(m: &Mlp, x: &[f64], target: &[f64]) -> f64 {
    let h = layer_forward(&m.l1, x);
    let out = layer_forward(&m.l2, &h);
    let mut loss = 0.0;
    for (o, t) in out.iter().zip(target) {
        let d = o - t;
        loss += d * d;
    }
    loss
}

#[test]
fn scratch_arrays() {
    let x = [0.3, -0.2, 0.7];
    let y = [1.1, 0.4, -0.5];
    let (v, (gx, gy)) = dot_grad(&x, &y);
    assert_relative_eq!(v, dot(&x, &y));
    assert_eq!(gx, y.to_vec());
    assert_eq!(gy, x.to_vec());

    let a = [0.1, 0.2, -0.3, 0.4, 0.5, -0.6];
    let (_, (ga2, gx2)) = matvec_sum_grad(&a, &x, 2);
    assert_grad_close(&ga2, &fd_grad(|a| matvec_sum(a, &x, 2), &a), FD_TOL64);
    assert_grad_close(&gx2, &fd_grad(|x| matvec_sum(&a, x, 2), &x), FD_TOL64);

    let (v, g) = softmax_first_grad(&x);
    assert_relative_eq!(v, softmax_first(&x));
    assert_grad_close(&g, &fd_grad(softmax_first, &x), FD_TOL64);

    let (v, g) = overwrite_grad(&x);
    assert_relative_eq!(v, overwrite(&x));
    assert_grad_close(&g, &fd_grad(overwrite, &x), FD_TOL64);

    let l1 = Layer { w: vec![0.1, -0.2, 0.3, 0.4, -0.5, 0.6], b: vec![0.01, -0.02], n_in: 3 };
    let l2 = Layer { w: vec![0.7, -0.8], b: vec![0.05], n_in: 2 };
    let m = Mlp { l1, l2 };
    let t = [0.25];
    let (v, (gm, gx, _gt)) = mlp_loss_grad(&m, &x, &t);
    assert_relative_eq!(v, mlp_loss(&m, &x, &t));
    assert_eq!(gm.l1.n_in, 3);
    let fd_w1 = fd_grad(
        |w| {
            let mut m2 = m.clone();
            m2.l1.w = w.to_vec();
            mlp_loss(&m2, &x, &t)
        },
        &m.l1.w,
    );
    assert_grad_close(&gm.l1.w, &fd_w1, FD_TOL64);
    let fd_b2 = fd_grad(
        |b| {
            let mut m2 = m.clone();
            m2.l2.b = b.to_vec();
            mlp_loss(&m2, &x, &t)
        },
        &m.l2.b,
    );
    assert_grad_close(&gm.l2.b, &fd_b2, FD_TOL64);
    assert_grad_close(&gx, &fd_grad(|x| mlp_loss(&m, x, &t), &x), FD_TOL64);
}

// ---------------------------------------------------------------------------------------------
// The named dot product, at several points
// ---------------------------------------------------------------------------------------------

#[test]
fn dot_product_gradient_is_the_other_vector() {
    // dot(x, y) = Σ xᵢyᵢ;  ∂/∂x = y, ∂/∂y = x
    check_n64(
        |p| {
            let (v, (gx, gy)) = dot_grad(&p[..3], &p[3..]);
            (v, [gx, gy].concat())
        },
        |p| dot(&p[..3], &p[3..]),
        |p| [&p[3..], &p[..3]].concat(),
        &[&[0.3, -0.2, 0.7, 1.1, 0.4, -0.5], &[2.0, 1.5, -3.0, 0.25, -0.75, 4.0]],
        TOL64,
    );
}

// ---------------------------------------------------------------------------------------------
// Parameter shapes
// ---------------------------------------------------------------------------------------------

// f(x) = Σ xᵢ by `.iter().sum()`;  ∂f/∂xᵢ = 1
#[differentiable]
fn sum_of_slice(x: &[f64]) -> f64 {
    x.iter().sum()
}

#[test]
fn iter_sum_of_a_slice_has_a_gradient_of_ones() {
    let pts: &[&[f64]] = &[&[0.3, -1.2, 2.5], &[4.0, 0.0, -0.5, 1.5]];
    check_n64(sum_of_slice_grad, sum_of_slice, |p| vec![1.0; p.len()], pts, TOL64);
}

// f(x) = Σᵢ xᵢ² over `0..x.len()`, x a `&Vec<f64>`;  ∂f/∂xᵢ = 2xᵢ
#[differentiable]
fn squares_of_vec_ref(x: &Vec<f64>) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        s += x[i] * x[i];
    }
    s
}

#[test]
fn vec_ref_parameter_gets_a_vec_gradient() {
    check_n64(
        |p| squares_of_vec_ref_grad(&p.to_vec()),
        |p| squares_of_vec_ref(&p.to_vec()),
        |p| p.iter().map(|v| 2.0 * v).collect(),
        &[&[0.3, -1.2, 2.5], &[4.0, 0.5, -0.5, 1.5]],
        TOL64,
    );
}

// f(x) = Σ xᵢ³, x a `Vec<f64>` taken by value, read by `for v in x.iter()`;  ∂f/∂xᵢ = 3xᵢ²
#[differentiable]
fn cubes_of_owned_vec(x: Vec<f64>) -> f64 {
    let mut s = 0.0;
    for v in x.iter() {
        s += v * v * v;
    }
    s
}

#[test]
fn vec_taken_by_value_gets_a_vec_gradient() {
    check_n64(
        |p| cubes_of_owned_vec_grad(p.to_vec()),
        |p| cubes_of_owned_vec(p.to_vec()),
        |p| p.iter().map(|v| 3.0 * v * v).collect(),
        &[&[0.3, -1.2, 2.5], &[1.0, 0.5, -0.75]],
        TOL64,
    );
}

// f(x) = x₀x₁ + sin x₂, x an `[f64; 3]` by value;  ∇f = [x₁, x₀, cos x₂]
#[differentiable]
fn array_by_value(x: [f64; 3]) -> f64 {
    x[0] * x[1] + x[2].sin()
}

#[test]
fn array_taken_by_value_gets_an_array_gradient() {
    check_n64(
        |p| {
            let (v, g): (f64, [f64; 3]) = array_by_value_grad([p[0], p[1], p[2]]);
            (v, g.to_vec())
        },
        |p| array_by_value([p[0], p[1], p[2]]),
        |p| vec![p[1], p[0], p[2].cos()],
        &[&[0.3, -1.2, 2.5], &[1.0, 0.5, -0.75]],
        TOL64,
    );
}

// f(x) = Σ xᵢ·e^(xᵢ), x an `&[f64; 4]` walked by `for &v in x`;  ∂f/∂xᵢ = (1 + xᵢ)e^(xᵢ)
#[differentiable]
fn array_ref_by_pattern(x: &[f64; 4]) -> f64 {
    let mut s = 0.0;
    for &v in x {
        s += v * v.exp();
    }
    s
}

#[test]
fn array_reference_walked_by_pattern_gets_an_array_gradient() {
    check_n64(
        |p| {
            let (v, g): (f64, [f64; 4]) = array_ref_by_pattern_grad(&[p[0], p[1], p[2], p[3]]);
            (v, g.to_vec())
        },
        |p| array_ref_by_pattern(&[p[0], p[1], p[2], p[3]]),
        |p| p.iter().map(|v| (1.0 + v) * v.exp()).collect(),
        &[&[0.3, -1.2, 2.5, 0.0], &[1.0, 0.5, -0.75, -2.0]],
        TOL64,
    );
}

// f(x) = Π xᵢ by `for &v in x` over a slice;  ∂f/∂xᵢ = Π_{j≠i} xⱼ
#[differentiable]
fn product_by_pattern(x: &[f64]) -> f64 {
    let mut p = 1.0;
    for &v in x {
        p *= v;
    }
    p
}

#[test]
fn product_gradient_is_the_product_of_the_others() {
    let others = |p: &[f64]| -> Vec<f64> {
        (0..p.len()).map(|i| (0..p.len()).filter(|&j| j != i).map(|j| p[j]).product()).collect()
    };
    check_n64(
        product_by_pattern_grad,
        product_by_pattern,
        others,
        &[&[0.3, -1.2, 2.5], &[1.5, 0.5, -0.75, 2.0]],
        TOL64,
    );
}

// f(x) = Σᵢ (i + 1)·xᵢ² by `for (i, v) in x.iter().enumerate()`;  ∂f/∂xᵢ = 2(i + 1)xᵢ
#[differentiable]
fn enumerate_weighted_squares(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for (i, v) in x.iter().enumerate() {
        s += (i as f64 + 1.0) * v * v;
    }
    s
}

#[test]
fn enumerate_index_scales_each_entry() {
    let d = |p: &[f64]| p.iter().enumerate().map(|(i, v)| 2.0 * (i as f64 + 1.0) * v).collect();
    check_n64(enumerate_weighted_squares_grad, enumerate_weighted_squares, d, &[&[0.3, -1.2, 2.5], &[1.5, 0.5]], TOL64);
}

// f(x, y) = Σ xᵢyᵢ² by `for (a, b) in x.iter().zip(y)`;  ∂f/∂xᵢ = yᵢ², ∂f/∂yᵢ = 2xᵢyᵢ
#[differentiable]
fn zip_loop(x: &[f64], y: &[f64]) -> f64 {
    let mut s = 0.0;
    for (a, b) in x.iter().zip(y) {
        s += a * b * b;
    }
    s
}

#[test]
fn zip_loop_differentiates_both_sides() {
    check_n64(
        |p| {
            let (v, (gx, gy)) = zip_loop_grad(&p[..3], &p[3..]);
            (v, [gx, gy].concat())
        },
        |p| zip_loop(&p[..3], &p[3..]),
        |p| {
            let (x, y) = (&p[..3], &p[3..]);
            let dx: Vec<f64> = y.iter().map(|b| b * b).collect();
            let dy: Vec<f64> = x.iter().zip(y).map(|(a, b)| 2.0 * a * b).collect();
            [dx, dy].concat()
        },
        &[&[0.3, -1.2, 2.5, 1.0, 0.5, -0.75], &[1.5, 0.5, 2.0, -2.0, 0.1, 3.0]],
        TOL64,
    );
}

// f(x) = Σ xᵢ·sin xᵢ by `.iter().map(|v| …).sum()`;  ∂f/∂xᵢ = sin xᵢ + xᵢ cos xᵢ
#[differentiable]
fn map_sum(x: &[f64]) -> f64 {
    x.iter().map(|v| v * v.sin()).sum()
}

#[test]
fn map_then_sum_applies_the_chain_rule_per_entry() {
    let d = |p: &[f64]| p.iter().map(|v| v.sin() + v * v.cos()).collect();
    check_n64(map_sum_grad, map_sum, d, &[&[0.3, -1.2, 2.5], &[1.5, 0.5, -3.0, 0.0]], TOL64);
}

// dot(x, y) = Σ xᵢyᵢ by `.iter().zip(y.iter()).map(|(a, b)| a * b).sum()`;  ∂/∂x = y, ∂/∂y = x
#[differentiable]
fn dot_by_zip_map_sum(x: &[f64], y: &[f64]) -> f64 {
    x.iter().zip(y.iter()).map(|(a, b)| a * b).sum()
}

#[test]
fn zip_map_sum_dot_product_gradient_is_the_other_vector() {
    check_n64(
        |p| {
            let (v, (gx, gy)) = dot_by_zip_map_sum_grad(&p[..3], &p[3..]);
            (v, [gx, gy].concat())
        },
        |p| dot_by_zip_map_sum(&p[..3], &p[3..]),
        |p| [&p[3..], &p[..3]].concat(),
        &[&[0.3, -1.2, 2.5, 1.0, 0.5, -0.75], &[1.5, 0.5, 2.0, -2.0, 0.1, 3.0]],
        TOL64,
    );
}

// p(c, t) = Σᵢ cᵢ t^(n−1−i) by Horner's rule, `.fold(0.0, |acc, c| acc * t + c)` (the closure
// captures t);  ∂p/∂cᵢ = t^(n−1−i), ∂p/∂t = Σᵢ (n−1−i) cᵢ t^(n−2−i)
#[differentiable]
fn horner_fold(c: &[f64], t: f64) -> f64 {
    c.iter().fold(0.0, |acc, c| acc * t + c)
}

#[test]
fn fold_differentiates_the_coefficients_and_the_captured_point() {
    check_n64(
        |p| {
            let (v, (gc, gt)) = horner_fold_grad(&p[1..], p[0]);
            (v, [vec![gt], gc].concat())
        },
        |p| horner_fold(&p[1..], p[0]),
        |p| {
            let (t, c) = (p[0], &p[1..]);
            let n = c.len() as i32;
            let dt = (0..c.len()).map(|i| f64::from(n - 1 - i as i32) * c[i] * t.powi(n - 2 - i as i32)).sum();
            let dc = (0..c.len()).map(|i| t.powi(n - 1 - i as i32));
            std::iter::once(dt).chain(dc).collect()
        },
        &[&[0.7, 1.0, -2.0, 0.5, 3.0], &[-1.3, 0.25, 2.0, -1.0]],
        TOL64,
    );
}

// f(x, a) = s_n with s₀ = a, sᵢ₊₁ = sin(sᵢ·xᵢ), by `.fold(a, |acc, v| (acc * v).sin())`: an active
// initial value. Backwards with g = 1: ∂f/∂xᵢ = g·cos(sᵢxᵢ)·sᵢ, then g ← g·cos(sᵢxᵢ)·xᵢ; ∂f/∂a = g at the end
#[differentiable]
fn fold_from_active_start(x: &[f64], a: f64) -> f64 {
    x.iter().fold(a, |acc, v| (acc * v).sin())
}

#[test]
fn fold_sends_a_gradient_to_its_initial_value() {
    check_n64(
        |p| {
            let (v, (gx, ga)) = fold_from_active_start_grad(&p[1..], p[0]);
            (v, [vec![ga], gx].concat())
        },
        |p| fold_from_active_start(&p[1..], p[0]),
        |p| {
            let x = &p[1..];
            let mut s = vec![p[0]];
            for v in x {
                s.push((s[s.len() - 1] * v).sin());
            }
            let (mut g, mut dx) = (1.0, vec![0.0; x.len()]);
            for i in (0..x.len()).rev() {
                let c = (s[i] * x[i]).cos();
                dx[i] = g * c * s[i];
                g *= c * x[i];
            }
            [vec![g], dx].concat()
        },
        &[&[0.9, 0.3, -1.2, 0.8, 0.5], &[-0.4, 1.0, 0.5, -2.0]],
        TOL64,
    );
}

// q = x.iter().map(|v| v * v).collect::<Vec<_>>(), f(x) = Σᵢ (i + 1)·qᵢ;  ∂f/∂xᵢ = 2(i + 1)xᵢ
#[differentiable]
fn collected_squares(x: &[f64]) -> f64 {
    let q = x.iter().map(|v| v * v).collect::<Vec<_>>();
    let mut s = 0.0;
    for i in 0..q.len() {
        s += (i as f64 + 1.0) * q[i];
    }
    s
}

#[test]
fn map_collect_buffer_carries_the_gradient_back() {
    let d = |p: &[f64]| p.iter().enumerate().map(|(i, v)| 2.0 * (i as f64 + 1.0) * v).collect();
    check_n64(collected_squares_grad, collected_squares, d, &[&[0.3, -1.2, 2.5], &[1.5, 0.5, -3.0, 0.0]], TOL64);
}

// ---------------------------------------------------------------------------------------------
// Several uses of one value must add up
// ---------------------------------------------------------------------------------------------

// f(x) = Σᵢ xᵢxᵢ₊₁: every inner entry is read by two iterations;  ∂f/∂xⱼ = xⱼ₋₁ + xⱼ₊₁
// (a missing neighbour counts as 0)
#[differentiable]
fn neighbour_products(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() - 1 {
        s += x[i] * x[i + 1];
    }
    s
}

#[test]
fn element_read_by_two_iterations_sums_both_contributions() {
    let d = |p: &[f64]| {
        let n = p.len();
        (0..n).map(|j| (if j > 0 { p[j - 1] } else { 0.0 }) + (if j + 1 < n { p[j + 1] } else { 0.0 })).collect()
    };
    check_n64(neighbour_products_grad, neighbour_products, d, &[&[0.3, -1.2, 2.5, 0.8], &[1.5, 0.5, -3.0]], TOL64);
}

// f(x, a) = Σᵢ a·xᵢ + a² + sin a: a is used inside the loop and twice after it;
// ∂f/∂xᵢ = a, ∂f/∂a = Σᵢ xᵢ + 2a + cos a
#[differentiable]
fn scalar_used_everywhere(x: &[f64], a: f64) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        s += a * x[i];
    }
    s + a * a + a.sin()
}

#[test]
fn scalar_used_in_and_after_a_loop_sums_every_use() {
    check_n64(
        |p| {
            let (v, (gx, ga)) = scalar_used_everywhere_grad(&p[1..], p[0]);
            (v, [vec![ga], gx].concat())
        },
        |p| scalar_used_everywhere(&p[1..], p[0]),
        |p| {
            let a = p[0];
            let da = p[1..].iter().sum::<f64>() + 2.0 * a + a.cos();
            std::iter::once(da).chain(p[1..].iter().map(|_| a)).collect()
        },
        &[&[0.7, 1.0, -2.0, 0.5], &[-1.3, 0.25, 2.0]],
        TOL64,
    );
}

// f(x, idx) = Σₖ x[idx[k]]², indices given by a constant `&[usize]` that repeats some entries;
// ∂f/∂xⱼ = 2xⱼ·(number of k with idx[k] = j)
#[differentiable]
fn gathered_squares(x: &[f64], idx: &[usize]) -> f64 {
    let mut s = 0.0;
    for k in 0..idx.len() {
        s += x[idx[k]] * x[idx[k]];
    }
    s
}

#[test]
fn repeated_gather_index_counts_every_read() {
    let idx = [2usize, 0, 2, 3, 2, 0];
    let d = |p: &[f64]| (0..p.len()).map(|j| 2.0 * p[j] * idx.iter().filter(|&&k| k == j).count() as f64).collect();
    check_n64(
        |p| gathered_squares_grad(p, &idx),
        |p| gathered_squares(p, &idx),
        d,
        &[&[0.3, -1.2, 2.5, 0.8], &[1.5, 0.5, -3.0, 2.0]],
        TOL64,
    );
}

// f(A, x) = xᵀAx with A flat, row-major, read as `a[i * n + j]`;
// ∂f/∂A[i][j] = xᵢxⱼ, ∂f/∂xᵢ = Σⱼ (A[i][j] + A[j][i])xⱼ
#[differentiable]
fn quadratic_form(a: &[f64], x: &[f64]) -> f64 {
    let n = x.len();
    let mut s = 0.0;
    for i in 0..n {
        for j in 0..n {
            s += x[i] * a[i * n + j] * x[j];
        }
    }
    s
}

#[test]
fn flat_index_quadratic_form_gradient_is_the_outer_product() {
    check_n64(
        |p| {
            let (v, (ga, gx)) = quadratic_form_grad(&p[..9], &p[9..]);
            (v, [ga, gx].concat())
        },
        |p| quadratic_form(&p[..9], &p[9..]),
        |p| {
            let (a, x) = (&p[..9], &p[9..]);
            let da = (0..9).map(|k| x[k / 3] * x[k % 3]);
            let dx = (0..3).map(|i| (0..3).map(|j| (a[i * 3 + j] + a[j * 3 + i]) * x[j]).sum());
            da.chain(dx).collect()
        },
        &[
            &[0.5, -1.0, 2.0, 0.3, 1.5, -0.7, 1.1, 0.0, -2.2, 0.4, -1.3, 0.9],
            &[2.0, 0.1, -0.3, 1.0, -1.0, 0.6, 0.2, 0.8, 1.4, -0.6, 0.7, 1.8],
        ],
        TOL64,
    );
}

// ---------------------------------------------------------------------------------------------
// f32
// ---------------------------------------------------------------------------------------------

// f(x) = Σ xᵢ² in f32 by `.iter().map(|v| v * v).sum()`;  ∂f/∂xᵢ = 2xᵢ
#[differentiable]
fn norm_sq32(x: &[f32]) -> f32 {
    x.iter().map(|v| v * v).sum()
}

#[test]
fn f32_slice_map_sum_gradient_is_twice_the_input() {
    let d = |p: &[f32]| p.iter().map(|v| 2.0 * v).collect();
    check_n32(norm_sq32_grad, norm_sq32, d, &[&[0.3, -1.2, 2.5], &[1.5, 0.5, -3.0, 0.25]], TOL32);
}

// f(x) = x₀x₁x₂ in f32, x an `&[f32; 3]`;  ∇f = [x₁x₂, x₀x₂, x₀x₁]
#[differentiable]
fn triple_product32(x: &[f32; 3]) -> f32 {
    x[0] * x[1] * x[2]
}

#[test]
fn f32_array_reference_gets_an_f32_array_gradient() {
    check_n32(
        |p| {
            let (v, g): (f32, [f32; 3]) = triple_product32_grad(&[p[0], p[1], p[2]]);
            (v, g.to_vec())
        },
        |p| triple_product32(&[p[0], p[1], p[2]]),
        |p| vec![p[1] * p[2], p[0] * p[2], p[0] * p[1]],
        &[&[0.3, -1.2, 2.5], &[1.5, 0.5, -3.0]],
        TOL32,
    );
}

// f(x) = Σ ln(1 + e^(xᵢ)) in f32 by `.fold(0.0, |acc, v| …)` over an owned `Vec<f32>`;
// ∂f/∂xᵢ = 1/(1 + e^(−xᵢ))
#[differentiable]
fn softplus_fold32(x: Vec<f32>) -> f32 {
    x.iter().fold(0.0, |acc, v| acc + (1.0 + v.exp()).ln())
}

#[test]
fn f32_fold_over_an_owned_vec_gives_the_logistic_gradient() {
    check_n32(
        |p| softplus_fold32_grad(p.to_vec()),
        |p| softplus_fold32(p.to_vec()),
        |p| p.iter().map(|v| 1.0 / (1.0 + (-v).exp())).collect(),
        &[&[0.3, -1.2, 2.5], &[1.5, 0.5, -3.0, 0.25]],
        TOL32,
    );
}

// `for (mut i, v) in x.iter().enumerate()`: the position is a copy the body may change.
// f = Σᵢ xᵢ·(i + 1)², ∂f/∂xᵢ = (i + 1)².
#[differentiable]
fn mutable_enumerate_position(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for (mut i, v) in x.iter().enumerate() {
        i += 1;
        s += v * (i * i) as f64;
    }
    s
}

#[test]
fn an_enumerate_position_may_be_mut() {
    let x = [0.5, -1.0, 2.0];
    let (value, dx) = mutable_enumerate_position_grad(&x);
    assert_eq!(value, mutable_enumerate_position(&x));
    assert_grad_close(&dx, &[1.0, 4.0, 9.0], EXACT64);
}

// --- Array patterns: `let [a, b] = y;` on an array of floats reads each element. ---

/// A pendulum's energy-like quantity from its state `[θ, ω]`, written as ODE code is:
/// E = ½ω² + k(1 − cos θ);  ∂E/∂θ = k sin θ, ∂E/∂ω = ω, ∂E/∂k = 1 − cos θ.
#[differentiable]
fn pendulum_energy(y: [f64; 2], k: f64) -> f64 {
    let [theta, omega] = y;
    0.5 * omega * omega + k * (1.0 - theta.cos())
}

#[differentiable]
fn pendulum_energy_32(y: [f32; 2], k: f32) -> f32 {
    let [theta, omega] = y;
    0.5 * omega * omega + k * (1.0 - theta.cos())
}

/// Patterns on a built array, with `_`, `mut` and a written type:
/// f = sin(a) + q² with a = θk, q = ω·ω, so f = sin(θk) + ω⁴.
#[differentiable]
fn array_patterns_of_every_shape(y: [f64; 2], k: f64) -> f64 {
    let [theta, omega] = y;
    let [mut a, _] = [theta * k, omega];
    a = a.sin();
    let [p, q]: [f64; 2] = [a, omega * omega];
    p + q * q
}

#[test]
fn array_patterns_read_each_element_in_every_mode() {
    let (y, k) = ([0.7, -1.3], 2.5);
    let (e, (dy, dk)) = pendulum_energy_grad(y, k);
    assert_rel64(e, 0.5 * 1.69 + k * (1.0 - 0.7f64.cos()), 1e-15, "value");
    assert_rel64(dy[0], k * 0.7f64.sin(), 1e-15, "∂θ");
    assert_rel64(dy[1], -1.3, 1e-15, "∂ω");
    assert_rel64(dk, 1.0 - 0.7f64.cos(), 1e-15, "∂k");
    let (_, de) = pendulum_energy_jvp(y, k, [1.0, 0.5], 0.25);
    assert_rel64(de, dy[0] + 0.5 * dy[1] + 0.25 * dk, 1e-14, "jvp");
    // H = [[k cos θ, 0, sin θ], [0, 1, 0], [sin θ, 0, 0]] times (1, 0.5, 0.25).
    let (_, _, (hy, hk)) = pendulum_energy_hvp(y, k, [1.0, 0.5], 0.25);
    assert_rel64(hy[0], k * 0.7f64.cos() + 0.25 * 0.7f64.sin(), 1e-14, "Hv θ");
    assert_rel64(hy[1], 0.5, 1e-15, "Hv ω");
    assert_rel64(hk, 0.7f64.sin(), 1e-15, "Hv k");
    let (e32, (dy32, dk32)) = pendulum_energy_32_grad([0.7, -1.3], 2.5);
    assert_rel32(e32, e as f32, 1e-6, "f32 value");
    assert_rel32(dy32[0], dy[0] as f32, 1e-6, "f32 ∂θ");
    assert_rel32(dy32[1], -1.3, 1e-6, "f32 ∂ω");
    assert_rel32(dk32, dk as f32, 1e-5, "f32 ∂k");
}

#[test]
fn array_patterns_with_wildcards_mut_and_types_match_finite_differences() {
    let f = |v: &[f64]| array_patterns_of_every_shape([v[0], v[1]], v[2]);
    let grad = |v: &[f64]| {
        let (value, (dy, dk)) = array_patterns_of_every_shape_grad([v[0], v[1]], v[2]);
        (value, vec![dy[0], dy[1], dk])
    };
    check_fd_n64(grad, f, &[&[0.7, -1.3, 2.5], &[-0.2, 0.4, 1.1]]);
    // By hand at (θ, ω, k): ∂θ = k cos(θk), ∂ω = 4ω³, ∂k = θ cos(θk).
    let (_, (dy, dk)) = array_patterns_of_every_shape_grad([0.7, -1.3], 2.5);
    assert_rel64(dy[0], 2.5 * 1.75f64.cos(), 1e-14, "∂θ");
    assert_rel64(dy[1], 4.0 * (-1.3f64).powi(3), 1e-14, "∂ω");
    assert_rel64(dk, 0.7 * 1.75f64.cos(), 1e-14, "∂k");
}
