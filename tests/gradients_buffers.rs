//! Local buffers: built by `vec![v; n]`, `vec![a, b]`, `[v; N]`, `Vec::with_capacity` + `push`,
//! `.clone()` and `.to_vec()`; written by `=`, `+=`, `-=`, `*=`, `/=`, in place inside loops,
//! overwritten, written in one loop and read in the next, and indexed in two dimensions
//! (`y[i][j]`, `y[i * n + j]`), up to matrix-vector and matrix-matrix products as loops.
//!
//! Each function's comment gives it with its hand-derived derivative; each test checks the
//! generated gradient against that derivative and against central differences.
#![allow(clippy::needless_range_loop, reason = "index loops are what these tests differentiate")]
#![allow(clippy::ptr_arg, reason = "`&Vec<T>` parameters are one of the shapes under test")]
#![allow(clippy::useless_vec, reason = "`vec![…]` buffers are one of the constructs under test")]

mod common;
use backprop::differentiable;
use common::*;

// ---------------------------------------------------------------------------------------------
// Ways to build a buffer
// ---------------------------------------------------------------------------------------------

// y = vec![a; n], yᵢ *= xᵢ, f = Σ yᵢ = a·Σ xᵢ;  ∂f/∂a = Σ xᵢ, ∂f/∂xᵢ = a
#[differentiable]
fn filled_then_scaled(a: f64, x: &[f64]) -> f64 {
    let mut y = vec![a; x.len()];
    for i in 0..x.len() {
        y[i] *= x[i];
    }
    let mut s = 0.0;
    for i in 0..y.len() {
        s += y[i];
    }
    s
}

#[test]
fn vec_filled_with_an_active_value_sends_every_copy_back() {
    check_n64(
        |p| {
            let (v, (ga, gx)) = filled_then_scaled_grad(p[0], &p[1..]);
            (v, [vec![ga], gx].concat())
        },
        |p| filled_then_scaled(p[0], &p[1..]),
        |p| std::iter::once(p[1..].iter().sum()).chain(p[1..].iter().map(|_| p[0])).collect(),
        &[&[0.7, 1.0, -2.0, 0.5], &[-1.3, 0.25, 2.0]],
        TOL64,
    );
}

// v = vec![x, y, x·y], f = v₀v₁ + sin v₂ = xy + sin xy;
// ∂f/∂x = y(1 + cos xy), ∂f/∂y = x(1 + cos xy)
#[differentiable]
fn vec_literal(x: f64, y: f64) -> f64 {
    let v = vec![x, y, x * y];
    v[0] * v[1] + v[2].sin()
}

#[test]
fn vec_literal_entries_carry_their_own_gradients() {
    check_n64(
        |p| {
            let (v, (gx, gy)) = vec_literal_grad(p[0], p[1]);
            (v, vec![gx, gy])
        },
        |p| vec_literal(p[0], p[1]),
        |p| {
            let c = 1.0 + (p[0] * p[1]).cos();
            vec![p[1] * c, p[0] * c]
        },
        &[&[0.7, 1.3], &[-1.3, 0.25], &[2.0, -0.6]],
        TOL64,
    );
}

// acc = [0.0; 3], acc[i % 3] += xᵢ, f = acc₀·acc₁·acc₂;
// ∂f/∂xᵢ = the product of the two other accumulators (those not numbered i % 3)
#[differentiable]
fn bucket_product(x: &[f64]) -> f64 {
    let mut acc = [0.0; 3];
    for i in 0..x.len() {
        acc[i % 3] += x[i];
    }
    acc[0] * acc[1] * acc[2]
}

#[test]
fn local_array_accumulator_shared_by_several_inputs() {
    let d = |p: &[f64]| {
        let mut acc = [0.0; 3];
        for i in 0..p.len() {
            acc[i % 3] += p[i];
        }
        (0..p.len()).map(|i| acc[(i + 1) % 3] * acc[(i + 2) % 3]).collect()
    };
    check_n64(
        bucket_product_grad,
        bucket_product,
        d,
        &[&[0.3, -1.2, 2.5, 0.8, 1.5], &[1.0, 0.5, -3.0, 2.0, 0.1, -0.4]],
        TOL64,
    );
}

// p = [x; 4], pₖ = pₖ₋₁·x for k = 1..4 (so pₖ = x^(k+1)), f = p₃ + p₁ = x⁴ + x²;
// f'(x) = 4x³ + 2x
#[differentiable]
fn powers_in_array(x: f64) -> f64 {
    let mut p = [x; 4];
    for k in 1..4 {
        p[k] = p[k - 1] * x;
    }
    p[3] + p[1]
}

#[test]
fn array_repeat_of_an_active_value_builds_powers() {
    let d = |x: f64| 4.0 * x * x * x + 2.0 * x;
    check1_64(powers_in_array_grad, powers_in_array, d, &[-1.3, 0.4, 2.1], TOL64);
}

