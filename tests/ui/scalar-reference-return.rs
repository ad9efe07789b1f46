// The output is returned by value; a reference to a float is reported as having no gradient.
use backprop::differentiable;

#[differentiable]
fn f(x: &f64) -> &f64 {
    x
}

fn main() {}
