//! Two-dimensional indexing: nested `Vec`s as parameters (`&Vec<Vec<f64>>`, `&[Vec<f64>]`,
//! `Vec<Vec<f64>>`) and as local buffers (`vec![vec![0.0; m]; n]`), arrays of arrays, flat
//! row-major `a[i * n + j]`, read and written; matrix-vector and matrix-matrix products as loops;
//! 4-3-2 tanh networks over derived structs of weights (flat `Vec` fields of nested structs read
//! as `m.hidden.w[j * 4 + i]`, and nested-array fields read as `m.w1[j][i]`).
//!
//! Each function's comment gives it with its hand-derived derivative; each test checks the
//! generated gradient against that derivative and against central differences.
#![allow(clippy::needless_range_loop, reason = "index loops are what these tests differentiate")]
#![allow(clippy::ptr_arg, reason = "`&Vec<T>` parameters are one of the shapes under test")]

mod common;
use backprop::{Differentiable, differentiable, flatten};
use common::*;

// ---------------------------------------------------------------------------------------------
// Nested vectors
// ---------------------------------------------------------------------------------------------

/// The entries of a ragged matrix, row by row.
fn flat(m: &[Vec<f64>]) -> Vec<f64> {
    m.concat()
}

/// A ragged matrix with the row lengths of `shape`, filled from `values` row by row.
fn unflat(values: &[f64], shape: &[usize]) -> Vec<Vec<f64>> {
    let mut rest = values;
    shape
        .iter()
        .map(|&len| {
            let (row, tail) = rest.split_at(len);
            rest = tail;
            row.to_vec()
        })
        .collect()
}

// f(X) = Σᵢⱼ (j + 1)·X[i][j]², X a `&Vec<Vec<f64>>` with rows of different lengths;
// ∂f/∂X[i][j] = 2(j + 1)X[i][j]
#[differentiable]
fn weighted_squares_2d(x: &Vec<Vec<f64>>) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        for j in 0..x[i].len() {
            s += (j as f64 + 1.0) * x[i][j] * x[i][j];
        }
    }
    s
}

#[test]
fn nested_vec_gradient_keeps_the_ragged_shape() {
    let shape = [3usize, 1, 2];
    for values in [[0.3, -1.2, 2.5, 0.8, 1.5, -0.5], [1.0, 2.0, -0.25, -3.0, 0.7, 0.1]] {
        let x = unflat(&values, &shape);
        let (v, g) = weighted_squares_2d_grad(&x);
        assert_eq!(v, weighted_squares_2d(&x));
        assert_eq!(g.iter().map(Vec::len).collect::<Vec<_>>(), shape);
        let hand: Vec<Vec<f64>> =
            x.iter().map(|row| row.iter().enumerate().map(|(j, v)| 2.0 * (j as f64 + 1.0) * v).collect()).collect();
        assert_grad_close(&flat(&g), &flat(&hand), EXACT64);
        let numeric = fd_grad(|p| weighted_squares_2d(&unflat(p, &shape)), &values);
        assert_grad_close(&flat(&g), &numeric, FD_TOL64);
    }
}

// f(R) = Σᵢ (Σⱼ R[i][j])², R an `&[Vec<f64>]`, each row summed by `.iter().sum()`;
// ∂f/∂R[i][j] = 2·Σₖ R[i][k]
#[differentiable]
fn squared_row_sums(rows: &[Vec<f64>]) -> f64 {
    let mut s = 0.0;
    for i in 0..rows.len() {
        let r: f64 = rows[i].iter().sum();
        s += r * r;
    }
    s
}

#[test]
fn slice_of_vecs_row_sums_spread_to_every_entry_of_the_row() {
    let shape = [2usize, 3, 1];
    for values in [[0.3, -1.2, 2.5, 0.8, 1.5, -0.5], [1.0, 2.0, -0.25, -3.0, 0.7, 0.1]] {
        let x = unflat(&values, &shape);
        let (v, g) = squared_row_sums_grad(&x);
        assert_eq!(v, squared_row_sums(&x));
        let hand: Vec<Vec<f64>> = x.iter().map(|row| vec![2.0 * row.iter().sum::<f64>(); row.len()]).collect();
        assert_grad_close(&flat(&g), &flat(&hand), EXACT64);
        assert_grad_close(&flat(&g), &fd_grad(|p| squared_row_sums(&unflat(p, &shape)), &values), FD_TOL64);
    }
}