// cᵢ = Σ_{j≤i} xⱼ pushed onto `Vec::with_capacity`, f = Σ cᵢ²;  ∂f/∂xⱼ = 2·Σ_{i≥j} cᵢ
#[differentiable]
fn pushed_prefix_sums(x: &[f64]) -> f64 {
    let mut c = Vec::with_capacity(x.len());
    let mut s = 0.0;
    for &v in x {
        s += v;
        c.push(s);
    }
    let mut total = 0.0;
    for i in 0..c.len() {
        total += c[i] * c[i];
    }
    total
}

/// The prefix sums `cᵢ = Σ_{j≤i} xⱼ`.
fn prefix_sums(x: &[f64]) -> Vec<f64> {
    x.iter()
        .scan(0.0, |s, v| {
            *s += v;
            Some(*s)
        })
        .collect()
}

#[test]
fn pushed_values_send_their_gradient_to_every_earlier_input() {
    let d = |p: &[f64]| {
        let c = prefix_sums(p);
        (0..p.len()).map(|j| 2.0 * c[j..].iter().sum::<f64>()).collect()
    };
    check_n64(pushed_prefix_sums_grad, pushed_prefix_sums, d, &[&[0.3, -1.2, 2.5, 0.8], &[1.0, 0.5, -3.0]], TOL64);
}

// y = x.clone(), yᵢ *= 2, z = y.clone(), then y₀ = 0: f = z₀ + Σᵢ yᵢxᵢ = 2x₀ + Σ_{i≥1} 2xᵢ²;
// ∂f/∂x₀ = 2, ∂f/∂xᵢ = 4xᵢ for i ≥ 1 (z keeps the old y₀; y₀'s old value no longer reaches f)
#[differentiable]
fn clone_is_independent(x: &Vec<f64>) -> f64 {
    let mut y = x.clone();
    for i in 0..y.len() {
        y[i] *= 2.0;
    }
    let z = y.clone();
    y[0] = 0.0;
    let mut s = z[0];
    for i in 0..x.len() {
        s += y[i] * x[i];
    }
    s
}

#[test]
fn cloned_buffer_keeps_its_own_gradient_after_the_original_is_overwritten() {
    check_n64(
        |p| clone_is_independent_grad(&p.to_vec()),
        |p| clone_is_independent(&p.to_vec()),
        |p| (0..p.len()).map(|i| if i == 0 { 2.0 } else { 4.0 * p[i] }).collect(),
        &[&[0.3, -1.2, 2.5, 0.8], &[1.0, 0.5, -3.0]],
        TOL64,
    );
}

// y = x.to_vec(), yᵢ += yᵢ₋₁ in place (prefix sums), f = Σ wᵢyᵢ;
// ∂f/∂xⱼ = Σ_{i≥j} wᵢ, ∂f/∂wᵢ = yᵢ = Σ_{j≤i} xⱼ
#[differentiable]
fn weighted_prefix_sums(x: &[f64], w: &[f64]) -> f64 {
    let mut y = x.to_vec();
    for i in 1..y.len() {
        y[i] += y[i - 1];
    }
    let mut s = 0.0;
    for i in 0..y.len() {
        s += w[i] * y[i];
    }
    s
}

#[test]
fn in_place_prefix_sum_over_a_to_vec_copy() {
    check_n64(
        |p| {
            let (v, (gx, gw)) = weighted_prefix_sums_grad(&p[..4], &p[4..]);
            (v, [gx, gw].concat())
        },
        |p| weighted_prefix_sums(&p[..4], &p[4..]),
        |p| {
            let (x, w) = (&p[..4], &p[4..]);
            let dx: Vec<f64> = (0..4).map(|j| w[j..].iter().sum()).collect();
            [dx, prefix_sums(x)].concat()
        },
        &[&[0.3, -1.2, 2.5, 0.8, 1.0, 0.5, -3.0, 2.0], &[1.0, 0.5, -3.0, 0.1, -0.2, 0.7, 0.9, 1.5]],
        TOL64,
    );
}

// ---------------------------------------------------------------------------------------------
// Writes: overwrites and compound assignments
// ---------------------------------------------------------------------------------------------

// y₀ = x; y₀ = y₀²; y₀ = sin y₀ + x; y₁ = y₀·x; f = y₀ + y₁.
// With b = sin x² + x: f = b(1 + x);  f'(x) = (2x cos x² + 1)(1 + x) + b
#[differentiable]
fn overwritten_element(x: f64) -> f64 {
    let mut y = vec![0.0; 2];
    y[0] = x;
    y[0] = y[0] * y[0];
    y[0] = y[0].sin() + x;
    y[1] = y[0] * x;
    y[0] + y[1]
}

