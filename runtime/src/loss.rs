//! Losses: `#[differentiable]` functions from predictions and targets to a scalar, averaged
//! over the batch.
//!
//! All are written to stay finite where the mathematics does: the cross-entropies shift by
//! the largest logit, so logits of ±1000 give a finite loss and gradient.
//!
//! ```
//! use backprop::Tensor;
//! use backprop::loss::{softmax_cross_entropy, softmax_cross_entropy_grad};
//!
//! let logits = Tensor::new(vec![1000.0, -1000.0, 0.0, 0.0], &[2, 2]).unwrap();
//! let (loss, dlogits) = softmax_cross_entropy_grad(&logits, &[0, 1]);
//! assert!(loss.is_finite() && dlogits.data.iter().all(|g| g.is_finite()));
//! ```
#![allow(clippy::needless_range_loop, reason = "index loops are what the macro differentiates")]

use crate::Tensor;
use backprop_macros::differentiable;

/// Mean squared error `Σ (p − t)² / n` over all `n` values.
///
/// # Panics
/// If the shapes differ (the message names both).
#[differentiable]
pub fn mse(prediction: &Tensor, target: &Tensor) -> f32 {
    assert!(prediction.shape == target.shape, "mse: shapes {:?} and {:?} differ", prediction.shape, target.shape);
    let n = prediction.data.len();
    let mut total = 0.0;
    for i in 0..n {
        let d = prediction.data[i] - target.data[i];
        total += d * d;
    }
    total / n as f32
}

/// Binary cross-entropy of probabilities `p` against targets `t` in `[0, 1]`, averaged:
/// `−[t ln p + (1 − t) ln(1 − p)]`. Probabilities are clamped to `[1e-7, 1 − 1e-7]`; prefer
/// [`binary_cross_entropy_with_logits`], which needs no clamp.
///
/// # Panics
/// If the shapes differ (the message names both).
#[differentiable]
pub fn binary_cross_entropy(p: &Tensor, t: &Tensor) -> f32 {
    assert!(p.shape == t.shape, "binary_cross_entropy: shapes {:?} and {:?} differ", p.shape, t.shape);
    let n = p.data.len();
    let mut total = 0.0;
    for i in 0..n {
        let q = p.data[i].clamp(1e-7, 1.0 - 1e-7);
        total -= t.data[i] * q.ln() + (1.0 - t.data[i]) * (1.0 - q).ln();
    }
    total / n as f32
}

/// Binary cross-entropy of logits `z` (before the sigmoid) against targets `t`, averaged,
/// in the stable form `max(z, 0) − z t + ln(1 + e^(−|z|))`.
///
/// # Panics
/// If the shapes differ (the message names both).
#[differentiable]
pub fn binary_cross_entropy_with_logits(z: &Tensor, t: &Tensor) -> f32 {
    assert!(z.shape == t.shape, "binary_cross_entropy_with_logits: shapes {:?} and {:?} differ", z.shape, t.shape);
    let n = z.data.len();
    let mut total = 0.0;
    for i in 0..n {
        let v = z.data[i];
        total += v.max(0.0) - v * t.data[i] + (-v.abs()).exp().ln_1p();
    }
    total / n as f32
}

/// Softmax cross-entropy of logits (shape `[batch, classes]`) against integer labels,
/// averaged over the batch: `ln Σ e^z − z_label`, shifted by each row's maximum.
///
/// # Panics
/// If there is not one label per row, or a label is not below the number of classes.
#[differentiable]
pub fn softmax_cross_entropy(logits: &Tensor, labels: &[usize]) -> f32 {
    let classes = logits.shape[logits.shape.len() - 1];
    let rows = logits.data.len() / classes;
    assert!(
        labels.len() == rows,
        "softmax_cross_entropy: {} labels for logits of shape {:?}",
        labels.len(),
        logits.shape
    );
    let mut total = 0.0;
    for r in 0..rows {
        assert!(labels[r] < classes, "softmax_cross_entropy: label {} with {classes} classes", labels[r]);
        let mut mx = logits.data[r * classes];
        for j in 1..classes {
            mx = mx.max(logits.data[r * classes + j]);
        }
        let mut sum = 0.0;
        for j in 0..classes {
            sum += (logits.data[r * classes + j] - mx).exp();
        }
        total += mx + sum.ln() - logits.data[r * classes + labels[r]];
    }
    total / rows as f32
}
