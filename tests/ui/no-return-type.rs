// A function without a return type has nothing to differentiate.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) {
    let _ = x * 2.0;
}

fn main() {}
