//! Losses: `#[differentiable]` functions from predictions and targets to a scalar, averaged
//! over the batch.
//!
//! All are written to stay finite where the mathematics does: the cross-entropies shift by
//! the largest logit, so logits of ±1000 give a finite loss and gradient.
//!
//! A `#[differentiable]` function returns its value, not a `Result`, so a loss given operands
//! that do not fit panics. Each has a `check_` function that says why as an [`Error`] naming
//! the loss and both shapes, and a `try_` form that checks, then computes the value: call them
//! where the data comes in (the [training loop](crate::train::Trainer) checks the first batch
//! this way).
//!
//! ```
//! use backprop::Tensor;
//! use backprop::loss::{softmax_cross_entropy, softmax_cross_entropy_grad};
//!
//! let logits = Tensor::new(vec![1000.0, -1000.0, 0.0, 0.0], &[2, 2]).unwrap();
//! let (loss, dlogits) = softmax_cross_entropy_grad(&logits, &[0, 1]);
//! assert!(loss.is_finite() && dlogits.data.iter().all(|g| g.is_finite()));
//!
//! // A label beyond the logits' two classes is an error, not a panic.
//! let error = backprop::loss::try_softmax_cross_entropy(&logits, &[0, 2]).unwrap_err();
//! assert!(error.to_string().starts_with("softmax_cross_entropy: label 2 of example 1 is out of range"));
//! ```
#![allow(clippy::needless_range_loop, reason = "index loops are what the macro differentiates")]

use crate::Tensor;
use crate::error::{Error, Result};
use crate::float::Float;
use backprop_macros::differentiable;

/// `Ok` when `a` and `b` have the same shape; else an [`Error::Shape`] naming `op`.
fn same_shape<F: Float, G: Float>(op: &'static str, a: &Tensor<F>, b: &Tensor<G>) -> Result<()> {
    if a.shape == b.shape {
        return Ok(());
    }
    Err(Error::shape(op, &a.shape, &b.shape, "give the prediction the shape of the target"))
}

/// `Ok` when every label is below `classes`; else an [`Error::Label`] for the first that is
/// not, naming `op`.
pub(crate) fn check_labels(op: &'static str, labels: &[usize], classes: usize) -> Result<()> {
    match labels.iter().position(|&label| label >= classes) {
        Some(index) => Err(Error::Label { op, index, label: labels[index], classes }),
        None => Ok(()),
    }
}

/// Checks the operands of [`mse`]: the same shape (of `f32` or `f64` tensors).
///
/// # Errors
/// [`Error::Shape`] naming `mse` and both shapes.
pub fn check_mse<F: Float, G: Float>(prediction: &Tensor<F>, target: &Tensor<G>) -> Result<()> {
    same_shape("mse", prediction, target)
}

/// [`mse`] after [`check_mse`].
///
/// # Errors
/// As [`check_mse`].
pub fn try_mse(prediction: &Tensor, target: &Tensor) -> Result<f32> {
    check_mse(prediction, target).map(|()| mse(prediction, target))
}

/// Checks the operands of [`binary_cross_entropy`] and
/// [`binary_cross_entropy_with_logits`]: the same shape.
///
/// # Errors
/// [`Error::Shape`] naming `binary_cross_entropy` and both shapes.
pub fn check_binary_cross_entropy(prediction: &Tensor, target: &Tensor) -> Result<()> {
    same_shape("binary_cross_entropy", prediction, target)
}

/// [`binary_cross_entropy`] after [`check_binary_cross_entropy`].
///
/// # Errors
/// As [`check_binary_cross_entropy`].
pub fn try_binary_cross_entropy(p: &Tensor, t: &Tensor) -> Result<f32> {
    check_binary_cross_entropy(p, t).map(|()| binary_cross_entropy(p, t))
}

/// [`binary_cross_entropy_with_logits`] after [`check_binary_cross_entropy`].
///
/// # Errors
/// As [`check_binary_cross_entropy`].
pub fn try_binary_cross_entropy_with_logits(z: &Tensor, t: &Tensor) -> Result<f32> {
    check_binary_cross_entropy(z, t).map(|()| binary_cross_entropy_with_logits(z, t))
}

