// The output must have a gradient; `()` has none.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> () {
    let _ = x;
}

fn main() {}
