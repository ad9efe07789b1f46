//! Runtime of `backprop`: tangent types, derivative helpers, kernels and network layers.
//!
//! Users depend on the facade crate `backprop`, which re-exports everything here. Without
//! features this crate is the tangent plumbing the macro's code needs, with [`gradcheck`]
//! and [`jacobian`]; the default features add the rest (see the README's table of features):
//! `nn` ([`Tensor`], layers, losses, optimisers, initialisers, matrix products), `data`,
//! `train`, `plot` and `checkpoint`, and, off by default, `parallel` and `argmin`.
#![warn(missing_docs)]

extern crate self as backprop;

#[cfg(feature = "argmin")]
pub mod argmin;
#[cfg(any(feature = "checkpoint", feature = "train"))]
mod atomic;
#[cfg(feature = "checkpoint")]
pub mod checkpoint;
#[cfg(feature = "data")]
pub mod data;
pub mod error;
mod float;
#[cfg(any(feature = "ndarray", feature = "nalgebra"))]
mod foreign;
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

/// Returns `value` unchanged and makes it a constant for differentiation, in every mode: in a
/// `#[differentiable]` function, no gradient flows through it and its tangent is zero.
///
/// ```
/// use backprop::{differentiable, stop_gradient};
///
/// // f(x) = x · sg(x): the second factor is held constant, so f'(x) = x, not 2x.
/// #[differentiable]
/// fn f(x: f64) -> f64 {
///     x * stop_gradient(x)
/// }
///
/// assert_eq!(f_grad(3.0), (9.0, 3.0));
/// assert_eq!(f_jvp(3.0, 1.0), (9.0, 3.0));
/// // The gradient x ↦ sg(x) is itself constant: the Hessian is 0.
/// assert_eq!(f_hvp(3.0, 1.0), (9.0, 3.0, 0.0));
/// ```
///
/// The macro recognises the call by its name (`stop_gradient(e)` or any path ending in it).
#[inline(always)]
pub fn stop_gradient<T>(value: T) -> T {
    value
}
pub use error::{Error, Result};
pub use float::Float;
pub use jacobian::{Seeds, flatten, hessian, jacobian, jacobian_forward};
#[cfg(feature = "nn")]
pub use optim::{Adam, Optimizer, Sgd};
/// The random-number crate the initialisers and batches use, so that models need no
/// dependency of their own (`backprop::rand::SeedableRng`).
#[cfg(feature = "nn")]
pub use rand;
pub use tangent::{Accumulate, Differentiable};
#[cfg(feature = "nn")]
pub use tensor::{Tensor, Tensor64};

/// The `ndarray` crate (feature `ndarray`), whose arrays are differentiable values: see the
/// construct table in the README.
#[cfg(feature = "ndarray")]
pub use ndarray;

/// The `nalgebra` crate (feature `nalgebra`), whose matrices and vectors are differentiable
/// values: see the construct table in the README.
#[cfg(feature = "nalgebra")]
pub use nalgebra;
