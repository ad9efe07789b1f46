// `let` inside a condition chain binds a name the macro cannot follow.
use backprop::differentiable;

#[differentiable]
fn chained(x: f64, flag: bool) -> f64 {
    if flag && let Some(y) = Some(x * 3.0) { y } else { x }
}

fn main() {}
