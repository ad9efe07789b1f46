// A `const fn` cannot be differentiable: the gradient functions are not `const`.
use backprop::differentiable;

#[differentiable]
const fn f(x: f64) -> f64 {
    x * 2.0
}

fn main() {}
