//! Runs each generated function at random points and compares what the macro wrote
//! (`f_grad`, `f_vjp`) with the dual-number oracle.
//!
//! At each point: the primal value of `f` must equal the oracle's value exactly (the oracle
//! performs the same `f64` operations); `f_grad`'s value must equal `f`'s exactly (the
//! contract: the same operations in the same order); every gradient entry must match the
//! oracle's directional derivative to [`REL_TOL`]; `f_vjp`'s pullback at seed [`VJP_SEED`]
//! must match the gradient scaled by the seed. Points where a tiny perturbation could cross a
//! kink or branch, or where values leave a sane range, are skipped and counted.

use crate::dual::{self, Dual};
use crate::generator::INT_PARAM_MAX;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::fmt::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Relative tolerance of a gradient entry against the oracle.
pub const REL_TOL: f64 = 1e-9;
/// Allowance for rounding of sums whose terms cancel, relative to the sum of their absolute
/// values (the oracle's `m`): ~1000 operations' worth of `ε`, far below any wrong term.
pub const CANCEL_TOL: f64 = 1e-11;
/// The absolute floor of the tolerance.
pub const ABS_TOL: f64 = 1e-14;
/// The pullback's seed: a power of two, so `seed · gradient` is exact.
pub const VJP_SEED: f64 = 0.75;
/// Magnitude beyond which a point is treated as out of range (skipped, not compared).
const RANGE: f64 = 1e12;

/// A value and a gradient flattened in parameter order, as the adapters return them.
pub type ValueAndGradient = (f64, Vec<f64>);

/// One generated function with its adapters (flat float inputs, integer inputs).
pub struct Case {
    /// Index of the program in its batch.
    pub program: usize,
    /// The program's own seed.
    pub seed: u64,
    pub function: &'static str,
    /// The whole program's source, as the macro saw it.
    pub source: &'static str,
    /// Number of float inputs, slices flattened.
    pub floats: usize,
    /// Number of integer inputs.
    pub ints: usize,
    pub primal: fn(&[f64], &[usize]) -> f64,
    pub grad: fn(&[f64], &[usize]) -> ValueAndGradient,
    pub vjp: fn(&[f64], &[usize], f64) -> ValueAndGradient,
    pub dual: fn(&[Dual], &[usize]) -> Dual,
}

/// A point where the macro's output disagreed with the oracle.
pub struct Failure {
    pub case: &'static Case,
    pub x: Vec<f64>,
    pub n: Vec<usize>,
    pub problems: Vec<String>,
}

/// Totals over a run.
#[derive(Default)]
pub struct Report {
    pub functions: usize,
    pub points: usize,
    /// Points within a perturbation of a kink or branch.
    pub skipped_kink: usize,
    /// Points where a value or derivative was not finite or beyond [`RANGE`].
    pub skipped_range: usize,
    pub failures: Vec<Failure>,
}

/// The oracle's result at one point: the value and, per input, `d` and `m`.
struct Oracle {
    value: f64,
    d: Vec<f64>,
    m: Vec<f64>,
    near_kink: bool,
    /// A local derivative was not finite on the way (see [`dual::overflowed`]).
    overflowed: bool,
}

/// Checks every case at `points` random points each.
pub fn run(cases: &'static [Case], points: usize) -> Report {
    let mut report = Report::default();
    for case in cases {
        report.functions += 1;
        let mut rng = StdRng::seed_from_u64(case.seed ^ name_hash(case.function));
        for _ in 0..points {
            let x: Vec<f64> = (0..case.floats).map(|_| rng.random_range(-2.0..2.0)).collect();
            let n: Vec<usize> = (0..case.ints).map(|_| rng.random_range(0..=INT_PARAM_MAX)).collect();
            check_point(case, x, n, &mut report);
        }
    }
    report
}