#[test]
fn overwritten_element_uses_its_old_value() {
    let d = |x: f64| {
        let b = (x * x).sin() + x;
        (2.0 * x * (x * x).cos() + 1.0) * (1.0 + x) + b
    };
    check1_64(overwritten_element_grad, overwritten_element, d, &[-1.3, 0.4, 2.1], TOL64);
}

// y₀ = x, += x², −= x/2, *= x, /= (1 + x²): f = (x²/2 + x³)/(1 + x²);
// f'(x) = ((x + 3x²)(1 + x²) − 2x(x²/2 + x³))/(1 + x²)²
#[differentiable]
fn compound_assignments(x: f64) -> f64 {
    let mut y = vec![x];
    y[0] += x * x;
    y[0] -= 0.5 * x;
    y[0] *= x;
    y[0] /= 1.0 + x * x;
    y[0]
}

#[test]
fn every_compound_assignment_on_one_element_chains() {
    let d = |x: f64| {
        let q = 1.0 + x * x;
        ((x + 3.0 * x * x) * q - 2.0 * x * (0.5 * x * x + x * x * x)) / (q * q)
    };
    check1_64(compound_assignments_grad, compound_assignments, d, &[-1.3, 0.4, 2.1], TOL64);
}

// yᵢ = aᵢ, yᵢ *= bᵢ, yᵢ −= bᵢ, yᵢ /= aᵢ (active right-hand sides), f = Σ yᵢ = Σ (bᵢ − bᵢ/aᵢ);
// ∂f/∂aᵢ = bᵢ/aᵢ², ∂f/∂bᵢ = 1 − 1/aᵢ
#[differentiable]
fn compound_with_active_operands(a: &[f64], b: &[f64]) -> f64 {
    let mut y = a.to_vec();
    for i in 0..y.len() {
        y[i] *= b[i];
        y[i] -= b[i];
        y[i] /= a[i];
    }
    y.iter().sum()
}

#[test]
fn compound_assignments_differentiate_their_right_hand_sides() {
    check_n64(
        |p| {
            let (v, (ga, gb)) = compound_with_active_operands_grad(&p[..3], &p[3..]);
            (v, [ga, gb].concat())
        },
        |p| compound_with_active_operands(&p[..3], &p[3..]),
        |p| {
            let (a, b) = (&p[..3], &p[3..]);
            let da = (0..3).map(|i| b[i] / (a[i] * a[i]));
            let db = (0..3).map(|i| 1.0 - 1.0 / a[i]);
            da.chain(db).collect()
        },
        &[&[0.7, -1.3, 2.0, 0.5, 1.5, -0.25], &[1.2, 0.4, -0.9, -2.0, 0.3, 1.1]],
        TOL64,
    );
}

// a = x.to_vec(), b = a.clone(); a₀ *= x₁; b₀ += a₀; b₁ = a₀·b₀; f = a₀ + b₀ + b₁.
// With a₀ = x₀x₁ and b₀ = x₀ + x₀x₁: f = x₀x₁ + x₀ + x₀x₁ + x₀x₁(x₀ + x₀x₁), so
// ∂f/∂x₀ = 2x₁ + 1 + 2x₀x₁(1 + x₁), ∂f/∂x₁ = 2x₀ + x₀²(1 + 2x₁), the rest 0
#[differentiable]
fn clone_then_both_written(x: &[f64]) -> f64 {
    let mut a = x.to_vec();
    let mut b = a.clone();
    a[0] *= x[1];
    b[0] += a[0];
    b[1] = a[0] * b[0];
    a[0] + b[0] + b[1]
}

#[test]
fn original_and_clone_written_separately_keep_separate_adjoints() {
    let d = |p: &[f64]| {
        let (x0, x1) = (p[0], p[1]);
        let mut g = vec![0.0; p.len()];
        g[0] = 2.0 * x1 + 1.0 + 2.0 * x0 * x1 * (1.0 + x1);
        g[1] = 2.0 * x0 + x0 * x0 * (1.0 + 2.0 * x1);
        g
    };
    check_n64(clone_then_both_written_grad, clone_then_both_written, d, &[&[0.3, -1.2, 2.5], &[1.5, 0.5, -3.0]], TOL64);
}

// ---------------------------------------------------------------------------------------------
// In-place updates in loops
// ---------------------------------------------------------------------------------------------

// y = x.to_vec(), then `rounds` times yᵢ ← yᵢ − 0.1yᵢ³ in place; f = Σ yᵢ.
// Each entry is its own chain: ∂f/∂xᵢ = Π over rounds of (1 − 0.3yᵢ²), yᵢ before the round
#[differentiable]
fn repeated_in_place_update(x: &[f64], rounds: usize) -> f64 {
    let mut y = x.to_vec();
    for _ in 0..rounds {
        for i in 0..y.len() {
            y[i] = y[i] - 0.1 * y[i] * y[i] * y[i];
        }
    }
    let mut s = 0.0;
    for i in 0..y.len() {
        s += y[i];
    }
    s
}

