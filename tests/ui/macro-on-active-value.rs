// A macro that produces a value from active inputs cannot be differentiated.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let y = dbg!(x * 2.0);
    y + 1.0
}

fn main() {}
