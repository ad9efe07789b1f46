//! Regression tests for the bugs the random-program tester found (`difftest/found/NNN-*.rs`
//! holds each one's minimal reproduction, the seed that found it and the error it gave). Each
//! case here is that reproduction, checked against a hand derivation and central differences.
#![allow(
    clippy::needless_range_loop,
    clippy::assign_op_pattern,
    clippy::useless_vec,
    clippy::ptr_arg,
    reason = "each case is the program the tester found, as it wrote it"
)]

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

// --- 012: a `Vec` parameter read, then moved (`let y = s;`, or returned on another path): the
// reverse sweep read it again after the move (the zero gradient's shape, the condition of the
// `if`). Its zero shape is now taken before the move, and reads of it are recorded.

// f = x s₀ + x s₁
#[differentiable]
fn read_then_moved(x: f64, s: Vec<f64>) -> f64 {
    let a = x * s[0];
    let y = s;
    a + x * y[1]
}

// [s₁] when s₀ > 0.5, else s
#[differentiable]
fn read_then_returned(s: Vec<f64>) -> Vec<f64> {
    if s[0] > 0.5 {
        return vec![s[1]];
    }
    s
}

#[test]
fn a_parameter_read_then_moved() {
    let (value, (dx, ds)) = read_then_moved_grad(0.5, vec![2.0, -3.0]);
    assert_eq!(value, 0.5 * 2.0 + 0.5 * -3.0);
    assert_eq!((dx, ds), (2.0 - 3.0, vec![0.5, 0.5]));

    let (value, pullback) = read_then_returned_vjp(vec![0.7, 3.0]);
    assert_eq!(value, vec![3.0]);
    assert_eq!(pullback(vec![2.0]), vec![0.0, 2.0]);
    let (value, pullback) = read_then_returned_vjp(vec![0.2, 3.0]);
    assert_eq!(value, vec![0.2, 3.0]);
    assert_eq!(pullback(vec![2.0, -1.0]), vec![2.0, -1.0]);
}

// --- 015: after an early `return`, a walk over a later local (`let v = &s[0..2];`): its length
// was computed again in the reverse sweep, where `v` is out of scope.

// b when s₀ > 0.5, else b (s₀ + s₁)
#[differentiable]
fn chain_after_return(s: &[f64], b: f64) -> f64 {
    if s[0] > 0.5 {
        return b;
    }
    let v = &s[0..2];
    v.iter().map(|w| w * b).sum::<f64>()
}

// b when b > 0.5, else b (s₀ + s₁)
#[differentiable]
fn loop_after_return(s: &[f64], b: f64) -> f64 {
    if b > 0.5 {
        return b;
    }
    let v = &s[0..2];
    let mut a = 0.0;
    for &w in v.iter() {
        a += w * b;
    }
    a
}

#[test]
fn walks_after_an_early_return() {
    let s = [0.25, 2.0, 9.0];
    assert_eq!(chain_after_return_grad(&s, 3.0), (3.0 * 2.25, (vec![3.0, 3.0, 0.0], 2.25)));
    assert_eq!(chain_after_return_grad(&[0.75, 2.0], 3.0), (3.0, (vec![0.0, 0.0], 1.0)));
    assert_eq!(loop_after_return_grad(&s, 0.25), (0.25 * 2.25, (vec![0.25, 0.25, 0.0], 2.25)));
    assert_eq!(loop_after_return_grad(&s, 0.75), (0.75, (vec![0.0, 0.0, 0.0], 1.0)));
}

// --- 018: a walk over a borrow of a by-value parameter, inside a loop or an `if`: the kept
// pullback borrowed the parameter `_vjp` moves into its closure.

// f = s₀ (s₁ s₂)ⁿ
#[differentiable]
fn walk_of_a_view_in_a_loop(s: Vec<f64>, n: usize) -> f64 {
    let mut a = s[0];
    let v = &s[1..3];
    for _ in 0..n {
        for w in v.iter() {
            a = a * w;
        }
    }
    a
}

// p m₀₀ m₀₁ when p > 0.5, else p
#[differentiable]
fn walk_of_a_row_view_in_a_branch(m: Vec<Vec<f64>>, p: f64) -> f64 {
    let v = &m[0][0..2];
    let mut a = p;
    if p > 0.5 {
        for w in v.iter() {
            a = a * w;
        }
    }
    a
}

#[test]
fn walks_of_borrowed_by_value_parameters_in_blocks() {
    check_n64(
        |p| {
            let (value, ds) = walk_of_a_view_in_a_loop_grad(p.to_vec(), 3);
            (value, ds)
        },
        |p| walk_of_a_view_in_a_loop(p.to_vec(), 3),
        |p| {
            let q = p[1] * p[2];
            vec![q.powi(3), p[0] * 3.0 * q.powi(2) * p[2], p[0] * 3.0 * q.powi(2) * p[1]]
        },
        &[&[0.5, 1.5, -0.75], &[-2.0, 0.25, 1.25]],
        TOL64,
    );
    let m = vec![vec![2.0, -1.5, 7.0]];
    let (value, (dm, dp)) = walk_of_a_row_view_in_a_branch_grad(m.clone(), 0.75);
    assert_eq!(value, 0.75 * 2.0 * -1.5);
    assert_eq!((dm, dp), (vec![vec![0.75 * -1.5, 0.75 * 2.0, 0.0]], 2.0 * -1.5));
    assert_eq!(walk_of_a_row_view_in_a_branch_grad(m, 0.25), (0.25, (vec![vec![0.0; 3]], 1.0)));
}

// --- 022: an early `return y;` of a local the later path reads: the later path's pullback read
// `y` after the return moved it.

// [x, x²] when x > 1, else [x²]
#[differentiable]
fn return_moves_a_local(x: f64) -> Vec<f64> {
    let y = vec![x, x * x];
    if x > 1.0 {
        return y;
    }
    vec![y[1]]
}

#[test]
fn an_early_return_moves_a_local() {
    for x in [1.5, 0.5] {
        let (value, pullback) = return_moves_a_local_vjp(x);
        assert_eq!(value, return_moves_a_local(x));
        let w = if x > 1.0 { vec![0.25, 2.0] } else { vec![3.0] };
        let want = if x > 1.0 { w[0] + 2.0 * x * w[1] } else { 2.0 * x * w[0] };
        let got = pullback(w.clone());
        assert_rel64(got, want, EXACT64, "pullback");
        let dot = |x: f64| return_moves_a_local(x).iter().zip(&w).map(|(a, b)| a * b).sum::<f64>();
        assert_rel64(got, fd(dot, x), FD_TOL64, "finite differences");
    }
}

// --- 025: a row walk picked by the variable of a `step_by` loop inside an `if`: its length was
// computed again where the variable is out of scope.

// x ≥ 0.5: one pass (j = 0), a = Σ over m₁ of 4a = 4x·|m₁|; else x
#[differentiable]
fn row_walk_in_a_step_by_loop(m: &[Vec<f64>], x: f64) -> f64 {
    let mut a = x;
    if x >= 0.5 {
        for j in (0..2).step_by(2) {
            a = m[1 - j].iter().map(|_v| a * 4.0).sum::<f64>();
        }
    }
    a
}

#[test]
fn a_row_walk_in_a_step_by_loop() {
    let m = vec![vec![1.0], vec![2.0, 3.0, 5.0]];
    let (value, (dm, dx)) = row_walk_in_a_step_by_loop_grad(&m, 0.75);
    assert_eq!((value, dx), (0.75 * 4.0 * 3.0, 12.0));
    assert_eq!(dm, vec![vec![0.0], vec![0.0; 3]]);
    assert_eq!(row_walk_in_a_step_by_loop_grad(&m, 0.25).1.1, 1.0);
}

// --- 026: a dead store read from a collected `Vec`: the `Vec` moved into the closure was used
// again.

// f = 2x (the store to `a` is never read)
#[differentiable]
fn dead_store(s: &[f64], x: f64) -> f64 {
    let mut a = x;
    let b = a * 2.0;
    let y: Vec<f64> = s.iter().map(|v| v * x).collect();
    a = y[1] - x;
    let _ = a;
    b
}

#[test]
fn a_dead_store_from_a_collected_vec() {
    assert_eq!(dead_store_grad(&[1.0, 2.0], 0.5), (1.0, (vec![0.0, 0.0], 2.0)));
}

