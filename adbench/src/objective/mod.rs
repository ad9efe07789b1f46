//! The three ADBench objectives in plain Rust over `f64`.
//!
//! These functions carry `#[differentiable]`, so they keep to the macro's
//! restricted style: parameters are `&[f64]`, `f64` and `usize`; bodies use `let`, local
//! `vec![0.0; n]` buffers, `for i in 0..n` loops, indexing, element and scalar (compound)
//! assignment, `if`/`else`, `f64` methods, `as f64` and calls to functions of the same style.
//! No iterators, closures, `match`, tuples, `?`, early returns from loops or methods on structs.
//! That is also why index loops are used where clippy would suggest iterators.
//!
//! Convenience wrappers that take the reader structs (`*_input`) live beside them and are not
//! meant to be differentiated.

mod ba;
mod gmm;
mod lstm;

pub use ba::{
    ba_objective, ba_objective_input, ba_objective_input_into, ba_objective_into, ba_residual, ba_residual_vjp,
    ba_rodrigues_rotate, ba_weight_error, observation,
};
pub use gmm::{
    gmm_log_wishart_constant, gmm_objective, gmm_objective_grad, gmm_objective_input, gmm_objective_packed,
    gmm_qxc_sqnorm, gmm_wishart_prior, ln_gamma, log_sum_exp,
};
pub use lstm::{
    lstm_log_likelihood, lstm_objective, lstm_objective_grad, lstm_objective_input, lstm_objective_packed, sigmoid,
};
