//! Standardisation: each feature shifted to mean 0 and scaled to standard deviation 1, with
//! statistics measured on the training set and reused, unchanged, on the test set (measuring
//! them on the test set would leak it into training).
//!
//! ```
//! use backprop::data::{Dataset, standardize};
//! use backprop::Tensor;
//!
//! let mut train = Dataset::new(Tensor::new(vec![0.0, 2.0, 4.0], &[3, 1])?, vec![0, 1, 0], 2)?;
//! let mut test = Dataset::new(Tensor::new(vec![2.0], &[1, 1])?, vec![1], 2)?;
//! let normalizer = standardize(&mut train, &mut test)?; // fitted on `train` only
//! assert_eq!(normalizer.mean, [2.0]);
//! assert_eq!(test.inputs.data, [0.0]);
//! # Ok::<(), backprop::Error>(())
//! ```

use super::Dataset;
use crate::error::{Error, Result};
use crate::tensor::Tensor;

/// The per-feature mean and standard deviation of a training set, to apply to any set.
///
/// ```
/// use backprop::{Tensor, data::{Dataset, Normalizer}};
///
/// let train = Dataset::new(Tensor::new(vec![1.0, 10.0, 3.0, 10.0], &[2, 2])?, vec![0, 1], 2)?;
/// let normalizer = Normalizer::fit(&train);
/// assert_eq!(normalizer.mean, [2.0, 10.0]);
/// assert_eq!(normalizer.std, [1.0, 1.0]); // the second feature never varies: 1, not 0
///
/// let mut test = Dataset::new(Tensor::new(vec![4.0, 12.0], &[1, 2])?, vec![0], 2)?;
/// normalizer.apply(&mut test)?;
/// assert_eq!(test.inputs.data, [2.0, 2.0]);
/// # Ok::<(), backprop::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Normalizer {
    /// The mean of each feature (one value per position of an example, `features` values).
    pub mean: Vec<f32>,
    /// The standard deviation of each feature (population, divided by `n`). A feature that
    /// never varies (a pixel that is always blank) gets 1, so it is centred but not blown up.
    pub std: Vec<f32>,
}

impl Normalizer {
    /// Measures each feature of `train` (in `f64`, in two passes, for accuracy).
    pub fn fit<T>(train: &Dataset<T>) -> Normalizer {
        let features = train.inputs.row_len();
        let rows = train.inputs.data.chunks_exact(features.max(1));
        let n = rows.len().max(1) as f64;
        let mut mean = vec![0.0f64; features];
        for row in rows.clone() {
            for (m, &x) in mean.iter_mut().zip(row) {
                *m += f64::from(x);
            }
        }
        mean.iter_mut().for_each(|m| *m /= n);
        let mut var = vec![0.0f64; features];
        for row in rows {
            for ((v, &m), &x) in var.iter_mut().zip(&mean).zip(row) {
                *v += (f64::from(x) - m).powi(2);
            }
        }
        let std = var.iter().map(|&v| (v / n).sqrt()).map(|s| if s > 0.0 { s as f32 } else { 1.0 }).collect();
        Normalizer { mean: mean.into_iter().map(|m| m as f32).collect(), std }
    }

    /// Standardises the inputs of `data` in place: `(x - mean) / std`, feature by feature.
    ///
    /// # Errors
    /// [`Error::Shape`] when an example of `data` does not have as many features as the set
    /// the normalizer was fitted on.
    pub fn apply<T>(&self, data: &mut Dataset<T>) -> Result<()> {
        self.apply_tensor(&mut data.inputs)
    }

    /// Standardises the rows of a tensor (`[n, features...]`) in place, as
    /// [`apply`](Self::apply) does for a data set.
    ///
    /// # Errors
    /// [`Error::Shape`] when a row does not have as many values as the fitted features.
    pub fn apply_tensor(&self, inputs: &mut Tensor) -> Result<()> {
        if inputs.shape.is_empty() || inputs.row_len() != self.mean.len() {
            let help = "apply the normalizer to examples of the size it was fitted on";
            return Err(Error::shape("Normalizer::apply", &inputs.shape, &[inputs.rows(), self.mean.len()], help));
        }
        for row in inputs.data.chunks_exact_mut(self.mean.len().max(1)) {
            for ((x, &m), &s) in row.iter_mut().zip(&self.mean).zip(&self.std) {
                *x = (*x - m) / s;
            }
        }
        Ok(())
    }
}

/// Fits a [`Normalizer`] on `train`, applies it to both sets and returns it (to apply to new
/// examples later).
///
/// # Errors
/// [`Error::Shape`] when the examples of `test` and `train` have different sizes.
pub fn standardize<T>(train: &mut Dataset<T>, test: &mut Dataset<T>) -> Result<Normalizer> {
    let normalizer = Normalizer::fit(train);
    normalizer.apply(train)?;
    normalizer.apply(test)?;
    Ok(normalizer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset(data: Vec<f32>, features: usize) -> Dataset {
        let n = data.len() / features;
        Dataset::new(Tensor::new(data, &[n, features]).unwrap(), vec![0; n], 1).unwrap()
    }

    #[test]
    fn standardized_training_features_have_mean_zero_and_unit_variance() {
        let mut train = dataset((0..40).map(|i| (i * i % 17) as f32 + 0.5 * (i % 2) as f32).collect(), 4);
        let mut test = train.clone();
        standardize(&mut train, &mut test).unwrap();
        let refit = Normalizer::fit(&train);
        for (&m, &s) in refit.mean.iter().zip(&refit.std) {
            assert!(m.abs() < 1e-6, "mean {m}");
            assert!((s - 1.0).abs() < 1e-5, "std {s}");
        }
    }

    #[test]
    fn test_set_uses_the_training_statistics() {
        let train = dataset(vec![0.0, 2.0, 4.0, 6.0], 1); // mean 3, std sqrt(5)
        let mut test = dataset(vec![3.0, 8.0], 1);
        Normalizer::fit(&train).apply(&mut test).unwrap();
        assert_eq!(test.inputs.data, [0.0, 5.0 / 5f32.sqrt()]);
    }

    #[test]
    fn a_constant_feature_is_centred_not_divided_by_zero() {
        let train = dataset(vec![7.0, 1.0, 7.0, 3.0], 2);
        let normalizer = Normalizer::fit(&train);
        assert_eq!(normalizer.std, [1.0, 1.0]);
        let mut test = train.clone();
        normalizer.apply(&mut test).unwrap();
        assert_eq!(test.inputs.data, [0.0, -1.0, 0.0, 1.0]);
    }

    #[test]
    fn apply_rejects_another_feature_count() {
        let normalizer = Normalizer::fit(&dataset(vec![1.0; 6], 3));
        let err = normalizer.apply(&mut dataset(vec![1.0; 4], 2)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Normalizer::apply: shapes [2, 2] and [2, 3] do not fit: apply the normalizer to examples of the size it \
             was fitted on"
        );
    }
}