// --- 014: an element of a collection inside a computed tuple or struct (`h(p).1[0]`): the
// collection was moved out of the value whose zero gradient the reverse sweep shapes.

#[differentiable]
fn value_and_squares(p: f64) -> (f64, Vec<f64>) {
    (p, vec![p * p])
}

// f = p² · p = p³
#[differentiable]
fn element_of_a_computed_tuple(p: f64) -> f64 {
    value_and_squares(p).1[0] * p
}

#[derive(Differentiable, Clone)]
struct Layer {
    w: Vec<f64>,
    a: f64,
}

#[differentiable]
fn layer(p: f64) -> Layer {
    Layer { w: vec![p * p], a: p }
}

// f = p² · p + a = p³ + p
#[differentiable]
fn element_of_a_computed_struct(p: f64) -> f64 {
    layer(p).w[0] * p + layer(p).a
}

#[test]
fn elements_of_computed_tuples_and_structs() {
    let cube = |p: f64| p * p * p;
    check1_64(element_of_a_computed_tuple_grad, cube, |p| 3.0 * p * p, &[0.7, -1.3], TOL64);
    check1_64(element_of_a_computed_struct_grad, |p| cube(p) + p, |p| 3.0 * p * p + 1.0, &[0.7, -1.3], TOL64);
}

// --- 024: `let (r, s) = f(…);` of a tuple holding a `Vec`, inside a block: the tuple was
// recorded whole after `s` was moved out of it.

#[differentiable]
fn square_and_copy(x: &f64) -> (f64, Vec<f64>) {
    (x * x, vec![*x])
}

// p³ for p > 1, else p
#[differentiable]
fn tuple_binding_in_a_branch(p: f64) -> f64 {
    let mut a = p;
    if p > 1.0 {
        #[allow(clippy::used_underscore_binding, reason = "the unused part is the case")]
        let (r, _s) = square_and_copy(&p);
        a = r * p;
    }
    a
}

// Σₖ (xₖ²)·xₖ over three steps, the tuple bound in a loop
#[differentiable]
fn tuple_binding_in_a_loop(x: f64) -> f64 {
    let mut a = 0.0;
    for k in 0..3 {
        let y = x + k as f64;
        let (r, s) = square_and_copy(&y);
        a += r * s[0];
    }
    a
}

#[test]
fn tuples_with_collections_bound_in_blocks() {
    let f = |p: f64| if p > 1.0 { p * p * p } else { p };
    let df = |p: f64| if p > 1.0 { 3.0 * p * p } else { 1.0 };
    check1_64(tuple_binding_in_a_branch_grad, f, df, &[1.5, 0.5], TOL64);
    let f = |x: f64| (0..3).map(|k| (x + f64::from(k)).powi(3)).sum::<f64>();
    let df = |x: f64| (0..3).map(|k| 3.0 * (x + f64::from(k)).powi(2)).sum::<f64>();
    check1_64(tuple_binding_in_a_loop_grad, f, df, &[0.5, -1.25], Tol { exact: 1e-12, fd: 1e-6 });
}

// --- 028 (found by the forward-mode checks): the tangent of `t.n as f64`, with `n` an integer
// field of a derived struct, was the tangent struct's copy of `n` itself (the macro cannot type
// the field); `cast_tangent` now zeroes an integer's tangent. f(t) = a·n, ∂f/∂a = n.

#[derive(Differentiable, Clone, Copy)]
pub struct Counted {
    pub a: f64,
    pub n: usize,
}

#[differentiable]
fn scaled_by_count(t: Counted) -> f64 {
    t.a * (t.n as f64)
}

#[test]
fn the_tangent_of_an_integer_field_cast_to_a_float_is_zero() {
    for n in [0, 1, 3] {
        let t = Counted { a: 1.5, n };
        let (v, dv) = scaled_by_count_jvp(t, Counted { a: 0.5, n });
        assert_eq!(v, 1.5 * n as f64);
        assert_eq!(dv, 0.5 * n as f64);
        let (_, g, hv) = scaled_by_count_hvp(t, Counted { a: 1.0, n });
        assert_eq!((g.a, hv.a), (n as f64, 0.0));
    }
}

// --- 029 (seed 2, program 662, found by the forward-mode checks' build): a method returning a
// `Vec`, whose result dies (the variable is overwritten), did not compile in the third-order
// form: the reverse sweep shaped a zero adjoint from the call's tangent pair after its fields
// had been moved out. A taken-apart value's tangent is now taken apart too.
// f(p, t) = sin(t.a) after `p` is overwritten;  ∂f/∂a = cos(t.a), ∂f/∂p = 0.

#[derive(Differentiable, Clone)]
pub struct Weights {
    pub w: Vec<f64>,
    pub a: f64,
}

impl Weights {
    #[differentiable]
    pub fn scaled(&self, p: f64) -> Vec<f64> {
        vec![-self.w[1] * p]
    }
}

#[differentiable]
#[allow(unused_assignments, reason = "the dead value is the case")]
fn overwritten_method_result(p: f64, t: &Weights) -> f64 {
    let mut p = p - t.scaled(p)[0].sin();
    p = t.a.sin();
    p
}

#[test]
fn a_dead_vec_result_of_a_method_in_every_form() {
    let t = Weights { w: vec![1.0, 2.0], a: 0.5 };
    let (value, (dp, dt)) = overwritten_method_result_grad(0.3, &t);
    assert_eq!((value, dp, dt.a), (0.5f64.sin(), 0.0, 0.5f64.cos()));
    let (_, g, hv) = overwritten_method_result_hvp(0.3, &t, 1.0, &Weights { w: vec![0.0, 0.0], a: 1.0 });
    assert_eq!((g.0, g.1.a), (0.0, 0.5f64.cos()));
    assert_eq!((hv.0, hv.1.a), (0.0, -0.5f64.sin()));
}

// --- 030 (seed 15324, program 413): a row lent to a call by an index computed from integer
// fields, `total(&m[t.n + s.n])`, did not compile: the index sum was taken for float
// arithmetic on active values and guarded (E0277 "the operand is a `usize`"). Indices of places
// lent to calls are now known integers, as those of reads are.
// f(m, t, s) = a_t · Σ m[n_t + n_s];  ∂f/∂m[k] = a_t at k = n_t + n_s, ∂f/∂a_t = Σ m[n_t + n_s].

#[differentiable]
fn total(x: &[f64]) -> f64 {
    x.iter().sum()
}

#[differentiable]
#[allow(clippy::ptr_arg, reason = "the find was on a `&Vec<Vec<f64>>` parameter")]
fn row_chosen_by_fields(m: &Vec<Vec<f64>>, t: &Counted, s: &Counted) -> f64 {
    t.a * total(&m[t.n + s.n])
}

#[test]
fn a_row_lent_to_a_call_by_an_index_of_integer_fields() {
    let m = vec![vec![1.0, 2.0], vec![3.0, 4.0], vec![5.0, 6.0]];
    let (t, s) = (Counted { a: 1.5, n: 1 }, Counted { a: 0.5, n: 1 });
    let (value, (dm, dt, ds)) = row_chosen_by_fields_grad(&m, &t, &s);
    assert_eq!(value, 1.5 * 11.0);
    assert_eq!(dm, vec![vec![0.0, 0.0], vec![0.0, 0.0], vec![1.5, 1.5]]);
    assert_eq!((dt.a, ds.a), (11.0, 0.0));
    let zero = Counted { a: 0.0, n: 1 };
    let (_, dv) = row_chosen_by_fields_jvp(&m, &t, &s, &m, &Counted { a: 1.0, n: 1 }, &zero);
    assert_eq!(dv, 11.0 + 1.5 * 11.0);
}

// --- 042 (found writing the generics tests): a constant whose type the syntax does not show
// (`const ONE: f64`, `T::ONE`, `PI`) assigned as a value had ITSELF as its forward tangent,
// so `_jvp` and `_hvp` were silently wrong (`if n == 0 { ONE } else { x * f(x, n - 1) }` gave
// d²/dx² x = 1). Its tangent is now `zero_like(&CONST)`: 0 for a float, a copy for an integer.
// f(x) = c·x with c = π for x > 0 else 1 (a constant either way);  f' = c, f'' = 0.

const UNIT: f64 = 1.0;

#[differentiable]
fn branch_of_named_constants(x: f64) -> f64 {
    let c = if x > 0.0 { std::f64::consts::PI } else { UNIT };
    c * x
}

