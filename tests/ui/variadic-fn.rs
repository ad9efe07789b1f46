// C-variadic functions cannot be differentiable.
use backprop::differentiable;

#[differentiable]
unsafe extern "C" fn f(x: f64, _rest: ...) -> f64 {
    x * 2.0
}

fn main() {}