#[test]
fn in_place_update_repeated_in_a_loop_multiplies_per_round_derivatives() {
    for rounds in [1usize, 5] {
        let d = |p: &[f64]| {
            p.iter()
                .map(|&x| {
                    let (mut y, mut t) = (x, 1.0);
                    for _ in 0..rounds {
                        t *= 1.0 - 0.3 * y * y;
                        y -= 0.1 * y * y * y;
                    }
                    t
                })
                .collect()
        };
        check_n64(
            |p| repeated_in_place_update_grad(p, rounds),
            |p| repeated_in_place_update(p, rounds),
            d,
            &[&[0.3, -1.2, 1.5, 0.8], &[1.0, 0.5, -1.7]],
            TOL64,
        );
    }
}

// y₀ ← sin y₀ + xᵢ on every iteration (the old y₀ feeds the new one), y₁ += y₀²; f = y₁.
// With s₀ = 0, sᵢ₊₁ = sin sᵢ + xᵢ, f = Σᵢ sᵢ₊₁²: backwards, a ← 2sᵢ₊₁ + a·cos sᵢ₊₁ and
// ∂f/∂xᵢ = a (a starting at 0 after the last iteration)
#[differentiable]
fn element_overwritten_every_iteration(x: &[f64]) -> f64 {
    let mut y = vec![0.0f64; 2];
    for i in 0..x.len() {
        y[0] = y[0].sin() + x[i];
        y[1] += y[0] * y[0];
    }
    y[1]
}

#[test]
fn element_overwritten_every_iteration_keeps_each_old_value() {
    let d = |p: &[f64]| {
        let mut s = vec![0.0f64];
        for v in p {
            s.push(s[s.len() - 1].sin() + v);
        }
        let mut g = vec![0.0; p.len()];
        let mut a = 0.0;
        for i in (0..p.len()).rev() {
            a = 2.0 * s[i + 1] + a * s[i + 1].cos();
            g[i] = a;
        }
        g
    };
    check_n64(
        element_overwritten_every_iteration_grad,
        element_overwritten_every_iteration,
        d,
        &[&[0.3, -1.2, 0.8, 0.5], &[1.0, 0.5, -3.0]],
        TOL64,
    );
}

// Two passes of yᵢ ← (yᵢ + yᵢ₋₁)/2 for i = 1.., each reading the neighbour this pass already
// updated; f = Σ (i + 1)yᵢ. f is linear in x, so ∂f/∂xⱼ = f(eⱼ), the value at the j-th unit vector
#[differentiable]
fn smoothing_passes(x: &[f64]) -> f64 {
    let mut y = x.to_vec();
    for _ in 0..2 {
        for i in 1..y.len() {
            y[i] = 0.5 * (y[i] + y[i - 1]);
        }
    }
    let mut s = 0.0;
    for i in 0..y.len() {
        s += (i as f64 + 1.0) * y[i];
    }
    s
}

#[test]
fn in_place_smoothing_reads_the_updated_neighbour() {
    let d = |p: &[f64]| {
        (0..p.len())
            .map(|j| {
                let mut e = vec![0.0; p.len()];
                e[j] = 1.0;
                smoothing_passes(&e)
            })
            .collect()
    };
    check_n64(smoothing_passes_grad, smoothing_passes, d, &[&[0.3, -1.2, 2.5, 0.8, 1.1], &[1.0, 0.5, -3.0]], TOL64);
}

// hᵢ = tanh xᵢ written in one loop, read in the next: f = Σᵢ hᵢh₍ᵢ₊₁₎ mod n (cyclic);
// ∂f/∂xᵢ = (1 − hᵢ²)(hᵢ₋₁ + hᵢ₊₁), indices mod n
#[differentiable]
fn cyclic_tanh_pairs(x: &[f64]) -> f64 {
    let n = x.len();
    let mut h = vec![0.0; n];
    for i in 0..n {
        h[i] = x[i].tanh();
    }
    let mut s = 0.0;
    for i in 0..n {
        s += h[i] * h[(i + 1) % n];
    }
    s
}

#[test]
fn buffer_written_in_one_loop_and_read_in_the_next() {
    let d = |p: &[f64]| {
        let n = p.len();
        let h: Vec<f64> = p.iter().map(|v| v.tanh()).collect();
        (0..n).map(|i| (1.0 - h[i] * h[i]) * (h[(i + n - 1) % n] + h[(i + 1) % n])).collect()
    };
    check_n64(cyclic_tanh_pairs_grad, cyclic_tanh_pairs, d, &[&[0.3, -1.2, 2.5, 0.8], &[1.0, 0.5, -0.4]], TOL64);
}

