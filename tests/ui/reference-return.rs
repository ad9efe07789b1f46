// The output is returned by value: a borrowed output has no place for its gradient.
use backprop::differentiable;

#[differentiable]
fn f(x: &[f64]) -> &[f64] {
    &x[1..]
}

fn main() {}
