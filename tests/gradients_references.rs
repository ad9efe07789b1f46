//! References passed to differentiable callees: `g(y, &beta)` on a parameter taken by value,
//! on a local, on a temporary (`&(2.0 * a.cos())`), a `Vec` parameter passed as `g(&xs)` and
//! then moved, names bound to borrows (`let q = &c;`), rows of local matrices.
//!
//! Issue 12, class 1: each of these did not compile in `_vjp` (the pullback borrowed a local
//! of `_vjp` and was returned in its closure: E0597, E0505), and some not in `_grad` either.
//! Every case is checked in both: `_grad` against the hand derivation and central
//! differences, `_vjp`'s pullback (seed 1) against `_grad`.

#![allow(clippy::needless_range_loop, clippy::assign_op_pattern, reason = "the forms differentiated")]

mod common;
use backprop::{Differentiable, differentiable};
use common::*;

// g(a, b) = a·sin b;  ∂g/∂a = sin b,  ∂g/∂b = a·cos b
#[differentiable]
fn scaled_sine(a: f64, b: &f64) -> f64 {
    a * b.sin()
}

// h(b) = 2 sin b;  h'(b) = 2 cos b
#[differentiable]
fn twice_sine(b: &f64) -> f64 {
    b.sin() * 2.0
}

// s(v) = v₀·v₁
#[differentiable]
fn first_product(v: &[f64]) -> f64 {
    v[0] * v[1]
}

/// Checks `_grad` (hand and finite differences) and that `_vjp`'s pullback gives the same.
#[track_caller]
fn check_both(
    grad: impl Fn(&[f64]) -> (f64, Vec<f64>),
    vjp: impl Fn(&[f64]) -> (f64, Vec<f64>),
    f: impl Fn(&[f64]) -> f64,
    df: impl Fn(&[f64]) -> Vec<f64>,
    points: &[&[f64]],
) {
    check_n64(&grad, &f, df, points, TOL64);
    for &p in points {
        let (value, g) = grad(p);
        let (vjp_value, vjp_g) = vjp(p);
        assert_eq!(vjp_value, value, "value of _vjp at {p:?}");
        assert_grad_close(&vjp_g, &g, 1e-15);
    }
}

// f(y, β) = g(y, &β)·β = y·sin β·β;  ∂f/∂y = β sin β,  ∂f/∂β = y(sin β + β cos β)
#[differentiable]
fn borrowed_parameter(y: f64, beta: f64) -> f64 {
    let r = scaled_sine(y, &beta);
    r * beta
}

#[test]
fn a_parameter_taken_by_value_can_be_lent_to_a_callee() {
    check_both(
        |p| {
            let (v, (dy, db)) = borrowed_parameter_grad(p[0], p[1]);
            (v, vec![dy, db])
        },
        |p| {
            let (v, pullback) = borrowed_parameter_vjp(p[0], p[1]);
            let (dy, db) = pullback(1.0);
            (v, vec![dy, db])
        },
        |p| borrowed_parameter(p[0], p[1]),
        |p| vec![p[1] * p[1].sin(), p[0] * (p[1].sin() + p[1] * p[1].cos())],
        &[&[1.0, 2.0], &[-0.4, 0.7]],
    );
}

// f(x, a) = g(x, &(2 cos a)) = x·sin(2 cos a);  ∂f/∂x = sin(2 cos a),  ∂f/∂a = −2x sin a·cos(2 cos a)
#[differentiable]
fn borrowed_temporary(x: f64, a: f64) -> f64 {
    scaled_sine(x, &(2.0 * a.cos()))
}

// f(r) = h(&atan r) = 2 sin(atan r);  f'(r) = 2 cos(atan r)/(1 + r²)
#[differentiable]
fn borrowed_method_result(result: f64) -> f64 {
    twice_sine(&result.atan())
}

