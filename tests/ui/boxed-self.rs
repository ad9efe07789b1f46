// A differentiable method takes `self` or `&self`; other receiver types are not supported.
use backprop::{Differentiable, differentiable};

#[derive(Differentiable)]
struct Scale {
    k: f64,
}

impl Scale {
    #[differentiable]
    fn apply(self: Box<Self>, x: f64) -> f64 {
        self.k * x
    }
}

fn main() {}
