//! `ba`: the reprojection error by hand without rotation or distortion, each observation's
//! 2 × 15 block against central finite differences, and the sparse layout.

mod common;
use common::*;

use backprop_gradbench::ba::{self, CAM_PARAMS, Problem};

fn camera(seed: u64) -> [f64; CAM_PARAMS] {
    let v = vector(CAM_PARAMS, seed, -0.5, 0.5);
    let mut cam = [0.0; CAM_PARAMS];
    cam.copy_from_slice(&v);
    cam[6] = 2.0 + v[6]; // focal length
    cam[9] = 0.1 * v[9]; // small distortion
    cam[10] = 0.01 * v[10];
    cam
}

#[test]
fn pinhole_error_by_hand() {
    // No rotation, no distortion: projection = f·(X − C)₀,₁ / (X − C)₂ + principal point.
    let cam = [0.0, 0.0, 0.0, 1.0, 2.0, -1.0, 3.0, 0.5, -0.25, 0.0, 0.0];
    let x = [2.0, 4.0, 3.0];
    let feat = [1.0, 2.0];
    // X − C = (1, 2, 4): projection (3·¼ + ½, 3·½ − ¼) = (1.25, 1.25); error 2·(0.25, −0.75).
    assert_eq!(ba::reproj_error(&cam, &x, 2.0, &feat), [0.5, -1.5]);
    assert_eq!(ba::weight_error(3.0), -8.0);
}

#[test]
fn rotation_preserves_length_and_matches_first_order_at_zero() {
    let pt = [0.3, -1.2, 2.0];
    let r = ba::rodrigues_rotate_point([0.4, -0.1, 0.7], pt);
    let norm = |v: [f64; 3]| v.iter().map(|c| c * c).sum::<f64>().sqrt();
    assert!((norm(r) - norm(pt)).abs() < 1e-14);
    assert_eq!(ba::rodrigues_rotate_point([0.0; 3], pt), pt);
}

#[test]
fn blocks_match_differences_and_sit_in_their_columns() {
    let (n, m, p) = (2, 3, 4);
    let mut problem = Problem::replicate(n, m, p, camera(70), [0.3, -0.4, 3.0], 0.8, [0.1, 0.2]);
    // Make the copies differ, so that a block read from the wrong camera or point would show.
    for (c, cam) in problem.cams.iter_mut().enumerate() {
        *cam = camera(71 + c as u64);
    }
    for (k, x) in problem.x.iter_mut().enumerate() {
        x[0] += 0.1 * k as f64;
    }
    let jac = ba::jacobian(&problem);
    assert_eq!(jac.rows.len(), 3 * p + 1);
    assert_eq!(jac.rows[3 * p] as usize, 2 * p * 15 + p);
    let jac_cols: Vec<usize> = jac.cols.iter().map(|&c| c as usize).collect();
    for (i, &[c, pt]) in problem.obs.iter().enumerate() {
        // The block's 15 inputs packed as camera, point, weight.
        let packed = [problem.cams[c].to_vec(), problem.x[pt].to_vec(), vec![problem.w[i]]].concat();
        let error = |v: &[f64], row: usize| {
            let cam: [f64; CAM_PARAMS] = v[..CAM_PARAMS].try_into().unwrap();
            let x: [f64; 3] = v[CAM_PARAMS..CAM_PARAMS + 3].try_into().unwrap();
            ba::reproj_error(&cam, &x, v[CAM_PARAMS + 3], &problem.feats[i])[row]
        };
        for row in 0..2 {
            let r = 2 * i + row;
            let (start, end) = (jac.rows[r] as usize, jac.rows[r + 1] as usize);
            assert_eq!(end - start, 15);
            let fd = fd_gradient(|v| error(v, row), &packed, 1e-6);
            assert_close(&jac.vals[start..end], &fd, 1e-7);
            let expected_cols: Vec<usize> = (0..CAM_PARAMS)
                .map(|k| CAM_PARAMS * c + k)
                .chain((0..3).map(|k| CAM_PARAMS * n + 3 * pt + k))
                .chain([CAM_PARAMS * n + 3 * m + i])
                .collect();
            assert_eq!(&jac_cols[start..end], &expected_cols[..]);
        }
        // The weight rows: d(1 − w²)/dw = −2w, in the weight's column.
        let r = jac.rows[2 * p + i] as usize;
        assert_eq!(jac_cols[r], CAM_PARAMS * n + 3 * m + i);
        assert_eq!(jac.vals[r], -2.0 * problem.w[i]);
    }
}

#[test]
fn objective_output_is_compressed_as_the_reference_writes_it() {
    let problem = Problem::replicate(2, 3, 20, camera(80), [0.3, -0.4, 3.0], 0.8, [0.1, 0.2]);
    let errors = ba::objective(&problem);
    let json = serde_json::to_value(&errors).unwrap();
    assert_eq!(json["reproj_error"]["repeated"], 20);
    assert_eq!(json["reproj_error"]["elements"][1], errors.reproj_err[1]);
    assert_eq!(json["w_err"]["element"], 1.0 - 0.8 * 0.8);
    let jac = serde_json::to_value(ba::jacobian(&problem)).unwrap();
    // The first 30 row starts and the last (the number of entries).
    assert_eq!(jac["rows"].as_array().unwrap().len(), 31);
    assert_eq!(jac["rows"][29], 29 * 15);
    assert_eq!(jac["rows"][30], 2 * 20 * 15 + 20);
}

#[test]
fn a_problem_too_large_for_32_bit_indices_is_an_error_naming_its_sizes() {
    // 31 entries an observation: 200 million observations need 6.2 billion.
    let input = serde_json::json!({
        "n": 1, "m": 1, "p": 200_000_000_u64,
        "cam": vec![0.0; CAM_PARAMS], "x": [0.0, 0.0, 1.0], "w": 1.0, "feat": [0.0, 0.0],
    });
    let error = ba::evaluate("jacobian", &input).err().unwrap_or_default();
    assert!(error.contains("p = 200000000") && error.contains("32 bits"), "{error}");
    assert!(ba::fits_u32(356, 226_730, 1_255_268), "GradBench's largest input fits");
}
