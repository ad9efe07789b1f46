// A `for` loop walks a named collection; bind a computed one to a variable first.
use backprop::differentiable;

#[differentiable]
fn f(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for v in x.to_vec().iter() {
        s += v * v;
    }
    s
}

fn main() {}
