// `let` binds a name or a tuple of names; other patterns on active values are not supported.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let [a, b] = [x, 2.0 * x];
    a * b
}

fn main() {}
