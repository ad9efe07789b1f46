//! Data-parallel gradients: a batch split across the machine's threads (with `rayon`), one
//! part per thread, each part's loss and gradient computed on its own thread, and the
//! gradients summed.
//!
//! For a loss that is a mean over the examples of its batch (every loss of the runtime is),
//! the gradient of the whole batch is the sum of the parts' gradients, each weighted by its
//! share of the examples; [`grad`] computes exactly that, so it equals the serial gradient up
//! to the order of float additions. It takes the same function a training step takes, so a
//! [`Trainer`](crate::train::Trainer) runs in parallel by wrapping its step:
//!
//! ```
//! use backprop::data::Dataset;
//! use backprop::layers::Dense;
//! use backprop::loss::*;
//! use backprop::rand::{SeedableRng, rngs::StdRng};
//! use backprop::{Tensor, differentiable, parallel};
//!
//! #[differentiable(wrt(layer))]
//! fn loss(layer: &Dense, x: &Tensor, labels: &[usize]) -> f32 {
//!     softmax_cross_entropy(&layer.forward(x), labels)
//! }
//!
//! let layer = Dense::xavier(3, 2, &mut StdRng::seed_from_u64(0));
//! let batch = Dataset::new(Tensor::from_fn(&[64, 3], |i| (i % 7) as f32), vec![0, 1].repeat(32), 2)?;
//! let step = |layer: &Dense, batch: &Dataset| loss_grad(layer, &batch.inputs, &batch.targets);
//!
//! let (serial, serial_grad) = step(&layer, &batch);
//! let (value, grad) = parallel::grad(&layer, &batch, step);
//! assert!((value - serial).abs() < 1e-5);
//! assert!(grad.w.data.iter().zip(&serial_grad.w.data).all(|(a, b)| (a - b).abs() < 1e-5));
//! // In a training loop: trainer.fit(&mut model, &mut opt, predict, |m, b| parallel::grad(m, b, step))
//! # Ok::<(), backprop::Error>(())
//! ```
//!
//! The number of threads is `rayon`'s: one per core unless `RAYON_NUM_THREADS` or a
//! `rayon::ThreadPoolBuilder` says otherwise. On a small batch the parts are small too, and
//! the split costs more than it saves: measure before using it (the README's "One training
//! step" table does for a 2-core machine).

use crate::data::{Dataset, Targets};
use crate::float::Float;
use crate::tangent::Differentiable;
use crate::visit::{PairSink, PairVisitor};
use rayon::prelude::*;

/// The loss and gradient of `loss_grad` on `batch`, computed in parts on the machine's
/// threads: the batch is cut into one contiguous run of rows per thread, and the parts'
/// losses and gradients summed, each weighted by its share of the rows. `loss_grad` must
/// compute a mean over the rows of the batch it is given.
///
/// With one thread, or a batch of one row, it is `loss_grad(model, batch)`. The inputs and
/// the loss may be `f32` or `f64`.
pub fn grad<M, T, F, L, G>(model: &M, batch: &Dataset<T, F>, loss_grad: G) -> (L, M::Tangent)
where
    M: Differentiable + Sync + ?Sized,
    M::Tangent: Differentiable<Tangent = M::Tangent> + Send,
    T: Targets + Send + Sync,
    F: Float,
    L: Float,
    G: Fn(&M, &Dataset<T, F>) -> (L, M::Tangent) + Sync,
{
    let rows = batch.len();
    let parts = rayon::current_num_threads().min(rows);
    if parts <= 1 {
        return loss_grad(model, batch);
    }
    let results: Vec<(f64, L, M::Tangent)> = (0..parts)
        .into_par_iter()
        .map(|part| {
            let range = part * rows / parts..(part + 1) * rows / parts;
            let share = range.len() as f64 / rows as f64;
            let (value, gradient) = loss_grad(model, &batch.rows(range));
            (share, value, gradient)
        })
        .collect();
    weighted_sum(results)
}

/// `Σ share · value` and `Σ share · gradient` over the parts, in order, each gradient added
/// into the first in one pass over its leaves.
fn weighted_sum<L: Float, G: Differentiable<Tangent = G>>(parts: Vec<(f64, L, G)>) -> (L, G) {
    let mut parts = parts.into_iter();
    let Some((share, value, mut total)) = parts.next() else {
        unreachable!("`grad` splits a batch into at least two parts")
    };
    let mut value = share * value.to_f64();
    let mut first_share = Some(share);
    for (share, part_value, gradient) in parts {
        value += share * part_value.to_f64();
        let mut sink = WeightedAdd { scale: first_share.take().unwrap_or(1.0), share };
        total.visit_pair(&gradient, &mut PairVisitor::new(&mut sink, &mut String::new()));
    }
    (L::from_f64(value), total)
}

/// `total ← scale · total + share · part`, leaf by leaf (`scale` weights the first part once).
struct WeightedAdd {
    scale: f64,
    share: f64,
}

