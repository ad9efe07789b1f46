//! Runtime of `backprop`: tangent types, derivative helpers, kernels and network layers.
//!
//! Users depend on the facade crate `backprop`, which re-exports everything here. Without
//! features this crate is the tangent plumbing the macro's code needs, with [`gradcheck`]
//! and [`jacobian`]; the default features add the rest (see the README's table of features):
//! `nn` ([`Tensor`], layers, losses, optimisers, initialisers, matrix products), `data`,
//! `train`, `plot` and `checkpoint`, and, off by default, `parallel`.
#![warn(missing_docs)]

extern crate self as backprop;

#[cfg(any(feature = "checkpoint", feature = "train"))]
mod atomic;
#[cfg(feature = "checkpoint")]
pub mod checkpoint;
#[cfg(feature = "data")]
pub mod data;
pub mod error;
mod float;
pub mod gradcheck;
#[cfg(feature = "nn")]
pub mod init;
mod jacobian;
#[cfg(feature = "nn")]
pub mod layers;
#[cfg(feature = "nn")]
pub mod loss;
#[cfg(feature = "nn")]
pub mod ops;
#[cfg(feature = "nn")]
pub mod optim;
#[cfg(feature = "parallel")]
pub mod parallel;
#[cfg(feature = "plot")]
pub mod plot;
#[cfg(all(test, any(feature = "checkpoint", feature = "data")))]
mod scratch;
mod tangent;
#[cfg(feature = "nn")]
mod tensor;
#[cfg(feature = "train")]
pub mod train;
pub mod visit;

#[doc(hidden)]
#[path = "private/mod.rs"]
pub mod __private;

#[cfg(feature = "data")]
pub use data::{Batch, Dataset};
pub use error::{Error, Result};
pub use float::Float;
pub use jacobian::{Seeds, flatten, jacobian};
#[cfg(feature = "nn")]
pub use optim::{Adam, Optimizer, Sgd};
/// The random-number crate the initialisers and batches use, so that models need no
/// dependency of their own (`backprop::rand::SeedableRng`).
#[cfg(feature = "nn")]
pub use rand;
pub use tangent::{Accumulate, Differentiable};
#[cfg(feature = "nn")]
pub use tensor::Tensor;
