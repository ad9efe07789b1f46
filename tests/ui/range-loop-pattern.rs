// The variable of a `for` loop over a range is a name or `_`.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let mut y = x;
    for i @ _ in 0..3 {
        y = y * i as f64;
    }
    y
}

fn main() {}
