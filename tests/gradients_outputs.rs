//! Outputs that are not one float: `Vec<f64>`, arrays, tuples and derived structs through `_vjp`
//! (seeded with an adjoint of the output's shape) and through `backprop::jacobian`; and the
//! softmax family (softmax, softmax cross-entropy, log-sum-exp), where the gradient is the
//! softmax itself.
//!
//! Each function's comment gives it with its hand-derived derivative; each test checks the
//! generated Jacobian or pullback against that derivative and against central differences.
#![allow(clippy::needless_range_loop, reason = "index loops are what these tests differentiate")]

mod common;
use backprop::{Differentiable, differentiable, flatten, jacobian};
use common::*;

// ---------------------------------------------------------------------------------------------
// Softmax, its cross-entropy, log-sum-exp
// ---------------------------------------------------------------------------------------------

// sᵢ(z) = e^(zᵢ − m)/Σⱼ e^(zⱼ − m), m = max z (by `.max`), built with `.map(…).collect()`;
// ∂sᵢ/∂zⱼ = sᵢ([i = j] − sⱼ)  (m cancels, so it contributes nothing in total)
#[differentiable]
fn softmax(z: &[f64]) -> Vec<f64> {
    let mut m = z[0];
    for &v in z {
        m = m.max(v);
    }
    let e: Vec<f64> = z.iter().map(|v| (v - m).exp()).collect();
    let total: f64 = e.iter().sum();
    e.iter().map(|v| v / total).collect()
}

/// The softmax Jacobian `sᵢ([i = j] − sⱼ)`.
fn softmax_jacobian(s: &[f64]) -> Vec<Vec<f64>> {
    (0..s.len()).map(|i| (0..s.len()).map(|j| s[i] * (f64::from(u8::from(i == j)) - s[j])).collect()).collect()
}

#[test]
fn softmax_jacobian_is_diag_s_minus_s_st() {
    for z in [vec![0.3, -1.2, 2.5, 0.8], vec![1.0, 1.0, -3.0], vec![10.0, 9.5, 12.0]] {
        let (s, _) = softmax_vjp(&z);
        assert_eq!(s, softmax(&z));
        let j = jacobian(|| softmax_vjp(&z));
        assert_jacobian_close(&j, &softmax_jacobian(&s), EXACT64);
        assert_jacobian_close(&j, &fd_jacobian(softmax, &z), FD_TOL64);
    }
}

// L(z, t) = −ln softmax(z)ₜ, through a call to `softmax` (a `Vec` output chained through its
// `_vjp`) and a read of one of its entries;  ∂L/∂zᵢ = sᵢ − [i = t]
#[differentiable]
fn softmax_cross_entropy(z: &[f64], target: usize) -> f64 {
    let p = softmax(z);
    -p[target].ln()
}

#[test]
fn softmax_cross_entropy_gradient_is_probabilities_minus_one_hot() {
    for target in [0usize, 2] {
        check_n64(
            |p| softmax_cross_entropy_grad(p, target),
            |p| softmax_cross_entropy(p, target),
            |p| softmax(p).iter().enumerate().map(|(i, s)| s - f64::from(u8::from(i == target))).collect(),
            &[&[0.3, -1.2, 2.5, 0.8], &[1.0, 1.0, -3.0], &[4.0, 3.5, 6.0]],
            TOL64,
        );
    }
}

// lse(z) = m + ln Σᵢ e^(zᵢ − m), m = max z found by `if z[i] > m`;  ∂lse/∂zᵢ = softmax(z)ᵢ
#[differentiable]
fn log_sum_exp(z: &[f64]) -> f64 {
    let mut m = z[0];
    for i in 1..z.len() {
        if z[i] > m {
            m = z[i];
        }
    }
    let mut s = 0.0;
    for i in 0..z.len() {
        s += (z[i] - m).exp();
    }
    m + s.ln()
}

#[test]
fn stable_log_sum_exp_gradient_is_the_softmax() {
    let pts: &[&[f64]] = &[&[0.3, -1.2, 2.5, 0.8], &[1.0, 0.9, -3.0], &[700.0, 701.0, 699.5]];
    check_n64(log_sum_exp_grad, log_sum_exp, softmax, pts, TOL64);
}

