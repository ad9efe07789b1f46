// `Result`, maps and shared pointers are not differentiated; pass the values inside.
use backprop::differentiable;

#[differentiable]
fn f(x: Result<f64, String>) -> f64 {
    x.unwrap_or(0.0) * 2.0
}

fn main() {}
