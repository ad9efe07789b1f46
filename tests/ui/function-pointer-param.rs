// Parameter types are floats, float collections or structs deriving `Differentiable`.
use backprop::differentiable;

#[differentiable]
fn f(x: f64, g: fn(f64) -> f64) -> f64 {
    g(x)
}

fn main() {}
