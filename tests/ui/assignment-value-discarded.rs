// An assignment used as a value, whose value (`()`) is never used: the change to `y` must
// still not slip past the gradient.
use backprop::differentiable;

#[differentiable]
fn hidden_update(x: f64, y: f64) -> f64 {
    let mut y = y;
    let _u = (y += x);
    y
}

fn main() {}
