//! Training: the loop ([`Trainer`]), a progress bar that stops a diverging run
//! ([`Progress`]), and a per-epoch [`History`] to print, save or [plot](crate::plot::history).
//!
//! [`Trainer::fit`] runs epochs of shuffled mini-batches: each step takes the loss and its
//! gradient from a function you give (the `_grad` the macro wrote for your loss), and applies
//! the gradient with an [optimiser](crate::optim). It checks the data against the model
//! before the first step, stops at the first loss that is NaN or infinite (an
//! [`Error::NonFinite`](crate::Error::NonFinite) naming the epoch and batch) or gradient that
//! is ([`Error::NonFiniteGradient`](crate::Error::NonFiniteGradient), naming the leaf too)
//! before it reaches the model, and measures the model after each epoch. Inputs, targets and
//! loss may be `f32` or `f64`.
//!
//! ```
//! use backprop::data::Dataset;
//! use backprop::layers::Dense;
//! use backprop::loss::*;
//! use backprop::optim::Adam;
//! use backprop::rand::{SeedableRng, rngs::StdRng};
//! use backprop::train::Trainer;
//! use backprop::{Result, Tensor, differentiable};
//!
//! /// A linear classifier: its loss, and its class scores for a batch.
//! #[differentiable(wrt(layer))]
//! fn loss(layer: &Dense, x: &Tensor, labels: &[usize]) -> f32 {
//!     softmax_cross_entropy(&layer.forward(x), labels)
//! }
//! fn logits(layer: &Dense, x: &Tensor) -> Result<Tensor> {
//!     layer.try_forward(x)
//! }
//!
//! # fn main() -> Result<()> {
//! // Points left of the origin are class 0, right of it class 1.
//! let x = Tensor::from_fn(&[40, 1], |i| i as f32 / 4.0 - 5.0 + 0.125);
//! let data = Dataset::new(x.clone(), x.data.iter().map(|&v| usize::from(v > 0.0)).collect(), 2)?;
//!
//! let mut layer = Dense::xavier(1, 2, &mut StdRng::seed_from_u64(0));
//! let mut trainer = Trainer::new(&data, 20, 8).test_set(&data).seed(1).quiet(true);
//! trainer.fit(&mut layer, &mut Adam::new(0.1), logits, |layer, batch| {
//!     loss_grad(layer, &batch.inputs, &batch.targets)
//! })?;
//! let last = trainer.history().epochs.last().unwrap();
//! assert_eq!(last.test_accuracy, Some(1.0));
//! # Ok(())
//! # }
//! ```

mod history;
mod progress;
mod trainer;

pub use crate::data::accuracy;
pub use history::{EpochStats, History};
pub use progress::Progress;
pub use trainer::Trainer;
