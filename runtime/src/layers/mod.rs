//! Network layers: each forward pass a `#[differentiable]` function, its backward pass the
//! one the macro generated (matrix products excepted, see [`crate::ops`]).
//!
//! A layer given input of the wrong shape panics with a message naming both shapes, as a
//! `#[differentiable]` function cannot return a `Result`. For input from outside, call the
//! checked forms, which return an [`Error`](crate::Error) instead: [`Dense::try_forward`],
//! [`Conv2d::try_forward`], [`try_max_pool2d`], [`try_avg_pool2d`].
//!
//! ```
//! use backprop::layers::{Dense, relu};
//! use backprop::rand::{SeedableRng, rngs::StdRng};
//! use backprop::{Result, Tensor};
//!
//! struct Mlp { hidden: Dense, out: Dense }
//!
//! impl Mlp {
//!     /// Class scores of a batch, checked layer by layer.
//!     fn logits(&self, x: &Tensor) -> Result<Tensor> {
//!         self.out.try_forward(&relu(&self.hidden.try_forward(x)?))
//!     }
//! }
//!
//! let mut rng = StdRng::seed_from_u64(1);
//! let mlp = Mlp { hidden: Dense::new(4, 8, &mut rng), out: Dense::xavier(8, 3, &mut rng) };
//! assert_eq!(mlp.logits(&Tensor::zeros(&[2, 4]))?.shape, [2, 3]);
//! let error = mlp.logits(&Tensor::zeros(&[2, 5])).unwrap_err();
//! assert!(error.to_string().starts_with("Dense::forward: shapes [2, 5] and [4, 8] do not fit"));
//! # Ok::<(), backprop::Error>(())
//! ```

mod activation;
mod conv;
mod dense;
mod pool;

// Every item with its generated forms (`relu`, `relu_vjp`, `relu_jvp`, …): a caller's
// differentiable code reaches them by name.
pub use activation::*;
pub use conv::*;
pub use dense::*;
pub use pool::*;
