// `Option`, `Result`, maps and shared pointers are not differentiated; pass the values inside.
use backprop::differentiable;

#[differentiable]
fn f(x: Option<f64>) -> f64 {
    x.unwrap_or(0.0) * 2.0
}

fn main() {}
