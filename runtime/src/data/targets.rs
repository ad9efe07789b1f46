//! What a data set's examples are labelled with: a class each ([`Labels`], for
//! classification) or a row of float values each (a [`Tensor`], for regression).
//!
//! ```
//! use backprop::Tensor;
//! use backprop::data::{Labels, Targets};
//!
//! let labels = Labels::new(vec![2, 0, 1], 3)?;
//! assert_eq!((labels.len(), labels.classes(), labels[0]), (3, 3, 2));
//! let logits = Tensor::new(vec![0.1, 0.2, 0.9, 0.8, 0.1, 0.1, 0.0, 0.7, 0.2], &[3, 3])?;
//! assert_eq!(labels.accuracy(&logits)?, Some(1.0));
//!
//! // Float targets: one row per example, compared with predictions of the same shape.
//! let values = Tensor::new(vec![0.5, -1.0], &[2, 1])?;
//! assert_eq!(values.accuracy(&values)?, None);
//! let error = values.check(&<Tensor>::zeros(&[2, 3])).unwrap_err();
//! assert!(error.to_string().starts_with("mse: shapes [2, 3] and [2, 1] do not fit"));
//! # Ok::<(), backprop::Error>(())
//! ```

use crate::error::{Error, Result};
use crate::float::Float;
use crate::loss::{check_labels, check_mse, check_softmax_cross_entropy};
use crate::tensor::Tensor;
use std::fmt::Debug;
use std::ops::Deref;

/// The targets of a [`Dataset`](super::Dataset)'s examples, one per example.
pub trait Targets: Clone + Debug + PartialEq {
    /// The number of examples they are for.
    fn len(&self) -> usize;

    /// Whether there are none.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The targets of examples `rows`, in that order.
    ///
    /// # Panics
    /// If a row is not below [`len`](Self::len).
    fn select(&self, rows: &[usize]) -> Self;

    /// Checks a model's predictions for these examples against them, as the usual loss needs:
    /// [`softmax_cross_entropy`](crate::loss::softmax_cross_entropy) for labels (logits of
    /// one row per example, each label below their width), [`mse`](crate::loss::mse) for
    /// values (the same shape).
    ///
    /// # Errors
    /// [`Error::Shape`] or [`Error::Label`] naming the loss and both shapes.
    fn check<F: Float>(&self, predictions: &Tensor<F>) -> Result<()>;

    /// Checks every target against a model whose predictions for some of the examples are
    /// `predictions` (already [checked](Self::check) against theirs): for labels, that each
    /// label of the whole set is below the predictions' width, the number of classes the
    /// model outputs. The [training loop](crate::train::Trainer) calls it once before the
    /// first step, so that a label the model cannot output is an error then, not a panic of
    /// the loss at the batch that holds it. Float targets have nothing more to check.
    ///
    /// # Errors
    /// [`Error::Label`] naming the loss, the example and the width.
    fn check_all<F: Float>(&self, predictions: &Tensor<F>) -> Result<()> {
        let _ = predictions;
        Ok(())
    }

    /// The fraction of examples the predictions classify correctly, for labels; `None` for
    /// values, which have no accuracy.
    ///
    /// # Errors
    /// As [`check`](Self::check).
    fn accuracy<F: Float>(&self, predictions: &Tensor<F>) -> Result<Option<f64>>;
}

/// One class label per example, each below the number of classes.
///
/// It dereferences to the labels as a slice, so `&batch.targets` is the `&[usize]` that
/// [`softmax_cross_entropy`](crate::loss::softmax_cross_entropy) takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Labels {
    values: Vec<usize>,
    classes: usize,
}

impl Labels {
    /// Labels `values` from `0..classes`.
    ///
    /// # Errors
    /// [`Error::Label`] for the first label that is not below `classes`.
    pub fn new(values: Vec<usize>, classes: usize) -> Result<Labels> {
        check_labels("Labels::new", &values, classes)?;
        Ok(Labels { values, classes })
    }

    /// The number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// How many examples each class has.
    pub fn counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.classes];
        for &label in &self.values {
            counts[label] += 1;
        }
        counts
    }

    /// The labels as a vector.
    pub fn into_vec(self) -> Vec<usize> {
        self.values
    }
}

impl Deref for Labels {
    type Target = [usize];
    fn deref(&self) -> &[usize] {
        &self.values
    }
}

impl Targets for Labels {
    fn len(&self) -> usize {
        self.values.len()
    }

    fn select(&self, rows: &[usize]) -> Labels {
        Labels { values: rows.iter().map(|&r| self.values[r]).collect(), classes: self.classes }
    }

    fn check<F: Float>(&self, logits: &Tensor<F>) -> Result<()> {
        check_softmax_cross_entropy(logits, self)
    }

