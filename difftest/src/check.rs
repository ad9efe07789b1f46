//! Runs each generated function at random points and compares what the macro wrote
//! (`f_grad`, `f_vjp`) with the dual-number oracle.
//!
//! At each point: the primal result of `f` (flattened) must equal the oracle's value exactly
//! (the oracle performs the same operations in the same float type); the values `f_grad` and
//! `f_vjp` return must equal `f`'s exactly (the contract: the same operations in the same
//! order); `f_vjp`'s pullback at a random seed shaped like the result must give, for each
//! differentiated input, the oracle's directional derivative dotted with the seed; `f_grad`
//! (scalar results) the directional derivative itself. Points where a tiny perturbation could
//! cross a kink or branch, or where values leave a sane range, are skipped and counted.

use crate::dual;
use crate::generator::INT_PARAM_MAX;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::fmt::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// How close a gradient entry must be to the oracle's, for one float type.
#[derive(Clone, Copy, Debug)]
pub struct Tolerance {
    /// Relative to the larger of the two.
    pub rel: f64,
    /// Allowance for rounding of sums whose terms cancel, relative to the sum of their
    /// absolute values (the oracle's `m`): far below any wrong term.
    pub cancel: f64,
    /// The absolute floor.
    pub abs: f64,
}

/// `f64`: `rel` is ~4·10⁶ ε, `cancel` ~4·10⁴ ε (about a thousand operations' worth).
pub const F64_TOLERANCE: Tolerance = Tolerance { rel: 1e-9, cancel: 1e-11, abs: 1e-14 };
/// `f32`: the reverse sweep runs in `f32` (ε ≈ 1.2·10⁻⁷) while the oracle's derivatives are
/// `f64`, so the bounds are the same multiples of ε as far as that allows; a wrong term is
/// still off by a large fraction of the entry.
pub const F32_TOLERANCE: Tolerance = Tolerance { rel: 2e-3, cancel: 1e-3, abs: 1e-6 };
/// Magnitude beyond which a point is treated as out of range (skipped, not compared).
const RANGE: f64 = 1e12;

/// A value and a gradient flattened in parameter order, as the adapters return them.
pub type ValueAndGradient = (f64, Vec<f64>);
/// `f_grad` on flat inputs (floats, integers).
pub type GradFn = fn(&[f64], &[usize]) -> ValueAndGradient;
/// `f_vjp` on flat inputs, its pullback applied to a flat seed: the result and the gradient.
pub type VjpFn = fn(&[f64], &[usize], &[f64]) -> (Vec<f64>, Vec<f64>);
/// The oracle on flat inputs along one input direction: `[v, d, m, r]` per result leaf.
pub type DualFn = fn(&[f64], &[usize], usize) -> Vec<[f64; 4]>;

/// One generated function with its adapters (flat float inputs, integer inputs).
pub struct Case {
    /// Index of the program in its batch.
    pub program: usize,
    /// The program's own seed.
    pub seed: u64,
    pub function: &'static str,
    /// The whole program's source, as the macro saw it.
    pub source: &'static str,
    /// Number of float inputs, every collection and struct flattened, receiver first.
    pub floats: usize,
    /// Number of integer inputs.
    pub ints: usize,
    /// An `f32` program: inputs and seeds are rounded to `f32`.
    pub single: bool,
    /// Number of float leaves of the result.
    pub outputs: usize,
    /// The inputs differentiated (`wrt`), as indices into the flat inputs, in gradient order.
    pub wrt: &'static [usize],
    pub primal: fn(&[f64], &[usize]) -> Vec<f64>,
    /// `f_grad`, for a scalar result.
    pub grad: Option<GradFn>,
    /// `f_vjp` with its pullback applied to a flat seed: the result and the gradient.
    pub vjp: VjpFn,
    /// The oracle along one flat input direction: `[v, d, m, r]` per result leaf.
    pub dual: DualFn,
}

impl Case {
    fn tolerance(&self) -> Tolerance {
        if self.single { F32_TOLERANCE } else { F64_TOLERANCE }
    }
}

/// A point where the macro's output disagreed with the oracle.
pub struct Failure {
    pub case: &'static Case,
    pub x: Vec<f64>,
    pub n: Vec<usize>,
    pub seed: Vec<f64>,
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

/// The oracle's result at one point: the result's leaves and, per differentiated input, the
/// directional derivative of every leaf with its `m` and `r`.
struct Oracle {
    value: Vec<f64>,
    /// `[v, d, m, r]` per leaf, one list per differentiated input.
    directions: Vec<Vec<[f64; 4]>>,
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
        let round = |v: f64| if case.single { f64::from(v as f32) } else { v };
        for _ in 0..points {
            let x: Vec<f64> = (0..case.floats).map(|_| round(rng.random_range(-2.0..2.0))).collect();
            let n: Vec<usize> = (0..case.ints).map(|_| rng.random_range(0..=INT_PARAM_MAX)).collect();
            let seed: Vec<f64> = (0..case.outputs).map(|_| round(rng.random_range(-1.0..1.0))).collect();
            check_point(case, Failure { case, x, n, seed, problems: Vec::new() }, &mut report);
        }
    }
    report
}