// f(M) = Σ over rows of row[0]·row[1], walking `for row in m.iter()`;
// ∂f/∂row[0] = row[1], ∂f/∂row[1] = row[0], the third column gets 0
#[differentiable]
fn row_products(m: &[Vec<f64>]) -> f64 {
    let mut s = 0.0;
    for row in m.iter() {
        s += row[0] * row[1];
    }
    s
}

#[test]
fn iterating_rows_sends_each_row_its_own_gradient() {
    let shape = [3usize, 3];
    for values in [[0.3, -1.2, 2.5, 0.8, 1.5, -0.5], [1.0, 2.0, -0.25, -3.0, 0.7, 0.1]] {
        let x = unflat(&values, &shape);
        let (v, g) = row_products_grad(&x);
        assert_eq!(v, row_products(&x));
        let hand: Vec<Vec<f64>> = x.iter().map(|r| vec![r[1], r[0], 0.0]).collect();
        assert_grad_close(&flat(&g), &flat(&hand), EXACT64);
        assert_grad_close(&flat(&g), &fd_grad(|p| row_products(&unflat(p, &shape)), &values), FD_TOL64);
    }
}

// f(M) = (Σᵢ M[i][i])², M a `Vec<Vec<f64>>` taken by value;
// ∂f/∂M[i][i] = 2·tr M, off-diagonal entries 0
#[differentiable]
fn squared_trace(m: Vec<Vec<f64>>) -> f64 {
    let mut t = 0.0;
    for i in 0..m.len() {
        t += m[i][i];
    }
    t * t
}

#[test]
fn owned_nested_vec_gradient_is_zero_off_the_diagonal() {
    let shape = [3usize, 3, 3];
    for values in [[0.3, -1.2, 2.5, 0.8, 1.5, -0.5, 0.2, 0.9, 1.1], [1.0, 2.0, -0.25, -3.0, 0.7, 0.1, 0.4, 0.4, -2.0]] {
        let x = unflat(&values, &shape);
        let (v, g) = squared_trace_grad(x.clone());
        assert_eq!(v, squared_trace(x.clone()));
        let tr = x[0][0] + x[1][1] + x[2][2];
        let hand: Vec<f64> = (0..9).map(|k| if k % 4 == 0 { 2.0 * tr } else { 0.0 }).collect();
        assert_grad_close(&flat(&g), &hand, EXACT64);
        assert_grad_close(&flat(&g), &fd_grad(|p| squared_trace(unflat(p, &shape)), &values), FD_TOL64);
    }
}

// f(P) = Σᵢ P[i][0]·P[i][1] over an `&[[f64; 2]]`;  ∂f/∂P[i] = [P[i][1], P[i][0]]
#[differentiable]
fn pair_products(pts: &[[f64; 2]]) -> f64 {
    let mut s = 0.0;
    for i in 0..pts.len() {
        s += pts[i][0] * pts[i][1];
    }
    s
}

#[test]
fn slice_of_arrays_gets_a_vec_of_array_gradients() {
    let pairs = |p: &[f64]| -> Vec<[f64; 2]> { p.chunks(2).map(|c| [c[0], c[1]]).collect() };
    check_n64(
        |p| {
            let (v, g) = pair_products_grad(&pairs(p));
            (v, g.concat())
        },
        |p| pair_products(&pairs(p)),
        |p| p.chunks(2).flat_map(|c| [c[1], c[0]]).collect(),
        &[&[0.3, -1.2, 2.5, 0.8], &[1.0, 0.5, -3.0, 2.0, 0.1, -0.4]],
        TOL64,
    );
}

// v = vec![[0.0; 2]; n], v[i] = [xᵢ, xᵢ²] written entry by entry, f = Σᵢ v[i][0]·v[i][1] = Σ xᵢ³;
// ∂f/∂xᵢ = 3xᵢ²
#[differentiable]
fn vec_of_array_rows(x: &[f64]) -> f64 {
    let mut v = vec![[0.0; 2]; x.len()];
    for i in 0..x.len() {
        v[i][0] = x[i];
        v[i][1] = x[i] * x[i];
    }
    let mut s = 0.0;
    for i in 0..x.len() {
        s += v[i][0] * v[i][1];
    }
    s
}

