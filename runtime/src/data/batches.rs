//! Mini-batches: an iterator that copies the examples of each batch out of a [`Dataset`].
//!
//! ```
//! use backprop::{Dataset, Tensor};
//!
//! let data = Dataset::new(Tensor::from_fn(&[5, 2], |i| i as f32), vec![0, 1, 0, 1, 0], 2)?;
//! let sizes: Vec<usize> = data.batches_in_order(2).map(|batch| batch.len()).collect();
//! assert_eq!(sizes, [2, 2, 1]); // the last batch holds the remainder
//! let last = data.batches_in_order(2).last().unwrap();
//! assert_eq!((last.inputs.data.as_slice(), &last.targets[..]), ([8.0, 9.0].as_slice(), [0].as_slice()));
//! # Ok::<(), backprop::Error>(())
//! ```

use super::{Dataset, Targets};
use crate::float::Float;

/// The batches of a [`Dataset`], made by [`Dataset::batches`] or
/// [`Dataset::batches_in_order`]. Each batch is a [`Dataset`] copied when the iterator
/// reaches it.
#[derive(Debug)]
pub struct Batches<'a, T, F = f32> {
    data: &'a Dataset<T, F>,
    order: Vec<usize>,
    batch_size: usize,
    next: usize,
}

impl<'a, T, F> Batches<'a, T, F> {
    pub(super) fn new(data: &'a Dataset<T, F>, order: Vec<usize>, batch_size: usize) -> Batches<'a, T, F> {
        assert!(batch_size > 0, "the batch size must be at least 1");
        Batches { data, order, batch_size, next: 0 }
    }
}

impl<T: Targets, F: Float> Iterator for Batches<'_, T, F> {
    type Item = Dataset<T, F>;

    fn next(&mut self) -> Option<Dataset<T, F>> {
        let start = self.next;
        if start >= self.order.len() {
            return None;
        }
        let end = (start + self.batch_size).min(self.order.len());
        self.next = end;
        Some(self.data.select(&self.order[start..end]))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = (self.order.len() - self.next).div_ceil(self.batch_size);
        (left, Some(left))
    }
}

impl<T: Targets, F: Float> ExactSizeIterator for Batches<'_, T, F> {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::Tensor;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    fn numbered(n: usize) -> Dataset {
        Dataset::new(Tensor::from_fn(&[n, 1, 2], |i| (i / 2) as f32), vec![0; n], 1).unwrap()
    }

    fn first_values(batches: Batches<'_, crate::data::Labels>) -> Vec<Vec<f32>> {
        batches.map(|b| b.inputs.data.iter().step_by(2).copied().collect()).collect()
    }

    #[test]
    fn last_partial_batch_is_kept() {
        let data = numbered(7);
        let batches = data.batches_in_order(3);
        assert_eq!(batches.len(), 3);
        assert_eq!(first_values(batches), [vec![0.0, 1.0, 2.0], vec![3.0, 4.0, 5.0], vec![6.0]]);
        assert_eq!(data.batch_count(3), 3);
    }

    #[test]
    fn batches_keep_the_example_shape() {
        let data = numbered(5);
        let batch = data.batches_in_order(4).next().unwrap();
        assert_eq!(batch.inputs.shape, [4, 1, 2]);
        assert_eq!(batch.len(), 4);
    }

    #[test]
    fn shuffled_batches_cover_every_example_once_and_follow_the_seed() {
        let data = numbered(10);
        let order = |seed| first_values(data.batches(4, &mut StdRng::seed_from_u64(seed))).concat();
        let mut seen = order(3);
        assert_eq!(seen, order(3));
        assert_ne!(seen, order(4));
        seen.sort_by(f32::total_cmp);
        assert_eq!(seen, (0..10).map(|i| i as f32).collect::<Vec<_>>());
    }

    #[test]
    fn each_epoch_draws_a_new_order_from_the_same_generator() {
        let data = numbered(10);
        let mut rng = StdRng::seed_from_u64(0);
        let first = first_values(data.batches(10, &mut rng));
        let second = first_values(data.batches(10, &mut rng));
        assert_ne!(first, second);
    }

    #[test]
    #[should_panic(expected = "batch size must be at least 1")]
    fn zero_batch_size_panics() {
        numbered(3).batches_in_order(0);
    }
}
