//! Regression tests: each case is a macro bug found while writing the suites (issue 3), with
//! the error or wrong numbers it gave, kept so it stays fixed.
//!
//! Also fixed during that work: an integer field of a derived struct cast to a float
//! (`s.k as f64`) was differentiated (`i32: backprop::Float` not satisfied in
//! `rules::cast_as`); its case is `gauss_nll32` in tests/gradients_structs.rs.
#![allow(clippy::needless_range_loop, reason = "index loops are what these tests differentiate")]

mod common;
use backprop::differentiable;
use common::*;

// ---------------------------------------------------------------------------------------------
// Fixed bug: `let mut y = f(x);` with `f` a differentiable function returning a `Vec` loses its
// `mut`, so the buffer cannot be written afterwards. Belongs in tests/gradients_buffers.rs
// (a write into a local buffer; here the buffer comes from a call).
//
// Observed:
//
//   error[E0596]: cannot borrow `y` as mutable, as it is not declared as mutable
//     --> tests/pending_bugs.rs:45:13
//      |
//      |     let mut y = squares(x);
//      |             ^ cannot borrow as mutable
//      |
//   help: consider changing this to be mutable
//      |     let mut mut y = squares(x);
//
// The same happens with `y[0] = 3.0;` as the write.
// ---------------------------------------------------------------------------------------------

// yᵢ = xᵢ²
#[differentiable]
fn squares(x: &[f64]) -> Vec<f64> {
    x.iter().map(|v| v * v).collect()
}

// y = squares(x), y₀ += x₁, f = y₀ + y₁ = x₀² + x₁ + x₁²;  ∂f/∂x = [2x₀, 1 + 2x₁]
#[differentiable]
fn write_into_call_result(x: &[f64]) -> f64 {
    let mut y = squares(x);
    y[0] += x[1];
    y[0] + y[1]
}

#[test]
fn buffer_returned_by_a_call_can_be_written() {
    check_n64(
        write_into_call_result_grad,
        write_into_call_result,
        |p| vec![2.0 * p[0], 1.0 + 2.0 * p[1]],
        &[&[0.3, -1.2], &[1.5, 0.5]],
        TOL64,
    );
}

// ---------------------------------------------------------------------------------------------
// Fixed bug: destructuring a call's tuple output that holds a `Vec` (`let (a, v) = split(x);`) moves
// the `Vec` out of the tuple the generated code still uses. Belongs in tests/gradients_outputs.rs
// (tuple outputs). The same with a `(f64, f64)` output compiles and is right; binding the whole
// tuple (`let t = split(x); t.0 * t.1[1]`) also works.
//
// Observed (compiling this function alone):
//
//   error[E0382]: use of partially moved value
//     --> tests/pending_bugs.rs:89:1
//      |
//      | #[differentiable]
//      | ^^^^^^^^^^^^^^^^^
//      | |
//      | use occurs due to use in closure
//      | value used here after partial move
//      = note: partial move occurs because value has type `Vec<f64>`, which does not implement the `Copy` trait
//   error[E0382]: borrow of partially moved value
//     --> tests/pending_bugs.rs:89:1   (same note)
// ---------------------------------------------------------------------------------------------

// (x₀, x as a Vec)
#[differentiable]
fn first_and_all(x: &[f64]) -> (f64, Vec<f64>) {
    (x[0], x.to_vec())
}

// f(x) = x₀·x₁ through `let (a, v) = first_and_all(x)`;  ∂f/∂x = [x₁, x₀, 0, …]
#[differentiable]
fn destructured_tuple_call(x: &[f64]) -> f64 {
    let (a, v) = first_and_all(x);
    a * v[1]
}

#[test]
fn destructured_tuple_with_a_vec_from_a_call() {
    check_n64(
        destructured_tuple_call_grad,
        destructured_tuple_call,
        |p| {
            let mut g = vec![0.0; p.len()];
            g[0] = p[1];
            g[1] = p[0];
            g
        },
        &[&[0.3, -1.2, 2.5], &[1.5, 0.5]],
        TOL64,
    );
}

// ---------------------------------------------------------------------------------------------
// Fixed bug: an array parameter (`[f64; N]` or `&[f64; N]`) passed to a differentiable function that
// takes `&[f64]` (an ordinary unsizing coercion) gets the callee's `Vec<f64>` gradient added to
// its `[f64; N]` adjoint. Belongs in tests/gradients_arrays.rs. A *local* array passed the same
// way (`let a = [x[0], x[1]]; dot(&a, x)`) compiles and is right.
//
// Observed (compiling this function alone; `a: [f64; 3]` with `dot(&a, &a)` gives the same):
//
//   error[E0308]: mismatched types
//     --> tests/pending_bugs.rs:139:1
//      |
//      | #[differentiable]
//      | ^^^^^^^^^^^^^^^^^ expected `[f64; 3]`, found `Vec<f64>`
//      = note: expected array `[f64; 3]`
//                 found struct `Vec<f64>`
// ---------------------------------------------------------------------------------------------

