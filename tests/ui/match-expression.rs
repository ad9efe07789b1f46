// `match` on values that carry a gradient is not supported; use `if` / `else if`.
use backprop::differentiable;

#[differentiable]
fn f(x: f64, k: u8) -> f64 {
    match k {
        0 => x,
        _ => x * x,
    }
}

fn main() {}
