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

/// softplus in forward mode: `(softplus x, σ(x)·dx)`.
pub fn softplus_jvp<F: Real>(x: F, dx: F) -> (F, F) {
    let one = F::from_f64(1.0);
    (softplus(x), dx / (one + (-x).exp()))
}

/// [`softplus_jvp`] and its pullback: `∂x = ȳ·σ + ẏ̄·σ(1−σ)·dx`, `∂dx = ẏ̄·σ`.
#[allow(clippy::type_complexity, reason = "the second-order form's signature is the contract's")]
pub fn softplus_jvp_vjp<F: Real>(x: F, dx: F) -> ((F, F), impl FnOnce((F, F)) -> (F, F)) {
    let one = F::from_f64(1.0);
    let s = one / (one + (-x).exp());
    (softplus_jvp(x, dx), move |(y_bar, dy_bar): (F, F)| (y_bar * s + dy_bar * s * (one - s) * dx, dy_bar * s))
}

/// dot in forward mode: `(a·b, da·b + a·db)` over the shorter length.
pub fn dot_jvp<F: Real>(a: &[F], b: &[F], da: &[F], db: &[F]) -> (F, F) {
    (dot(a, b), dot(da, b) + dot(a, db))
}

/// [`dot_jvp`] and its pullback: `∂a = ȳ·b + ẏ̄·db`, `∂b = ȳ·a + ẏ̄·da`, `∂da = ẏ̄·b`, `∂db = ẏ̄·a`
/// (zero past the shorter length).
#[allow(clippy::type_complexity, reason = "the second-order form's signature is the contract's")]
pub fn dot_jvp_vjp<F: Real>(
    a: &[F],
    b: &[F],
    da: &[F],
    db: &[F],
) -> ((F, F), impl FnOnce((F, F)) -> (Vec<F>, Vec<F>, Vec<F>, Vec<F>) + use<F>) {
    let (a, b, da, db) = (a.to_vec(), b.to_vec(), da.to_vec(), db.to_vec());
    let value = dot_jvp(&a, &b, &da, &db);
    let pullback = move |(y_bar, dy_bar): (F, F)| {
        let zero = F::from_f64(0.0);
        let n = a.len().min(b.len());
        let within = |i: usize, v: F| if i < n { v } else { zero };
        let ga = (0..a.len()).map(|i| within(i, y_bar * b[i] + dy_bar * db[i])).collect();
        let gb = (0..b.len()).map(|i| within(i, y_bar * a[i] + dy_bar * da[i])).collect();
        let gda = (0..a.len()).map(|i| within(i, dy_bar * b[i])).collect();
        let gdb = (0..b.len()).map(|i| within(i, dy_bar * a[i])).collect();
        (ga, gb, gda, gdb)
    };
    (value, pullback)
}

/// log-sum-exp in forward mode: `(lse x, Σ pᵢ·dxᵢ)` with `p = softmax x`.
pub fn log_sum_exp_jvp<F: Real>(x: &[F], dx: &[F]) -> (F, F) {
    let value = log_sum_exp(x);
    (value, x.iter().zip(dx).map(|(&v, &d)| (v - value).exp() * d).sum())
}

/// [`log_sum_exp_jvp`] and its pullback: `∂xⱼ = ȳ·pⱼ + ẏ̄·pⱼ·(dxⱼ − Σ pᵢdxᵢ)`, `∂dxⱼ = ẏ̄·pⱼ`.
#[allow(clippy::type_complexity, reason = "the second-order form's signature is the contract's")]
pub fn log_sum_exp_jvp_vjp<F: Real>(x: &[F], dx: &[F]) -> ((F, F), impl FnOnce((F, F)) -> (Vec<F>, Vec<F>) + use<F>) {
    let (x, dx) = (x.to_vec(), dx.to_vec());
    let (value, tangent) = log_sum_exp_jvp(&x, &dx);
    let pullback = move |(y_bar, dy_bar): (F, F)| {
        let p: Vec<F> = x.iter().map(|&v| (v - value).exp()).collect();
        let gx = p.iter().zip(&dx).map(|(&pj, &dj)| y_bar * pj + dy_bar * pj * (dj - tangent)).collect();
        let gdx = p.iter().map(|&pj| dy_bar * pj).collect();
        (gx, gdx)
    };
    ((value, tangent), pullback)
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
