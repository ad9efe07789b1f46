//! Analyses over the lowered function.

pub mod activity;
pub mod calls;
pub mod floats;
pub mod order;
pub mod record;
pub mod scopes;
