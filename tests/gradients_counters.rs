//! Loops indexing through a counter (`qx[row] += l[c][lidx] * x[col]; lidx += 1;`, GradBench's
//! `gmm` triangle) and through a row fixed by an outer loop (`w[i][j]`): both sweeps slice the
//! row once before the loop (`analysis::rows` forwards, `analysis::views` in reverse) and index
//! the slice by `row - lo`. Also counters that must keep per-element indexing: one read after
//! its increment, one incremented under a condition, one also read elsewhere. Each is checked
//! against its hand derivative and central differences, forward and second order included.
#![allow(clippy::needless_range_loop, reason = "index loops are what these tests differentiate")]
#![allow(clippy::explicit_counter_loop, reason = "counters beside the loop index are what these tests differentiate")]

mod common;
use backprop::{Differentiable, differentiable};
use common::*;

// The packed strict lower triangle of each of k matrices Lc (row-major by column, as gmm
// stores it) applied to x: qᶜ = diag(x) + Lc x, f = Σc ½‖qᶜ‖². With L[c] the triangle's entries
// in the order (col, row > col): ∂f/∂L[c][idx(col,row)] = qᶜ[row] x[col],
// ∂f/∂x[j] = Σc (qᶜ[j] + Σ_{row>j} qᶜ[row] L[c][idx(j,row)]).
#[differentiable]
fn packed_triangles(l: &[Vec<f64>], x: &[f64]) -> f64 {
    let d = x.len();
    let mut f = 0.0;
    for c in 0..l.len() {
        let mut q = vec![0.0; d];
        for j in 0..d {
            q[j] = x[j] * 1.0;
        }
        let mut lidx = 0;
        for col in 0..d {
            for row in col + 1..d {
                q[row] += l[c][lidx] * x[col];
                lidx += 1;
            }
        }
        for j in 0..d {
            f += 0.5 * q[j] * q[j];
        }
    }
    f
}

fn packed_triangles_gradient(l: &[Vec<f64>], x: &[f64]) -> (Vec<Vec<f64>>, Vec<f64>) {
    let d = x.len();
    let mut dl = vec![vec![0.0; d * (d - 1) / 2]; l.len()];
    let mut dx = vec![0.0; d];
    for c in 0..l.len() {
        let mut q = x.to_vec();
        let mut idx = 0;
        for col in 0..d {
            for row in col + 1..d {
                q[row] += l[c][idx] * x[col];
                idx += 1;
            }
        }
        let mut idx = 0;
        for col in 0..d {
            dx[col] += q[col];
            for row in col + 1..d {
                dl[c][idx] = q[row] * x[col];
                dx[col] += q[row] * l[c][idx];
                idx += 1;
            }
        }
    }
    (dl, dx)
}

fn triangle_input() -> (Vec<Vec<f64>>, Vec<f64>) {
    let l = vec![vec![0.5, -1.0, 0.25, 1.5, -0.75, 0.3], vec![-0.2, 0.4, 1.1, -0.6, 0.9, 0.05]];
    (l, vec![0.7, -1.3, 0.4, 2.0])
}

fn flat(l: &[Vec<f64>], x: &[f64]) -> Vec<f64> {
    l.iter().flatten().chain(x).copied().collect()
}

fn unflat(p: &[f64]) -> (Vec<Vec<f64>>, Vec<f64>) {
    (vec![p[..6].to_vec(), p[6..12].to_vec()], p[12..].to_vec())
}

#[test]
fn a_counter_indexed_triangle_gives_its_hand_gradient() {
    let (l, x) = triangle_input();
    let (dl, dx) = packed_triangles_gradient(&l, &x);
    let (value, (gl, gx)) = packed_triangles_grad(&l, &x);
    assert_rel64(value, packed_triangles(&l, &x), EXACT64, "value");
    assert_grad_close(&flat(&gl, &gx), &flat(&dl, &dx), EXACT64);
    let grad = |p: &[f64]| {
        let (l, x) = unflat(p);
        let (v, (gl, gx)) = packed_triangles_grad(&l, &x);
        (v, flat(&gl, &gx))
    };
    let f = |p: &[f64]| {
        let (l, x) = unflat(p);
        packed_triangles(&l, &x)
    };
    let other: Vec<f64> = (0..16).map(|k| ((k * 7 % 11) as f64 - 5.0) / 4.0).collect();
    check_fd_n64(grad, f, &[&flat(&l, &x), &other]);
}