#[test]
fn local_vec_of_arrays_written_by_two_indices() {
    let d = |p: &[f64]| p.iter().map(|v| 3.0 * v * v).collect();
    check_n64(vec_of_array_rows_grad, vec_of_array_rows, d, &[&[0.3, -1.2, 2.5, 0.8], &[1.0, 0.5, -3.0]], TOL64);
}

// G = vec![vec![1.0; 2]; 2], then G[i][j] −= xᵢ, /= xⱼ, *= itself: G[i][j] = ((1 − xᵢ)/xⱼ)²;
// f = Σᵢⱼ G[i][j];  ∂f/∂xₖ = Σⱼ −2(1 − xₖ)/xⱼ² + Σᵢ −2(1 − xᵢ)²/xₖ³
#[differentiable]
fn compound_writes_2d(x: &[f64]) -> f64 {
    let mut g = vec![vec![1.0; 2]; 2];
    for i in 0..2 {
        for j in 0..2 {
            g[i][j] -= x[i];
            g[i][j] /= x[j];
            g[i][j] *= g[i][j];
        }
    }
    g[0][0] + g[0][1] + g[1][0] + g[1][1]
}

#[test]
fn compound_assignments_through_two_indices() {
    let d = |p: &[f64]| {
        (0..2)
            .map(|k| {
                let as_row: f64 = (0..2).map(|j| -2.0 * (1.0 - p[k]) / (p[j] * p[j])).sum();
                let as_column: f64 = (0..2).map(|i| -2.0 * (1.0 - p[i]).powi(2) / p[k].powi(3)).sum();
                as_row + as_column
            })
            .collect()
    };
    check_n64(compound_writes_2d_grad, compound_writes_2d, d, &[&[0.3, -1.2], &[1.5, 0.5], &[-2.0, 0.7]], TOL64);
}

// ---------------------------------------------------------------------------------------------
// Two-dimensional indexing
// ---------------------------------------------------------------------------------------------

// G = vec![vec![0.0; m]; n], G[i][j] = uᵢvⱼ then G[i][j] *= G[i][j]; f = Σᵢⱼ G[i][j] = Σᵢⱼ uᵢ²vⱼ²;
// ∂f/∂uᵢ = 2uᵢ·Σⱼ vⱼ², ∂f/∂vⱼ = 2vⱼ·Σᵢ uᵢ²
#[differentiable]
fn outer_product_squares(u: &[f64], v: &[f64]) -> f64 {
    let mut g = vec![vec![0.0; v.len()]; u.len()];
    for i in 0..u.len() {
        for j in 0..v.len() {
            g[i][j] = u[i] * v[j];
            g[i][j] *= g[i][j];
        }
    }
    let mut s = 0.0;
    for i in 0..u.len() {
        for j in 0..v.len() {
            s += g[i][j];
        }
    }
    s
}

#[test]
fn nested_local_buffer_written_by_two_indices() {
    check_n64(
        |p| {
            let (val, (gu, gv)) = outer_product_squares_grad(&p[..2], &p[2..]);
            (val, [gu, gv].concat())
        },
        |p| outer_product_squares(&p[..2], &p[2..]),
        |p| {
            let (u, v) = (&p[..2], &p[2..]);
            let su: f64 = u.iter().map(|a| a * a).sum();
            let sv: f64 = v.iter().map(|b| b * b).sum();
            u.iter().map(|a| 2.0 * a * sv).chain(v.iter().map(|b| 2.0 * b * su)).collect()
        },
        &[&[0.7, -1.3, 2.0, 0.5, 1.5], &[1.2, 0.4, -0.9, -2.0, 0.3]],
        TOL64,
    );
}

