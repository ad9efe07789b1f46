// A hand-written `_vjp` returns one gradient per argument that has one, in order.
use backprop::differentiable;

#[differentiable(custom(vjp))]
fn twice(x: f64) -> f64 {
    2.0 * x
}

fn twice_vjp(x: f64) -> (f64, impl FnOnce(f64) -> (f64, f64)) {
    (2.0 * x, |d: f64| (2.0 * d, 0.0))
}

#[differentiable]
fn f(x: f64) -> f64 {
    twice(x) + 1.0
}

fn main() {}
