//! Gradients through bindings, mutation, blocks, branches, loops and early exits.
//!
//! Each function's comment gives it in closed form with its hand-derived derivative. Where the
//! function iterates, the derivative is given as the tangent recurrence of the iteration
//! (`t` is `dy/dx` of the loop-carried `y`) and the test computes it alongside the primal.
//! Every branch and every way out of a loop is taken at two or more points.

mod common;
use backprop::differentiable;
use common::*;

// ---------------------------------------------------------------------------------------------
// Bindings and mutation
// ---------------------------------------------------------------------------------------------

// f(x) = 2x·sin 2x, through a typed and an untyped `let`;  f'(x) = 2 sin 2x + 4x cos 2x
#[differentiable]
fn typed_and_untyped_lets(x: f64) -> f64 {
    let a: f64 = 2.0 * x;
    let b = a.sin();
    b * a
}

#[test]
fn typed_and_untyped_lets_chain_like_one_expression() {
    let d = |x: f64| 2.0 * (2.0 * x).sin() + 4.0 * x * (2.0 * x).cos();
    check1_64(typed_and_untyped_lets_grad, typed_and_untyped_lets, d, &[-0.8, 0.3, 1.9], TOL64);
}

// f(x) = 2(e^(x²) + x), the local `y` shadowed twice;  f'(x) = 2(2x e^(x²) + 1)
#[differentiable]
fn shadowed_local(x: f64) -> f64 {
    let y = x * x;
    let y = y.exp();
    let y = y + x;
    y * 2.0
}

// f(x) = sin² x + 1, the parameter `x` shadowed;  f'(x) = 2 sin x cos x
#[differentiable]
fn shadowed_parameter(x: f64) -> f64 {
    let x = x.sin();
    let x = x * x;
    x + 1.0
}

#[test]
fn shadowing_differentiates_the_newest_binding_through_the_old_ones() {
    let d = |x: f64| 2.0 * (2.0 * x * (x * x).exp() + 1.0);
    check1_64(shadowed_local_grad, shadowed_local, d, &[-0.8, 0.3, 1.1], TOL64);
    let d = |x: f64| 2.0 * x.sin() * x.cos();
    check1_64(shadowed_parameter_grad, shadowed_parameter, d, &[-0.8, 0.3, 1.9], TOL64);
}

// f(x) = sin 3x + x, by reassigning a `let mut`;  f'(x) = 3 cos 3x + 1
#[differentiable]
#[allow(clippy::assign_op_pattern)] // the plain reassignment form is what is under test
fn reassigned_mut(x: f64) -> f64 {
    let mut s = x;
    s = s * 3.0;
    s = s.sin() + x;
    s
}

#[test]
fn reassignment_replaces_the_value_and_its_gradient() {
    let d = |x: f64| 3.0 * (3.0 * x).cos() + 1.0;
    check1_64(reassigned_mut_grad, reassigned_mut, d, &[-0.8, 0.3, 1.9], TOL64);
}

// z = x; z += y; z -= x/2; z *= y; z /= x + 2  ⇒  f(x, y) = (x/2 + y)·y / (x + 2);
// ∂f/∂x = y(1 − y) / (x + 2)²,  ∂f/∂y = (x/2 + 2y) / (x + 2)
#[differentiable]
fn compound_assignments(x: f64, y: f64) -> f64 {
    let mut z = x;
    z += y;
    z -= 0.5 * x;
    z *= y;
    z /= x + 2.0;
    z
}

#[test]
fn compound_assignments_apply_their_operator_rules() {
    check_n64(
        |p| {
            let (v, (gx, gy)) = compound_assignments_grad(p[0], p[1]);
            (v, vec![gx, gy])
        },
        |p| compound_assignments(p[0], p[1]),
        |p| {
            let (x, y) = (p[0], p[1]);
            vec![y * (1.0 - y) / ((x + 2.0) * (x + 2.0)), (0.5 * x + 2.0 * y) / (x + 2.0)]
        },
        &[&[0.5, 2.0], &[-1.0, -0.7], &[3.0, 0.4]],
        TOL64,
    );
}

// f(x) = (2x + 1)² + sin x, computed in nested blocks;  f'(x) = 4(2x + 1) + cos x
#[differentiable]
fn nested_blocks(x: f64) -> f64 {
    let a = {
        let t = x * 2.0;
        {
            let u = t + 1.0;
            u * u
        }
    };
    let b = {
        let s = x.sin();
        s + 0.0
    };
    a + b
}

// f(x) = cos 3x + x, where an inner block shadows `x` and the outer `x` is used after it;
// f'(x) = −3 sin 3x + 1
#[differentiable]
fn block_shadows_the_parameter(x: f64) -> f64 {
    let b = {
        let x = x * 3.0;
        x.cos()
    };
    b + x
}

#[test]
fn nested_blocks_scope_their_bindings() {
    let d = |x: f64| 4.0 * (2.0 * x + 1.0) + x.cos();
    check1_64(nested_blocks_grad, nested_blocks, d, &[-0.8, 0.3, 1.9], TOL64);
    let d = |x: f64| -3.0 * (3.0 * x).sin() + 1.0;
    let f = block_shadows_the_parameter;
    check1_64(block_shadows_the_parameter_grad, f, d, &[-0.8, 0.3, 1.9], TOL64);
}

// ---------------------------------------------------------------------------------------------
// Branches
// ---------------------------------------------------------------------------------------------

// f(x) = sin x for x ≤ 1, x sin x for x > 1 (an `if` statement without `else`);
// f'(x) = cos x, or sin x + x cos x
#[differentiable]
fn if_without_else(x: f64) -> f64 {
    let mut y = x.sin();
    if x > 1.0 {
        y *= x;
    }
    y
}

#[test]
fn if_without_else_differentiates_the_taken_and_the_skipped_body() {
    let d = |x: f64| {
        if x > 1.0 { x.sin() + x * x.cos() } else { x.cos() }
    };
    check1_64(if_without_else_grad, if_without_else, d, &[-0.5, 0.2, 1.5, 2.5], TOL64);
}

// f(x) = eˣ (x < −1), x³ (−1 ≤ x < 1), x + ln x (x ≥ 1), as `if`/`else if`/`else` statements;
// f'(x) = eˣ, 3x², 1 + 1/x
#[differentiable]
fn else_if_statements(x: f64) -> f64 {
    let mut r = x;
    if x < -1.0 {
        r = x.exp();
    } else if x < 1.0 {
        r = r * r * r;
    } else {
        r += x.ln();
    }
    r
}

#[test]
fn else_if_statement_chain_takes_each_arm() {
    let d = |x: f64| {
        if x < -1.0 {
            x.exp()
        } else if x < 1.0 {
            3.0 * x * x
        } else {
            1.0 + 1.0 / x
        }
    };
    let pts = &[-2.0, -1.5, -0.5, 0.3, 2.0, 3.0];
    check1_64(else_if_statements_grad, else_if_statements, d, pts, TOL64);
}

