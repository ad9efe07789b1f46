//! Hyper-dual versions of the helpers in `crate::custom`: each value is the helper itself on
//! the values (so it matches bit for bit), each derivative the textbook one, written without
//! looking at the helpers' hand-written `_jvp_vjp` rules.

use super::{Hyper, Local, Real, apply};
use crate::custom;

/// softplus' = σ(x) = 1/(1 + e⁻ˣ), softplus'' = σ(1 − σ): `1 − σ`, computed in `T` where `σ`
/// rounds to 1, is accurate to ~ε absolutely.
pub fn softplus<T: Real>(x: Hyper<T>) -> Hyper<T> {
    let sigma = 1.0 / (1.0 + (-x.x()).exp());
    let f2 = Local::lossy(sigma * (1.0 - sigma), 2.0 * T::EPSILON);
    x.unary(custom::softplus(x.v), Local::of(sigma), f2)
}

/// d(a·b) = Σ bᵢ daᵢ + aᵢ dbᵢ over the shorter length; the only second partials are
/// ∂²/∂aᵢ∂bᵢ = 1.
pub fn dot<T: Real>(a: &[Hyper<T>], b: &[Hyper<T>]) -> Hyper<T> {
    let value = custom::dot(&values(a), &values(b));
    let mut out = Hyper::c(0.0).with_value(value);
    let h = [[Local::ZERO, Local::of(1.0)], [Local::of(1.0), Local::ZERO]];
    for (x, y) in a.iter().zip(b) {
        out.add_terms(&[*x, *y], &[Local::of(y.x()), Local::of(x.x())], &|i, j| h[i][j]);
    }
    out
}

/// lse(x) = ln Σ eˣⁱ with p = softmax x: ∂/∂xᵢ = pᵢ, ∂²/∂xᵢ∂xⱼ = δᵢⱼ pᵢ − pᵢ pⱼ.
pub fn log_sum_exp<T: Real>(x: &[Hyper<T>]) -> Hyper<T> {
    let value = custom::log_sum_exp(&values(x));
    let lse = value.to_f64();
    let p: Vec<f64> = x.iter().map(|v| (v.x() - lse).exp()).collect();
    let g: Vec<Local> = p.iter().map(|&pi| Local::of(pi)).collect();
    let h = |i: usize, j: usize| {
        let diagonal = if i == j { p[i] } else { 0.0 };
        Local::terms(diagonal - p[i] * p[j], diagonal + p[i] * p[j])
    };
    apply(x, value, &g, &h)
}

fn values<T: Real>(x: &[Hyper<T>]) -> Vec<T> {
    x.iter().map(|v| v.v).collect()
}
