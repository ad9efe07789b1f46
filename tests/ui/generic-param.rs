// A differentiable function has one float type: generic over `T`, every float is a `T`
// (a type parameter that is not a float is not supported).
use backprop::differentiable;

#[differentiable]
fn f<T: Copy>(x: f64, _t: T) -> f64 {
    x * 2.0
}

fn main() {}
