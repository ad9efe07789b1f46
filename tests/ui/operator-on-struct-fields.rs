// The macro cannot see a field's type: an operator on fields is checked to be float
// arithmetic, and a field of a type with its own `impl Sub` is an error on the operator.
use backprop::{Differentiable, differentiable};
use std::ops::Sub;

#[derive(Differentiable, Clone, Copy)]
pub struct Vec2 {
    x: f64,
    y: f64,
}

impl Sub for Vec2 {
    type Output = Vec2;
    fn sub(self, o: Vec2) -> Vec2 {
        Vec2 { x: self.x - o.x, y: self.y - o.y }
    }
}

#[derive(Differentiable, Clone)]
pub struct Segment {
    from: Vec2,
    to: Vec2,
}

#[differentiable]
fn dx(s: &Segment) -> f64 {
    let d = s.to - s.from;
    d.x
}

fn main() {}
