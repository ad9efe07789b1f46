// A method named like a float method (`exp`) on another type is not the float method: its
// receiver is checked to be a float, and a struct is an error on the method name.
use backprop::{Differentiable, differentiable};

#[derive(Differentiable, Clone, Copy)]
pub struct Complex {
    re: f64,
    im: f64,
}

impl Complex {
    fn exp(self) -> Complex {
        let r = self.re.exp();
        Complex { re: r * self.im.cos(), im: r * self.im.sin() }
    }
}

fn rotate(z: f64) -> Complex {
    Complex { re: 0.0, im: z }
}

#[differentiable]
fn real_part_of_exp(z: f64) -> f64 {
    let w = rotate_vjp_free(z);
    w.exp().re
}

#[differentiable]
fn rotate_vjp_free(z: f64) -> Complex {
    Complex { re: 0.0, im: z }
}

fn main() {
    let _ = rotate(0.0);
}
