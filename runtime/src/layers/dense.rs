//! The dense (fully connected) layer: `y = x · W + b`.
//!
//! ```
//! use backprop::layers::Dense;
//! use backprop::{Tensor, init};
//! use backprop::rand::{SeedableRng, rngs::StdRng};
//!
//! let mut rng = StdRng::seed_from_u64(7);
//! let layer = Dense::new(3, 2, &mut rng);
//! let x = Tensor::zeros(&[4, 3]);
//! let y = layer.forward(&x);
//! assert_eq!(y.shape, [4, 2]);
//! assert_eq!(y.data, [0.0; 8]); // zero input: the bias, initialised to zero
//! ```
#![allow(clippy::needless_range_loop, reason = "index loops are what the macro differentiates")]

use crate::error::{Error, Result};
use crate::ops::*;
use crate::{Tensor, init};
use backprop_macros::{Differentiable, differentiable};
use rand::Rng;

/// A fully connected layer.
#[derive(Differentiable, Clone, Debug, PartialEq)]
pub struct Dense {
    /// Weights, shape `[inputs, outputs]`; He-initialised by [`Dense::new`] (suits ReLU).
    pub w: Tensor,
    /// Biases, shape `[outputs]`; zero-initialised.
    pub b: Tensor,
}

impl Dense {
    /// A layer from `inputs` to `outputs` features, with He-normal weights (good before a
    /// ReLU) drawn from `rng`, and zero biases.
    pub fn new(inputs: usize, outputs: usize, rng: &mut impl Rng) -> Dense {
        Dense { w: init::he_normal(&[inputs, outputs], inputs, rng), b: Tensor::zeros(&[outputs]) }
    }

    /// A layer with Xavier/Glorot-uniform weights (good before `tanh`, `sigmoid` or a
    /// softmax) and zero biases.
    pub fn xavier(inputs: usize, outputs: usize, rng: &mut impl Rng) -> Dense {
        Dense { w: init::xavier_uniform(&[inputs, outputs], inputs, outputs, rng), b: Tensor::zeros(&[outputs]) }
    }

    /// The number of input features.
    pub fn inputs(&self) -> usize {
        self.w.shape.first().copied().unwrap_or(0)
    }

    /// The number of output features.
    pub fn outputs(&self) -> usize {
        self.b.len()
    }

    /// Checks that [`forward`](Self::forward) can take `x`: a batch of rows of
    /// [`inputs`](Self::inputs) values each.
    ///
    /// # Errors
    /// [`Error::Shape`] naming `Dense::forward`, the shape of `x` and that of the weights.
    pub fn check(&self, x: &Tensor) -> Result<()> {
        if x.shape.len() == 2 && x.shape[1] == self.inputs() {
            return Ok(());
        }
        let help = "give the layer a batch of shape [examples, inputs], with the weights' first dimension as inputs";
        Err(Error::shape("Dense::forward", &x.shape, &self.w.shape, help))
    }

    /// [`forward`](Self::forward) after [`check`](Self::check): for data from outside, and
    /// for evaluating a model.
    ///
    /// ```
    /// use backprop::{Tensor, layers::Dense, rand::{SeedableRng, rngs::StdRng}};
    ///
    /// let layer = Dense::new(3, 2, &mut StdRng::seed_from_u64(0));
    /// let error = layer.try_forward(&Tensor::zeros(&[4, 5])).unwrap_err();
    /// assert!(error.to_string().starts_with("Dense::forward: shapes [4, 5] and [3, 2] do not fit"));
    /// assert_eq!(layer.try_forward(&Tensor::zeros(&[4, 3]))?.shape, [4, 2]);
    /// # Ok::<(), backprop::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`check`](Self::check).
    pub fn try_forward(&self, x: &Tensor) -> Result<Tensor> {
        self.check(x).map(|()| self.forward(x))
    }

    /// `x · W + b` for `x` of shape `[batch, inputs]`: shape `[batch, outputs]`.
    ///
    /// # Panics
    /// If `x` does not have `inputs` columns (the message names both shapes);
    /// [`try_forward`](Self::try_forward) returns an [`Error`] instead.
    #[differentiable]
    pub fn forward(&self, x: &Tensor) -> Tensor {
        add_bias(matmul(x, &self.w), &self.b)
    }

    /// [`Dense::forward`] for a network's input, whose gradient nobody needs: its pullback
    /// skips the product `∂y · Wᵀ` that gradient would cost (for a first layer of 784
    /// inputs, as much as the forward product). Use it on the first layer; on a hidden
    /// layer, whose input carries a gradient, it is a compile error.
    ///
    /// # Panics
    /// As [`forward`](Self::forward).
    #[differentiable(wrt(self))]
    pub fn forward_input(&self, x: &Tensor) -> Tensor {
        add_bias(matmul(x, &self.w), &self.b)
    }
}

/// `x + b` with `b` (shape `[n]`) added to every row of `x` (shape `[rows, n]`), in `x`'s
/// own storage.
///
/// `x` is taken by value: the sum needs no new buffer, and the pullback borrows nothing from
/// the caller but `b` (so a caller's reverse sweep keeps it instead of computing it again).
///
/// # Panics
/// If the last dimension of `x` is not the length of `b` (the message names both shapes);
/// a [`Dense`] layer's own bias always fits its product.
#[differentiable]
pub fn add_bias(x: Tensor, b: &Tensor) -> Tensor {
    let n = b.data.len();
    assert!(
        x.shape.last() == Some(&n),
        "add_bias: shapes {:?} and {:?} do not fit (the last dimension must be the bias length)",
        x.shape,
        b.shape
    );
    let rows = x.data.len() / n;
    let mut y = x;
    for r in 0..rows {
        for j in 0..n {
            y.data[r * n + j] += b.data[j];
        }
    }
    y
}
