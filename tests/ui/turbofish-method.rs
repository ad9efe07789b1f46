// A method call with explicit generic arguments does not chain through a `_vjp`.
use backprop::{Differentiable, differentiable};

#[derive(Differentiable)]
struct Scale {
    k: f64,
}

impl Scale {
    fn apply<T>(&self, x: f64) -> f64 {
        self.k * x
    }
}

#[differentiable]
fn f(s: &Scale, x: f64) -> f64 {
    s.apply::<u8>(x)
}

fn main() {}
