// A method that changes an active buffer in place, used as a statement: its value is unused,
// but the change would be invisible to the gradient.
use backprop::differentiable;

#[differentiable]
fn reversed_weights(x: &[f64]) -> f64 {
    let mut v = x.to_vec();
    v.reverse();
    v[0] * 2.0 + v[1]
}

fn main() {}