// xⁿ by recursion ending in a named constant;  n xⁿ⁻¹, n(n−1) xⁿ⁻²
#[differentiable]
fn power_ending_in_a_named_constant(x: f64, n: u32) -> f64 {
    if n == 0 { UNIT } else { x * power_ending_in_a_named_constant(x, n - 1) }
}

#[test]
fn a_named_constant_has_a_zero_tangent() {
    for x in [0.5, -0.5] {
        let c = if x > 0.0 { std::f64::consts::PI } else { 1.0 };
        assert_eq!(branch_of_named_constants_jvp(x, 1.0), (c * x, c));
        assert_eq!(branch_of_named_constants_hvp(x, 1.0), (c * x, c, 0.0));
    }
    for n in 1..5 {
        let (_, g, hv) = power_ending_in_a_named_constant_hvp(0.7, n, 1.0);
        let n_f = f64::from(n);
        assert_rel64(g, n_f * 0.7f64.powi(n as i32 - 1), 1e-14, "first derivative");
        let want = if n >= 2 { n_f * (n_f - 1.0) * 0.7f64.powi(n as i32 - 2) } else { 0.0 };
        assert!((hv - want).abs() <= 1e-12, "n = {n}: second derivative {hv}, want {want}");
    }
}

// --- 031, 033, 035–038 (the differential tester's new grammar, seeds 1 and 101): valid
// programs with `&mut` parameters, lent buffers and generic functions that did not compile.

// --- 057: a caller lending its reference parameter to a recursive function (second-order
// forms), and the README's old limitation, a callee borrowing two slices through one named
// lifetime. Every `_vjp`-family signature with two or more lifetimes now has `'__lall`, which
// a caller's pullback type uses to name the intersection its callee's pullback lives for. ---

/// x^(depth + 1), taking x by reference.
#[differentiable]
pub fn power_by_ref(x: &f64, depth: usize) -> f64 {
    if depth == 0 {
        return *x;
    }
    power_by_ref(x, depth - 1) * *x
}

#[differentiable]
pub fn cube_by_ref(x: &f64) -> f64 {
    power_by_ref(x, 2)
}

/// s₀^(depth + 1).
#[differentiable]
pub fn power_of_first(s: &[f64], depth: usize) -> f64 {
    if depth == 0 {
        return s[0];
    }
    power_of_first(s, depth - 1) * s[0]
}

#[differentiable]
pub fn cube_of_first_of_window(s: &[f64]) -> f64 {
    let v = &s[1..];
    power_of_first(&s[0..2], 2) + power_of_first(v, 1)
}

#[test]
fn found_057_a_reference_parameter_lent_to_a_recursive_function() {
    for x in [1.5, -0.7] {
        assert_eq!(cube_by_ref_grad(&x), (x * x * x, 3.0 * x * x));
        let (_, g, h) = cube_by_ref_hvp(&x, &1.0);
        assert_rel64(g, 3.0 * x * x, 1e-15, "hvp gradient");
        assert_rel64(h, 6.0 * x, 1e-15, "d²/dx²");
        assert_rel64(cube_by_ref_jvp(&x, &0.5).1, 1.5 * x * x, 1e-15, "jvp");
    }
    // f = s₀³ + s₁²: ∇ = (3s₀², 2s₁, 0), H·(1, 1, 1) = (6s₀, 2, 0).
    let s = [1.5, -2.0, 0.25];
    let (value, g) = cube_of_first_of_window_grad(&s);
    assert_eq!(value, 1.5f64.powi(3) + 4.0);
    assert_eq!(g, vec![3.0 * 1.5 * 1.5, -4.0, 0.0]);
    let (_, _, hv) = cube_of_first_of_window_hvp(&s, &[1.0, 1.0, 1.0]);
    assert_eq!(hv, vec![9.0, 2.0, 0.0]);
}

/// Both slices through one named lifetime: f = x₀y₀ + sin x₁.
#[differentiable]
pub fn one_lifetime<'a>(x: &'a [f64], y: &'a [f64]) -> f64 {
    x[0] * y[0] + x[1].sin()
}

#[differentiable]
pub fn calls_one_lifetime(x: &[f64], y: &[f64]) -> f64 {
    one_lifetime(x, y) * 2.0
}

#[test]
fn a_callee_borrowing_two_slices_through_one_lifetime_is_callable() {
    let (x, y) = ([1.0, 2.0], [3.0, 4.0]);
    let (value, (gx, gy)) = calls_one_lifetime_grad(&x, &y);
    assert_eq!(value, 2.0 * (3.0 + 2f64.sin()));
    assert_eq!(gx, vec![6.0, 2.0 * 2f64.cos()]);
    assert_eq!(gy, vec![2.0, 0.0]);
    let (_, pullback) = calls_one_lifetime_vjp(&x, &y);
    assert_eq!(pullback(0.5), (vec![3.0, 2f64.cos()], vec![1.0, 0.0]));
    // H·(dx, dy) with dx = (1, 1), dy = (0, 0): ∂²/∂x₁² = −2 sin x₁, ∂²/∂y₀∂x₀ = 2.
    let (_, _, (hx, hy)) = calls_one_lifetime_hvp(&x, &y, &[1.0, 1.0], &[0.0, 0.0]);
    assert_rel64(hx[1], -2.0 * 2f64.sin(), 1e-15, "∂²f/∂x₁²");
    assert_eq!((hx[0], hy), (0.0, vec![2.0, 0.0]));
}

mod lending {
    use super::*;

    // 031: a function's own `&mut` parameter passed bare where the callee takes `&[f64]` / `&f64`
    // is a shared reborrow, not a lend. f = (2x₀)², out₀ = 2x₀.
    #[differentiable]
    fn square_first(y: &[f64]) -> f64 {
        y[0] * y[0]
    }

    #[differentiable]
    fn fills_then_reads(x: &[f64], out: &mut [f64]) -> f64 {
        out[0] = x[0] * 2.0;
        square_first(out)
    }

    #[differentiable]
    fn triple(y: &f64) -> f64 {
        *y * 3.0
    }

    // a₁ = a₀ + 2x, value 3a₁
    #[differentiable]
    fn accumulates_then_reads(x: f64, acc: &mut f64) -> f64 {
        *acc += x * 2.0;
        triple(acc)
    }

    #[test]
    fn a_mut_parameter_passed_on_as_shared() {
        let mut out = [0.0];
        let (value, pullback) = fills_then_reads_vjp(&[1.5], &mut out);
        assert_eq!((value, out), (9.0, [3.0]));
        assert_eq!(pullback(1.0, vec![0.0]), (vec![12.0], vec![0.0]));
        let mut acc = 1.0;
        let (value, pullback) = accumulates_then_reads_vjp(0.5, &mut acc);
        assert_eq!((value, acc), (6.0, 2.0));
        assert_eq!(pullback(1.0, 0.0), (6.0, 3.0));
    }

    // 035: `*acc` read inside a chain's closure and inside `vec![…]`. a₁ = a₀ + x₀,
    // f = Σ xᵢ·a₁;  ∂f/∂x₀ = a₁ + Σx, ∂f/∂x₁ = a₁, ∂f/∂a₀ = Σx
    #[differentiable]
    fn closure_reads_accumulator(x: &[f64], acc: &mut f64) -> f64 {
        *acc += x[0];
        x.iter().map(|v| v * *acc).sum::<f64>()
    }

    #[differentiable]
    fn first_times(y: &[f64], k: f64) -> f64 {
        y[0] * k
    }

    // a₁ = a₀ + x, f = 2a₁·x
    #[differentiable]
    #[allow(clippy::useless_vec, reason = "`vec![…]` is the construct the find was on")]
    fn vec_reads_accumulator(x: f64, acc: &mut f64) -> f64 {
        *acc += x;
        first_times(&vec![*acc * 2.0, x], x)
    }

    #[test]
    fn an_accumulator_read_in_a_closure_and_a_vec() {
        let mut acc = 1.0;
        let (value, pullback) = closure_reads_accumulator_vjp(&[2.0, 3.0], &mut acc);
        assert_eq!((value, acc), (15.0, 3.0));
        assert_eq!(pullback(1.0, 0.0), (vec![8.0, 3.0], 5.0));
        let mut acc = 1.0;
        let (value, pullback) = vec_reads_accumulator_vjp(0.5, &mut acc);
        assert_eq!((value, acc), (1.5, 1.5));
        // ∂f/∂x = 2x + 2a₁ = 4, ∂f/∂a₀ = 2x = 1
        assert_eq!(pullback(1.0, 0.0), (4.0, 1.0));
    }

