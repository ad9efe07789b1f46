//! The one error type of the runtime: everything that can fail on user data.
//!
//! Each message is a sentence that names what failed (the operation, the file, the epoch and
//! batch) and says what to do about it. [`Report`] prints an error with the chain of errors
//! that caused it, as a program's `main` should:
//!
//! ```
//! use backprop::error::Report;
//! use backprop::Error;
//!
//! let error = Error::shape("Dense::forward", &[32, 63], &[64, 10], "give the layer 64 columns");
//! assert_eq!(error.to_string(), "Dense::forward: shapes [32, 63] and [64, 10] do not fit: give the layer 64 columns");
//!
//! let missing = std::fs::read("/no/such/file").unwrap_err();
//! let error = backprop::Error::Io {
//!     path: "/no/such/file".into(),
//!     access: backprop::error::Access::Read,
//!     source: missing,
//! };
//! let report = Report(&error).to_string();
//! assert!(report.starts_with("cannot read /no/such/file: check that the file exists and is readable"));
//! assert!(report.contains("\n  caused by: "), "{report}");
//! ```

use std::fmt;
use std::path::PathBuf;

/// What went wrong, with enough context to find it: the operation and both shapes, the file
/// and line, the epoch and batch.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Two shapes that do not fit together (a batch of the wrong width for a layer, a
    /// prediction shaped unlike its target).
    Shape {
        /// The operation that needed them to fit: a function, layer or loss (`Dense::forward`).
        op: &'static str,
        /// The first shape (the operation's first operand, usually the input).
        left: Vec<usize>,
        /// The second shape (the weights, the target, the expected shape).
        right: Vec<usize>,
        /// What has to hold, said as what to do (`the input needs one column per input of the
        /// layer`).
        help: &'static str,
    },
    /// A data file that could not be parsed.
    Data {
        /// The file.
        path: PathBuf,
        /// The 1-based line, when the problem is on one line.
        line: Option<usize>,
        /// What is wrong, and what to do about it.
        message: String,
    },
    /// A loss that became NaN or infinite during training: the run diverged.
    NonFinite {
        /// The epoch, 0-based (the message counts from 1, as the progress bar does).
        epoch: usize,
        /// The batch within the epoch, 0-based (the message counts from 1).
        batch: usize,
        /// The training step counted over all epochs, 0-based.
        step: usize,
        /// The value.
        value: f64,
    },
    /// A gradient holding NaN or an infinity while the loss was finite: the step was not
    /// applied, since it would have made the weights NaN.
    NonFiniteGradient {
        /// The epoch, 0-based (the message counts from 1).
        epoch: usize,
        /// The batch within the epoch, 0-based (the message counts from 1).
        batch: usize,
        /// The training step counted over all epochs, 0-based.
        step: usize,
        /// The leaf of the model whose gradient it is (`hidden.w`), as checkpoints name it.
        leaf: String,
        /// The first value of that gradient that is not finite.
        value: f64,
        /// The loss of the batch (finite).
        loss: f64,
    },
    /// A model file that could not be written, read or matched to the model.
    Checkpoint {
        /// The file.
        path: PathBuf,
        /// What is wrong, and what to do about it.
        message: String,
    },
    /// A class label outside `0..classes`.
    Label {
        /// The function, loss or data set that checked it (`softmax_cross_entropy`).
        op: &'static str,
        /// The position of the example (0-based).
        index: usize,
        /// The label found.
        label: usize,
        /// The number of classes (for a loss, the width of its logits).
        classes: usize,
    },
    /// A file that could not be read or written; the system's error is the
    /// [`source`](std::error::Error::source).
    Io {
        /// The file.
        path: PathBuf,
        /// Whether it was being read or written.
        access: Access,
        /// The system's error.
        source: std::io::Error,
    },
}

/// Whether a file was being read or written, for [`Error::Io`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Opening or reading.
    Read,
    /// Creating, writing or renaming.
    Write,
}

