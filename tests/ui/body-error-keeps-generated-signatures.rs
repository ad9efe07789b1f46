// An error in a differentiable function's body is reported once: `f_grad` and `f_vjp` still
// exist with their signatures, so callers add no "cannot find function" errors of their own.
use backprop::differentiable;

#[differentiable]
fn f(x: f64, n: usize) -> f64 {
    let scale = move |t: f64| t * x;
    scale(n as f64)
}

#[differentiable]
fn g(x: &[f64]) -> Vec<f64> {
    let y: Vec<f64> = x.iter().filter(|v| **v > 0.0).copied().collect();
    y
}

fn main() {
    let (value, dx) = f_grad(1.0, 2);
    let (_, pullback) = f_vjp(1.0, 2);
    let _: f64 = value + dx + pullback(1.0);
    let (_, pullback) = g_vjp(&[1.0]);
    let _: Vec<f64> = pullback(vec![1.0]);
}