    // 036: an early return inside a loop of a function with a `&mut` buffer.
    #[differentiable]
    fn returns_early_in_a_loop(x: &[f64], out: &mut [f64]) -> f64 {
        for j in 0..out.len() {
            if x[0] > 5.0 {
                return x[0];
            }
            out[j] = x[j] * 2.0;
        }
        x[0]
    }

    #[test]
    fn an_early_return_inside_a_loop_writing_a_buffer() {
        let mut out = [0.0, 0.0];
        let (value, pullback) = returns_early_in_a_loop_vjp(&[1.0, 2.0], &mut out);
        assert_eq!((value, out), (1.0, [2.0, 4.0]));
        assert_eq!(pullback(1.0, vec![1.0, 1.0]), (vec![3.0, 2.0], vec![0.0, 0.0]));
        let mut out = [7.0, 7.0];
        let (value, pullback) = returns_early_in_a_loop_vjp(&[6.0, 2.0], &mut out);
        assert_eq!((value, out), (6.0, [7.0, 7.0]));
        assert_eq!(pullback(1.0, vec![1.0, 1.0]), (vec![1.0, 0.0], vec![1.0, 1.0]));
    }

    // 037: a float method call as the value of a function with a `&mut` buffer.
    #[differentiable]
    fn method_value(p0: f64, out: &mut [f64]) -> f64 {
        out[0] = p0;
        p0.exp()
    }

    #[test]
    fn a_method_call_as_the_value_beside_a_buffer() {
        let mut out = [0.0];
        let (value, pullback) = method_value_vjp(0.5, &mut out);
        assert_eq!((value, out), (0.5f64.exp(), [0.5]));
        assert_eq!(pullback(1.0, vec![1.0]), (0.5f64.exp() + 1.0, vec![0.0]));
    }

    // 038: the value of a call that lends a buffer, used; the buffer is not read again.
    // f = p₀ − 2p₀ = −p₀
    #[differentiable]
    fn fills_and_doubles(out: &mut [f32], k: f32) -> f32 {
        out[0] = k;
        k * 2.0
    }

    #[differentiable]
    fn uses_a_lending_call(p0: f32) -> f32 {
        let mut y3: Vec<f32> = vec![0.0; 1];
        let a4 = fills_and_doubles(&mut y3, p0);
        p0 - a4
    }

    #[test]
    fn the_value_of_a_lending_call_used() {
        assert_eq!(uses_a_lending_call_grad(3.0), (-3.0, -1.0));
        assert_eq!(uses_a_lending_call_jvp(3.0, 2.0), (-3.0, -2.0));
    }
}

// 033: a float method written as a path on the float type parameter, `T::sin(y)`.
// f = sin(x²);  f' = 2x cos(x²)
#[differentiable]
fn path_method_on_the_float_parameter<T: backprop::Float>(x: T) -> T {
    let y = x * x;
    T::sin(y)
}

#[test]
fn a_path_method_on_the_float_type_parameter() {
    assert_eq!(path_method_on_the_float_parameter_grad(0.5f64), (0.25f64.sin(), 2.0 * 0.5 * 0.25f64.cos()));
    assert_eq!(path_method_on_the_float_parameter_grad(0.5f32), (0.25f32.sin(), 2.0 * 0.5 * 0.25f32.cos()));
}

// 034 (in part) and gradbench/NOTES "a plain struct passed to a wrt callee": a constant whose
// type has no gradient, passed to a callee whose `wrt(...)` leaves it out, did not compile in
// the caller's forward forms (the stand-in tangent was a `NoTangent` where the callee's `_jvp`
// takes the parameter's type). A `Clone` one now stands in for its own tangent.
// g(x; o) = x·l for Some(l), x for None;  f(x) = g(x; Some(0.5)) = x/2
#[differentiable(wrt(x))]
fn scaled_by_option(x: f64, o: Option<f64>) -> f64 {
    if let Some(l) = o { x * l } else { x }
}

#[differentiable]
fn passes_some_constant(x: f64) -> f64 {
    scaled_by_option(x, Some(0.5))
}

#[derive(Clone)]
pub struct PlainConstants {
    pub k: f64,
}

// g(c, x) = k·x²;  f(x; c) = g(c, x), f' = 2kx, f'' = 2k
#[differentiable(wrt(x))]
fn quadratic_with_constants(c: &PlainConstants, x: f64) -> f64 {
    c.k * x * x
}

#[differentiable(wrt(x))]
fn passes_plain_constants(x: f64, c: &PlainConstants) -> f64 {
    quadratic_with_constants(c, x)
}

#[test]
fn constants_without_a_gradient_passed_to_a_wrt_callee() {
    assert_eq!(passes_some_constant_grad(2.0), (1.0, 0.5));
    assert_eq!(passes_some_constant_hvp(2.0, 1.0), (1.0, 0.5, 0.0));
    assert_eq!(passes_some_constant_jvp(2.0, 3.0), (1.0, 1.5));
    let c = PlainConstants { k: 1.5 };
    assert_eq!(passes_plain_constants_grad(2.0, &c), (6.0, 6.0));
    assert_eq!(passes_plain_constants_hvp(2.0, &c, 1.0), (6.0, 6.0, 3.0));
}

// 040 (the differential tester, seed 102, program 83): a call lending two variables `&mut`, one
// not read afterwards, did not compile (E0382; fixed with 038: the unread field's zero is
// shaped where it was defined). a₁ = 2p₀, f = p₀·a₁ = 2p₀²;  f' = 4p₀, f'' = 4
#[differentiable]
fn fills_and_accumulates(p0: f64, out: &mut [f64], acc: &mut f64) -> f64 {
    out[0] = p0;
    *acc += p0;
    p0 * 1.0
}

#[differentiable]
fn lends_two_reads_one(p0: f64) -> f64 {
    let mut a1: f64 = p0;
    let mut y: Vec<f64> = vec![0.0; 1];
    fills_and_accumulates(p0, &mut y, &mut a1);
    p0 * a1
}

#[test]
fn two_lent_variables_one_unread() {
    assert_eq!(lends_two_reads_one_grad(0.5), (0.5, 2.0));
    assert_eq!(lends_two_reads_one_hvp(0.5, 1.0), (0.5, 2.0, 4.0));
}

// 032 (the differential tester, seed 101, program 22): a `let` closure called in an `if` or
// `while` condition was not inlined there (E0425). Each call is now evaluated first, into a
// name the condition reads (lower/conditions.rs). c(x) = x², so the `if` takes `x`.
#[differentiable]
fn closure_in_condition(x: f64) -> f64 {
    let c = |v: f64| v * x;
    if c(x) > 0.0 { x } else { 2.0 * x }
}

// y ← x·y/2 while y/2 > 0.1 (at most ten times): a closure in a `while` condition.
#[differentiable]
fn closure_in_while_condition(x: f64) -> f64 {
    let half = |v: f64| v * 0.5;
    let mut y = x;
    let mut n = 0;
    while half(y) > 0.1 && n < 10 {
        y = half(y) * x;
        n += 1;
    }
    y
}

fn closure_in_while_condition_plain(x: f64) -> f64 {
    let (mut y, mut n) = (x, 0);
    while y * 0.5 > 0.1 && n < 10 {
        y = y * 0.5 * x;
        n += 1;
    }
    y
}

#[test]
fn closures_called_in_conditions() {
    assert_eq!(closure_in_condition_grad(0.5), (0.5, 1.0));
    assert_eq!(closure_in_condition_hvp(-0.5, 1.0), (-0.5, 1.0, 0.0));
    for x in [1.5, 1.9, 0.7] {
        let (value, d) = closure_in_while_condition_grad(x);
        assert_eq!(value, closure_in_while_condition_plain(x));
        assert_rel64(d, fd(closure_in_while_condition_plain, x), 1e-6, "while");
    }
}

// 041 (seed 102, program 195): an arm binding an integer (`k @ 0..=1`) whose guard reads an
// active value was refused as binding parts of an active value; the binding is the whole
// (constant) scrutinee, and the guard is not read again when the arm binds its names.
#[differentiable]
fn bound_arm_in_active_guard(x: &[f64], n: usize) -> f64 {
    match n {
        k @ 0..=1 if x[k] <= 0.25 => k as f64 * x[1],
        _ => x[0],
    }
}

