//! The error type of every reader: it always names the file, and the line where one is known.

use std::fmt;
use std::path::{Path, PathBuf};

/// A file that could not be read or does not follow its format.
#[derive(Debug)]
pub struct DataError {
    path: PathBuf,
    line: Option<usize>,
    message: String,
    source: Option<std::io::Error>,
}

impl DataError {
    /// An error at a 1-based `line` of `path`.
    pub fn at_line(path: &Path, line: usize, message: impl Into<String>) -> Self {
        Self { path: path.to_path_buf(), line: Some(line), message: message.into(), source: None }
    }

    /// An error about `path` as a whole (no single line is to blame).
    pub fn in_file(path: &Path, message: impl Into<String>) -> Self {
        Self { path: path.to_path_buf(), line: None, message: message.into(), source: None }
    }

    /// The file could not be opened or read.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Self { path: path.to_path_buf(), line: None, message: format!("cannot read: {source}"), source: Some(source) }
    }

    /// The file the error is about.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The 1-based line the error is about, if there is one.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// What is wrong, without the file and line.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for DataError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_ref().map(|e| e as _)
    }
}
