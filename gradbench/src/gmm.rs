//! `gmm`: the log posterior of a Gaussian mixture with a Wishart prior on its precision
//! matrices (`objective`), and its gradient in the weights, means and precision factors
//! (`jacobian`, from `log_posterior_grad`), written with the simplifications of the eval's
//! README (section *Implementation*).
#![allow(clippy::needless_range_loop, reason = "index loops, as the README's formulas index")]

use backprop::{Differentiable, differentiable};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::f64::consts::PI;

use crate::Evaluated;
use crate::runs::{parse, repeat, runs_of};

/// The parameters differentiated: K weights, and per component a mean (D), the logarithms of
/// Q's diagonal (D) and Q's strictly lower triangle, column by column (D(D − 1)/2). Its
/// gradient is the same struct, which is the `jacobian` output.
#[derive(Clone, Debug, Deserialize, Serialize, Differentiable)]
pub struct Independent {
    /// α: the weights are softmax(α).
    pub alpha: Vec<f64>,
    /// μ, K × D.
    pub mu: Vec<Vec<f64>>,
    /// q, K × D: Q's diagonal is exp(q).
    pub q: Vec<Vec<f64>>,
    /// l, K × D(D − 1)/2: Q below its diagonal.
    pub l: Vec<Vec<f64>>,
}

#[derive(Deserialize)]
struct Input {
    #[serde(flatten)]
    independent: Independent,
    x: Vec<Vec<f64>>,
    m: usize,
    gamma: f64,
}

/// ln Σⱼ exp(vⱼ), shifted by the largest entry.
#[differentiable]
pub fn logsumexp(v: &[f64]) -> f64 {
    let mut max = v[0];
    for &vj in v.iter() {
        if vj > max {
            max = vj;
        }
    }
    let mut sum = 0.0;
    for &vj in v.iter() {
        sum += (vj - max).exp();
    }
    max + sum.ln()
}

/// ln Γ_D(a) = ¼D(D − 1) ln π + Σⱼ₌₁..D ln Γ(a + (1 − j)/2), the multivariate gamma function.
pub fn ln_multigamma(a: f64, d: usize) -> f64 {
    let d_f = d as f64;
    let mut out = 0.25 * d_f * (d_f - 1.0) * PI.ln();
    for j in 1..=d {
        out += ln_gamma(a + 0.5 * (1.0 - j as f64));
    }
    out
}

/// ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms, about 1e-15 relative; `f64::ln_gamma` is not
/// stable Rust). Copied from `adbench/src/objective/gmm.rs`.
pub fn ln_gamma(x: f64) -> f64 {
    if x < 0.5 {
        // Γ(x)Γ(1 − x) = π / sin(πx) keeps the series in its accurate range.
        return PI.ln() - (PI * x).sin().abs().ln() - ln_gamma(1.0 - x);
    }
    let y = x - 1.0;
    let series = 0.999_999_999_999_809_9 + 676.520_368_121_885_1 / (y + 1.0) - 1_259.139_216_722_402_8 / (y + 2.0)
        + 771.323_428_777_653_1 / (y + 3.0)
        - 176.615_029_162_140_6 / (y + 4.0)
        + 12.507_343_278_686_905 / (y + 5.0)
        - 0.138_571_095_265_720_12 / (y + 6.0)
        + 9.984_369_578_019_572e-6 / (y + 7.0)
        + 1.505_632_735_149_311_6e-7 / (y + 8.0);
    let t = y + 7.5;
    0.5 * (2.0 * PI).ln() + (y + 0.5) * t.ln() - t + series.ln()
}

