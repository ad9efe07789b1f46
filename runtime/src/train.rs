//! Training ergonomics: a progress bar, accuracy, a guard against a diverging loss, and a
//! per-epoch history to print, save or [plot](crate::plot::history).
//!
//! [`Progress`] draws one bar over the whole run (epoch, step, running mean loss) on standard
//! output when it is a terminal, and prints one summary line per epoch. Redirected to a file
//! it prints the summary lines only, and [`Progress::quiet`] silences it completely (tests).
//!
//! ```
//! use backprop::train::{EpochStats, History, Progress, accuracy, check_finite};
//!
//! # fn main() -> backprop::Result<()> {
//! let (epochs, steps) = (3, 10);
//! let mut progress = Progress::new(epochs, steps).quiet(true);
//! let mut history = History::default();
//! for epoch in 0..epochs {
//!     for step in 0..steps {
//!         let loss = 1.0 / (1 + epoch * steps + step) as f64; // from the model, really
//!         check_finite(loss, progress.steps(), epoch)?;
//!         progress.step(loss);
//!     }
//!     let stats = EpochStats {
//!         train_loss: progress.epoch_loss(),
//!         train_accuracy: accuracy(&[1, 2, 3, 0], &[1, 2, 3, 3]),
//!         test_accuracy: 0.5,
//!         seconds: progress.epoch_seconds(),
//!         ..EpochStats::default()
//!     };
//!     history.record_epoch(stats);
//!     progress.finish_epoch(stats);
//! }
//! assert_eq!(history.epochs.len(), 3);
//! assert_eq!(history.epochs[0].train_accuracy, 0.75);
//! # Ok(())
//! # }
//! ```

use crate::error::{Error, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fmt;
use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, Instant};

/// The fraction of `predicted` classes equal to `labels`, in `[0, 1]` (0 for no example).
///
/// # Panics
/// If the two slices have different lengths.
pub fn accuracy(predicted: &[usize], labels: &[usize]) -> f64 {
    assert_eq!(predicted.len(), labels.len(), "accuracy: {} predictions for {} labels", predicted.len(), labels.len());
    if labels.is_empty() {
        return 0.0;
    }
    let correct = predicted.iter().zip(labels).filter(|(p, l)| p == l).count();
    correct as f64 / labels.len() as f64
}

/// `Ok` when `loss` is a finite number.
///
/// # Errors
/// [`Error::NonFinite`] naming the step (counted over all epochs) and the epoch, both 0-based,
/// when the loss is NaN or infinite: training has diverged.
pub fn check_finite(loss: impl Into<f64>, step: usize, epoch: usize) -> Result<()> {
    let value = loss.into();
    if value.is_finite() { Ok(()) } else { Err(Error::NonFinite { step, epoch, value }) }
}

/// What one epoch achieved. Accuracies are fractions in `[0, 1]`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct EpochStats {
    /// Mean training loss over the epoch's steps.
    pub train_loss: f64,
    /// Accuracy on the training set (or on the batches seen during the epoch).
    pub train_accuracy: f64,
    /// Accuracy on the held-out test set.
    pub test_accuracy: f64,
    /// Loss on the test set, when measured.
    pub test_loss: Option<f64>,
    /// Wall-clock duration of the epoch, in seconds.
    pub seconds: f64,
}

impl fmt::Display for EpochStats {
    /// `loss 0.3120, train 91.23%, test 90.10% (1.2 s)`, with the test loss when known.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "loss {:.4}", self.train_loss)?;
        if let Some(test_loss) = self.test_loss {
            write!(f, " (test {test_loss:.4})")?;
        }
        let (train, test) = (100.0 * self.train_accuracy, 100.0 * self.test_accuracy);
        write!(f, ", train {train:.2}%, test {test:.2}% ({:.1} s)", self.seconds)
    }
}