#[test]
fn an_integer_bound_by_an_arm_with_an_active_guard() {
    assert_eq!(bound_arm_in_active_guard_grad(&[0.1, 2.0], 0), (0.0, vec![0.0, 0.0]));
    assert_eq!(bound_arm_in_active_guard_grad(&[0.1, 2.0], 1), (0.1, vec![1.0, 0.0]));
    assert_eq!(bound_arm_in_active_guard_grad(&[0.1, 0.2], 1), (0.2, vec![0.0, 1.0]));
}

// A stranger's finds: a `let` closure called in a comparison bound by `let` or matched on
// (E0425: comparisons were copied as written, without the closure); `.fold(0.0, f64::max)`
// (E0689: the untyped start became a method call's receiver).
#[differentiable]
fn closure_in_a_bound_comparison(x: f64, y: f64) -> f64 {
    let c = |v: f64| v * y;
    let big = c(x) > 0.3;
    let scale = match c(x) > 1.0 {
        true => 2.0,
        false => 1.0,
    };
    if big { scale * x * y } else { x - y }
}

#[differentiable]
fn fold_from_zero_with_a_path(x: &[f64]) -> f64 {
    x.iter().copied().map(|v| v * v).fold(0.0, f64::max)
}

#[test]
fn closures_in_comparisons_and_a_typed_fold_start() {
    assert_eq!(closure_in_a_bound_comparison_grad(2.0, 1.0), (4.0, (2.0, 4.0)));
    assert_eq!(closure_in_a_bound_comparison_grad(0.5, 1.0), (0.5, (1.0, 0.5)));
    assert_eq!(closure_in_a_bound_comparison_grad(0.1, 1.0), (-0.9, (1.0, -1.0)));
    assert_eq!(fold_from_zero_with_a_path_grad(&[0.5, -2.0, 1.0]), (4.0, vec![0.0, -4.0, 0.0]));
    assert_eq!(fold_from_zero_with_a_path_grad(&[0.0, 0.0]).0, 0.0);
}

// The differential tester (seed 20261208, 300 programs): an array parameter lent to a slice
// function and then passed by value to a call whose result is unused did not compile (its
// adjoint came only from the slice function, a `Vec` where an array was due). f = 2 w·s.
#[differentiable]
fn lends_an_array_then_moves_it_into_a_dead_call(w: &[f64], s: [f64; 2]) -> f64 {
    let a = dot_of(w, &s);
    let _unused = first_times(s, a);
    a * 2.0
}

#[differentiable]
fn dot_of(a: &[f64], b: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..a.len() {
        s += a[i] * b[i];
    }
    s
}

#[differentiable]
fn first_times(s: [f64; 2], p: f64) -> f64 {
    s[0] * p
}

#[test]
fn an_array_lent_then_moved_into_a_dead_call() {
    let (w, s) = ([1.0, 2.0], [3.0, 4.0]);
    assert_eq!(lends_an_array_then_moves_it_into_a_dead_call_grad(&w, s), (22.0, (vec![6.0, 8.0], [2.0, 4.0])));
    let (_, _, hv) = lends_an_array_then_moves_it_into_a_dead_call_hvp(&w, s, &[1.0, 0.0], [0.0, 1.0]);
    assert_eq!(hv, (vec![0.0, 2.0], [2.0, 0.0]));
}

// --- 046: a local array lent `&mut` to a `&mut [f64]` parameter went in where the callee's
// `_owned` form takes a `Vec`, and came back as one (E0308). f = x + x², f' = 1 + 2x.

#[differentiable]
fn fill_square(x: f64, out: &mut [f64]) -> f64 {
    out[0] = x * x;
    x
}

#[differentiable]
fn lends_a_local_array(x: f64) -> f64 {
    let mut y = [0.0; 3];
    let a = fill_square(x, &mut y);
    a + y[0]
}

#[test]
fn a_local_array_lent_to_a_slice_buffer() {
    assert_eq!(lends_a_local_array_grad(2.0), (6.0, 5.0));
    assert_eq!(lends_a_local_array_jvp(2.0, 0.5), (6.0, 2.5));
    assert_eq!(lends_a_local_array_hvp(2.0, 1.0), (6.0, 5.0, 2.0));
}

// The same array lent and then read by a callee taking a slice: both gradients come back as
// `Vec`s and become the array's adjoint. f = s₀·y₀ + a with y₀ = 2p, a = p, and y₂ = 3a when
// p > 1: ∂f/∂s = (y₀, 0), ∂f/∂p = 2s₀ + 1.
#[differentiable]
fn lends_then_reads_a_local_array(s: &[f64], p: f64) -> f64 {
    let mut y: [f64; 3] = [0.0; 3];
    let a = fill_square(p, &mut y);
    if p > 1.0 {
        y[2] = 3.0 * a;
    }
    dot_of(s, &y) + a
}

#[test]
fn a_local_array_lent_then_read_through_a_slice() {
    let s = [1.0, 2.0, 0.5];
    // y = (p², 0, 3p): f = p² + 1.5p + p
    let (value, (gs, gp)) = lends_then_reads_a_local_array_grad(&s, 3.0);
    assert_eq!((value, gs, gp), (9.0 + 4.5 + 3.0, vec![9.0, 0.0, 9.0], 6.0 + 1.5 + 1.0));
    let (_, _, (hs, hp)) = lends_then_reads_a_local_array_hvp(&s, 3.0, &[0.0; 3], 1.0);
    assert_eq!((hs, hp), (vec![6.0, 0.0, 3.0], 2.0));
}

// --- 047: the tangent of `self.n as f32`, where `self` is constant and `n` an integer field,
// was the integer itself (`zero_like` of an integer copies it). f = t.a − a₁ with a₁ = n, or
// tanh(t.a) when t.n < 2.

#[derive(Differentiable, Clone)]
struct Tallied {
    n: usize,
    a: f32,
}

impl Tallied {
    #[differentiable(wrt(t))]
    fn minus_count(&self, t: Tallied) -> f32 {
        let mut a1: f32 = (self.n) as f32;
        for _i in 0..4 {
            if t.n < 2 {
                a1 = t.a.tanh();
            }
        }
        t.a - a1
    }
}

#[test]
fn an_integer_field_cast_of_a_constant_struct_has_no_tangent() {
    let me = Tallied { n: 2, a: 0.3 };
    let direction = Tallied { n: 2, a: 1.0 };
    for (n, want) in [(2, 1.0), (1, 0.5f32.tanh().powi(2))] {
        let t = Tallied { n, a: 0.5 };
        let (value, tangent) = me.minus_count_jvp(t.clone(), direction.clone());
        assert_eq!(value, me.minus_count(t.clone()));
        assert_rel32(tangent, want, 1e-6, "jvp along t.a");
        let (_, g) = me.minus_count_grad(t.clone());
        assert_rel32(g.a, want, 1e-6, "grad in t.a");
        let (_, _, h) = me.minus_count_hvp(t, direction.clone());
        let second: f32 = if n < 2 { -2.0 * 0.5f32.tanh() * (1.0 - 0.5f32.tanh().powi(2)) } else { 0.0 };
        assert_rel32(-h.a, second, 1e-5, "H·e_a");
    }
}

// --- 045: a `match` on a struct's integer field binding it in an arm (`k @ 0..=1 => k as
// f32`) did not compile: in the forward-over-reverse forms the field's tangent (a copied
// integer) was given a float adjoint, because `cast_tangent`'s operand counted as a float.

#[derive(Differentiable, Clone)]
struct Ranked {
    n: usize,
    w: Vec<f32>,
}

#[differentiable]
fn rank_or_weight(t: &Ranked) -> f32 {
    match t.n {
        k @ 0..=1 => k as f32 * t.w[0],
        _ => t.w[0] * t.w[0],
    }
}

#[test]
fn an_arm_binding_a_struct_integer_field() {
    // n = 1: f = w₀, ∂f/∂w₀ = 1, H = 0; n = 3: f = w₀², ∂f/∂w₀ = 2w₀, H = 2
    for (n, value, grad, h) in [(1, 2.0, 1.0, 0.0), (3, 4.0, 4.0, 2.0)] {
        let t = Ranked { n, w: vec![2.0] };
        let (v, g) = rank_or_weight_grad(&t);
        assert_eq!((v, g.w.clone()), (value, vec![grad]));
        let direction = Ranked { n, w: vec![1.0] };
        assert_eq!(rank_or_weight_jvp(&t, &direction), (value, grad));
        let (_, _, hv) = rank_or_weight_hvp(&t, &direction);
        assert_eq!(hv.w, vec![h]);
    }
}

