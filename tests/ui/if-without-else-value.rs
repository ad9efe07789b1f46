// An `if` whose value is used needs an `else` arm.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let y = if x > 0.0 {
        x
    };
    y
}

fn main() {}
