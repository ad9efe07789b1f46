//! Checking a gradient against central finite differences.
//!
//! A generated gradient should need no checking, but a hand-written `_vjp` does, and so does
//! any new layer: [`check_gradient`] perturbs every float leaf of the input in turn and
//! compares `(f(x + h) − f(x − h)) / 2h` with the gradient's entry.
//!
//! ```
//! use backprop::gradcheck::check_gradient;
//!
//! /// `Σ tanh(x)²`, with a hand-written pullback to check.
//! fn loss(x: &Vec<f64>) -> f64 {
//!     x.iter().map(|v| v.tanh().powi(2)).sum()
//! }
//! fn loss_vjp(x: &Vec<f64>) -> (f64, impl FnOnce(f64) -> Vec<f64> + '_) {
//!     // d/dv tanh(v)² = 2 tanh(v) (1 − tanh(v)²)
//!     (loss(x), move |d| x.iter().map(|v| d * 2.0 * v.tanh() * (1.0 - v.tanh().powi(2))).collect())
//! }
//!
//! let x = vec![0.3, -1.2, 0.8];
//! let (_, pullback) = loss_vjp(&x);
//! let report = check_gradient(loss, &x, &pullback(1.0), 1e-6, 1e-6);
//! assert!(report.passed(), "{report}");
//! ```

use crate::jacobian::flatten;
use crate::tangent::Differentiable;
use crate::visit::{NamedSinkMut, NamedVisitorMut};
use std::fmt;

/// The result of a gradient check.
#[derive(Debug, Clone)]
pub struct Report {
    /// How many entries were compared.
    pub checked: usize,
    /// The tolerance the check used.
    pub tolerance: f64,
    /// The entry that agreed worst, if any was compared.
    pub worst: Option<Entry>,
}

/// One compared entry of a gradient.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Position among the float leaves, in visiting order.
    pub index: usize,
    /// The leaf's name (`hidden.w.data`, empty for a plain float or vector).
    pub name: String,
    /// The gradient's value.
    pub gradient: f64,
    /// The central difference.
    pub numeric: f64,
    /// `|gradient − numeric| / max(1, |gradient|, |numeric|)`.
    pub error: f64,
}

impl Report {
    /// Whether every entry agreed within the tolerance.
    pub fn passed(&self) -> bool {
        self.worst.as_ref().is_none_or(|w| w.error <= self.tolerance)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.worst {
            None => write!(f, "no entry to check"),
            Some(w) => write!(
                f,
                "{} entries checked; worst: entry {} ({}) gradient {} vs finite difference {} (error {:.2e}, tolerance {:.0e})",
                self.checked,
                w.index,
                if w.name.is_empty() { "-" } else { &w.name },
                w.gradient,
                w.numeric,
                w.error,
                self.tolerance
            ),
        }
    }
}

/// A value that a loss can return: `f32` or `f64`.
pub trait LossValue: Copy {
    /// As `f64`.
    fn to_f64(self) -> f64;
}

impl LossValue for f32 {
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
}

impl LossValue for f64 {
    fn to_f64(self) -> f64 {
        self
    }
}

/// Compares `gradient`, the gradient of `f` at `x`, with central finite differences of `f`,
/// entry by entry. The step for an entry of value `v` is `step · max(1, |v|)`; an entry passes
/// when its error (see [`Entry::error`]) is at most `tolerance`.
///
/// For `f32` functions a step near `1e-2` and a tolerance near `1e-2` suit; for `f64`,
/// `1e-6` and `1e-6`.
///
/// # Panics
/// If `gradient` does not have as many float leaves as `x`.
pub fn check_gradient<M, S>(f: impl Fn(&M) -> S, x: &M, gradient: &M::Tangent, step: f64, tolerance: f64) -> Report
where
    M: Differentiable + Clone,
    M::Tangent: Differentiable,
    S: LossValue,
{
    let analytic = flatten(gradient);
    let values = flatten(x);
    assert_eq!(
        analytic.len(),
        values.len(),
        "check_gradient: the gradient has {} float entries, the input {}",
        analytic.len(),
        values.len()
    );
    let mut worst: Option<Entry> = None;
    for (index, (&g, &v)) in analytic.iter().zip(&values).enumerate() {
        let h = step * v.abs().max(1.0);
        let mut up = x.clone();
        let name = nudge(&mut up, index, h);
        let mut down = x.clone();
        nudge(&mut down, index, -h);
        let numeric = (f(&up).to_f64() - f(&down).to_f64()) / (2.0 * h);
        let error = (g - numeric).abs() / g.abs().max(numeric.abs()).max(1.0);
        if worst.as_ref().is_none_or(|w| error > w.error || error.is_nan()) {
            worst = Some(Entry { index, name, gradient: g, numeric, error });
        }
    }
    Report { checked: analytic.len(), tolerance, worst }
}

/// Adds `delta` to the float leaf entry number `index` of `value`; returns the leaf's name.
fn nudge<M: Differentiable>(value: &mut M, index: usize, delta: f64) -> String {
    struct Nudge {
        remaining: usize,
        delta: f64,
        name: Option<String>,
    }
    impl Nudge {
        fn hit<T>(&mut self, name: &str, values: &mut [T], add: impl Fn(&mut T, f64)) {
            if self.name.is_some() {
                return;
            }
            if self.remaining < values.len() {
                add(&mut values[self.remaining], self.delta);
                self.name = Some(name.to_owned());
            } else {
                self.remaining -= values.len();
            }
        }
    }
    impl NamedSinkMut for Nudge {
        fn f32s(&mut self, name: &str, values: &mut [f32]) {
            self.hit(name, values, |v, d| *v = (f64::from(*v) + d) as f32);
        }
        fn f64s(&mut self, name: &str, values: &mut [f64]) {
            self.hit(name, values, |v, d| *v += d);
        }
    }
    let mut sink = Nudge { remaining: index, delta, name: None };
    let mut path = String::new();
    value.visit_named_mut(&mut NamedVisitorMut::new(&mut sink, &mut path));
    sink.name.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_correct_gradient_passes_and_a_wrong_one_fails() {
        let f = |x: &Vec<f64>| x[0] * x[0] + 3.0 * x[1];
        let x = vec![1.5, -2.0];
        assert!(check_gradient(f, &x, &vec![3.0, 3.0], 1e-6, 1e-6).passed());
        let report = check_gradient(f, &x, &vec![3.0, 2.9], 1e-6, 1e-6);
        assert!(!report.passed());
        assert_eq!(report.worst.map(|w| w.index), Some(1));
    }
}