// Σ xᵢ² by index;  ∂/∂xᵢ = 2xᵢ
#[differentiable]
fn sum_of_squares(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        s += x[i] * x[i];
    }
    s
}

// f(a) = sum_of_squares(a) for a: &[f64; 3];  ∂f/∂a = 2a, an `[f64; 3]`
#[differentiable]
fn array_param_to_slice_callee(a: &[f64; 3]) -> f64 {
    sum_of_squares(a)
}

#[test]
fn array_parameter_passed_as_a_slice_gets_an_array_gradient() {
    check_n64(
        |p| {
            let (v, g): (f64, [f64; 3]) = array_param_to_slice_callee_grad(&[p[0], p[1], p[2]]);
            (v, g.to_vec())
        },
        |p| array_param_to_slice_callee(&[p[0], p[1], p[2]]),
        |p| p.iter().map(|v| 2.0 * v).collect(),
        &[&[0.3, -1.2, 2.5], &[1.5, 0.5, -0.75]],
        TOL64,
    );
}

// ---------------------------------------------------------------------------------------------
// Fixed bug (found by the grammar-driven fuzzer in codegen/tests/never_panics.rs): a `return`
// nested in an `if` inside an `if` without `else` made valid code a compile error,
//
//   error: not every path of this function ends in a value; finish each path with a value or `return`
//
// and once that was fixed, rustc rejected the flag-guarded result (`let __result;` assigned on
// paths it could not tell apart: E0381/E0384). Both paths are checked here, against the
// derivative by hand.
// ---------------------------------------------------------------------------------------------

// f = x if x > 0 and n > 2; otherwise acc·x with acc = x (x > 0) or 2x (x ≤ 0).
#[differentiable]
fn nested_early_return(x: f64, n: usize) -> f64 {
    let mut acc = x;
    if x > 0.0 {
        if n > 2 {
            return x;
        }
    } else {
        acc = 2.0 * x;
    }
    acc * x
}

#[test]
fn a_return_nested_in_an_if_without_else_keeps_the_rest_of_the_function() {
    for (x, n) in [(0.5, 3), (0.5, 1), (-0.5, 3), (-1.25, 1), (2.0, 5)] {
        let (value, grad) = nested_early_return_grad(x, n);
        assert_eq!(value, nested_early_return(x, n));
        let by_hand = if x > 0.0 && n > 2 {
            1.0
        } else if x > 0.0 {
            2.0 * x
        } else {
            4.0 * x
        };
        assert_rel64(grad, by_hand, EXACT64, &format!("at x = {x}, n = {n}"));
        assert_rel64(grad, fd(|x| nested_early_return(x, n), x), FD_TOL64, &format!("fd at x = {x}, n = {n}"));
    }
}

// ---------------------------------------------------------------------------------------------
// Fixed bug (found while cataloguing compile errors): an integer compound assignment with a
// bitwise operator (`bits |= …`) was rejected as "compound assignment of values that carry a
// gradient". It is kept as written; f = x · (number of positive inputs), ∂f/∂x = that count.
// ---------------------------------------------------------------------------------------------

#[differentiable]
fn count_positive_scaled(x: f64, v: &[f64]) -> f64 {
    let mut bits = 0u32;
    for i in 0..v.len() {
        bits |= ((v[i] > 0.0) as u32) << i;
    }
    bits >>= 0;
    x * bits.count_ones() as f64
}

#[test]
fn a_bitwise_compound_assignment_on_an_integer_is_kept_as_written() {
    let v = [0.5, -1.0, 2.0, 3.0];
    let (value, (dx, dv)) = count_positive_scaled_grad(1.5, &v);
    assert_eq!(value, count_positive_scaled(1.5, &v));
    assert_rel64(dx, 3.0, EXACT64, "three positive entries");
    assert_eq!(dv, vec![0.0; 4]);
}

// ---------------------------------------------------------------------------------------------
// Fixed bugs found by the differential tester (difftest/found/00{1,2,3,4}-*.rs).
// ---------------------------------------------------------------------------------------------