/// Checks the operands of [`softmax_cross_entropy`]: logits with at least one class (the
/// last dimension), one label per row of logits, each label below the number of classes.
///
/// # Errors
/// [`Error::Shape`] naming `softmax_cross_entropy`, the logits' shape and the number of
/// labels; [`Error::Label`] for the first label that is not below the number of classes.
pub fn check_softmax_cross_entropy<F: Float>(logits: &Tensor<F>, labels: &[usize]) -> Result<()> {
    let classes = logits.shape.last().copied().unwrap_or(0);
    if classes == 0 || logits.len() / classes != labels.len() {
        let help = "give one label per row of logits, and the logits at least one class";
        return Err(Error::shape("softmax_cross_entropy", &logits.shape, &[labels.len()], help));
    }
    check_labels("softmax_cross_entropy", labels, classes)
}

/// [`softmax_cross_entropy`] after [`check_softmax_cross_entropy`].
///
/// # Errors
/// As [`check_softmax_cross_entropy`].
pub fn try_softmax_cross_entropy(logits: &Tensor, labels: &[usize]) -> Result<f32> {
    check_softmax_cross_entropy(logits, labels).map(|()| softmax_cross_entropy(logits, labels))
}

/// Mean squared error `Σ (p − t)² / n` over all `n` values.
///
/// # Panics
/// If the shapes differ (the message names both); [`try_mse`] returns an [`Error`] instead.
#[differentiable]
pub fn mse(prediction: &Tensor, target: &Tensor) -> f32 {
    assert!(
        prediction.shape == target.shape,
        "mse: shapes {:?} and {:?} differ (loss::try_mse returns this as an Error)",
        prediction.shape,
        target.shape
    );
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
/// If the shapes differ (the message names both); [`try_binary_cross_entropy`] returns an
/// [`Error`] instead.
#[differentiable]
pub fn binary_cross_entropy(p: &Tensor, t: &Tensor) -> f32 {
    assert!(
        p.shape == t.shape,
        "binary_cross_entropy: shapes {:?} and {:?} differ (loss::try_binary_cross_entropy returns this as an Error)",
        p.shape,
        t.shape
    );
    let n = p.data.len();
    let mut total = 0.0;
    for i in 0..n {
        let q = p.data[i].clamp(1e-7, 1.0 - 1e-7);
        total -= t.data[i] * q.ln() + (1.0 - t.data[i]) * (1.0 - q).ln();
    }
    total / n as f32
}

/// Binary cross-entropy of logits `z` (before the sigmoid) against targets `t`, averaged,
/// as `softplus(z) − z t` with `softplus(z) = ln(1 + e^z)` computed without overflow:
/// `z + ln(1 + e^(−z))` for `z > 0`, `ln(1 + e^z)` otherwise.
///
/// # Panics
/// If the shapes differ (the message names both); [`try_binary_cross_entropy_with_logits`]
/// returns an [`Error`] instead.
#[differentiable]
pub fn binary_cross_entropy_with_logits(z: &Tensor, t: &Tensor) -> f32 {
    assert!(
        z.shape == t.shape,
        "binary_cross_entropy_with_logits: shapes {:?} and {:?} differ (loss::try_binary_cross_entropy_with_logits \
         returns this as an Error)",
        z.shape,
        t.shape
    );
    let n = z.data.len();
    let mut total = 0.0;
    for i in 0..n {
        let v = z.data[i];
        // softplus(v) = ln(1 + e^v), in the branch that cannot overflow. Each branch is the
        // same smooth function, so its derivatives of every order are exact, at 0 too (the
        // form `max(v, 0) + ln(1 + e^(−|v|))` has the right gradient there but a Hessian of 0).
        let softplus = if v > 0.0 { v + (-v).exp().ln_1p() } else { v.exp().ln_1p() };
        total += softplus - v * t.data[i];
    }
    total / n as f32
}

/// Softmax cross-entropy of logits (shape `[batch, classes]`) against integer labels,
/// averaged over the batch: `ln Σ e^z − z_label`, shifted by each row's maximum.
///
/// # Panics
/// If there is not one label per row, or a label is not below the number of classes;
/// [`try_softmax_cross_entropy`] returns an [`Error`] instead.
#[differentiable]
pub fn softmax_cross_entropy(logits: &Tensor, labels: &[usize]) -> f32 {
    let classes: usize = logits.shape[logits.shape.len() - 1];
    let rows: usize = logits.data.len() / classes;
    assert!(
        labels.len() == rows,
        "softmax_cross_entropy: {} labels for logits of shape {:?} (loss::try_softmax_cross_entropy returns this as \
         an Error)",
        labels.len(),
        logits.shape
    );
    let mut total = 0.0;
    for r in 0..rows {
        assert!(
            labels[r] < classes,
            "softmax_cross_entropy: label {} of example {r} is not below the {classes} classes of logits of shape {:?} \
             (loss::try_softmax_cross_entropy returns this as an Error)",
            labels[r],
            logits.shape
        );
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checked_losses_name_the_loss_and_both_shapes() {
        let (a, b) = (Tensor::zeros(&[2, 3]), Tensor::zeros(&[3, 2]));
        let err = try_mse(&a, &b).unwrap_err().to_string();
        assert_eq!(err, "mse: shapes [2, 3] and [3, 2] do not fit: give the prediction the shape of the target");
        let err = try_binary_cross_entropy(&a, &b).unwrap_err().to_string();
        assert!(err.starts_with("binary_cross_entropy: shapes [2, 3] and [3, 2]"), "{err}");
        let err = try_binary_cross_entropy_with_logits(&a, &b).unwrap_err().to_string();
        assert!(err.starts_with("binary_cross_entropy: shapes [2, 3] and [3, 2]"), "{err}");
        assert_eq!(try_mse(&a, &a).unwrap(), 0.0);
    }

    #[test]
    fn checked_softmax_cross_entropy_rejects_labels_instead_of_panicking() {
        let logits = Tensor::zeros(&[2, 3]);
        let err = try_softmax_cross_entropy(&logits, &[0, 1, 2]).unwrap_err();
        assert!(err.to_string().starts_with("softmax_cross_entropy: shapes [2, 3] and [3] do not fit"), "{err}");
        let err = try_softmax_cross_entropy(&logits, &[0, 3]).unwrap_err();
        assert!(matches!(err, Error::Label { op: "softmax_cross_entropy", index: 1, label: 3, classes: 3 }), "{err}");
        let err = try_softmax_cross_entropy(&Tensor::zeros(&[2, 0]), &[0, 0]).unwrap_err();
        assert!(matches!(err, Error::Shape { op: "softmax_cross_entropy", .. }), "{err}");
        let loss = try_softmax_cross_entropy(&logits, &[0, 2]).unwrap();
        assert!((loss - 3f32.ln()).abs() < 1e-6);
    }

    /// `ℓ(z) = softplus(z) − z t` over one value: `ℓ'(z) = σ(z) − t`, `ℓ''(z) = σ(z)(1 − σ(z))`,
    /// ¼ at 0, where the logits of a zero-initialised model start.
    #[test]
    fn binary_cross_entropy_with_logits_has_its_curvature_at_zero() {
        let t = Tensor::new(vec![1.0], &[1, 1]).unwrap();
        for (z, sigma) in [(0.0f32, 0.5f32), (2.0, 0.880_797_1), (-2.0, 0.119_202_92)] {
            let logits = Tensor::new(vec![z], &[1, 1]).unwrap();
            let (_, (dz, _), (hz, _)) = binary_cross_entropy_with_logits_hvp(
                &logits,
                &t,
                &Tensor::new(vec![1.0], &[1, 1]).unwrap(),
                &<Tensor>::zeros(&[1, 1]),
            );
            assert!((dz.data[0] - (sigma - 1.0)).abs() < 1e-6, "gradient at {z}: {dz:?}");
            assert!((hz.data[0] - sigma * (1.0 - sigma)).abs() < 1e-6, "curvature at {z}: {hz:?}");
        }
    }

    #[test]
    #[should_panic(expected = "try_softmax_cross_entropy returns this as an Error")]
    fn the_unchecked_loss_points_to_the_checked_one() {
        softmax_cross_entropy(&Tensor::zeros(&[1, 2]), &[5]);
    }
}
