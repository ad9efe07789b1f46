// A differentiable function is generic over one float type.
use backprop::{Float, differentiable};

#[differentiable]
fn f<T: Float, U: Float>(x: T, y: U) -> T {
    x * x + T::from_f64(y.to_f64())
}

fn main() {}
