//! Readers for ADBench's input files (`gmm`, `ba`, `lstm`) and for the goldens (`golden`).
//!
//! Every format is whitespace-separated ASCII numbers; SPEC.md §4 says that reading "all
//! tokens in order" is enough, so all readers share one tokenizer that remembers each token's
//! line so that errors can point at it.

mod ba;
mod gmm;
mod golden;
mod lstm;

pub use ba::{BaCompact, BaInput, CAM_PARAMS, read_ba, read_ba_compact};
pub use gmm::{GmmInput, read_gmm};
pub use golden::{
    BaGolden, BaRef, GmmGolden, LstmGolden, ScalarRef, TestGoldens, read_ba_ref, read_scalar_ref, read_test_goldens,
};
pub use lstm::{LstmInput, read_lstm};

use crate::DataError;
use std::path::{Path, PathBuf};

/// Reads `path` as UTF-8 text; invalid UTF-8 is reported at the line where it starts.
pub(crate) fn read_text(path: &Path) -> Result<String, DataError> {
    let bytes = std::fs::read(path).map_err(|e| DataError::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
        DataError::at_line(path, line, "not valid UTF-8 text")
    })
}

/// The whitespace-separated tokens of a file, each with its 1-based line number.
pub(crate) struct Tokens<'a> {
    path: PathBuf,
    tokens: Vec<(usize, &'a str)>,
    pos: usize,
    last_line: usize,
}

impl<'a> Tokens<'a> {
    /// Splits `text` (the contents of `path`) into tokens.
    pub(crate) fn new(path: &Path, text: &'a str) -> Self {
        let mut tokens = Vec::new();
        let mut last_line = 1;
        for (index, line) in text.lines().enumerate() {
            last_line = index + 1;
            tokens.extend(line.split_ascii_whitespace().map(|t| (index + 1, t)));
        }
        Self { path: path.to_path_buf(), tokens, pos: 0, last_line }
    }

    /// The file being read.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// How many tokens have not been consumed yet.
    pub(crate) fn remaining(&self) -> usize {
        self.tokens.len() - self.pos
    }

    /// The line of the next token (or the last line of the file once all are consumed).
    pub(crate) fn line(&self) -> usize {
        self.tokens.get(self.pos).map_or(self.last_line, |&(line, _)| line)
    }

    /// An error at the line of the next token.
    pub(crate) fn error(&self, message: impl Into<String>) -> DataError {
        DataError::at_line(&self.path, self.line(), message)
    }

    fn next(&mut self, what: &str) -> Result<(usize, &'a str), DataError> {
        match self.tokens.get(self.pos) {
            Some(&token) => {
                self.pos += 1;
                Ok(token)
            }
            None => Err(self.error(format!("file ends where {what} was expected"))),
        }
    }

    /// The next token as a finite `f64`.
    pub(crate) fn f64(&mut self, what: &str) -> Result<f64, DataError> {
        let (line, token) = self.next(what)?;
        match token.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => Err(DataError::at_line(
                &self.path,
                line,
                format!("expected a finite number for {what}, found `{token}`"),
            )),
        }
    }

    /// The next token as a non-negative integer.
    pub(crate) fn usize(&mut self, what: &str) -> Result<usize, DataError> {
        let (line, token) = self.next(what)?;
        token.parse::<usize>().map_err(|_| {
            DataError::at_line(&self.path, line, format!("expected a non-negative integer for {what}, found `{token}`"))
        })
    }

    /// The next `count` tokens as `f64`. The count is checked against what is left in the file
    /// before allocating, so a corrupt header cannot ask for an absurd allocation.
    pub(crate) fn f64_vec(&mut self, count: usize, what: &str) -> Result<Vec<f64>, DataError> {
        if count > self.remaining() {
            return Err(self.error(format!(
                "{what} needs {count} numbers but only {} tokens are left in the file",
                self.remaining()
            )));
        }
        let mut out = Vec::with_capacity(count);
        for index in 0..count {
            out.push(self.f64(&format!("{what}[{index}]"))?);
        }
        Ok(out)
    }

    /// Succeeds only if every token has been consumed.
    pub(crate) fn finish(&self) -> Result<(), DataError> {
        match self.tokens.get(self.pos) {
            None => Ok(()),
            Some(&(_, token)) => {
                Err(self.error(format!("unexpected extra token `{token}` ({} tokens left over)", self.remaining())))
            }
        }
    }
}

/// The product of `factors`, or an error at `line` (the header) if it overflows `usize`.
pub(crate) fn size_product(path: &Path, line: usize, factors: &[usize]) -> Result<usize, DataError> {
    let mut product: usize = 1;
    for &factor in factors {
        product = product
            .checked_mul(factor)
            .ok_or_else(|| DataError::at_line(path, line, format!("sizes too large: {factors:?} overflows")))?;
    }
    Ok(product)
}