/// log p(X | θ, φ) + log p(θ): the mixture's log likelihood of the points `x` (N × D) plus the
/// log of the Wishart prior with V = I/γ² and n = D + m + 1 degrees of freedom.
#[differentiable(wrt(p))]
pub fn log_posterior(p: &Independent, x: &[Vec<f64>], m: usize, gamma: f64) -> f64 {
    let k = p.alpha.len();
    let n = x.len();
    let d = x[0].len();
    // exp(q) (Q's diagonal) and Σⱼ qⱼ (ln det Q) depend on the component only.
    let mut qdiags = vec![vec![0.0; d]; k];
    let mut sum_qs = vec![0.0; k];
    for c in 0..k {
        for j in 0..d {
            qdiags[c][j] = p.q[c][j].exp();
            sum_qs[c] += p.q[c][j];
        }
    }
    let mut main_term = vec![0.0; k];
    let mut slse = 0.0;
    for xi in x.iter() {
        for c in 0..k {
            // βᵢₖ = αₖ + Σⱼ qₖⱼ − ½‖Qₖ(xᵢ − μₖ)‖².
            let mut xcentered = vec![0.0; d];
            let mut qx = vec![0.0; d];
            for j in 0..d {
                xcentered[j] = xi[j] - p.mu[c][j];
            }
            for j in 0..d {
                qx[j] = qdiags[c][j] * xcentered[j];
            }
            // Q's strict lower triangle, column by column.
            let mut lidx = 0;
            for col in 0..d {
                for row in col + 1..d {
                    qx[row] += p.l[c][lidx] * xcentered[col];
                    lidx += 1;
                }
            }
            let mut sqnorm = 0.0;
            for j in 0..d {
                sqnorm += qx[j] * qx[j];
            }
            main_term[c] = p.alpha[c] + sum_qs[c] - 0.5 * sqnorm;
        }
        slse += logsumexp(&main_term);
    }
    let n_f = n as f64;
    let d_f = d as f64;
    let likelihood = -n_f * (0.5 * d_f * (2.0 * PI).ln() + logsumexp(&p.alpha)) + slse;
    // The prior: K(n′D ln(γ/√2) − ln Γ_D(n′/2)) − Σₖ (½γ²‖Qₖ‖²_F − m Σⱼ qₖⱼ).
    let n_prime = d + m + 1;
    let constant = n_prime as f64 * d_f * (gamma.ln() - 0.5 * 2.0_f64.ln()) - ln_multigamma(0.5 * n_prime as f64, d);
    let mut prior = k as f64 * constant;
    for c in 0..k {
        let mut frobenius = 0.0;
        for j in 0..d {
            frobenius += qdiags[c][j] * qdiags[c][j];
        }
        for &lj in p.l[c].iter() {
            frobenius += lj * lj;
        }
        prior -= 0.5 * gamma * gamma * frobenius - m as f64 * sum_qs[c];
    }
    likelihood + prior
}

/// Checks the shapes of an input against its K (from α) and D (from the first point).
fn check(input: &Input) -> Result<(), String> {
    let p = &input.independent;
    let k = p.alpha.len();
    let d = input.x.first().map_or(0, Vec::len);
    if k == 0 || d == 0 {
        return Err(format!(
            "bad input: need at least one component and one point of dimension ≥ 1 (K = {k}, D = {d})"
        ));
    }
    let rows_ok = |rows: &[Vec<f64>], len: usize| rows.len() == k && rows.iter().all(|r| r.len() == len);
    if !rows_ok(&p.mu, d) || !rows_ok(&p.q, d) || !rows_ok(&p.l, d * (d - 1) / 2) {
        return Err(format!("bad input: mu and q must be {k} × {d} and l {k} × {}", d * (d - 1) / 2));
    }
    if input.x.iter().any(|xi| xi.len() != d) {
        return Err(format!("bad input: every point of x must have {d} coordinates"));
    }
    Ok(())
}

/// `objective` and `jacobian`.
pub fn evaluate(function: &str, input: &Value) -> Evaluated {
    let parsed: Input = parse(input)?;
    check(&parsed)?;
    let Input { independent, x, m, gamma } = parsed;
    match function {
        "objective" => repeat(runs_of(input), || log_posterior(&independent, &x, m, gamma)),
        "jacobian" => repeat(runs_of(input), || log_posterior_grad(&independent, &x, m, gamma).1),
        _ => Err(crate::unknown("gmm", function)),
    }
}
