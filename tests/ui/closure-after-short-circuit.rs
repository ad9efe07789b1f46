// A closure called after `&&` in a condition may not run (`i < n && c(i) > 0.0`), so it
// cannot be evaluated before the condition as other closure calls in conditions are.
use backprop::differentiable;

#[differentiable]
fn f(x: &[f64], i: usize) -> f64 {
    let c = |k: usize| x[k] * 2.0;
    if i < x.len() && c(i) > 0.0 { x[0] } else { 0.0 }
}

fn main() {}
