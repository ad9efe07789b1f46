// A method that mutates its receiver cannot be differentiable.
use backprop::differentiable;

struct S;

impl S {
    #[differentiable(wrt(x))]
    fn f(&mut self, x: f64) -> f64 {
        x
    }
}

fn main() {}
