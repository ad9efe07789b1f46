//! The LSTM format (SPEC.md §4): `l c b`, main params, extra params, state, sequence.

use super::{Tokens, read_text, size_product};
use crate::DataError;
use std::path::Path;

/// One LSTM instance, every array flat and row-major.
#[derive(Debug, Clone, PartialEq)]
pub struct LstmInput {
    /// Number of layers l.
    pub l: usize,
    /// Number of characters c (the sequence length).
    pub c: usize,
    /// Bits per character b (14 in every ADBench file).
    pub b: usize,
    /// l × 8b: per layer the weights W_f, W_i, W_o, W_c, then the biases B_f, B_i, B_o, B_c.
    pub main_params: Vec<f64>,
    /// 3b: in_weight, out_weight, out_bias.
    pub extra_params: Vec<f64>,
    /// l × 2b: per layer hidden h, then cell s (constant; copied at every evaluation).
    pub state: Vec<f64>,
    /// c × b bits (constant).
    pub sequence: Vec<f64>,
}

impl LstmInput {
    /// Length of the gradient [main_params; extra_params] = 8lb + 3b.
    pub fn n_params(&self) -> usize {
        self.main_params.len() + self.extra_params.len()
    }

    /// The independent variables packed as [main_params; extra_params].
    pub fn packed_params(&self) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.n_params());
        out.extend_from_slice(&self.main_params);
        out.extend_from_slice(&self.extra_params);
        out
    }

    /// The same instance cut to its first `c` characters (for cheap tests).
    pub fn truncated(&self, c: usize) -> LstmInput {
        let c = c.clamp(2, self.c);
        LstmInput { c, sequence: self.sequence[..c * self.b].to_vec(), ..self.clone() }
    }
}

/// Reads an LSTM file. `c` must be at least 2 (the loss averages over c − 1 predictions).
pub fn read_lstm(path: &Path) -> Result<LstmInput, DataError> {
    let text = read_text(path)?;
    let mut tokens = Tokens::new(path, &text);
    let header_line = tokens.line();
    let l = tokens.usize("l")?;
    let c = tokens.usize("c")?;
    let b = tokens.usize("b")?;
    if l == 0 || b == 0 || c < 2 {
        return Err(DataError::at_line(path, header_line, format!("need l ≥ 1, c ≥ 2 and b ≥ 1, found {l} {c} {b}")));
    }
    let main_params = tokens.f64_vec(size_product(path, header_line, &[l, 8, b])?, "main_params")?;
    let extra_params = tokens.f64_vec(size_product(path, header_line, &[3, b])?, "extra_params")?;
    let state = tokens.f64_vec(size_product(path, header_line, &[l, 2, b])?, "state")?;
    let sequence = tokens.f64_vec(size_product(path, header_line, &[c, b])?, "sequence")?;
    tokens.finish()?;
    Ok(LstmInput { l, c, b, main_params, extra_params, state, sequence })
}
