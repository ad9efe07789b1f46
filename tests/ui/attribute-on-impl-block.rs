// The attribute goes on each method, not on the `impl` block.
use backprop::{Differentiable, differentiable};

#[derive(Differentiable)]
struct Scale {
    k: f64,
}

#[differentiable]
impl Scale {
    fn apply(&self, x: f64) -> f64 {
        self.k * x
    }
}

fn main() {}
