//! Runtime of `backprop`: tangent types, derivative helpers, kernels and network layers.
//!
//! Users depend on the facade crate `backprop`, which re-exports everything here.
#![warn(missing_docs)]

extern crate self as backprop;

pub mod checkpoint;
pub mod data;
pub mod error;
mod float;
pub mod gradcheck;
pub mod init;
mod jacobian;
pub mod layers;
pub mod loss;
pub mod ops;
pub mod optim;
pub mod plot;
mod tangent;
mod tensor;
pub mod train;
pub mod visit;

#[doc(hidden)]
#[path = "private/mod.rs"]
pub mod __private;

pub use data::{Batch, Dataset};
pub use error::{Error, Result};
pub use float::Float;
pub use jacobian::{Seeds, flatten, jacobian};
pub use optim::{Adam, Optimizer, Sgd};
/// The random-number crate the initialisers and batches use, so that models need no
/// dependency of their own (`backprop::rand::SeedableRng`).
pub use rand;
pub use tangent::{Accumulate, Differentiable};
pub use tensor::Tensor;
