// Compound assignments other than `+= -= *= /= %=` are rejected when they involve values
// that may carry a gradient.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let mut bits = 0u32;
    bits |= (x > 0.0) as u32;
    x * bits as f64
}

fn main() {}