// --- 044: a function's own `&mut` parameter passed bare (a shared reborrow) to a call inside
// a `vec![…]` literal did not compile: the rewrite of such arguments did not look inside the
// macro. f = p·(out·out) with out's initial contents, then out₀ = p.

#[differentiable]
fn squares_into_literal(p: f64, out: &mut [f64]) -> f64 {
    let v = vec![p, dot_of(out, out)];
    out[0] = p;
    p * v[1]
}

#[test]
fn a_mut_parameter_read_inside_a_vec_literal() {
    let mut out = [1.0, 3.0];
    let (value, pullback) = squares_into_literal_vjp(2.0, &mut out);
    assert_eq!((value, out), (20.0, [2.0, 3.0]));
    // ∂f/∂p = out·out = 10; ∂f/∂out = 2p·out = (4, 12)
    assert_eq!(pullback(1.0, vec![0.0, 0.0]), (10.0, vec![4.0, 12.0]));
    // the final out₀ = p passes its adjoint to p
    let (_, pullback) = squares_into_literal_vjp(2.0, &mut [1.0, 3.0]);
    assert_eq!(pullback(0.0, vec![1.0, 0.0]), (1.0, vec![0.0, 0.0]));
}

// --- 048: a `let` closure reading an element twice (`s[0] / (v * s[0])`), called on the
// same element, merged two reads and removed the `let` of one still in use (E0425).
// f = 1/s₀ when s₀ ≤ 0, else s₀: f' = −1/s₀² or 1.

#[differentiable]
fn reciprocal_by_closure(s: &Vec<f64>) -> f64 {
    let a = s[0];
    let c = |v: f64| s[0] / (v * s[0]);
    if a > 0.0 { a } else { c(s[0]) }
}

#[test]
fn a_closure_reading_an_element_twice_on_that_element() {
    assert_eq!(reciprocal_by_closure_grad(&vec![-2.0]), (-0.5, vec![-0.25]));
    assert_eq!(reciprocal_by_closure_grad(&vec![3.0]), (3.0, vec![1.0]));
    let (_, _, hv) = reciprocal_by_closure_hvp(&vec![-2.0], &vec![1.0]);
    assert_eq!(hv, vec![-0.25]);
}

// --- 049: `?` in a statement that depends on no differentiated value was kept as written,
// in forms that return a tuple (E0277). f = x·a with a = sin(h(h(c)·4)); None when h is.

#[differentiable]
fn halve_below_one(x: f64) -> Option<f64> {
    if x > 1.0 { None } else { Some(x * 0.5) }
}

#[differentiable]
fn scaled_by_a_constant_chain(x: f64, c: f64) -> Option<f64> {
    let _ = c;
    let a = halve_below_one(halve_below_one(-0.5_f64)?.tanh() * 4.0)?.sin();
    let _none = halve_below_one(5.0);
    Some(x * a)
}

#[differentiable]
fn none_from_a_constant_chain(x: f64) -> Option<f64> {
    let a = halve_below_one(halve_below_one(3.0_f64)? + 1.0)?;
    Some(x * a)
}

#[test]
fn try_on_a_constant_call() {
    let a = ((-0.25f64).tanh() * 4.0 * 0.5).sin();
    let (value, pullback) = scaled_by_a_constant_chain_vjp(2.0, 1.0);
    assert_eq!(value, Some(2.0 * a));
    assert_eq!(pullback(Some(1.0)), (a, 0.0));
    assert_eq!(scaled_by_a_constant_chain_jvp(2.0, 1.0, 1.0, 0.0), (Some(2.0 * a), Some(a)));
    let (value, pullback) = none_from_a_constant_chain_vjp(2.0);
    assert_eq!(value, None);
    assert_eq!(pullback(None), 0.0);
}

// --- 050 (seed 777): a local array lent `&mut`, then copied for a callee taking a slice in a
// statement that writes it (`y[0] += a * sum_of_squares(&y)`): in the second-order forms the
// array's adjoint was declared from the callee's `Vec` gradient (E0308 on the lending call).
// f = a·(y₀ + a·y₀²) with a = x, y₀ = 4·tanh x.

#[differentiable]
fn fill_one(out: &mut [f64; 1], x: f64) -> f64 {
    out[0] = x.tanh() * 4.0;
    x
}

#[differentiable]
fn sum_of_squares(s: &[f64]) -> f64 {
    s.iter().map(|v| v * v).sum::<f64>()
}

#[differentiable]
fn refilled_then_read(x: f64) -> f64 {
    let mut y: [f64; 1] = [0.0; 1];
    let a = fill_one(&mut y, x);
    y[0] += a * sum_of_squares(&y);
    a * y[0]
}

#[test]
fn an_array_lent_then_copied_for_a_slice_callee() {
    let f = |x: f64| {
        let y0 = 4.0 * x.tanh();
        x * (y0 + x * y0 * y0)
    };
    for x in [-0.7, 0.3, 1.1] {
        let (value, dx) = refilled_then_read_grad(x);
        assert_rel64(value, f(x), 1e-14, "value");
        assert_rel64(dx, fd(f, x), 1e-7, "gradient");
        let (_, tangent) = refilled_then_read_jvp(x, 1.0);
        assert_rel64(tangent, dx, 1e-14, "tangent");
        let (_, _, hv) = refilled_then_read_hvp(x, 1.0);
        assert_rel64(hv, fd(|x| refilled_then_read_grad(x).1, x), 1e-6, "second derivative");
    }
}

// --- 051 (seed 1, all constructs): a `return` of a `Vec` parameter inside a loop did not
// compile (E0382, moved in a previous iteration): the `return` becomes flags, so rustc sees
// the loop go on. The value is returned as a clone now.
// f = s when n is even, else s·p: ∂/∂s = w or p·w, ∂/∂p = ⟨s, w⟩ or 0.

#[differentiable]
fn returned_from_a_loop(p: f64, s: Vec<f64>, n: usize) -> Vec<f64> {
    for _ in 0..2 {
        if n.is_multiple_of(2) {
            return s;
        }
    }
    s.iter().map(|v| v * p).collect()
}

#[differentiable]
fn local_returned_from_a_while(p: f64, n: usize) -> Vec<f64> {
    let mut y = vec![p, 2.0 * p];
    let mut k = 0;
    while k < 3 {
        y[0] *= p;
        if k == n {
            return y;
        }
        k += 1;
    }
    y
}

#[test]
fn a_vec_returned_from_inside_a_loop() {
    let (value, pullback) = returned_from_a_loop_vjp(3.0, vec![1.0, 2.0], 2);
    assert_eq!(value, vec![1.0, 2.0]);
    assert_eq!(pullback(vec![0.5, -1.0]), (0.0, vec![0.5, -1.0]));
    let (value, pullback) = returned_from_a_loop_vjp(3.0, vec![1.0, 2.0], 1);
    assert_eq!(value, vec![3.0, 6.0]);
    assert_eq!(pullback(vec![0.5, -1.0]), (-1.5, vec![1.5, -3.0]));
    // y₀ = p^(n+2) when it returns at k = n, else p⁴; y₁ = 2p
    let (value, pullback) = local_returned_from_a_while_vjp(2.0, 1);
    assert_eq!(value, vec![8.0, 4.0]);
    assert_eq!(pullback(vec![1.0, 1.0]), 3.0 * 4.0 + 2.0);
    let (value, pullback) = local_returned_from_a_while_vjp(2.0, 7);
    assert_eq!(value, vec![16.0, 4.0]);
    assert_eq!(pullback(vec![1.0, 0.0]), 4.0 * 8.0);
}

// --- 052 (seed 1, all constructs): in a function generic over its float type, a constant
// `&T` argument of a callee that differentiates it got the tangent `&T::from_f64(0.0)`, a
// temporary that the callee's pullback kept borrowed (E0716). It is a `'static` zero now
// (`StaticZero::ZERO_REF`). f = s₀·c·k (c = s₀'s sine when k ≤ 0, else `o`).

#[differentiable]
fn scaled_or_given<T: backprop::Float>(o: Option<T>, k: &T, c: T, s: &[T]) -> Option<T> {
    if *k > T::ZERO {
        return o;
    }
    Some(c * s[0] * *k)
}

