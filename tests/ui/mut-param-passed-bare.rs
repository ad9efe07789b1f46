// A function's own `&mut` parameter passed on bare to a callee that takes it `&mut`: the
// macro cannot see the callee's parameters and takes it for a shared reborrow, so it calls
// forms a function with `&mut` parameters does not have. Lend it explicitly: `fill(&mut *out, x)`.
use backprop::differentiable;

#[differentiable]
fn fill(out: &mut [f64], x: f64) -> f64 {
    out[0] = x * x;
    x
}

#[differentiable]
fn outer(out: &mut [f64], x: f64) -> f64 {
    let a = fill(out, x);
    a + out[0]
}

fn main() {}
