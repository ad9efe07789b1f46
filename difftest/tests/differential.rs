//! Compiles the batch of generated programs (`$OUT_DIR/programs.rs`, written by `build.rs`)
//! through `#[differentiable]` and checks every function's gradient, tangent and
//! Hessian-vector product against the dual-number and hyper-dual oracles at random points.

use backprop_difftest::check;
use std::time::Instant;

/// Generated code: unused variables, needless `mut`s and parentheses are the generator's
/// style, not something to lint.
#[cfg(not(clippy))]
#[allow(unused, clippy::all)]
mod programs {
    include!(concat!(env!("OUT_DIR"), "/programs.rs"));
}

/// Clippy does not see the batch: it is generated code that `cargo test` compiles and runs
/// anyway, and type-checking its thousand functions again took CI five of its minutes.
#[cfg(clippy)]
mod programs {
    pub const SEED: u64 = 0;
    pub const FIRST: usize = 0;
    pub const PROGRAMS: usize = 0;
    pub static CASES: &[backprop_difftest::check::Case] = &[];
}

/// Failures printed with their whole source; the rest are counted.
const SHOWN: usize = 10;

fn points() -> usize {
    std::env::var("BACKPROP_DIFFTEST_POINTS").ok().and_then(|v| v.parse().ok()).unwrap_or(4)
}

fn main() {
    let start = Instant::now();
    check::quiet_panics();
    let report = check::run(programs::CASES, points());
    for f in report.failures.iter().take(SHOWN) {
        eprintln!("{}", f.describe(programs::SEED));
    }
    // The rest in one line each: enough to sort them by kind.
    for f in report.failures.iter().skip(SHOWN) {
        eprintln!("program {} `{}`: {}", f.case.program, f.case.function, f.problems.join("; "));
    }
    let mut failed: Vec<usize> = report.failures.iter().map(|f| f.case.program).collect();
    failed.dedup();
    println!(
        "difftest: seed {}, programs {}..{} ({} functions, {} with a float result): {} points checked \
         (_grad/_vjp and _jvp), {} of them with _hvp; {} skipped near a kink, {} skipped out of range, \
         {} not checked with _hvp (second order out of range); {} failing points in programs {:?} ({:.1?})",
        programs::SEED,
        programs::FIRST,
        programs::FIRST + programs::PROGRAMS,
        report.functions,
        report.scalar_functions,
        report.points,
        report.hvp_points,
        report.skipped_kink,
        report.skipped_range,
        report.skipped_hvp_range,
        report.failures.len(),
        failed,
        start.elapsed()
    );
    if !report.failures.is_empty() {
        std::process::exit(1);
    }
}
