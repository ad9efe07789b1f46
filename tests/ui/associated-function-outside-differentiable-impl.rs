// An associated function without `self` that never names `Self` looks like a free function to an
// attribute on it: the attribute goes on the `impl` block instead (docs/errors.md).
use backprop::differentiable;

struct Spring;

impl Spring {
    #[differentiable]
    fn cube(x: f64) -> f64 {
        x * x * x
    }
}

fn main() {}
