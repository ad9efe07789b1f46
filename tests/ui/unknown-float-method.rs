// Only float methods with a derivative rule can be applied to active values.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    x.to_degrees()
}

fn main() {}
