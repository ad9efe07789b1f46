//! Regression tests for the bugs the random-program tester found (`difftest/found/NNN-*.rs`
//! holds each one's minimal reproduction, the seed that found it and the error it gave). Each
//! case here is that reproduction, checked against a hand derivation and central differences.
#![allow(clippy::needless_range_loop, reason = "index loops are what these tests differentiate")]

mod common;
use backprop::{Differentiable, differentiable};
use common::*;

// --- 009: a call taking a `Vec` by value beside a borrowed temporary is made again in the
// reverse sweep (the borrow keeps its pullback from being kept); the `Vec` was moved into the
// first call. The first call now gets a duplicate, the flags are taken before the second.

#[differentiable]
fn scaled_first(v: Vec<f64>, k: &f64) -> f64 {
    v[0] * k
}

// v = [x, 2], k = 3x: f = 3x²,  f' = 6x
#[differentiable]
fn by_value_beside_temporary(x: f64) -> f64 {
    scaled_first(vec![x, 2.0], &(x * 3.0))
}

#[test]
fn vec_by_value_beside_a_borrowed_temporary() {
    check1_64(by_value_beside_temporary_grad, by_value_beside_temporary, |x| 6.0 * x, &[0.7, -1.3], TOL64);
}

// --- 010: `s.iter().sum::<f64>()` of a reference to an array: the sum's adjoint was spread over a
// slice, not an array.

// f = a + b + c
#[differentiable]
fn sum_of_array_reference(s: &[f64; 3]) -> f64 {
    s.iter().sum::<f64>()
}

#[test]
fn sum_of_a_borrowed_array() {
    let (value, grad) = sum_of_array_reference_grad(&[0.5, -2.0, 4.0]);
    assert_eq!(value, 2.5);
    assert_eq!(grad, [1.0, 1.0, 1.0]);
}

// --- 011: a borrowed constant argument (`scaled(&0.5, x)`) lost its `&`.

#[differentiable]
fn scaled(k: &f64, x: f64) -> f64 {
    k * x
}

// f = 0.5x,  f' = 0.5
#[differentiable]
fn borrowed_constant(x: f64) -> f64 {
    scaled(&0.5, x)
}

#[test]
fn a_borrowed_constant_argument() {
    check1_64(borrowed_constant_grad, borrowed_constant, |_| 0.5, &[0.7, -1.3], TOL64);
}

// --- 013: the array a call returned, bound to a name and lent as a slice: the callee's gradient
// (a `Vec`) became the adjoint of an array.

#[differentiable]
fn pair(x: f64) -> [f64; 2] {
    [x, x * x]
}

#[differentiable]
fn product(s: &[f64]) -> f64 {
    s[0] * s[1]
}

// f = x · x² = x³,  f' = 3x²
#[differentiable]
fn array_result_lent(x: f64) -> f64 {
    let r = pair(x);
    product(&r)
}

#[test]
fn an_array_result_lent_as_a_slice() {
    check1_64(array_result_lent_grad, array_result_lent, |x| 3.0 * x * x, &[0.7, -1.3], TOL64);
}

// --- 016: a sum of constant items (`map(|v| 3.0).sum::<f64>()`) had an accumulator of unknown
// float type.

// f = atan(3n),  ∂f/∂s = 0
#[differentiable]
fn constant_closure(s: &[f64]) -> f64 {
    #[allow(unused_variables, reason = "the closure ignores its item on purpose")]
    s.iter().map(|v| 3.0).sum::<f64>().atan()
}

#[test]
fn a_sum_of_constant_items() {
    let (value, grad) = constant_closure_grad(&[1.0, 2.0]);
    assert_eq!(value, 6.0f64.atan());
    assert_eq!(grad, vec![0.0, 0.0]);
}

// --- 019: `a.to_vec()` of an array: its `Vec` adjoint went back to the array unconverted.

#[differentiable]
fn array_to_vec(s: [f64; 2]) -> Vec<f64> {
    s.to_vec()
}

#[test]
fn to_vec_of_an_array() {
    let (value, pullback) = array_to_vec_vjp([1.5, -2.0]);
    assert_eq!(value, vec![1.5, -2.0]);
    assert_eq!(pullback(vec![0.25, 4.0]), [0.25, 4.0]);
}

// --- 023: a float method on a borrowed field (`let q = &t.a; q.hypot(x)`), or on the items of an
// array field, read the reference as a collection.

#[derive(Differentiable, Clone)]
struct Pair {
    a: f64,
    c: [f64; 2],
}

