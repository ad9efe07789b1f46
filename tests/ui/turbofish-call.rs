// A call with explicit generic arguments does not chain through a `_vjp`.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    std::convert::identity::<f64>(x) * 2.0
}

fn main() {}
