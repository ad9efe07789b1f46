// Closures are not differentiated (outside the iterator chains the macro knows).
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let g = |y: f64| y * x;
    g(2.0)
}

fn main() {}
