// `where` clauses are not supported: the function must be written for concrete types.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64
where
    f64: Copy,
{
    x * 2.0
}

fn main() {}
