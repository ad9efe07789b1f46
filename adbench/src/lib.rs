//! ADBench (Srajer, Baydin, Fitzgibbon 2018) for `backprop`: the GMM, BA and LSTM objectives,
//! readers for ADBench's files and goldens, hand-written ("manual") derivatives, central finite
//! differences and the ADBench timing protocol.
//!
//! The objectives in [`objective`] are written in the restricted style that `#[differentiable]`
//! accepts (slices, `f64` scalars, `usize` sizes, plain loops) and carry the attribute;
//! [`generated`] packs the derivatives it writes the way [`manual`] does, so that both are
//! checked and timed on exactly the same code.
//!
//! The data is never copied into the repository: [`data_dir`] finds it through `ADBENCH_DATA`.

#![warn(missing_docs)]

pub mod bench;
pub mod error;
pub mod fd;
pub mod generated;
pub mod io;
pub mod manual;
pub mod objective;

pub use error::DataError;

use std::path::PathBuf;

/// Environment variable naming the ADBench data folder (the one holding `SPEC.md`).
pub const DATA_ENV: &str = "ADBENCH_DATA";

/// The ADBench data folder: `$ADBENCH_DATA`, or `shared/data/adbench` beside the workspace.
pub fn data_dir() -> PathBuf {
    match std::env::var_os(DATA_ENV) {
        Some(dir) => PathBuf::from(dir),
        // The workspace root is the parent of this crate; the data sits in ../shared beside it.
        None => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data/adbench")),
    }
}

/// [`data_dir`] if it exists, otherwise `None` after printing why (tests skip on `None`).
pub fn data_dir_if_present() -> Option<PathBuf> {
    let dir = data_dir();
    if dir.join("gmm").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipping: ADBench data not found at {} (set {DATA_ENV} to the folder holding SPEC.md)",
            dir.display()
        );
        None
    }
}

/// ADBench's comparison measure ρ(x, y) = |x − y| / max(1, |x| + |y|).
pub fn rho(x: f64, y: f64) -> f64 {
    (x - y).abs() / (x.abs() + y.abs()).max(1.0)
}

/// The largest [`rho`] over two equally long slices (`f64::INFINITY` if the lengths differ or a
/// value is NaN, so that a mismatch can never look like agreement).
pub fn max_rho(xs: &[f64], ys: &[f64]) -> f64 {
    if xs.len() != ys.len() {
        return f64::INFINITY;
    }
    let mut worst = 0.0_f64;
    for (&x, &y) in xs.iter().zip(ys) {
        let r = rho(x, y);
        if r.is_nan() {
            return f64::INFINITY;
        }
        worst = worst.max(r);
    }
    worst
}

/// ADBench's correctness threshold for [`rho`].
pub const TOLERANCE: f64 = 1e-8;
