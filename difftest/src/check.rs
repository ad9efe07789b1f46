//! Runs each generated function at random points and compares what the macro wrote
//! (`f_grad`, `f_vjp`, `f_jvp`, `f_hvp`) with the dual-number and hyper-dual oracles.
//!
//! At each point: the primal result of `f` (flattened) must equal the oracle's value exactly
//! (the oracle performs the same operations in the same float type); the values `f_grad`,
//! `f_vjp`, `f_jvp` and `f_hvp` return must equal `f`'s exactly (the contract: the same
//! operations in the same order); `f_vjp`'s pullback at a random seed shaped like the result
//! must give, for each differentiated input, the oracle's directional derivative dotted with
//! the seed; `f_grad` (scalar results) the directional derivative itself; `f_jvp` at a random
//! direction `u` (one tangent per differentiated parameter, shaped like it) the oracle's
//! derivative along `u`, leaf by leaf of the result; `f_hvp` (scalar results) at the same `u`
//! the gradient (as for `f_grad`) and the hyper-dual oracle's `H·u`. Points
//! where a tiny perturbation could cross a kink or branch, or where values leave a sane
//! range, are skipped and counted.

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
/// `f64` Hessian-vector products: the same multiples of ε as gradients. The hyper-dual
/// oracle's `m` bounds the second-order terms as the dual one's bounds the first-order ones.
pub const F64_HVP_TOLERANCE: Tolerance = F64_TOLERANCE;
/// `f32` Hessian-vector products: as gradients (see [`F32_TOLERANCE`]).
pub const F32_HVP_TOLERANCE: Tolerance = F32_TOLERANCE;
/// Magnitude beyond which a point is treated as out of range (skipped, not compared).
const RANGE: f64 = 1e12;

/// A value and a gradient flattened in parameter order, as the adapters return them.
pub type ValueAndGradient = (f64, Vec<f64>);
/// `f_grad` on flat inputs (floats, integers).
pub type GradFn = fn(&[f64], &[usize]) -> ValueAndGradient;
/// `f_vjp` on flat inputs, its pullback applied to a flat seed: the result and the gradient.
pub type VjpFn = fn(&[f64], &[usize], &[f64]) -> (Vec<f64>, Vec<f64>);
/// The oracle on flat inputs along a flat input direction (a unit vector for a gradient
/// entry, `u` for `_jvp`): `[v, d, m, r]` per result leaf.
pub type DualFn = fn(&[f64], &[usize], &[f64]) -> Vec<[f64; 4]>;
/// `f_jvp` on flat inputs and a flat direction: the result and its tangent, flattened.
pub type JvpFn = fn(&[f64], &[usize], &[f64]) -> (Vec<f64>, Vec<f64>);
/// `f_hvp` on flat inputs and a flat direction: the value, the gradient and `H·u`, flattened
/// in gradient order.
pub type HvpFn = fn(&[f64], &[usize], &[f64]) -> (f64, Vec<f64>, Vec<f64>);
/// The hyper-dual oracle of a scalar function on flat inputs, `ε₁` along input `j`, `ε₂`
/// along a flat direction: `Hyper::parts` of the result.
pub type HyperFn = fn(&[f64], &[usize], usize, &[f64]) -> [f64; 10];

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
    /// `f_jvp` at a flat direction: the result and its tangent.
    pub jvp: JvpFn,
    /// `f_hvp`, for a scalar result.
    pub hvp: Option<HvpFn>,
    /// The hyper-dual oracle, for a scalar result.
    pub hyper: Option<HyperFn>,
}

impl Case {
    fn tolerance(&self) -> Tolerance {
        if self.single { F32_TOLERANCE } else { F64_TOLERANCE }
    }

    fn hvp_tolerance(&self) -> Tolerance {
        if self.single { F32_HVP_TOLERANCE } else { F64_HVP_TOLERANCE }
    }
}

