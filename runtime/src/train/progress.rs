//! The progress bar of a training run, and its guard against a diverging loss.

use crate::error::{Error, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fmt;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// A progress bar for a training run of `epochs` epochs of `steps_per_epoch` steps, which
/// also stops the run at the first loss that is NaN or infinite.
///
/// Shown on standard output when it is a terminal. Otherwise (output redirected to a file or
/// a pipe, or captured by a test harness) only the per-epoch summary lines are printed;
/// with [`quiet`](Self::quiet) nothing is.
///
/// ```
/// use backprop::train::Progress;
///
/// let mut progress = Progress::new(2, 3).quiet(true);
/// progress.step(0.5)?;
/// progress.step(0.25)?;
/// assert_eq!(progress.epoch_loss(), 0.375);
/// let error = progress.step(f32::NAN).unwrap_err();
/// assert!(error.to_string().starts_with("the loss became NaN at epoch 1, batch 3 (step 2)"));
/// # Ok::<(), backprop::Error>(())
/// ```
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

    /// Records one training step and its loss: call it before applying the step's gradient.
    ///
    /// # Errors
    /// [`Error::NonFinite`] naming the epoch, the batch within it and the step when the loss
    /// is NaN or infinite (the step is not recorded): training has diverged, and the
    /// gradient of that step should not reach the model.
    pub fn step(&mut self, loss: impl Into<f64>) -> Result<()> {
        let value = loss.into();
        if !value.is_finite() {
            return Err(Error::NonFinite { epoch: self.epoch, batch: self.step_in_epoch, step: self.steps, value });
        }
        self.loss_sum += value;
        self.step_in_epoch += 1;
        self.steps += 1;
        if self.bar.is_hidden() {
            return Ok(());
        }
        self.bar.inc(1);
        let now = Instant::now();
        let due = self.last_message.is_none_or(|last| now - last >= MESSAGE_INTERVAL);
        if due || self.step_in_epoch == self.steps_per_epoch {
            self.last_message = Some(now);
            self.bar.set_message(self.message());
        }
        Ok(())
    }

    /// The [`Error::NonFiniteGradient`] of the step about to be recorded: its gradient of
    /// `leaf` holds `value` while its `loss` is finite.
    pub(crate) fn gradient_error(&self, loss: f64, leaf: String, value: f64) -> Error {
        Error::NonFiniteGradient { epoch: self.epoch, batch: self.step_in_epoch, step: self.steps, leaf, value, loss }
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
    /// step.
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
    fn progress_keeps_the_running_loss_of_each_epoch() {
        let mut progress = Progress::new(2, 3).quiet(true);
        for loss in [1.0, 2.0, 3.0] {
            progress.step(loss).unwrap();
        }
        assert_eq!((progress.epoch_loss(), progress.steps(), progress.epoch()), (2.0, 3, 0));
        progress.finish_epoch("done");
        progress.step(5.0f32).unwrap();
        assert_eq!((progress.epoch_loss(), progress.steps(), progress.epoch()), (5.0, 4, 1));
        assert_eq!(progress.message(), "epoch 2/2 · step 1/3 · loss 5.0000");
    }

    #[test]
    fn a_non_finite_loss_names_epoch_batch_and_step_and_is_not_recorded() {
        let mut progress = Progress::new(3, 4).quiet(true);
        for _ in 0..4 {
            progress.step(1.0).unwrap();
        }
        progress.finish_epoch("");
        progress.step(2.0).unwrap();
        let err = progress.step(f32::INFINITY).unwrap_err();
        assert!(matches!(err, Error::NonFinite { epoch: 1, batch: 1, step: 5, .. }), "{err}");
        assert!(err.to_string().starts_with("the loss became inf at epoch 2, batch 2 (step 5)"), "{err}");
        assert_eq!((progress.epoch_loss(), progress.steps()), (2.0, 5));
    }
}
