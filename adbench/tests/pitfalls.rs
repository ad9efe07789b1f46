//! The pitfalls SPEC.md lists, each pinned by a test that fails if the quirk is lost.

mod common;

use backprop_adbench::io::{self, CAM_PARAMS, GmmInput, LstmInput};
use backprop_adbench::objective::{
    ba_residual, gmm_log_wishart_constant, gmm_objective_input, ln_gamma, lstm_objective_input, sigmoid,
};
use backprop_adbench::{bench, fd, manual, rho};
use common::{assert_slices_close, data};
use std::f64::consts::PI;

// ---------------------------------------------------------------------------------------------
// LSTM
// ---------------------------------------------------------------------------------------------

/// One layer, `b` bits, two characters, every parameter and the state zero.
fn zero_lstm(b: usize, first: Vec<f64>, second: Vec<f64>) -> LstmInput {
    LstmInput {
        l: 1,
        c: 2,
        b,
        main_params: vec![0.0; 8 * b],
        extra_params: vec![0.0; 3 * b],
        state: vec![0.0; 2 * b],
        sequence: [first, second].concat(),
    }
}

#[test]
fn lstm_keeps_the_plus_two_inside_the_log() {
    // All parameters zero ⇒ y = 0, so lse = ln(Σ e⁰ + 2) = ln(b + 2) and the loss is
    // −Σ_j seq₁_j (0 − lse)/b. Without the + 2 it would be ln b.
    let one_bit = zero_lstm(1, vec![0.0], vec![1.0]);
    assert!((lstm_objective_input(&one_bit) - 3.0_f64.ln()).abs() < 1e-15);
    let two_bits = zero_lstm(2, vec![1.0, 0.0], vec![1.0, 1.0]);
    assert!((lstm_objective_input(&two_bits) - 4.0_f64.ln()).abs() < 1e-15);
}

/// The spec's one-step formulas for l = 1, b = 1, written out independently of the crate.
fn one_step_by_hand(input: &LstmInput) -> f64 {
    let w = &input.main_params;
    let e = &input.extra_params;
    let (h, s) = (input.state[0], input.state[1]);
    let inp = input.sequence[0] * e[0];
    let f = sigmoid(inp * w[0] + w[4]);
    let i = sigmoid(h * w[1] + w[5]);
    let o = sigmoid(inp * w[2] + w[6]);
    let g = (h * w[3] + w[7]).tanh();
    let s = s * f + i * g;
    let h = o * s.tanh();
    let y = h * e[1] + e[2];
    let lse = (y.exp() + 2.0).ln();
    -(input.sequence[1] * (y - lse))
}

fn wired_lstm() -> LstmInput {
    LstmInput {
        l: 1,
        c: 2,
        b: 1,
        main_params: vec![0.5, -1.2, 0.8, 1.5, 0.1, 0.2, -0.3, 0.05],
        extra_params: vec![0.7, 1.3, -0.2],
        state: vec![0.3, -0.4],
        sequence: vec![1.0, 1.0],
    }
}

#[test]
fn lstm_gates_read_input_and_hidden_as_adbench_wires_them() {
    let input = wired_lstm();
    let expected = one_step_by_hand(&input);
    assert!(rho(lstm_objective_input(&input), expected) < 1e-15);
    assert!(rho(manual::lstm_gradient(&input).0, expected) < 1e-15);
    // The check has teeth: swapping W_f with W_i (the "textbook" wiring would feed the input to
    // the input gate) changes the loss well beyond the tolerance.
    let mut swapped = input.clone();
    swapped.main_params.swap(0, 1);
    assert!(rho(lstm_objective_input(&swapped), expected) > 1e-3);
}