/// A point where the macro's output disagreed with the oracle.
pub struct Failure {
    pub case: &'static Case,
    pub x: Vec<f64>,
    pub n: Vec<usize>,
    pub seed: Vec<f64>,
    /// The direction of `_jvp` and `_hvp` (flattened; zero at inputs not differentiated).
    pub u: Vec<f64>,
    pub problems: Vec<String>,
}

/// Totals over a run.
#[derive(Default)]
pub struct Report {
    pub functions: usize,
    /// Functions with a float result (those with `_grad` and `_hvp`).
    pub scalar_functions: usize,
    /// Points where `_vjp` (and `_grad`) and `_jvp` were compared.
    pub points: usize,
    /// Of those, points of a scalar function where `_hvp` was compared too.
    pub hvp_points: usize,
    /// Points within a perturbation of a kink or branch (along an input or the direction).
    pub skipped_kink: usize,
    /// Points where a value or derivative was not finite or beyond [`RANGE`].
    pub skipped_range: usize,
    /// Points compared to first order whose second-order oracle left the range (a local
    /// second derivative not finite, or `H·u` beyond [`RANGE`]): `_hvp` not compared.
    pub skipped_hvp_range: usize,
    pub failures: Vec<Failure>,
}

/// The oracle's result at one point: the result's leaves and, per differentiated input, the
/// directional derivative of every leaf with its `m` and `r`; the derivative along the
/// direction `u`; for a scalar result, the hyper-dual passes.
struct Oracle {
    value: Vec<f64>,
    /// `[v, d, m, r]` per leaf, one list per differentiated input.
    directions: Vec<Vec<[f64; 4]>>,
    /// `[v, d, m, r]` per leaf along `u`.
    along: Vec<[f64; 4]>,
    /// `Hyper::parts` per differentiated input (`ε₁` along it, `ε₂` along `u`), for a scalar
    /// result.
    hyper: Vec<[f64; 10]>,
    near_kink: bool,
    /// A local derivative was not finite on the way (see [`dual::overflowed`]).
    overflowed: bool,
    /// The same for the hyper-dual passes (second derivatives included).
    hyper_overflowed: bool,
}

/// Checks every case at `points` random points each.
pub fn run(cases: &'static [Case], points: usize) -> Report {
    let mut report = Report::default();
    for case in cases {
        report.functions += 1;
        report.scalar_functions += usize::from(case.hvp.is_some());
        let mut rng = StdRng::seed_from_u64(case.seed ^ name_hash(case.function));
        // Directions from a generator of their own, so the points and seeds of a batch are
        // those it had before `_jvp` was checked.
        let mut directions = StdRng::seed_from_u64(case.seed ^ name_hash(case.function) ^ DIRECTIONS);
        let round = |v: f64| if case.single { f64::from(v as f32) } else { v };
        for _ in 0..points {
            let x: Vec<f64> = (0..case.floats).map(|_| round(rng.random_range(-2.0..2.0))).collect();
            let n: Vec<usize> = (0..case.ints).map(|_| rng.random_range(0..=INT_PARAM_MAX)).collect();
            let seed: Vec<f64> = (0..case.outputs).map(|_| round(rng.random_range(-1.0..1.0))).collect();
            let mut u = vec![0.0; case.floats];
            for &j in case.wrt {
                u[j] = round(directions.random_range(-1.0..1.0));
            }
            check_point(case, Failure { case, x, n, seed, u, problems: Vec::new() }, &mut report);
        }
    }
    report
}

/// Mixed into a function's seed for its directions' generator.
const DIRECTIONS: u64 = 0x6a09_e667_f3bc_c908;

