//! BA: bundle-adjustment reprojection and weight errors (SPEC.md §2).

use crate::io::{BaInput, CAM_PARAMS};
use backprop::differentiable;

/// The reprojection error w·(proj − feat) of one observation (ADBench's code, not the paper's
/// w·(feat − proj)). `cam` holds r(3), C(3), f, u0, v0, κ1, κ2; `x` the 3-D point.
#[differentiable(wrt(cam, x, w))]
pub fn ba_residual(cam: &[f64; CAM_PARAMS], x: &[f64; 3], w: f64, feat_x: f64, feat_y: f64) -> [f64; 2] {
    let xcam = ba_rodrigues_rotate(cam, x[0] - cam[3], x[1] - cam[4], x[2] - cam[5]);
    // Perspective division, then radial distortion u·(1 + κ1·s + κ2·s²) with s = ‖u‖².
    let u0 = xcam[0] / xcam[2];
    let u1 = xcam[1] / xcam[2];
    let s = u0 * u0 + u1 * u1;
    let distortion = 1.0 + cam[9] * s + cam[10] * s * s;
    let proj_x = u0 * distortion * cam[6] + cam[7];
    let proj_y = u1 * distortion * cam[6] + cam[8];
    [w * (proj_x - feat_x), w * (proj_y - feat_y)]
}

/// Rotates Xo = (xo0, xo1, xo2) by the Rodrigues vector `cam[0..3]`.
#[differentiable]
pub fn ba_rodrigues_rotate(cam: &[f64; CAM_PARAMS], xo0: f64, xo1: f64, xo2: f64) -> [f64; 3] {
    let sqtheta = cam[0] * cam[0] + cam[1] * cam[1] + cam[2] * cam[2];
    // ADBench branches on θ² being exactly zero; the general formula would divide by θ = 0.
    if sqtheta != 0.0 {
        let theta = sqtheta.sqrt();
        let cos_theta = theta.cos();
        let sin_theta = theta.sin();
        let v0 = cam[0] / theta;
        let v1 = cam[1] / theta;
        let v2 = cam[2] / theta;
        // Xcam = Xo·cosθ + (v × Xo)·sinθ + v·(v·Xo)(1 − cosθ)
        let tmp = (v0 * xo0 + v1 * xo1 + v2 * xo2) * (1.0 - cos_theta);
        [
            xo0 * cos_theta + (v1 * xo2 - v2 * xo1) * sin_theta + v0 * tmp,
            xo1 * cos_theta + (v2 * xo0 - v0 * xo2) * sin_theta + v1 * tmp,
            xo2 * cos_theta + (v0 * xo1 - v1 * xo0) * sin_theta + v2 * tmp,
        ]
    } else {
        // First-order form Xo + r × Xo.
        [xo0 + (cam[1] * xo2 - cam[2] * xo1), xo1 + (cam[2] * xo0 - cam[0] * xo2), xo2 + (cam[0] * xo1 - cam[1] * xo0)]
    }
}

/// The weight error 1 − w².
#[differentiable]
pub fn ba_weight_error(w: f64) -> f64 {
    1.0 - w * w
}

/// All 3p outputs: 2p reprojection errors (observation-major), then p weight errors.
/// Not itself differentiated (the Jacobian is assembled per observation), so it may take the
/// integer observation table.
pub fn ba_objective(cams: &[f64], x: &[f64], w: &[f64], obs: &[usize], feats: &[f64], p: usize) -> Vec<f64> {
    let mut err = vec![0.0; 3 * p];
    ba_objective_into(cams, x, w, obs, feats, &mut err);
    err
}

/// [`ba_objective`] into existing storage of length 3p (the benchmark reuses its output, as
/// ADBench's modules do).
pub fn ba_objective_into(cams: &[f64], x: &[f64], w: &[f64], obs: &[usize], feats: &[f64], err: &mut [f64]) {
    let p = err.len() / 3;
    let (reproj, w_err) = err.split_at_mut(2 * p);
    for (i, (pair, weight_error)) in reproj.chunks_exact_mut(2).zip(w_err).enumerate() {
        let (cam, point) = observation(cams, x, obs[2 * i], obs[2 * i + 1]);
        pair.copy_from_slice(&ba_residual(cam, point, w[i], feats[2 * i], feats[2 * i + 1]));
        *weight_error = ba_weight_error(w[i]);
    }
}

/// The camera and the point of one observation, as the fixed-size arrays [`ba_residual`] takes.
pub fn observation<'a>(
    cams: &'a [f64],
    x: &'a [f64],
    cam_index: usize,
    point_index: usize,
) -> (&'a [f64; CAM_PARAMS], &'a [f64; 3]) {
    let cam = cams[CAM_PARAMS * cam_index..].first_chunk().expect("camera index within the camera table");
    let point = x[3 * point_index..].first_chunk().expect("point index within the point table");
    (cam, point)
}

/// [`ba_objective`] on a reader struct.
pub fn ba_objective_input(input: &BaInput) -> Vec<f64> {
    ba_objective(&input.cams, &input.x, &input.w, &input.obs, &input.feats, input.p)
}

/// [`ba_objective_into`] on a reader struct, resizing `err` to 3p if needed.
pub fn ba_objective_input_into(input: &BaInput, err: &mut Vec<f64>) {
    err.resize(3 * input.p, 0.0);
    ba_objective_into(&input.cams, &input.x, &input.w, &input.obs, &input.feats, err);
}
