// Only float methods with a derivative rule can be applied to active values.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    x.next_up() * x
}

fn main() {}