impl Error {
    /// An [`Error::Shape`].
    pub fn shape(op: &'static str, left: &[usize], right: &[usize], help: &'static str) -> Error {
        Error::Shape { op, left: left.to_vec(), right: right.to_vec(), help }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Shape { op, left, right, help } => {
                write!(f, "{op}: shapes {left:?} and {right:?} do not fit: {help}")
            }
            Error::Data { path, line: Some(line), message } => write!(f, "{}:{line}: {message}", path.display()),
            Error::Data { path, line: None, message } => write!(f, "{}: {message}", path.display()),
            Error::NonFinite { epoch, batch, step, value } => write!(
                f,
                "the loss became {value} at epoch {}, batch {} (step {step}): training diverged, and the model keeps \
                 its weights from before that batch; lower the learning rate, or look for NaN or huge values in the \
                 inputs",
                epoch + 1,
                batch + 1
            ),
            Error::NonFiniteGradient { epoch, batch, step, leaf, value, loss } => write!(
                f,
                "the gradient of `{leaf}` holds {value} at epoch {}, batch {} (step {step}), while the loss is {loss}: \
                 the step was not applied, and the model keeps its weights from before that batch; look in the loss \
                 for a function whose derivative is infinite where it is used (`sqrt` or `ln` at 0, `powf` of 0 to a \
                 power below 1), or lower the learning rate",
                epoch + 1,
                batch + 1
            ),
            Error::Checkpoint { path, message } => write!(f, "{}: {message}", path.display()),
            Error::Label { op, index, label, classes } => write!(
                f,
                "{op}: label {label} of example {index} is out of range: labels must be below the number of classes, \
                 {classes}; check the labels, or give the model one output per class"
            ),
            Error::Io { path, access: Access::Read, .. } => {
                write!(f, "cannot read {}: check that the file exists and is readable", path.display())
            }
            Error::Io { path, access: Access::Write, .. } => write!(
                f,
                "cannot write {}: check that its folder can be created and written to, and that the disk has room",
                path.display()
            ),
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

/// An error printed with the errors that caused it, one `caused by:` line each: what a
/// program's `main` prints when it fails.
///
/// ```
/// use backprop::error::Report;
/// use std::process::ExitCode;
///
/// fn run() -> Result<(), Box<dyn std::error::Error>> {
///     let _contents = std::fs::read("/no/such/file")
///         .map_err(|source| backprop::Error::Io { path: "/no/such/file".into(), access: backprop::error::Access::Read, source })?;
///     Ok(())
/// }
///
/// // A program's `main` returns this `ExitCode` after printing the error.
/// let exit = match run() {
///     Ok(()) => ExitCode::SUCCESS,
///     Err(error) => {
///         eprintln!("error: {}", Report(&*error));
///         ExitCode::FAILURE
///     }
/// };
/// # let _ = exit;
/// ```
#[derive(Clone, Copy)]
pub struct Report<'a>(pub &'a (dyn std::error::Error + 'static));

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut cause = self.0.source();
        while let Some(error) = cause {
            write!(f, "\n  caused by: {error}")?;
            cause = error.source();
        }
        Ok(())
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_lists_the_causes() {
        let error = Error::Io {
            path: "models/m.safetensors".into(),
            access: Access::Write,
            source: std::io::Error::other("disk full"),
        };
        assert_eq!(
            Report(&error).to_string(),
            "cannot write models/m.safetensors: check that its folder can be created and written to, and that the \
             disk has room\n  caused by: disk full"
        );
    }

    #[test]
    fn non_finite_counts_epochs_and_batches_from_one() {
        let error = Error::NonFinite { epoch: 2, batch: 11, step: 101, value: f64::NAN };
        let message = error.to_string();
        assert!(message.starts_with("the loss became NaN at epoch 3, batch 12 (step 101): training diverged"));
        assert!(message.ends_with("lower the learning rate, or look for NaN or huge values in the inputs"));
    }

    #[test]
    fn a_non_finite_gradient_names_the_leaf_and_the_step() {
        let error = Error::NonFiniteGradient {
            epoch: 0,
            batch: 4,
            step: 4,
            leaf: "hidden.w".into(),
            value: f64::INFINITY,
            loss: 0.5,
        };
        let message = error.to_string();
        assert!(message.starts_with("the gradient of `hidden.w` holds inf at epoch 1, batch 5 (step 4), while the loss is 0.5: the step was not applied"), "{message}");
        assert!(message.ends_with("or lower the learning rate"), "{message}");
    }

    #[test]
    fn a_label_error_names_the_operation_and_the_classes() {
        let error = Error::Label { op: "softmax_cross_entropy", index: 3, label: 12, classes: 10 };
        assert_eq!(
            error.to_string(),
            "softmax_cross_entropy: label 12 of example 3 is out of range: labels must be below the number of \
             classes, 10; check the labels, or give the model one output per class"
        );
    }
}