// t[j·n + i] = a[i·n + j] (transpose of a flat n×n matrix, written by flat index), f = Σₖ (k + 1)tₖ²;
// ∂f/∂a[i·n + j] = 2(j·n + i + 1)·a[i·n + j]
#[differentiable]
fn transposed_weighted_squares(a: &[f64], n: usize) -> f64 {
    let mut t = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            t[j * n + i] = a[i * n + j];
        }
    }
    let mut s = 0.0;
    for k in 0..t.len() {
        s += (k as f64 + 1.0) * t[k] * t[k];
    }
    s
}

#[test]
fn flat_index_writes_route_each_gradient_to_its_source() {
    let d = |p: &[f64]| (0..9).map(|k| 2.0 * (((k % 3) * 3 + k / 3) as f64 + 1.0) * p[k]).collect();
    check_n64(
        |p| transposed_weighted_squares_grad(p, 3),
        |p| transposed_weighted_squares(p, 3),
        d,
        &[&[0.5, -1.0, 2.0, 0.3, 1.5, -0.7, 1.1, 0.0, -2.2], &[2.0, 0.1, -0.3, 1.0, -1.0, 0.6, 0.2, 0.8, 1.4]],
        TOL64,
    );
}

// Matrix-vector product as loops into a local buffer, then a bilinear form:
// f(u, A, x) = uᵀ(Ax) = Σᵢ uᵢ Σⱼ A[i][j]xⱼ, A an `&[Vec<f64>]` read as `a[i][j]`;
// ∂f/∂A[i][j] = uᵢxⱼ, ∂f/∂x = Aᵀu, ∂f/∂u = Ax
#[differentiable]
fn bilinear_matvec(u: &[f64], a: &[Vec<f64>], x: &[f64]) -> f64 {
    let mut y = vec![0.0; a.len()];
    for i in 0..a.len() {
        for j in 0..x.len() {
            y[i] += a[i][j] * x[j];
        }
    }
    let mut s = 0.0;
    for i in 0..y.len() {
        s += u[i] * y[i];
    }
    s
}

#[test]
fn matvec_gradient_wrt_the_matrix_is_the_outer_product() {
    // p = [u (2), A (2×3 row-major), x (3)]
    let split = |p: &[f64]| (p[..2].to_vec(), vec![p[2..5].to_vec(), p[5..8].to_vec()], p[8..].to_vec());
    check_n64(
        |p| {
            let (u, a, x) = split(p);
            let (v, (gu, ga, gx)) = bilinear_matvec_grad(&u, &a, &x);
            (v, [gu, ga.concat(), gx].concat())
        },
        |p| {
            let (u, a, x) = split(p);
            bilinear_matvec(&u, &a, &x)
        },
        |p| {
            let (u, a, x) = split(p);
            let du = (0..2).map(|i| (0..3).map(|j| a[i][j] * x[j]).sum());
            let da = (0..6).map(|k| u[k / 3] * x[k % 3]);
            let dx = (0..3).map(|j| (0..2).map(|i| a[i][j] * u[i]).sum());
            du.chain(da).chain(dx).collect()
        },
        &[
            &[0.7, -1.3, 2.0, 0.5, 1.5, 1.2, 0.4, -0.9, -2.0, 0.3, 1.1],
            &[1.2, 0.4, -0.9, -2.0, 0.3, 0.6, 0.1, 0.8, 1.4, -0.6, 0.7],
        ],
        TOL64,
    );
}

// Matrix-matrix product as loops into `vec![vec![0.0; m]; n]`, weighted by a constant W:
// f(A, B) = Σᵢⱼ W[i][j]·(AB)[i][j] with A n×k, B k×m;  ∂f/∂A = W Bᵀ, ∂f/∂B = Aᵀ W
#[differentiable(wrt(a, b))]
fn weighted_matmul(a: &[Vec<f64>], b: &[Vec<f64>], w: &[Vec<f64>]) -> f64 {
    let (n, k, m) = (a.len(), b.len(), b[0].len());
    let mut c = vec![vec![0.0; m]; n];
    for i in 0..n {
        for j in 0..m {
            for p in 0..k {
                c[i][j] += a[i][p] * b[p][j];
            }
        }
    }
    let mut s = 0.0;
    for i in 0..n {
        for j in 0..m {
            s += w[i][j] * c[i][j];
        }
    }
    s
}