// ---------------------------------------------------------------------------------------------
// f32
// ---------------------------------------------------------------------------------------------

// dot(x, y) = Σ xᵢyᵢ in f32 by `for (a, b) in x.iter().zip(y)`;  ∂/∂x = y, ∂/∂y = x
#[differentiable]
fn dot32(x: &[f32], y: &[f32]) -> f32 {
    let mut s = 0.0;
    for (a, b) in x.iter().zip(y) {
        s += a * b;
    }
    s
}

#[test]
fn f32_dot_product_gradient_is_the_other_vector() {
    check_n32(
        |p| {
            let (v, (gx, gy)) = dot32_grad(&p[..3], &p[3..]);
            (v, [gx, gy].concat())
        },
        |p| dot32(&p[..3], &p[3..]),
        |p| [&p[3..], &p[..3]].concat(),
        &[&[0.3, -1.2, 2.5, 1.0, 0.5, -0.75], &[1.5, 0.5, 2.0, -2.0, 0.1, 3.0]],
        TOL32,
    );
}

// f32: h = vec![0.0; n], hᵢ = xᵢ², then in place hᵢ −= hᵢ₋₁ for i = 1.. (each reading the
// already-updated neighbour), f = Σ (i + 1)hᵢ. As a function of q = x²: f linear in q, with
// ∂f/∂qⱼ = Σ_{i≥j} (i + 1)(−1)^(i−j);  ∂f/∂xⱼ = 2xⱼ·∂f/∂qⱼ
#[differentiable]
fn alternating_differences32(x: &[f32]) -> f32 {
    let n = x.len();
    let mut h = vec![0.0; n];
    for i in 0..n {
        h[i] = x[i] * x[i];
    }
    for i in 1..n {
        h[i] -= h[i - 1];
    }
    let mut s = 0.0;
    for i in 0..n {
        s += (i as f32 + 1.0) * h[i];
    }
    s
}

#[test]
fn f32_in_place_difference_reads_the_updated_neighbour() {
    let d = |p: &[f32]| {
        let n = p.len();
        (0..n)
            .map(|j| {
                let dq: f32 = (j..n).map(|i| (i as f32 + 1.0) * if (i - j) % 2 == 0 { 1.0 } else { -1.0 }).sum();
                2.0 * p[j] * dq
            })
            .collect()
    };
    check_n32(
        alternating_differences32_grad,
        alternating_differences32,
        d,
        &[&[0.3, -1.2, 2.5, 0.8], &[1.0, 0.5, -3.0]],
        TOL32,
    );
}

// ---------------------------------------------------------------------------------------------
// A local buffer passed to a differentiable function
// ---------------------------------------------------------------------------------------------

// dot(x, y) = Σ xᵢyᵢ;  ∂/∂x = y, ∂/∂y = x
#[differentiable]
fn dot(x: &[f64], y: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        s += x[i] * y[i];
    }
    s
}

// y = x.map(sin).collect(), f = dot(y, x) + dot(y, y) = Σ xᵢ sin xᵢ + sin² xᵢ;
// ∂f/∂xᵢ = sin xᵢ + xᵢ cos xᵢ + 2 sin xᵢ cos xᵢ (dot's gradient reaches x through y's adjoint)
#[differentiable]
fn local_buffer_passed_to_calls(x: &[f64]) -> f64 {
    let y: Vec<f64> = x.iter().map(|v| v.sin()).collect();
    dot(&y, x) + dot(&y, &y)
}

#[test]
fn callee_gradient_flows_back_into_the_local_buffer() {
    let d = |p: &[f64]| p.iter().map(|v| v.sin() + v * v.cos() + 2.0 * v.sin() * v.cos()).collect();
    check_n64(
        local_buffer_passed_to_calls_grad,
        local_buffer_passed_to_calls,
        d,
        &[&[0.3, -1.2, 2.5, 0.8], &[1.0, 0.5, -3.0]],
        TOL64,
    );
}

// ---------------------------------------------------------------------------------------------
// Scratch buffers filled again in the reverse sweep, and sub-slices
// ---------------------------------------------------------------------------------------------

// For each row r of a (rows × n, row-major) and each centre c: d = a_r − c, f = Σ_r Σ_c ‖d‖²·w_c,
// with d a scratch buffer refilled per (r, c). ∂f/∂a_rj = Σ_c 2 w_c (a_rj − c_j) and
// ∂f/∂c_j = −Σ_r 2 w_c (a_rj − c_j) (one centre here, so w is a scalar).
#[differentiable(wrt(a, centre))]
fn scratch_refilled(a: &[f64], centre: &[f64], w: f64, n: usize) -> f64 {
    let rows = a.len() / n;
    let mut d = vec![0.0; n];
    let mut total = 0.0;
    for r in 0..rows {
        for j in 0..n {
            d[j] = a[r * n + j] - centre[j];
        }
        // Reads after the fill, a nested loop reading several elements of `d`.
        for j in 0..n {
            let mut s = 0.0;
            for k in 0..j + 1 {
                s += d[k] * d[j];
            }
            total += w * (s - d[j] * d[j] * (j as f64)) / (j as f64 + 1.0);
        }
    }
    total
}