// lse(z) in f32, the max by `.fold(z[0], |acc, v| acc.max(*v))`;  ∂lse/∂zᵢ = softmax(z)ᵢ
#[differentiable]
fn log_sum_exp32(z: &[f32]) -> f32 {
    let m = z.iter().fold(z[0], |acc, v| acc.max(*v));
    let s: f32 = z.iter().map(|v| (v - m).exp()).sum();
    m + s.ln()
}

#[test]
fn f32_log_sum_exp_with_a_fold_max_gradient_is_the_softmax() {
    let softmax32 = |z: &[f32]| {
        let m = z.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b));
        let e: Vec<f32> = z.iter().map(|v| (v - m).exp()).collect();
        let total: f32 = e.iter().sum();
        e.iter().map(|v| v / total).collect()
    };
    check_n32(log_sum_exp32_grad, log_sum_exp32, softmax32, &[&[0.3, -1.2, 2.5, 0.8], &[1.0, 0.5, -3.0]], TOL32);
}

// ---------------------------------------------------------------------------------------------
// Vec and array outputs through the Jacobian helper
// ---------------------------------------------------------------------------------------------

// y = Ax (matrix-vector product as loops), A an `&[Vec<f64>]`;
// ∂yᵢ/∂A[k][j] = [i = k]·xⱼ, ∂yᵢ/∂xⱼ = A[i][j]
#[differentiable]
fn matvec(a: &[Vec<f64>], x: &[f64]) -> Vec<f64> {
    let mut y = vec![0.0; a.len()];
    for i in 0..a.len() {
        for j in 0..x.len() {
            y[i] += a[i][j] * x[j];
        }
    }
    y
}

#[test]
fn matvec_jacobian_has_x_in_its_own_row_block_and_a_for_x() {
    // columns: A row-major (2×3), then x (3)
    for p in [[0.7, -1.3, 2.0, 0.5, 1.5, 1.2, 0.4, -0.9, -2.0], [1.2, 0.4, -0.9, -2.0, 0.3, 0.6, 0.1, 0.8, 1.4]] {
        let a = vec![p[..3].to_vec(), p[3..6].to_vec()];
        let x = p[6..].to_vec();
        let (y, _) = matvec_vjp(&a, &x);
        assert_eq!(y, matvec(&a, &x));
        let j = jacobian(|| matvec_vjp(&a, &x));
        let hand: Vec<Vec<f64>> = (0..2)
            .map(|i| {
                let da = (0..6).map(|k| if k / 3 == i { x[k % 3] } else { 0.0 });
                da.chain(a[i].iter().copied()).collect()
            })
            .collect();
        assert_jacobian_close(&j, &hand, EXACT64);
        let numeric = fd_jacobian(|q| matvec(&[q[..3].to_vec(), q[3..6].to_vec()], &q[6..]), &p);
        assert_jacobian_close(&j, &numeric, FD_TOL64);
    }
}

// C = AB with A n×k, B k×m flat row-major, C[i·m + j] += A[i·k + p]·B[p·m + j];
// ∂C[i][j]/∂A[i][p] = B[p][j], ∂C[i][j]/∂B[p][j] = A[i][p], every other entry 0
#[differentiable]
fn matmul_flat(a: &[f64], b: &[f64], n: usize, k: usize, m: usize) -> Vec<f64> {
    let mut c = vec![0.0; n * m];
    for i in 0..n {
        for j in 0..m {
            for p in 0..k {
                c[i * m + j] += a[i * k + p] * b[p * m + j];
            }
        }
    }
    c
}

#[test]
fn matmul_jacobian_matches_the_product_rule_entry_by_entry() {
    let (n, k, m) = (2usize, 3usize, 2usize);
    // columns: A (2×3), then B (3×2)
    for p in [
        [0.7, -1.3, 2.0, 0.5, 1.5, 1.2, 0.4, -0.9, -2.0, 0.3, 1.1, 0.6],
        [1.2, 0.4, -0.9, -2.0, 0.3, 0.6, 0.1, 0.8, 1.4, -0.6, 0.7, -1.5],
    ] {
        let (a, b) = (&p[..6], &p[6..]);
        let (c, _) = matmul_flat_vjp(a, b, n, k, m);
        assert_eq!(c, matmul_flat(a, b, n, k, m));
        let j = jacobian(|| matmul_flat_vjp(a, b, n, k, m));
        let hand: Vec<Vec<f64>> = (0..n * m)
            .map(|r| {
                let (i, jj) = (r / m, r % m);
                let da = (0..n * k).map(|q| if q / k == i { b[(q % k) * m + jj] } else { 0.0 });
                let db = (0..k * m).map(|q| if q % m == jj { a[i * k + q / m] } else { 0.0 });
                da.chain(db).collect()
            })
            .collect();
        assert_jacobian_close(&j, &hand, EXACT64);
        assert_jacobian_close(&j, &fd_jacobian(|q| matmul_flat(&q[..6], &q[6..], n, k, m), &p), FD_TOL64);
    }
}

