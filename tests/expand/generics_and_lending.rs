//! Generic functions (one float type `T`) and `&mut` parameters (a buffer filled, an
//! accumulator, a buffer lent to a call).
use backprop::{Float, differentiable};

#[differentiable]
pub fn generic_sines<T: Float>(x: &[T]) -> T {
    let mut s = T::ZERO;
    for i in 0..x.len() {
        s += x[i] * x[i].sin();
    }
    s
}

#[differentiable(reverse)]
pub fn fills_buffer(y: &[f64], dy: &mut [f64]) {
    dy[0] = y[1];
    dy[1] = -y[0].sin();
}

#[differentiable(reverse)]
pub fn accumulates(x: f64, acc: &mut f64) -> f64 {
    *acc += x * x;
    *acc * 2.0
}

#[differentiable(reverse)]
pub fn lends_buffer(y: &[f64]) -> f64 {
    let mut k = vec![0.0; 2];
    fills_buffer(y, &mut k);
    k[0] * k[1]
}

// A local array lent to a `&mut [f64]`: it goes in as a `Vec` and comes back (`lend`).
#[differentiable(reverse)]
pub fn lends_array(y: &[f64]) -> f64 {
    let mut k = [0.0; 2];
    fills_buffer(y, &mut k);
    k[0] * k[1]
}
