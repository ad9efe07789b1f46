// Only synchronous functions can be differentiated.
use backprop::differentiable;

#[differentiable]
async fn f(x: f64) -> f64 {
    x * 2.0
}

fn main() {}
