// A `&mut` buffer keeps its length in differentiable code: its final adjoint has the shape of
// its initial one.
use backprop::differentiable;

#[differentiable]
fn grow(x: f64, buf: &mut Vec<f64>) -> f64 {
    buf.push(x * x);
    x
}

fn main() {}
