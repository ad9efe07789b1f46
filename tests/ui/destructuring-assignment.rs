// Only a variable, an element or a field can be assigned; destructuring assignment is not supported.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let mut a = 0.0;
    let mut b = 0.0;
    (a, b) = (x, 2.0 * x);
    a * b
}

fn main() {}
