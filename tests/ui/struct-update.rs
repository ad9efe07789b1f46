// Struct update syntax is not supported; list every field.
use backprop::{Differentiable, differentiable};

#[derive(Differentiable, Clone)]
struct Point {
    x: f64,
    y: f64,
}

#[differentiable]
fn f(p: &Point, x: f64) -> Point {
    Point { x, ..p.clone() }
}

fn main() {}
