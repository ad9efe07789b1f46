//! Derived structs: fields, methods with `&self` and `self`, nesting.
use backprop::{Differentiable, differentiable};

#[derive(Differentiable, Clone)]
pub struct Layer {
    w: Vec<f64>,
    b: Vec<f64>,
    inputs: usize,
}

#[derive(Differentiable, Clone)]
pub struct Net {
    hidden: Layer,
    head: Vec<f64>,
}

#[derive(Differentiable, Clone, Copy)]
pub struct Point {
    x: f64,
    y: f64,
}

impl Layer {
    #[differentiable]
    pub fn unit(&self, x: &[f64], j: usize) -> f64 {
        let mut s = self.b[j];
        for i in 0..self.inputs {
            s += self.w[j * self.inputs + i] * x[i];
        }
        s.tanh()
    }
}

impl Point {
    #[differentiable]
    pub fn norm(self) -> f64 {
        (self.x * self.x + self.y * self.y).sqrt()
    }
}

#[differentiable(wrt(net))]
pub fn net_output(net: &Net, x: &[f64]) -> f64 {
    let mut out = 0.0;
    for j in 0..net.head.len() {
        out += net.head[j] * net.hidden.unit(x, j);
    }
    out
}

#[differentiable]
pub fn distance(p: Point, q: Point) -> f64 {
    let d = Point { x: p.x - q.x, y: p.y - q.y };
    d.norm()
}