#[test]
fn lstm_starts_every_evaluation_from_the_given_state() {
    let Some(dir) = data() else { return };
    let input = io::read_lstm(&dir.join("lstm/lstm_l2_c1024.txt")).expect("lstm").truncated(16);
    let first = lstm_objective_input(&input);
    let other = LstmInput { state: input.state.iter().map(|v| v + 0.5).collect(), ..input.clone() };
    // The state matters …
    assert!(rho(lstm_objective_input(&other), first) > 1e-6);
    // … and nothing of an earlier evaluation leaks into the next one.
    assert_eq!(lstm_objective_input(&input), first);
    let (f1, g1) = manual::lstm_gradient(&input);
    let (f2, g2) = manual::lstm_gradient(&input);
    assert_eq!((f1, &g1), (f2, &g2));
    assert_eq!(f1, first);
}

#[test]
fn lstm_weights_are_element_wise() {
    // With vector weights, bit j of the input only reaches W_f[j] and W_o[j] of layer 0: a
    // bit that is 0 in every input character gives exactly zero partials there (a matrix
    // would mix the bits). The ADBench golden shows the same zeros.
    let Some(dir) = data() else { return };
    let input = io::read_lstm(&dir.join("lstm/lstm_l2_c1024.txt")).expect("lstm");
    let goldens = io::read_test_goldens(&dir.join("golden/adbench_test_goldens.json")).expect("goldens");
    let (_, gradient) = manual::lstm_gradient(&input);
    let b = input.b;
    assert_eq!(gradient.len(), 8 * input.l * b + 3 * b);
    let mut silent_bits = 0;
    for j in 0..b {
        let always_zero = (0..input.c - 1).all(|t| input.sequence[t * b + j] == 0.0);
        if always_zero {
            silent_bits += 1;
            for index in [j, 2 * b + j] {
                assert_eq!(gradient[index], 0.0, "W entry {index}");
                assert_eq!(goldens.lstm.gradient[index], 0.0, "golden W entry {index}");
            }
        }
    }
    assert!(silent_bits > 0, "ASCII text always has some zero bits");
}

// ---------------------------------------------------------------------------------------------
// BA
// ---------------------------------------------------------------------------------------------

/// A camera with the given rotation and otherwise ADBench-like values.
fn camera(r: [f64; 3]) -> [f64; CAM_PARAMS] {
    [r[0], r[1], r[2], 0.3, -0.2, -4.0, 420.0, 5.0, -8.0, 0.08, 0.003]
}

#[test]
fn ba_residual_is_proj_minus_feat() {
    let Some(dir) = data() else { return };
    let c = io::read_ba_compact(&dir.join("ba/test.txt")).expect("ba/test.txt");
    let [fx, fy] = c.feat;
    let base = ba_residual(&c.cam, &c.point, c.w, fx, fy);
    let shifted = ba_residual(&c.cam, &c.point, c.w, fx + 1.0, fy);
    // err = w·(proj − feat): moving the feature by +1 moves err_x by −w, err_y not at all.
    assert!((shifted[0] - base[0] + c.w).abs() < 1e-12);
    assert_eq!(shifted[1], base[1]);
    // And the golden pair has this sign, not the paper's w·(feat − proj).
    let goldens = io::read_test_goldens(&dir.join("golden/adbench_test_goldens.json")).expect("goldens");
    assert_slices_close("sign", &base, &goldens.ba.reproj_err_pair, 1e-8);
    assert!(rho(-base[0], goldens.ba.reproj_err_pair[0]) > 1e-3);
}

#[test]
fn ba_theta_zero_takes_the_first_order_branch() {
    let cam = camera([0.0; 3]);
    let point = [1.0, 2.0, 3.0];
    let (w, fx, fy) = (0.8, 10.0, -20.0);
    // With r = 0 the rotation is the identity: project X − C directly.
    let xo = [point[0] - cam[3], point[1] - cam[4], point[2] - cam[5]];
    let u = [xo[0] / xo[2], xo[1] / xo[2]];
    let s = u[0] * u[0] + u[1] * u[1];
    let distortion = 1.0 + cam[9] * s + cam[10] * s * s;
    let expected = [w * (u[0] * distortion * cam[6] + cam[7] - fx), w * (u[1] * distortion * cam[6] + cam[8] - fy)];
    let residual = ba_residual(&cam, &point, w, fx, fy);
    assert_slices_close("r = 0 residual", &residual, &expected, 1e-14);
    // The general formula would divide by θ = 0; the branch keeps the Jacobian finite and equal
    // to the limit that finite differences (which step off r = 0) see.
    let (_, block) = manual::ba_block(&cam, &point, w, fx, fy);
    assert!(block.iter().flatten().all(|v| v.is_finite()));
    let numeric = fd::ba_block(&cam, &point, w, fx, fy);
    assert_slices_close("r = 0 row x", &block[0], &numeric[0], 1e-7);
    assert_slices_close("r = 0 row y", &block[1], &numeric[1], 1e-7);
    // Continuity: a tiny rotation gives nearly the same residual.
    let nearby = ba_residual(&camera([1e-12, 0.0, 0.0]), &point, w, fx, fy);
    assert_slices_close("continuity", &nearby, &residual, 1e-10);
}

