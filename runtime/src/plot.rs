//! Charts of a training run, written as SVG (viewable in any browser, no fonts or native
//! libraries needed).
//!
//! [`history`] draws the loss per epoch (training, and test when recorded) and, when the run
//! measured accuracies (classification), the training and test accuracy in percent below it.
//! A loss that spans more than one and a half orders of magnitude is drawn on a logarithmic
//! scale, labelled at powers of ten; tick labels switch to scientific notation for very large
//! or small values; epochs whose loss is NaN or infinite break the line and are listed in the
//! panel's title.
//!
//! ```
//! use backprop::{plot, train::{EpochStats, History}};
//!
//! let mut history = History::default();
//! for (loss, accuracy) in [(1.2, 0.61), (0.6, 0.83), (0.4, 0.90)] {
//!     history.record_epoch(EpochStats {
//!         train_loss: loss,
//!         train_accuracy: Some(accuracy),
//!         test_accuracy: Some(accuracy - 0.02),
//!         test_loss: None,
//!         seconds: 0.5,
//!     });
//! }
//! let path = std::env::temp_dir().join("backprop-doc-history.svg");
//! plot::history(&history, &path)?;
//! assert!(std::fs::read_to_string(&path).unwrap().contains("test accuracy"));
//! # std::fs::remove_file(&path).ok();
//! # Ok::<(), backprop::Error>(())
//! ```

use crate::error::{Access, Error, Result};
use crate::train::History;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::ops::Range;
use std::path::Path;

/// Chart size in pixels.
const SIZE: (u32, u32) = (900, 700);

/// A loss whose largest and smallest values differ by more than this factor (one and a half
/// orders of magnitude) is drawn on a logarithmic scale.
const LOG_SCALE_SPAN: f64 = 30.0;

/// Writes an SVG chart of the loss (and accuracies, when measured) of each epoch to `path`,
/// replacing the file atomically.
///
/// # Errors
/// [`Error::Io`] naming `path` when the file cannot be written (or, with the plotting
/// library's message as its source, when the chart cannot be drawn).
pub fn history(history: &History, path: impl AsRef<Path>) -> Result<()> {
    let path = path.as_ref();
    let svg = render(history).map_err(|message| Error::Io {
        path: path.to_path_buf(),
        access: Access::Write,
        source: std::io::Error::other(message),
    })?;
    crate::atomic::write(path, svg.as_bytes())
}

/// One line of a panel: its values at epochs 1, 2, …, `None` where not measured.
struct Series {
    label: &'static str,
    color: RGBColor,
    values: Vec<Option<f64>>,
}

impl Series {
    fn new(label: &'static str, color: RGBColor, values: impl Iterator<Item = Option<f64>>) -> Series {
        Series { label, color, values: values.collect() }
    }

    /// The runs of consecutive finite values, as (epoch, value) points: a NaN or an
    /// unmeasured epoch breaks the line.
    fn segments(&self, y: impl Fn(f64) -> f64) -> Vec<Vec<(u32, f64)>> {
        let mut segments = vec![Vec::new()];
        for (epoch, value) in (1..).zip(&self.values) {
            match value.filter(|v| v.is_finite()) {
                Some(v) => segments.last_mut().map_or((), |s| s.push((epoch, y(v)))),
                None if segments.last().is_some_and(|s| !s.is_empty()) => segments.push(Vec::new()),
                None => {}
            }
        }
        segments.retain(|s| !s.is_empty());
        segments
    }

    /// The finite values.
    fn finite(&self) -> impl Iterator<Item = f64> + '_ {
        self.values.iter().flatten().copied().filter(|v| v.is_finite())
    }

    /// The epochs (1-based) whose value was measured and is NaN or infinite.
    fn non_finite_epochs(&self) -> impl Iterator<Item = usize> + '_ {
        self.values.iter().enumerate().filter(|(_, v)| v.is_some_and(|v| !v.is_finite())).map(|(i, _)| i + 1)
    }
}

/// The vertical axis of a panel: its range in plotted units, and how to label them.
struct Axis {
    label: &'static str,
    range: Range<f64>,
    /// Plotted units are `log10` of the values.
    log: bool,
}