// a × b for `&[f64; 3]` inputs, an `[f64; 3]` output. The pullback of w is (b × w, w × a), so
// Jacobian row k is (b × eₖ, eₖ × a)
#[differentiable]
fn cross(a: &[f64; 3], b: &[f64; 3]) -> [f64; 3] {
    [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
}

/// `u × v` for plain arrays.
fn cross_plain(u: [f64; 3], v: [f64; 3]) -> [f64; 3] {
    [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]]
}

#[test]
fn cross_product_array_output_jacobian() {
    for (a, b) in [([0.7, -1.3, 2.0], [0.5, 1.5, 1.2]), ([1.2, 0.4, -0.9], [-2.0, 0.3, 0.6])] {
        let (c, _) = cross_vjp(&a, &b);
        assert_eq!(c, cross(&a, &b));
        let j = jacobian(|| cross_vjp(&a, &b));
        let hand: Vec<Vec<f64>> = (0..3)
            .map(|k| {
                let mut e = [0.0; 3];
                e[k] = 1.0;
                [cross_plain(b, e), cross_plain(e, a)].concat()
            })
            .collect();
        assert_jacobian_close(&j, &hand, EXACT64);
        let f = |q: &[f64]| cross(&[q[0], q[1], q[2]], &[q[3], q[4], q[5]]).to_vec();
        assert_jacobian_close(&j, &fd_jacobian(f, &[a, b].concat()), FD_TOL64);
    }
}

// [mean, variance] of x as an `[f64; 2]`, the mean by `.iter().sum()`, the variance by a fold;
// ∂mean/∂xᵢ = 1/n, ∂var/∂xᵢ = 2(xᵢ − mean)/n
#[differentiable]
fn mean_and_variance(x: &[f64]) -> [f64; 2] {
    let n = x.len() as f64;
    let total: f64 = x.iter().sum();
    let mean = total / n;
    let var = x.iter().fold(0.0, |acc, v| acc + (v - mean) * (v - mean)) / n;
    [mean, var]
}

#[test]
fn mean_and_variance_jacobian_rows() {
    for x in [vec![0.3, -1.2, 2.5, 0.8], vec![1.0, 0.5, -3.0]] {
        let (out, _) = mean_and_variance_vjp(&x);
        assert_eq!(out, mean_and_variance(&x));
        let n = x.len() as f64;
        let j = jacobian(|| mean_and_variance_vjp(&x));
        let hand = vec![vec![1.0 / n; x.len()], x.iter().map(|v| 2.0 * (v - out[0]) / n).collect()];
        assert_jacobian_close(&j, &hand, EXACT64);
        assert_jacobian_close(&j, &fd_jacobian(|q| mean_and_variance(q).to_vec(), &x), FD_TOL64);
    }
}

// yₖ = x₀·exp(−Σ_{j≤k} rⱼ), pushed onto `Vec::with_capacity`;
// ∂yₖ/∂x₀ = exp(−Σ_{j≤k} rⱼ), ∂yₖ/∂rⱼ = −yₖ for j ≤ k, 0 for j > k
#[differentiable]
fn decay_series(x0: f64, rates: &[f64]) -> Vec<f64> {
    let mut y = Vec::with_capacity(rates.len());
    let mut level = x0;
    for &r in rates {
        level *= (-r).exp();
        y.push(level);
    }
    y
}

