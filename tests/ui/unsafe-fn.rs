// An `unsafe fn` cannot be differentiable; keep the unsafe code behind a hand-written `_vjp`.
use backprop::differentiable;

#[differentiable]
unsafe fn f(x: f64) -> f64 {
    x * 2.0
}

fn main() {}
