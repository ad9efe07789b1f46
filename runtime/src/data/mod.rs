//! Data sets: examples in a [`Tensor`] with their targets (class labels or float values),
//! seeded splits and shuffled mini-batches.
//!
//! A [`Dataset`] holds one example per row of `inputs` (`[n, features]` for a dense network,
//! `[n, channels, height, width]` for a convolutional one) and one target per example:
//! [`Labels`] for classification (the default, `Dataset<Labels>`), or a [`Tensor`] of float
//! values with one row per example for regression (`Dataset<Tensor>`). The bundled [`digits`]
//! set and the [`mnist`] loader return labelled ones; [`Normalizer`] standardises the
//! features with statistics taken from the training part only. A mini-batch is a smaller
//! data set ([`Batch`]).
//!
//! ```
//! use backprop::data::{self, Normalizer};
//! use backprop::rand::{SeedableRng, rngs::StdRng};
//!
//! # fn main() -> backprop::Result<()> {
//! let digits = data::digits::load_default()?;
//! let (mut train, mut test) = digits.split(0.2, 42); // seeded: the same split every run
//! assert_eq!((train.len(), test.len()), (1438, 359));
//!
//! let normalizer = Normalizer::fit(&train); // statistics of the training part only
//! normalizer.apply(&mut train)?;
//! normalizer.apply(&mut test)?;
//!
//! let mut rng = StdRng::seed_from_u64(7);
//! for batch in train.batches(32, &mut rng) {
//!     assert_eq!(batch.inputs.shape[1..], [64]);
//!     let _targets = data::one_hot(&batch.targets, train.classes())?;
//! }
//! let images = test.into_images(1, 8, 8)?; // for a convolutional network
//! assert_eq!(images.inputs.shape, [359, 1, 8, 8]);
//! # Ok(())
//! # }
//! ```

pub mod digits;
pub mod mnist;

mod batches;
mod gz;
mod idx;
mod normalize;
mod targets;

pub use batches::Batches;
pub use normalize::{Normalizer, standardize};
pub use targets::{Labels, Targets, accuracy};