fn name_hash(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

fn check_point(case: &'static Case, mut point: Failure, report: &mut Report) {
    match evaluate(case, &point.x, &point.n) {
        Err(p) => point.problems.push(p),
        Ok(oracle) if oracle.near_kink => report.skipped_kink += 1,
        Ok(oracle) if !in_range(&oracle) => report.skipped_range += 1,
        Ok(oracle) => {
            report.points += 1;
            compare(case, &point.x, &point.n, &point.seed, &oracle, &mut point.problems);
        }
    }
    if !point.problems.is_empty() {
        report.failures.push(point);
    }
}

fn in_range(o: &Oracle) -> bool {
    let ok = |v: f64| v.is_finite() && v.abs() < RANGE;
    !o.overflowed && o.value.iter().all(|&v| ok(v)) && o.directions.iter().flatten().all(|p| p.iter().all(|&v| ok(v)))
}

fn same(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan())
}

/// The primal value and one dual pass per differentiated input; `Err` if the primal panics
/// or differs from the oracle's value.
fn evaluate(case: &Case, x: &[f64], n: &[usize]) -> Result<Oracle, String> {
    let value = catch_unwind(|| (case.primal)(x, n)).map_err(|e| format!("`f` panicked: {}", panic_text(&e)))?;
    let mut oracle = Oracle { value, directions: Vec::new(), near_kink: false, overflowed: false };
    for &j in case.wrt {
        dual::reset_kinks();
        let r =
            catch_unwind(|| (case.dual)(x, n, j)).map_err(|e| format!("the oracle panicked: {}", panic_text(&e)))?;
        oracle.near_kink |= dual::near_kink();
        oracle.overflowed |= dual::overflowed();
        let values_match = r.len() == oracle.value.len() && r.iter().zip(&oracle.value).all(|(p, &v)| same(p[0], v));
        if !values_match {
            let got: Vec<f64> = r.iter().map(|p| p[0]).collect();
            return Err(format!(
                "oracle value {got:?} differs from `f` {:?} (a bug in the oracle or generator)",
                oracle.value
            ));
        }
        oracle.directions.push(r);
    }
    Ok(oracle)
}

fn tolerance(t: Tolerance, got: f64, want: f64, m: f64, r: f64) -> f64 {
    t.rel * got.abs().max(want.abs()) + t.cancel * m + 2.0 * r + t.abs
}

fn compare(case: &Case, x: &[f64], n: &[usize], seed: &[f64], oracle: &Oracle, problems: &mut Vec<String>) {
    if let Some(grad) = case.grad {
        match catch_unwind(AssertUnwindSafe(|| grad(x, n))) {
            Err(e) => problems.push(format!("`_grad` panicked: {}", panic_text(&e))),
            Ok((value, g)) => {
                compare_values("_grad", &[value], &oracle.value, problems);
                compare_gradient(case, "_grad", &g, &[1.0], oracle, problems);
            }
        }
    }
    match catch_unwind(AssertUnwindSafe(|| (case.vjp)(x, n, seed))) {
        Err(e) => problems.push(format!("`_vjp` panicked: {}", panic_text(&e))),
        Ok((value, g)) => {
            compare_values("_vjp", &value, &oracle.value, problems);
            compare_gradient(case, "_vjp", &g, seed, oracle, problems);
        }
    }
}

fn compare_values(what: &str, got: &[f64], want: &[f64], problems: &mut Vec<String>) {
    if got.len() != want.len() || got.iter().zip(want).any(|(&a, &b)| !same(a, b)) {
        problems.push(format!("`{what}` value {got:?}, `f` returns {want:?}"));
    }
}

/// Compares a gradient with the oracle's directional derivatives dotted with `seed`.
fn compare_gradient(case: &Case, what: &str, g: &[f64], seed: &[f64], oracle: &Oracle, problems: &mut Vec<String>) {
    if g.len() != oracle.directions.len() {
        problems.push(format!("`{what}` gradient has {} entries, expected {}", g.len(), oracle.directions.len()));
        return;
    }
    for (j, (&got, direction)) in g.iter().zip(&oracle.directions).enumerate() {
        let (mut want, mut m, mut r) = (0.0, 0.0, 0.0);
        for (w, p) in seed.iter().zip(direction) {
            want += w * p[1];
            m += w.abs() * p[2];
            r += w.abs() * p[3];
        }
        let tol = tolerance(case.tolerance(), got, want, m, r);
        // Written so that a NaN on either side fails.
        let close = (got - want).abs() <= tol;
        if !close {
            problems.push(format!(
                "`{what}` entry {j} (input {}): {got:e}, oracle {want:e} (difference {:e}, tolerance {tol:e})",
                case.wrt[j],
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
        let _ = writeln!(out, "  floats (flattened, receiver first, in parameter order): {:?}", self.x);
        let _ = writeln!(out, "  integers: {:?}", self.n);
        let _ = writeln!(out, "  pullback seed (flattened): {:?}", self.seed);
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
        let (want, m, t) = (1e-6, 2.0, F64_TOLERANCE);
        assert!((1e-6 + 1e-15f64 - want).abs() <= tolerance(t, 1e-6 + 1e-15, want, m, 0.0));
        assert!((2e-6f64 - want).abs() > tolerance(t, 2e-6, want, m, 0.0), "a doubled term must fail");
        assert!((1.0f64 + 1e-8 - 1.0).abs() > tolerance(t, 1.0 + 1e-8, 1.0, 1.0, 0.0));
        let t = F32_TOLERANCE;
        assert!((1.5f64 - 1.0).abs() > tolerance(t, 1.5, 1.0, 1.0, 0.0), "a wrong f32 term must fail");
    }
}
