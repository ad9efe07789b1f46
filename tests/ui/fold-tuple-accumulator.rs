// The accumulator of `.fold(...)` is bound to a name; destructure it in the body.
use backprop::differentiable;

#[differentiable]
fn f(x: &[f64]) -> f64 {
    let (s, q) = x.iter().fold((0.0, 0.0), |(s, q), v| (s + v, q + v * v));
    q - s * s
}

fn main() {}
