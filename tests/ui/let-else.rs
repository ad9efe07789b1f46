// `let … else` diverges in a way the reverse sweep cannot replay; use `if`.
use backprop::differentiable;

#[differentiable]
fn f(x: f64, text: &str) -> f64 {
    let Ok(y) = text.parse::<f64>() else { return x };
    x * y
}

fn main() {}