fn name_hash(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

fn check_point(case: &'static Case, mut point: Failure, report: &mut Report) {
    match evaluate(case, &point.x, &point.n, &point.u) {
        Err(p) => point.problems.push(p),
        Ok(oracle) if oracle.near_kink => report.skipped_kink += 1,
        Ok(oracle) if !in_range(&oracle) => report.skipped_range += 1,
        Ok(oracle) => {
            report.points += 1;
            let mut problems = Vec::new();
            compare(case, &point, &oracle, &mut problems);
            if case.hvp.is_some() {
                if hyper_in_range(&oracle) {
                    report.hvp_points += 1;
                    compare_hvp(case, &point, &oracle, &mut problems);
                } else {
                    report.skipped_hvp_range += 1;
                }
            }
            point.problems = problems;
        }
    }
    if !point.problems.is_empty() {
        report.failures.push(point);
    }
}

fn ok(v: f64) -> bool {
    v.is_finite() && v.abs() < RANGE
}

fn in_range(o: &Oracle) -> bool {
    let leaves = o.directions.iter().flatten().chain(&o.along);
    !o.overflowed && o.value.iter().all(|&v| ok(v)) && leaves.into_iter().all(|p| p.iter().all(|&v| ok(v)))
}

fn hyper_in_range(o: &Oracle) -> bool {
    !o.hyper_overflowed && o.hyper.iter().flatten().all(|&v| ok(v))
}

fn same(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan())
}

/// The primal value, one dual pass per differentiated input and one along `u`, and for a
/// scalar result one hyper-dual pass per differentiated input; `Err` if the primal panics or
/// differs from an oracle's value, or if the oracles disagree with each other.
fn evaluate(case: &Case, x: &[f64], n: &[usize], u: &[f64]) -> Result<Oracle, String> {
    let value = catch_unwind(|| (case.primal)(x, n)).map_err(|e| format!("`f` panicked: {}", panic_text(&e)))?;
    let mut oracle = Oracle {
        value,
        directions: Vec::new(),
        along: Vec::new(),
        hyper: Vec::new(),
        near_kink: false,
        overflowed: false,
        hyper_overflowed: false,
    };
    let unit = |j: usize| -> Vec<f64> { (0..case.floats).map(|k| if k == j { 1.0 } else { 0.0 }).collect() };
    for &j in case.wrt {
        let r = oracle.run(|| (case.dual)(x, n, &unit(j)))?;
        oracle.directions.push(r);
    }
    oracle.along = oracle.run(|| (case.dual)(x, n, u))?;
    if let Some(hyper) = case.hyper {
        for (k, &j) in case.wrt.iter().enumerate() {
            dual::reset_kinks();
            let h = catch_unwind(|| hyper(x, n, j, u))
                .map_err(|e| format!("the hyper-dual oracle panicked: {}", panic_text(&e)))?;
            oracle.near_kink |= dual::near_kink();
            oracle.hyper_overflowed |= dual::overflowed();
            // The first-order parts are the dual passes' derivatives, computed by the same
            // expressions in the same order.
            let (d, along) = (oracle.directions[k][0], oracle.along[0]);
            if !same(h[0], oracle.value[0]) || !same(h[1], d[1]) || !same(h[4], along[1]) {
                return Err(format!(
                    "the hyper-dual oracle (value {}, ε₁ {}, ε₂ {}) differs from the dual one ({}, {}, {}) \
                     (a bug in an oracle)",
                    h[0], h[1], h[4], oracle.value[0], d[1], along[1]
                ));
            }
            oracle.hyper.push(h);
        }
    }
    Ok(oracle)
}

impl Oracle {
    /// One dual pass: its kinks and overflows recorded, its values checked against `f`'s.
    fn run(&mut self, pass: impl FnOnce() -> Vec<[f64; 4]> + std::panic::UnwindSafe) -> Result<Vec<[f64; 4]>, String> {
        dual::reset_kinks();
        let r = catch_unwind(pass).map_err(|e| format!("the oracle panicked: {}", panic_text(&e)))?;
        self.near_kink |= dual::near_kink();
        self.overflowed |= dual::overflowed();
        let values_match = r.len() == self.value.len() && r.iter().zip(&self.value).all(|(p, &v)| same(p[0], v));
        if !values_match {
            let got: Vec<f64> = r.iter().map(|p| p[0]).collect();
            return Err(format!(
                "oracle value {got:?} differs from `f` {:?} (a bug in the oracle or generator)",
                self.value
            ));
        }
        Ok(r)
    }
}

