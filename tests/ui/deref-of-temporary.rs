// `*` reads through a reference parameter or a name bound to `&place`, not a computed reference.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    *pick(&x)
}

fn pick(x: &f64) -> &f64 {
    x
}

fn main() {}
