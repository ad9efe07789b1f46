// A tuple pattern holds names, `_` and tuples of them; an array pattern inside is not supported.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let (a, [b, c]) = (x, [2.0 * x, 3.0 * x]);
    a * b * c
}

fn main() {}