#[test]
fn ba_csr_stores_the_structural_zeros() {
    let Some(dir) = data() else { return };
    let input = io::read_ba(&dir.join("ba/test.txt")).expect("ba/test.txt");
    let jacobian = manual::ba_jacobian(&input);
    let p = input.p;
    // 3p rows (ADBench's FileFormat.md swaps nrows and ncols; the code does not).
    assert_eq!((jacobian.nrows, jacobian.ncols), (3 * p, 11 * input.n + 3 * input.m + p));
    assert_eq!(jacobian.vals.len(), 31 * p);
    assert!(bench::ba_structure_ok(&jacobian, &input));
    for i in 0..p {
        let cam = input.obs[2 * i];
        let (row_x, row_y) = (2 * i, 2 * i + 1);
        for (row, col, name) in [(row_x, 11 * cam + 8, "d err_x/d v0"), (row_y, 11 * cam + 7, "d err_y/d u0")] {
            let span = jacobian.rows[row]..jacobian.rows[row + 1];
            assert_eq!(span.len(), 15);
            let at = span.clone().find(|&k| jacobian.cols[k] == col).unwrap_or_else(|| panic!("{name} not stored"));
            assert_eq!(jacobian.vals[at], 0.0, "{name}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// GMM
// ---------------------------------------------------------------------------------------------

/// D = 4, K = 1, N = 1, Q = I except one packed strictly-lower entry `a` at `packed_index`,
/// μ = 0 and the point `x`.
fn one_entry_gmm(packed_index: usize, a: f64, x: [f64; 4]) -> GmmInput {
    let mut icf = vec![0.0; 10];
    icf[4 + packed_index] = a;
    GmmInput { d: 4, k: 1, n: 1, alpha: vec![0.3], means: vec![0.0; 4], icf, x: x.to_vec(), gamma: 1.0, m: 0.0 }
}

#[test]
fn gmm_packs_the_lower_triangle_column_by_column() {
    // Column-major packing for D = 4: (1,0), (2,0), (3,0), (2,1), (3,1), (3,2). Entry 2 is
    // L[3][0], so it acts on x₀; row-major packing would make it L[2][1], acting on x₁.
    // f(a) − f(0) = −½‖Qx‖² difference + ½γ²a² (the prior enters with a + sign).
    let a = 2.0;
    let e0 = [1.0, 0.0, 0.0, 0.0];
    let e1 = [0.0, 1.0, 0.0, 0.0];
    let delta = |x| gmm_objective_input(&one_entry_gmm(2, a, x)) - gmm_objective_input(&one_entry_gmm(2, 0.0, x));
    // Q·e₀ = (1, 0, 0, a): ‖·‖² grows by a².
    assert!((delta(e0) - (-0.5 * a * a + 0.5 * a * a)).abs() < 1e-12);
    // Q·e₁ = e₁: only the prior changes.
    assert!((delta(e1) - 0.5 * a * a).abs() < 1e-12);
    // With x = 3e₀ the two effects no longer cancel: −½·9a² + ½a².
    let x = [3.0, 0.0, 0.0, 0.0];
    assert!((delta(x) - (-4.5 * a * a + 0.5 * a * a)).abs() < 1e-12);
}

/// The GMM objective straight from SPEC.md §1 with dense matrices: a second implementation
/// that shares no code with the crate.
fn dense_gmm(input: &GmmInput) -> f64 {
    let (d, k, n) = (input.d, input.k, input.n);
    let icf_size = d * (d + 1) / 2;
    let lse = |v: &[f64]| {
        let mx = v.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        mx + v.iter().map(|x| (x - mx).exp()).sum::<f64>().ln()
    };
    let mut q_mats = Vec::new();
    for c in 0..k {
        let icf = &input.icf[c * icf_size..][..icf_size];
        let mut q = vec![vec![0.0; d]; d];
        let mut next = d;
        for (j, row) in q.iter_mut().enumerate() {
            row[j] = icf[j].exp();
        }
        for col in 0..d {
            for row in q.iter_mut().skip(col + 1) {
                row[col] = icf[next];
                next += 1;
            }
        }
        q_mats.push(q);
    }
    let mut f = -(n as f64) * (d as f64) * 0.5 * (2.0 * PI).ln();
    for i in 0..n {
        let terms: Vec<f64> = (0..k)
            .map(|c| {
                let diff: Vec<f64> = (0..d).map(|j| input.x[i * d + j] - input.means[c * d + j]).collect();
                let qx: Vec<f64> =
                    q_mats[c].iter().map(|row| row.iter().zip(&diff).map(|(a, b)| a * b).sum()).collect();
                let sum_q: f64 = input.icf[c * icf_size..][..d].iter().sum();
                input.alpha[c] + sum_q - 0.5 * qx.iter().map(|v| v * v).sum::<f64>()
            })
            .collect();
        f += lse(&terms);
    }
    f -= n as f64 * lse(&input.alpha);
    for (c, q) in q_mats.iter().enumerate() {
        let frobenius: f64 = q.iter().flatten().map(|v| v * v).sum();
        let sum_q: f64 = input.icf[c * icf_size..][..d].iter().sum();
        f += 0.5 * input.gamma * input.gamma * frobenius - input.m * sum_q;
    }
    f - k as f64 * gmm_log_wishart_constant(d, input.gamma, input.m)
}

#[test]
fn gmm_objective_agrees_with_a_dense_reference() {
    let Some(dir) = data() else { return };
    let full = io::read_gmm(&dir.join("gmm/1k/gmm_d10_K5.txt")).expect("gmm_d10_K5");
    let input = GmmInput { n: 50, x: full.x[..500].to_vec(), gamma: 1.3, m: 2.0, ..full };
    assert!(rho(gmm_objective_input(&input), dense_gmm(&input)) < 1e-13);
}

#[test]
fn wishart_constant_and_log_gamma_follow_known_values() {
    // Γ(1) = Γ(2) = 1, Γ(½) = √π, Γ(5) = 24, Γ(10) = 9!, and Γ(x + 1) = x·Γ(x).
    for (x, expected) in
        [(1.0, 0.0), (2.0, 0.0), (0.5, 0.5 * PI.ln()), (5.0, 24.0_f64.ln()), (10.0, 362_880.0_f64.ln())]
    {
        assert!((ln_gamma(x) - expected).abs() < 1e-13, "lnΓ({x})");
    }
    for x in [0.3, 1.7, 4.2, 12.5, 40.0] {
        assert!((ln_gamma(x + 1.0) - ln_gamma(x) - f64::ln(x)).abs() < 1e-12, "recurrence at {x}");
    }
    // D = 2, γ = 1, m = 0: n′ = 3, ln Γ₂(3/2) = ½ ln π + ln Γ(3/2) + ln Γ(1) = ln π − ln 2, so
    // C = 3·2·(−½ ln 2) − (ln π − ln 2) = −ln(4π).
    assert!((gmm_log_wishart_constant(2, 1.0, 0.0) + (4.0 * PI).ln()).abs() < 1e-13);
    // C grows by n′·D·ln γ with γ.
    let shift = gmm_log_wishart_constant(3, 2.5, 1.0) - gmm_log_wishart_constant(3, 1.0, 1.0);
    assert!((shift - 5.0 * 3.0 * 2.5_f64.ln()).abs() < 1e-12);
}
