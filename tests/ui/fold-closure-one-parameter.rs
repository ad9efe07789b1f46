// The closure of `.fold(...)` takes two parameters (also a rustc error).
use backprop::differentiable;

#[differentiable]
fn f(x: &[f64]) -> f64 {
    x.iter().fold(0.0, |acc| acc)
}

fn main() {}
