//! Charts of a training run, written as SVG (viewable in any browser, no fonts or native
//! libraries needed).
//!
//! [`history`] draws two panels from a [`History`]: the loss per epoch on top (training, and
//! test when recorded), the training and test accuracy in percent below.
//!
//! ```
//! use backprop::{plot, train::{EpochStats, History}};
//!
//! let mut history = History::default();
//! for (loss, accuracy) in [(1.2, 0.61), (0.6, 0.83), (0.4, 0.90)] {
//!     let stats = EpochStats { train_loss: loss, train_accuracy: accuracy, test_accuracy: accuracy - 0.02, ..EpochStats::default() };
//!     history.record_epoch(stats);
//! }
//! let path = std::env::temp_dir().join("backprop-doc-history.svg");
//! plot::history(&history, &path)?;
//! assert!(std::fs::read_to_string(&path).unwrap().contains("test accuracy"));
//! # std::fs::remove_file(&path).ok();
//! # Ok::<(), backprop::Error>(())
//! ```

use crate::error::{Error, Result};
use crate::train::History;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::ops::Range;
use std::path::Path;

/// Chart size in pixels.
const SIZE: (u32, u32) = (900, 700);

/// Writes an SVG chart of the loss and the accuracies of each epoch to `path` (replacing the
/// file atomically). NaN and infinite values are left out of the lines.
///
/// # Errors
/// [`Error::Io`] naming `path` when the file cannot be written.
pub fn history(history: &History, path: impl AsRef<Path>) -> Result<()> {
    let path = path.as_ref();
    let svg = render(history)
        .map_err(|message| Error::Io { path: path.to_path_buf(), source: std::io::Error::other(message) })?;
    crate::checkpoint::write_atomically(path, svg.as_bytes())
}

/// One line of a panel.
struct Series {
    label: &'static str,
    color: RGBColor,
    points: Vec<(u32, f64)>,
}

impl Series {
    /// The finite values of `values`, at epochs 1, 2, ….
    fn new(label: &'static str, color: RGBColor, values: impl Iterator<Item = f64>) -> Series {
        let points = (1..).zip(values).filter(|(_, v)| v.is_finite()).collect();
        Series { label, color, points }
    }
}

