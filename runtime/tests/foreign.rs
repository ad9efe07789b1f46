//! `ndarray` and `nalgebra` values as parameters, fields and results of differentiable
//! functions (features `ndarray` and `nalgebra`, which this crate's tests turn on): indexed as
//! those crates index, with gradients of the same type. Each gradient is checked against
//! central differences over every float leaf (`fd_leaves`), tangents against the gradient, and
//! H·v against differences of the gradient.

#![allow(clippy::needless_range_loop, reason = "index loops are what these tests differentiate")]

#[path = "../../tests/common/mod.rs"]
mod common;
use backprop::nalgebra::{DMatrix, DVector, SMatrix, SVector, Vector3};
use backprop::ndarray::{Array1, Array2, ArrayView1, ArrayView2, array};
use backprop::{Differentiable, differentiable, flatten};
use common::*;

// ---- ndarray ----

// Σᵢ wᵢ·sin(aᵢ) over `Array1`s, walked by index and by `.iter()`.
#[differentiable]
fn weighted_sines(a: &Array1<f64>, w: &Array1<f64>) -> f64 {
    let mut s = 0.0;
    for i in 0..a.len() {
        s += w[i] * a[i].sin();
    }
    for v in a.iter() {
        s += 0.1 * v * v;
    }
    s
}

// xᵀ A x over an `Array2` (indexed `a[[i, j]]`, sized by `nrows`/`ncols`/`dim`).
#[differentiable]
fn quadratic_form(a: &Array2<f64>, x: &Array1<f64>) -> f64 {
    let (rows, cols) = a.dim();
    let mut s = 0.0;
    for i in 0..rows {
        for j in 0..cols {
            s += x[i] * a[[i, j]] * x[j];
        }
    }
    s + a.nrows() as f64 * 0.0
}

// Views, and an owned array taken by value.
#[differentiable]
fn view_distance(a: ArrayView2<'_, f64>, b: ArrayView1<'_, f64>) -> f64 {
    let mut s = 0.0;
    for i in 0..a.nrows() {
        let d = a[[i, 0]] - b[i];
        s += d * d;
    }
    s.sqrt()
}

#[differentiable]
fn owned_log_sum_exp(a: Array1<f64>) -> f64 {
    let mut s = 0.0;
    for i in 0..a.len() {
        s += a[i].exp();
    }
    s.ln()
}

// A result that is an array (its `_vjp` takes an `Array1` adjoint).
#[differentiable]
fn row_sums(a: &Array2<f64>) -> Array1<f64> {
    let mut out = Array1::zeros(a.nrows());
    for i in 0..a.nrows() {
        for j in 0..a.ncols() {
            out[i] += a[[i, j]] * a[[i, j]];
        }
    }
    out
}

#[test]
fn ndarray_arrays_have_gradients_of_their_own_type() {
    let a = array![0.3, -1.2, 2.0];
    let w = array![1.5, 0.5, -0.25];
    let (value, (ga, gw)) = weighted_sines_grad(&a, &w);
    assert_rel64(value, weighted_sines(&a, &w), 1e-14, "value");
    assert_grad_close(&flatten(&ga), &fd_leaves(|a| weighted_sines(a, &w), &a), 1e-6);
    assert_grad_close(&flatten(&gw), &fd_leaves(|w| weighted_sines(&a, w), &w), 1e-6);
    let _: Array1<f64> = ga;

    let m = array![[1.0, 2.0, -0.5], [0.25, -1.0, 3.0], [2.0, 0.5, 1.5]];
    let (_, (gm, gx)) = quadratic_form_grad(&m, &a);
    // ∂(xᵀAx)/∂A = x xᵀ: an `Array2` of the same shape.
    assert_eq!(gm.dim(), (3, 3));
    for i in 0..3 {
        for j in 0..3 {
            assert_rel64(gm[[i, j]], a[i] * a[j], 1e-14, "x xᵀ");
        }
    }
    assert_grad_close(&flatten(&gx), &fd_leaves(|x| quadratic_form(&m, x), &a), 1e-6);
    // Forward mode and second order: H·v = (A + Aᵀ) v.
    let v = array![1.0, -2.0, 0.5];
    let (_, tangent) = quadratic_form_jvp(&m, &a, &Array2::zeros((3, 3)), &v);
    assert_rel64(tangent, flatten(&gx).iter().zip(v.iter()).map(|(g, v)| g * v).sum(), 1e-12, "tangent");
    let (_, _, (_, hv)) = quadratic_form_hvp(&m, &a, &Array2::zeros((3, 3)), &v);
    for i in 0..3 {
        let want: f64 = (0..3).map(|j| (m[[i, j]] + m[[j, i]]) * v[j]).sum();
        assert_rel64(hv[i], want, 1e-12, "H·v");
    }
}

