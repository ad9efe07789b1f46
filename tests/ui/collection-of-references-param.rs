// Collections hold floats, not references to floats.
use backprop::differentiable;

#[differentiable]
fn f(x: &[&f64]) -> f64 {
    *x[0] * 2.0
}

fn main() {}
