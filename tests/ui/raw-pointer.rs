// Expressions outside the supported set (here a raw borrow) cannot carry a gradient.
use backprop::differentiable;

fn read(p: *const f64) -> f64 {
    unsafe { *p }
}

#[differentiable]
fn f(x: f64) -> f64 {
    read(&raw const x) * 2.0
}

fn main() {}
