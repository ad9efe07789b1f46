// `wrt` lists parameter names in parentheses: `wrt(x, y)`.
use backprop::differentiable;

#[differentiable(wrt = x)]
fn f(x: f64, y: f64) -> f64 {
    x * y
}

fn main() {}