#[test]
fn matmul_gradients_are_w_bt_and_at_w() {
    // A is 2×3, B is 3×2, W is 2×2; p = [A row-major (6), B row-major (6)]
    let w = vec![vec![0.5, -1.0], vec![2.0, 0.25]];
    let split = |p: &[f64]| -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
        (p[..6].chunks(3).map(<[f64]>::to_vec).collect(), p[6..].chunks(2).map(<[f64]>::to_vec).collect())
    };
    check_n64(
        |p| {
            let (a, b) = split(p);
            let (v, (ga, gb)) = weighted_matmul_grad(&a, &b, &w);
            (v, [ga.concat(), gb.concat()].concat())
        },
        |p| {
            let (a, b) = split(p);
            weighted_matmul(&a, &b, &w)
        },
        |p| {
            let (a, b) = split(p);
            let da = (0..6).map(|q| (0..2).map(|j| w[q / 3][j] * b[q % 3][j]).sum());
            let db = (0..6).map(|q| (0..2).map(|i| a[i][q / 2] * w[i][q % 2]).sum());
            da.chain(db).collect()
        },
        &[
            &[0.7, -1.3, 2.0, 0.5, 1.5, 1.2, 0.4, -0.9, -2.0, 0.3, 1.1, 0.6],
            &[1.2, 0.4, -0.9, -2.0, 0.3, 0.6, 0.1, 0.8, 1.4, -0.6, 0.7, -1.5],
        ],
        TOL64,
    );
}

// ---------------------------------------------------------------------------------------------
// Two 4-3-2 tanh networks: weights as flat `Vec` fields of nested structs, and as nested arrays
// ---------------------------------------------------------------------------------------------

#[derive(Differentiable, Clone, Debug, PartialEq)]
struct Dense {
    w: Vec<f64>,
    b: Vec<f64>,
    n_in: usize,
}

#[derive(Differentiable, Clone, Debug, PartialEq)]
struct TwoLayer {
    hidden: Dense,
    out: Dense,
}

// L(m, x, t) = ½‖W₂h + b₂ − t‖², h = tanh(W₁x + b₁), W₁ 3×4, W₂ 2×3, read as
// `m.hidden.w[j * 4 + i]`, `m.out.b[k]`. Backward: δₒ = o − t; ∂W₂ = δₒhᵀ, ∂b₂ = δₒ;
// δₕ = (W₂ᵀδₒ) ⊙ (1 − h²); ∂W₁ = δₕxᵀ, ∂b₁ = δₕ; ∂x = W₁ᵀδₕ, ∂t = −δₒ
#[differentiable]
fn two_layer_loss(m: &TwoLayer, x: &[f64], t: &[f64]) -> f64 {
    let mut h = vec![0.0; 3];
    for j in 0..3 {
        let mut s = m.hidden.b[j];
        for i in 0..4 {
            s += m.hidden.w[j * 4 + i] * x[i];
        }
        h[j] = s.tanh();
    }
    let mut loss = 0.0;
    for k in 0..2 {
        let mut o = m.out.b[k];
        for j in 0..3 {
            o += m.out.w[k * 3 + j] * h[j];
        }
        let d = o - t[k];
        loss += 0.5 * d * d;
    }
    loss
}

/// The backward pass of `two_layer_loss` written out by hand, flattened as `(TwoLayer, x, t)`.
fn two_layer_hand(m: &TwoLayer, x: &[f64], t: &[f64]) -> Vec<f64> {
    let h: Vec<f64> =
        (0..3).map(|j| (m.hidden.b[j] + (0..4).map(|i| m.hidden.w[j * 4 + i] * x[i]).sum::<f64>()).tanh()).collect();
    let d_o: Vec<f64> =
        (0..2).map(|k| m.out.b[k] + (0..3).map(|j| m.out.w[k * 3 + j] * h[j]).sum::<f64>() - t[k]).collect();
    let d_h: Vec<f64> =
        (0..3).map(|j| (0..2).map(|k| m.out.w[k * 3 + j] * d_o[k]).sum::<f64>() * (1.0 - h[j] * h[j])).collect();
    let grad = TwoLayer {
        hidden: Dense { w: (0..12).map(|q| d_h[q / 4] * x[q % 4]).collect(), b: d_h.clone(), n_in: 4 },
        out: Dense { w: (0..6).map(|q| d_o[q / 3] * h[q % 3]).collect(), b: d_o.clone(), n_in: 3 },
    };
    let dx = (0..4).map(|i| (0..3).map(|j| m.hidden.w[j * 4 + i] * d_h[j]).sum()).collect();
    let dt = d_o.iter().map(|d| -d).collect();
    [flatten(&grad), dx, dt].concat()
}

