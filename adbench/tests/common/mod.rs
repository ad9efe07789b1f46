//! Helpers shared by the integration tests.
#![allow(dead_code, reason = "each test binary uses a different subset")]

use backprop_adbench::{TOLERANCE, max_rho, rho};
use std::path::PathBuf;

/// The data folder, or `None` (after printing why) so that the test returns early.
pub fn data() -> Option<PathBuf> {
    backprop_adbench::data_dir_if_present()
}

/// Asserts ρ(got, want) < `tolerance` for every entry, naming the worst index.
pub fn assert_slices_close(what: &str, got: &[f64], want: &[f64], tolerance: f64) {
    assert_eq!(got.len(), want.len(), "{what}: length {} instead of {}", got.len(), want.len());
    let worst = max_rho(got, want);
    if worst >= tolerance {
        let index = (0..got.len()).max_by(|&a, &b| rho(got[a], want[a]).total_cmp(&rho(got[b], want[b]))).unwrap_or(0);
        panic!("{what}: worst ρ = {worst:.3e} ≥ {tolerance:e} at [{index}]: got {}, want {}", got[index], want[index]);
    }
}

/// Asserts ρ(got, want) < ADBench's 1e-8.
pub fn assert_adbench_close(what: &str, got: &[f64], want: &[f64]) {
    assert_slices_close(what, got, want, TOLERANCE);
}

/// A file in the temp folder, unique to this process and `name`, removed on drop.
pub struct TempFile(pub PathBuf);

impl TempFile {
    /// Writes `contents` (bytes) to a fresh temp file.
    pub fn new(name: &str, contents: impl AsRef<[u8]>) -> Self {
        let path = std::env::temp_dir().join(format!("adbench-test-{}-{name}", std::process::id()));
        std::fs::write(&path, contents).expect("the temp folder is writable");
        Self(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