fn scratch_refilled_by_hand(a: &[f64], centre: &[f64], w: f64, n: usize) -> Vec<f64> {
    // f = w Σ_r Σ_j (Σ_{k≤j} d_k d_j − j d_j²)/(j + 1), differentiated per row.
    let mut da = vec![0.0; a.len()];
    let mut dc = vec![0.0; n];
    for r in 0..a.len() / n {
        let d: Vec<f64> = (0..n).map(|j| a[r * n + j] - centre[j]).collect();
        let mut dd = vec![0.0; n];
        for j in 0..n {
            let scale = w / (j as f64 + 1.0);
            for k in 0..=j {
                dd[k] += scale * d[j];
                dd[j] += scale * d[k];
            }
            dd[j] -= scale * 2.0 * d[j] * j as f64;
        }
        for j in 0..n {
            da[r * n + j] += dd[j];
            dc[j] -= dd[j];
        }
    }
    [da, dc].concat()
}

#[test]
fn a_scratch_buffer_refilled_per_iteration_is_filled_again_backwards() {
    let n = 3;
    check_n64(
        |p| {
            let (v, (da, dc)) = scratch_refilled_grad(&p[..6], &p[6..9], 0.7, n);
            (v, [da, dc].concat())
        },
        |p| scratch_refilled(&p[..6], &p[6..9], 0.7, n),
        |p| scratch_refilled_by_hand(&p[..6], &p[6..9], 0.7, n),
        &[&[0.5, -1.0, 2.0, 0.25, 1.5, -0.75, 0.1, 0.2, -0.3], &[1.0, 2.5, 3.0, -1.25, -2.0, -3.5, 0.5, 0.75, 0.25]],
        TOL64,
    );
}

// A buffer filled by a loop but also written elsewhere is not refilled (its reads are
// recorded): f = Σ_j b_j² with b filled from x, then b₀ overwritten by 3x₁.
#[differentiable]
fn filled_then_patched(x: &[f64]) -> f64 {
    let n = x.len();
    let mut b = vec![0.0; n];
    let mut total = 0.0;
    for _round in 0..2 {
        for j in 0..n {
            b[j] = x[j] * x[j];
        }
        total += b[0] * b[1];
        b[0] = 3.0 * x[1];
        total += b[0] * b[1];
    }
    total
}

#[test]
fn a_buffer_also_written_outside_its_fill_loop_is_recorded_instead() {
    check_n64(
        filled_then_patched_grad,
        filled_then_patched,
        // f = 2(x₀² x₁² + 3 x₁³)
        |p| vec![4.0 * p[0] * p[1] * p[1], 4.0 * p[0] * p[0] * p[1] + 18.0 * p[1] * p[1], 0.0],
        &[&[0.5, -1.5, 2.0], &[1.25, 0.75, -0.5]],
        TOL64,
    );
}

// Sub-slices passed to a callee send its gradient into the same range:
// f = Σ_c pair(&v[2c..2c + 2]) with pair(p) = p₀·p₁, so ∂f/∂v₂c = v₂c₊₁ and ∂f/∂v₂c₊₁ = v₂c.
#[differentiable]
fn pair(p: &[f64]) -> f64 {
    p[0] * p[1]
}

#[differentiable]
fn sum_of_pairs(v: &[f64]) -> f64 {
    let mut total = 0.0;
    for c in 0..v.len() / 2 {
        total += pair(&v[2 * c..2 * c + 2]);
    }
    total + pair(&v[v.len() - 2..]) + pair(&v[..=1])
}

#[test]
fn a_sub_slice_argument_gets_its_gradient_in_the_same_range() {
    check_n64(
        sum_of_pairs_grad,
        sum_of_pairs,
        |p| {
            let mut g: Vec<f64> = (0..p.len()).map(|i| p[i ^ 1]).collect();
            let n = p.len();
            g[n - 2] += p[n - 1];
            g[n - 1] += p[n - 2];
            g[0] += p[1];
            g[1] += p[0];
            g
        },
        &[&[0.5, -1.0, 2.0, 0.25], &[1.0, 2.0, 3.0, -1.0, -2.0, -3.0]],
        TOL64,
    );
}

