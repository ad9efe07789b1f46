// Parameters must be plain names; destructure inside the body.
use backprop::differentiable;

#[differentiable]
fn f((x, y): (f64, f64)) -> f64 {
    x * y
}

fn main() {}
