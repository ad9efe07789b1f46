//! Dual-number versions of the helpers in `crate::custom`: each value is the helper itself on
//! the values (so it matches bit for bit), each derivative the textbook one, written without
//! looking at the helpers' hand-written pullbacks.

use super::{Dual, Real};
use crate::custom;

/// softplus'(x) = σ(x) = eˣ/(1 + eˣ).
pub fn softplus<T: Real>(x: Dual<T>) -> Dual<T> {
    let sigma = 1.0 / (1.0 + (-x.x()).exp());
    x.chain(custom::softplus(x.v), sigma)
}

/// d(a·b) = Σ bᵢ daᵢ + aᵢ dbᵢ over the shorter length.
pub fn dot<T: Real>(a: &[Dual<T>], b: &[Dual<T>]) -> Dual<T> {
    let value = custom::dot(&values(a), &values(b));
    let mut out = Dual::c(0.0).with_value(value);
    for (x, y) in a.iter().zip(b) {
        out = out.plus_terms(x, y.x()).plus_terms(y, x.x());
    }
    out
}

/// d lse = Σ softmaxᵢ dxᵢ.
pub fn log_sum_exp<T: Real>(x: &[Dual<T>]) -> Dual<T> {
    let value = custom::log_sum_exp(&values(x));
    let lse = value.to_f64();
    let mut out = Dual::c(0.0).with_value(value);
    for v in x {
        out = out.plus_terms(v, (v.x() - lse).exp());
    }
    out
}

fn values<T: Real>(x: &[Dual<T>]) -> Vec<T> {
    x.iter().map(|v| v.v).collect()
}

impl<T: Real> Dual<T> {
    /// Adds `k · o`'s derivative terms to this one's, keeping the value.
    fn plus_terms(self, o: &Dual<T>, k: f64) -> Dual<T> {
        super::check_local(k);
        Dual { v: self.v, d: self.d + k * o.d, m: self.m + k.abs() * o.m, r: self.r + k.abs() * o.r }
    }
}