// 001: a dead `let` whose method receiver is an integer cast printed `n as f64.max(x)`
// ("cast cannot be followed by a method call"): `n as f64` was taken for a path.
#[differentiable]
fn dead_cast_receiver(x: f64, n: usize) -> f64 {
    let _a = (n as f64).max(x);
    x * (n as f64).max(x)
}

#[test]
fn an_integer_cast_as_a_method_receiver_keeps_its_parentheses() {
    // f = x · max(n, x): ∂f/∂x = max(n, x) + x·[x > n].
    for (x, n) in [(0.5, 2), (3.0, 2)] {
        let (value, grad) = dead_cast_receiver_grad(x, n);
        assert_eq!(value, dead_cast_receiver(x, n));
        let by_hand = (n as f64).max(x) + if x > n as f64 { x } else { 0.0 };
        assert_rel64(grad, by_hand, EXACT64, &format!("x = {x}, n = {n}"));
    }
}

// 002: a call in a loop borrowing a local buffer did not compile (E0597): the loop's tape,
// holding the call's pullback, was declared at the top of `_grad` and so dropped after the
// buffer. Tapes are now declared just before the top-level statement that fills them.
#[differentiable]
fn first_times(p: f64, t: &[f64]) -> f64 {
    p * t[0]
}

#[differentiable]
fn call_with_local_buffer_in_loop(x: f64) -> f64 {
    let mut a = x;
    let y = vec![0.5, x, 2.0];
    for _ in 0..2 {
        a = first_times(a, &y) + first_times(a, &y[1..]);
    }
    a
}

#[test]
fn a_call_in_a_loop_may_borrow_a_local_buffer() {
    // Each step a ← a·(0.5 + x): f = x(0.5 + x)², ∂f/∂x = (0.5 + x)² + 2x(0.5 + x).
    for x in [0.7, -1.3] {
        let (value, grad) = call_with_local_buffer_in_loop_grad(x);
        assert_rel64(value, call_with_local_buffer_in_loop(x), EXACT64, "value");
        let s = 0.5 + x;
        assert_rel64(grad, s * s + 2.0 * x * s, EXACT64, &format!("x = {x}"));
    }
}

// 003: the result of an operation bound with `let mut` and changed afterwards: rules that
// read the result (exp: d·y, tanh: 1 − y², sqrt: 1/2y, a / b: −y/b…) read the new value.
// Silently wrong before: exp_then_add'(0.4) was 2.89 instead of 2.49.
#[differentiable]
fn results_then_changed(y: f64) -> f64 {
    let mut a = y.exp();
    a += y;
    let mut b = y.tanh();
    b *= 2.0;
    let mut c = 0.7 / y;
    c = c * c;
    let mut d = y.sqrt();
    d -= y;
    a + b + c + d
}

#[test]
fn an_operation_result_bound_with_let_mut_keeps_its_rule_value() {
    for y in [0.4, 1.7] {
        let (value, grad) = results_then_changed_grad(y);
        assert_eq!(value, results_then_changed(y));
        let by_hand = (y.exp() + 1.0)
            + 2.0 * (1.0 - y.tanh().powi(2))
            + 2.0 * (0.7 / y) * (-0.7 / (y * y))
            + (0.5 / y.sqrt() - 1.0);
        assert_rel64(grad, by_hand, EXACT64, &format!("y = {y}"));
        assert_rel64(grad, fd(results_then_changed, y), FD_TOL64, &format!("fd at y = {y}"));
    }
}

// 004: an untyped integer literal beside an active argument, `scaled_by(4, x.cos())`, did
// not compile (E0282): the argument's type marker could not infer the literal's type.
#[differentiable]
fn scaled_by(n: usize, x: f64) -> f64 {
    x * n as f64
}

#[differentiable]
fn literal_arguments(x: f64) -> f64 {
    scaled_by(4, x.cos()) + scaled_by(2, 3.0) * x
}

#[test]
fn untyped_literal_arguments_route_their_gradients() {
    // f = 4 cos x + 6x: ∂f/∂x = −4 sin x + 6.
    for x in [0.5, -2.0] {
        let (value, grad) = literal_arguments_grad(x);
        assert_eq!(value, literal_arguments(x));
        assert_rel64(grad, -4.0 * x.sin() + 6.0, EXACT64, &format!("x = {x}"));
    }
}

// 005: a float method in path form with a constant expression as its first argument,
// `f64::atan2(2.0 * 0.75, x)`, did not compile (E0689): it was emitted in method form on the
// untyped `(2.0 * 0.75)`.
#[differentiable]
fn path_const_expr(x: f64, k: f64) -> f64 {
    f64::atan2(2.0 * 0.75, x) + f64::max(k * 0.5, x) + f64::powf(1.5 + 0.5, x)
}