// f = √(a² + x²)
#[differentiable]
fn hypot_of_a_borrowed_field(t: &Pair, x: f64) -> f64 {
    let q = &t.a;
    q.hypot(x)
}

// f = Σ √(cᵢ² + x²)
#[differentiable]
fn hypot_of_a_field_item(t: &Pair, x: f64) -> f64 {
    let mut a = 0.0;
    for v in t.c.iter() {
        a += v.hypot(x);
    }
    a
}

#[test]
fn float_methods_on_borrowed_fields() {
    let t = Pair { a: 0.6, c: [1.2, -0.4] };
    let x = 0.8;
    let (value, (dt, dx)) = hypot_of_a_borrowed_field_grad(&t, x);
    let r = t.a.hypot(x);
    assert_eq!(value, r);
    assert_rel64(dt.a, t.a / r, EXACT64, "∂/∂a");
    assert_rel64(dx, x / r, EXACT64, "∂/∂x");
    assert_eq!(dt.c, [0.0, 0.0]);
    let fd_t = fd(|a| hypot_of_a_borrowed_field(&Pair { a, ..t.clone() }, x), t.a);
    assert_rel64(dt.a, fd_t, FD_TOL64, "finite differences ∂/∂a");

    let (value, (dt, dx)) = hypot_of_a_field_item_grad(&t, x);
    let r = [t.c[0].hypot(x), t.c[1].hypot(x)];
    assert_eq!(value, r[0] + r[1]);
    assert_rel64(dt.c[0], t.c[0] / r[0], EXACT64, "∂/∂c₀");
    assert_rel64(dt.c[1], t.c[1] / r[1], EXACT64, "∂/∂c₁");
    assert_rel64(dx, x / r[0] + x / r[1], EXACT64, "∂/∂x");
    assert_rel64(dx, fd(|x| hypot_of_a_field_item(&t, x), x), FD_TOL64, "finite differences ∂/∂x");
}

// --- 020: the length of a row picked by a counter (`m[1 - c].iter()` in a `loop`) was computed
// again in the reverse sweep with the counter's final value (a panic, or the wrong row).

// One pass: c = 1, a = x · m₀₀ · m₀₁;  ∂a/∂x = m₀₀ m₀₁, ∂a/∂m₀ⱼ = x · (the other)
#[differentiable]
fn row_walk_in_a_counted_loop(m: &[Vec<f64>], x: f64) -> f64 {
    let mut a = x;
    let mut c = 0;
    loop {
        c += 1;
        if c > 1 {
            break;
        }
        a = m[1 - c].iter().fold(a, |acc, v| acc * v);
    }
    a
}

#[test]
fn a_row_walk_picked_by_a_loop_counter() {
    let m = vec![vec![2.0, -1.5], vec![3.0]];
    let x = 0.5;
    let (value, (dm, dx)) = row_walk_in_a_counted_loop_grad(&m, x);
    assert_eq!(value, x * 2.0 * -1.5);
    assert_eq!(dx, 2.0 * -1.5);
    assert_eq!(dm, vec![vec![x * -1.5, x * 2.0], vec![0.0]]);
    assert_rel64(dx, fd(|x| row_walk_in_a_counted_loop(&m, x), x), FD_TOL64, "finite differences");
}

// --- 021: a walk inside another walk read the outer item at the inner index (both loop
// variables were named `__i0`).

// f = Σᵢ Σⱼ sᵢ sⱼ = (Σ s)²,  ∂f/∂sₖ = 2 Σ s
#[differentiable]
fn nested_chains(s: &[f64]) -> f64 {
    s.iter().map(|a| s.iter().map(|b| a * b).sum::<f64>()).sum::<f64>()
}

// f = Σᵢ Σⱼ bⱼ aᵢ = (Σ a)(Σ b)
#[differentiable]
fn chain_in_a_walk(a: &[f64], b: &[f64]) -> f64 {
    let mut t = 0.0;
    for v in a.iter() {
        t += b.iter().map(|w| w * v).sum::<f64>();
    }
    t
}

#[test]
fn walks_nested_in_walks() {
    check_n64(
        nested_chains_grad,
        nested_chains,
        |s| vec![2.0 * s.iter().sum::<f64>(); s.len()],
        &[&[1.0, 2.0, 3.0], &[0.5, -1.5]],
        TOL64,
    );
    let (a, b) = ([1.0, 2.0], [3.0, 4.0, -5.0]);
    let (value, (da, db)) = chain_in_a_walk_grad(&a, &b);
    assert_eq!(value, 3.0 * 2.0);
    assert_eq!((da, db), (vec![2.0, 2.0], vec![3.0, 3.0, 3.0]));
}
