// Every element of a tuple parameter must have a gradient; pass integers separately.
use backprop::differentiable;

#[differentiable]
fn f(pair: (f64, usize)) -> f64 {
    pair.0 * pair.1 as f64
}

fn main() {}
