// A `&mut` borrow of a buffer that carries a gradient is not supported.
use backprop::differentiable;

#[differentiable]
fn f(x: &[f64]) -> f64 {
    let mut y = vec![0.0; 2];
    let r = &mut y;
    r[0] = x[0];
    y[0] + y[1]
}

fn main() {}