/// The statistics of every epoch, in order.
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

    /// The epoch (0-based) with the highest test accuracy, and that accuracy.
    pub fn best_test_accuracy(&self) -> Option<(usize, f64)> {
        let accuracies = self.epochs.iter().map(|e| e.test_accuracy).enumerate();
        accuracies.fold(None, |best, (i, a)| match best {
            Some((_, b)) if b >= a => best,
            _ => Some((i, a)),
        })
    }

    /// The history as CSV, one line per epoch (1-based), with a header line; an unknown test
    /// loss is an empty field.
    pub fn to_csv(&self) -> String {
        let mut csv = String::from("epoch,train_loss,train_accuracy,test_accuracy,test_loss,seconds\n");
        for (i, e) in self.epochs.iter().enumerate() {
            let test_loss = e.test_loss.map(|l| l.to_string()).unwrap_or_default();
            let line = format!(
                "{},{},{},{},{test_loss},{}\n",
                i + 1,
                e.train_loss,
                e.train_accuracy,
                e.test_accuracy,
                e.seconds
            );
            csv.push_str(&line);
        }
        csv
    }

    /// Writes [`to_csv`](Self::to_csv) to `path`, atomically.
    ///
    /// # Errors
    /// [`Error::Io`] naming `path`.
    pub fn write_csv(&self, path: impl AsRef<Path>) -> Result<()> {
        crate::checkpoint::write_atomically(path.as_ref(), self.to_csv().as_bytes())
    }
}

/// A progress bar for a training run of `epochs` epochs of `steps_per_epoch` steps.
///
/// Shown on standard output when it is a terminal. Otherwise (output redirected to a file or
/// a pipe, or captured by a test harness) only the per-epoch summary lines are printed;
/// with [`quiet`](Self::quiet) nothing is.
#[derive(Debug)]
pub struct Progress {
    bar: ProgressBar,
    quiet: bool,
    epochs: usize,
    steps_per_epoch: usize,
    epoch: usize,
    step_in_epoch: usize,
    steps: usize,
    loss_sum: f64,
    epoch_start: Instant,
    last_message: Option<Instant>,
}

/// How often the bar's text is rebuilt: formatting it at every step would cost more than a
/// small model's step.
const MESSAGE_INTERVAL: Duration = Duration::from_millis(100);

impl Progress {
    /// A progress bar, drawn when standard output is a terminal.
    pub fn new(epochs: usize, steps_per_epoch: usize) -> Progress {
        let total = (epochs * steps_per_epoch) as u64;
        let bar = if std::io::stdout().is_terminal() {
            ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stdout()).with_style(style())
        } else {
            ProgressBar::hidden()
        };
        Progress {
            bar,
            quiet: false,
            epochs,
            steps_per_epoch,
            epoch: 0,
            step_in_epoch: 0,
            steps: 0,
            loss_sum: 0.0,
            epoch_start: Instant::now(),
            last_message: None,
        }
    }

    /// With `quiet` set, prints nothing at all: no bar, no summary lines.
    pub fn quiet(mut self, quiet: bool) -> Progress {
        self.quiet = quiet;
        if quiet {
            self.bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        self
    }

    /// Records one training step and its loss.
    pub fn step(&mut self, loss: impl Into<f64>) {
        self.loss_sum += loss.into();
        self.step_in_epoch += 1;
        self.steps += 1;
        if self.bar.is_hidden() {
            return;
        }
        self.bar.inc(1);
        let now = Instant::now();
        let due = self.last_message.is_none_or(|last| now - last >= MESSAGE_INTERVAL);
        if due || self.step_in_epoch == self.steps_per_epoch {
            self.last_message = Some(now);
            self.bar.set_message(self.message());
        }
    }

    /// Ends the epoch: prints `epoch 3/10  <summary>` above the bar (unless quiet), and
    /// starts the next epoch's running loss and clock.
    pub fn finish_epoch(&mut self, summary: impl fmt::Display) {
        self.epoch += 1;
        let width = self.epochs.to_string().len();
        let line = format!("epoch {:>width$}/{}  {summary}", self.epoch, self.epochs);
        self.println(line);
        self.step_in_epoch = 0;
        self.loss_sum = 0.0;
        self.epoch_start = Instant::now();
        self.last_message = None; // show the new epoch at its first step
        if self.epoch == self.epochs {
            self.bar.finish_and_clear();
        }
    }

    /// Prints a line above the bar (or alone when there is no bar), unless quiet.
    pub fn println(&self, line: impl AsRef<str>) {
        if self.quiet {
            return;
        }
        if self.bar.is_hidden() {
            println!("{}", line.as_ref());
        } else {
            self.bar.println(line);
        }
    }

    /// The number of steps recorded so far, over all epochs: the 0-based index of the next
    /// step (as [`check_finite`] wants it).
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// The current epoch, 0-based.
    pub fn epoch(&self) -> usize {
        self.epoch
    }

    /// The mean loss of the current epoch's steps so far (NaN before its first step).
    pub fn epoch_loss(&self) -> f64 {
        self.loss_sum / self.step_in_epoch as f64
    }

    /// Seconds since the current epoch started.
    pub fn epoch_seconds(&self) -> f64 {
        self.epoch_start.elapsed().as_secs_f64()
    }

    fn message(&self) -> String {
        format!(
            "epoch {}/{} · step {}/{} · loss {:.4}",
            self.epoch + 1,
            self.epochs,
            self.step_in_epoch,
            self.steps_per_epoch,
            self.epoch_loss()
        )
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        // A run that stops early (an error, a break) must not leave a half-drawn bar behind.
        if !self.bar.is_finished() {
            self.bar.finish_and_clear();
        }
    }
}

