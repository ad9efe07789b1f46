//! The GMM format (SPEC.md §4): `D K N`, α, means, icf, points, `gamma m`.

use super::{Tokens, read_text, size_product};
use crate::DataError;
use std::path::Path;

/// One GMM instance, every array flat and row-major (component-major for the parameters).
#[derive(Debug, Clone, PartialEq)]
pub struct GmmInput {
    /// Dimension D.
    pub d: usize,
    /// Number of components K.
    pub k: usize,
    /// Number of points N.
    pub n: usize,
    /// Unnormalised log mixture weights, length K.
    pub alpha: Vec<f64>,
    /// Means, K × D (`means[k * d + j]`).
    pub means: Vec<f64>,
    /// Inverse covariance factors, K × D(D+1)/2: per component D log-diagonal entries, then the
    /// strictly lower triangle column by column.
    pub icf: Vec<f64>,
    /// Points, N × D (constant).
    pub x: Vec<f64>,
    /// Wishart γ (1 in every ADBench file).
    pub gamma: f64,
    /// Wishart m (0 in every ADBench file).
    pub m: f64,
}

impl GmmInput {
    /// D(D+1)/2, the length of one component's icf.
    pub fn icf_size(&self) -> usize {
        self.d * (self.d + 1) / 2
    }

    /// Length of the gradient [α; means; icf] = K(D+1)(D+2)/2.
    pub fn n_params(&self) -> usize {
        self.alpha.len() + self.means.len() + self.icf.len()
    }

    /// The independent variables packed as [α; means; icf] (the gradient's layout).
    pub fn packed_params(&self) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.n_params());
        out.extend_from_slice(&self.alpha);
        out.extend_from_slice(&self.means);
        out.extend_from_slice(&self.icf);
        out
    }

    /// Splits a packed [α; means; icf] vector back into its three parts.
    pub fn unpack<'a>(&self, packed: &'a [f64]) -> (&'a [f64], &'a [f64], &'a [f64]) {
        let (alpha, rest) = packed.split_at(self.k);
        let (means, icf) = rest.split_at(self.k * self.d);
        (alpha, means, icf)
    }
}

/// Reads a GMM file. When the file holds a single point followed by `gamma m` (the 2.5M set's
/// "replicate point" mode, detected by the token count being short by (N−1)·D), that point is
/// repeated N times.
pub fn read_gmm(path: &Path) -> Result<GmmInput, DataError> {
    let text = read_text(path)?;
    let mut tokens = Tokens::new(path, &text);
    let header_line = tokens.line();
    let d = tokens.usize("D")?;
    let k = tokens.usize("K")?;
    let n = tokens.usize("N")?;
    if d == 0 || k == 0 || n == 0 {
        return Err(DataError::at_line(path, header_line, format!("D, K and N must be positive, found {d} {k} {n}")));
    }
    let icf_size = size_product(path, header_line, &[d, d + 1])? / 2;
    let alpha = tokens.f64_vec(k, "alpha")?;
    let means = tokens.f64_vec(size_product(path, header_line, &[k, d])?, "means")?;
    let icf = tokens.f64_vec(size_product(path, header_line, &[k, icf_size])?, "icf")?;
    let x = read_points(&mut tokens, d, n, header_line)?;
    let gamma = tokens.f64("gamma")?;
    let m = tokens.f64("m")?;
    tokens.finish()?;
    Ok(GmmInput { d, k, n, alpha, means, icf, x, gamma, m })
}

/// Reads the N×D points, or one point repeated N times when only D of them are stored.
fn read_points(tokens: &mut Tokens<'_>, d: usize, n: usize, header_line: usize) -> Result<Vec<f64>, DataError> {
    let total = size_product(tokens.path(), header_line, &[n, d])?;
    // The two trailing tokens are gamma and m.
    let left = tokens.remaining();
    // More than N·D + 2 tokens is read as the normal layout, so that the error about the
    // extra tokens points at them.
    if left >= total + 2 {
        return tokens.f64_vec(total, "x");
    }
    if left != d + 2 {
        return Err(tokens.error(format!(
            "expected N·D = {total} point values (or one replicated point of {d}) plus gamma and \
             m, found {left} tokens"
        )));
    }
    let point = tokens.f64_vec(d, "x (replicated point)")?;
    let mut x = Vec::new();
    // N comes from the header alone in this mode, so allocation failure must be an error.
    x.try_reserve_exact(total)
        .map_err(|e| DataError::at_line(tokens.path(), header_line, format!("cannot allocate N·D = {total}: {e}")))?;
    for _ in 0..n {
        x.extend_from_slice(&point);
    }
    Ok(x)
}
