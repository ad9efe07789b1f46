// `.fold(init, f)` in a differentiated chain takes a closure `|acc, item| …`.
use backprop::differentiable;

#[differentiable]
fn f(x: &[f64]) -> f64 {
    x.iter().copied().fold(f64::NEG_INFINITY, f64::max)
}

fn main() {}
