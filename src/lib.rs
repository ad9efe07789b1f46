//! Reverse-mode automatic differentiation at compile time.
#![warn(missing_docs)]

pub use backprop_macros::{Differentiable, differentiable};
pub use backprop_runtime::*;
