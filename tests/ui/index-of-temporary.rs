// Elements are read from named variables; bind a computed collection to a name first.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    [x, 2.0 * x][1]
}

fn main() {}