#[differentiable(wrt(s))]
fn calls_with_a_constant_reference<T: backprop::Float>(k: &T, s: &Vec<T>) -> T {
    match scaled_or_given::<T>(None, k, s[1].sin(), &s[0..2]) {
        Some(v) => v,
        None => s[1],
    }
}

#[test]
fn a_constant_reference_argument_in_a_generic_function() {
    let f = |s: &[f64]| calls_with_a_constant_reference(&-0.5, &s.to_vec());
    let s = [0.7, -1.2];
    let (value, gradient) = calls_with_a_constant_reference_grad(&-0.5, &s.to_vec());
    assert_eq!(value, f(&s));
    assert_grad_close(&gradient, &fd_grad(f, &s), 1e-7);
    let (_, tangent) = calls_with_a_constant_reference_jvp(&-0.5, &s.to_vec(), &vec![1.0, 0.0]);
    assert_rel64(tangent, gradient[0], 1e-14, "tangent");
    let (_, _, hv) = calls_with_a_constant_reference_hvp(&-0.5f32, &vec![0.7f32, -1.2], &vec![0.0, 1.0]);
    // ∂²f/∂s₀∂s₁ = −0.5·cos s₁, ∂²f/∂s₁² = 0.5·s₀·sin s₁
    assert!((hv[0] - (-0.5 * (-1.2f32).cos())).abs() < 1e-6 && (hv[1] - 0.5 * 0.7 * (-1.2f32).sin()).abs() < 1e-6);
}

// --- 053 (seed 4242, all constructs): a call lending a buffer and an accumulator `&mut`,
// inside a branch (here: after an early `return`), did not compile (E0382, partly moved): the
// record of the branch kept the tuple the callee gave back, whose buffer had moved into the
// caller's variable, to read the accumulator from it again. The accumulator is recorded now.
// f = [r, a·y₀] with r = p − p², a = p², y₀ = 2.75p (else [p] when `o` is `None`).

#[differentiable]
fn scale_into(out: &mut [f64], p: f64, acc: &mut f64) -> f64 {
    out[0] += 2.75 * p;
    *acc *= p;
    p - *acc
}

#[differentiable]
fn lends_two_after_a_return(o: Option<f64>, p: f64) -> Vec<f64> {
    if o.is_none() {
        return vec![p];
    }
    let mut y = vec![0.0; 1];
    let mut a = p;
    let r = scale_into(&mut y, p, &mut a);
    vec![r, a * y[0]]
}

#[test]
fn a_buffer_and_an_accumulator_lent_in_a_branch() {
    let (value, pullback) = lends_two_after_a_return_vjp(Some(1.0), 0.5);
    assert_eq!(value, vec![0.25, 0.25 * 1.375]);
    // ∂/∂p of r + 2·(2.75p³) = 1 − 2p + 16.5p²
    assert_eq!(pullback(vec![1.0, 2.0]), (Some(0.0), 1.0 - 1.0 + 16.5 * 0.25));
    let (_, tangent) = lends_two_after_a_return_jvp(Some(1.0), 0.5, Some(0.0), 1.0);
    assert_eq!(tangent, vec![0.0, 2.75 * 3.0 * 0.25]);
    let (value, pullback) = lends_two_after_a_return_vjp(None, 0.5);
    assert_eq!((value, pullback(vec![3.0])), (vec![0.5], (None, 3.0)));
}

// --- 054 (seed 20261207): `g(out.to_vec(), out)` of a `&mut` parameter did not compile
// (E0382): the copy's `Vec` adjoint was put into the parameter's shape by reading the
// parameter, which `_owned_vjp` had moved into the value it returns. A copy of a slice or
// `Vec` needs no reshaping. f: acc ← acc·out₀², then out₀ ← 2·out₀; the result is acc.

#[differentiable]
fn first_times_first(s: Vec<f64>, t: &[f64]) -> f64 {
    s[0] * t[0]
}

#[differentiable]
fn scale_by_own_copy(out: &mut [f64], acc: &mut f64) -> f64 {
    *acc = *acc * first_times_first(out.to_vec(), out);
    out[0] *= 2.0;
    *acc
}

#[test]
fn a_copy_of_a_mut_parameter_passed_by_value() {
    let (mut out, mut acc) = (vec![3.0, 5.0], 2.0);
    let (value, pullback) = scale_by_own_copy_vjp(&mut out, &mut acc);
    assert_eq!((value, &out, acc), (18.0, &vec![6.0, 5.0], 18.0));
    // ∂/∂out₀ = 2·acc·out₀ = 12, ∂/∂acc = out₀² = 9
    assert_eq!(pullback(1.0, vec![0.0, 0.0], 0.0), (vec![12.0, 0.0], 9.0));
    // the final out₀ = 2·out₀ passes twice its adjoint back
    assert_eq!(pullback_of_final_out(), (vec![2.0, 1.0], 0.0));
}

fn pullback_of_final_out() -> (Vec<f64>, f64) {
    let (_, pullback) = scale_by_own_copy_vjp(&mut [3.0, 5.0], &mut 2.0);
    pullback(0.0, vec![1.0, 1.0], 0.0)
}

// --- 055 (seed 8080): a borrowed literal in parentheses or negated (`&(-0.25_f32)`,
// `&-0.25`, `&(0.5)`) was not taken for a borrowed float: E0716 or E0308 on its zero tangent.
// f = k·x² summed over k = −0.25, 0.5, −0.5.

#[differentiable]
fn scaled_square(k: &f32, x: f32) -> f32 {
    *k * x * x
}

#[differentiable]
fn borrowed_signed_literals(x: f32) -> f32 {
    scaled_square(&(-0.25_f32), x) + scaled_square(&-0.25, x) + scaled_square(&(0.5), x) + scaled_square(&(-0.5), x)
}

#[test]
fn borrowed_literals_in_parentheses_or_negated() {
    // Σk = −0.5: f = −0.5·x², f' = −x, f'' = −1
    assert_eq!(borrowed_signed_literals_grad(2.0), (-2.0, -2.0));
    assert_eq!(borrowed_signed_literals_jvp(2.0, 1.0), (-2.0, -2.0));
    assert_eq!(borrowed_signed_literals_hvp(2.0, 1.0), (-2.0, -2.0, -1.0));
}

// --- 043: a bare `None` given to an `Option<usize>` parameter (the macro cannot see its
// type), alone and beside a differentiated `Option<f64>`. Found compiling on 7 December.
// (A constant given to that `Option<f64>` instead is find 017, still open.)
// f = x + 3x + (x + x·x).

#[differentiable(wrt(x))]
fn times_count(x: f64, o: Option<usize>) -> f64 {
    match o {
        Some(k) => x * k as f64,
        None => x,
    }
}

#[differentiable(wrt(x, c))]
fn times_both(x: f64, o: Option<usize>, c: Option<f64>) -> f64 {
    let scaled = match c {
        Some(c) => x * c,
        None => 0.0,
    };
    times_count(x, o) + scaled
}

#[differentiable]
fn bare_nones(x: f64) -> f64 {
    times_count(x, None) + times_count(x, Some(3)) + times_both(x, None, Some(x))
}

#[test]
fn a_bare_none_to_an_integer_option() {
    // f = 5x + x², f' = 5 + 2x, f'' = 2
    assert_eq!(bare_nones_grad(2.0), (14.0, 9.0));
    assert_eq!(bare_nones_jvp(2.0, 1.0), (14.0, 9.0));
    assert_eq!(bare_nones_hvp(2.0, 1.0), (14.0, 9.0, 2.0));
}

// --- 056 (seed 31415): a view of a by-value struct's field taken after a branch that may
// return (`let v = &t.inner.c[1..];`), used only for its length, did not compile (E0597, the
// borrow kept for `'static`): the fix for 053 took the struct for partly moved (a field of
// unknown type was read before) and recorded the view in the branch's record. A borrow is
// always taken again in the reverse sweep.

#[derive(Differentiable, Clone, Copy)]
struct Inner56 {
    b: f64,
    a: f64,
    c: [f64; 2],
}

#[derive(Differentiable, Clone)]
struct Outer56 {
    c: [f64; 3],
    inner: Inner56,
    a: f64,
}