#[test]
fn pushed_output_jacobian_is_lower_triangular_in_the_rates() {
    for p in [[1.5, 0.3, -0.2, 0.7], [-0.8, 1.1, 0.4, -0.6]] {
        let (x0, rates) = (p[0], &p[1..]);
        let (y, _) = decay_series_vjp(x0, rates);
        assert_eq!(y, decay_series(x0, rates));
        let j = jacobian(|| decay_series_vjp(x0, rates));
        let hand: Vec<Vec<f64>> = (0..3)
            .map(|k| {
                let dr = (0..3).map(|jj| if jj <= k { -y[k] } else { 0.0 });
                std::iter::once((-rates[..=k].iter().sum::<f64>()).exp()).chain(dr).collect()
            })
            .collect();
        assert_jacobian_close(&j, &hand, EXACT64);
        assert_jacobian_close(&j, &fd_jacobian(|q| decay_series(q[0], &q[1..]), &p), FD_TOL64);
    }
}

// out = [0.0; 3], out[i % 3] += xᵢ², then out₂ *= out₀, returned as an `[f64; 3]`. With
// qₖ = Σ_{i ≡ k} xᵢ²: out = [q₀, q₁, q₂q₀], so ∂out₀/∂xᵢ = 2xᵢ[i ≡ 0], ∂out₁/∂xᵢ = 2xᵢ[i ≡ 1],
// ∂out₂/∂xᵢ = 2xᵢ(q₀[i ≡ 2] + q₂[i ≡ 0])
#[differentiable]
fn bucketed_squares(x: &[f64]) -> [f64; 3] {
    let mut out = [0.0; 3];
    for i in 0..x.len() {
        out[i % 3] += x[i] * x[i];
    }
    out[2] *= out[0];
    out
}

#[test]
fn array_output_built_by_writes_jacobian() {
    for x in [vec![0.3, -1.2, 2.5, 0.8], vec![1.0, 0.5, -3.0, 2.0, -0.4]] {
        let (out, _) = bucketed_squares_vjp(&x);
        assert_eq!(out, bucketed_squares(&x));
        let q = |k: usize| x.iter().enumerate().filter(|(i, _)| i % 3 == k).map(|(_, v)| v * v).sum::<f64>();
        let on = |i: usize, k: usize| f64::from(u8::from(i % 3 == k));
        let hand: Vec<Vec<f64>> = vec![
            (0..x.len()).map(|i| 2.0 * x[i] * on(i, 0)).collect(),
            (0..x.len()).map(|i| 2.0 * x[i] * on(i, 1)).collect(),
            (0..x.len()).map(|i| 2.0 * x[i] * (q(0) * on(i, 2) + q(2) * on(i, 0))).collect(),
        ];
        let j = jacobian(|| bucketed_squares_vjp(&x));
        assert_jacobian_close(&j, &hand, EXACT64);
        assert_jacobian_close(&j, &fd_jacobian(|p| bucketed_squares(p).to_vec(), &x), FD_TOL64);
    }
}

// ---------------------------------------------------------------------------------------------
// Pullbacks seeded by hand: Vec, tuple and f32 outputs
// ---------------------------------------------------------------------------------------------

// yᵢ = a·Σ_{j≤i} xⱼ², a `Vec` output. Pullback of w:
// ∂xⱼ = 2a·xⱼ·Σ_{i≥j} wᵢ, ∂a = Σᵢ wᵢ Σ_{j≤i} xⱼ²
#[differentiable]
fn scaled_cumulative_squares(x: &[f64], a: f64) -> Vec<f64> {
    let mut y = vec![0.0; x.len()];
    let mut s = 0.0;
    for i in 0..x.len() {
        s += x[i] * x[i];
        y[i] = a * s;
    }
    y
}

#[test]
fn vec_output_pullback_weights_each_component_by_its_seed() {
    for (p, w) in [([0.8, 0.3, -1.2, 2.5], [1.0, -0.5, 2.0]), ([-1.5, 1.0, 0.5, -3.0], [0.3, 0.3, -1.0])] {
        let (a, x) = (p[0], &p[1..]);
        let (y, pullback) = scaled_cumulative_squares_vjp(x, a);
        assert_eq!(y, scaled_cumulative_squares(x, a));
        let (gx, ga) = pullback(w.to_vec());
        let got = [vec![ga], gx].concat();
        let hand: Vec<f64> = {
            let da: f64 = (0..3).map(|i| w[i] * x[..=i].iter().map(|v| v * v).sum::<f64>()).sum();
            let dx = (0..3).map(|j| 2.0 * a * x[j] * w[j..].iter().sum::<f64>());
            std::iter::once(da).chain(dx).collect()
        };
        assert_grad_close(&got, &hand, EXACT64);
        assert_grad_close(&got, &fd_vjp(|q| scaled_cumulative_squares(&q[1..], q[0]), &p, &w), FD_TOL64);
    }
}

