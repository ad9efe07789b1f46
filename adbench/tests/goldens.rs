//! Objectives, the manual derivatives and the ones `#[differentiable]` generates against
//! ADBench's goldens and `golden/computed/`, at ADBench's tolerance ρ < 1e-8.

mod common;

use backprop_adbench::bench::{ba_jacobian_rho, ba_objective_rho, ba_structure_ok};
use backprop_adbench::io::{self, BaRef};
use backprop_adbench::{TOLERANCE, generated, manual, objective, rho};
use common::{assert_adbench_close, data};
use std::path::Path;

/// The objective (both the restricted-style function and the manual one) and the manual
/// gradient of one GMM instance against its computed reference.
fn check_gmm(dir: &Path, instance: &str) {
    let input = io::read_gmm(&dir.join(format!("{instance}.txt"))).expect("readable instance");
    let reference =
        io::read_scalar_ref(&dir.join(format!("golden/computed/{instance}.ref.txt"))).expect("readable reference");
    let f = objective::gmm_objective_input(&input);
    assert!(rho(f, reference.objective) < TOLERANCE, "{instance}: f = {f}, want {}", reference.objective);
    let (f_manual, gradient) = manual::gmm_gradient(&input);
    assert!(rho(f_manual, reference.objective) < TOLERANCE, "{instance}: manual f = {f_manual}");
    assert_adbench_close(instance, &gradient, &reference.gradient);
    let (f_generated, gradient) = generated::gmm_gradient(&input);
    assert!(rho(f_generated, reference.objective) < TOLERANCE, "{instance}: generated f = {f_generated}");
    assert_adbench_close(&format!("{instance} (generated)"), &gradient, &reference.gradient);
}

/// Same for LSTM.
fn check_lstm(dir: &Path, instance: &str) {
    let input = io::read_lstm(&dir.join(format!("lstm/{instance}.txt"))).expect("readable instance");
    let reference =
        io::read_scalar_ref(&dir.join(format!("golden/computed/lstm/{instance}.ref.txt"))).expect("readable reference");
    let f = objective::lstm_objective_input(&input);
    assert!(rho(f, reference.objective) < TOLERANCE, "{instance}: f = {f}, want {}", reference.objective);
    let (f_manual, gradient) = manual::lstm_gradient(&input);
    assert!(rho(f_manual, reference.objective) < TOLERANCE, "{instance}: manual f = {f_manual}");
    assert_adbench_close(instance, &gradient, &reference.gradient);
    let (f_generated, gradient) = generated::lstm_gradient(&input);
    assert!(rho(f_generated, reference.objective) < TOLERANCE, "{instance}: generated f = {f_generated}");
    assert_adbench_close(&format!("{instance} (generated)"), &gradient, &reference.gradient);
}

#[test]
fn gmm_test_matches_adbench_goldens() {
    let Some(dir) = data() else { return };
    let goldens = io::read_test_goldens(&dir.join("golden/adbench_test_goldens.json")).expect("goldens");
    let input = io::read_gmm(&dir.join(&goldens.gmm.input)).expect("gmm/test.txt");
    let f = objective::gmm_objective_input(&input);
    assert!(rho(f, goldens.gmm.objective) < TOLERANCE, "f = {f}, want {}", goldens.gmm.objective);
    let (f_manual, gradient) = manual::gmm_gradient(&input);
    assert!(rho(f_manual, goldens.gmm.objective) < TOLERANCE);
    assert_adbench_close("gmm/test gradient", &gradient, &goldens.gmm.gradient);
    let (f_generated, gradient) = generated::gmm_gradient(&input);
    assert!(rho(f_generated, goldens.gmm.objective) < TOLERANCE);
    assert_adbench_close("gmm/test generated gradient", &gradient, &goldens.gmm.gradient);
}

#[test]
fn gmm_1k_matches_computed_references() {
    let Some(dir) = data() else { return };
    for instance in ["gmm_d2_K5", "gmm_d2_K10", "gmm_d10_K5", "gmm_d10_K10"] {
        check_gmm(&dir, &format!("gmm/1k/{instance}"));
    }
}

#[test]
fn gmm_10k_d2_matches_computed_reference() {
    let Some(dir) = data() else { return };
    check_gmm(&dir, "gmm/10k/gmm_d2_K5");
}

#[test]
fn gmm_10k_d10_matches_computed_reference() {
    let Some(dir) = data() else { return };
    check_gmm(&dir, "gmm/10k/gmm_d10_K5");
}

