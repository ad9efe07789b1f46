// A mutation has no gradient: `&mut` parameters are rejected.
use backprop::differentiable;

#[differentiable]
fn f(x: &mut f64) -> f64 {
    *x * 2.0
}

fn main() {}
