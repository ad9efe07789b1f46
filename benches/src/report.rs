//! Reading criterion's medians back and printing ratios measured in the same run.

use std::path::{Path, PathBuf};

/// Where criterion wrote its results for this run.
pub fn criterion_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("CRITERION_HOME") {
        return PathBuf::from(dir);
    }
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("target"));
    target.join("criterion")
}

/// The median time in nanoseconds of benchmark `group/id`, if criterion recorded it.
pub fn median_ns(group: &str, id: &str) -> Option<f64> {
    let path = criterion_dir().join(group).join(id).join("new").join("estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["median"]["point_estimate"].as_f64()
}

/// One row of a ratio table: a function and the benchmark ids of its variants.
pub struct Row<'a> {
    /// Criterion group (one per function).
    pub group: &'a str,
    /// What the row measures, for the table.
    pub label: &'a str,
}

/// Prints, for each row, the medians of `primal`, `grad` and `hand` and the two ratios.
pub fn print_ratio_table(rows: &[Row<'_>]) {
    println!();
    println!(
        "| function | primal | generated gradient | hand-written gradient | gradient / primal | generated / hand-written |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for row in rows {
        let (Some(p), Some(g), Some(h)) =
            (median_ns(row.group, "primal"), median_ns(row.group, "grad"), median_ns(row.group, "hand"))
        else {
            println!("| {} | (not measured in this run) | | | | |", row.label);
            continue;
        };
        println!("| {} | {} | {} | {} | {:.2}x | {:.2}x |", row.label, time(p), time(g), time(h), g / p, g / h);
    }
}

/// Prints the ratios measured in alternation (see [`crate::alternate`]), one row per label.
pub fn print_alternated_ratios(rounds: usize, rows: &[(&str, crate::alternate::TrioRatios)]) {
    println!();
    println!("Measured in alternation ({rounds} rounds, median of the per-round ratios):");
    println!();
    println!("| function | gradient / primal | generated / hand-written |");
    println!("|---|---:|---:|");
    for (label, r) in rows {
        println!("| {label} | {:.2}x | {:.2}x |", r.grad_over_primal, r.grad_over_hand);
    }
}

/// Prints, for each row, the median step times of `backprop` (the generated gradient),
/// `hand` (the hand-written one) and `parallel` (the generated one across the threads), the
/// ratio of the first two and the parallel speed-up.
pub fn print_step_table(rows: &[Row<'_>]) {
    println!();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    println!(
        "| configuration | backprop step | hand-written step | backprop / hand-written | parallel step ({threads} threads) | speed-up |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for row in rows {
        let medians = ["backprop", "hand", "parallel"].map(|id| median_ns(row.group, id));
        let [Some(g), Some(h), Some(p)] = medians else {
            println!("| {} | (not measured in this run) | | | | |", row.label);
            continue;
        };
        println!("| {} | {} | {} | {:.2}x | {} | {:.2}x |", row.label, time(g), time(h), g / h, time(p), g / p);
    }
}

/// Prints the alternated measurements of the training step (see
/// [`crate::train_step::alternate`]), one row per configuration label.
pub fn print_alternated_table(rows: &[(String, crate::train_step::Alternated)]) {
    println!();
    println!(
        "| configuration | backprop step | hand-written step | backprop / hand-written (per round) | parallel step | speed-up (per round) |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for (label, a) in rows {
        let (g, h, p) = (time(a.backprop * 1e9), time(a.hand * 1e9), time(a.parallel * 1e9));
        println!("| {label} | {g} | {h} | {:.2}x | {p} | {:.2}x |", a.ratio, a.speedup);
    }
}

fn time(ns: f64) -> String {
    if ns < 1e3 {
        format!("{ns:.1} ns")
    } else if ns < 1e6 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{:.2} ms", ns / 1e6)
    }
}