    fn check_all<F: Float>(&self, logits: &Tensor<F>) -> Result<()> {
        let classes = logits.shape.last().copied().unwrap_or(0);
        check_labels("softmax_cross_entropy", &self.values, classes)
    }

    fn accuracy<F: Float>(&self, logits: &Tensor<F>) -> Result<Option<f64>> {
        self.check(logits)?;
        accuracy(&logits.argmax_rows(), self).map(Some)
    }
}

/// Float targets, `f32` or `f64`. Predictions are checked by shape only, so a model may
/// predict in the other precision.
impl<G: Float> Targets for Tensor<G> {
    fn len(&self) -> usize {
        self.rows()
    }

    fn select(&self, rows: &[usize]) -> Tensor<G> {
        self.select_rows(rows)
    }

    fn check<F: Float>(&self, predictions: &Tensor<F>) -> Result<()> {
        check_mse(predictions, self)
    }

    fn accuracy<F: Float>(&self, predictions: &Tensor<F>) -> Result<Option<f64>> {
        self.check(predictions).map(|()| None)
    }
}

/// The fraction of `predicted` classes equal to `labels`, in `[0, 1]` (0 for no example).
///
/// ```
/// assert_eq!(backprop::data::accuracy(&[1, 2, 3, 4], &[1, 0, 3, 0])?, 0.5);
/// # Ok::<(), backprop::Error>(())
/// ```
///
/// # Errors
/// [`Error::Shape`] naming both lengths when the two slices have different lengths.
pub fn accuracy(predicted: &[usize], labels: &[usize]) -> Result<f64> {
    if predicted.len() != labels.len() {
        let help = "give one prediction per label";
        return Err(Error::shape("accuracy", &[predicted.len()], &[labels.len()], help));
    }
    if labels.is_empty() {
        return Ok(0.0);
    }
    let correct = predicted.iter().zip(labels).filter(|(p, l)| p == l).count();
    Ok(correct as f64 / labels.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_all_looks_at_every_label_against_the_models_width() {
        let labels = Labels::new(vec![0, 4, 1], 5).unwrap();
        let err = labels.check_all(&<Tensor>::zeros(&[1, 3])).unwrap_err();
        assert!(matches!(err, Error::Label { op: "softmax_cross_entropy", index: 1, label: 4, classes: 3 }), "{err}");
        assert!(labels.check_all(&<Tensor>::zeros(&[1, 5])).is_ok());
        assert!(crate::tensor::Tensor64::zeros(&[3, 1]).check_all(&<Tensor>::zeros(&[1, 1])).is_ok());
    }

    #[test]
    fn accuracy_is_the_fraction_of_matches() {
        assert_eq!(accuracy(&[1, 2, 3, 4], &[1, 0, 3, 0]).unwrap(), 0.5);
        assert_eq!(accuracy(&[], &[]).unwrap(), 0.0);
    }

    #[test]
    fn accuracy_of_different_lengths_names_both() {
        let err = accuracy(&[1, 2], &[1, 2, 3]).unwrap_err().to_string();
        assert_eq!(err, "accuracy: shapes [2] and [3] do not fit: give one prediction per label");
    }

    #[test]
    fn labels_are_checked_and_counted() {
        let err = Labels::new(vec![0, 3], 3).unwrap_err();
        assert!(matches!(err, Error::Label { op: "Labels::new", index: 1, label: 3, classes: 3 }), "{err}");
        let labels = Labels::new(vec![0, 2, 2], 3).unwrap();
        assert_eq!(labels.counts(), [1, 0, 2]);
        assert_eq!(labels.select(&[2, 0]).into_vec(), [2, 0]);
    }

    #[test]
    fn labels_beyond_the_logits_name_the_loss() {
        let labels = Labels::new(vec![0, 9], 10).unwrap();
        let err = labels.accuracy(&<Tensor>::zeros(&[2, 8])).unwrap_err();
        assert!(matches!(err, Error::Label { op: "softmax_cross_entropy", index: 1, label: 9, classes: 8 }), "{err}");
        let err = labels.check(&<Tensor>::zeros(&[3, 10])).unwrap_err();
        assert!(err.to_string().starts_with("softmax_cross_entropy: shapes [3, 10] and [2] do not fit"), "{err}");
    }

    #[test]
    fn values_select_rows_and_have_no_accuracy() {
        let values = Tensor::from_fn(&[3, 2], |i| i as f32);
        assert_eq!(Targets::len(&values), 3);
        assert_eq!(Targets::select(&values, &[2]).data, [4.0, 5.0]);
        assert_eq!(values.accuracy(&values).unwrap(), None);
    }
}
