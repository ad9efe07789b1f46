//! Running a function as many times as an eval asks (the protocol's `Runs`) and parsing inputs.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::hint::black_box;
use std::time::Instant;

use crate::Evaluated;

/// The protocol's `Runs`: evaluate at least `min_runs` times and until the runs add up to at
/// least `min_seconds`.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Runs {
    /// Evaluate the function at least this many times.
    pub min_runs: u64,
    /// Evaluate until the total time is at least this many seconds.
    pub min_seconds: f64,
}

impl Default for Runs {
    fn default() -> Self {
        Runs { min_runs: 1, min_seconds: 0.0 }
    }
}

/// Parses an eval's input (with `serde`), naming the eval's type in the error.
pub fn parse<T: DeserializeOwned>(input: &Value) -> Result<T, String> {
    T::deserialize(input).map_err(|e| format!("bad input: {e}"))
}

/// Reads the `min_runs` / `min_seconds` of an input; an input without them runs once.
pub fn runs_of(input: &Value) -> Runs {
    Runs::deserialize(input).unwrap_or_default()
}

/// Runs `f` until both `runs.min_runs` runs and `runs.min_seconds` seconds have passed; returns
/// the last run's output (as JSON) and every run's time in nanoseconds. Only `f` itself is
/// timed, not the JSON encoding of its output.
pub fn repeat<T: serde::Serialize>(runs: Runs, mut f: impl FnMut() -> T) -> Evaluated {
    let mut timings = Vec::new();
    let mut total = 0.0;
    let mut output;
    loop {
        let start = Instant::now();
        output = black_box(f());
        let elapsed = start.elapsed();
        timings.push(elapsed.as_nanos());
        total += elapsed.as_secs_f64();
        if timings.len() as u64 >= runs.min_runs.max(1) && total >= runs.min_seconds {
            break;
        }
    }
    let output = serde_json::to_value(output).map_err(|e| format!("output not representable as JSON: {e}"))?;
    Ok((output, timings))
}
