// Labeled loops and labeled `break` are not supported; use a flag.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let mut y = x;
    'outer: for _ in 0..3 {
        for _ in 0..3 {
            y = y * 1.1;
            if y > 2.0 {
                break 'outer;
            }
        }
    }
    y
}

fn main() {}
