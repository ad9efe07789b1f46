// `continue` with a label is not supported (a labeled loop is rejected before its body is read,
// so this fires only for a label that names no loop, which rustc rejects too).
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let mut y = x;
    for _ in 0..3 {
        y = y * 2.0;
        continue 'outer;
    }
    y
}

fn main() {}
