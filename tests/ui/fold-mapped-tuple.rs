// After `.map(...)`, the item of `.fold(...)` is bound to a name.
use backprop::differentiable;

#[differentiable]
fn f(x: &[f64]) -> f64 {
    x.iter().map(|v| (*v, v * v)).fold(0.0, |acc, (a, b)| acc + a * b)
}

fn main() {}