#[test]
fn views_and_owned_arrays() {
    let m = array![[1.0, 2.0], [-0.5, 0.25], [3.0, 1.0]];
    let b = array![0.5, 0.5, 1.0];
    let (value, (gm, gb)) = view_distance_grad(m.view(), b.view());
    assert_rel64(value, view_distance(m.view(), b.view()), 1e-14, "value");
    let _: (Array2<f64>, Array1<f64>) = (gm.clone(), gb.clone());
    assert_grad_close(&flatten(&gm), &fd_leaves(|m: &Array2<f64>| view_distance(m.view(), b.view()), &m), 1e-6);
    assert_grad_close(&flatten(&gb), &fd_leaves(|b: &Array1<f64>| view_distance(m.view(), b.view()), &b), 1e-6);
    let a = array![0.1, 2.0, -1.0];
    let (_, g) = owned_log_sum_exp_grad(a.clone());
    assert_grad_close(&flatten(&g), &fd_leaves(|a: &Array1<f64>| owned_log_sum_exp(a.clone()), &a), 1e-6);
    assert_rel64(g.sum(), 1.0, 1e-12, "softmax sums to one");

    let (rows, pullback) = row_sums_vjp(&m);
    assert_eq!(rows, array![5.0, 0.3125, 10.0]);
    let g = pullback(array![1.0, 0.0, 2.0]);
    assert_eq!(g, array![[2.0, 4.0], [0.0, 0.0], [12.0, 4.0]]);
}

// ---- nalgebra ----

// ‖M v − t‖² with `DMatrix`/`DVector`, indexed `m[(i, j)]` and `v[i]`.
#[differentiable]
fn least_squares(m: &DMatrix<f64>, v: &DVector<f64>, t: &DVector<f64>) -> f64 {
    let mut s = 0.0;
    for i in 0..m.nrows() {
        let mut r = -t[i];
        for j in 0..m.ncols() {
            r += m[(i, j)] * v[j];
        }
        s += r * r;
    }
    s
}

// Fixed sizes: a rotation-like 2×2 acting on a 2-vector, and a `Vector3` norm, in f32.
#[differentiable]
fn small_fixed(m: &SMatrix<f32, 2, 2>, v: SVector<f32, 2>, p: &Vector3<f32>) -> f32 {
    let a = m[(0, 0)] * v[0] + m[(0, 1)] * v[1];
    let b = m[(1, 0)] * v[0] + m[(1, 1)] * v[1];
    (a * a + b * b).sqrt() + (p[0] * p[0] + p[1] * p[1] + p[2] * p[2]).sqrt()
}

#[test]
fn nalgebra_matrices_have_gradients_of_their_own_type() {
    let m = DMatrix::from_row_slice(3, 2, &[1.0, 2.0, -0.5, 0.25, 3.0, 1.0]);
    let v = DVector::from_vec(vec![0.5, -1.5]);
    let t = DVector::from_vec(vec![1.0, 0.0, -2.0]);
    let (value, (gm, gv, gt)) = least_squares_grad(&m, &v, &t);
    assert_rel64(value, least_squares(&m, &v, &t), 1e-14, "value");
    let _: (DMatrix<f64>, DVector<f64>) = (gm.clone(), gv.clone());
    assert_eq!(gm.shape(), (3, 2));
    assert_grad_close(&flatten(&gm), &fd_leaves(|m| least_squares(m, &v, &t), &m), 1e-6);
    assert_grad_close(&flatten(&gv), &fd_leaves(|v| least_squares(&m, v, &t), &v), 1e-6);
    assert_grad_close(&flatten(&gt), &fd_leaves(|t| least_squares(&m, &v, t), &t), 1e-6);
    // ∂/∂M = 2 r vᵀ, by hand.
    let r = &m * &v - &t;
    for i in 0..3 {
        for j in 0..2 {
            assert_rel64(gm[(i, j)], 2.0 * r[i] * v[j], 1e-12, "2 r vᵀ");
        }
    }
    let dv = DVector::from_vec(vec![1.0, 0.0]);
    let (_, _, (_, hv, _)) = least_squares_hvp(&m, &v, &t, &DMatrix::zeros(3, 2), &dv, &DVector::zeros(3));
    // H_vv = 2 MᵀM.
    let want = 2.0 * m.transpose() * &m * &dv;
    assert_grad_close(hv.as_slice(), want.as_slice(), 1e-12);

    let m2 = SMatrix::<f32, 2, 2>::new(0.8, -0.6, 0.6, 0.8);
    let v2 = SVector::<f32, 2>::new(1.0, 2.0);
    let p = Vector3::new(1.0f32, -2.0, 2.0);
    let (value, (gm2, gv2, gp)) = small_fixed_grad(&m2, v2, &p);
    assert_rel32(value, 5f32.sqrt() + 3.0, 1e-5, "value");
    assert_grad_close(&flatten(&gm2), &fd32_leaves(|m: &SMatrix<f32, 2, 2>| small_fixed(m, v2, &p), &m2), 2e-2);
    assert_grad_close(&flatten(&gv2), &fd32_leaves(|v: &SVector<f32, 2>| small_fixed(&m2, *v, &p), &v2), 2e-2);
    assert_eq!(gp, Vector3::new(1.0 / 3.0, -2.0 / 3.0, 2.0 / 3.0));
}

