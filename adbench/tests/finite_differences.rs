//! Manual and generated derivatives against central finite differences of the objectives,
//! including the GMM Wishart term with m ≠ 0, which no ADBench file exercises.

mod common;

use backprop_adbench::io::{self, GmmInput};
use backprop_adbench::{fd, generated, manual, max_rho, objective};
use common::{assert_slices_close, data};

/// Central differences with h ≈ 6e-6·max(1, |x|) have truncation error O(h²) ≈ 4e-11 times
/// the third derivative and rounding error ≈ 1e-16·|f|/h. On these small instances both stay
/// below 1e-8, so 1e-7 passes with margin while any wrong term of size ≥ 1e-6 fails.
const FD_TOLERANCE: f64 = 1e-7;

/// `input` with the Wishart hyper-parameters replaced.
fn with_wishart(input: &GmmInput, gamma: f64, m: f64) -> GmmInput {
    GmmInput { gamma, m, ..input.clone() }
}

/// The first `n` points of an instance.
fn first_points(input: &GmmInput, n: usize) -> GmmInput {
    GmmInput { n, x: input.x[..n * input.d].to_vec(), ..input.clone() }
}

/// Manual and generated gradients against central differences of the objective.
fn check_gmm_against_fd(what: &str, input: &GmmInput) {
    let numeric = fd::central_gradient(|p| objective::gmm_objective_packed(input, p), &input.packed_params());
    let (_, gradient) = manual::gmm_gradient(input);
    assert_slices_close(what, &gradient, &numeric, FD_TOLERANCE);
    let (_, gradient) = generated::gmm_gradient(input);
    assert_slices_close(&format!("{what} (generated)"), &gradient, &numeric, FD_TOLERANCE);
}

#[test]
fn gmm_with_nonzero_m_matches_finite_differences() {
    let Some(dir) = data() else { return };
    let test = io::read_gmm(&dir.join("gmm/test.txt")).expect("gmm/test.txt");
    check_gmm_against_fd("gmm/test, γ = 1.5, m = 2", &with_wishart(&test, 1.5, 2.0));
    // D = 10 exercises the packed triangle far more than D = 2.
    let d10 = io::read_gmm(&dir.join("gmm/1k/gmm_d10_K5.txt")).expect("gmm_d10_K5");
    check_gmm_against_fd("gmm_d10_K5[..20], γ = 0.7, m = 3", &with_wishart(&first_points(&d10, 20), 0.7, 3.0));
}

#[test]
fn the_m_term_is_large_enough_for_the_fd_test_to_see() {
    // The test above could only miss a wrong −m·Σq term if that term were tiny next to the
    // tolerance. Its gradient is −m on every log-diagonal entry and 0 elsewhere.
    let Some(dir) = data() else { return };
    let test = io::read_gmm(&dir.join("gmm/test.txt")).expect("gmm/test.txt");
    let (_, g0) = manual::gmm_gradient(&with_wishart(&test, 1.5, 0.0));
    let (_, g2) = manual::gmm_gradient(&with_wishart(&test, 1.5, 2.0));
    let icf_start = test.k + test.k * test.d;
    for (index, (a, b)) in g2.iter().zip(&g0).enumerate() {
        let in_q = index >= icf_start && (index - icf_start) % test.icf_size() < test.d;
        let expected = if in_q { -2.0 } else { 0.0 };
        assert!((a - b - expected).abs() < 1e-12, "entry {index}: difference {}", a - b);
    }
    assert!(max_rho(&g2, &g0) > 1e3 * FD_TOLERANCE);
}

#[test]
fn lstm_matches_finite_differences() {
    let Some(dir) = data() else { return };
    let input = io::read_lstm(&dir.join("lstm/lstm_l2_c1024.txt")).expect("lstm_l2_c1024").truncated(24);
    let numeric = fd::lstm_gradient(&input);
    let (_, gradient) = manual::lstm_gradient(&input);
    assert_slices_close("lstm_l2 (24 characters)", &gradient, &numeric, FD_TOLERANCE);
    let (_, gradient) = generated::lstm_gradient(&input);
    assert_slices_close("lstm_l2 (24 characters, generated)", &gradient, &numeric, FD_TOLERANCE);
}

#[test]
fn ba_blocks_match_finite_differences() {
    let Some(dir) = data() else { return };
    for name in ["test", "ba1_n49_m7776_p31843"] {
        let c = io::read_ba_compact(&dir.join(format!("ba/{name}.txt"))).expect("BA file");
        let [fx, fy] = c.feat;
        let (_, block) = manual::ba_block(&c.cam, &c.point, c.w, fx, fy);
        let numeric = fd::ba_block(&c.cam, &c.point, c.w, fx, fy);
        // The block's entries reach ~2000, where rounding (1e-16·|r|/h) is still ~1e-9 in ρ.
        assert_slices_close(name, &block[0], &numeric[0], FD_TOLERANCE);
        assert_slices_close(name, &block[1], &numeric[1], FD_TOLERANCE);
        let block = generated::ba_block(&c.cam, &c.point, c.w, fx, fy);
        assert_slices_close(name, &block[0], &numeric[0], FD_TOLERANCE);
        assert_slices_close(name, &block[1], &numeric[1], FD_TOLERANCE);
    }
}

#[test]
fn fd_gradient_of_a_known_function() {
    // f(x, y) = x²·y + sin(y): ∇f = (2xy, x² + cos y).
    let (x, y) = (1.3_f64, -0.7_f64);
    let numeric = fd::central_gradient(|v| v[0] * v[0] * v[1] + v[1].sin(), &[x, y]);
    assert_slices_close("∇(x²y + sin y)", &numeric, &[2.0 * x * y, x * x + y.cos()], 1e-9);
}
