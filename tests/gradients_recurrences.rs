//! Values carried from one iteration to the next without a gradient (`power *= t`, an index
//! `k += 2`): where the loop's reverse may run upwards, it computes them again instead of
//! recording them (`analysis::record::replay`); where it may not (the value runs on across an
//! outer loop, is written inside an `if`, or has a gradient), it records them as before.
//!
//! Each function's comment gives it with its hand-derived derivative; each test checks the
//! generated derivative against that derivative and against central differences.
#![allow(clippy::needless_range_loop, reason = "index loops are what these tests differentiate")]

mod common;
use backprop::differentiable;
use common::*;

// f = ½ Σᵢ (sᵢ − Σⱼ xⱼ tᵢʲ)² over tᵢ = −1 + 2i/(n − 1), sᵢ = 1 where tᵢ > 0 else −1 (GradBench's
// llsq); ∂f/∂xⱼ = −Σᵢ rᵢ tᵢʲ with rᵢ the residual
#[differentiable]
fn least_squares(x: &[f64], n: usize) -> f64 {
    let mut sum = 0.0;
    for i in 0..n {
        let t = -1.0 + i as f64 * 2.0 / (n as f64 - 1.0);
        let mut residual = if t > 0.0 { 1.0 } else { -1.0 };
        let mut power = 1.0;
        for xj in x.iter() {
            residual -= xj * power;
            power *= t;
        }
        sum += residual * residual;
    }
    sum / 2.0
}

fn least_squares_by_hand(x: &[f64], n: usize) -> Vec<f64> {
    let mut g = vec![0.0; x.len()];
    for i in 0..n {
        let t = -1.0 + i as f64 * 2.0 / (n as f64 - 1.0);
        let powers: Vec<f64> = (0..x.len()).map(|j| t.powi(j as i32)).collect();
        let r = if t > 0.0 { 1.0 } else { -1.0 } - (0..x.len()).map(|j| x[j] * powers[j]).sum::<f64>();
        for j in 0..x.len() {
            g[j] -= r * powers[j];
        }
    }
    g
}

#[test]
fn a_power_carried_through_a_polynomial_is_computed_again() {
    check_n64(
        |p| least_squares_grad(p, 7),
        |p| least_squares(p, 7),
        |p| least_squares_by_hand(p, 7),
        &[&[0.5, -1.0, 0.25, 2.0], &[-0.3, 0.8, 1.5]],
        TOL64,
    );
}

// The same sum's Hessian is Σᵢ tᵢʲ tᵢᵏ (the residual is linear in x): H·v through `_hvp`.
#[test]
fn a_replayed_recurrence_has_the_hand_derived_hessian() {
    let (x, v, n) = ([0.5, -1.0, 0.25], [1.0, -0.5, 2.0], 5);
    let (value, g, hv) = least_squares_hvp(&x, n, &v);
    assert_eq!(value, least_squares(&x, n));
    assert_grad_close(&g, &least_squares_by_hand(&x, n), EXACT64);
    let mut want = [0.0; 3];
    for i in 0..n {
        let t = -1.0 + i as f64 * 2.0 / (n as f64 - 1.0);
        for j in 0..3 {
            for k in 0..3 {
                want[j] += t.powi(j as i32) * t.powi(k as i32) * v[k];
            }
        }
    }
    assert_grad_close(&hv, &want, EXACT64);
}

// f = Σⱼ wⱼ · x₂ⱼ · c with an index k = 2j counted by `k += 2` and a weight c halved each step
// (cⱼ = 2⁻ʲ); ∂f/∂x₂ⱼ = wⱼ 2⁻ʲ, ∂f/∂wⱼ = x₂ⱼ 2⁻ʲ, the odd entries 0
#[differentiable]
fn strided_halving(x: &[f64], w: &[f64]) -> f64 {
    let mut k = 0;
    let mut c = 1.0;
    let mut s = 0.0;
    for j in 0..w.len() {
        s += w[j] * x[k] * c;
        k += 2;
        c /= 2.0;
    }
    s
}

