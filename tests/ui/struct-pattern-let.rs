// `let` binds a name, a tuple or an array of floats; other patterns on values that may carry
// a gradient are not supported.
use backprop::{Differentiable, differentiable};

#[derive(Differentiable, Clone)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

#[differentiable]
fn f(p: &Point) -> f64 {
    let Point { x, y } = *p;
    x * y
}

fn main() {}