// A sub-slice bound to a name reads and differentiates like the slice itself:
// row = &x[1..3], f = row₀·row₁ + x₀ = x₁x₂ + x₀.
#[differentiable]
fn named_sub_slice(x: &[f64]) -> f64 {
    let row = &x[1..3];
    row[0] * row[1] + x[0]
}

#[test]
fn a_named_sub_slice_reads_through_to_the_slice() {
    check_n64(
        named_sub_slice_grad,
        named_sub_slice,
        |p| vec![1.0, p[2], p[1], 0.0],
        &[&[0.5, -1.0, 2.0, 0.25], &[1.0, 2.0, 3.0, -1.0]],
        TOL64,
    );
}

// A scratch buffer declared inside a loop and filled by `=` in an inner loop (made and filled
// again in the reverse sweep, not recorded): f = Σᵢ (wᵢ₀ wᵢ₁)·(i + 1) over rows of two;
// ∂f/∂wᵢ₀ = (i + 1) wᵢ₁, ∂f/∂wᵢ₁ = (i + 1) wᵢ₀
#[differentiable]
fn scratch_inside_a_loop(w: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..w.len() / 2 {
        let mut t = vec![0.0; 2];
        for j in 0..2 {
            t[j] = w[2 * i + j];
        }
        s += t[0] * t[1] * (i + 1) as f64;
    }
    s
}

#[test]
fn a_scratch_buffer_declared_in_a_loop_is_made_again() {
    let by_hand =
        |p: &[f64]| (0..p.len()).map(|k| if k % 2 == 0 { p[k + 1] } else { p[k - 1] } * (k / 2 + 1) as f64).collect();
    check_n64(
        scratch_inside_a_loop_grad,
        scratch_inside_a_loop,
        by_hand,
        &[&[0.5, -1.0, 0.25, 2.0, 0.3, -0.7], &[1.0, 2.0, 3.0, -1.0]],
        TOL64,
    );
    let (w, v) = ([0.5, -1.0, 0.25, 2.0], [1.0, 0.5, -2.0, 0.25]);
    let (_, _, hv) = scratch_inside_a_loop_hvp(&w, &v);
    assert_grad_close(&hv, &[v[1], v[0], 2.0 * v[3], 2.0 * v[2]], EXACT64);
}

// A fill reading a value that changes later in the iteration or from one iteration to the next
// cannot be run again in the reverse sweep (it would read the value the variable has then):
// the buffer is recorded. f = Σᵢ Σⱼ sin(xⱼ cᵢ) with cᵢ = 2ⁱ carried by `c *= 2.0`;
// ∂f/∂xⱼ = Σᵢ cᵢ cos(xⱼ cᵢ) (found by a stranger's review: the fill read c's final value)
#[differentiable]
fn fill_of_a_carried_scale(x: &[f64]) -> f64 {
    let n = x.len();
    let mut c = 1.0;
    let mut s = 0.0;
    for _ in 0..n {
        let mut t = vec![0.0; n];
        for j in 0..n {
            t[j] = x[j] * c;
        }
        for j in 0..n {
            s += t[j].sin();
        }
        c *= 2.0;
    }
    s
}

// The same with an index counted by `k += 1` after the fill: f = Σᵢ Σⱼ sin(xⱼ xᵢ);
// ∂f/∂xₘ = Σⱼ xⱼ cos(xₘ xⱼ) + Σᵢ xᵢ cos(xᵢ xₘ) (the fill read k's final value, out of bounds)
#[differentiable]
#[allow(clippy::explicit_counter_loop, reason = "the counter is the construct under test")]
fn fill_of_a_counted_entry(x: &[f64]) -> f64 {
    let n = x.len();
    let mut k = 0;
    let mut s = 0.0;
    for _ in 0..n {
        let mut t = vec![0.0; n];
        for j in 0..n {
            t[j] = x[j] * x[k];
        }
        k += 1;
        for j in 0..n {
            s += t[j].sin();
        }
    }
    s
}

#[test]
fn a_fill_reading_a_changing_value_is_recorded() {
    let points: [&[f64]; 2] = [&[0.7, -0.4, 1.3, 0.25, -1.1], &[0.3, 0.9]];
    check_n64(
        fill_of_a_carried_scale_grad,
        fill_of_a_carried_scale,
        |p| {
            let scales: Vec<f64> = (0..p.len()).map(|i| 2f64.powi(i as i32)).collect();
            p.iter().map(|x| scales.iter().map(|c| c * (x * c).cos()).sum()).collect()
        },
        &points,
        TOL64,
    );
    check_n64(
        fill_of_a_counted_entry_grad,
        fill_of_a_counted_entry,
        |p| (0..p.len()).map(|m| 2.0 * p.iter().map(|x| x * (p[m] * x).cos()).sum::<f64>()).collect(),
        &points,
        TOL64,
    );
}

