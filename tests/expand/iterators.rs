//! Iterator chains and element loops.
use backprop::differentiable;

#[differentiable]
pub fn sum_of_squares(x: &[f64]) -> f64 {
    x.iter().map(|v| v * v).sum()
}

#[differentiable]
pub fn dot_zip(x: &[f64], w: &[f64]) -> f64 {
    x.iter().zip(w.iter()).map(|(a, b)| a * b).sum()
}

#[differentiable]
pub fn weighted_positions(x: &[f64]) -> f64 {
    let mut acc = 0.0;
    for (i, v) in x.iter().enumerate() {
        acc += (i as f64 + 1.0) * v.sin();
    }
    acc
}

#[differentiable]
pub fn fold_log_sum_exp(x: &[f64]) -> f64 {
    let m = x.iter().fold(f64::NEG_INFINITY, |m, v| m.max(*v));
    let s: f64 = x.iter().map(|v| (v - m).exp()).sum();
    m + s.ln()
}

#[differentiable]
pub fn squares(x: &[f64]) -> Vec<f64> {
    x.iter().map(|v| v * v).collect()
}
