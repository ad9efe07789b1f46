// A loop used as a value (`let y = loop { break v; }`) is not supported.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let mut y = x;
    let z = loop {
        y = y * 0.5;
        if y < 1.0 {
            break y;
        }
    };
    z * 2.0
}

fn main() {}
