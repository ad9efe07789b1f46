//! `ba`: bundle adjustment as in ADBench. Each observation's reprojection error is the
//! weighted difference between a point projected by a camera (Rodrigues rotation, perspective
//! division, radial distortion) and the observed feature; each weight's error is 1 − w².
//! `objective` gives both; `jacobian` their sparse Jacobian in the compressed row form of the
//! C++ reference, each observation's 2 × 15 block from two pullbacks of
//! `reproj_error_vjp` (one per row).

use backprop::differentiable;
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Evaluated;
use crate::runs::{parse, repeat, runs_of};

/// The parameters of a camera: rotation (3, Rodrigues), centre (3), focal length, principal
/// point (2), radial distortion (2).
pub const CAM_PARAMS: usize = 11;

#[derive(Deserialize)]
struct Input {
    n: usize,
    m: usize,
    p: usize,
    cam: [f64; CAM_PARAMS],
    x: [f64; 3],
    w: f64,
    feat: [f64; 2],
}

/// A problem: n cameras, m points, p observations (camera, point) with a weight and a
/// feature each.
pub struct Problem {
    /// The cameras.
    pub cams: Vec<[f64; CAM_PARAMS]>,
    /// The 3-D points.
    pub x: Vec<[f64; 3]>,
    /// One weight per observation.
    pub w: Vec<f64>,
    /// Each observation's camera and point.
    pub obs: Vec<[usize; 2]>,
    /// Each observation's 2-D feature.
    pub feats: Vec<[f64; 2]>,
}

impl Problem {
    /// One camera, point, weight and feature replicated, as the eval asks: n copies of the
    /// camera, m of the point, p observations of camera i mod n and point i mod m.
    pub fn replicate(
        n: usize,
        m: usize,
        p: usize,
        cam: [f64; CAM_PARAMS],
        x: [f64; 3],
        w: f64,
        feat: [f64; 2],
    ) -> Problem {
        Problem {
            cams: vec![cam; n],
            x: vec![x; m],
            w: vec![w; p],
            obs: (0..p).map(|i| [i % n, i % m]).collect(),
            feats: vec![feat; p],
        }
    }
}

/// The point `pt` rotated by the Rodrigues vector `rot` (to first order when `rot` is 0).
#[differentiable]
pub fn rodrigues_rotate_point(rot: [f64; 3], pt: [f64; 3]) -> [f64; 3] {
    let sqtheta = rot[0] * rot[0] + rot[1] * rot[1] + rot[2] * rot[2];
    if sqtheta != 0.0 {
        let theta = sqtheta.sqrt();
        let (costheta, sintheta) = (theta.cos(), theta.sin());
        let w = [rot[0] / theta, rot[1] / theta, rot[2] / theta];
        let w_cross_pt = [w[1] * pt[2] - w[2] * pt[1], w[2] * pt[0] - w[0] * pt[2], w[0] * pt[1] - w[1] * pt[0]];
        let tmp = (w[0] * pt[0] + w[1] * pt[1] + w[2] * pt[2]) * (1.0 - costheta);
        [
            pt[0] * costheta + w_cross_pt[0] * sintheta + w[0] * tmp,
            pt[1] * costheta + w_cross_pt[1] * sintheta + w[1] * tmp,
            pt[2] * costheta + w_cross_pt[2] * sintheta + w[2] * tmp,
        ]
    } else {
        [
            pt[0] + (rot[1] * pt[2] - rot[2] * pt[1]),
            pt[1] + (rot[2] * pt[0] - rot[0] * pt[2]),
            pt[2] + (rot[0] * pt[1] - rot[1] * pt[0]),
        ]
    }
}

/// The projection of `x` by `cam`: rotate about the camera centre, divide by depth, distort
/// radially, scale by the focal length and shift by the principal point.
#[differentiable]
pub fn project(cam: &[f64; CAM_PARAMS], x: &[f64; 3]) -> [f64; 2] {
    let xo = [x[0] - cam[3], x[1] - cam[4], x[2] - cam[5]];
    let xcam = rodrigues_rotate_point([cam[0], cam[1], cam[2]], xo);
    let proj = [xcam[0] / xcam[2], xcam[1] / xcam[2]];
    let rsq = proj[0] * proj[0] + proj[1] * proj[1];
    let l = 1.0 + cam[9] * rsq + cam[10] * rsq * rsq;
    [proj[0] * l * cam[6] + cam[7], proj[1] * l * cam[6] + cam[8]]
}

/// w·(projection − feature).
#[differentiable(wrt(cam, x, w))]
pub fn reproj_error(cam: &[f64; CAM_PARAMS], x: &[f64; 3], w: f64, feat: &[f64; 2]) -> [f64; 2] {
    let proj = project(cam, x);
    [w * (proj[0] - feat[0]), w * (proj[1] - feat[1])]
}

/// 1 − w².
#[differentiable]
pub fn weight_error(w: f64) -> f64 {
    1.0 - w * w
}

/// Both errors of every observation.
pub struct Errors {
    /// 2p reprojection errors, observation by observation.
    pub reproj_err: Vec<f64>,
    /// p weight errors.
    pub w_err: Vec<f64>,
}

/// The objective: every observation's reprojection and weight errors.
pub fn objective(problem: &Problem) -> Errors {
    let mut reproj_err = Vec::with_capacity(2 * problem.obs.len());
    for (i, &[cam, pt]) in problem.obs.iter().enumerate() {
        reproj_err.extend(reproj_error(&problem.cams[cam], &problem.x[pt], problem.w[i], &problem.feats[i]));
    }
    let w_err = problem.w.iter().map(|&w| weight_error(w)).collect();
    Errors { reproj_err, w_err }
}