// ---- a struct mixing both with a `Vec` ----

#[derive(Differentiable, Clone)]
struct Layer {
    w: Array2<f64>,
    b: DVector<f64>,
    scale: Vec<f64>,
}

#[differentiable]
fn layer_loss(layer: &Layer, x: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..layer.w.nrows() {
        let mut z = layer.b[i];
        for j in 0..layer.w.ncols() {
            z += layer.w[[i, j]] * x[j];
        }
        s += layer.scale[i] * z.tanh();
    }
    s
}

#[test]
fn a_struct_mixing_ndarray_nalgebra_and_vec_fields() {
    let layer = Layer {
        w: array![[0.5, -0.25, 1.0], [0.1, 0.2, -0.3]],
        b: DVector::from_vec(vec![0.05, -0.1]),
        scale: vec![1.5, -0.5],
    };
    let x = [0.3, -0.7, 1.1];
    let (value, (g, gx)) = layer_loss_grad(&layer, &x);
    assert_rel64(value, layer_loss(&layer, &x), 1e-14, "value");
    let _: &Array2<f64> = &g.w;
    let _: &DVector<f64> = &g.b;
    assert_grad_close(&flatten(&g), &fd_leaves(|l| layer_loss(l, &x), &layer), 1e-6);
    assert_grad_close(&gx, &fd_grad(|x| layer_loss(&layer, x), &x), 1e-6);
}

// ---- argmin on an nalgebra vector ----

/// ‖A x − b‖² + 0.1‖x‖² over a `DVector`: solved by L-BFGS through `ModelObjective`, which
/// hands argmin the vector's values and builds the vector back.
#[differentiable(wrt(x))]
fn ridge(x: &DVector<f64>, a: &DMatrix<f64>, b: &DVector<f64>) -> f64 {
    let (rows, cols) = a.shape();
    let mut s = 0.0;
    for i in 0..rows {
        let mut r = -b[i];
        for j in 0..cols {
            r += a[(i, j)] * x[j];
        }
        s += r * r;
    }
    for j in 0..x.len() {
        s += 0.1 * x[j] * x[j];
    }
    s
}

#[test]
fn argmin_minimises_a_function_of_an_nalgebra_vector() {
    use backprop::argmin::ModelObjective;
    use backprop::argmin::core::{Executor, State};
    use backprop::argmin::solver::linesearch::MoreThuenteLineSearch;
    use backprop::argmin::solver::quasinewton::LBFGS;
    let a = DMatrix::from_row_slice(3, 2, &[1.0, 2.0, -0.5, 0.25, 3.0, 1.0]);
    let b = DVector::from_vec(vec![1.0, 0.0, -2.0]);
    let problem = ModelObjective::new(
        DVector::<f64>::zeros(2),
        |x: &DVector<f64>| ridge(x, &a, &b),
        |x: &DVector<f64>| ridge_grad(x, &a, &b),
    );
    let start = problem.params();
    let result = Executor::new(problem.clone(), LBFGS::new(MoreThuenteLineSearch::new(), 5))
        .configure(|s| s.param(start).max_iters(100))
        .run()
        .unwrap();
    let best = problem.model(result.state().get_best_param().unwrap()).unwrap();
    // The normal equations: (AᵀA + 0.1 I) x = Aᵀb.
    let normal = a.transpose() * &a + DMatrix::identity(2, 2) * 0.1;
    let want = normal.lu().solve(&(a.transpose() * &b)).unwrap();
    assert_grad_close(best.as_slice(), want.as_slice(), 1e-6);
}

// ---- a generic function of foreign arrays, called with both float types ----

#[differentiable]
fn generic_energy<T: backprop::Float>(a: &Array1<T>, m: &DMatrix<T>) -> T {
    let mut s = T::ZERO;
    for i in 0..a.len() {
        s += a[i] * a[i] * m[(i, i)];
    }
    s
}

#[test]
fn a_generic_function_of_foreign_arrays_in_f32_and_f64() {
    let a = array![1.0, -2.0];
    let m = DMatrix::from_row_slice(2, 2, &[3.0, 0.5, 0.5, 4.0]);
    let (value, (ga, gm)) = generic_energy_grad::<f64>(&a, &m);
    assert_eq!(value, 3.0 + 16.0);
    assert_eq!(ga, array![6.0, -16.0]);
    assert_eq!(gm, DMatrix::from_row_slice(2, 2, &[1.0, 0.0, 0.0, 4.0]));
    let a32 = array![1.0f32, -2.0];
    let m32 = DMatrix::from_row_slice(2, 2, &[3.0f32, 0.5, 0.5, 4.0]);
    let (value, (ga, _)) = generic_energy_grad::<f32>(&a32, &m32);
    assert_eq!((value, ga), (19.0, array![6.0f32, -16.0]));
}