// A buffer declared inside a loop is a new one in every iteration: a read after the last write
// of its iteration is repeated in the reverse sweep (on the buffer kept for that iteration),
// while a buffer written again later in the same iteration keeps its read recorded.
// f = Σᵢ Σⱼ qⱼ² with q = (xᵢ·w₀, xᵢ·w₁) per row i, then, in the second function, q₀ overwritten
// by 1 after the sum and read again. ∂f/∂xᵢ = 2xᵢ(w₀² + w₁²), ∂f/∂wⱼ = 2wⱼ Σᵢ xᵢ²; the second
// adds Σᵢ q₀ = n to f (no gradient).
#[differentiable]
fn per_row_square_sum(x: &[f64], w: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        let mut q = vec![0.0; 2];
        for j in 0..2 {
            q[j] = x[i] * w[j];
        }
        q[1] += 0.0 * q[0];
        for j in 0..2 {
            s += q[j] * q[j];
        }
    }
    s
}

#[differentiable]
fn per_row_square_sum_then_overwritten(x: &[f64], w: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        let mut q = vec![0.0; 2];
        for j in 0..2 {
            q[j] = x[i] * w[j];
        }
        q[1] += 0.0 * q[0];
        for j in 0..2 {
            s += q[j] * q[j];
        }
        q[0] = 1.0;
        s += q[0];
    }
    s
}

#[test]
fn a_buffer_declared_in_a_loop_is_read_again_in_its_own_iteration() {
    let by_hand = |p: &[f64]| {
        let (x, w) = (&p[..3], &p[3..]);
        let ww = w[0] * w[0] + w[1] * w[1];
        let xx: f64 = x.iter().map(|v| v * v).sum();
        x.iter().map(|v| 2.0 * v * ww).chain(w.iter().map(|wj| 2.0 * wj * xx)).collect()
    };
    let points: [&[f64]; 2] = [&[0.5, -1.0, 2.0, 0.3, -0.7], &[1.5, 0.25, -0.5, 2.0, 1.0]];
    check_n64(
        |p| {
            let (v, (gx, gw)) = per_row_square_sum_grad(&p[..3], &p[3..]);
            (v, [gx, gw].concat())
        },
        |p| per_row_square_sum(&p[..3], &p[3..]),
        by_hand,
        &points,
        TOL64,
    );
    check_n64(
        |p| {
            let (v, (gx, gw)) = per_row_square_sum_then_overwritten_grad(&p[..3], &p[3..]);
            (v, [gx, gw].concat())
        },
        |p| per_row_square_sum_then_overwritten(&p[..3], &p[3..]),
        by_hand,
        &points,
        TOL64,
    );
}

// A scratch row made in each iteration, written element by element and read linearly: only
// its length is kept for the reverse sweep. f = Σᵢ (i·sin x₀ − 2x₀x₁) = S sin x₀ − 2n x₀x₁,
// S = n(n − 1)/2.
#[differentiable]
fn scratch_rows(x: &[f64], n: usize) -> f64 {
    let mut acc = 0.0;
    for i in 0..n {
        let mut t = vec![0.0; 2];
        t[0] = x[0].sin() * i as f64;
        t[1] = x[1] * x[0];
        acc += t[0] - 2.0 * t[1];
    }
    acc
}

// The same with the row a call's result, never changed: its length is kept.
#[differentiable]
fn row_of(x: &[f64], i: usize) -> Vec<f64> {
    vec![x[0].sin() * i as f64, x[1] * x[0]]
}

#[differentiable]
fn called_rows(x: &[f64], n: usize) -> f64 {
    let mut acc = 0.0;
    for i in 0..n {
        let t = row_of(x, i);
        acc += t[0] - 2.0 * t[1];
    }
    acc
}

#[test]
fn rows_kept_by_their_length_only() {
    let x = [0.7f64, -1.3];
    for n in [0usize, 1, 4] {
        let s = (n * n.saturating_sub(1) / 2) as f64;
        let nf = n as f64;
        let want = [s * x[0].cos() - 2.0 * nf * x[1], -2.0 * nf * x[0]];
        for (name, grad, hvp) in [
            ("scratch", scratch_rows_grad(&x, n), scratch_rows_hvp(&x, n, &[1.0, 0.5])),
            ("called", called_rows_grad(&x, n), called_rows_hvp(&x, n, &[1.0, 0.5])),
        ] {
            assert_grad_close(&grad.1, &want, 1e-14);
            assert_grad_close(&grad.1, &fd_grad(|p: &[f64]| scratch_rows(p, n), &x), 1e-7);
            // H = [[−S sin x₀, −2n], [−2n, 0]]
            let h = [-s * x[0].sin() - nf, -2.0 * nf];
            assert_grad_close(&hvp.2, &h, 1e-14);
            assert_eq!(grad.0, hvp.0, "{name}: the value");
        }
    }
}