impl Axis {
    /// An axis for `values` (all finite): logarithmic when they are positive and span more
    /// than [`LOG_SCALE_SPAN`], else linear from 0 (or below, for negative values).
    fn for_losses(values: &[f64]) -> Axis {
        let (lo, hi) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)));
        if values.is_empty() {
            return Axis { label: "loss", range: 0.0..1.0, log: false };
        }
        if lo > 0.0 && hi / lo > LOG_SCALE_SPAN {
            let (lo, hi) = (lo.log10(), hi.log10());
            let margin = 0.05 * (hi - lo);
            return Axis { label: "loss (log scale)", range: lo - margin..hi + margin, log: true };
        }
        let (lo, hi) = (lo.min(0.0), hi.max(0.0));
        let top = if hi > lo { hi + 0.05 * (hi - lo) } else { lo + 1.0 };
        Axis { label: "loss", range: lo..top.min(f64::MAX), log: false }
    }

    /// The plotted coordinate of a value.
    fn to_plot(&self, v: f64) -> f64 {
        if self.log { v.log10() } else { v }
    }

    /// The label of a tick at plotted coordinate `v`: on a log scale, only powers of ten are
    /// labelled (the ticks between them keep their grid line).
    fn tick(&self, v: f64) -> String {
        if !self.log {
            return tick_label(v);
        }
        let decade = v.round();
        if (v - decade).abs() < 1e-9 { tick_label(10f64.powf(decade)) } else { String::new() }
    }
}

/// A tick label of at most 8 characters: 3 significant digits, in scientific notation for
/// values of 10,000 and above or below 0.001.
fn tick_label(v: f64) -> String {
    let magnitude = v.abs();
    if magnitude == 0.0 {
        return "0".to_string();
    }
    if !(1e-3..1e4).contains(&magnitude) {
        return format!("{v:.1e}");
    }
    let decimals = (2 - magnitude.log10().floor() as i32).clamp(0, 3) as usize;
    format!("{v:.decimals$}")
}

