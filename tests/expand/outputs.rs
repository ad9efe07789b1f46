//! Outputs of each shape (`_vjp` only).
use backprop::{Differentiable, differentiable};

#[derive(Differentiable, Clone)]
pub struct Polar {
    r: f64,
    theta: f64,
}

#[differentiable]
pub fn softmax(x: &[f64]) -> Vec<f64> {
    let mut m = x[0];
    for i in 1..x.len() {
        m = m.max(x[i]);
    }
    let mut e = vec![0.0; x.len()];
    let mut s = 0.0;
    for i in 0..x.len() {
        e[i] = (x[i] - m).exp();
        s += e[i];
    }
    for i in 0..x.len() {
        e[i] /= s;
    }
    e
}

#[differentiable]
pub fn rotate(p: [f64; 2], angle: f64) -> [f64; 2] {
    let (s, c) = (angle.sin(), angle.cos());
    [c * p[0] - s * p[1], s * p[0] + c * p[1]]
}

#[differentiable]
pub fn mean_and_spread(x: &[f64]) -> (f64, f64) {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let var = x.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
    (mean, var.sqrt())
}

#[differentiable]
pub fn to_polar(x: f64, y: f64) -> Polar {
    Polar { r: x.hypot(y), theta: y.atan2(x) }
}
