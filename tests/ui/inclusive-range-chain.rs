// An iterator chain over a range uses a plain `a..b` range.
use backprop::differentiable;

#[differentiable]
fn f(x: &[f64]) -> f64 {
    (0..=1).map(|i| x[i] * x[i]).sum()
}

fn main() {}