impl PairSink for WeightedAdd {
    fn f32s(&mut self, _name: &str, total: &mut [f32], part: &[f32]) {
        let (scale, share) = (self.scale as f32, self.share as f32);
        total.iter_mut().zip(part).for_each(|(t, &p)| *t = scale * *t + share * p);
    }
    fn f64s(&mut self, _name: &str, total: &mut [f64], part: &[f64]) {
        total.iter_mut().zip(part).for_each(|(t, &p)| *t = self.scale * *t + self.share * p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layers::*;
    use crate::loss::*;
    use crate::tensor::Tensor;
    use backprop_macros::{Differentiable, differentiable};
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    #[derive(Differentiable, Clone, Debug, PartialEq)]
    struct Mlp {
        hidden: Dense,
        out: Dense,
        scale: f64,
    }

    #[differentiable(wrt(m))]
    fn classification(m: &Mlp, x: &Tensor, labels: &[usize]) -> f32 {
        softmax_cross_entropy(&m.out.forward(&relu(&m.hidden.forward_input(x))), labels)
    }

    #[differentiable(wrt(m))]
    fn regression(m: &Mlp, x: &Tensor, y: &Tensor) -> f32 {
        mse(&m.out.forward(&relu(&m.hidden.forward_input(x))), y) * m.scale as f32
    }

    fn mlp(inputs: usize, outputs: usize) -> Mlp {
        let mut rng = StdRng::seed_from_u64(3);
        Mlp { hidden: Dense::new(inputs, 32, &mut rng), out: Dense::xavier(32, outputs, &mut rng), scale: 1.5 }
    }

    /// The largest difference between the two gradients' leaves, relative to the largest
    /// magnitude of the serial one.
    fn relative_difference(parallel: &Mlp, serial: &Mlp) -> f64 {
        let (p, s) = (crate::flatten(parallel), crate::flatten(serial));
        let scale = s.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        p.iter().zip(&s).fold(0.0f64, |m, (a, b)| m.max((a - b).abs())) / scale
    }

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap()
    }

    #[test]
    fn the_parallel_gradient_equals_the_serial_one() {
        let model = mlp(20, 5);
        // 67 rows: parts of unequal sizes.
        let x = Tensor::from_fn(&[67, 20], |i| ((i * 37 % 101) as f32 / 50.0 - 1.0) * 1.5);
        let batch = Dataset::new(x, (0..67).map(|i| i * 7 % 5).collect(), 5).unwrap();
        let step = |m: &Mlp, b: &Dataset| classification_grad(m, &b.inputs, &b.targets);
        let (serial, serial_grad) = step(&model, &batch);
        for threads in [2, 3, 8] {
            let (value, grad) = pool(threads).install(|| grad(&model, &batch, step));
            assert!((value - serial).abs() <= 1e-5 * serial.abs(), "{threads} threads: loss {value} vs {serial}");
            let difference = relative_difference(&grad, &serial_grad);
            assert!(difference <= 1e-5, "{threads} threads: the gradient differs by {difference:e}");
        }
    }

    #[test]
    fn float_targets_and_f64_leaves_are_weighted_too() {
        let model = mlp(4, 2);
        let x = Tensor::from_fn(&[9, 4], |i| (i as f32 * 0.37).sin());
        let y = Tensor::from_fn(&[9, 2], |i| (i as f32 * 0.11).cos());
        let batch = Dataset::regression(x, y).unwrap();
        let step = |m: &Mlp, b: &Dataset<Tensor>| regression_grad(m, &b.inputs, &b.targets);
        let (serial, serial_grad) = step(&model, &batch);
        let (value, grad) = pool(2).install(|| grad(&model, &batch, step));
        assert!((value - serial).abs() <= 1e-5 * serial.abs(), "loss {value} vs {serial}");
        assert!((grad.scale - serial_grad.scale).abs() <= 1e-6 * serial_grad.scale.abs());
        assert!(relative_difference(&grad, &serial_grad) <= 1e-5);
    }

    /// Mean of `(w · x − y)²` over the rows, in `f64`.
    #[differentiable(wrt(w))]
    #[allow(clippy::needless_range_loop, reason = "index loops are what the macro differentiates")]
    fn linear64(w: &[f64], x: &crate::tensor::Tensor64, y: &crate::tensor::Tensor64) -> f64 {
        let (rows, width) = (y.data.len(), w.len());
        let mut total = 0.0;
        for r in 0..rows {
            let mut p = 0.0;
            for j in 0..width {
                p += w[j] * x.data[r * width + j];
            }
            total += (p - y.data[r]).powi(2);
        }
        total / rows as f64
    }

    #[test]
    fn an_f64_batch_and_loss_are_weighted_in_f64() {
        let x = Tensor::from_fn(&[11, 3], |i| (i as f64 * 0.37).sin());
        let y = Tensor::from_fn(&[11, 1], |i| (i as f64 * 0.11).cos());
        let batch: Dataset<crate::tensor::Tensor64, f64> = Dataset::regression(x, y).unwrap();
        let w = vec![0.3, -0.2, 0.7];
        let step = |w: &Vec<f64>, b: &Dataset<crate::tensor::Tensor64, f64>| linear64_grad(w, &b.inputs, &b.targets);
        let (serial, serial_grad) = step(&w, &batch);
        let (value, grad) = pool(3).install(|| grad(&w, &batch, step));
        assert!((value - serial).abs() <= 1e-14 * serial.abs(), "loss {value} vs {serial}");
        for (p, s) in grad.iter().zip(&serial_grad) {
            assert!((p - s).abs() <= 1e-14 * s.abs().max(1.0), "{grad:?} vs {serial_grad:?}");
        }
    }

    #[test]
    fn a_single_row_or_thread_is_the_serial_step() {
        let model = mlp(3, 2);
        let batch = Dataset::new(Tensor::from_fn(&[1, 3], |i| i as f32), vec![1], 2).unwrap();
        let step = |m: &Mlp, b: &Dataset| classification_grad(m, &b.inputs, &b.targets);
        assert_eq!(pool(4).install(|| grad(&model, &batch, step)), step(&model, &batch));
        let batch = Dataset::new(Tensor::from_fn(&[6, 3], |i| i as f32), vec![1; 6], 2).unwrap();
        assert_eq!(pool(1).install(|| grad(&model, &batch, step)), step(&model, &batch));
    }
}