#[test]
fn lstm_matches_adbench_goldens() {
    let Some(dir) = data() else { return };
    let goldens = io::read_test_goldens(&dir.join("golden/adbench_test_goldens.json")).expect("goldens");
    let input = io::read_lstm(&dir.join(&goldens.lstm.input)).expect("lstm_l2_c1024");
    // ADBench gives the objective to 8 decimals only; ρ < 1e-8 still holds.
    let f = objective::lstm_objective_input(&input);
    assert!(rho(f, goldens.lstm.objective) < TOLERANCE, "f = {f}, want {}", goldens.lstm.objective);
    let (_, gradient) = manual::lstm_gradient(&input);
    assert_adbench_close("lstm_l2_c1024 gradient", &gradient, &goldens.lstm.gradient);
    let (_, gradient) = generated::lstm_gradient(&input);
    assert_adbench_close("lstm_l2_c1024 generated gradient", &gradient, &goldens.lstm.gradient);
}

#[test]
fn lstm_c1024_matches_computed_references() {
    let Some(dir) = data() else { return };
    check_lstm(&dir, "lstm_l2_c1024");
    check_lstm(&dir, "lstm_l4_c1024");
}

#[test]
fn lstm_c4096_matches_computed_references() {
    let Some(dir) = data() else { return };
    check_lstm(&dir, "lstm_l2_c4096");
    check_lstm(&dir, "lstm_l4_c4096");
}

#[test]
fn ba_test_jacobian_matches_adbench_goldens() {
    let Some(dir) = data() else { return };
    let goldens = io::read_test_goldens(&dir.join("golden/adbench_test_goldens.json")).expect("goldens");
    let golden = &goldens.ba;
    let input = io::read_ba(&dir.join(&golden.input)).expect("ba/test.txt");
    let err = objective::ba_objective_input(&input);
    for i in 0..input.p {
        assert_adbench_close("reprojection error", &err[2 * i..2 * i + 2], &golden.reproj_err_pair);
        assert!(rho(err[2 * input.p + i], golden.w_err) < TOLERANCE);
    }
    for (what, jacobian) in [("manual", manual::ba_jacobian(&input)), ("generated", generated::ba_jacobian(&input))] {
        assert_eq!(jacobian.nrows, golden.nrows);
        assert_eq!(jacobian.ncols, golden.ncols);
        assert_eq!(jacobian.rows.len(), golden.rows_size);
        assert_eq!(jacobian.vals.len(), golden.nnz);
        assert!(ba_structure_ok(&jacobian, &input), "{what}: CSR layout differs from ADBench's");
        assert_adbench_close(&format!("ba/test J ({what})"), &jacobian.vals, &golden.vals);
    }
}

/// One residual and block computed from the stored (compact) values against a reference.
fn check_ba_block(what: &str, compact: &io::BaCompact, reference: &BaRef) {
    let [fx, fy] = compact.feat;
    let residual = objective::ba_residual(&compact.cam, &compact.point, compact.w, fx, fy);
    assert_adbench_close(what, &residual, &reference.reproj_err);
    assert!(rho(objective::ba_weight_error(compact.w), reference.w_err) < TOLERANCE, "{what}: w_err");
    let (manual_residual, block) = manual::ba_block(&compact.cam, &compact.point, compact.w, fx, fy);
    assert_eq!(manual_residual, residual, "{what}: manual residual");
    assert_adbench_close(what, &block[0], &reference.block[0]);
    assert_adbench_close(what, &block[1], &reference.block[1]);
    let block = generated::ba_block(&compact.cam, &compact.point, compact.w, fx, fy);
    assert_adbench_close(&format!("{what} (generated)"), &block[0], &reference.block[0]);
    assert_adbench_close(&format!("{what} (generated)"), &block[1], &reference.block[1]);
    assert!(rho(-2.0 * compact.w, reference.dw_err_dw) < TOLERANCE, "{what}: dw_err/dw");
}

#[test]
fn every_ba_block_matches_computed_references() {
    let Some(dir) = data() else { return };
    let mut checked = 0;
    for entry in std::fs::read_dir(dir.join("ba")).expect("ba folder") {
        let path = entry.expect("directory entry").path();
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("utf-8 name").to_owned();
        let compact = io::read_ba_compact(&path).expect("readable BA file");
        let reference =
            io::read_ba_ref(&dir.join(format!("golden/computed/ba/{stem}.ref.txt"))).expect("readable reference");
        check_ba_block(&stem, &compact, &reference);
        checked += 1;
    }
    assert_eq!(checked, 21, "ba/test.txt and ba1…ba20");
}

#[test]
fn ba1_full_jacobian_matches_computed_reference() {
    let Some(dir) = data() else { return };
    let input = io::read_ba(&dir.join("ba/ba1_n49_m7776_p31843.txt")).expect("ba1");
    let reference = io::read_ba_ref(&dir.join("golden/computed/ba/ba1_n49_m7776_p31843.ref.txt")).expect("reference");
    let err = objective::ba_objective_input(&input);
    assert!(ba_objective_rho(&err, &reference) < TOLERANCE);
    for jacobian in [manual::ba_jacobian(&input), generated::ba_jacobian(&input)] {
        assert_eq!(jacobian.vals.len(), 31 * input.p);
        assert!(ba_jacobian_rho(&jacobian, &input, &reference) < TOLERANCE);
    }
}