#[test]
fn an_integer_counter_used_as_an_index_is_counted_again() {
    let m = 3;
    check_n64(
        |p| {
            let (v, (gx, gw)) = strided_halving_grad(&p[..2 * m], &p[2 * m..]);
            (v, [gx, gw].concat())
        },
        |p| strided_halving(&p[..2 * m], &p[2 * m..]),
        |p| {
            let (x, w) = (&p[..2 * m], &p[2 * m..]);
            let mut g = vec![0.0; 3 * m];
            for j in 0..m {
                let c = 0.5f64.powi(j as i32);
                g[2 * j] = w[j] * c;
                g[2 * m + j] = x[2 * j] * c;
            }
            g
        },
        &[&[0.5, 9.0, -1.0, 9.0, 2.0, 9.0, 1.5, -0.5, 0.25], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, -1.0, 1.0, 2.0]],
        TOL64,
    );
}

// p runs on across the outer loop (pᵢⱼ = ½^(i·m + j)), so the inner loop's reverse cannot start
// it again from its definition: f = Σᵢ Σⱼ xⱼ pᵢⱼ, ∂f/∂xⱼ = Σᵢ ½^(i·m + j)
#[differentiable]
fn carried_across_an_outer_loop(x: &[f64], n: usize) -> f64 {
    let mut p = 1.0;
    let mut s = 0.0;
    for _ in 0..n {
        for j in 0..x.len() {
            s += x[j] * x[j] * p;
            p *= 0.5;
        }
    }
    s
}

#[test]
fn a_value_carried_across_an_outer_loop_is_recorded() {
    let n = 3;
    check_n64(
        |p| carried_across_an_outer_loop_grad(p, n),
        |p| carried_across_an_outer_loop(p, n),
        |p| {
            let m = p.len();
            (0..m).map(|j| (0..n).map(|i| 2.0 * p[j] * 0.5f64.powi((i * m + j) as i32)).sum()).collect()
        },
        &[&[0.5, -1.0, 0.25], &[1.5, 2.0]],
        TOL64,
    );
}

// A power run downwards, written again after the loop, and read after it: f = (Σⱼ xⱼ t^(m−1−j))·q
// with q = 2 + t^m, the power's final value plus 2; ∂f/∂xⱼ = t^(m−1−j)·q, ∂f/∂t by hand below
#[differentiable(wrt(x))]
fn horner_like(x: &[f64], t: f64) -> f64 {
    let mut power = 1.0;
    let mut s = 0.0;
    for j in (0..x.len()).rev() {
        s += x[j] * power;
        power *= t;
    }
    let q = power + 2.0;
    power = 0.0;
    s * q + power
}

#[test]
fn a_power_run_downwards_and_overwritten_after_the_loop() {
    let t = 0.7;
    check_n64(
        |p| horner_like_grad(p, t),
        |p| horner_like(p, t),
        |p| {
            let m = p.len();
            let q = 2.0 + t.powi(m as i32);
            (0..m).map(|j| t.powi((m - 1 - j) as i32) * q).collect()
        },
        &[&[0.5, -1.0, 0.25, 3.0], &[1.5, 2.0]],
        TOL64,
    );
}

// Two recurrences, one of them updated twice and only in one of two arms: f = Σⱼ xⱼ² aⱼ bⱼ with
// aⱼ₊₁ = aⱼ·0.9 + 0.1 and bⱼ₊₁ = −bⱼ when j is even, bⱼ otherwise (b is written inside an `if`:
// recorded); ∂f/∂xⱼ = 2xⱼ aⱼ bⱼ
#[differentiable]
fn two_recurrences(x: &[f64]) -> f64 {
    let mut a = 1.0;
    let mut b = 1.0;
    let mut s = 0.0;
    for j in 0..x.len() {
        s += x[j] * x[j] * a * b;
        a *= 0.9;
        a += 0.1;
        if j % 2 == 0 {
            b = -b;
        }
    }
    s
}

