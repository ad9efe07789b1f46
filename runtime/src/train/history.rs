//! What each epoch of a training run achieved, to print, save as CSV or
//! [plot](crate::plot::history).

use crate::error::Result;
use std::fmt;
use std::path::Path;

/// What one epoch achieved. A measure that was not taken is `None`, never a made-up 0:
/// accuracies exist for classification only, the test measures only with a test set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EpochStats {
    /// Mean training loss over the epoch's steps.
    pub train_loss: f64,
    /// Accuracy on the training set (or a sample of it), a fraction in `[0, 1]`.
    pub train_accuracy: Option<f64>,
    /// Accuracy on the held-out test set, a fraction in `[0, 1]`.
    pub test_accuracy: Option<f64>,
    /// Loss on the test set.
    pub test_loss: Option<f64>,
    /// Wall-clock duration of the epoch's training steps, in seconds.
    pub seconds: f64,
}

impl fmt::Display for EpochStats {
    /// `loss 0.3120 (test 0.3301), train 91.23%, test 90.10% (1.2 s)`, each part present only
    /// when measured; an epoch under a second is timed in milliseconds.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "loss {}", Loss(self.train_loss))?;
        if let Some(test_loss) = self.test_loss {
            write!(f, " (test {})", Loss(test_loss))?;
        }
        if let Some(train) = self.train_accuracy {
            write!(f, ", train {:.2}%", 100.0 * train)?;
        }
        if let Some(test) = self.test_accuracy {
            write!(f, ", test {:.2}%", 100.0 * test)?;
        }
        if self.seconds < 0.01 {
            write!(f, " ({:.1} ms)", 1000.0 * self.seconds)
        } else if self.seconds < 1.0 {
            write!(f, " ({:.0} ms)", 1000.0 * self.seconds)
        } else {
            write!(f, " ({:.1} s)", self.seconds)
        }
    }
}

/// A loss as the summary line prints it: four decimals (`0.3120`), or three significant
/// digits in scientific notation below 0.001 (`1.56e-5`), which four decimals would show as
/// `0.0000`.
struct Loss(f64);

impl fmt::Display for Loss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 != 0.0 && self.0.abs() < 1e-3 { write!(f, "{:.2e}", self.0) } else { write!(f, "{:.4}", self.0) }
    }
}

/// The statistics of every epoch, in order.
///
/// ```
/// use backprop::train::{EpochStats, History};
///
/// let mut history = History::default();
/// for (loss, accuracy) in [(0.9, 0.7), (0.5, 0.8)] {
///     let stats = EpochStats {
///         train_loss: loss,
///         train_accuracy: Some(accuracy),
///         test_accuracy: Some(accuracy - 0.05),
///         test_loss: None,
///         seconds: 0.1,
///     };
///     history.record_epoch(stats);
/// }
/// assert_eq!(history.best_test_accuracy(), Some((1, 0.75)));
/// assert_eq!(history.to_csv().lines().nth(2), Some("2,0.5,0.8,0.75,,0.1"));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    /// One entry per epoch.
    pub epochs: Vec<EpochStats>,
}

impl History {
    /// Appends the statistics of the next epoch.
    pub fn record_epoch(&mut self, stats: EpochStats) {
        self.epochs.push(stats);
    }

    /// The epoch (0-based) with the highest test accuracy, and that accuracy; `None` when no
    /// epoch measured one.
    pub fn best_test_accuracy(&self) -> Option<(usize, f64)> {
        let accuracies = self.epochs.iter().enumerate().filter_map(|(i, e)| Some((i, e.test_accuracy?)));
        accuracies.fold(None, |best, (i, a)| match best {
            Some((_, b)) if b >= a => best,
            _ => Some((i, a)),
        })
    }

    /// Whether any epoch measured an accuracy (false for regression).
    pub fn has_accuracy(&self) -> bool {
        self.epochs.iter().any(|e| e.train_accuracy.is_some() || e.test_accuracy.is_some())
    }

    /// The history as CSV, one line per epoch (1-based), with a header line; a measure not
    /// taken is an empty field.
    pub fn to_csv(&self) -> String {
        let mut csv = String::from("epoch,train_loss,train_accuracy,test_accuracy,test_loss,seconds\n");
        let field = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
        for (i, e) in self.epochs.iter().enumerate() {
            let line = format!(
                "{},{},{},{},{},{}\n",
                i + 1,
                e.train_loss,
                field(e.train_accuracy),
                field(e.test_accuracy),
                field(e.test_loss),
                e.seconds
            );
            csv.push_str(&line);
        }
        csv
    }

    /// Writes [`to_csv`](Self::to_csv) to `path`, atomically: a failure leaves the previous
    /// file as it was.
    ///
    /// # Errors
    /// [`Error::Io`](crate::Error::Io) naming `path`.
    pub fn write_csv(&self, path: impl AsRef<Path>) -> Result<()> {
        crate::atomic::write(path.as_ref(), self.to_csv().as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(test_accuracy: Option<f64>, test_loss: Option<f64>) -> EpochStats {
        EpochStats { train_loss: 1.0, train_accuracy: None, test_accuracy, test_loss, seconds: 0.0 }
    }

    #[test]
    fn history_finds_the_best_epoch_and_writes_csv() {
        let mut history = History::default();
        for (test_accuracy, test_loss) in [(Some(0.5), None), (Some(0.9), Some(0.25)), (None, None), (Some(0.8), None)]
        {
            history.record_epoch(stats(test_accuracy, test_loss));
        }
        assert_eq!(history.best_test_accuracy(), Some((1, 0.9)));
        let csv = history.to_csv();
        assert_eq!(csv.lines().nth(2), Some("2,1,,0.9,0.25,0"));
        assert_eq!(csv.lines().nth(3), Some("3,1,,,,0"));
        assert!(history.has_accuracy());
    }

    #[test]
    fn a_regression_history_has_no_accuracy() {
        let history = History { epochs: vec![stats(None, Some(0.5))] };
        assert_eq!((history.best_test_accuracy(), history.has_accuracy()), (None, false));
    }

    #[test]
    fn epoch_stats_print_what_was_measured() {
        let stats = EpochStats {
            train_loss: 0.31204,
            train_accuracy: Some(0.9123),
            test_accuracy: Some(0.901),
            test_loss: None,
            seconds: 1.24,
        };
        assert_eq!(stats.to_string(), "loss 0.3120, train 91.23%, test 90.10% (1.2 s)");
        let regression = EpochStats { train_accuracy: None, test_accuracy: None, test_loss: Some(0.02), ..stats };
        assert_eq!(regression.to_string(), "loss 0.3120 (test 0.0200) (1.2 s)");
        let fast = EpochStats { seconds: 0.0234, ..regression };
        assert_eq!(fast.to_string(), "loss 0.3120 (test 0.0200) (23 ms)");
        let faster = EpochStats { seconds: 0.00042, ..regression };
        assert_eq!(faster.to_string(), "loss 0.3120 (test 0.0200) (0.4 ms)");
        let small = EpochStats { train_loss: 1.5564e-5, test_loss: Some(0.0), ..faster };
        assert_eq!(small.to_string(), "loss 1.56e-5 (test 0.0000) (0.4 ms)");
        let diverged = EpochStats { train_loss: f64::NAN, test_loss: Some(f64::INFINITY), ..faster };
        assert_eq!(diverged.to_string(), "loss NaN (test inf) (0.4 ms)");
    }
}
