// The output must have a gradient; a `String` has none.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> String {
    format!("{x}")
}

fn main() {}
