// A parameter of a generic type (other than `Vec`, `Box`) is not supported.
use backprop::differentiable;

struct Wrapper<T>(T);

#[differentiable]
fn f(w: Wrapper<f64>) -> f64 {
    w.0 * 2.0
}

fn main() {}
