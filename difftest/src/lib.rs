//! Differential testing of `#[differentiable]`: random programs from the supported grammar,
//! compiled through the real macro, their gradients checked against forward-mode dual numbers.
//!
//! `build.rs` runs [`generator`] and writes a batch of programs; `tests/differential.rs`
//! includes it and runs [`check::run`] over it. The programs call the hand-written helpers of
//! [`custom`] (plain functions with `_vjp`s); the oracle is [`dual`]. See the README for the
//! commands.

pub mod check;
pub mod custom;
pub mod dual;
pub mod generator;