/// The SVG text of the chart, or the plotting library's error.
fn render(history: &History) -> std::result::Result<String, String> {
    let epochs = history.epochs.iter();
    let losses = [
        Series::new("train loss", BLUE, epochs.clone().map(|e| e.train_loss)),
        Series::new("test loss", RED, epochs.clone().map(|e| e.test_loss.unwrap_or(f64::NAN))),
    ];
    let accuracies = [
        Series::new("train accuracy", BLUE, epochs.clone().map(|e| 100.0 * e.train_accuracy)),
        Series::new("test accuracy", RED, epochs.map(|e| 100.0 * e.test_accuracy)),
    ];
    let top = losses.iter().flat_map(|s| &s.points).map(|p| p.1).fold(0.0, f64::max);
    let last_epoch = u32::try_from(history.epochs.len()).unwrap_or(u32::MAX).max(2);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let (upper, lower) = root.split_vertically(SIZE.1 / 2);
        // Losses fall and accuracies rise: each legend goes where its lines are not.
        let loss_axis = Axis { label: "loss", range: 0.0..nice_top(top), decimals: 2 };
        let accuracy_axis = Axis { label: "accuracy (%)", range: 0.0..100.0, decimals: 0 };
        panel(&upper, "Loss", loss_axis, &losses, last_epoch, SeriesLabelPosition::UpperRight)
            .map_err(|e| e.to_string())?;
        panel(&lower, "Accuracy", accuracy_axis, &accuracies, last_epoch, SeriesLabelPosition::LowerRight)
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// The top of the loss axis: a little above the largest loss, 1 when there is none.
fn nice_top(largest: f64) -> f64 {
    if largest > 0.0 { largest * 1.05 } else { 1.0 }
}

/// The vertical axis of a panel.
struct Axis {
    label: &'static str,
    range: Range<f64>,
    /// Decimals of the tick labels (percentages need none).
    decimals: usize,
}

/// Draws one panel: axes over epochs `1..=last_epoch` and `y`, a line per series with a dot
/// per epoch, and a legend at `legend`.
fn panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    y: Axis,
    series: &[Series],
    last_epoch: u32,
    legend: SeriesLabelPosition,
) -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let mut chart = ChartBuilder::on(area)
        .caption(title, ("sans-serif", 24))
        .margin(14)
        .x_label_area_size(48)
        .y_label_area_size(68)
        .build_cartesian_2d(1..last_epoch, y.range.clone())?;
    chart
        .configure_mesh()
        .x_desc("epoch")
        .y_desc(y.label)
        .x_labels(last_epoch.min(12) as usize)
        .y_label_formatter(&|v| format!("{v:.*}", y.decimals))
        .label_style(("sans-serif", 15))
        .axis_desc_style(("sans-serif", 16))
        .draw()?;
    for s in series.iter().filter(|s| !s.points.is_empty()) {
        let color = s.color;
        chart
            .draw_series(LineSeries::new(s.points.iter().copied(), color.stroke_width(2)).point_size(3))?
            .label(s.label)
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], color.stroke_width(2)));
    }
    chart
        .configure_series_labels()
        .position(legend)
        .label_font(("sans-serif", 15))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .draw()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::scratch::Scratch;
    use crate::train::EpochStats;

    fn run(epochs: usize) -> History {
        let mut history = History::default();
        for i in 0..epochs {
            let x = i as f64;
            let stats = EpochStats {
                train_loss: 2.0 / (1.0 + x),
                train_accuracy: 0.5 + 0.04 * x,
                test_accuracy: 0.45 + 0.04 * x,
                test_loss: Some(2.2 / (1.0 + x)),
                seconds: 0.1,
            };
            history.record_epoch(stats);
        }
        history
    }

    #[test]
    fn writes_an_svg_with_every_series_and_a_legend() {
        let scratch = Scratch::new("plot");
        let path = scratch.path("history.svg");
        history(&run(10), &path).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"), "{}", &svg[..100]);
        for text in ["train loss", "test loss", "train accuracy", "test accuracy", "epoch", "accuracy (%)"] {
            assert!(svg.contains(text), "no `{text}` in the chart");
        }
        // Per colour: a train (blue) or test (red) line in each panel and its legend mark,
        // and a dot per epoch on each line.
        for color in ["#0000FF", "#FF0000"] {
            assert_eq!(svg.matches(&format!("<polyline fill=\"none\" opacity=\"1\" stroke=\"{color}\"")).count(), 4);
        }
        assert_eq!(svg.matches("<circle").count(), 40);
    }

    #[test]
    fn empty_history_and_nan_losses_still_plot() {
        let scratch = Scratch::new("plot");
        history(&History::default(), scratch.path("empty.svg")).unwrap();
        let mut diverged = run(3);
        diverged.epochs[2].train_loss = f64::NAN;
        diverged.epochs[1].test_loss = None;
        history(&diverged, scratch.path("nan.svg")).unwrap();
        let svg = std::fs::read_to_string(scratch.path("nan.svg")).unwrap();
        assert!(!svg.contains("NaN"));
    }

    #[test]
    fn an_unwritable_path_is_an_io_error_naming_it() {
        let scratch = Scratch::new("plot");
        std::fs::write(scratch.path("file"), b"").unwrap();
        let path = scratch.path("file/history.svg");
        let err = history(&run(2), &path).unwrap_err();
        assert!(matches!(err, Error::Io { .. }), "{err}");
        assert!(err.to_string().starts_with(&format!("{}: ", path.display())), "{err}");
    }
}
