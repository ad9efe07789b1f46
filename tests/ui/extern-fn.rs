// A function with a foreign ABI cannot be differentiable; wrap a Rust function instead.
use backprop::differentiable;

#[differentiable]
extern "C" fn f(x: f64) -> f64 {
    x * 2.0
}

fn main() {}
