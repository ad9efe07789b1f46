//! GMM: Gaussian mixture log-likelihood with a (negative log) Wishart prior (SPEC.md §1).
#![allow(clippy::needless_range_loop, reason = "index loops are the style #[differentiable] accepts")]

use crate::io::GmmInput;
use backprop::differentiable;
use std::f64::consts::PI;

/// The GMM objective f(α, μ, icf; x, γ, m) of ADBench, a scalar.
///
/// `alpha` is K, `means` K×D, `icf` K×D(D+1)/2 (all component-major), `x` N×D. The data term
/// is a log-likelihood and the prior a *negative* log prior, as in ADBench.
#[allow(clippy::too_many_arguments, reason = "the macro takes slices and scalars, not structs")]
#[differentiable(wrt(alpha, means, icf))]
pub fn gmm_objective(
    alpha: &[f64],
    means: &[f64],
    icf: &[f64],
    x: &[f64],
    d: usize,
    k: usize,
    n: usize,
    gamma: f64,
    m: f64,
) -> f64 {
    let icf_size = d * (d + 1) / 2;
    let tri = d * (d - 1) / 2;
    // exp(q) and Σq depend on the component only: computing them once per call (as ADBench's
    // C++ does) keeps N·K·D exponentials out of the hot loop.
    let mut qdiag = vec![0.0; k * d];
    let mut sum_qs = vec![0.0; k];
    for c in 0..k {
        for j in 0..d {
            qdiag[c * d + j] = icf[c * icf_size + j].exp();
            sum_qs[c] += icf[c * icf_size + j];
        }
    }
    // The per-point work below is written out rather than calling `gmm_qxc_sqnorm` and
    // `log_sum_exp`: a call's pullback returns its gradient as new vectors, which in the
    // innermost loop would cost more than the arithmetic (see the README's ADBench notes).
    // The file packs each strictly lower triangle column by column; the product below walks
    // it row by row, so copy it once into row order (entry (row, col) at row(row−1)/2 + col).
    let mut ltri = vec![0.0; k * tri];
    for c in 0..k {
        for col in 0..d {
            for r in 0..d - col - 1 {
                let row = col + 1 + r;
                ltri[c * tri + row * (row - 1) / 2 + col] = icf[c * icf_size + d + col * (2 * d - col - 1) / 2 + r];
            }
        }
    }
    let mut xc = vec![0.0; d];
    let mut main_term = vec![0.0; k];
    let mut slse = 0.0;
    for i in 0..n {
        for c in 0..k {
            for j in 0..d {
                xc[j] = x[i * d + j] - means[c * d + j];
            }
            // ‖Q_c·xc‖², Q_c lower-triangular (diagonal exp(q_c), strictly lower part L_c).
            let mut sqnorm = 0.0;
            for j in 0..d {
                let mut z = qdiag[c * d + j] * xc[j];
                for col in 0..j {
                    z += ltri[c * tri + j * (j - 1) / 2 + col] * xc[col];
                }
                sqnorm += z * z;
            }
            main_term[c] = alpha[c] + sum_qs[c] - 0.5 * sqnorm;
        }
        // ln Σ_c exp(main_term_c), shifted by the largest term (as in `log_sum_exp`).
        let mut mx = main_term[0];
        for c in 1..k {
            if main_term[c] > mx {
                mx = main_term[c];
            }
        }
        let mut sum = 0.0;
        for c in 0..k {
            sum += (main_term[c] - mx).exp();
        }
        slse += mx + sum.ln();
    }
    let n_f = n as f64;
    let constant = -n_f * (d as f64) * 0.5 * (2.0 * PI).ln();
    constant + slse - n_f * log_sum_exp(alpha, k) + gmm_wishart_prior(&qdiag, &sum_qs, icf, d, k, gamma, m)
        - (k as f64) * gmm_log_wishart_constant(d, gamma, m)
}

