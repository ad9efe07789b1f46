//! Network layers: each forward pass a `#[differentiable]` function, its backward pass the
//! one the macro generated (matrix products excepted, see [`crate::ops`]).

mod activation;

pub use activation::{
    leaky_relu, leaky_relu_vjp, log_softmax, log_softmax_vjp, relu, relu_vjp, sigmoid, sigmoid_vjp, softmax,
    softmax_vjp, tanh, tanh_vjp,
};
