//! Slices, vectors, local buffers and derived structs.
#![allow(clippy::needless_range_loop, reason = "index loops are what these tests differentiate")]

mod common;
use approx::assert_relative_eq;
use backprop::{Differentiable, differentiable};
use common::*;

#[differentiable]
fn dot(x: &[f64], y: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        s += x[i] * y[i];
    }
    s
}

#[differentiable]
fn matvec_sum(a: &[f64], x: &[f64], n: usize) -> f64 {
    let mut y = vec![0.0; n];
    for i in 0..n {
        for j in 0..x.len() {
            y[i] += a[i * x.len() + j] * x[j];
        }
    }
    let mut s = 0.0;
    for i in 0..n {
        s += y[i] * y[i];
    }
    s
}

#[differentiable]
fn softmax_first(x: &[f64]) -> f64 {
    let mut m = x[0];
    for &v in x.iter() {
        m = m.max(v);
    }
    let mut e = Vec::with_capacity(x.len());
    for (i, v) in x.iter().enumerate() {
        e.push((v - m).exp() * (i as f64 + 1.0));
    }
    let total: f64 = e.iter().sum();
    e[0] / total
}

#[differentiable]
fn overwrite(x: &[f64]) -> f64 {
    let mut y = x.to_vec();
    y[0] *= y[1];
    y[0] = y[0].sin() * y[0];
    y[1] -= y[0];
    y[0] + y[1] * 3.0
}

#[derive(Differentiable, Clone, Debug)]
struct Layer {
    w: Vec<f64>,
    b: Vec<f64>,
    n_in: usize,
}

#[derive(Differentiable, Clone, Debug)]
struct Mlp {
    l1: Layer,
    l2: Layer,
}

#[differentiable]
fn layer_forward(l: &Layer, x: &[f64]) -> Vec<f64> {
    let n_out = l.b.len();
    let mut y = vec![0.0; n_out];
    for o in 0..n_out {
        let mut acc = l.b[o];
        for i in 0..l.n_in {
            acc += l.w[o * l.n_in + i] * x[i];
        }
        y[o] = acc.tanh();
    }
    y
}

#[differentiable]
fn mlp_loss(m: &Mlp, x: &[f64], target: &[f64]) -> f64 {
    let h = layer_forward(&m.l1, x);
    let out = layer_forward(&m.l2, &h);
    let mut loss = 0.0;
    for (o, t) in out.iter().zip(target) {
        let d = o - t;
        loss += d * d;
    }
    loss
}

#[test]
fn scratch_arrays() {
    let x = [0.3, -0.2, 0.7];
    let y = [1.1, 0.4, -0.5];
    let (v, (gx, gy)) = dot_grad(&x, &y);
    assert_relative_eq!(v, dot(&x, &y));
    assert_eq!(gx, y.to_vec());
    assert_eq!(gy, x.to_vec());

    let a = [0.1, 0.2, -0.3, 0.4, 0.5, -0.6];
    let (_, (ga2, gx2)) = matvec_sum_grad(&a, &x, 2);
    assert_grad_close(&ga2, &fd_grad(|a| matvec_sum(a, &x, 2), &a), FD_TOL64);
    assert_grad_close(&gx2, &fd_grad(|x| matvec_sum(&a, x, 2), &x), FD_TOL64);

    let (v, g) = softmax_first_grad(&x);
    assert_relative_eq!(v, softmax_first(&x));
    assert_grad_close(&g, &fd_grad(softmax_first, &x), FD_TOL64);

    let (v, g) = overwrite_grad(&x);
    assert_relative_eq!(v, overwrite(&x));
    assert_grad_close(&g, &fd_grad(overwrite, &x), FD_TOL64);

    let l1 = Layer { w: vec![0.1, -0.2, 0.3, 0.4, -0.5, 0.6], b: vec![0.01, -0.02], n_in: 3 };
    let l2 = Layer { w: vec![0.7, -0.8], b: vec![0.05], n_in: 2 };
    let m = Mlp { l1, l2 };
    let t = [0.25];
    let (v, (gm, gx, _gt)) = mlp_loss_grad(&m, &x, &t);
    assert_relative_eq!(v, mlp_loss(&m, &x, &t));
    assert_eq!(gm.l1.n_in, 3);
    let fd_w1 = fd_grad(
        |w| {
            let mut m2 = m.clone();
            m2.l1.w = w.to_vec();
            mlp_loss(&m2, &x, &t)
        },
        &m.l1.w,
    );
    assert_grad_close(&gm.l1.w, &fd_w1, FD_TOL64);
    let fd_b2 = fd_grad(
        |b| {
            let mut m2 = m.clone();
            m2.l2.b = b.to_vec();
            mlp_loss(&m2, &x, &t)
        },
        &m.l2.b,
    );
    assert_grad_close(&gm.l2.b, &fd_b2, FD_TOL64);
    assert_grad_close(&gx, &fd_grad(|x| mlp_loss(&m, x, &t), &x), FD_TOL64);
}