fn name_hash(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

fn check_point(case: &'static Case, x: Vec<f64>, n: Vec<usize>, report: &mut Report) {
    let mut problems = Vec::new();
    match evaluate(case, &x, &n) {
        Err(p) => problems.push(p),
        Ok(None) => return,
        Ok(Some(oracle)) if oracle.near_kink => report.skipped_kink += 1,
        Ok(Some(oracle)) if !in_range(&oracle) => report.skipped_range += 1,
        Ok(Some(oracle)) => {
            report.points += 1;
            compare(case, &x, &n, &oracle, &mut problems);
        }
    }
    if !problems.is_empty() {
        report.failures.push(Failure { case, x, n, problems });
    }
}

fn in_range(o: &Oracle) -> bool {
    let ok = |v: f64| v.is_finite() && v.abs() < RANGE;
    !o.overflowed && ok(o.value) && o.d.iter().chain(&o.m).all(|&v| ok(v))
}

/// The primal value and one dual pass per input; `Err` if the primal panics or differs from
/// the oracle's value.
fn evaluate(case: &Case, x: &[f64], n: &[usize]) -> Result<Option<Oracle>, String> {
    let primal = catch_unwind(|| (case.primal)(x, n)).map_err(|e| format!("`f` panicked: {}", panic_text(&e)))?;
    let mut oracle = Oracle { value: primal, d: Vec::new(), m: Vec::new(), near_kink: false, overflowed: false };
    for j in 0..case.floats {
        let xs: Vec<Dual> =
            x.iter().enumerate().map(|(i, &v)| if i == j { Dual::seed(v) } else { Dual::c(v) }).collect();
        dual::reset_kinks();
        let r = (case.dual)(&xs, n);
        oracle.near_kink |= dual::near_kink();
        oracle.overflowed |= dual::overflowed();
        if r.v.to_bits() != primal.to_bits() && !(r.v.is_nan() && primal.is_nan()) && r.v != primal {
            return Err(format!("oracle value {} differs from `f` {primal} (a bug in the oracle or generator)", r.v));
        }
        oracle.d.push(r.d);
        oracle.m.push(r.m);
    }
    Ok(Some(oracle))
}

fn tolerance(got: f64, want: f64, m: f64) -> f64 {
    REL_TOL * got.abs().max(want.abs()) + CANCEL_TOL * m + ABS_TOL
}

fn compare(case: &Case, x: &[f64], n: &[usize], oracle: &Oracle, problems: &mut Vec<String>) {
    match catch_unwind(AssertUnwindSafe(|| (case.grad)(x, n))) {
        Err(e) => problems.push(format!("`_grad` panicked: {}", panic_text(&e))),
        Ok((value, g)) => compare_gradient("_grad", value, &g, 1.0, oracle, problems),
    }
    match catch_unwind(AssertUnwindSafe(|| (case.vjp)(x, n, VJP_SEED))) {
        Err(e) => problems.push(format!("`_vjp` panicked: {}", panic_text(&e))),
        Ok((value, g)) => compare_gradient("_vjp", value, &g, VJP_SEED, oracle, problems),
    }
}

/// Compares a value and gradient (scaled by `seed`) with the oracle, entry by entry.
fn compare_gradient(what: &str, value: f64, g: &[f64], seed: f64, oracle: &Oracle, problems: &mut Vec<String>) {
    if value != oracle.value && !(value.is_nan() && oracle.value.is_nan()) {
        problems.push(format!("`{what}` value {value:e}, `f` returns {:e}", oracle.value));
    }
    if g.len() != oracle.d.len() {
        problems.push(format!("`{what}` gradient has {} entries, expected {}", g.len(), oracle.d.len()));
        return;
    }
    for (j, &got) in g.iter().enumerate() {
        let (want, m) = (seed * oracle.d[j], seed * oracle.m[j]);
        let tol = tolerance(got, want, m);
        // Written so that a NaN on either side fails.
        let close = (got - want).abs() <= tol;
        if !close {
            problems.push(format!(
                "`{what}` entry {j}: {got:e}, oracle {want:e} (difference {:e}, tolerance {tol:e})",
                got - want
            ));
        }
    }
}

thread_local! {
    static LAST_PANIC: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Replaces the panic hook's report (and backtrace) by a note kept for [`Failure`]: a panic
/// in a generated function is a finding, reported with its program.
pub fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| LAST_PANIC.with(|p| *p.borrow_mut() = info.to_string())));
}

/// The message and location of the last panic (if [`quiet_panics`] is on), else its payload.
fn panic_text(e: &Box<dyn std::any::Any + Send>) -> String {
    let noted = LAST_PANIC.with(|p| std::mem::take(&mut *p.borrow_mut()));
    if !noted.is_empty() {
        return noted;
    }
    e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()
}

impl Failure {
    /// The failure with what is needed to reproduce it: the program's seed and index, the
    /// point, each mismatch, and the program's source.
    pub fn describe(&self, batch_seed: u64) -> String {
        let c = self.case;
        let mut out = String::new();
        let _ = writeln!(out, "program {} (seed {:#x}), function `{}`", c.program, c.seed, c.function);
        let _ = writeln!(
            out,
            "  reproduce: BACKPROP_DIFFTEST_SEED={batch_seed} BACKPROP_DIFFTEST_FIRST={} BACKPROP_DIFFTEST_PROGRAMS=1 \
             cargo test -p backprop-difftest",
            c.program
        );
        let _ = writeln!(out, "  floats (slices flattened, in parameter order): {:?}", self.x);
        let _ = writeln!(out, "  integers: {:?}", self.n);
        for p in &self.problems {
            let _ = writeln!(out, "  {p}");
        }
        let _ = writeln!(out, "--- source ---\n{}--------------", c.source);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerance_fails_a_wrong_term_but_not_rounding() {
        // d = 1 - (1 - 1e-6): cancellation leaves 1e-6 with terms of size ~2.
        let (want, m) = (1e-6, 2.0);
        assert!((1e-6 + 1e-15f64 - want).abs() <= tolerance(1e-6 + 1e-15, want, m));
        assert!((2e-6f64 - want).abs() > tolerance(2e-6, want, m), "a doubled term must fail");
        assert!((1.0f64 + 1e-8 - 1.0).abs() > tolerance(1.0 + 1e-8, 1.0, 1.0));
    }
}