// (r, u) = (‖x‖, x/‖x‖), a `(f64, Vec<f64>)` output. Pullback of (s, w):
// ∂x = s·u + (w − (u·w)u)/r
#[differentiable]
fn norm_and_direction(x: &[f64]) -> (f64, Vec<f64>) {
    let r = x.iter().map(|v| v * v).sum::<f64>().sqrt();
    let mut u = x.to_vec();
    for i in 0..u.len() {
        u[i] /= r;
    }
    (r, u)
}

#[test]
fn tuple_output_pullback_takes_a_seed_for_each_component() {
    for (x, s, w) in
        [(vec![0.3, -1.2, 2.5], 0.7, vec![1.0, -0.5, 2.0]), (vec![1.5, 0.5, -0.75], -1.1, vec![0.2, 0.9, -0.4])]
    {
        let ((r, u), pullback) = norm_and_direction_vjp(&x);
        let (r_plain, u_plain) = norm_and_direction(&x);
        assert_eq!(r, r_plain);
        assert_eq!(u, u_plain);
        let g = pullback((s, w.clone()));
        let uw: f64 = u.iter().zip(&w).map(|(a, b)| a * b).sum();
        let hand: Vec<f64> = (0..3).map(|i| s * u[i] + (w[i] - uw * u[i]) / r).collect();
        assert_grad_close(&g, &hand, EXACT64);
        let scalarised = |q: &[f64]| {
            let (r, u) = norm_and_direction(q);
            s * r + u.iter().zip(&w).map(|(a, b)| a * b).sum::<f64>()
        };
        assert_grad_close(&g, &fd_grad(scalarised, &x), FD_TOL64);
    }
}

// yᵢ = xᵢ·x₍ᵢ₊₁₎ mod n in f32, a `Vec<f32>` output. Pullback of w:
// ∂xⱼ = wⱼ·x₍ⱼ₊₁₎ + w₍ⱼ₋₁₎·x₍ⱼ₋₁₎, indices mod n
#[differentiable]
fn cyclic_products32(x: &[f32]) -> Vec<f32> {
    let n = x.len();
    let mut y = Vec::with_capacity(n);
    for i in 0..n {
        y.push(x[i] * x[(i + 1) % n]);
    }
    y
}

#[test]
fn f32_vec_output_pullback_sums_both_neighbours() {
    for (x, w) in
        [([0.3f32, -1.2, 2.5, 0.8], [1.0f32, -0.5, 2.0, 0.25]), ([1.5, 0.5, -0.75, 2.0], [0.2, 0.9, -0.4, 1.0])]
    {
        let (y, pullback) = cyclic_products32_vjp(&x);
        assert_eq!(y, cyclic_products32(&x));
        let g = pullback(w.to_vec());
        for j in 0..4 {
            let hand = w[j] * x[(j + 1) % 4] + w[(j + 3) % 4] * x[(j + 3) % 4];
            assert_rel32(g[j], hand, EXACT32, &format!("hand-derived entry {j}"));
        }
        let numeric = fd32_grad(|q| cyclic_products32(q).iter().zip(&w).map(|(a, b)| a * b).sum(), &x);
        for j in 0..4 {
            assert_rel32(g[j], numeric[j], FD_TOL32, &format!("finite differences entry {j}"));
        }
    }
}

// (y, s) = (e^x elementwise, Σ e^(xᵢ)), a `(Vec<f64>, f64)` output, y written in place over a copy
// of x. Pullback of (w, σ): ∂xᵢ = (wᵢ + σ)e^(xᵢ)
#[differentiable]
fn exp_and_total(x: &[f64]) -> (Vec<f64>, f64) {
    let mut y = x.to_vec();
    let mut s = 0.0;
    for i in 0..y.len() {
        y[i] = y[i].exp();
        s += y[i];
    }
    (y, s)
}