#[test]
fn a_path_call_on_a_constant_expression_types_its_receiver() {
    // atan2(1.5, x) + max(k/2, x) + 2^x: ∂/∂x = −1.5/(2.25 + x²) + [x > k/2] + 2^x ln 2,
    // ∂/∂k = ½ [k/2 > x].
    for (x, k) in [(0.5, -1.0), (-0.25, 3.0)] {
        let (value, (dx, dk)) = path_const_expr_grad(x, k);
        assert_eq!(value, path_const_expr(x, k));
        let wins = if x > k * 0.5 { 1.0 } else { 0.0 };
        let want_dx = -1.5 / (2.25 + x * x) + wins + 2f64.powf(x) * 2f64.ln();
        assert_rel64(dx, want_dx, EXACT64, &format!("∂x at x = {x}"));
        assert_rel64(dk, 0.5 * (1.0 - wins), EXACT64, &format!("∂k at x = {x}"));
    }
}

// 006: a sub-slice of a local buffer passed to a differentiable function, `g(&y[1..3])`, and
// the buffer written afterwards did not compile (E0599, E0277): the snapshot the macro takes
// of the argument called `.clone()` on the unsized `[f64]`. It is now `.to_vec()`.
#[differentiable]
fn product_of_two(s: &[f64]) -> f64 {
    s[0] * s[1]
}

#[differentiable]
fn sub_slice_then_write(x: f64) -> f64 {
    let mut y: Vec<f64> = vec![x; 3];
    y[2] = x * x;
    let a = product_of_two(&y[1..3]);
    y[1] += a * x;
    y[1] + y[0]
}

#[test]
fn a_sub_slice_argument_survives_a_later_write_to_its_buffer() {
    // y = [x, x, x²], a = x³, result = x + x⁴ + x: ∂/∂x = 2 + 4x³.
    for x in [0.5, -1.5] {
        let (value, grad) = sub_slice_then_write_grad(x);
        assert_eq!(value, sub_slice_then_write(x));
        assert_rel64(grad, 2.0 + 4.0 * x * x * x, EXACT64, &format!("x = {x}"));
    }
}

// 005, second form (found by seed 4): the typed temporary of a constant first argument was
// folded into its single use, `(0.5 * (-2.25)).atan2(…)`, losing its type again (E0689).
#[differentiable]
fn path_const_expr_folded(p: f64) -> f64 {
    if p > 1.0 {
        return f64::atan2(0.5 * (-2.25), (2.75_f64).min(p));
    }
    p
}

#[test]
fn a_typed_constant_receiver_is_not_folded_away() {
    // p > 1 and p < 2.75: atan2(−1.125, p), ∂/∂p = 1.125 / (1.125² + p²); else p.
    let (value, grad) = path_const_expr_folded_grad(2.0);
    assert_eq!(value, path_const_expr_folded(2.0));
    assert_rel64(grad, 1.125 / (1.125 * 1.125 + 4.0), EXACT64, "at 2");
    assert_eq!(path_const_expr_folded_grad(0.5), (0.5, 1.0));
}

// 008 (found by seed 22): a sub-slice of a local buffer that carries no gradient, passed to a
// call that does, `weighted(&y[0..2], x)`, and the buffer written afterwards did not compile
// (E0502): only buffers that carry a gradient were snapshot. In `_vjp`, which calls again in
// the reverse sweep, the call would have seen the new values.
#[differentiable]
fn weighted(s: &[f64], x: f64) -> f64 {
    s[0] * x + s[1] * x * x
}

#[differentiable]
fn constant_buffer_then_written(x: f64) -> f64 {
    let mut y: Vec<f64> = vec![2.0; 3];
    let a = weighted(&y[0..2], x);
    y[0] = 5.0;
    a + y[0]
}

#[test]
fn a_constant_buffer_argument_survives_a_later_write() {
    // a = 2x + 2x², result = a + 5: ∂/∂x = 2 + 4x, in `_grad` and through `_vjp` alike.
    for x in [0.5, -1.5] {
        let (value, grad) = constant_buffer_then_written_grad(x);
        assert_eq!(value, constant_buffer_then_written(x));
        assert_rel64(grad, 2.0 + 4.0 * x, EXACT64, &format!("grad at {x}"));
        let (value, pullback) = constant_buffer_then_written_vjp(x);
        assert_eq!(value, constant_buffer_then_written(x));
        assert_rel64(pullback(1.0), 2.0 + 4.0 * x, EXACT64, &format!("vjp at {x}"));
    }
}