fn tolerance(t: Tolerance, got: f64, want: f64, m: f64, r: f64) -> f64 {
    t.rel * got.abs().max(want.abs()) + t.cancel * m + 2.0 * r + t.abs
}

fn compare(case: &Case, point: &Failure, oracle: &Oracle, problems: &mut Vec<String>) {
    let (x, n, seed) = (&point.x[..], &point.n[..], &point.seed[..]);
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
    match catch_unwind(AssertUnwindSafe(|| (case.jvp)(x, n, &point.u))) {
        Err(e) => problems.push(format!("`_jvp` panicked: {}", panic_text(&e))),
        Ok((value, tangent)) => {
            compare_values("_jvp", &value, &oracle.value, problems);
            compare_tangent(case, &tangent, oracle, problems);
        }
    }
}

/// `_jvp`'s tangent, leaf by leaf, against the oracle's derivative along `u`.
fn compare_tangent(case: &Case, tangent: &[f64], oracle: &Oracle, problems: &mut Vec<String>) {
    if tangent.len() != oracle.along.len() {
        problems.push(format!("`_jvp` tangent has {} leaves, expected {}", tangent.len(), oracle.along.len()));
        return;
    }
    for (k, (&got, p)) in tangent.iter().zip(&oracle.along).enumerate() {
        let tol = tolerance(case.tolerance(), got, p[1], p[2], p[3]);
        if (got - p[1]).abs() > tol || got.is_nan() {
            problems.push(format!(
                "`_jvp` tangent leaf {k}: {got:e}, oracle {:e} (difference {:e}, tolerance {tol:e})",
                p[1],
                got - p[1]
            ));
        }
    }
}

/// `_hvp`: its value equal to `f`'s, its gradient against the oracle as `_grad`'s is (equal to
/// `_grad`'s up to rounding: it is computed by other operations), and `H·u` entry by entry
/// against the hyper-dual oracle.
fn compare_hvp(case: &Case, point: &Failure, oracle: &Oracle, problems: &mut Vec<String>) {
    let Some(hvp) = case.hvp else { return };
    let (x, n) = (&point.x[..], &point.n[..]);
    let result = catch_unwind(AssertUnwindSafe(|| hvp(x, n, &point.u)));
    let Ok((value, g, hu)) = result.map_err(|e| problems.push(format!("`_hvp` panicked: {}", panic_text(&e)))) else {
        return;
    };
    compare_values("_hvp", &[value], &oracle.value, problems);
    // The gradient comes from the transposed tangent program, whose operations round
    // differently from `_grad`'s: it is checked against the oracle as `_grad` is.
    compare_gradient(case, "_hvp", &g, &[1.0], oracle, problems);
    if hu.len() != oracle.hyper.len() {
        problems.push(format!("`_hvp` product has {} entries, expected {}", hu.len(), oracle.hyper.len()));
        return;
    }
    for (j, (&got, h)) in hu.iter().zip(&oracle.hyper).enumerate() {
        let (want, m, r) = (h[7], h[8], h[9]);
        let tol = tolerance(case.hvp_tolerance(), got, want, m, r);
        if (got - want).abs() > tol || got.is_nan() {
            problems.push(format!(
                "`_hvp` entry {j} (input {}): {got:e}, oracle {want:e} (difference {:e}, tolerance {tol:e})",
                case.wrt[j],
                got - want
            ));
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
        let _ = writeln!(out, "  direction of `_jvp`/`_hvp` (flattened): {:?}", self.u);
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