/// The Jacobian in compressed sparse rows (the C++ reference's `SparseMat`): `rows[r]` is
/// where row r starts in `cols` and `vals`. The 2p reprojection rows come first, with 15
/// entries each (the camera's 11 columns, the point's 3, the weight's 1), then the p weight
/// rows with one. Columns: 11 per camera, then 3 per point, then 1 per weight. Indices are
/// 32-bit, as the reference's `int`s: at GradBench's largest size the Jacobian has 39 million
/// entries, and writing them is much of its cost.
pub struct SparseMat {
    /// Row starts, 3p + 1 of them.
    pub rows: Vec<u32>,
    /// Each entry's column.
    pub cols: Vec<u32>,
    /// Each entry's value.
    pub vals: Vec<f64>,
}

/// Whether the Jacobian's columns and entries can be counted in 32 bits.
pub fn fits_u32(n: usize, m: usize, p: usize) -> bool {
    let columns = CAM_PARAMS * n + 3 * m + p;
    let entries = 2 * p * (CAM_PARAMS + 4) + p;
    u32::try_from(columns.max(entries)).is_ok()
}

/// The Jacobian of [`objective`].
///
/// # Panics
///
/// If its columns or entries do not fit in 32 bits ([`fits_u32`]).
pub fn jacobian(problem: &Problem) -> SparseMat {
    let (n, m, p) = (problem.cams.len(), problem.x.len(), problem.obs.len());
    assert!(fits_u32(n, m, p), "ba: {n} cameras, {m} points and {p} observations need indices wider than 32 bits");
    // In range: every column and entry count is at most what `fits_u32` checked.
    let index = |k: usize| k as u32;
    let entries = 2 * p * (CAM_PARAMS + 4) + p;
    let mut jac = SparseMat {
        rows: Vec::with_capacity(3 * p + 1),
        cols: Vec::with_capacity(entries),
        vals: Vec::with_capacity(entries),
    };
    jac.rows.push(0);
    for (i, &[cam, pt]) in problem.obs.iter().enumerate() {
        for seed in [[1.0, 0.0], [0.0, 1.0]] {
            let (_, pullback) = reproj_error_vjp(&problem.cams[cam], &problem.x[pt], problem.w[i], &problem.feats[i]);
            let (d_cam, d_x, d_w) = pullback(seed);
            jac.cols.extend((0..CAM_PARAMS).map(|k| index(CAM_PARAMS * cam + k)));
            jac.cols.extend((0..3).map(|k| index(CAM_PARAMS * n + 3 * pt + k)));
            jac.cols.push(index(CAM_PARAMS * n + 3 * m + i));
            jac.vals.extend(d_cam);
            jac.vals.extend(d_x);
            jac.vals.push(d_w);
            jac.rows.push(index(jac.cols.len()));
        }
    }
    for (i, &w) in problem.w.iter().enumerate() {
        jac.cols.push(index(CAM_PARAMS * n + 3 * m + i));
        jac.vals.push(weight_error_grad(w).1);
        jac.rows.push(index(jac.cols.len()));
    }
    jac
}

/// As the reference writes it, undoing the replication: the first observation's two errors
/// and the first weight error, with how many there are.
impl Serialize for Errors {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Repeated<'a> {
            elements: &'a [f64],
            repeated: usize,
        }
        #[derive(Serialize)]
        struct RepeatedOne {
            element: f64,
            repeated: usize,
        }
        let mut map = serializer.serialize_map(Some(2))?;
        let first = &self.reproj_err[..self.reproj_err.len().min(2)];
        map.serialize_entry("reproj_error", &Repeated { elements: first, repeated: self.reproj_err.len() / 2 })?;
        let element = self.w_err.first().copied().unwrap_or(f64::NAN);
        map.serialize_entry("w_err", &RepeatedOne { element, repeated: self.w_err.len() })?;
        map.end()
    }
}

/// As the reference writes it: the first 30 entries of each list (an observation's two rows)
/// and the last.
impl Serialize for SparseMat {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        const SHOWN: usize = 2 * (CAM_PARAMS + 4);
        fn ends<T: Copy>(list: &[T]) -> Vec<T> {
            let mut shown = list[..list.len().min(SHOWN)].to_vec();
            shown.extend(list.last());
            shown
        }
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("rows", &ends(&self.rows))?;
        map.serialize_entry("cols", &ends(&self.cols))?;
        map.serialize_entry("vals", &ends(&self.vals))?;
        map.end()
    }
}

/// `objective` and `jacobian`.
pub fn evaluate(function: &str, input: &Value) -> Evaluated {
    let parsed: Input = parse(input)?;
    if parsed.n == 0 || parsed.m == 0 || parsed.p == 0 {
        return Err(format!(
            "bad input: n, m and p must be positive (n = {}, m = {}, p = {})",
            parsed.n, parsed.m, parsed.p
        ));
    }
    if !fits_u32(parsed.n, parsed.m, parsed.p) {
        return Err(format!(
            "bad input: the Jacobian of n = {}, m = {}, p = {} needs indices wider than 32 bits",
            parsed.n, parsed.m, parsed.p
        ));
    }
    let Input { n, m, p, cam, x, w, feat } = parsed;
    let problem = Problem::replicate(n, m, p, cam, x, w, feat);
    match function {
        "objective" => repeat(runs_of(input), || objective(&problem)),
        "jacobian" => repeat(runs_of(input), || jacobian(&problem)),
        _ => Err(crate::unknown("ba", function)),
    }
}