// f(x) = 2 sin x when x² > 2, 2x cos x otherwise (an `if` expression bound by `let`);
// f'(x) = 2 cos x, or 2(cos x − x sin x)
#[differentiable]
fn if_expression_on_active_condition(x: f64) -> f64 {
    let y = if x * x > 2.0 { x.sin() } else { x.cos() * x };
    y * 2.0
}

#[test]
fn if_expression_branches_on_an_active_value() {
    let d = |x: f64| {
        if x * x > 2.0 { 2.0 * x.cos() } else { 2.0 * (x.cos() - x * x.sin()) }
    };
    let pts = &[-2.0, -0.8, 0.3, 2.0];
    check1_64(if_expression_on_active_condition_grad, if_expression_on_active_condition, d, pts, TOL64);
}

// f(x, y) = xy (x > y), y − x (x ≤ y, x < 0), √(x + y) (otherwise), as the tail expression;
// ∇f = (y, x), (−1, 1), (1, 1) / (2√(x + y))
#[differentiable]
fn if_else_if_as_tail(x: f64, y: f64) -> f64 {
    if x > y {
        x * y
    } else if x < 0.0 {
        y - x
    } else {
        (x + y).sqrt()
    }
}

#[test]
fn tail_if_else_if_returns_the_gradient_of_the_taken_arm() {
    check_n64(
        |p| {
            let (v, (gx, gy)) = if_else_if_as_tail_grad(p[0], p[1]);
            (v, vec![gx, gy])
        },
        |p| if_else_if_as_tail(p[0], p[1]),
        |p| {
            let (x, y) = (p[0], p[1]);
            if x > y {
                vec![y, x]
            } else if x < 0.0 {
                vec![-1.0, 1.0]
            } else {
                let h = 0.5 / (x + y).sqrt();
                vec![h, h]
            }
        },
        &[&[2.0, 1.0], &[3.0, -1.0], &[-1.0, 2.0], &[-2.0, -0.5], &[0.5, 2.0], &[1.0, 3.0]],
        TOL64,
    );
}

// With m = 2n + 1 (always odd): f = m·x when (n ≥ 3 and not flag) or (flag and x > 0);
// else eˣ when not flag; else −x.  f'(x) = m, eˣ or −1.
#[differentiable]
fn integer_and_boolean_conditions(x: f64, n: usize, flag: bool) -> f64 {
    let m = n * 2 + 1;
    let odd = m % 2 == 1;
    let big = n >= 3 && !flag;
    if big || (flag && x > 0.0) {
        x * m as f64
    } else if odd != flag {
        x.exp()
    } else {
        -x
    }
}

