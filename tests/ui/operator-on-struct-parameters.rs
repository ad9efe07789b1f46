// An operator on a type with its own `impl Mul` is not float arithmetic: the float rule would
// give a wrong gradient, so it is an error on the operator naming the type.
use backprop::{Differentiable, differentiable};
use std::ops::Mul;

#[derive(Differentiable, Clone, Copy)]
pub struct Complex {
    re: f64,
    im: f64,
}

impl Mul for Complex {
    type Output = Complex;
    fn mul(self, o: Complex) -> Complex {
        Complex { re: self.re * o.re - self.im * o.im, im: self.re * o.im + self.im * o.re }
    }
}

#[differentiable]
fn product_re(a: Complex, b: Complex) -> f64 {
    (a * b).re
}

fn main() {}
