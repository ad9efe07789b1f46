// The attribute accepts `wrt(...)` and nothing else.
use backprop::differentiable;

#[differentiable(respect(x))]
fn f(x: f64) -> f64 {
    x
}

fn main() {}
