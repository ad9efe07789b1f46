//! Manual BA Jacobian: the dense 2×15 block of one observation, and its CSR assembly.

use crate::io::{BaInput, CAM_PARAMS};

/// Columns of one block: cam (11), X (3), w.
pub const BLOCK_COLS: usize = CAM_PARAMS + 3 + 1;

/// The sparse 3p × (11n + 3m + p) Jacobian in ADBench's CSR layout (row-major, explicit zeros).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BaJacobian {
    /// 3p.
    pub nrows: usize,
    /// 11n + 3m + p.
    pub ncols: usize,
    /// CSR row starts, nrows + 1 entries.
    pub rows: Vec<usize>,
    /// Column of each stored value.
    pub cols: Vec<usize>,
    /// The 31p stored values.
    pub vals: Vec<f64>,
}

type Vec3 = [f64; 3];

fn dot(a: Vec3, b: Vec3) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

fn cross(a: Vec3, b: Vec3) -> Vec3 {
    [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
}

fn axpy(alpha: f64, x: Vec3, y: Vec3) -> Vec3 {
    [alpha * x[0] + y[0], alpha * x[1] + y[1], alpha * x[2] + y[2]]
}

/// The Rodrigues rotation of one point, with what its reverse sweep needs.
struct Rotation {
    r: Vec3,
    xo: Vec3,
    /// None on ADBench's θ² = 0 branch (Xcam = Xo + r × Xo).
    general: Option<General>,
}

/// Intermediates of Xcam = Xo·cosθ + (v × Xo)·sinθ + v·(v·Xo)(1 − cosθ).
struct General {
    theta: f64,
    cos: f64,
    sin: f64,
    v: Vec3,
    v_cross_xo: Vec3,
    v_dot_xo: f64,
}

impl Rotation {
    fn new(r: Vec3, xo: Vec3) -> Self {
        let sqtheta = dot(r, r);
        let general = (sqtheta != 0.0).then(|| {
            let theta = sqtheta.sqrt();
            let v = r.map(|ri| ri / theta);
            General { theta, cos: theta.cos(), sin: theta.sin(), v, v_cross_xo: cross(v, xo), v_dot_xo: dot(v, xo) }
        });
        Self { r, xo, general }
    }

    fn apply(&self) -> Vec3 {
        match &self.general {
            Some(g) => {
                let tmp = g.v_dot_xo * (1.0 - g.cos);
                let out = axpy(g.sin, g.v_cross_xo, self.xo.map(|x| x * g.cos));
                axpy(tmp, g.v, out)
            }
            None => axpy(1.0, cross(self.r, self.xo), self.xo),
        }
    }

    /// Pulls the adjoint `a` of Xcam back to (r̄, X̄o).
    fn vjp(&self, a: Vec3) -> (Vec3, Vec3) {
        let Some(g) = &self.general else {
            // Xcam = Xo + r × Xo; for c = p × q: p̄ = q × c̄, q̄ = c̄ × p.
            return (cross(self.xo, a), axpy(1.0, cross(a, self.r), a));
        };
        let tmp = g.v_dot_xo * (1.0 - g.cos);
        let d_tmp = dot(a, g.v);
        let d_cross = a.map(|ai| ai * g.sin);
        let d_dot = d_tmp * (1.0 - g.cos);
        let d_cos = dot(a, self.xo) - d_tmp * g.v_dot_xo;
        let d_sin = dot(a, g.v_cross_xo);
        // v̄ from v·tmp, from v·Xo and from v × Xo.
        let d_v = axpy(d_dot, self.xo, axpy(1.0, cross(self.xo, d_cross), a.map(|ai| ai * tmp)));
        let d_xo = axpy(d_dot, g.v, axpy(1.0, cross(d_cross, g.v), a.map(|ai| ai * g.cos)));
        let d_theta = d_sin * g.cos - d_cos * g.sin;
        // v = r/θ and θ = ‖r‖: r̄ = (v̄ − (v̄·v)v)/θ + θ̄·v.
        let radial = dot(d_v, g.v);
        let d_r = [0, 1, 2].map(|i| (d_v[i] - radial * g.v[i]) / g.theta + d_theta * g.v[i]);
        (d_r, d_xo)
    }
}

/// The residual w·(proj − feat) of one observation and its 2×15 Jacobian (row x, row y;
/// columns cam (11), X (3), w), by one forward sweep and two reverse sweeps.
pub fn ba_block(cam: &[f64], x: &[f64], w: f64, feat_x: f64, feat_y: f64) -> ([f64; 2], [[f64; BLOCK_COLS]; 2]) {
    let xo = [x[0] - cam[3], x[1] - cam[4], x[2] - cam[5]];
    let rotation = Rotation::new([cam[0], cam[1], cam[2]], xo);
    let xcam = rotation.apply();
    let p = [xcam[0] / xcam[2], xcam[1] / xcam[2]];
    let (f, k1, k2) = (cam[6], cam[9], cam[10]);
    let s = p[0] * p[0] + p[1] * p[1];
    let distortion = 1.0 + k1 * s + k2 * s * s;
    // d(distortion)/ds
    let d_distortion = k1 + 2.0 * k2 * s;
    let distorted = [p[0] * distortion, p[1] * distortion];
    let proj = [distorted[0] * f + cam[7], distorted[1] * f + cam[8]];
    let residual = [w * (proj[0] - feat_x), w * (proj[1] - feat_y)];

    let mut block = [[0.0; BLOCK_COLS]; 2];
    for (r, row) in block.iter_mut().enumerate() {
        // err_r = w·(f·p_r·distortion(s) + principal_r − feat_r)
        let wf = w * f;
        let d_p = [0, 1].map(|q| {
            let diagonal = if q == r { distortion } else { 0.0 };
            wf * (diagonal + 2.0 * p[r] * p[q] * d_distortion)
        });
        let d_xcam = [d_p[0] / xcam[2], d_p[1] / xcam[2], -(d_p[0] * p[0] + d_p[1] * p[1]) / xcam[2]];
        let (d_r, d_xo) = rotation.vjp(d_xcam);
        row[..3].copy_from_slice(&d_r);
        row[3..6].copy_from_slice(&d_xo.map(|v| -v));
        row[6] = w * distorted[r];
        // The principal point of the other axis stays an explicit 0 (SPEC: structural zero).
        row[7 + r] = w;
        row[9] = wf * p[r] * s;
        row[10] = wf * p[r] * s * s;
        row[11..14].copy_from_slice(&d_xo);
        row[14] = proj[r] - if r == 0 { feat_x } else { feat_y };
    }
    (residual, block)
}

/// The full Jacobian with the manual block.
pub fn ba_jacobian(input: &BaInput) -> BaJacobian {
    let mut jacobian = BaJacobian::default();
    ba_jacobian_into(input, &mut jacobian);
    jacobian
}

/// [`ba_jacobian`] into existing storage, reusing its allocations (as ADBench's manual module
/// reuses its `BASparseMat`).
pub fn ba_jacobian_into(input: &BaInput, jacobian: &mut BaJacobian) {
    ba_jacobian_with(input, |cam, x, w, fx, fy| ba_block(cam, x, w, fx, fy).1, jacobian);
}

/// Assembles the CSR Jacobian from any per-observation `block` function (manual, finite
/// differences, or a generated derivative). Rows 2i and 2i+1 get the 15 block entries at the
/// observation's camera, point and weight columns; row 2p + i gets d(1 − w²)/dw = −2w.
/// `jacobian` is overwritten; its vectors are only reallocated if their size changes.
pub fn ba_jacobian_with(
    input: &BaInput,
    mut block: impl FnMut(&[f64], &[f64], f64, f64, f64) -> [[f64; BLOCK_COLS]; 2],
    jacobian: &mut BaJacobian,
) {
    let BaInput { n, m, p, .. } = *input;
    let weight_col = CAM_PARAMS * n + 3 * m;
    jacobian.nrows = 3 * p;
    jacobian.ncols = input.n_cols();
    // Every position is known in advance, so fill by index instead of pushing.
    jacobian.cols.resize(31 * p, 0);
    jacobian.vals.resize(31 * p, 0.0);
    let (block_cols, tail_cols) = jacobian.cols.split_at_mut(2 * BLOCK_COLS * p);
    let (block_vals, tail_vals) = jacobian.vals.split_at_mut(2 * BLOCK_COLS * p);
    let chunks = block_cols.chunks_exact_mut(2 * BLOCK_COLS).zip(block_vals.chunks_exact_mut(2 * BLOCK_COLS));
    for (i, (obs_cols, obs_vals)) in chunks.enumerate() {
        let (cam_index, point_index) = (input.obs[2 * i], input.obs[2 * i + 1]);
        let cam = &input.cams[CAM_PARAMS * cam_index..][..CAM_PARAMS];
        let point = &input.x[3 * point_index..][..3];
        let jac = block(cam, point, input.w[i], input.feats[2 * i], input.feats[2 * i + 1]);
        obs_vals[..BLOCK_COLS].copy_from_slice(&jac[0]);
        obs_vals[BLOCK_COLS..].copy_from_slice(&jac[1]);
        let (row_x, row_y) = obs_cols.split_at_mut(BLOCK_COLS);
        // Columns are ascending: this camera's 11, this point's 3, this observation's weight.
        let (cam_cols, rest) = row_x.split_at_mut(CAM_PARAMS);
        let (point_cols, weight) = rest.split_at_mut(3);
        for (j, col) in cam_cols.iter_mut().enumerate() {
            *col = CAM_PARAMS * cam_index + j;
        }
        for (j, col) in point_cols.iter_mut().enumerate() {
            *col = CAM_PARAMS * n + 3 * point_index + j;
        }
        weight[0] = weight_col + i;
        row_y.copy_from_slice(row_x);
    }
    for (i, (col, val)) in tail_cols.iter_mut().zip(tail_vals.iter_mut()).enumerate() {
        *col = weight_col + i;
        *val = -2.0 * input.w[i];
    }
    jacobian.rows.clear();
    jacobian.rows.extend((0..=3 * p).map(
        |r| {
            if r <= 2 * p { BLOCK_COLS * r } else { 2 * BLOCK_COLS * p + (r - 2 * p) }
        },
    ));
}
