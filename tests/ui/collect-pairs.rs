// A reduction over `enumerate()`/`zip(…)` pairs maps each pair to a value first.
use backprop::differentiable;

#[differentiable]
fn f(x: &[f64]) -> f64 {
    let pairs: Vec<(usize, &f64)> = x.iter().enumerate().collect();
    *pairs[0].1
}

fn main() {}
