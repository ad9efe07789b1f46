// The items of `enumerate()` or `zip(…)` are bound with a pair pattern `(i, v)`.
use backprop::differentiable;

#[differentiable]
fn f(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for item in x.iter().enumerate() {
        s += item.1 * item.0 as f64;
    }
    s
}

fn main() {}
