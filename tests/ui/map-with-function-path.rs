// `.map(...)` in a differentiated chain takes a closure, not a function path.
use backprop::differentiable;

#[differentiable]
fn f(x: &[f64]) -> f64 {
    x.iter().copied().map(f64::sin).sum()
}

fn main() {}
