// A call on active values goes through the callee's `_vjp`; a plain function without one
// is an error at the call that names the missing `_vjp`.
use backprop::differentiable;

fn plain(x: f64) -> f64 {
    x * x
}

#[differentiable]
fn f(x: f64) -> f64 {
    plain(x) + 1.0
}

fn main() {}
