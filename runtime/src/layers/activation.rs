//! Activations, element by element or row by row, each a `#[differentiable]` function whose
//! gradient the macro writes.
//!
//! ```
//! use backprop::Tensor;
//! use backprop::layers::{relu, softmax};
//!
//! let x = Tensor::new(vec![-1.0, 2.0, 0.5, 0.5], &[2, 2]).unwrap();
//! assert_eq!(relu(&x).data, [0.0, 2.0, 0.5, 0.5]);
//! let p = softmax(&x);
//! assert!((p.data[2] - 0.5).abs() < 1e-6 && (p.data[0] + p.data[1] - 1.0).abs() < 1e-6);
//! ```
#![allow(clippy::needless_range_loop, reason = "index loops are what the macro differentiates")]

use crate::Tensor;
use backprop_macros::differentiable;

/// `max(x, 0)`; the gradient at 0 is 0, as in JAX and PyTorch.
#[differentiable]
pub fn relu(x: &Tensor) -> Tensor {
    let mut data = vec![0.0; x.data.len()];
    for i in 0..x.data.len() {
        let v = x.data[i];
        data[i] = if v > 0.0 { v } else { 0.0 };
    }
    Tensor { data, shape: x.shape.clone() }
}

/// `x` where positive, `slope · x` elsewhere.
#[differentiable(wrt(x))]
pub fn leaky_relu(x: &Tensor, slope: f32) -> Tensor {
    let mut data = vec![0.0; x.data.len()];
    for i in 0..x.data.len() {
        let v = x.data[i];
        data[i] = if v > 0.0 { v } else { slope * v };
    }
    Tensor { data, shape: x.shape.clone() }
}

/// `1 / (1 + e^(−x))`, computed without overflow for large `|x|`.
#[differentiable]
pub fn sigmoid(x: &Tensor) -> Tensor {
    let mut data = vec![0.0; x.data.len()];
    for i in 0..x.data.len() {
        let v = x.data[i];
        data[i] = if v >= 0.0 {
            1.0 / (1.0 + (-v).exp())
        } else {
            let e = v.exp();
            e / (1.0 + e)
        };
    }
    Tensor { data, shape: x.shape.clone() }
}

/// `tanh(x)`.
#[differentiable]
pub fn tanh(x: &Tensor) -> Tensor {
    let mut data = vec![0.0; x.data.len()];
    for i in 0..x.data.len() {
        data[i] = x.data[i].tanh();
    }
    Tensor { data, shape: x.shape.clone() }
}

/// Softmax of each row (over the last dimension), shifted by the row's maximum so that
/// logits of any size give finite probabilities.
///
/// # Panics
/// If `x` has no dimension or its last dimension is 0.
#[differentiable]
pub fn softmax(x: &Tensor) -> Tensor {
    let width = x.shape[x.shape.len() - 1];
    let rows = x.data.len() / width;
    let mut data = vec![0.0; x.data.len()];
    for r in 0..rows {
        let mut mx = x.data[r * width];
        for j in 1..width {
            mx = mx.max(x.data[r * width + j]);
        }
        let mut total = 0.0;
        for j in 0..width {
            let e = (x.data[r * width + j] - mx).exp();
            data[r * width + j] = e;
            total += e;
        }
        for j in 0..width {
            data[r * width + j] /= total;
        }
    }
    Tensor { data, shape: x.shape.clone() }
}

/// Log-softmax of each row: `x − max − ln Σ e^(x − max)`, finite for any logits.
///
/// # Panics
/// If `x` has no dimension or its last dimension is 0.
#[differentiable]
pub fn log_softmax(x: &Tensor) -> Tensor {
    let width = x.shape[x.shape.len() - 1];
    let rows = x.data.len() / width;
    let mut data = vec![0.0; x.data.len()];
    for r in 0..rows {
        let mut mx = x.data[r * width];
        for j in 1..width {
            mx = mx.max(x.data[r * width + j]);
        }
        let mut total = 0.0;
        for j in 0..width {
            total += (x.data[r * width + j] - mx).exp();
        }
        let lse = mx + total.ln();
        for j in 0..width {
            data[r * width + j] = x.data[r * width + j] - lse;
        }
    }
    Tensor { data, shape: x.shape.clone() }
}