#[test]
fn temporaries_can_be_lent_to_a_callee() {
    check_both(
        |p| {
            let (v, (dx, da)) = borrowed_temporary_grad(p[0], p[1]);
            (v, vec![dx, da])
        },
        |p| {
            let (v, pullback) = borrowed_temporary_vjp(p[0], p[1]);
            let (dx, da) = pullback(1.0);
            (v, vec![dx, da])
        },
        |p| borrowed_temporary(p[0], p[1]),
        |p| {
            let c = 2.0 * p[1].cos();
            vec![c.sin(), -2.0 * p[0] * p[1].sin() * c.cos()]
        },
        &[&[1.3, 0.2], &[-0.5, 2.0]],
    );
    let d = |r: f64| 2.0 * r.atan().cos() / (1.0 + r * r);
    check1_64(borrowed_method_result_grad, borrowed_method_result, d, &[-1.5, 0.3, 2.0], TOL64);
    for r in [-1.5, 0.3] {
        assert_eq!(borrowed_method_result_vjp(r).1(1.0), borrowed_method_result_grad(r).1);
    }
}

// f(xs) = s(&xs)·ys₁ with ys = xs moved after the call = x₀x₁²;  ∇f = [x₁², 2x₀x₁]
#[differentiable]
fn lent_then_moved(xs: Vec<f64>) -> f64 {
    let r = first_product(&xs);
    let ys = xs;
    r * ys[1]
}

// f(xs) = s(&xs)·x₀ = x₀²x₁;  ∇f = [2x₀x₁, x₀²]
#[differentiable]
fn lent_then_read(xs: Vec<f64>) -> f64 {
    let r = first_product(&xs);
    r * xs[0]
}

// f(xs) = s(&xs)·x₀ for an array taken by value, same gradient
#[differentiable]
fn array_lent_then_read(xs: [f64; 2]) -> f64 {
    first_product(&xs) * xs[0]
}

#[test]
fn a_vec_parameter_taken_by_value_can_be_lent_then_moved_or_read() {
    check_both(
        |p| lent_then_moved_grad(p.to_vec()),
        |p| {
            let (v, pullback) = lent_then_moved_vjp(p.to_vec());
            (v, pullback(1.0))
        },
        |p| lent_then_moved(p.to_vec()),
        |p| vec![p[1] * p[1], 2.0 * p[0] * p[1]],
        &[&[0.5, -1.5], &[2.0, 0.3]],
    );
    check_both(
        |p| lent_then_read_grad(p.to_vec()),
        |p| {
            let (v, pullback) = lent_then_read_vjp(p.to_vec());
            (v, pullback(1.0))
        },
        |p| lent_then_read(p.to_vec()),
        |p| vec![2.0 * p[0] * p[1], p[0] * p[0]],
        &[&[0.5, -1.5], &[2.0, 0.3]],
    );
    check_both(
        |p| {
            let (v, g) = array_lent_then_read_grad([p[0], p[1]]);
            (v, g.to_vec())
        },
        |p| {
            let (v, pullback) = array_lent_then_read_vjp([p[0], p[1]]);
            (v, pullback(1.0).to_vec())
        },
        |p| array_lent_then_read([p[0], p[1]]),
        |p| vec![2.0 * p[0] * p[1], p[0] * p[0]],
        &[&[0.5, -1.5], &[2.0, 0.3]],
    );
}

// f(c) = sin(c)·3c where q = &y borrows y = c before y is tripled;
// f'(c) = 3 cos c·c + 3 sin c
#[differentiable]
fn borrow_of_a_changing_local(c: f64) -> f64 {
    let mut y = c;
    let q = &y;
    let t = q.sin();
    y = y * 3.0;
    t * y
}

// f(b, c) = g(b, b)·g(c, &b)·h(&c) through a name bound to `&c`
#[differentiable]
fn names_bound_to_borrows(b: &f64, c: f64) -> f64 {
    let q = &c;
    let w = q;
    scaled_sine(*b, b) * scaled_sine(c, b) * twice_sine(w)
}

