// A struct parameter is differentiated, so its type must derive `Differentiable`.
use backprop::differentiable;

struct Params {
    scale: f64,
}

#[differentiable]
fn f(p: &Params, x: f64) -> f64 {
    p.scale * x
}

fn main() {}