#[test]
fn a_counter_indexed_triangle_gives_its_directional_and_second_derivatives() {
    let (l, x) = triangle_input();
    let dl: Vec<Vec<f64>> = l.iter().map(|r| r.iter().map(|v| 0.3 - v * 0.5).collect()).collect();
    let dx = vec![0.2, 0.1, -0.4, 0.6];
    let (value, slope) = packed_triangles_jvp(&l, &x, &dl, &dx);
    assert_rel64(value, packed_triangles(&l, &x), EXACT64, "value");
    let (gl, gx) = packed_triangles_gradient(&l, &x);
    let want: f64 = flat(&gl, &gx).iter().zip(flat(&dl, &dx)).map(|(g, d)| g * d).sum();
    assert_rel64(slope, want, 1e-12, "jvp against the hand gradient");
    // The Hessian-vector product against differences of the hand gradient along (dl, dx).
    let (_, (hl, hx), (hvl, hvx)) = packed_triangles_hvp(&l, &x, &dl, &dx);
    assert_grad_close(&flat(&hl, &hx), &flat(&gl, &gx), EXACT64);
    let along = |t: f64| {
        let p: Vec<f64> = flat(&l, &x).iter().zip(flat(&dl, &dx)).map(|(p, d)| p + t * d).collect();
        let (l, x) = unflat(&p);
        let (gl, gx) = packed_triangles_gradient(&l, &x);
        flat(&gl, &gx)
    };
    let (up, down) = (along(H64), along(-H64));
    let want: Vec<f64> = up.iter().zip(&down).map(|(u, d)| (u - d) / (2.0 * H64)).collect();
    assert_grad_close(&flat(&hvl, &hvx), &want, FD_TOL64);
}

/// The triangle as a struct's field, indexed `p.l[c][lidx]`, with the counter starting at an
/// offset and the inner loop inclusive: f = Σc Σ_{col} Σ_{row=col+1..=d−1} (p.l[c][base + k] x[col] x[row])².
#[derive(Clone, Differentiable)]
struct Packed {
    l: Vec<Vec<f64>>,
}

#[differentiable(wrt(p, x))]
fn packed_field(p: &Packed, x: &[f64], base: usize) -> f64 {
    let d = x.len();
    let mut f = 0.0;
    for c in 0..p.l.len() {
        let mut lidx = base;
        for col in 0..d {
            for row in col + 1..=d - 1 {
                let t = p.l[c][lidx] * x[col] * x[row];
                f += t * t;
                lidx += 1;
            }
        }
    }
    f
}

#[test]
fn a_counter_from_an_offset_over_an_inclusive_range_indexes_a_field() {
    let p = Packed { l: vec![vec![9.0, 0.5, -1.0, 0.25], vec![9.0, 1.5, -0.75, 0.3]] };
    let x = vec![0.7, -1.3, 0.4];
    let (value, (gp, gx)) = packed_field_grad(&p, &x, 1);
    assert_rel64(value, packed_field(&p, &x, 1), EXACT64, "value");
    // By hand: each term t = L·x[col]·x[row] gives 2t·x[col]x[row] to L and 2t·L·x[other] to x.
    let mut want_l = vec![vec![0.0; 4]; 2];
    let mut want_x = vec![0.0; 3];
    for c in 0..2 {
        let mut k = 1;
        for col in 0..3 {
            for row in col + 1..3 {
                let t = p.l[c][k] * x[col] * x[row];
                want_l[c][k] = 2.0 * t * x[col] * x[row];
                want_x[col] += 2.0 * t * p.l[c][k] * x[row];
                want_x[row] += 2.0 * t * p.l[c][k] * x[col];
                k += 1;
            }
        }
    }
    assert_grad_close(&flat(&gp.l, &gx), &flat(&want_l, &want_x), EXACT64);
    assert_eq!(gp.l[0][0], 0.0, "the entry before the counter's start gets nothing");
    let leaves = fd_leaves(|p: &Packed| packed_field(p, &x, 1), &p);
    assert_grad_close(&gp.l.concat(), &leaves, FD_TOL64);
}