#[test]
fn tuple_output_with_the_vec_first() {
    for (x, w, sigma) in [(vec![0.3, -1.2, 2.5], vec![1.0, -0.5, 2.0], 0.7), (vec![1.5, 0.5], vec![0.2, 0.9], -1.1)] {
        let ((y, s), pullback) = exp_and_total_vjp(&x);
        assert_eq!((y.clone(), s), exp_and_total(&x));
        let g = pullback((w.clone(), sigma));
        let hand: Vec<f64> = x.iter().zip(&w).map(|(v, w)| (w + sigma) * v.exp()).collect();
        assert_grad_close(&g, &hand, EXACT64);
        let scalarised = |q: &[f64]| {
            let (y, s) = exp_and_total(q);
            y.iter().zip(&w).map(|(a, b)| a * b).sum::<f64>() + sigma * s
        };
        assert_grad_close(&g, &fd_grad(scalarised, &x), FD_TOL64);
    }
}

// ---------------------------------------------------------------------------------------------
// Building and returning structs (through `_vjp`)
// ---------------------------------------------------------------------------------------------

#[derive(Differentiable, Clone, Debug, PartialEq)]
struct Point {
    x: f64,
    y: f64,
}

#[derive(Differentiable, Clone, Debug, PartialEq)]
struct Affine {
    w: Vec<f64>,
    b: f64,
    n: usize,
    squash: bool,
}

#[derive(Differentiable, Clone, Debug, PartialEq)]
struct Dense {
    w: Vec<f64>,
    b: Vec<f64>,
    n_in: usize,
}

#[derive(Differentiable, Clone, Debug, PartialEq)]
struct Scaled {
    layer: Dense,
    scale: f64,
}

// mid(p, q) = ((pₓ + qₓ)/2, (p_y + q_y)/2), a `Point` output;
// the pullback of (a, b) gives (a/2, b/2) to both p and q
#[differentiable]
fn midpoint(p: &Point, q: &Point) -> Point {
    Point { x: 0.5 * (p.x + q.x), y: 0.5 * (p.y + q.y) }
}

#[test]
fn returned_struct_pullback_takes_a_struct_seed() {
    for (p, q, seed) in [
        (Point { x: 0.3, y: -1.2 }, Point { x: 2.5, y: 0.8 }, Point { x: 1.0, y: 0.0 }),
        (Point { x: -1.0, y: 2.0 }, Point { x: 0.5, y: 0.5 }, Point { x: -0.4, y: 2.5 }),
    ] {
        let (mid, pullback) = midpoint_vjp(&p, &q);
        assert_eq!(mid, midpoint(&p, &q));
        let (gp, gq) = pullback(seed.clone());
        let half = Point { x: 0.5 * seed.x, y: 0.5 * seed.y };
        let got = [flatten(&gp), flatten(&gq)].concat();
        assert_grad_close(&got, &[flatten(&half), flatten(&half)].concat(), EXACT64);
        let flat = [p.x, p.y, q.x, q.y];
        let numeric = fd_vjp(
            |v| flatten(&midpoint(&Point { x: v[0], y: v[1] }, &Point { x: v[2], y: v[3] })),
            &flat,
            &flatten(&seed),
        );
        assert_grad_close(&got, &numeric, FD_TOL64);
    }
}

// make(w, s, n) = Affine { w: s·w, b: s², n, squash: false }, built from a scaled copy of w;
// the pullback of (ω, β) gives ∂w = s·ω, ∂s = Σᵢ ωᵢwᵢ + 2sβ
#[differentiable]
fn make_affine(w: &[f64], s: f64, n: usize) -> Affine {
    let mut scaled = w.to_vec();
    for i in 0..scaled.len() {
        scaled[i] *= s;
    }
    Affine { w: scaled, b: s * s, n, squash: false }
}

#[test]
fn returned_struct_with_vec_and_copied_fields() {
    let w = [0.5, -1.5, 2.0];
    for (s, seed) in [
        (0.7, Affine { w: vec![1.0, 0.0, -2.0], b: 0.5, n: 3, squash: false }),
        (-1.3, Affine { w: vec![0.3, 0.9, 0.1], b: -1.0, n: 3, squash: false }),
    ] {
        let (made, pullback) = make_affine_vjp(&w, s, 3);
        assert_eq!(made, make_affine(&w, s, 3));
        let (gw, gs) = pullback(seed.clone());
        let got = [gw, vec![gs]].concat();
        let hand_s = seed.w.iter().zip(&w).map(|(o, w)| o * w).sum::<f64>() + 2.0 * s * seed.b;
        let hand = [seed.w.iter().map(|o| s * o).collect(), vec![hand_s]].concat();
        assert_grad_close(&got, &hand, EXACT64);
        let p = [w.to_vec(), vec![s]].concat();
        let numeric = fd_vjp(|v| flatten(&make_affine(&v[..3], v[3], 3)), &p, &flatten(&seed));
        assert_grad_close(&got, &numeric, FD_TOL64);
    }
}