use crate::error::{Error, Result};
use crate::float::Float;
use crate::loss::check_labels;
use crate::tensor::Tensor;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Examples with one target each: class [`Labels`] (the default) or float values (a
/// [`Tensor`] with one row per example). The inputs are `f32` (the default) or `f64`
/// (`F`; a regression set built from two [`Tensor64`](crate::Tensor64)s is
/// `Dataset<Tensor64, f64>`).
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset<T = Labels, F = f32> {
    /// The examples, one per row along the first dimension: `[n, features]`, or
    /// `[n, channels, height, width]` for images.
    pub inputs: Tensor<F>,
    /// The target of each example; `targets.len()` is the number of rows of `inputs`.
    pub targets: T,
}

/// A mini-batch: some examples of a [`Dataset`] with their targets, itself a data set.
pub type Batch<T = Labels, F = f32> = Dataset<T, F>;

impl Dataset {
    /// A data set for classification: `inputs` (one example per row) labelled with `labels`
    /// from `0..classes`.
    ///
    /// # Errors
    /// [`Error::Shape`] when `inputs` does not have one row per label (or is a scalar), and
    /// [`Error::Label`] for the first label that is not below `classes`.
    pub fn new(inputs: Tensor, labels: Vec<usize>, classes: usize) -> Result<Dataset> {
        check_rows("Dataset::new", &inputs, labels.len())?;
        check_labels("Dataset::new", &labels, classes)?;
        Ok(Dataset { inputs, targets: Labels::new(labels, classes)? })
    }

    /// The number of classes.
    pub fn classes(&self) -> usize {
        self.targets.classes()
    }

    /// How many examples each class has.
    pub fn class_counts(&self) -> Vec<usize> {
        self.targets.counts()
    }
}

impl<F: Float> Dataset<Tensor<F>, F> {
    /// A data set for regression: `inputs` (one example per row) with float `targets` (one
    /// row per example: `[n]` or `[n, outputs]`), both `f32` or both `f64`.
    ///
    /// ```
    /// use backprop::{Dataset, Tensor};
    ///
    /// let x = Tensor::new(vec![0.0, 1.0, 2.0], &[3, 1])?;
    /// let y = Tensor::new(vec![1.0, 3.0, 5.0], &[3, 1])?;
    /// let line = Dataset::regression(x, y)?;
    /// assert_eq!(line.len(), 3);
    /// # Ok::<(), backprop::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Shape`] when the two tensors have different numbers of rows (or one is a
    /// scalar).
    pub fn regression(inputs: Tensor<F>, targets: Tensor<F>) -> Result<Dataset<Tensor<F>, F>> {
        if targets.shape.is_empty() {
            let help = "give the targets one row per example";
            return Err(Error::shape("Dataset::regression", &inputs.shape, &targets.shape, help));
        }
        check_rows("Dataset::regression", &inputs, targets.rows())?;
        Ok(Dataset { inputs, targets })
    }
}

impl<T: Targets, F: Float> Dataset<T, F> {
    /// The number of examples.
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    /// Whether the data set holds no example.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// The number of values in one example (64 for the digits, 784 for MNIST).
    pub fn features(&self) -> usize {
        self.inputs.row_len()
    }

    /// The shape of one example: `[features]`, or `[channels, height, width]` for images.
    pub fn example_shape(&self) -> &[usize] {
        self.inputs.shape.get(1..).unwrap_or(&[])
    }

    /// The examples at `indices`, in that order, copied.
    ///
    /// # Panics
    /// If an index is not below [`len`](Self::len).
    pub fn select(&self, indices: &[usize]) -> Dataset<T, F> {
        Dataset { inputs: self.inputs.select_rows(indices), targets: self.targets.select(indices) }
    }

    /// The examples in `rows` (a contiguous range), copied.
    ///
    /// # Panics
    /// If the range ends after [`len`](Self::len).
    pub fn rows(&self, rows: Range<usize>) -> Dataset<T, F> {
        self.select(&rows.collect::<Vec<_>>())
    }

    /// Splits into `(train, test)` after a shuffle seeded with `seed`: `test` gets
    /// `round(len * test_fraction)` examples, `train` the rest. The same seed gives the same
    /// split on every run and every platform.
    ///
    /// # Panics
    /// If `test_fraction` is not in `0.0..=1.0`.
    pub fn split(&self, test_fraction: f64, seed: u64) -> (Dataset<T, F>, Dataset<T, F>) {
        assert!(
            (0.0..=1.0).contains(&test_fraction),
            "Dataset::split: the test fraction must be between 0 and 1, found {test_fraction}"
        );
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.shuffle(&mut StdRng::seed_from_u64(seed));
        let test_len = (self.len() as f64 * test_fraction).round() as usize;
        let (test, train) = order.split_at(test_len);
        (self.select(train), self.select(test))
    }

    /// The examples in mini-batches of `batch_size`, in an order shuffled by `rng`; the last
    /// batch holds the remainder when `batch_size` does not divide [`len`](Self::len). Call it
    /// once per epoch with the same generator to get a new order each epoch.
    ///
    /// # Panics
    /// If `batch_size` is 0.
    pub fn batches<R: Rng + ?Sized>(&self, batch_size: usize, rng: &mut R) -> Batches<'_, T, F> {
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.shuffle(rng);
        Batches::new(self, order, batch_size)
    }

    /// The examples in mini-batches of `batch_size`, in their stored order (to evaluate a
    /// model batch by batch).
    ///
    /// # Panics
    /// If `batch_size` is 0.
    pub fn batches_in_order(&self, batch_size: usize) -> Batches<'_, T, F> {
        Batches::new(self, (0..self.len()).collect(), batch_size)
    }

    /// The number of batches [`batches`](Self::batches) yields: `len / batch_size` rounded up.
    ///
    /// # Panics
    /// If `batch_size` is 0.
    pub fn batch_count(&self, batch_size: usize) -> usize {
        assert!(batch_size > 0, "the batch size must be at least 1");
        self.len().div_ceil(batch_size)
    }

    /// The same examples viewed as images: `inputs` reshaped to `[n, channels, height, width]`
    /// (the 64 digit pixels become `[n, 1, 8, 8]`).
    ///
    /// # Errors
    /// [`Error::Shape`] when an example does not hold `channels * height * width` values.
    pub fn into_images(self, channels: usize, height: usize, width: usize) -> Result<Dataset<T, F>> {
        self.reshape_examples("Dataset::into_images", &[channels, height, width])
    }

    /// The same examples as flat vectors: `inputs` reshaped to `[n, features]`.
    pub fn into_flat(self) -> Dataset<T, F> {
        let shape = [self.len(), self.features()];
        let inputs = Tensor { data: self.inputs.data, shape: shape.to_vec() };
        Dataset { inputs, targets: self.targets }
    }

    /// Multiplies every input value by `factor` (e.g. `1.0 / 16.0` to bring digit pixels
    /// into `[0, 1]`).
    pub fn scale(&mut self, factor: F) {
        for x in &mut self.inputs.data {
            *x *= factor;
        }
    }

    fn reshape_examples(mut self, op: &'static str, example: &[usize]) -> Result<Dataset<T, F>> {
        let shape: Vec<usize> = std::iter::once(self.len()).chain(example.iter().copied()).collect();
        if example.iter().product::<usize>() != self.features() {
            let help = "give a shape that holds as many values as one example";
            return Err(Error::shape(op, &self.inputs.shape, &shape, help));
        }
        self.inputs.shape = shape;
        Ok(self)
    }
}

/// `Ok` when `inputs` has `rows` rows; else an [`Error::Shape`] naming `op`.
fn check_rows<F: Float>(op: &'static str, inputs: &Tensor<F>, rows: usize) -> Result<()> {
    if inputs.shape.is_empty() || inputs.rows() != rows {
        return Err(Error::shape(op, &inputs.shape, &[rows], "give one target per row of the inputs"));
    }
    Ok(())
}

