// Every path must end in a value with a gradient.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    if x > 0.0 {
        return;
    }
    x
}

fn main() {}