// Counters the rows must leave alone, each with a different index than `lo + k`:
// read after the increment (x[lidx] sees 1, 2, …), incremented only on some iterations, and
// read again after the loop.
#[differentiable]
fn read_after_increment(x: &[f64], w: &[f64]) -> f64 {
    let mut s = 0.0;
    let mut lidx = 0;
    for j in 0..w.len() {
        lidx += 1;
        s += x[lidx] * w[j];
    }
    s
}

#[differentiable]
fn incremented_under_a_condition(x: &[f64], w: &[f64]) -> f64 {
    let mut s = 0.0;
    let mut lidx = 0;
    for j in 0..w.len() {
        s += x[lidx] * w[j];
        if j % 2 == 1 {
            lidx += 1;
        }
    }
    s
}

#[differentiable]
fn counter_also_read_in_the_loop(x: &[f64], w: &[f64]) -> f64 {
    let mut s = 0.0;
    let mut lidx = 0;
    for j in 0..w.len() {
        s += x[lidx] * w[j] * (lidx as f64 + 1.0);
        lidx += 1;
    }
    s
}

#[test]
fn counters_that_do_not_count_one_an_iteration_from_the_start_keep_their_indexing() {
    let x = [0.5, -1.0, 2.0, 0.25, 1.5];
    let w = [0.3, -0.2, 1.1, 0.7];
    // ∂/∂x[k] = Σ over the iterations reading x[k] of w[j] (times the weight), ∂/∂w[j] = x[idx(j)].
    type Grad = fn(&[f64], &[f64]) -> (f64, (Vec<f64>, Vec<f64>));
    type Index = fn(usize) -> usize;
    let cases: [(Index, Grad, f64); 3] = [
        (|j| j + 1, read_after_increment_grad, 0.0),
        (|j| j / 2, incremented_under_a_condition_grad, 0.0),
        (|j| j, counter_also_read_in_the_loop_grad, 1.0),
    ];
    for (idx, grad, weighted) in cases {
        let (_, (gx, gw)) = grad(&x, &w);
        let mut want_x = vec![0.0; 5];
        let mut want_w = vec![0.0; 4];
        for j in 0..4 {
            let scale = if weighted == 1.0 { idx(j) as f64 + 1.0 } else { 1.0 };
            want_x[idx(j)] += w[j] * scale;
            want_w[j] = x[idx(j)] * scale;
        }
        assert_grad_close(&[gx, gw].concat(), &[want_x, want_w].concat(), EXACT64);
    }
}

// A row fixed by the outer loop, read in the inner one: y = W x, f = ½‖y‖².
// ∂f/∂W[i][j] = yᵢ xⱼ, ∂f/∂xⱼ = Σᵢ yᵢ W[i][j].
#[differentiable]
fn matrix_rows(w: &[Vec<f64>], x: &[f64]) -> f64 {
    let mut f = 0.0;
    for i in 0..w.len() {
        let mut y = 0.0;
        for j in 0..x.len() {
            y += w[i][j] * x[j];
        }
        f += 0.5 * y * y;
    }
    f
}

#[test]
fn a_row_fixed_by_the_outer_loop_gives_the_matrix_gradient() {
    let w = vec![vec![0.5, -1.0, 2.0], vec![0.25, 1.5, -0.75]];
    let x = vec![0.3, -0.2, 1.1];
    let y: Vec<f64> = w.iter().map(|r| r.iter().zip(&x).map(|(a, b)| a * b).sum()).collect();
    let want_w: Vec<Vec<f64>> = y.iter().map(|yi| x.iter().map(|xj| yi * xj).collect()).collect();
    let want_x: Vec<f64> = (0..3).map(|j| (0..2).map(|i| y[i] * w[i][j]).sum()).collect();
    let (_, (gw, gx)) = matrix_rows_grad(&w, &x);
    assert_grad_close(&flat(&gw, &gx), &flat(&want_w, &want_x), EXACT64);
}

