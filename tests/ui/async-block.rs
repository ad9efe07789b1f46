// `async` blocks are not supported in a differentiable function.
use backprop::differentiable;
use std::future::Future;

fn first_poll(_future: impl Future<Output = f64>) -> f64 {
    0.0
}

#[differentiable]
fn f(x: f64) -> f64 {
    first_poll(async { x * 2.0 }) + x
}

fn main() {}
