// `&mut` lends a whole variable in differentiable code; a part of one is refused.
use backprop::differentiable;

#[differentiable]
fn fill(out: &mut [f64], x: f64) {
    out[0] = x;
}

#[differentiable]
fn f(x: f64) -> f64 {
    let mut k = vec![0.0; 4];
    fill(&mut k[1..], x);
    k[1]
}

fn main() {}
