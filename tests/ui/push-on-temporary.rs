// `push` of an active value needs a named local `Vec` to push onto.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    vec![0.0].push(x);
    x
}

fn main() {}
