// Methods that change a collection in place are not differentiated; write the loop instead.
use backprop::differentiable;

#[differentiable]
fn f(x: &[f64]) -> f64 {
    let mut v = x.to_vec();
    let first = v.remove(0);
    first * 2.0 + v[0]
}

fn main() {}
