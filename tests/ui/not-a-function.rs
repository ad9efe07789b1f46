// The attribute goes on functions; structs get `#[derive(Differentiable)]`.
use backprop::differentiable;

#[differentiable]
struct Model {
    w: f64,
}

fn main() {}