#[test]
fn names_bound_to_borrows_are_read_as_the_values_they_borrow() {
    let d = |c: f64| 3.0 * c.cos() * c + 3.0 * c.sin();
    check1_64(borrow_of_a_changing_local_grad, borrow_of_a_changing_local, d, &[-0.8, 0.4, 1.9], TOL64);
    for c in [-0.8, 0.4] {
        assert_eq!(borrow_of_a_changing_local_vjp(c).1(1.0), borrow_of_a_changing_local_grad(c).1);
    }
    // f = b sin b · c sin b · 2 sin c
    let f = |p: &[f64]| (p[0] * p[0].sin()) * (p[1] * p[0].sin()) * (2.0 * p[1].sin());
    let df = |p: &[f64]| {
        let (b, c) = (p[0], p[1]);
        let (sb, cb, sc, cc) = (b.sin(), b.cos(), c.sin(), c.cos());
        // f = 2·b·c·sin²b·sin c
        vec![2.0 * c * sc * (sb * sb + 2.0 * b * sb * cb), 2.0 * b * sb * sb * (sc + c * cc)]
    };
    check_both(
        |p| {
            let (v, (db, dc)) = names_bound_to_borrows_grad(&p[0], p[1]);
            (v, vec![db, dc])
        },
        |p| {
            let (v, pullback) = names_bound_to_borrows_vjp(&p[0], p[1]);
            let (db, dc) = pullback(1.0);
            (v, vec![db, dc])
        },
        |p| {
            assert_eq!(names_bound_to_borrows(&p[0], p[1]), f(p));
            f(p)
        },
        df,
        &[&[0.7, 1.1], &[-0.3, 0.5]],
    );
}

// f(v) = Σ_{i=0,1} r_k·sin r_k with r = &v and k = len − 1 − i: the borrow's length is read
// again in the reverse sweep;  ∂f/∂v_k = sin v_k + v_k cos v_k
#[differentiable]
fn borrow_read_in_a_loop(v: Vec<f64>) -> f64 {
    let r = &v;
    let mut acc = 0.0;
    for i in 0..2 {
        let k = r.len() - 1 - i;
        acc += r[k] * r[k].sin();
    }
    acc
}

// f(v) = s(&w)·w₀ where w = v then w₀ = 5w₁ after the call: x₀x₁·5x₁;  ∇f = [5x₁², 10x₀x₁]
#[differentiable]
fn borrow_lent_then_written(v: Vec<f64>) -> f64 {
    let mut w = v.clone();
    let r = &w;
    let t = first_product(r);
    w[0] = 5.0 * w[1];
    t * w[0]
}

#[test]
fn borrows_of_owned_buffers_are_lent_and_read_again_in_the_reverse_sweep() {
    check_both(
        |p| borrow_read_in_a_loop_grad(p.to_vec()),
        |p| {
            let (v, pullback) = borrow_read_in_a_loop_vjp(p.to_vec());
            (v, pullback(1.0))
        },
        |p| borrow_read_in_a_loop(p.to_vec()),
        |p| p.iter().map(|x| x.sin() + x * x.cos()).collect(),
        &[&[0.3, 0.7], &[-1.2, 2.1]],
    );
    check_both(
        |p| borrow_lent_then_written_grad(p.to_vec()),
        |p| {
            let (v, pullback) = borrow_lent_then_written_vjp(p.to_vec());
            (v, pullback(1.0))
        },
        |p| borrow_lent_then_written(p.to_vec()),
        |p| vec![5.0 * p[1] * p[1], 10.0 * p[0] * p[1]],
        &[&[0.3, 0.7], &[-1.2, 2.1]],
    );
}

// f(m, x) = Σᵢ (s(row i)·x + h(&row_i[1])) with row = &m[i]
#[differentiable]
fn rows_of_an_owned_matrix(m: Vec<Vec<f64>>, x: f64) -> f64 {
    let mut acc = 0.0;
    for i in 0..m.len() {
        let row = &m[i];
        acc += first_product(row) * x + twice_sine(&row[1]);
    }
    acc
}

// f(x) = s(&v[1..])·s(&v) + h(&v[0]) for a local v = [x, 2x, 3]: 6x·2x² + 2 sin x = 12x³ + 2 sin x
#[differentiable]
fn slices_of_a_local(x: f64) -> f64 {
    let v = vec![x, x * 2.0, 3.0];
    let r = &v[1..];
    first_product(r) * first_product(&v) + twice_sine(&v[0])
}

