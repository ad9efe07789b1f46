// The closure of `.map(...)` takes one parameter (also a rustc error).
use backprop::differentiable;

#[differentiable]
fn f(x: &[f64]) -> f64 {
    x.iter().map(|a, b| a * b).sum()
}

fn main() {}
