// `fold` takes an initial value and a closure (also a rustc error).
use backprop::differentiable;

#[differentiable]
fn f(x: &[f64]) -> f64 {
    x.iter().fold()
}

fn main() {}
