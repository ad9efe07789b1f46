// An assignment is a statement of its own, not part of an expression.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let mut y = 0.0;
    let t = (y = 2.0 * x, y);
    t.1
}

fn main() {}