#[test]
fn recurrences_updated_twice_or_inside_an_if() {
    check_n64(
        two_recurrences_grad,
        two_recurrences,
        |p| {
            let (mut a, mut b) = (1.0, 1.0);
            let mut g = Vec::new();
            for (j, x) in p.iter().enumerate() {
                g.push(2.0 * x * a * b);
                a = a * 0.9 + 0.1;
                if j % 2 == 0 {
                    b = -b;
                }
            }
            g
        },
        &[&[0.5, -1.0, 0.25, 3.0, 1.0], &[1.5, 2.0]],
        TOL64,
    );
}

// In f32, generic: f = Σⱼ xⱼ cⱼ with cⱼ = cos(j·h) by the rotation recurrence (c, s) ← (c·ch − s·sh,
// s·ch + c·sh), ch = cos h, sh = sin h; ∂f/∂xⱼ = cⱼ (computed the same way by hand)
#[differentiable]
fn cosine_series<T: backprop::Float>(x: &[T], ch: T, sh: T) -> T {
    let mut c = T::from_f64(1.0);
    let mut s = T::from_f64(0.0);
    let mut total = T::from_f64(0.0);
    for j in 0..x.len() {
        total += x[j] * c;
        let next = c * ch - s * sh;
        s = s * ch + c * sh;
        c = next;
    }
    total
}

#[test]
fn a_rotation_recurrence_in_f32() {
    let h = 0.3f32;
    let (ch, sh) = (h.cos(), h.sin());
    check_n32(
        |p| {
            let (v, (gx, _, _)) = cosine_series_grad(p, ch, sh);
            (v, gx)
        },
        |p| cosine_series(p, ch, sh),
        |p| (0..p.len()).map(|j| (j as f32 * h).cos()).collect(),
        &[&[0.5, -1.0, 0.25, 3.0], &[1.5, 2.0, -0.5]],
        TOL32,
    );
}

// The counter moves on before the loop (k starts at 1): the loop's reverse must not start it
// again from its definition. f = Σⱼ x₂ⱼ₊₁², ∂f/∂x₂ⱼ₊₁ = 2x₂ⱼ₊₁, the even entries 0
#[differentiable]
fn odd_entries(x: &[f64]) -> f64 {
    let mut k = 0;
    k += 1;
    let mut s = 0.0;
    for _ in 0..x.len() / 2 {
        s += x[k] * x[k];
        k += 2;
    }
    s
}

#[test]
fn a_counter_moved_on_before_the_loop_is_recorded() {
    check_n64(
        odd_entries_grad,
        odd_entries,
        |p| p.iter().enumerate().map(|(j, x)| if j % 2 == 1 { 2.0 * x } else { 0.0 }).collect(),
        &[&[0.5, -1.0, 0.25, 3.0, 1.0, 2.0], &[1.5, 2.0, -0.5, 0.75]],
        TOL64,
    );
}

// A counter carried across two loops, moved on once more between inner loops (k skips one entry
// per row: the inner loop's reverse cannot run on from the outer's), and the same without the
// skip. f = Σ_{r,c<r} w_k x_r x_c over the entries k of a triangle.
#[differentiable]
fn triangle_form(w: &[f64], x: &[f64], skip: usize) -> f64 {
    let mut k = 0;
    let mut s = 0.0;
    for r in 0..x.len() {
        for c in 0..r {
            s += w[k] * x[r] * x[c];
            k += 1;
        }
        k += skip;
    }
    s
}

#[differentiable]
fn triangle_form_packed(w: &[f64], x: &[f64]) -> f64 {
    let mut k = 0;
    let mut s = 0.0;
    for r in 0..x.len() {
        for c in 0..r {
            s += w[k] * x[r] * x[c];
            k += 1;
        }
    }
    s
}