#[test]
fn integer_and_boolean_logic_picks_the_branch_without_carrying_gradient() {
    for n in [1usize, 4] {
        for flag in [false, true] {
            let d = |x: f64| {
                let m = (2 * n + 1) as f64;
                if (n >= 3 && !flag) || (flag && x > 0.0) {
                    m
                } else if !flag {
                    x.exp()
                } else {
                    -1.0
                }
            };
            check1_64(
                |x| integer_and_boolean_conditions_grad(x, n, flag),
                |x| integer_and_boolean_conditions(x, n, flag),
                d,
                &[-1.5, -0.3, 0.4, 2.0],
                TOL64,
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// `for` loops
// ---------------------------------------------------------------------------------------------

// f(x) = Σ_{i=0}^{n−1} xⁱ over `0..n`;  f'(x) = Σ_{i=1}^{n−1} i xⁱ⁻¹
#[differentiable]
fn power_series(x: f64, n: usize) -> f64 {
    let mut s = 0.0;
    for i in 0..n {
        s += x.powi(i as i32);
    }
    s
}

#[test]
fn for_over_exclusive_range_sums_every_iteration() {
    for n in [1usize, 2, 6] {
        let d = |x: f64| (1..n).map(|i| i as f64 * x.powi(i as i32 - 1)).sum::<f64>();
        let pts = &[-1.3, 0.4, 1.7];
        check1_64(|x| power_series_grad(x, n), |x| power_series(x, n), d, pts, TOL64);
    }
}

// f(x) = Π_{i=1}^{n} (x + i) over `1..=n`;  f'(x) = Σ_j Π_{i≠j} (x + i)
#[differentiable]
fn shifted_product(x: f64, n: usize) -> f64 {
    let mut p = 1.0;
    for i in 1..=n {
        p *= x + i as f64;
    }
    p
}

#[test]
fn for_over_inclusive_range_includes_the_last_factor() {
    for n in [1usize, 3, 5] {
        let d = |x: f64| {
            let factors = |skip: usize| (1..=n).filter(move |&i| i != skip).map(move |i| x + i as f64);
            (1..=n).map(|j| factors(j).product::<f64>()).sum::<f64>()
        };
        let pts = &[-2.5, 0.4, 1.7];
        check1_64(|x| shifted_product_grad(x, n), |x| shifted_product(x, n), d, pts, TOL64);
    }
}

// Horner over `(0..n).rev()`: f(x) = Σ_{c=0}^{n−1} (c + 1) xᶜ;  f'(x) = Σ_{c=1}^{n−1} c(c + 1) xᶜ⁻¹
#[differentiable]
fn horner_in_reverse(x: f64, n: usize) -> f64 {
    let mut acc = 0.0;
    for c in (0..n).rev() {
        acc = acc * x + (c + 1) as f64;
    }
    acc
}

#[test]
fn reversed_range_runs_horner_from_the_top_coefficient() {
    for n in [2usize, 5] {
        let d = |x: f64| (1..n).map(|c| (c * (c + 1)) as f64 * x.powi(c as i32 - 1)).sum::<f64>();
        let pts = &[-1.3, 0.4, 1.7];
        check1_64(|x| horner_in_reverse_grad(x, n), |x| horner_in_reverse(x, n), d, pts, TOL64);
    }
}

// k over `(1..10).step_by(3)` = 1, 4, 7: f(x) = Σ sin kx;  f'(x) = Σ k cos kx
#[differentiable]
fn stepped_sines(x: f64) -> f64 {
    let mut s = 0.0;
    for k in (1..10).step_by(3) {
        s += (x * k as f64).sin();
    }
    s
}

// c over `(0..=9).rev().step_by(4)` = 9, 5, 1: Horner gives f(x) = 9x² + 5x + 1;  f'(x) = 18x + 5
#[differentiable]
fn reversed_and_stepped(x: f64) -> f64 {
    let mut acc = 0.0;
    for c in (0..=9).rev().step_by(4) {
        acc = acc * x + c as f64;
    }
    acc
}

#[test]
fn step_by_visits_every_kth_index() {
    let d = |x: f64| [1.0, 4.0, 7.0].iter().map(|k| k * (k * x).cos()).sum::<f64>();
    check1_64(stepped_sines_grad, stepped_sines, d, &[-0.9, 0.3, 1.3], TOL64);
    let d = |x: f64| 18.0 * x + 5.0;
    check1_64(reversed_and_stepped_grad, reversed_and_stepped, d, &[-0.9, 0.3, 1.3], TOL64);
}

// f(x) = Σ_{i<n} Σ_{j≤i} sin((i + j)x);  f'(x) = Σ_{i<n} Σ_{j≤i} (i + j) cos((i + j)x)
#[differentiable]
fn triangular_nested_loops(x: f64, n: usize) -> f64 {
    let mut s = 0.0;
    for i in 0..n {
        for j in 0..=i {
            s += ((i + j) as f64 * x).sin();
        }
    }
    s
}

#[test]
fn nested_loops_sum_every_inner_iteration() {
    for n in [1usize, 4] {
        let d = |x: f64| {
            let mut g = 0.0;
            for i in 0..n {
                for j in 0..=i {
                    let k = (i + j) as f64;
                    g += k * (k * x).cos();
                }
            }
            g
        };
        let pts = &[-0.9, 0.3, 1.3];
        let f = |x| triangular_nested_loops(x, n);
        check1_64(|x| triangular_nested_loops_grad(x, n), f, d, pts, TOL64);
    }
}

// f(x, n) = Σ_{i<n} (2x + x + sin(x + i)), each term from a `let mut` declared inside the loop
// body and then reassigned (p = 2p from x, q = q·x from 1, r = sin r from x + i);
// f'(x) = Σ_{i<n} (3 + cos(x + i))
#[differentiable]
#[allow(clippy::assign_op_pattern)] // the plain reassignment form is what is under test
fn let_mut_declared_inside_loop(x: f64, n: usize) -> f64 {
    let mut s = 0.0;
    for i in 0..n {
        let mut p = x;
        p = p * 2.0;
        let mut q = 1.0;
        q = q * x;
        let mut r = x + i as f64;
        r = r.sin();
        s += p + q + r;
    }
    s
}

#[test]
fn let_mut_declared_inside_a_loop_body_starts_afresh_every_iteration() {
    for n in [1usize, 2, 5] {
        let d = |x: f64| (0..n).map(|i| 3.0 + (x + i as f64).cos()).sum::<f64>();
        let f = |x| let_mut_declared_inside_loop(x, n);
        check1_64(|x| let_mut_declared_inside_loop_grad(x, n), f, d, &[-0.9, 0.7, 1.8], TOL64);
    }
}

// s = Σ_{i<n} p_i with p_i = x · Π_{j = i, i−1, …, 0} cos(j + x): the inner range is reversed
// and bounded by the outer index, and p restarts from x every outer iteration.
// Tangent of p: t ← t cos(j + x) − p sin(j + x) from t = 1;  f'(x) = Σ_i t_i
#[differentiable]
#[allow(clippy::assign_op_pattern)] // the plain reassignment form is what is under test
fn reversed_inner_loop_bounded_by_outer_index(x: f64, n: usize) -> f64 {
    let mut s = 0.0;
    for i in 0..n {
        let mut p = x;
        for j in (0..=i).rev() {
            p = p * (j as f64 + x).cos();
        }
        s += p;
    }
    s
}

#[test]
fn reversed_inner_loop_bounded_by_the_outer_index_restarts_each_outer_iteration() {
    for n in [1usize, 4] {
        let d = |x: f64| {
            let mut g = 0.0;
            for i in 0..n {
                let (mut p, mut t) = (x, 1.0);
                for j in (0..=i).rev() {
                    let c = j as f64 + x;
                    t = t * c.cos() - p * c.sin();
                    p *= c.cos();
                }
                g += t;
            }
            g
        };
        let f = |x| reversed_inner_loop_bounded_by_outer_index(x, n);
        let grad = |x| reversed_inner_loop_bounded_by_outer_index_grad(x, n);
        check1_64(grad, f, d, &[-0.9, 0.4, 1.3], TOL64);
    }
}

// y₀ = x; for i in 1..n: t = y, then i times t ← t/2 + x; y ← sin t + y.
// Tangents: dt ← dt/2 + 1 per inner step; dy ← cos t · dt + dy.
#[differentiable]
fn nested_loops_feed_each_other(x: f64, n: usize) -> f64 {
    let mut y = x;
    for i in 1..n {
        let mut t = y;
        for _ in 0..i {
            t = t * 0.5 + x;
        }
        y += t.sin();
    }
    y
}

#[test]
fn inner_loop_reads_and_outer_loop_overwrites_the_carried_value() {
    let n = 4;
    let d = |x: f64| {
        let (mut y, mut dy) = (x, 1.0);
        for i in 1..n {
            let (mut t, mut dt) = (y, dy);
            for _ in 0..i {
                t = t * 0.5 + x;
                dt = dt * 0.5 + 1.0;
            }
            dy += t.cos() * dt;
            y += t.sin();
        }
        dy
    };
    let f = |x| nested_loops_feed_each_other(x, n);
    let pts = &[-0.9, 0.3, 1.3];
    check1_64(|x| nested_loops_feed_each_other_grad(x, n), f, d, pts, TOL64);
}

// n times x ← x·sin x on a shadowing `let mut x`;  tangent: t ← t (sin x + x cos x)
#[differentiable]
fn overwritten_every_iteration(x: f64, n: usize) -> f64 {
    let mut x = x;
    for _ in 0..n {
        x = x * x.sin();
    }
    x
}

// The same iteration on a `mut` parameter
#[differentiable]
fn overwritten_mut_parameter(mut x: f64, n: usize) -> f64 {
    for _ in 0..n {
        x = x * x.sin();
    }
    x
}

#[test]
fn loop_carried_value_overwritten_every_iteration_chains_each_step() {
    for n in [0usize, 1, 5] {
        let d = |x0: f64| {
            let (mut x, mut t) = (x0, 1.0);
            for _ in 0..n {
                t *= x.sin() + x * x.cos();
                x *= x.sin();
            }
            t
        };
        let pts = &[-0.9, 0.7, 2.0];
        let f = |x| overwritten_every_iteration(x, n);
        check1_64(|x| overwritten_every_iteration_grad(x, n), f, d, pts, TOL64);
        let f = |x| overwritten_mut_parameter(x, n);
        check1_64(|x| overwritten_mut_parameter_grad(x, n), f, d, pts, TOL64);
    }
}

// ---------------------------------------------------------------------------------------------
// `while` and `loop`
// ---------------------------------------------------------------------------------------------

// y₀ = x; n times y ← sin(y·x) (a `while` on an integer counter);
// tangent: t ← cos(y·x)·(t·x + y)
#[differentiable]
fn while_on_counter(x: f64, n: u32) -> f64 {
    let mut i = 0;
    let mut y = x;
    while i < n {
        y = (y * x).sin();
        i += 1;
    }
    y
}

#[test]
fn while_on_an_integer_counter_replays_each_iteration() {
    for n in [0u32, 1, 4] {
        let d = |x: f64| {
            let (mut y, mut t) = (x, 1.0);
            for _ in 0..n {
                t = (y * x).cos() * (t * x + y);
                y = (y * x).sin();
            }
            t
        };
        let pts = &[-0.9, 0.7, 1.6];
        let f = |x| while_on_counter(x, n);
        check1_64(|x| while_on_counter_grad(x, n), f, d, pts, TOL64);
    }
}

// Newton's iteration for ∛a, stopping on a condition that reads the active iterate:
// f(a) = ∛a;  f'(a) = 1 / (3 ∛a²)
#[differentiable]
fn newton_cube_root(a: f64) -> f64 {
    let mut y = a;
    while (y * y * y - a).abs() > 1e-14 * a {
        y = y - (y * y * y - a) / (3.0 * y * y);
    }
    y
}

#[test]
fn newton_iteration_with_an_active_condition_converges_to_the_true_derivative() {
    let d = |a: f64| 1.0 / (3.0 * (a * a).cbrt());
    check1_64(newton_cube_root_grad, newton_cube_root, d, &[0.5, 2.0, 27.0, 300.0], TOL64);
}

// i counts 1..20, skipping multiples of 3 (`continue`), adding x/i; `break` once s² > 4.
// f(x) = x·H where H = Σ 1/i over the indices added;  f'(x) = H
#[differentiable]
fn while_with_continue_and_break(x: f64) -> f64 {
    let mut i = 0;
    let mut s = 0.0;
    while i < 20 {
        i += 1;
        if i % 3 == 0 {
            continue;
        }
        s += x / i as f64;
        if s * s > 4.0 {
            break;
        }
    }
    s
}

#[test]
fn while_with_continue_and_break_stops_where_the_active_test_says() {
    let d = |x: f64| {
        let mut h = 0.0;
        for i in (1..=20).filter(|i| i % 3 != 0) {
            h += 1.0 / i as f64;
            if (x * h) * (x * h) > 4.0 {
                break;
            }
        }
        h
    };
    // 0.5 and 0.7 run to the end, −1.2 breaks at i = 4, 3.0 at i = 1.
    let pts = &[0.5, 0.7, -1.2, 3.0];
    check1_64(while_with_continue_and_break_grad, while_with_continue_and_break, d, pts, TOL64);
}

// `loop` until y > 10 with y ← 1.5y + cos x from y₀ = x;  tangent: t ← 1.5t − sin x
#[differentiable]
fn loop_until_threshold(x: f64) -> f64 {
    let mut y = x;
    loop {
        y = y * 1.5 + x.cos();
        if y > 10.0 {
            break;
        }
    }
    y
}

#[test]
fn loop_with_break_differentiates_the_iterations_that_ran() {
    let d = |x: f64| {
        let (mut y, mut t) = (x, 1.0);
        loop {
            y = y * 1.5 + x.cos();
            t = t * 1.5 - x.sin();
            if y > 10.0 {
                return t;
            }
        }
    };
    check1_64(loop_until_threshold_grad, loop_until_threshold, d, &[1.0, 3.0, 7.5], TOL64);
}

// ---------------------------------------------------------------------------------------------
// `break`, `continue` and early `return` in `for` loops
// ---------------------------------------------------------------------------------------------

// y ← 1.1y + x from y₀ = x, breaking once y > 5: after k steps f(x) = x(11·1.1ᵏ − 10);
// f'(x) = 11·1.1ᵏ − 10 with k the number of steps run (at most 100)
#[differentiable]
fn break_at_threshold(x: f64) -> f64 {
    let mut y = x;
    for _ in 0..100 {
        y = y * 1.1 + x;
        if y > 5.0 {
            break;
        }
    }
    y
}

#[test]
fn break_stops_accumulating_the_gradient() {
    let d = |x: f64| {
        let growth = |k: i32| 11.0 * 1.1f64.powi(k) - 10.0;
        let k = (1..=100).find(|&k| x * growth(k) > 5.0).unwrap_or(100);
        growth(k)
    };
    // Breaks after 7 steps at 0.5, after 2 at 2.0; never breaks at −0.3 and −1.
    check1_64(break_at_threshold_grad, break_at_threshold, d, &[0.5, 2.0, -0.3, -1.0], TOL64);
}

// Even i in 0..6 only (`continue` on odd): f(x) = 1 + x² + x⁴;  f'(x) = 2x + 4x³
#[differentiable]
fn continue_skips_odd_powers(x: f64) -> f64 {
    let mut s = 0.0;
    for i in 0..6 {
        if i % 2 == 1 {
            continue;
        }
        s += x.powi(i);
    }
    s
}

// f(x) = Σ_{i=1}^{5} sin²(ix) over the i with sin(ix) ≥ 0 (`continue` on an active test);
// f'(x) = Σ over the same i of 2i sin(ix) cos(ix)
#[differentiable]
fn continue_on_active_value(x: f64) -> f64 {
    let mut s = 0.0;
    for i in 1..6 {
        let t = (x * i as f64).sin();
        if t < 0.0 {
            continue;
        }
        s += t * t;
    }
    s
}

#[test]
fn continue_skips_the_rest_of_the_iteration() {
    let d = |x: f64| 2.0 * x + 4.0 * x * x * x;
    check1_64(continue_skips_odd_powers_grad, continue_skips_odd_powers, d, &[-1.3, 0.4, 1.7], TOL64);
    let d = |x: f64| {
        let terms = (1..6).map(|i| i as f64).filter(|i| (i * x).sin() >= 0.0);
        terms.map(|i| 2.0 * i * (i * x).sin() * (i * x).cos()).sum::<f64>()
    };
    // Every i kept at 0.3; i = 1, 2, 3 at 1.0; i = 1, 4 at 2.0.
    check1_64(continue_on_active_value_grad, continue_on_active_value, d, &[0.3, 1.0, 2.0], TOL64);
}

// f(x) = −√(−x) for x < 0 (early `return` before any other code), 2√x otherwise;
// f'(x) = 1 / (2√(−x)), or 1/√x
#[differentiable]
fn early_return_guard(x: f64) -> f64 {
    if x < 0.0 {
        return -(-x).sqrt();
    }
    let r = x.sqrt();
    2.0 * r
}

#[test]
fn early_return_at_the_top_skips_the_rest_of_the_body() {
    let d = |x: f64| {
        if x < 0.0 { 0.5 / (-x).sqrt() } else { 1.0 / x.sqrt() }
    };
    check1_64(early_return_guard_grad, early_return_guard, d, &[-2.0, -0.3, 0.4, 5.0], TOL64);
}

// y ← y·x + i for i in 1..10 from y₀ = x; returns ln y as soon as y > 20, else y at the end.
// Tangent: t ← t·x + y; f'(x) = t / y on return, t otherwise
#[differentiable]
fn early_return_inside_loop(x: f64) -> f64 {
    let mut y = x;
    for i in 1..10 {
        y = y * x + i as f64;
        if y > 20.0 {
            return y.ln();
        }
    }
    y
}

#[test]
fn early_return_inside_loop_takes_the_returned_path() {
    let d = |x: f64| {
        let (mut y, mut t) = (x, 1.0);
        for i in 1..10 {
            t = t * x + y;
            y = y * x + i as f64;
            if y > 20.0 {
                return t / y;
            }
        }
        t
    };
    // Runs to the end at 0.5 and 0.3; returns at i = 7 at 0.9, i = 5 at 1.2, i = 3 at 2.0.
    let pts = &[0.3, 0.5, 0.9, 1.2, 2.0];
    check1_64(early_return_inside_loop_grad, early_return_inside_loop, d, pts, TOL64);
}

// s ← s + x·ij + sin x over i, j in 0..4; returns s·x as soon as s > 10, else s.
// After m inner steps s = x·C + m sin x with C = Σ ij so far: f'(x) = s + x(C + m cos x) on
// return, C + 16 cos x otherwise
#[differentiable]
fn early_return_inside_nested_loops(x: f64) -> f64 {
    let mut s = 0.0;
    for i in 0..4 {
        for j in 0..4 {
            s += x * (i * j) as f64 + x.sin();
            if s > 10.0 {
                return s * x;
            }
        }
    }
    s
}

#[test]
fn early_return_inside_nested_loops_leaves_both_loops() {
    let d = |x: f64| {
        let (mut s, mut c, mut m) = (0.0, 0.0, 0.0);
        for i in 0..4 {
            for j in 0..4 {
                s += x * (i * j) as f64 + x.sin();
                c += (i * j) as f64;
                m += 1.0;
                if s > 10.0 {
                    return s + x * (c + m * x.cos());
                }
            }
        }
        c + m * x.cos()
    };
    // Runs to the end at −0.5, 0.05 and 0.1; returns at the last step at 0.2, the 8th at 1, the 7th at 2.
    let pts = &[-0.5, 0.05, 0.1, 0.2, 1.0, 2.0];
    let f = early_return_inside_nested_loops;
    check1_64(early_return_inside_nested_loops_grad, f, d, pts, TOL64);
}

// For i in 1..4: the inner loop over j in 0..10 adds x(i + j) to s and leaves (only the inner
// loop) once s > i; then s ← s + sin s.
// Tangent: t += i + j per inner step, t ← t(1 + cos s) per outer step
#[differentiable]
fn break_leaves_only_the_inner_loop(x: f64) -> f64 {
    let mut s = 0.0;
    for i in 1..4 {
        for j in 0..10 {
            s += x * (i + j) as f64;
            if s > i as f64 {
                break;
            }
        }
        s = s + s.sin();
    }
    s
}

#[test]
fn break_in_an_inner_loop_resumes_the_outer_loop() {
    let d = |x: f64| {
        let (mut s, mut t) = (0.0, 0.0);
        for i in 1..4 {
            for j in 0..10 {
                s += x * (i + j) as f64;
                t += (i + j) as f64;
                if s > i as f64 {
                    break;
                }
            }
            t *= 1.0 + s.cos();
            s += s.sin();
        }
        t
    };
    // Never breaks at −0.2 and −0.05; breaks in every outer iteration at 0.03 and 0.3.
    let pts = &[-0.2, -0.05, 0.03, 0.3];
    let f = break_leaves_only_the_inner_loop;
    check1_64(break_leaves_only_the_inner_loop_grad, f, d, pts, TOL64);
}

// f(x) = Σ cos(x(ij + 1)) over i in 0..3, j in 0..4 with i + j odd (`continue` in the inner
// loop skips the even ones);  f'(x) = −Σ (ij + 1) sin(x(ij + 1)) over the same pairs
#[differentiable]
fn continue_in_inner_loop(x: f64) -> f64 {
    let mut s = 0.0;
    for i in 0..3 {
        for j in 0..4 {
            if (i + j) % 2 == 0 {
                continue;
            }
            s += (x * (i * j) as f64 + x).cos();
        }
    }
    s
}

#[test]
fn continue_in_an_inner_loop_skips_only_that_inner_iteration() {
    let d = |x: f64| {
        let mut g = 0.0;
        for i in 0..3 {
            for j in 0..4 {
                if (i + j) % 2 == 1 {
                    let k = (i * j + 1) as f64;
                    g -= k * (k * x).sin();
                }
            }
        }
        g
    };
    let f = continue_in_inner_loop;
    check1_64(continue_in_inner_loop_grad, f, d, &[-0.9, 0.4, 1.3], TOL64);
}

// y ← y² + x/4 while i < 10, returning √y as soon as y > 4, else y.
// Tangent: t ← 2yt + 1/4; f'(x) = t / (2√y) on return, t otherwise
#[differentiable]
fn early_return_inside_while(x: f64) -> f64 {
    let mut y = x;
    let mut i = 0;
    while i < 10 {
        y = y * y + 0.25 * x;
        if y > 4.0 {
            return y.sqrt();
        }
        i += 1;
    }
    y
}

#[test]
fn early_return_inside_while_takes_the_returned_path() {
    let d = |x: f64| {
        let (mut y, mut t) = (x, 1.0);
        for _ in 0..10 {
            t = 2.0 * y * t + 0.25;
            y = y * y + 0.25 * x;
            if y > 4.0 {
                return t / (2.0 * y.sqrt());
            }
        }
        t
    };
    // Runs to the end at ±0.5; returns at the second step at 1.5, the third at −1.5 and 1.2.
    let pts = &[-0.5, 0.5, -1.5, 1.2, 1.5];
    check1_64(early_return_inside_while_grad, early_return_inside_while, d, pts, TOL64);
}

// Four times: y ← ln y + 1 (y > 1), y² + 1/2 (0 < y ≤ 1), eʸ (y ≤ 0), from y₀ = x;
// tangent: t ← t/y, 2yt or eʸt by the same arms
#[differentiable]
fn branch_inside_loop(x: f64) -> f64 {
    let mut y = x;
    for _ in 0..4 {
        if y > 1.0 {
            y = y.ln() + 1.0;
        } else if y > 0.0 {
            y = y * y + 0.5;
        } else {
            y = y.exp();
        }
    }
    y
}

#[test]
fn branch_inside_loop_takes_a_different_arm_per_iteration() {
    let d = |x: f64| {
        let (mut y, mut t) = (x, 1.0);
        for _ in 0..4 {
            if y > 1.0 {
                t /= y;
                y = y.ln() + 1.0;
            } else if y > 0.0 {
                t *= 2.0 * y;
                y = y * y + 0.5;
            } else {
                t *= y.exp();
                y = y.exp();
            }
        }
        t
    };
    check1_64(branch_inside_loop_grad, branch_inside_loop, d, &[-1.0, -0.3, 0.3, 0.9, 3.0], TOL64);
}

// n times y ← cos(y/2) + x in f32, from y₀ = x;  tangent: t ← −sin(y/2)·t/2 + 1
#[differentiable]
fn f32_loop(x: f32, n: usize) -> f32 {
    let mut y = x;
    for _ in 0..n {
        y = (y * 0.5).cos() + x;
    }
    y
}

#[test]
fn f32_loop_carries_an_f32_gradient() {
    for n in [1usize, 3] {
        let d = |x: f32| {
            let (mut y, mut t) = (x, 1.0f32);
            for _ in 0..n {
                t = -(y * 0.5).sin() * 0.5 * t + 1.0;
                y = (y * 0.5).cos() + x;
            }
            t
        };
        let pts = &[-1.3, 0.4, 2.2];
        check1_32(|x| f32_loop_grad(x, n), |x| f32_loop(x, n), d, pts, TOL32);
    }
}

// A `loop` left only by `return` ends the body (rustc accepts it; the macro took the loop's end
// for a path without a value). f(v) = (8 − k·v)² with k the first step where 8 − k·v ≤ 0;
// f'(v) = −2k(8 − k·v), k constant between the jumps.
#[differentiable]
fn first_crossing_by_return(v: f64) -> f64 {
    let mut y = 8.0;
    loop {
        y -= v;
        if y <= 0.0 {
            return y * y;
        }
    }
}

// The same with a deferred `let` assigned before `break` (the structure phase's flags hid from
// rustc that it is assigned once, before it is read).
#[differentiable]
fn first_crossing_by_break(v: f64) -> f64 {
    let result;
    let mut y = 8.0;
    loop {
        y -= v;
        if y <= 0.0 {
            result = y * y;
            break;
        }
    }
    result
}

#[test]
fn a_loop_left_by_return_or_by_break_with_a_deferred_let() {
    // The value by the same subtractions (a closed form rounds differently).
    let f = |v: f64| {
        let mut y = 8.0;
        while y > 0.0 {
            y -= v;
        }
        y * y
    };
    let df = |v: f64| {
        let k = (8.0 / v).ceil();
        -2.0 * k * (8.0 - k * v)
    };
    let points = [3.0, 2.5, 1.7];
    check1_64(first_crossing_by_return_grad, f, df, &points, TOL64);
    check1_64(first_crossing_by_break_grad, f, df, &points, TOL64);
    for v in points {
        let (value, tangent) = first_crossing_by_return_jvp(v, 1.0);
        assert!((value - f(v)).abs() < 1e-12 && (tangent - df(v)).abs() < 1e-12);
        // f'' = 2k².
        let (_, _, hv) = first_crossing_by_break_hvp(v, 1.0);
        assert!((hv - 2.0 * (8.0 / v).ceil().powi(2)).abs() < 1e-12);
    }
}

// --- Tuple assignment: every new value is computed before any target is written. ---

/// A Fibonacci-like recurrence written as a simultaneous update, then a swap:
/// (a, b) ← (b, a + b·x) three times from (x, y), then (a, b) ← (b, a); f = a·b + a.
#[differentiable]
fn simultaneous_updates(x: f64, y: f64) -> f64 {
    let mut a = x;
    let mut b = y;
    for _ in 0..3 {
        (a, b) = (b, a + b * x);
    }
    (a, b) = (b, a);
    a * b + a
}

#[differentiable]
fn simultaneous_updates_32(x: f32, y: f32) -> f32 {
    let mut a = x;
    let mut b = y;
    for _ in 0..3 {
        (a, b) = (b, a + b * x);
    }
    (a, b) = (b, a);
    a * b + a
}

/// The same recurrence by hand (Rust evaluates the right side first).
fn simultaneous_updates_by_hand(x: f64, y: f64) -> f64 {
    let (mut a, mut b) = (x, y);
    for _ in 0..3 {
        let next = a + b * x;
        a = b;
        b = next;
    }
    std::mem::swap(&mut a, &mut b);
    a * b + a
}

#[differentiable]
fn polar(r: f64, t: f64) -> (f64, f64) {
    (r * t.cos(), r * t.sin())
}

/// A tuple result assigned to existing variables, one of them skipped:
/// (u, _) = polar(r, t), (v, w) = polar(u, w) … f = u + v·w.
#[differentiable]
#[allow(unused_assignments, reason = "the initial values are the case: overwritten by the tuple")]
fn tuple_results_assigned(r: f64, t: f64) -> f64 {
    let mut u = 0.0;
    let mut v = 1.0;
    let mut w = t;
    (u, _) = polar(r, t);
    (v, w) = polar(u, w);
    u + v * w
}

#[test]
fn a_simultaneous_update_keeps_its_meaning_in_every_mode() {
    for &(x, y) in &[(0.7, -0.4), (-1.1, 0.3), (0.2, 1.5)] {
        assert_eq!(simultaneous_updates(x, y), simultaneous_updates_by_hand(x, y));
        let (value, (gx, gy)) = simultaneous_updates_grad(x, y);
        assert_eq!(value, simultaneous_updates_by_hand(x, y));
        assert_rel64(gx, fd(|x| simultaneous_updates_by_hand(x, y), x), 1e-7, "∂x");
        assert_rel64(gy, fd(|y| simultaneous_updates_by_hand(x, y), y), 1e-7, "∂y");
        let (_, along) = simultaneous_updates_jvp(x, y, 0.5, -2.0);
        assert_rel64(along, 0.5 * gx - 2.0 * gy, 1e-12, "jvp");
        let (_, g, (hx, hy)) = simultaneous_updates_hvp(x, y, 1.0, 0.0);
        assert_eq!(g, (gx, gy));
        assert_rel64(hx, fd(|x| simultaneous_updates_grad(x, y).1.0, x), 1e-6, "∂²x");
        assert_rel64(hy, fd(|x| simultaneous_updates_grad(x, y).1.1, x), 1e-6, "∂x∂y");
        let (v32, (gx32, gy32)) = simultaneous_updates_32_grad(x as f32, y as f32);
        assert_rel32(v32, value as f32, 1e-5, "f32 value");
        assert_rel32(gx32, gx as f32, 1e-4, "f32 ∂x");
        assert_rel32(gy32, gy as f32, 1e-4, "f32 ∂y");
    }
}

#[test]
fn a_tuple_result_assigned_to_variables_matches_finite_differences() {
    let f = |r: f64, t: f64| {
        let u = r * t.cos();
        let (v, w) = (u * t.cos(), u * t.sin());
        u + v * w
    };
    for &(r, t) in &[(1.3, 0.4), (0.6, -1.2)] {
        let (value, (dr, dt)) = tuple_results_assigned_grad(r, t);
        assert_rel64(value, f(r, t), 1e-15, "value");
        assert_rel64(dr, fd(|r| f(r, t), r), 1e-7, "∂r");
        assert_rel64(dt, fd(|t| f(r, t), t), 1e-7, "∂t");
        let (_, along) = tuple_results_assigned_jvp(r, t, 1.0, 1.0);
        assert_rel64(along, dr + dt, 1e-12, "jvp");
    }
}

// --- `match`, lowered to the `if` chain it means, and `if let`. ---

#[derive(Clone, Copy)]
pub enum Mode {
    Linear,
    Square,
    Scaled(f64),
    Clip { lo: f64, hi: f64 },
}

/// Integers with ranges, bindings and guards; an enum with unit, tuple and struct variants
/// (a constant: `wrt(x)`); a float bound whole with a guard.
#[differentiable(wrt(x))]
fn matches_of_every_kind(x: f64, n: usize, mode: Mode) -> f64 {
    let a = match n {
        0 => x,
        k @ 1..=3 if k != 2 => x * k as f64,
        2 => x.sin(),
        _ => x * x,
    };
    let b = match mode {
        Mode::Linear => a,
        Mode::Square => a * a,
        Mode::Scaled(s) => s * a,
        Mode::Clip { lo, hi } => a.clamp(lo, hi),
    };
    match b {
        v if v < 0.0 => -v,
        v => v * 2.0,
    }
}

fn matches_of_every_kind_by_hand(x: f64, n: usize, mode: Mode) -> f64 {
    let a = if n == 0 {
        x
    } else if n == 2 {
        x.sin()
    } else if n <= 3 {
        x * n as f64
    } else {
        x * x
    };
    let b = match mode {
        Mode::Linear => a,
        Mode::Square => a * a,
        Mode::Scaled(s) => s * a,
        Mode::Clip { lo, hi } => a.clamp(lo, hi),
    };
    if b < 0.0 { -b } else { b * 2.0 }
}

/// A `match` statement in a loop whose arm returns early, arms that are assignments.
#[differentiable]
#[allow(clippy::needless_range_loop, reason = "the arm depends on the index")]
fn match_arm_returning_inside_a_loop(xs: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..xs.len() {
        match i % 3 {
            0 => s += xs[i],
            1 => {
                if xs[i] > 5.0 {
                    return s;
                }
                s += xs[i] * xs[i];
            }
            _ => {}
        }
    }
    s
}

#[derive(Clone, Copy)]
pub enum Shape {
    Circle(f64),
    Square,
}

#[differentiable(wrt(x))]
fn if_lets(x: f64, shape: Shape, limit: f64) -> f64 {
    let area = if let Shape::Circle(r) = shape { r * r * x } else { x * x };
    let mut y = area.sin();
    if let l @ 0.0..=5.0 = limit {
        y = y.min(l * x);
    }
    if let 0.0..=1.0 = y { y * 2.0 } else { y }
}

#[differentiable(wrt(x))]
fn matches_in_f32(x: f32, n: u32) -> f32 {
    match n {
        0 | 1 => x * x,
        _ => x.exp(),
    }
}

#[test]
fn match_arms_take_the_derivative_of_the_arm_that_ran() {
    let modes = [Mode::Linear, Mode::Square, Mode::Scaled(3.0), Mode::Clip { lo: -1.0, hi: 0.5 }];
    for n in [0, 1, 2, 3, 7] {
        for mode in modes {
            for x in [0.7, -0.4] {
                let by_hand = |x| matches_of_every_kind_by_hand(x, n, mode);
                assert_eq!(matches_of_every_kind(x, n, mode), by_hand(x));
                let (value, dx) = matches_of_every_kind_grad(x, n, mode);
                assert_eq!(value, by_hand(x));
                assert_rel64(dx, fd(by_hand, x), 1e-6, "d/dx");
                assert_rel64(matches_of_every_kind_jvp(x, n, mode, 0.5).1, 0.5 * dx, 1e-14, "jvp");
                let (_, g, h) = matches_of_every_kind_hvp(x, n, mode, 1.0);
                assert_eq!(g, dx);
                assert_rel64(h, fd(|x| matches_of_every_kind_grad(x, n, mode).1, x), 1e-5, "d²/dx²");
            }
        }
    }
    assert_eq!(matches_in_f32_grad(1.5, 1), (2.25, 3.0));
    assert_eq!(matches_in_f32_grad(1.5, 4), (1.5f32.exp(), 1.5f32.exp()));
}

#[test]
fn a_match_arm_returning_early_inside_a_loop() {
    let (value, g) = match_arm_returning_inside_a_loop_grad(&[1.0, 2.0, 3.0, 4.0, 6.0, 1.0]);
    assert_eq!(value, 9.0);
    assert_eq!(g, vec![1.0, 4.0, 0.0, 1.0, 0.0, 0.0]);
    let (value, g) = match_arm_returning_inside_a_loop_grad(&[1.0, 2.0, 3.0, 4.0]);
    assert_eq!((value, g), (1.0 + 4.0 + 4.0, vec![1.0, 4.0, 0.0, 1.0]));
    let (_, _, hv) = match_arm_returning_inside_a_loop_hvp(&[1.0, 2.0, 3.0, 4.0], &[1.0, 1.0, 1.0, 1.0]);
    assert_eq!(hv, vec![0.0, 2.0, 0.0, 0.0]);
}

#[test]
fn if_let_takes_the_derivative_of_the_branch_that_ran() {
    for (shape, limit) in [(Shape::Circle(1.5), 9.0), (Shape::Square, 0.1), (Shape::Circle(0.5), 2.0)] {
        for x in [0.7, 0.2] {
            let (value, dx) = if_lets_grad(x, shape, limit);
            assert_eq!(value, if_lets(x, shape, limit));
            assert_rel64(dx, fd(|x| if_lets(x, shape, limit), x), 1e-6, "d/dx");
            let (_, _, h) = if_lets_hvp(x, shape, limit, 1.0);
            assert_rel64(h, fd(|x| if_lets_grad(x, shape, limit).1, x), 1e-5, "d²/dx²");
        }
    }
}

/// An `Option` left out by `wrt(...)` is a constant, read with `if let` and `match`.
#[differentiable(wrt(x))]
fn optional_limit(x: f64, limit: Option<f64>, scale: &Option<f64>) -> f64 {
    let y = if let Some(l) = limit { (x * x).min(l) } else { x * x };
    match scale {
        Some(s) => y * s,
        None => y,
    }
}

#[test]
fn an_option_left_out_by_wrt_is_read_as_a_constant() {
    assert_eq!(optional_limit_grad(1.5, None, &None), (2.25, 3.0));
    assert_eq!(optional_limit_grad(1.5, Some(1.0), &None), (1.0, 0.0));
    assert_eq!(optional_limit_grad(1.5, Some(4.0), &Some(2.0)), (4.5, 6.0));
    assert_eq!(optional_limit_jvp(1.5, None, &Some(2.0), 0.5), (4.5, 3.0));
    assert_eq!(optional_limit_hvp(1.5, None, &Some(2.0), 1.0), (4.5, 6.0, 4.0));
}

// ---------------------------------------------------------------------------------------------
// `let … else` and `while let`
// ---------------------------------------------------------------------------------------------

// f(x; text) = x·y with y parsed from the text, or x when it does not parse;  f' = y or 1
#[differentiable(wrt(x))]
fn scale_parsed(x: f64, text: &str) -> f64 {
    let Ok(y) = text.parse::<f64>() else { return x };
    x * y
}

#[test]
fn let_else_binds_a_constant_or_returns_early() {
    check1_64(|x| scale_parsed_grad(x, "3.5"), |x| x * 3.5, |_| 3.5, &[2.0, -0.5], TOL64);
    check1_64(|x| scale_parsed_grad(x, "none"), |x| x, |_| 1.0, &[2.0, -0.5], TOL64);
    assert_eq!(scale_parsed_jvp(2.0, "3.5", 2.0), (7.0, 7.0));
}

#[derive(Clone, Copy)]
enum Curve {
    Scaled(f64, f64),
    Sine,
}

// f = k·x² + c for Scaled(k, c), sin x otherwise;  f' = 2kx or cos x, f'' = 2k or −sin x
#[differentiable(wrt(x))]
fn curved(x: f64, curve: Curve) -> f64 {
    let Curve::Scaled(k, c) = curve else { return x.sin() };
    k * x * x + c
}

#[test]
fn let_else_binds_two_parts_of_an_enum() {
    let scaled = Curve::Scaled(3.0, 0.5);
    check1_64(|x| curved_grad(x, scaled), |x| 3.0 * x * x + 0.5, |x| 6.0 * x, &[2.0, -0.5], TOL64);
    check1_64(|x| curved_grad(x, Curve::Sine), f64::sin, f64::cos, &[2.0, -0.5], TOL64);
    assert_eq!(curved_hvp(2.0, scaled, 1.0), (12.5, 12.0, 6.0));
    assert_eq!(curved_hvp(2.0, Curve::Sine, 1.0), (2f64.sin(), 2f64.cos(), -(2f64.sin())));
}

// f = Σ over the listed indices i < n of xᵢ² (an iterator drained by `while let`, indices out of
// range skipped with `continue`);  ∂f/∂xᵢ = 2xᵢ·(times i is listed)
#[differentiable(wrt(x))]
#[allow(clippy::while_let_on_iterator, reason = "`while let` over an iterator is the construct under test")]
fn drained_squares(x: &[f64], steps: &[usize]) -> f64 {
    let mut it = steps.iter();
    let mut total = 0.0;
    while let Some(&i) = it.next() {
        if i >= x.len() {
            continue;
        }
        total += x[i] * x[i];
    }
    total
}

#[test]
fn while_let_drains_an_iterator_of_constants() {
    let steps = [0, 2, 2, 7];
    let f = |x: &[f64]| x[0] * x[0] + 2.0 * x[2] * x[2];
    let df = |x: &[f64]| vec![2.0 * x[0], 0.0, 4.0 * x[2]];
    check_n64(|x| drained_squares_grad(x, &steps), f, df, &[&[1.0, 2.0, 3.0], &[-0.5, 4.0, 0.25]], TOL64);
    assert_eq!(drained_squares_jvp(&[1.0, 2.0, 3.0], &steps, &[1.0, 1.0, -1.0]), (19.0, 2.0 - 12.0));
}

// The log of the first positive entry in the given order, 0 if none: a `while let` loop left
// by `return`;  ∂/∂xᵢ = 1/xᵢ at that entry
#[differentiable(wrt(x))]
fn log_first_positive(x: &[f32], order: &[usize]) -> f32 {
    let mut k = 0;
    while let Some(i) = order.get(k).copied() {
        k += 1;
        if x[i] > 0.0 {
            return x[i].ln();
        }
    }
    0.0
}

#[test]
fn while_let_left_by_return_in_f32() {
    let (value, grad) = log_first_positive_grad(&[-1.0, 2.0, 4.0], &[0, 2, 1]);
    assert_eq!((value, grad), (4f32.ln(), vec![0.0, 0.0, 0.25]));
    let (value, grad) = log_first_positive_grad(&[-1.0, -2.0, 4.0], &[0, 1]);
    assert_eq!((value, grad), (0.0, vec![0.0, 0.0, 0.0]));
}

// k-means' cost: Σₚ minⱼ ‖cⱼ − p‖². Only the closest centroid's distance loop gets a nonzero
// adjoint; the others' reverse loops are skipped (emit/skip.rs). ∂/∂cⱼ = Σ_{p closest to j} 2(cⱼ − p).
#[differentiable(wrt(centroids))]
fn kmeans_cost(points: &[Vec<f64>], centroids: &[Vec<f64>]) -> f64 {
    let mut total = 0.0;
    for p in points.iter() {
        let mut closest = f64::INFINITY;
        for c in centroids.iter() {
            let mut dist = 0.0;
            for (a, b) in p.iter().zip(c.iter()) {
                dist += (b - a) * (b - a);
            }
            closest = closest.min(dist);
        }
        total += closest;
    }
    total
}

#[test]
fn loops_nothing_flows_into_are_skipped_and_the_gradient_is_unchanged() {
    let points = vec![vec![0.0, 0.0], vec![1.0, 0.5], vec![4.0, 4.0], vec![5.0, 3.5]];
    let centroids = vec![vec![0.5, 0.0], vec![4.5, 4.0], vec![10.0, -10.0]];
    let (value, grad) = kmeans_cost_grad(&points, &centroids);
    assert_rel64(value, 0.25 + 0.5 + 0.25 + 0.5, 1e-14, "value");
    // Centroid 0 is closest to points 0 and 1, centroid 1 to points 2 and 3, centroid 2 to none.
    assert_eq!(
        grad,
        vec![
            vec![2.0 * (0.5 - 0.0) + 2.0 * (0.5 - 1.0), 2.0 * (0.0 - 0.0) + 2.0 * (0.0 - 0.5)],
            vec![2.0 * 0.5 + 2.0 * (-0.5), 2.0 * 0.0 + 2.0 * 0.5],
            vec![0.0, 0.0]
        ]
    );
    let flat = |c: &[f64]| {
        let cs: Vec<Vec<f64>> = c.chunks(2).map(<[f64]>::to_vec).collect();
        kmeans_cost(&points, &cs)
    };
    let fd = fd_grad(flat, &centroids.concat());
    assert_grad_close(&grad.concat(), &fd, 1e-6);
    // H·1 (what GradBench's k-means Newton step uses): 2 × the number of points each centroid wins.
    let (_, _, hv) = kmeans_cost_hvp(&points, &centroids, &vec![vec![1.0; 2]; 3]);
    assert_eq!(hv, vec![vec![4.0, 4.0], vec![4.0, 4.0], vec![0.0, 0.0]]);
    // A centroid no point picks may hold a NaN: `min` ignores it, and so does the gradient.
    let with_nan = vec![vec![0.5, 0.0], vec![4.5, 4.0], vec![f64::NAN, 1.0]];
    let (value, grad) = kmeans_cost_grad(&points, &with_nan);
    assert_rel64(value, 1.5, 1e-14, "value with a NaN centroid");
    assert_eq!(grad[0], vec![0.0, -1.0]);
    assert_eq!(grad[2], vec![0.0, 0.0], "no NaN from a centroid the min did not pick");
}