// Loops that stop before their range's end, or skip through it: the slices before the loop
// would reach past what the loop indexes, so these keep their per-element indexing (found by
// trying to break the rows: each panicked in `_grad` or `_jvp` where the function does not).
#[differentiable]
fn stops_at_a_break(x: &[f64], n: usize) -> f64 {
    let mut s = 0.0;
    for i in 0..n {
        s += x[i] * x[i];
        if i == 2 {
            break;
        }
    }
    s
}

#[differentiable]
fn stops_at_a_return(x: &[f64], n: usize) -> f64 {
    let mut s = 0.0;
    for i in 0..n {
        s += x[i] * x[i];
        if i + 1 == x.len() {
            return s;
        }
    }
    s
}

#[differentiable]
fn steps_by_two(x: &[f64], n: usize) -> f64 {
    let mut s = 0.0;
    for i in (0..n).step_by(2) {
        s += x[i] * x[i];
    }
    s
}

#[differentiable]
fn counter_stops_at_a_break(w: &[f64], x: &[f64], n: usize) -> f64 {
    let mut s = 0.0;
    let mut k = 0;
    for i in 0..n {
        s += w[k] * x[0];
        k += 1;
        if i == 1 {
            break;
        }
    }
    s
}

// A counter beside a `u32` loop index: the slice's bounds are `usize` whatever the index's type.
#[differentiable]
fn counter_beside_a_u32_index(w: &[f64], n: u32) -> f64 {
    let mut k = 0;
    let mut s = 0.0;
    for i in 0..n {
        s += w[k] * w[k] * (i as f64);
        k += 1;
    }
    s
}

#[test]
fn loops_cut_short_or_strided_index_only_what_they_reach() {
    let x = [1.0, 2.0, 3.0];
    // Σ_{i≤2} xᵢ² with n = 10 > len: the break comes first. ∂/∂xᵢ = 2xᵢ, along dx = (1, 0, 0): 2.
    assert_eq!(stops_at_a_break_grad(&x, 10), (14.0, vec![2.0, 4.0, 6.0]));
    assert_eq!(stops_at_a_break_jvp(&x, 10, &[1.0, 0.0, 0.0]), (14.0, 2.0));
    let (_, g, hv) = stops_at_a_break_hvp(&x, 10, &[1.0, 0.0, 0.0]);
    assert_eq!((g, hv), (vec![2.0, 4.0, 6.0], vec![2.0, 0.0, 0.0]));
    assert_eq!(stops_at_a_return_grad(&[1.0, 2.0], 5), (5.0, vec![2.0, 4.0]));
    assert_eq!(stops_at_a_return_jvp(&[1.0, 2.0], 5, &[1.0, 1.0]), (5.0, 6.0));
    // Indices 0, 2, 4 of five with n = 6.
    let x = [1.0, 2.0, 3.0, 4.0, 5.0];
    assert_eq!(steps_by_two_grad(&x, 6), (35.0, vec![2.0, 0.0, 6.0, 0.0, 10.0]));
    assert_eq!(steps_by_two_jvp(&x, 6, &[1.0; 5]), (35.0, 18.0));
    // w₀x₀ + w₁x₀ with n = 10 > w.len() = 2.
    assert_eq!(counter_stops_at_a_break_grad(&[1.0, 2.0], &[3.0], 10), (9.0, (vec![3.0, 3.0], vec![3.0])));
    assert_eq!(counter_stops_at_a_break_jvp(&[1.0, 2.0], &[3.0], 10, &[1.0, 1.0], &[1.0]), (9.0, 9.0));
    // Σ i wᵢ²: ∂/∂wᵢ = 2 i wᵢ.
    let w = [0.5, -1.0, 2.0];
    assert_eq!(counter_beside_a_u32_index_grad(&w, 3), (9.0, vec![0.0, -2.0, 8.0]));
    assert_eq!(counter_beside_a_u32_index_jvp(&w, 3, &[1.0, 1.0, 1.0]), (9.0, 6.0));
}