fn triangle_form_by_hand(w: &[f64], x: &[f64], skip: usize) -> Vec<f64> {
    let (mut gw, mut gx) = (vec![0.0; w.len()], vec![0.0; x.len()]);
    let mut k = 0;
    for r in 0..x.len() {
        for c in 0..r {
            gw[k] += x[r] * x[c];
            gx[r] += w[k] * x[c];
            gx[c] += w[k] * x[r];
            k += 1;
        }
        k += skip;
    }
    [gw, gx].concat()
}

#[test]
fn a_counter_carried_across_two_loops() {
    let n = 4;
    for skip in [0, 1] {
        let n_w = n * (n - 1) / 2 + n * skip;
        let point: Vec<f64> =
            (0..n_w + n).map(|i| 0.3 + 0.2 * i as f64 * if i % 3 == 0 { -1.0 } else { 1.0 }).collect();
        let shifted: Vec<f64> = point.iter().map(|v| 1.5 - v).collect();
        check_n64(
            |p| {
                let (v, (gw, gx)) = triangle_form_grad(&p[..n_w], &p[n_w..], skip);
                (v, [gw, gx].concat())
            },
            |p| triangle_form(&p[..n_w], &p[n_w..], skip),
            |p| triangle_form_by_hand(&p[..n_w], &p[n_w..], skip),
            &[&point, &shifted],
            TOL64,
        );
        if skip == 0 {
            check_n64(
                |p| {
                    let (v, (gw, gx)) = triangle_form_packed_grad(&p[..n_w], &p[n_w..]);
                    (v, [gw, gx].concat())
                },
                |p| triangle_form_packed(&p[..n_w], &p[n_w..]),
                |p| triangle_form_by_hand(&p[..n_w], &p[n_w..], 0),
                &[&point, &shifted],
                TOL64,
            );
        }
    }
}

// A running minimum inside a loop (k-means' cost, over the rows from `start` on): the reverse of
// the inner loop stops once nothing flows back, dropping the records of the rows before. f =
// Σᵢ minⱼ≥ₛ (cⱼ − pᵢ)²; ∂f/∂cⱼ = Σ over the points whose closest row is j of 2(cⱼ − pᵢ).
#[differentiable(wrt(c))]
fn nearest_from(p: &[f64], c: &[f64], start: usize) -> f64 {
    let mut total = 0.0;
    for i in 0..p.len() {
        let mut closest = f64::INFINITY;
        for j in start..c.len() {
            let d = c[j] - p[i];
            closest = closest.min(d * d);
        }
        total += closest;
    }
    total
}

fn nearest_from_by_hand(p: &[f64], c: &[f64], start: usize) -> Vec<f64> {
    let mut g = vec![0.0; c.len()];
    for &pi in p {
        let mut best = start;
        for j in start..c.len() {
            if (c[j] - pi).powi(2) < (c[best] - pi).powi(2) {
                best = j;
            }
        }
        g[best] += 2.0 * (c[best] - pi);
    }
    g
}

#[test]
fn a_running_minimum_stops_its_reverse_once_nothing_flows() {
    let p = [0.1, 2.2, -1.3, 0.9, 3.1, -0.2, 1.7];
    for start in [0, 2] {
        check_n64(
            |c| nearest_from_grad(&p, c, start),
            |c| nearest_from(&p, c, start),
            |c| nearest_from_by_hand(&p, c, start),
            &[&[-1.0, 0.0, 1.0, 2.0, 3.0], &[2.5, -0.5, 0.4, 1.2, -1.7]],
            TOL64,
        );
        // H is diagonal: 2 per point closest to each row; H·1 gives it.
        let c = [-1.0, 0.0, 1.0, 2.0, 3.0];
        let (_, g, h) = nearest_from_hvp(&p, &c, start, &[1.0; 5]);
        assert_grad_close(&g, &nearest_from_by_hand(&p, &c, start), EXACT64);
        let mut want = [0.0; 5];
        for &pi in &p {
            let best = (start..5).min_by(|&a, &b| (c[a] - pi).abs().total_cmp(&(c[b] - pi).abs())).unwrap();
            want[best] += 2.0;
        }
        assert_grad_close(&h, &want, EXACT64);
    }
}