/// ‖Q_c·xc‖² for the centred point `xc` = x_i − μ_c, with Q_c lower-triangular: diagonal
/// `qdiag[c*d + j]` = exp(q_cj), strictly lower part `ltri` in row order (see
/// [`gmm_objective`]).
///
/// Each row of Q·xc is one scalar sum, so the function needs no output buffer (the style has
/// no `&mut` parameters) and allocates nothing per (point, component).
#[differentiable(wrt(qdiag, ltri, xc))]
pub fn gmm_qxc_sqnorm(qdiag: &[f64], ltri: &[f64], xc: &[f64], d: usize, c: usize) -> f64 {
    let tri = d * (d - 1) / 2;
    let mut total = 0.0;
    for j in 0..d {
        let mut z = qdiag[c * d + j] * xc[j];
        for col in 0..j {
            z += ltri[c * tri + j * (j - 1) / 2 + col] * xc[col];
        }
        total += z * z;
    }
    total
}

/// ln Σ_j exp(v_j) over the first `len` entries, shifted by the maximum for stability (the
/// shift cancels exactly, so it changes neither the value nor the gradient).
#[differentiable(wrt(v))]
pub fn log_sum_exp(v: &[f64], len: usize) -> f64 {
    let mut mx = v[0];
    for j in 0..len {
        if v[j] > mx {
            mx = v[j];
        }
    }
    let mut sum = 0.0;
    for j in 0..len {
        sum += (v[j] - mx).exp();
    }
    mx + sum.ln()
}

/// The prior term Σ_k [½γ²(Σ_j exp(q_kj)² + Σ_j l_kj²) − m·Σ_j q_kj] (before −K·C).
#[differentiable(wrt(qdiag, sum_qs, icf))]
pub fn gmm_wishart_prior(qdiag: &[f64], sum_qs: &[f64], icf: &[f64], d: usize, k: usize, gamma: f64, m: f64) -> f64 {
    let icf_size = d * (d + 1) / 2;
    let mut out = 0.0;
    for c in 0..k {
        let mut frobenius = 0.0;
        for j in 0..d {
            frobenius += qdiag[c * d + j] * qdiag[c * d + j];
        }
        for j in 0..icf_size - d {
            frobenius += icf[c * icf_size + d + j] * icf[c * icf_size + d + j];
        }
        out += 0.5 * gamma * gamma * frobenius - m * sum_qs[c];
    }
    out
}

/// The Wishart normalising constant C = n′·D·(ln γ − ½ ln 2) − ln Γ_D(n′/2), n′ = D + m + 1.
/// It depends on constants only, so it is inactive for differentiation.
pub fn gmm_log_wishart_constant(d: usize, gamma: f64, m: f64) -> f64 {
    let d_f = d as f64;
    let n_prime = d_f + m + 1.0;
    // ln Γ_D(a) = ¼D(D−1) ln π + Σ_{j=1..D} ln Γ(a + (1 − j)/2)
    let mut ln_multi_gamma = 0.25 * d_f * (d_f - 1.0) * PI.ln();
    for j in 0..d {
        ln_multi_gamma += ln_gamma(0.5 * n_prime - 0.5 * (j as f64));
    }
    n_prime * d_f * (gamma.ln() - 0.5 * 2.0_f64.ln()) - ln_multi_gamma
}

/// ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; about 1e-15 relative). Rust's `ln_gamma` is
/// still unstable, and only the inactive Wishart constant needs it.
pub fn ln_gamma(x: f64) -> f64 {
    if x < 0.5 {
        // Reflection Γ(x)Γ(1 − x) = π / sin(πx) keeps the series in its accurate range.
        PI.ln() - (PI * x).sin().abs().ln() - lanczos_ln_gamma(1.0 - x)
    } else {
        lanczos_ln_gamma(x)
    }
}

/// The Lanczos approximation of ln Γ(x), accurate for x ≥ ½.
fn lanczos_ln_gamma(x: f64) -> f64 {
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

/// [`gmm_objective`] on a reader struct.
pub fn gmm_objective_input(input: &GmmInput) -> f64 {
    let GmmInput { d, k, n, gamma, m, .. } = *input;
    gmm_objective(&input.alpha, &input.means, &input.icf, &input.x, d, k, n, gamma, m)
}

/// [`gmm_objective`] with the independent variables packed as [α; means; icf] (for finite
/// differences).
pub fn gmm_objective_packed(input: &GmmInput, packed: &[f64]) -> f64 {
    let (alpha, means, icf) = input.unpack(packed);
    let GmmInput { d, k, n, gamma, m, .. } = *input;
    gmm_objective(alpha, means, icf, &input.x, d, k, n, gamma, m)
}