impl Dense {
    // scaled(l, s) = Dense { w: s·w, b: b.to_vec(), n_in }, a method returning its own type with
    // `self.w.clone()` written in place; the pullback of D gives ∂self = Dense { w: s·D.w, b: D.b,
    // n_in }, ∂s = Σᵢ D.wᵢwᵢ
    #[differentiable]
    fn scaled(&self, s: f64) -> Dense {
        let mut w = self.w.clone();
        for i in 0..w.len() {
            w[i] *= s;
        }
        Dense { w, b: self.b.to_vec(), n_in: self.n_in }
    }
}

#[test]
fn method_returning_its_own_struct_type() {
    let l = Dense { w: vec![0.4, -0.3, 0.8, -0.6], b: vec![0.1, -0.2], n_in: 2 };
    let seeds = [
        Dense { w: vec![1.0, 0.0, -2.0, 0.5], b: vec![0.3, 0.7], n_in: 2 },
        Dense { w: vec![-0.2, 0.4, 0.9, 1.1], b: vec![-1.0, 0.0], n_in: 2 },
    ];
    for (s, seed) in [0.5, -1.7].into_iter().zip(seeds) {
        let (out, pullback) = l.scaled_vjp(s);
        assert_eq!(out, l.scaled(s));
        let (gl, gs) = pullback(seed.clone());
        assert_eq!(gl.n_in, l.n_in);
        let hand_l = Dense { w: seed.w.iter().map(|d| s * d).collect(), b: seed.b.clone(), n_in: 2 };
        let hand_s: f64 = seed.w.iter().zip(&l.w).map(|(d, w)| d * w).sum();
        let got = [flatten(&gl), vec![gs]].concat();
        assert_grad_close(&got, &[flatten(&hand_l), vec![hand_s]].concat(), EXACT64);
        let p = [flatten(&l), vec![s]].concat();
        let rebuild = |v: &[f64]| Dense { w: v[..4].to_vec(), b: v[4..6].to_vec(), n_in: 2 };
        let numeric = fd_vjp(|v| flatten(&rebuild(v).scaled(v[6])), &p, &flatten(&seed));
        assert_grad_close(&got, &numeric, FD_TOL64);
    }
}

// wrap(l, s) = Scaled { layer: Dense { w: l.w.to_vec(), b: l.b.clone(), n_in }, scale: s² }, a
// nested struct built from another's fields; the pullback of O gives ∂l = O.layer (w and b),
// ∂s = 2s·O.scale
#[differentiable]
fn wrap_layer(l: &Dense, s: f64) -> Scaled {
    Scaled { layer: Dense { w: l.w.to_vec(), b: l.b.clone(), n_in: l.n_in }, scale: s * s }
}

#[test]
fn nested_struct_built_from_fields_pulls_back_field_by_field() {
    let l = Dense { w: vec![0.4, -0.3, 0.8, -0.6], b: vec![0.1, -0.2], n_in: 2 };
    let seed = Scaled { layer: Dense { w: vec![1.0, 2.0, 3.0, -1.0], b: vec![0.5, 0.1], n_in: 2 }, scale: 0.9 };
    for s in [0.7, -1.3] {
        let (out, pullback) = wrap_layer_vjp(&l, s);
        assert_eq!(out, wrap_layer(&l, s));
        let (gl, gs) = pullback(seed.clone());
        let got = [flatten(&gl), vec![gs]].concat();
        assert_grad_close(&got, &[flatten(&seed.layer), vec![2.0 * s * seed.scale]].concat(), EXACT64);
        let p = [flatten(&l), vec![s]].concat();
        let rebuild = |v: &[f64]| Dense { w: v[..4].to_vec(), b: v[4..6].to_vec(), n_in: 2 };
        let numeric = fd_vjp(|v| flatten(&wrap_layer(&rebuild(v), v[6])), &p, &flatten(&seed));
        assert_grad_close(&got, &numeric, FD_TOL64);
    }
}
