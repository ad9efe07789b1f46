// A `match` guard runs only when its pattern matches: a closure called there is refused.
use backprop::differentiable;

#[differentiable]
fn f(x: f64, n: usize) -> f64 {
    let c = |v: f64| v * x;
    match n {
        0 if c(x) > 1.0 => x,
        _ => 2.0 * x,
    }
}

fn main() {}
