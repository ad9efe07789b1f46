//! Calls: other differentiable functions, references, custom `_vjp`s, calls in loops.
use backprop::differentiable;

#[differentiable]
pub fn scaled_sine(a: f64, b: &f64) -> f64 {
    a * b.sin()
}

#[differentiable]
pub fn lends_by_value_parameter(y: f64, beta: f64) -> f64 {
    let r = scaled_sine(y, &beta);
    r * beta
}

#[differentiable]
pub fn lends_temporary(x: f64, a: f64) -> f64 {
    scaled_sine(x, &(2.0 * a.cos()))
}

#[differentiable(custom)]
pub fn softplus(x: f64) -> f64 {
    if x > 30.0 { x } else { x.exp().ln_1p() }
}

pub fn softplus_vjp(x: f64) -> (f64, impl FnOnce(f64) -> f64) {
    let y = softplus(x);
    (y, move |d: f64| d / (1.0 + (-x).exp()))
}

#[differentiable]
pub fn custom_rule(x: f64, w: f64) -> f64 {
    softplus(w * x) * w
}

#[differentiable]
pub fn norm(v: &[f64]) -> f64 {
    v.iter().map(|e| e * e).sum::<f64>().sqrt()
}

#[differentiable]
pub fn calls_in_a_loop(x: f64) -> f64 {
    let mut acc = 0.0;
    for i in 0..3 {
        let v = vec![x + i as f64, x * x];
        acc += norm(&v);
    }
    acc
}

#[differentiable(wrt(x))]
pub fn scaled(x: f64, k: f64) -> f64 {
    x * k
}

#[differentiable]
pub fn calls_restricted(x: f64) -> f64 {
    scaled(x, 3.0) + scaled(x.sin(), 0.5)
}

/// Recursion: the pullback of the call of itself is boxed.
#[differentiable]
pub fn power_by_recursion(x: f64, n: u32) -> f64 {
    if n == 0 { 1.0 } else { x * power_by_recursion(x, n - 1) }
}

#[differentiable(reverse)]
pub fn rates(x: &[f64], y: &[f64]) -> Vec<f64> {
    vec![x[0] * y[1], -x[1] * y[0]]
}

// `k` is read only in a sum: the tape keeps its length, not its values.
#[differentiable(reverse)]
pub fn euler_steps(x: &[f64], y0: &[f64], steps: usize) -> Vec<f64> {
    let mut y = y0.to_vec();
    for _ in 0..steps {
        let k = rates(x, &y);
        for i in 0..y.len() {
            y[i] += 0.1 * k[i];
        }
    }
    y
}
