//! Branches and early returns.
use backprop::differentiable;

#[differentiable]
pub fn relu_like(x: f64, slope: f64) -> f64 {
    if x > 0.0 { x } else { slope * x }
}

#[differentiable]
pub fn piecewise(x: f64) -> f64 {
    let y;
    if x < -1.0 {
        y = -x.exp();
    } else if x < 1.0 {
        y = x * x * x;
    } else {
        y = x.ln() + 1.0;
    }
    y * 2.0
}

#[differentiable]
pub fn early_return(x: f64, limit: f64) -> f64 {
    if x > limit {
        return limit;
    }
    let mut y = x;
    if y < 0.0 {
        y = -y;
    }
    y.sqrt()
}

#[differentiable]
pub fn return_inside_loop(x: &[f64], threshold: f64) -> f64 {
    let mut acc = 0.0;
    for i in 0..x.len() {
        acc += x[i] * x[i];
        if acc > threshold {
            return acc.sqrt();
        }
    }
    acc
}