#[test]
fn mlp_4_3_2_tanh_loss_gradient_over_a_struct_of_weights() {
    let weights = |shift: f64| TwoLayer {
        hidden: Dense {
            w: (0..12).map(|k| (k as f64 * 0.37 + shift).sin() * 0.8).collect(),
            b: vec![0.1, -0.2, 0.05 + shift],
            n_in: 4,
        },
        out: Dense { w: (0..6).map(|k| (k as f64 * 0.61 - shift).cos() * 0.9).collect(), b: vec![0.3, -0.1], n_in: 3 },
    };
    for (m, x, t) in
        [(weights(0.0), [0.5, -1.0, 0.25, 2.0], [0.3, -0.6]), (weights(0.9), [-0.7, 0.2, 1.4, -0.3], [1.0, 0.4])]
    {
        let (v, (gm, gx, gt)) = two_layer_loss_grad(&m, &x, &t);
        assert_eq!(v, two_layer_loss(&m, &x, &t));
        assert_eq!((gm.hidden.n_in, gm.out.n_in), (4, 3));
        let got = [flatten(&gm), gx, gt].concat();
        assert_grad_close(&got, &two_layer_hand(&m, &x, &t), EXACT64);
        let numeric = [
            fd_leaves(|m| two_layer_loss(m, &x, &t), &m),
            fd_grad(|x| two_layer_loss(&m, x, &t), &x),
            fd_grad(|t| two_layer_loss(&m, &x, t), &t),
        ]
        .concat();
        assert_grad_close(&got, &numeric, FD_TOL64);
    }
}

#[derive(Differentiable, Clone, Debug, PartialEq)]
struct ArrayMlp {
    w1: [[f64; 4]; 3],
    b1: [f64; 3],
    w2: [[f64; 3]; 2],
    b2: [f64; 2],
}

// The same 4-3-2 tanh shape with nested-array fields read as `m.w1[j][i]`, ending in a softmax
// cross-entropy over the two outputs: L = lse(o) − o_target. Backward: δₒ = softmax(o) − e_target,
// then as in `two_layer_loss` (δₕ = (W₂ᵀδₒ) ⊙ (1 − h²), ∂W₁ = δₕxᵀ, ...), checked by differences
#[differentiable(wrt(m))]
fn array_mlp_cross_entropy(m: &ArrayMlp, x: &[f64; 4], target: usize) -> f64 {
    let mut h = [0.0; 3];
    for j in 0..3 {
        let mut s = m.b1[j];
        for i in 0..4 {
            s += m.w1[j][i] * x[i];
        }
        h[j] = s.tanh();
    }
    let mut o = [0.0; 2];
    for k in 0..2 {
        o[k] = m.b2[k];
        for j in 0..3 {
            o[k] += m.w2[k][j] * h[j];
        }
    }
    let top = o[0].max(o[1]);
    let lse = top + ((o[0] - top).exp() + (o[1] - top).exp()).ln();
    lse - o[target]
}

#[test]
fn mlp_with_nested_array_fields_cross_entropy_gradient() {
    let m = ArrayMlp {
        w1: [[0.2, -0.5, 0.7, 0.1], [-0.3, 0.8, 0.05, -0.6], [0.4, 0.3, -0.9, 0.25]],
        b1: [0.1, -0.1, 0.2],
        w2: [[0.6, -0.4, 0.9], [-0.7, 0.5, 0.3]],
        b2: [0.05, -0.15],
    };
    for (x, target) in [([0.5, -1.0, 0.25, 2.0], 0usize), ([-0.7, 0.2, 1.4, -0.3], 1)] {
        let (v, g) = array_mlp_cross_entropy_grad(&m, &x, target);
        assert_eq!(v, array_mlp_cross_entropy(&m, &x, target));
        // ∂L/∂b₂ = softmax(o) − e_target sums to zero
        assert!((g.b2[0] + g.b2[1]).abs() < 1e-15, "∂b₂ = {:?}", g.b2);
        let numeric = fd_leaves(|m| array_mlp_cross_entropy(m, &x, target), &m);
        assert_grad_close(&flatten(&g), &numeric, FD_TOL64);
    }
}

