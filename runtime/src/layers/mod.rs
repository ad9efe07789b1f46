//! Network layers: each forward pass a `#[differentiable]` function, its backward pass the
//! one the macro generated (matrix products excepted, see [`crate::ops`]).

mod activation;
mod conv;
mod dense;
mod pool;

pub use activation::{
    leaky_relu, leaky_relu_vjp, log_softmax, log_softmax_vjp, relu, relu_vjp, sigmoid, sigmoid_vjp, softmax,
    softmax_vjp, tanh, tanh_vjp,
};
pub use conv::{Conv2d, channels_first, channels_first_vjp, conv2d, conv2d_vjp, im2col, im2col_vjp, output_size};
pub use dense::{Dense, add_bias, add_bias_vjp};
pub use pool::{avg_pool2d, avg_pool2d_vjp, flatten, flatten_vjp, max_pool2d, max_pool2d_vjp};
