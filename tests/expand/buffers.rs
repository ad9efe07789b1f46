//! Local buffers written in place, sub-slices, clones.
use backprop::differentiable;

#[differentiable]
pub fn prefix_sums(x: &[f64]) -> f64 {
    let mut s = vec![0.0; x.len()];
    s[0] = x[0];
    for i in 1..x.len() {
        s[i] = s[i - 1] + x[i];
    }
    let mut total = 0.0;
    for i in 0..s.len() {
        total += s[i] * s[i];
    }
    total
}

#[differentiable]
pub fn pushed(x: &[f64]) -> f64 {
    let mut ys = Vec::new();
    for i in 0..x.len() {
        ys.push(x[i].tanh());
    }
    ys[0] * ys[ys.len() - 1]
}

#[differentiable]
pub fn halves(x: &[f64]) -> f64 {
    let n = x.len() / 2;
    let a: f64 = x[..n].iter().sum();
    let b: f64 = x[n..].iter().sum();
    a * b
}

#[differentiable]
pub fn cloned_then_scaled(x: &Vec<f64>, k: f64) -> f64 {
    let mut y = x.clone();
    for i in 0..y.len() {
        y[i] *= k;
    }
    y[0] + y[1]
}
