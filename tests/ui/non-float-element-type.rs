// A collection of integers is a constant: it has no gradient to ask for.
use backprop::differentiable;

#[differentiable(wrt(idx))]
fn f(x: &[f64], idx: &[usize]) -> f64 {
    x[idx[0]]
}

fn main() {}
