//! Plain functions with hand-written `_vjp`s beside them, for generated programs to call: the
//! macro must take `name_vjp` as `name`'s derivative (design §2, "a custom derivative is a
//! hand-written `name_vjp`"). Their dual-number versions, written from the mathematics and
//! not from these pullbacks, are in `dual::custom`.
//!
//! Generic over the float type, so `f32` and `f64` programs call the same names.

use crate::dual::Real;

/// `ln(1 + eˣ)` without overflow: `x + ln(1 + e⁻ˣ)` for positive `x`.
pub fn softplus<F: Real>(x: F) -> F {
    let zero = F::from_f64(0.0);
    if x > zero { x + (-x).exp().ln_1p() } else { x.exp().ln_1p() }
}

/// softplus' = σ(x) = 1/(1 + e⁻ˣ), finite everywhere (0 where e⁻ˣ overflows).
pub fn softplus_vjp<F: Real>(x: F) -> (F, impl FnOnce(F) -> F) {
    let one = F::from_f64(1.0);
    (softplus(x), move |d: F| d / (one + (-x).exp()))
}

/// `Σ aᵢbᵢ` over the shorter of the two, summed in order from zero.
pub fn dot<F: Real>(a: &[F], b: &[F]) -> F {
    let mut s = F::from_f64(0.0);
    for i in 0..a.len().min(b.len()) {
        s = s + a[i] * b[i];
    }
    s
}

/// ∂/∂a = d·b, ∂/∂b = d·a (zero past the shorter length). Copies its arguments, so the
/// pullback borrows nothing.
pub fn dot_vjp<F: Real>(a: &[F], b: &[F]) -> (F, impl FnOnce(F) -> (Vec<F>, Vec<F>) + use<F>) {
    let (a, b) = (a.to_vec(), b.to_vec());
    let value = dot(&a, &b);
    let pullback = move |d: F| {
        let zero = F::from_f64(0.0);
        let n = a.len().min(b.len());
        let da = (0..a.len()).map(|i| if i < n { d * b[i] } else { zero }).collect();
        let db = (0..b.len()).map(|i| if i < n { d * a[i] } else { zero }).collect();
        (da, db)
    };
    (value, pullback)
}

/// `m + ln Σ e^(xᵢ − m)` with `m = max x`: no overflow for large entries.
pub fn log_sum_exp<F: Real>(x: &[F]) -> F {
    let m = x.iter().fold(x[0], |acc, &v| acc.max(v));
    let s: F = x.iter().map(|&v| (v - m).exp()).sum();
    m + s.ln()
}

/// ∂/∂xᵢ = d·softmax(x)ᵢ.
pub fn log_sum_exp_vjp<F: Real>(x: &[F]) -> (F, impl FnOnce(F) -> Vec<F> + use<F>) {
    let x = x.to_vec();
    let value = log_sum_exp(&x);
    (value, move |d: F| x.iter().map(|&v| d * (v - value).exp()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pullbacks_match_finite_differences() {
        let h = 1e-6;
        for x in [-30.0, -1.3, 0.0, 0.7, 40.0] {
            let fd = (softplus(x + h) - softplus(x - h)) / (2.0 * h);
            assert!((softplus_vjp(x).1(1.0) - fd).abs() < 1e-8, "softplus'({x})");
        }
        let (a, b) = ([0.5, -1.0, 2.0], [1.5, 0.25]);
        let (value, pullback) = dot_vjp(&a, &b);
        assert_eq!(value, 0.5 * 1.5 - 0.25);
        assert_eq!(pullback(2.0), (vec![3.0, 0.5, 0.0], vec![1.0, -2.0]));
        let x = [0.3, -1.2, 2.5];
        let g = log_sum_exp_vjp(&x).1(1.0);
        for i in 0..3 {
            let mut p = x;
            p[i] += h;
            let mut q = x;
            q[i] -= h;
            assert!((g[i] - (log_sum_exp(&p) - log_sum_exp(&q)) / (2.0 * h)).abs() < 1e-8);
        }
    }
}
