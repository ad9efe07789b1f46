// `floor`, `round`, `signum`, … have a zero derivative on floats only: on another type they
// may depend on the input, so a receiver that is not plainly a float is checked to be one.
use backprop::{Differentiable, differentiable};

#[derive(Differentiable, Clone, Copy)]
pub struct Quantity {
    value: f64,
}

impl Quantity {
    fn round(self) -> f64 {
        self.value * 3.0
    }
}

#[derive(Differentiable, Clone)]
pub struct Holder {
    q: Quantity,
}

#[differentiable]
fn scaled(h: &Holder, x: f64) -> f64 {
    h.q.round() * x
}

fn main() {}
