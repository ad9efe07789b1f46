//! The inputs of the expansion snapshots (`tests/expand/*.rs`, pinned by
//! `codegen/tests/expand.rs`) compiled through the real macro: the code the snapshots show is
//! code rustc accepts.
#![allow(dead_code, clippy::all)]

#[path = "expand/branches.rs"]
mod branches;
#[path = "expand/buffers.rs"]
mod buffers;
#[path = "expand/calls.rs"]
mod calls;
#[path = "expand/generics_and_lending.rs"]
mod generics_and_lending;
#[path = "expand/guards.rs"]
mod guards;
#[path = "expand/iterators.rs"]
mod iterators;
#[path = "expand/loops.rs"]
mod loops;
#[path = "expand/options.rs"]
mod options;
#[path = "expand/outputs.rs"]
mod outputs;
#[path = "expand/scalar.rs"]
mod scalar;
#[path = "expand/structs.rs"]
mod structs;
#[path = "expand/views.rs"]
mod views;
