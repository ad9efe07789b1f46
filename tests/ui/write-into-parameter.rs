// Parameters are read-only: copy into a local buffer before writing.
use backprop::differentiable;

#[differentiable]
fn f(x: &[f64]) -> f64 {
    x[0] = 2.0;
    x[0] + x[1]
}

fn main() {}
