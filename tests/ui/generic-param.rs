// Generic parameters are not supported yet: write the function for a concrete float type.
use backprop::differentiable;

#[differentiable]
fn f<T: Copy>(x: f64, _t: T) -> f64 {
    x * 2.0
}

fn main() {}