/// The labels as one-hot rows: a `[labels.len(), classes]` tensor with a 1 in column
/// `labels[i]` of row `i` and 0 elsewhere.
///
/// ```
/// let t = backprop::data::one_hot(&[2, 0], 3).unwrap();
/// assert_eq!(t.data, [0.0, 0.0, 1.0, 1.0, 0.0, 0.0]);
/// assert_eq!(t.shape, [2, 3]);
/// ```
///
/// # Errors
/// [`Error::Label`] for the first label that is not below `classes`.
pub fn one_hot(labels: &[usize], classes: usize) -> Result<Tensor> {
    check_labels("one_hot", labels, classes)?;
    let mut out = Tensor::zeros(&[labels.len(), classes]);
    for (row, &label) in labels.iter().enumerate() {
        out.data[row * classes + label] = 1.0;
    }
    Ok(out)
}

/// The root of the repository: the parent of the runtime crate's directory, fixed at compile
/// time. The bundled and shared data sets are found from it.
fn repository_root() -> PathBuf {
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR"));
    runtime.parent().map_or_else(|| runtime.join(".."), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counting(n: usize, features: usize) -> Dataset {
        let inputs = Tensor::from_fn(&[n, features], |i| (i / features) as f32);
        Dataset::new(inputs, (0..n).map(|i| i % 3).collect(), 3).unwrap()
    }

    #[test]
    fn new_rejects_a_row_count_that_differs_from_the_labels() {
        let err = Dataset::new(Tensor::zeros(&[4, 2]), vec![0; 3], 2).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Dataset::new: shapes [4, 2] and [3] do not fit: give one target per row of the inputs"
        );
    }

    #[test]
    fn new_rejects_a_label_out_of_range() {
        let err = Dataset::new(Tensor::zeros(&[3, 2]), vec![0, 1, 5], 2).unwrap_err();
        assert!(err.to_string().starts_with("Dataset::new: label 5 of example 2 is out of range"), "{err}");
    }

    #[test]
    fn regression_pairs_rows_of_inputs_and_targets() {
        let data = Dataset::regression(Tensor::from_fn(&[4, 2], |i| i as f32), Tensor::from_fn(&[4], |i| i as f32));
        let data = data.unwrap();
        let (train, test) = data.split(0.25, 3);
        assert_eq!((train.len(), test.len()), (3, 1));
        let row = test.targets.data[0];
        assert_eq!(test.inputs.data, [2.0 * row, 2.0 * row + 1.0], "each target stays with its example");
        let err = Dataset::regression(<Tensor>::zeros(&[4, 2]), Tensor::zeros(&[3, 1])).unwrap_err();
        assert!(err.to_string().starts_with("Dataset::regression: shapes [4, 2] and [3] do not fit"), "{err}");
    }

    #[test]
    fn split_is_seeded_disjoint_and_complete() {
        let data = counting(10, 2);
        let (train, test) = data.split(0.2, 9);
        assert_eq!((train.len(), test.len()), (8, 2));
        assert_eq!(data.split(0.2, 9), (train.clone(), test.clone()));
        let mut all: Vec<f32> = train.inputs.data.iter().chain(&test.inputs.data).step_by(2).copied().collect();
        all.sort_by(f32::total_cmp);
        assert_eq!(all, (0..10).map(|i| i as f32).collect::<Vec<_>>());
        assert_ne!(data.split(0.2, 10).1, test, "another seed gives another split");
    }

    #[test]
    fn split_keeps_each_label_with_its_example() {
        let (train, test) = counting(30, 1).split(0.5, 1);
        for part in [train, test] {
            for (x, &label) in part.inputs.data.iter().zip(part.targets.iter()) {
                assert_eq!(*x as usize % 3, label);
            }
        }
    }

    #[test]
    #[should_panic(expected = "between 0 and 1, found 1.5")]
    fn split_rejects_a_fraction_above_one() {
        counting(4, 1).split(1.5, 0);
    }

    #[test]
    fn one_hot_rejects_a_label_out_of_range() {
        let err = one_hot(&[1, 3], 3).unwrap_err();
        assert!(matches!(err, Error::Label { op: "one_hot", index: 1, label: 3, classes: 3 }), "{err}");
    }

    #[test]
    fn into_images_checks_the_example_size() {
        let images = counting(2, 8).into_images(2, 2, 2).unwrap();
        assert_eq!(images.inputs.shape, [2, 2, 2, 2]);
        assert_eq!(images.example_shape(), [2, 2, 2]);
        assert_eq!(images.into_flat().inputs.shape, [2, 8]);
        let err = counting(2, 8).into_images(1, 3, 3).unwrap_err();
        assert!(
            err.to_string().starts_with("Dataset::into_images: shapes [2, 8] and [2, 1, 3, 3] do not fit"),
            "{err}"
        );
    }

    #[test]
    fn class_counts_count_each_label() {
        assert_eq!(counting(7, 1).class_counts(), [3, 2, 2]);
    }

    #[test]
    fn rows_copies_a_range() {
        let part = counting(5, 1).rows(1..3);
        assert_eq!((part.inputs.data.as_slice(), &part.targets[..]), ([1.0, 2.0].as_slice(), [1, 2].as_slice()));
    }
}
