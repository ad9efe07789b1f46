// Labeled blocks are not supported in a differentiable function.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let y = 'done: {
        if x > 1.0 {
            break 'done x;
        }
        2.0 * x
    };
    y
}

fn main() {}
