// A parameter is bound to a plain name: `ref` and `@` bindings are not supported.
use backprop::differentiable;

#[differentiable]
fn f(ref x: f64) -> f64 {
    *x * 2.0
}

fn main() {}