// f(x) = Σ_{i<3} (s(&v_i) + h(&v_i[1])) with v_i = [x + i, x²] local to the loop body
#[differentiable]
fn locals_of_a_loop_body(x: f64) -> f64 {
    let mut acc = 0.0;
    for i in 0..3 {
        let v = vec![x + i as f64, x * x];
        acc += first_product(&v) + twice_sine(&v[1]);
    }
    acc
}

#[test]
fn rows_slices_and_loop_locals_can_be_lent() {
    let m = vec![vec![0.1, 0.2], vec![0.3, 0.4]];
    for x in [0.7, -1.3] {
        let (value, (dm, dx)) = rows_of_an_owned_matrix_grad(m.clone(), x);
        assert_eq!(value, rows_of_an_owned_matrix(m.clone(), x));
        assert_rel64(dx, 0.1 * 0.2 + 0.3 * 0.4, EXACT64, "dx");
        for (i, row) in m.iter().enumerate() {
            assert_rel64(dm[i][0], row[1] * x, EXACT64, "dm[i][0]");
            assert_rel64(dm[i][1], row[0] * x + 2.0 * row[1].cos(), EXACT64, "dm[i][1]");
        }
        let (vjp_dm, vjp_dx) = rows_of_an_owned_matrix_vjp(m.clone(), x).1(1.0);
        assert_eq!((vjp_dm, vjp_dx), (dm, dx));
    }
    let d = |x: f64| 36.0 * x * x + 2.0 * x.cos();
    check1_64(slices_of_a_local_grad, slices_of_a_local, d, &[0.6, -1.1], TOL64);
    // Σᵢ (x + i)·x² + 2 sin x²:  Σᵢ (3x² + 2ix) + 4x cos x²
    let d = |x: f64| (0..3).map(|i| 3.0 * x * x + 2.0 * i as f64 * x + 4.0 * x * (x * x).cos()).sum();
    check1_64(locals_of_a_loop_body_grad, locals_of_a_loop_body, d, &[0.6, -1.1], TOL64);
    for x in [0.6, -1.1] {
        assert_eq!(slices_of_a_local_vjp(x).1(1.0), slices_of_a_local_grad(x).1);
        assert_eq!(locals_of_a_loop_body_vjp(x).1(1.0), locals_of_a_loop_body_grad(x).1);
    }
}

#[derive(Differentiable, Clone, Debug, PartialEq)]
struct Affine {
    a: f64,
    w: Vec<f64>,
}

impl Affine {
    // e(x) = a·x + w₀
    #[differentiable]
    fn eval(&self, x: f64) -> f64 {
        self.a * x + self.w[0]
    }
}

// f(p, x) = p.e(x)·p.w₁ through a borrow q = &p of a struct taken by value
#[differentiable]
fn method_on_an_owned_struct(p: Affine, x: f64) -> f64 {
    let q = &p;
    q.eval(x) * q.w[1]
}

#[test]
fn methods_on_structs_taken_by_value_can_borrow_them() {
    let p = Affine { a: 0.5, w: vec![0.2, -0.3] };
    for x in [0.7, -1.4] {
        let (value, (dp, dx)) = method_on_an_owned_struct_grad(p.clone(), x);
        assert_eq!(value, method_on_an_owned_struct(p.clone(), x));
        let e = p.a * x + p.w[0];
        assert_rel64(dx, p.a * p.w[1], EXACT64, "dx");
        assert_rel64(dp.a, x * p.w[1], EXACT64, "da");
        assert_rel64(dp.w[0], p.w[1], EXACT64, "dw0");
        assert_rel64(dp.w[1], e, EXACT64, "dw1");
        let fd_a = fd(|a| method_on_an_owned_struct(Affine { a, ..p.clone() }, x), p.a);
        assert_rel64(dp.a, fd_a, FD_TOL64, "finite differences of a");
        assert_eq!(method_on_an_owned_struct_vjp(p.clone(), x).1(1.0), (dp, dx));
    }
}
