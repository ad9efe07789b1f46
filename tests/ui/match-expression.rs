// A `match` is the `if` chain it means; a pattern that binds parts of a value carrying a
// gradient (a tuple of active floats here) is not supported yet.
use backprop::differentiable;

#[differentiable]
fn f(x: f64, y: f64) -> f64 {
    match (x, y * 2.0) {
        (a, b) if a > b => a * b,
        _ => x,
    }
}

fn main() {}
