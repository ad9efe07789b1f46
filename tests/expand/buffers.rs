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

// A scratch row made in each iteration and written element by element: the tape keeps its
// length, not the row.
#[differentiable(reverse)]
pub fn scratch_rows(x: &[f64], n: usize) -> f64 {
    let mut acc = 0.0;
    for i in 0..n {
        let mut t = vec![0.0; 2];
        t[0] = x[0].sin() * i as f64;
        t[1] = x[1] * x[0];
        acc += t[0] - 2.0 * t[1];
    }
    acc
}
