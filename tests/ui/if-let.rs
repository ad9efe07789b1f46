// `if let` is not supported: test the value with a plain condition.
use backprop::differentiable;

#[differentiable]
fn f(x: f64, k: u8) -> f64 {
    if let 0 = k { x } else { x * 2.0 }
}

fn main() {}
