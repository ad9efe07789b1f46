// A range of active floats outside a `for` loop.
use backprop::differentiable;

#[differentiable]
fn range_end(x: f64) -> f64 {
    let r = 0.0..x;
    r.end * 2.0
}

fn main() {}
