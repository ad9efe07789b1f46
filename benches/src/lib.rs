//! Functions benchmarked in `benches/`, each with a hand-written gradient, and the ratio
//! table printed after a criterion run.

pub mod alternate;
pub mod arrays;
pub mod report;
pub mod scalar;
pub mod train_step;
