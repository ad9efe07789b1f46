// `unsafe` code belongs in a function with a hand-written `_vjp`.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let y = unsafe { core::ptr::read(&x) };
    y * 2.0
}

fn main() {}
