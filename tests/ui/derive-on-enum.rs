// An enum's gradient has no fixed shape: the derive supports structs only.
use backprop::Differentiable;

#[derive(Differentiable)]
enum Activation {
    Relu,
    Tanh,
}

fn main() {}