impl Outer56 {
    #[allow(clippy::collapsible_if, reason = "the shape the find came in")]
    #[differentiable(wrt(self, p0, t0))]
    fn view_after_a_branch(&self, p0: &f64, o0: Option<usize>, t0: Outer56) -> f64 {
        let _ = o0;
        // Read, not used in arithmetic: the macro cannot tell it from a moved field.
        let first = t0.inner.a;
        if *p0 > 1.0 {
            let _ = first;
        } else if t0.c.iter().fold(-0.75_f64, |acc, v| acc * v) <= 3.0 {
            if self.c[1] >= 0.5 {
                return 2.75;
            }
        }
        let v = &t0.inner.c[1..];
        let k = v.len() - 1;
        if *p0 >= 3.0 {
            return (k as f64 + 1.0).atan2(t0.inner.b);
        }
        t0.a + *p0
    }
}

#[test]
fn a_view_of_a_field_after_a_branch_that_returns() {
    let inner = Inner56 { b: 2.0, a: 0.25, c: [1.0, 2.0] };
    let outer = Outer56 { c: [0.0, 0.1, 0.0], inner, a: 4.0 };
    // f = t.a + p
    let (value, (_, dp, dt)) = outer.view_after_a_branch_grad(&0.5, None, outer.clone());
    assert_eq!((value, dp, dt.a, dt.inner.a), (4.5, 1.0, 1.0, 0.0));
    // f = atan2(1, t.inner.b): ∂/∂b = −1/(1 + b²)
    let (value, (_, dp, dt)) = outer.view_after_a_branch_grad(&3.5, None, outer.clone());
    assert_eq!((value, dp), (1f64.atan2(2.0), 0.0));
    assert_rel64(dt.inner.b, -1.0 / 5.0, 1e-15, "∂/∂b");
}

// --- 058: a function with a `&mut` parameter beside two references (a regression of the
// shared `'__lall`, caught by the differential tester before CI): its `_vjp` wrapper holds
// the owned form's pullback, which lives for that form's `'__lall`, so the wrapper has one too.

#[differentiable]
pub fn product_into(out: &mut [f64], a: &[f64], b: &[f64]) {
    for i in 0..out.len() {
        out[i] = a[i] * b[i];
    }
}

#[differentiable]
pub fn add_product_into(acc: &mut f64, a: &[f64], b: &f64) {
    *acc += a[0] * *b;
}

/// f = a₀b₀ + a₁b₁ + a₀b₀b₁.
#[differentiable]
pub fn lends_beside_two_references(a: &[f64], b: &[f64]) -> f64 {
    let mut o = vec![0.0; a.len()];
    product_into(&mut o, a, b);
    let mut s = 0.0;
    add_product_into(&mut s, &o, &b[1]);
    o[0] + o[1] + s
}

#[test]
fn found_058_a_mut_parameter_beside_two_references() {
    let (a, b) = ([1.5, 2.0], [3.0, -1.0]);
    let (value, (ga, gb)) = lends_beside_two_references_grad(&a, &b);
    assert_eq!(value, a[0] * b[0] + a[1] * b[1] + a[0] * b[0] * b[1]);
    // ∂f/∂a = (b₀ + b₀b₁, b₁), ∂f/∂b = (a₀ + a₀b₁, a₁ + a₀b₀).
    assert_eq!(ga, vec![b[0] + b[0] * b[1], b[1]]);
    assert_eq!(gb, vec![a[0] + a[0] * b[1], a[1] + a[0] * b[0]]);
    // The wrapper itself: acc ← acc + a₀b, pullback of (seed, final acc's adjoint).
    let mut acc = 1.0;
    let ((), pullback) = add_product_into_vjp(&mut acc, &[2.0], &3.0);
    assert_eq!(acc, 7.0);
    assert_eq!(pullback((), 1.0), (1.0, vec![3.0], 2.0));
    // H·(da = (1, 0), db = 0): ∂²f/∂a₀∂b = (1 + b₁, a₀), nothing in a.
    let (_, _, (ha, hb)) = lends_beside_two_references_hvp(&a, &b, &[1.0, 0.0], &[0.0, 0.0]);
    assert_eq!((ha, hb), (vec![0.0, 0.0], vec![1.0 + -1.0, 3.0]));
}

// --- 059: std's float `Sum` starts from `-0.0`, so an empty sum is `-0.0`; the generated
// sums started from `0.0`, and `atan2` of the sum turned the sign into π against -π.

// s = Σ_{i ≥ 1} xᵢ (nothing for one element: -0.0), f = atan2(s, x₀)
#[differentiable]
fn angle_of_filtered_sum(x: &[f64]) -> f64 {
    let s: f64 = (0..x.len()).filter(|&i| i != 0).map(|i| x[i]).sum();
    s.atan2(x[0])
}

// The same through `x.iter().sum()` of an empty slice and a filtered `sum()` without a map.
#[differentiable]
fn angle_of_empty_sums(x: &[f64], y: f64) -> f64 {
    let empty: f64 = x[1..].iter().sum();
    let none: f64 = x.iter().copied().filter(|&v| v > 10.0).sum();
    (empty + none).atan2(y)
}

#[test]
fn found_059_an_empty_sum_is_negative_zero() {
    let x = [-0.5];
    let value = angle_of_filtered_sum(&x);
    assert_eq!(value, -std::f64::consts::PI);
    for (mode, got) in [
        ("_grad", angle_of_filtered_sum_grad(&x).0),
        ("_vjp", angle_of_filtered_sum_vjp(&x).0),
        ("_jvp", angle_of_filtered_sum_jvp(&x, &[1.0]).0),
        ("_hvp", angle_of_filtered_sum_hvp(&x, &[1.0]).0),
    ] {
        assert_eq!(got.to_bits(), value.to_bits(), "{mode}");
    }
    // ∂/∂x₀ atan2(s, x₀) = -s / (s² + x₀²) = 0 at s = 0.
    assert_eq!(angle_of_filtered_sum_grad(&x).1, vec![0.0]);
    let value = angle_of_empty_sums(&[2.0], -1.0);
    assert_eq!(value, -std::f64::consts::PI);
    assert_eq!(angle_of_empty_sums_grad(&[2.0], -1.0).0.to_bits(), value.to_bits());
    assert_eq!(angle_of_empty_sums_jvp(&[2.0], -1.0, &[1.0], 1.0).0.to_bits(), value.to_bits());
    // ∂f/∂x₀ = 0 (x₀ is in no sum), ∂f/∂y = -s / (s² + y²) = 0.
    assert_eq!(angle_of_empty_sums_grad(&[2.0], -1.0).1, (vec![0.0], 0.0));
}

// --- 060: the reverse of `vec![s, t]` of derived structs (and of `ls[i] = s`) took each
// element's adjoint with `mem::take`, which asks `Default` of the struct: E0277.

#[derive(backprop::Differentiable, Clone)]
struct Particle {
    x: f64,
    v: Vec<f64>,
    n: usize,
}

// E = Σ_p x_p · Σ v_p
#[differentiable]
fn energy(ps: Vec<Particle>) -> f64 {
    let mut e = 0.0;
    for p in ps.iter() {
        e += p.x * p.v.iter().sum::<f64>();
    }
    e
}

// ps = [P(a, [a, 1]), P(2, [a²])], ps[1] = P(a, [1]): E = a(a + 1) + a = a² + 2a; E' = 2a + 2
#[differentiable]
fn energy_of_built(a: f64) -> f64 {
    let mut ps = vec![Particle { x: a, v: vec![a, 1.0], n: 2 }, Particle { x: 2.0, v: vec![a * a], n: 1 }];
    ps[1] = Particle { x: a, v: vec![1.0], n: 1 };
    energy(ps)
}

#[test]
fn found_060_a_literal_vec_of_structs_without_default() {
    for a in [-1.5, 0.5, 2.0] {
        let (value, grad) = energy_of_built_grad(a);
        assert_eq!(value, a * a + 2.0 * a);
        assert_rel64(grad, 2.0 * a + 2.0, 1e-12, "energy_of_built");
        assert_rel64(grad, fd(energy_of_built, a), 1e-6, "energy_of_built by differences");
        let (_, tangent) = energy_of_built_jvp(a, 1.0);
        assert_rel64(tangent, 2.0 * a + 2.0, 1e-12, "energy_of_built_jvp");
        let (_, _, hv) = energy_of_built_hvp(a, 1.0);
        assert_rel64(hv, 2.0, 1e-12, "energy_of_built_hvp");
    }
}
