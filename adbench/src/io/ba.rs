//! The BA format (SPEC.md §4): `n m p`, then one camera, one point, one weight, one feature,
//! which ADBench replicates to n cameras, m points and p observations.

use super::{Tokens, read_text, size_product};
use crate::DataError;
use std::collections::TryReserveError;
use std::path::Path;

/// Parameters per camera: r(3), C(3), f, u0, v0, κ1, κ2.
pub const CAM_PARAMS: usize = 11;

/// A BA file as stored: the sizes and the single camera, point, weight and feature.
#[derive(Debug, Clone, PartialEq)]
pub struct BaCompact {
    /// Number of cameras n.
    pub n: usize,
    /// Number of points m.
    pub m: usize,
    /// Number of observations p.
    pub p: usize,
    /// The one stored camera.
    pub cam: [f64; CAM_PARAMS],
    /// The one stored 3-D point.
    pub point: [f64; 3],
    /// The one stored weight.
    pub w: f64,
    /// The one stored 2-D feature.
    pub feat: [f64; 2],
}

/// A BA instance expanded as ADBench does: every array flat and row-major.
#[derive(Debug, Clone, PartialEq)]
pub struct BaInput {
    /// Number of cameras n.
    pub n: usize,
    /// Number of points m.
    pub m: usize,
    /// Number of observations p.
    pub p: usize,
    /// n × 11 camera parameters.
    pub cams: Vec<f64>,
    /// m × 3 points.
    pub x: Vec<f64>,
    /// p weights.
    pub w: Vec<f64>,
    /// p × 2 (camera index, point index).
    pub obs: Vec<usize>,
    /// p × 2 observed features.
    pub feats: Vec<f64>,
}

impl BaInput {
    /// Columns of the Jacobian: 11n + 3m + p.
    pub fn n_cols(&self) -> usize {
        CAM_PARAMS * self.n + 3 * self.m + self.p
    }
}

impl BaCompact {
    /// Replicates the stored values: camera i and point j are copies, and observation i uses
    /// camera i mod n and point i mod m (ADBench's `read_ba_instance`).
    pub fn expand(&self) -> Result<BaInput, TryReserveError> {
        let (n, m, p) = (self.n, self.m, self.p);
        let cams = repeat(&self.cam, n)?;
        let x = repeat(&self.point, m)?;
        let w = repeat(&[self.w], p)?;
        let feats = repeat(&self.feat, p)?;
        let mut obs = Vec::new();
        obs.try_reserve_exact(p.saturating_mul(2))?;
        for i in 0..p {
            obs.push(i % n);
            obs.push(i % m);
        }
        Ok(BaInput { n, m, p, cams, x, w, obs, feats })
    }
}

/// `block` repeated `times` times, failing instead of aborting when memory runs out.
fn repeat(block: &[f64], times: usize) -> Result<Vec<f64>, TryReserveError> {
    let mut out = Vec::new();
    // An overflowing size saturates to usize::MAX, which try_reserve reports as CapacityOverflow.
    out.try_reserve_exact(block.len().saturating_mul(times))?;
    for _ in 0..times {
        out.extend_from_slice(block);
    }
    Ok(out)
}

/// Reads a BA file without expanding it (cheap even for ba20 with p = 28,987,644).
pub fn read_ba_compact(path: &Path) -> Result<BaCompact, DataError> {
    let text = read_text(path)?;
    let mut tokens = Tokens::new(path, &text);
    let header_line = tokens.line();
    let n = tokens.usize("n")?;
    let m = tokens.usize("m")?;
    let p = tokens.usize("p")?;
    // Observation i uses camera i mod n and point i mod m, so both must be positive.
    if n == 0 || m == 0 || p == 0 {
        return Err(DataError::at_line(path, header_line, format!("n, m and p must be positive, found {n} {m} {p}")));
    }
    // The Jacobian needs 31p values and 11n + 3m + p columns; reject sizes that overflow.
    size_product(path, header_line, &[31, p])?;
    size_product(path, header_line, &[CAM_PARAMS, n])?
        .checked_add(size_product(path, header_line, &[3, m])?)
        .and_then(|cols| cols.checked_add(p))
        .ok_or_else(|| DataError::at_line(path, header_line, "11n + 3m + p overflows"))?;
    let mut cam = [0.0; CAM_PARAMS];
    for (j, value) in cam.iter_mut().enumerate() {
        *value = tokens.f64(&format!("cam[{j}]"))?;
    }
    let mut point = [0.0; 3];
    for (j, value) in point.iter_mut().enumerate() {
        *value = tokens.f64(&format!("X[{j}]"))?;
    }
    let w = tokens.f64("w")?;
    let feat = [tokens.f64("feat[0]")?, tokens.f64("feat[1]")?];
    tokens.finish()?;
    Ok(BaCompact { n, m, p, cam, point, w, feat })
}

/// Reads and expands a BA file (see [`BaCompact::expand`]).
pub fn read_ba(path: &Path) -> Result<BaInput, DataError> {
    let compact = read_ba_compact(path)?;
    compact.expand().map_err(|e| DataError::at_line(path, 1, format!("cannot allocate the expanded instance: {e}")))
}
