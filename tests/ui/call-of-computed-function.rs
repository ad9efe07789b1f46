// Only calls of named functions chain through a `_vjp`; a computed callee has none.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    (f64::sin as fn(f64) -> f64)(x) + x
}

fn main() {}
