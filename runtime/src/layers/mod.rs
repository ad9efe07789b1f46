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

pub use activation::{
    leaky_relu, leaky_relu_vjp, log_softmax, log_softmax_vjp, relu, relu_vjp, sigmoid, sigmoid_vjp, softmax,
    softmax_vjp, tanh, tanh_vjp,
};
pub use conv::{
    Conv2d, channels_first, channels_first_vjp, check_conv2d, conv2d, conv2d_vjp, im2col, im2col_vjp, output_size,
};
pub use dense::{Dense, add_bias, add_bias_vjp};
pub use pool::{
    avg_pool2d, avg_pool2d_vjp, check_pool2d, flatten, flatten_vjp, max_pool2d, max_pool2d_vjp, try_avg_pool2d,
    try_max_pool2d,
};