/// The SVG text of the chart, or the plotting library's error.
fn render(history: &History) -> std::result::Result<String, String> {
    let epochs = &history.epochs;
    let losses = [
        Series::new("train loss", BLUE, epochs.iter().map(|e| Some(e.train_loss))),
        Series::new("test loss", RED, epochs.iter().map(|e| e.test_loss)),
    ];
    let accuracies = [
        Series::new("train accuracy", BLUE, epochs.iter().map(|e| e.train_accuracy.map(|a| 100.0 * a))),
        Series::new("test accuracy", RED, epochs.iter().map(|e| e.test_accuracy.map(|a| 100.0 * a))),
    ];
    let last_epoch = u32::try_from(epochs.len()).unwrap_or(u32::MAX).max(2);
    let finite: Vec<f64> = losses.iter().flat_map(Series::finite).collect();
    let loss_axis = Axis::for_losses(&finite);
    let accuracy_axis = Axis { label: "accuracy (%)", range: 0.0..100.0, log: false };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let title = loss_title(&losses);
        // Losses fall and accuracies rise: each legend goes where its lines are not.
        if history.has_accuracy() {
            let (upper, lower) = root.split_vertically(SIZE.1 / 2);
            panel(&upper, &title, &loss_axis, &losses, last_epoch, SeriesLabelPosition::UpperRight)
                .map_err(|e| e.to_string())?;
            panel(&lower, "Accuracy", &accuracy_axis, &accuracies, last_epoch, SeriesLabelPosition::LowerRight)
                .map_err(|e| e.to_string())?;
        } else {
            panel(&root, &title, &loss_axis, &losses, last_epoch, SeriesLabelPosition::UpperRight)
                .map_err(|e| e.to_string())?;
        }
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// `Loss`, and the epochs whose loss is not finite: `Loss (not finite: epochs 7, 8, 9)`.
fn loss_title(losses: &[Series]) -> String {
    let mut epochs: Vec<usize> = losses.iter().flat_map(Series::non_finite_epochs).collect();
    epochs.sort_unstable();
    epochs.dedup();
    if epochs.is_empty() {
        return "Loss".to_string();
    }
    let shown: Vec<String> = epochs.iter().take(6).map(usize::to_string).collect();
    let more = if epochs.len() > shown.len() { ", …" } else { "" };
    format!("Loss (not finite: epoch{} {}{more})", if epochs.len() > 1 { "s" } else { "" }, shown.join(", "))
}

/// Draws one panel: axes over epochs `1..=last_epoch` and `y`, a line per series (broken
/// where values are missing or not finite) with a dot per epoch (up to 60 epochs), and a
/// legend at `legend`.
fn panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    y: &Axis,
    series: &[Series],
    last_epoch: u32,
    legend: SeriesLabelPosition,
) -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let mut chart = ChartBuilder::on(area)
        .caption(title, ("sans-serif", 24))
        .margin(14)
        .x_label_area_size(48)
        .y_label_area_size(76)
        .build_cartesian_2d(1..last_epoch, y.range.clone())?;
    chart
        .configure_mesh()
        .x_desc("epoch")
        .y_desc(y.label)
        .x_labels(last_epoch.min(12) as usize)
        .y_labels(8)
        .y_label_formatter(&|v| y.tick(*v))
        .label_style(("sans-serif", 15))
        .axis_desc_style(("sans-serif", 16))
        .draw()?;
    // A dot per epoch, while the dots stay apart.
    let dot = if last_epoch <= 60 { 3 } else { 0 };
    for s in series {
        let color = s.color;
        let mut labelled = false;
        for segment in s.segments(|v| y.to_plot(v)) {
            let line = chart.draw_series(LineSeries::new(segment, color.stroke_width(2)).point_size(dot))?;
            if !labelled {
                line.label(s.label)
                    .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], color.stroke_width(2)));
                labelled = true;
            }
        }
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
    use crate::scratch::Scratch;
    use crate::train::EpochStats;

    fn run(epochs: usize) -> History {
        let mut history = History::default();
        for i in 0..epochs {
            let x = i as f64;
            let stats = EpochStats {
                train_loss: 2.0 / (1.0 + x),
                train_accuracy: Some(0.5 + 0.04 * x),
                test_accuracy: Some(0.45 + 0.04 * x),
                test_loss: Some(2.2 / (1.0 + x)),
                seconds: 0.1,
            };
            history.record_epoch(stats);
        }
        history
    }

    fn regression(losses: &[f64]) -> History {
        let epochs = losses
            .iter()
            .map(|&l| EpochStats {
                train_loss: l,
                train_accuracy: None,
                test_accuracy: None,
                test_loss: Some(1.1 * l),
                seconds: 0.1,
            })
            .collect();
        History { epochs }
    }

    /// The chart of `history`, through a file as users get it.
    fn svg_of(history: &History) -> String {
        let scratch = Scratch::new("plot");
        let path = scratch.path("history.svg");
        super::history(history, &path).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"), "{}", &svg[..100]);
        svg
    }

    /// The texts of the chart (titles, tick labels, legends).
    fn texts(svg: &str) -> Vec<String> {
        let text = |t: &str| Some(t.split_once('>')?.1.split_once("</text>")?.0.trim().to_string());
        svg.split("<text").skip(1).filter_map(text).collect()
    }

    fn lines_of(svg: &str, color: &str) -> usize {
        svg.matches(&format!("<polyline fill=\"none\" opacity=\"1\" stroke=\"{color}\"")).count()
    }

    #[test]
    fn writes_an_svg_with_every_series_and_a_legend() {
        let svg = svg_of(&run(10));
        for text in ["train loss", "test loss", "train accuracy", "test accuracy", "epoch", "accuracy (%)"] {
            assert!(svg.contains(text), "no `{text}` in the chart");
        }
        // Per colour: a train (blue) or test (red) line in each panel and its legend mark,
        // and a dot per epoch on each line.
        for color in ["#0000FF", "#FF0000"] {
            assert_eq!(lines_of(&svg, color), 4);
        }
        assert_eq!(svg.matches("<circle").count(), 40);
        assert!(texts(&svg).iter().any(|t| t == "Loss"));
    }

    #[test]
    fn a_regression_run_has_no_accuracy_panel() {
        let svg = svg_of(&regression(&[0.9, 0.5, 0.4, 0.35]));
        assert!(!svg.contains("accuracy"), "a run without accuracy drew an accuracy panel");
        assert!(svg.contains("train loss") && svg.contains("test loss"));
        assert_eq!(svg.matches("<circle").count(), 8);
    }

    #[test]
    fn losses_over_orders_of_magnitude_get_a_log_scale_and_short_labels() {
        let svg = svg_of(&regression(&[3e30, 1e12, 5e4, 20.0, 0.3, 0.002]));
        assert!(svg.contains("loss (log scale)"));
        let labels: Vec<String> = texts(&svg).into_iter().filter(|t| t.parse::<f64>().is_ok()).collect();
        assert!(labels.iter().any(|t| t.contains("e30") || t.contains("e29") || t.contains("e28")), "{labels:?}");
        assert!(labels.iter().all(|t| t.len() <= 8), "a tick label too long to fit: {labels:?}");
        let linear = svg_of(&regression(&[2.0, 1.0, 0.1]));
        assert!(!linear.contains("log scale"));
        let decades = svg_of(&regression(&[1.0, 0.1, 0.01]));
        let labels: Vec<String> = texts(&decades).into_iter().filter(|t| t.parse::<f64>().is_ok()).collect();
        let powers_of_ten = ["1.00", "0.100", "0.010"].map(String::from);
        assert!(powers_of_ten.iter().all(|p| labels.contains(p)), "{labels:?}");
    }

    #[test]
    fn huge_losses_on_a_linear_scale_get_short_labels() {
        let svg = svg_of(&regression(&[4e37, 3e37, 1e37]));
        let labels: Vec<String> = texts(&svg).into_iter().filter(|t| t.parse::<f64>().is_ok()).collect();
        assert!(labels.len() > 2 && labels.iter().all(|t| t.len() <= 8), "{labels:?}");
    }

    #[test]
    fn nan_epochs_break_the_line_and_are_named() {
        let mut diverged = run(6);
        diverged.epochs[2].train_loss = f64::NAN;
        diverged.epochs[3].train_loss = f64::INFINITY;
        diverged.epochs[1].test_loss = None;
        let svg = svg_of(&diverged);
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "a non-finite value reached the chart");
        assert!(texts(&svg).iter().any(|t| t == "Loss (not finite: epochs 3, 4)"), "{:?}", texts(&svg));
        // The train loss in two pieces (epochs 1–2, 5–6) and the test loss in two (1, 3–6).
        assert_eq!(lines_of(&svg, "#0000FF"), 2 + 1 + 2);
        assert_eq!(lines_of(&svg, "#FF0000"), 2 + 1 + 2);
    }

    #[test]
    fn an_empty_history_still_plots() {
        let svg = svg_of(&History::default());
        assert!(svg.contains("Loss"));
        let all_nan = svg_of(&regression(&[f64::NAN, f64::NAN]));
        assert!(all_nan.contains("not finite: epochs 1, 2"));
    }

    #[test]
    fn tick_labels_stay_short() {
        assert_eq!(tick_label(0.0), "0");
        assert_eq!(tick_label(0.25), "0.250");
        assert_eq!(tick_label(2.5), "2.50");
        assert_eq!(tick_label(1234.0), "1234");
        assert_eq!(tick_label(12345.0), "1.2e4");
        assert_eq!(tick_label(-3e-7), "-3.0e-7");
        assert_eq!(tick_label(f64::MAX), "1.8e308");
    }

    #[test]
    fn an_unwritable_path_is_an_io_error_naming_it() {
        let scratch = Scratch::new("plot");
        std::fs::write(scratch.path("file"), b"").unwrap();
        let path = scratch.path("file/history.svg");
        let err = history(&run(2), &path).unwrap_err();
        assert!(matches!(err, Error::Io { .. }), "{err}");
        assert!(err.to_string().starts_with(&format!("cannot write {}: ", path.display())), "{err}");
    }
}
