// `?` in a differentiable function that does not return an `Option`.
use backprop::differentiable;

fn checked(x: f64) -> Option<f64> {
    (x > 0.0).then_some(x)
}

#[differentiable]
fn f(x: f64) -> f64 {
    let y = checked(x)?;
    y * 2.0
}

fn main() {}
