//! Manual GMM gradient, fused per point: forward over the K components, then their adjoints.
#![allow(clippy::needless_range_loop, reason = "several arrays share one index; index loops read clearer here")]

use crate::io::GmmInput;
use crate::objective::{gmm_log_wishart_constant, log_sum_exp};
use std::f64::consts::PI;

/// Per-call work buffers, allocated once and reused for every point.
struct Scratch {
    /// Centred point x_i − μ_k, K × D.
    xc: Vec<f64>,
    /// z = Q_k (x_i − μ_k), K × D.
    z: Vec<f64>,
    /// α_k + Σq_k − ½‖z‖², K.
    main_term: Vec<f64>,
}

/// The objective and its gradient [d α; d means; d icf] (the layout of the goldens).
///
/// Per point i the data term is LSE_k(main_k); its adjoint to main_k is the softmax weight
/// w_k, and d main_k = dα_k + Σ_j dq_kj − zᵀdz with z = Q_k (x_i − μ_k).
pub fn gmm_gradient(input: &GmmInput) -> (f64, Vec<f64>) {
    let GmmInput { d, k, n, gamma, m, .. } = *input;
    let icf_size = input.icf_size();
    let mut grad = vec![0.0; input.n_params()];
    let (g_alpha, rest) = grad.split_at_mut(k);
    let (g_means, g_icf) = rest.split_at_mut(k * d);

    let mut qdiag = vec![0.0; k * d];
    let mut sum_qs = vec![0.0; k];
    for c in 0..k {
        let q = &input.icf[c * icf_size..][..d];
        for (slot, &qj) in qdiag[c * d..][..d].iter_mut().zip(q) {
            *slot = qj.exp();
        }
        sum_qs[c] = q.iter().sum();
    }

    let mut s = Scratch { xc: vec![0.0; k * d], z: vec![0.0; k * d], main_term: vec![0.0; k] };
    let mut slse = 0.0;
    for point in input.x.chunks_exact(d).take(n) {
        for c in 0..k {
            let sqnorm = forward_component(input, &qdiag, &mut s, point, c);
            s.main_term[c] = input.alpha[c] + sum_qs[c] - 0.5 * sqnorm;
        }
        // LSE and its softmax adjoint share the K exponentials.
        let max = s.main_term.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
        let mut sum = 0.0;
        for term in &mut s.main_term {
            *term = (*term - max).exp();
            sum += *term;
        }
        slse += max + sum.ln();
        for c in 0..k {
            let weight = s.main_term[c] / sum;
            g_alpha[c] += weight;
            reverse_component(input, &qdiag, &s, c, weight, g_means, g_icf);
        }
    }

    // −N·LSE(α): its adjoint is −N·softmax(α).
    let lse_alpha = log_sum_exp(&input.alpha, k);
    let n_f = n as f64;
    for (g, &a) in g_alpha.iter_mut().zip(&input.alpha) {
        *g -= n_f * (a - lse_alpha).exp();
    }

    let prior = prior_and_gradient(input, &qdiag, &sum_qs, g_icf);
    let constant = -n_f * (d as f64) * 0.5 * (2.0 * PI).ln();
    let objective = constant + slse - n_f * lse_alpha + prior - (k as f64) * gmm_log_wishart_constant(d, gamma, m);
    (objective, grad)
}

/// Fills xc and z of component `c` for one point; returns ‖z‖².
fn forward_component(input: &GmmInput, qdiag: &[f64], s: &mut Scratch, point: &[f64], c: usize) -> f64 {
    let d = input.d;
    let mean = &input.means[c * d..][..d];
    let l = &input.icf[c * input.icf_size() + d..][..d * (d - 1) / 2];
    let xc = &mut s.xc[c * d..][..d];
    let z = &mut s.z[c * d..][..d];
    for j in 0..d {
        xc[j] = point[j] - mean[j];
        z[j] = qdiag[c * d + j] * xc[j];
    }
    // The triangle is packed column by column, so walking columns reads it sequentially.
    let mut index = 0;
    for col in 0..d {
        for row in col + 1..d {
            z[row] += l[index] * xc[col];
            index += 1;
        }
    }
    z.iter().map(|v| v * v).sum()
}

/// Adds `weight` × d main_c / d(μ_c, icf_c) for one point, where main_c = … − ½‖z‖².
fn reverse_component(
    input: &GmmInput,
    qdiag: &[f64],
    s: &Scratch,
    c: usize,
    weight: f64,
    g_means: &mut [f64],
    g_icf: &mut [f64],
) {
    let d = input.d;
    let icf_size = input.icf_size();
    let l = &input.icf[c * icf_size + d..][..d * (d - 1) / 2];
    let xc = &s.xc[c * d..][..d];
    let z = &s.z[c * d..][..d];
    let qd = &qdiag[c * d..][..d];
    let (g_q, g_l) = g_icf[c * icf_size..][..icf_size].split_at_mut(d);
    let g_mean = &mut g_means[c * d..][..d];
    for j in 0..d {
        // d/dq_j: +1 from Σq, −z_j · exp(q_j) · xc_j from −½‖z‖².
        g_q[j] += weight * (1.0 - z[j] * qd[j] * xc[j]);
        // d/dμ = −d/dxc = +Qᵀz; this is its diagonal part.
        g_mean[j] += weight * qd[j] * z[j];
    }
    let mut index = 0;
    for col in 0..d {
        let mut qt_z = 0.0;
        let weighted_xc = weight * xc[col];
        for row in col + 1..d {
            g_l[index] -= weighted_xc * z[row];
            qt_z += l[index] * z[row];
            index += 1;
        }
        g_mean[col] += weight * qt_z;
    }
}

/// The prior Σ_k [½γ²‖Q_k‖²_F − m·Σq_k] (without −K·C) and its gradient added into `g_icf`.
fn prior_and_gradient(input: &GmmInput, qdiag: &[f64], sum_qs: &[f64], g_icf: &mut [f64]) -> f64 {
    let GmmInput { d, k, gamma, m, .. } = *input;
    let icf_size = input.icf_size();
    let gamma_sq = gamma * gamma;
    let mut prior = 0.0;
    for c in 0..k {
        let qd = &qdiag[c * d..][..d];
        let l = &input.icf[c * icf_size + d..][..icf_size - d];
        let (g_q, g_l) = g_icf[c * icf_size..][..icf_size].split_at_mut(d);
        let mut frobenius = 0.0;
        for (g, &e) in g_q.iter_mut().zip(qd) {
            frobenius += e * e;
            // d/dq of ½γ² exp(q)² − m·q
            *g += gamma_sq * e * e - m;
        }
        for (g, &lv) in g_l.iter_mut().zip(l) {
            frobenius += lv * lv;
            *g += gamma_sq * lv;
        }
        prior += 0.5 * gamma_sq * frobenius - m * sum_qs[c];
    }
    prior
}
