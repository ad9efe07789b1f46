//! The one error type of the runtime: everything that can fail on user data.

use std::fmt;
use std::path::PathBuf;

/// What went wrong, with enough context to find it: both shapes, the file and line, the step.
#[derive(Debug)]
pub enum Error {
    /// Two tensors whose shapes do not fit together.
    Shape {
        /// The operation that needed them to fit.
        op: &'static str,
        /// The first shape.
        left: Vec<usize>,
        /// The second shape.
        right: Vec<usize>,
    },
    /// A data file that could not be read or parsed.
    Data {
        /// The file.
        path: PathBuf,
        /// The 1-based line, when the problem is on one line.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A loss that became NaN or infinite during training.
    NonFinite {
        /// The training step (0-based, counted over all epochs).
        step: usize,
        /// The epoch (0-based).
        epoch: usize,
        /// The value.
        value: f64,
    },
    /// A model file that could not be written, read or matched to the model.
    Checkpoint {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A class label outside `0..classes`.
    Label {
        /// The position of the example (0-based).
        index: usize,
        /// The label found.
        label: usize,
        /// The number of classes.
        classes: usize,
    },
    /// An input/output error on a file.
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Shape { op, left, right } => write!(f, "{op}: shapes {left:?} and {right:?} do not fit"),
            Error::Data { path, line: Some(line), message } => write!(f, "{}:{line}: {message}", path.display()),
            Error::Data { path, line: None, message } => write!(f, "{}: {message}", path.display()),
            Error::NonFinite { step, epoch, value } => {
                write!(
                    f,
                    "the loss became {value} at step {step} (epoch {epoch}); lower the learning rate or check the data"
                )
            }
            Error::Checkpoint { path, message } => write!(f, "{}: {message}", path.display()),
            Error::Label { index, label, classes } => {
                write!(f, "label {label} of example {index} is out of range: labels must be below {classes}")
            }
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// `Result` with the runtime's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
