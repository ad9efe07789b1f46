// Generic structs are not supported by the derive yet.
use backprop::Differentiable;

#[derive(Differentiable)]
struct Layer<T> {
    w: Vec<T>,
}

fn main() {}
