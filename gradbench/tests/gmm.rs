//! `gmm`: the log posterior against the definition computed naively (densities, determinants,
//! the Wishart density), and its gradient against central finite differences.

mod common;
use common::*;

use backprop_gradbench::gmm::{self, Independent};
use std::f64::consts::PI;

fn rows(flat: &[f64], width: usize) -> Vec<Vec<f64>> {
    flat.chunks(width).map(<[f64]>::to_vec).collect()
}

fn example(k: usize, d: usize, seed: u64) -> Independent {
    Independent {
        alpha: vector(k, seed, -1.0, 1.0),
        mu: rows(&vector(k * d, seed + 1, 0.0, 1.0), d),
        q: rows(&vector(k * d, seed + 2, -0.5, 0.5), d),
        l: rows(&vector(k * d * (d - 1) / 2, seed + 3, -0.5, 0.5), d * (d - 1) / 2),
    }
}

fn pack(p: &Independent) -> Vec<f64> {
    [p.alpha.clone(), p.mu.concat(), p.q.concat(), p.l.concat()].concat()
}

fn unpack(v: &[f64], k: usize, d: usize) -> Independent {
    let t = d * (d - 1) / 2;
    Independent {
        alpha: v[..k].to_vec(),
        mu: rows(&v[k..k + k * d], d),
        q: rows(&v[k + k * d..k + 2 * k * d], d),
        l: rows(&v[k + 2 * k * d..k + 2 * k * d + k * t], t),
    }
}

/// Q (D × D, lower triangular) of one component: exp(q) on the diagonal, l column by column.
fn q_matrix(q: &[f64], l: &[f64], d: usize) -> Vec<Vec<f64>> {
    let mut m = vec![vec![0.0; d]; d];
    let mut idx = 0;
    for col in 0..d {
        m[col][col] = q[col].exp();
        for row in m.iter_mut().skip(col + 1) {
            row[col] = l[idx];
            idx += 1;
        }
    }
    m
}

/// The definition: Πᵢ Σₖ φₖ N(xᵢ; μₖ, (QₖᵀQₖ)⁻¹) times Πₖ W(QₖᵀQₖ; I/γ², D + m + 1), logged.
fn naive(p: &Independent, x: &[Vec<f64>], m: usize, gamma: f64) -> f64 {
    let (k, d) = (p.alpha.len(), x[0].len());
    let total: f64 = p.alpha.iter().map(|a| a.exp()).sum();
    let mut log_likelihood = 0.0;
    for xi in x {
        let mut density = 0.0;
        for c in 0..k {
            let qm = q_matrix(&p.q[c], &p.l[c], d);
            // (x − μ)ᵀ QᵀQ (x − μ) = ‖Q(x − μ)‖², det(Σ⁻¹) = Πⱼ exp(qⱼ)².
            let quad: f64 = (0..d).map(|r| (0..d).map(|j| qm[r][j] * (xi[j] - p.mu[c][j])).sum::<f64>().powi(2)).sum();
            let det_precision: f64 = (0..d).map(|j| qm[j][j] * qm[j][j]).product();
            let normal = (-0.5 * quad).exp() / ((2.0 * PI).powi(d as i32) / det_precision).sqrt();
            density += p.alpha[c].exp() / total * normal;
        }
        log_likelihood += density.ln();
    }
    let n = (d + m + 1) as f64;
    let mut log_prior = 0.0;
    for c in 0..k {
        let qm = q_matrix(&p.q[c], &p.l[c], d);
        let det_x: f64 = (0..d).map(|j| qm[j][j] * qm[j][j]).product();
        // tr(V⁻¹X) = γ² tr(QᵀQ) = γ²‖Q‖²_F; det V = γ^(−2D).
        let trace: f64 = gamma * gamma * qm.iter().flatten().map(|v| v * v).sum::<f64>();
        let dd = d as f64;
        log_prior += (n - dd - 1.0) / 2.0 * det_x.ln()
            - trace / 2.0
            - (n * dd / 2.0) * 2.0_f64.ln()
            - (n / 2.0) * (-2.0 * dd * gamma.ln())
            - gmm::ln_multigamma(n / 2.0, d);
    }
    log_likelihood + log_prior
}

#[test]
fn ln_gamma_at_known_points() {
    assert!((gmm::ln_gamma(5.0) - 24.0_f64.ln()).abs() < 1e-13);
    assert!((gmm::ln_gamma(0.5) - PI.sqrt().ln()).abs() < 1e-13);
    assert!((gmm::ln_gamma(0.25) - 1.288_022_524_698_077_5).abs() < 1e-13);
}

#[test]
fn objective_matches_the_definition() {
    for (k, d, m, gamma) in [(3, 2, 0, 1.0), (2, 4, 2, 0.7)] {
        let p = example(k, d, 11);
        let x = rows(&vector(7 * d, 12, -1.0, 1.0), d);
        let value = gmm::log_posterior(&p, &x, m, gamma);
        let expected = naive(&p, &x, m, gamma);
        assert!((value - expected).abs() < 1e-10 * expected.abs().max(1.0), "{value} vs {expected}");
    }
}

#[test]
fn jacobian_matches_differences() {
    for (k, d, m) in [(3, 3, 0), (2, 4, 1)] {
        let p = example(k, d, 21);
        let x = rows(&vector(5 * d, 22, -1.0, 1.0), d);
        let (value, grad) = gmm::log_posterior_grad(&p, &x, m, 1.3);
        assert_eq!(value, gmm::log_posterior(&p, &x, m, 1.3));
        let fd = fd_gradient(|v| gmm::log_posterior(&unpack(v, k, d), &x, m, 1.3), &pack(&p), 1e-6);
        assert_close(&pack(&grad), &fd, 1e-7);
    }
}
