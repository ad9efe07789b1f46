// Type errors in a differentiable function are reported on the user's expressions, also those
// that rustc finds in the generated gradient code, never on the `#[differentiable]` attribute.
use backprop::differentiable;

#[differentiable]
fn f(x: f32, w: f64) -> f32 {
    let y = x * w;
    y.sin()
}

#[differentiable]
fn g(x: f32, v: &[f64]) -> f32 {
    let mut s = 0.0;
    for i in 0..v.len() {
        s += v[i] * x;
    }
    s
}

fn main() {}
