// A callee restricted with `wrt(...)` returns no gradient for the arguments it leaves out,
// so those arguments must be constants where it is called.
use backprop::differentiable;

#[differentiable(wrt(x))]
fn scaled(x: f64, k: f64) -> f64 {
    x * k
}

#[differentiable]
fn f(x: f64, k: f64) -> f64 {
    scaled(x, k)
}

fn main() {}
