//! Scalar functions: chains of operators and float methods.
use backprop::differentiable;

#[differentiable]
pub fn rosenbrock(a: f64, b: f64) -> f64 {
    (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2)
}

#[differentiable]
pub fn logistic(x: f64, w: f64, b: f64) -> f64 {
    let z = w * x + b;
    1.0 / (1.0 + (-z).exp())
}

#[differentiable]
pub fn elementary(x: f64, y: f64) -> f64 {
    let a = x.sin() * y.cos() + x.tanh() / (1.0 + y * y).sqrt();
    let b = a.atan2(y) + x.hypot(y).ln() - x.max(y).min(2.0);
    a * b + x.mul_add(y, 0.5) + y.clamp(-1.0, 1.0).abs()
}

#[differentiable]
pub fn single_precision(x: f32, k: f32) -> f32 {
    let s = (x * k).sin();
    s * s + x.exp2() - f32::ln_1p(k * k)
}

#[differentiable]
pub fn shadowing_and_steps(x: f64, n: usize) -> f64 {
    let x = x * 2.0;
    let x = x.sin() + (n as f64) * x.floor();
    x * x
}