/// `epoch 3/10 · step 12/450 · loss 0.1234 [=====>      ] 1m 2s, eta 2m 5s`, the bar as wide
/// as the terminal leaves room for (a line that wraps would be redrawn as two).
fn style() -> ProgressStyle {
    ProgressStyle::with_template("{msg} [{wide_bar}] {elapsed}, eta {eta}")
        .map(|style| style.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accuracy_is_the_fraction_of_matches() {
        assert_eq!(accuracy(&[1, 2, 3, 4], &[1, 0, 3, 0]), 0.5);
        assert_eq!(accuracy(&[], &[]), 0.0);
    }

    #[test]
    #[should_panic(expected = "accuracy: 2 predictions for 3 labels")]
    fn accuracy_of_different_lengths_panics() {
        accuracy(&[1, 2], &[1, 2, 3]);
    }

    #[test]
    fn check_finite_names_step_and_epoch() {
        assert!(check_finite(0.5f32, 0, 0).is_ok());
        let err = check_finite(f64::NAN, 1234, 3).unwrap_err();
        assert!(matches!(err, Error::NonFinite { step: 1234, epoch: 3, .. }));
        assert!(err.to_string().contains("at step 1234 (epoch 3)"), "{err}");
        assert!(check_finite(f32::INFINITY, 0, 0).is_err());
    }

    #[test]
    fn progress_keeps_the_running_loss_of_each_epoch() {
        let mut progress = Progress::new(2, 3).quiet(true);
        for loss in [1.0, 2.0, 3.0] {
            progress.step(loss);
        }
        assert_eq!((progress.epoch_loss(), progress.steps(), progress.epoch()), (2.0, 3, 0));
        progress.finish_epoch("done");
        progress.step(5.0f32);
        assert_eq!((progress.epoch_loss(), progress.steps(), progress.epoch()), (5.0, 4, 1));
        assert_eq!(progress.message(), "epoch 2/2 · step 1/3 · loss 5.0000");
    }

    #[test]
    fn history_finds_the_best_epoch_and_writes_csv() {
        let mut history = History::default();
        for (test_accuracy, test_loss) in [(0.5, None), (0.9, Some(0.25)), (0.8, None)] {
            history.record_epoch(EpochStats { train_loss: 1.0, test_accuracy, test_loss, ..EpochStats::default() });
        }
        assert_eq!(history.best_test_accuracy(), Some((1, 0.9)));
        let csv = history.to_csv();
        assert_eq!(csv.lines().nth(2), Some("2,1,0,0.9,0.25,0"));
        assert_eq!(csv.lines().nth(3), Some("3,1,0,0.8,,0"));
    }

    #[test]
    fn epoch_stats_print_as_percentages() {
        let stats = EpochStats {
            train_loss: 0.31204,
            train_accuracy: 0.9123,
            test_accuracy: 0.901,
            test_loss: None,
            seconds: 1.24,
        };
        assert_eq!(stats.to_string(), "loss 0.3120, train 91.23%, test 90.10% (1.2 s)");
    }
}
