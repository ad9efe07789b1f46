// A `&mut` parameter is a float buffer; a `&mut usize` counter is refused with advice.
use backprop::differentiable;

#[differentiable]
fn counted(x: f64, calls: &mut usize) -> f64 {
    *calls += 1;
    x * x
}

fn main() {}