// ---------------------------------------------------------------------------------------------
// An element read in every iteration of an inner loop (its adjoint summed in a local)
// ---------------------------------------------------------------------------------------------

// GMM's triangular product: q = L·v with L unit lower triangular, its strict lower part in `l`
// column by column; f = Σᵣ qᵣ². With q = L v: ∂f/∂v = 2 Lᵀ q, ∂f/∂l at (r, c) = 2 qᵣ v_c.
#[differentiable]
fn triangular_square(l: &[f64], v: &[f64]) -> f64 {
    let d = v.len();
    let mut q = v.to_vec();
    let mut k = 0;
    for col in 0..d {
        for row in col + 1..d {
            q[row] += l[k] * v[col];
            k += 1;
        }
    }
    let mut s = 0.0;
    for r in 0..d {
        s += q[r] * q[r];
    }
    s
}

#[test]
fn a_triangular_product_sends_each_column_entry_one_sum() {
    let d = 4;
    let n_l = d * (d - 1) / 2;
    let by_hand = |p: &[f64]| {
        let (l, v) = (&p[..n_l], &p[n_l..]);
        let mut q = v.to_vec();
        let mut k = 0;
        let mut at = vec![vec![0.0; d]; d];
        for col in 0..d {
            for row in col + 1..d {
                q[row] += l[k] * v[col];
                at[row][col] = l[k];
                k += 1;
            }
            at[col][col] = 1.0;
        }
        let mut g = Vec::new();
        for col in 0..d {
            for row in col + 1..d {
                g.push(2.0 * q[row] * v[col]);
            }
        }
        for c in 0..d {
            g.push((0..d).map(|r| 2.0 * at[r][c] * q[r]).sum());
        }
        g
    };
    check_n64(
        |p| {
            let (v, (gl, gv)) = triangular_square_grad(&p[..n_l], &p[n_l..]);
            (v, [gl, gv].concat())
        },
        |p| triangular_square(&p[..n_l], &p[n_l..]),
        by_hand,
        &[
            &[0.5, -1.0, 0.25, 2.0, 0.3, -0.7, 1.0, 2.0, -1.5, 0.5],
            &[1.0, 2.0, 3.0, -1.0, -2.0, 0.5, 0.1, 0.2, 0.3, 0.4],
        ],
        TOL64,
    );
}

// The last row index is out of range, where the inner loop runs no times (x[n] is never read):
// f = Σᵢ₌₀..ₙ Σⱼ₌₀..ₙ₋ᵢ xᵢ wⱼ; ∂f/∂xᵢ = Σⱼ<ₙ₋ᵢ wⱼ, ∂f/∂wⱼ = Σᵢ<ₙ₋ⱼ xᵢ
#[differentiable]
fn staircase(x: &[f64], w: &[f64]) -> f64 {
    let n = x.len();
    let mut s = 0.0;
    for i in 0..n + 1 {
        for j in 0..n - i {
            s += x[i] * w[j];
        }
    }
    s
}

#[test]
fn an_inner_loop_that_runs_no_times_touches_no_element() {
    let n = 3;
    check_n64(
        |p| {
            let (v, (gx, gw)) = staircase_grad(&p[..n], &p[n..]);
            (v, [gx, gw].concat())
        },
        |p| staircase(&p[..n], &p[n..]),
        |p| {
            let (x, w) = (&p[..n], &p[n..]);
            let gx = (0..n).map(|i| w[..n - i].iter().sum::<f64>());
            let gw = (0..n).map(|j| x[..n - j].iter().sum::<f64>());
            gx.chain(gw).collect()
        },
        &[&[0.5, -1.0, 0.25, 2.0, 0.3, -0.7], &[1.0, 2.0, 3.0, -1.0, -2.0, 0.5]],
        TOL64,
    );
}
