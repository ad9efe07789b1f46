// `custom(...)` lists the forms written by hand; `grad_vjp` is not one a rule can write.
use backprop::differentiable;

#[differentiable(custom(vjp, grad_vjp))]
fn softplus(x: f64) -> f64 {
    x.exp().ln_1p()
}

fn main() {}
