//! `ht`: ADBench's hand tracking. A skinned hand model posed by 26 parameters θ (global
//! rotation, global translation, finger angles); the residuals are the data points minus the
//! posed model's points (a vertex each, or with `us` a point of a triangle each). `objective`
//! gives the residuals, `jacobian` their derivatives: a column per θ entry from one
//! `objective_jvp` each, and, with `us`, two more columns (residual i depends on its own uᵢ
//! only, so one `objective_jvp` along all uᵢ₀ at once gives the first, along all uᵢ₁ the
//! second), first, as the C++ reference orders them.
#![allow(clippy::needless_range_loop, reason = "index loops over matrices, as the reference indexes")]

use backprop::differentiable;
use serde::Deserialize;
use serde_json::Value;

use crate::Evaluated;
use crate::runs::{parse, repeat, runs_of};

/// The hand model: constants of the objective.
#[derive(Debug, Deserialize)]
pub struct Model {
    /// Each bone's parent, −1 for the root (parents come before their children).
    pub parents: Vec<i64>,
    /// Each bone's rest transform relative to its parent, 4 × 4, `[row][column]`.
    pub base_relatives: Vec<[[f64; 4]; 4]>,
    /// The inverse of each bone's absolute rest transform, 4 × 4.
    pub inverse_base_absolutes: Vec<[[f64; 4]; 4]>,
    /// The vertices at rest, homogeneous (x, y, z, 1).
    pub base_positions: Vec<[f64; 4]>,
    /// `weights[v][b]`: how much bone b moves vertex v.
    pub weights: Vec<Vec<f64>>,
    /// The mesh's triangles, three vertex indices each.
    pub triangles: Vec<[usize; 3]>,
    /// Whether the model is mirrored in x.
    pub is_mirrored: bool,
}

/// The model and the observations.
#[derive(Debug, Deserialize)]
pub struct Data {
    /// The hand model.
    pub model: Model,
    /// The vertex (or, with `us`, the triangle) each point corresponds to.
    pub correspondences: Vec<usize>,
    /// The observed points, 3 coordinates each.
    pub points: Vec<[f64; 3]>,
}

#[derive(Deserialize)]
struct Input {
    theta: Vec<f64>,
    data: Data,
    us: Vec<[f64; 2]>,
}

/// The 4 × 4 product a·b.
#[differentiable]
pub fn mat_mul4(a: &[[f64; 4]; 4], b: &[[f64; 4]; 4]) -> [[f64; 4]; 4] {
    let mut c = [[0.0; 4]; 4];
    for i in 0..4 {
        for j in 0..4 {
            for k in 0..4 {
                c[i][j] += a[i][k] * b[k][j];
            }
        }
    }
    c
}

/// The 3 × 3 product a·b.
#[differentiable]
pub fn mat_mul3(a: &[[f64; 3]; 3], b: &[[f64; 3]; 3]) -> [[f64; 3]; 3] {
    let mut c = [[0.0; 3]; 3];
    for i in 0..3 {
        for j in 0..3 {
            for k in 0..3 {
                c[i][j] += a[i][k] * b[k][j];
            }
        }
    }
    c
}

/// The rotation by |a| about a/|a| (Rodrigues); the identity for |a| < 10⁻⁴.
#[differentiable]
pub fn angle_axis_to_rotation_matrix(a: [f64; 3]) -> [[f64; 3]; 3] {
    let norm = (a[0] * a[0] + a[1] * a[1] + a[2] * a[2]).sqrt();
    if norm < 0.0001 {
        return [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
    }
    let (x, y, z) = (a[0] / norm, a[1] / norm, a[2] / norm);
    let (s, c) = (norm.sin(), norm.cos());
    [
        [x * x + (1.0 - x * x) * c, x * y * (1.0 - c) - z * s, x * z * (1.0 - c) + y * s],
        [x * y * (1.0 - c) + z * s, y * y + (1.0 - y * y) * c, y * z * (1.0 - c) - x * s],
        [x * z * (1.0 - c) - y * s, z * y * (1.0 - c) + x * s, z * z + (1.0 - z * z) * c],
    ]
}

/// R_z·R_y·R_x for the angles (x, z, y), in that order in `xzy`.
#[differentiable]
pub fn euler_angles_to_rotation_matrix(xzy: [f64; 3]) -> [[f64; 3]; 3] {
    let (tx, ty, tz) = (xzy[0], xzy[2], xzy[1]);
    let rx = [[1.0, 0.0, 0.0], [0.0, tx.cos(), -tx.sin()], [0.0, tx.sin(), tx.cos()]];
    let ry = [[ty.cos(), 0.0, ty.sin()], [0.0, 1.0, 0.0], [-ty.sin(), 0.0, ty.cos()]];
    let rz = [[tz.cos(), -tz.sin(), 0.0], [tz.sin(), tz.cos(), 0.0], [0.0, 0.0, 1.0]];
    mat_mul3(&mat_mul3(&rz, &ry), &rx)
}

/// The pose parameters, a column of 3 per entry: global rotation (θ₀..₃), scale (1, 1, 1),
/// global translation (θ₃..₆), then one column of Euler angles per bone: the wrist (zero),
/// per finger three joints (the first bent two ways, θ's next two entries, the others one
/// way) and a zero column for the finger's tip.
#[differentiable]
pub fn to_pose_params(theta: &[f64], bone_count: usize) -> Vec<[f64; 3]> {
    let mut pose = vec![[0.0; 3]; bone_count + 3];
    pose[0] = [theta[0], theta[1], theta[2]];
    pose[1] = [1.0, 1.0, 1.0];
    pose[2] = [theta[3], theta[4], theta[5]];
    let mut i_theta = 6;
    let mut i_pose = 5;
    for _finger in 0..5 {
        for joint in 2..=4 {
            pose[i_pose][0] = theta[i_theta];
            i_theta += 1;
            if joint == 2 {
                pose[i_pose][1] = theta[i_theta];
                i_theta += 1;
            }
            i_pose += 1;
        }
        i_pose += 1;
    }
    pose
}

impl Model {
    /// The posed vertices, 3 coordinates each: every bone's transform (rest relative transform
    /// times its pose's rotation, chained from the root, times the inverse rest transform) moves
    /// every vertex by the vertex's weight for that bone; then the mirror, the global rotation
    /// (its columns scaled) and the translation.
    ///
    /// A method: as a free function `skinned_vertex_positions(model: &Model, pose)` its
    /// callers' forms do not compile (NOTES.md, "A plain struct passed to a `wrt` callee").
    #[differentiable(wrt(pose))]
    pub fn skinned_vertex_positions(&self, pose: &[[f64; 3]]) -> Vec<[f64; 3]> {
        let model = self;
        let bones = model.base_relatives.len();
        let mut absolutes: Vec<[[f64; 4]; 4]> = Vec::with_capacity(bones);
        for i in 0..bones {
            let r = euler_angles_to_rotation_matrix(pose[i + 3]);
            let mut tr = [[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0]];
            for row in 0..3 {
                for col in 0..3 {
                    tr[row][col] = r[row][col];
                }
            }
            let relative = mat_mul4(&model.base_relatives[i], &tr);
            if model.parents[i] == -1 {
                absolutes.push(relative);
            } else {
                let parent = model.parents[i] as usize;
                absolutes.push(mat_mul4(&absolutes[parent], &relative));
            }
        }
        let n = model.base_positions.len();
        let mut positions = vec![[0.0; 3]; n];
        for b in 0..bones {
            let transform = mat_mul4(&absolutes[b], &model.inverse_base_absolutes[b]);
            for v in 0..n {
                let p = model.base_positions[v];
                let w = model.weights[v][b];
                for i in 0..3 {
                    let moved = transform[i][0] * p[0]
                        + transform[i][1] * p[1]
                        + transform[i][2] * p[2]
                        + transform[i][3] * p[3];
                    positions[v][i] += moved * w;
                }
            }
        }
        if model.is_mirrored {
            for v in 0..n {
                positions[v][0] = -positions[v][0];
            }
        }
        let r = angle_axis_to_rotation_matrix(pose[0]);
        for v in 0..n {
            let p = positions[v];
            for i in 0..3 {
                positions[v][i] = r[i][0] * pose[1][0] * p[0]
                    + r[i][1] * pose[1][1] * p[1]
                    + r[i][2] * pose[1][2] * p[2]
                    + pose[2][i];
            }
        }
        positions
    }
}

/// The residuals, 3 a point: the point minus its vertex, or with `us` (two barycentric
/// coordinates a point) minus u₀·v₀ + u₁·v₁ + (1 − u₀ − u₁)·v₂ of its triangle.
#[differentiable(wrt(theta, us))]
pub fn objective(theta: &[f64], us: &[[f64; 2]], data: &Data) -> Vec<f64> {
    let pose = to_pose_params(theta, data.model.base_relatives.len());
    let positions = data.model.skinned_vertex_positions(&pose);
    let npts = data.correspondences.len();
    let mut err = vec![0.0; 3 * npts];
    for i in 0..npts {
        let c = data.correspondences[i];
        for j in 0..3 {
            if us.is_empty() {
                err[3 * i + j] = data.points[i][j] - positions[c][j];
            } else {
                let verts = data.model.triangles[c];
                let u = us[i];
                let hand_point = u[0] * positions[verts[0]][j]
                    + u[1] * positions[verts[1]][j]
                    + (1.0 - u[0] - u[1]) * positions[verts[2]][j];
                err[3 * i + j] = data.points[i][j] - hand_point;
            }
        }
    }
    err
}

/// The Jacobian of [`objective`], a row per residual: with `us`, its two u columns first,
/// then one column per θ entry.
pub fn jacobian(theta: &[f64], us: &[[f64; 2]], data: &Data) -> Jacobian {
    let zero_theta = vec![0.0; theta.len()];
    let zero_us = vec![[0.0; 2]; us.len()];
    let mut columns = Vec::new();
    if !us.is_empty() {
        for along in [[1.0, 0.0], [0.0, 1.0]] {
            columns.push(objective_jvp(theta, us, data, &zero_theta, &vec![along; us.len()]).1);
        }
    }
    for k in 0..theta.len() {
        let mut along = zero_theta.clone();
        along[k] = 1.0;
        columns.push(objective_jvp(theta, us, data, &along, &zero_us).1);
    }
    Jacobian { columns }
}

/// A dense Jacobian kept column by column (each column one `objective_jvp`); it serializes
/// as the eval's list of rows.
pub struct Jacobian {
    /// The columns, each as long as the residual.
    pub columns: Vec<Vec<f64>>,
}

impl Jacobian {
    /// The number of rows (residuals).
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, Vec::len)
    }

    /// Row `r`.
    pub fn row(&self, r: usize) -> Vec<f64> {
        self.columns.iter().map(|column| column[r]).collect()
    }
}

impl serde::Serialize for Jacobian {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut rows = serializer.serialize_seq(Some(self.rows()))?;
        for r in 0..self.rows() {
            rows.serialize_element(&self.row(r))?;
        }
        rows.end()
    }
}

/// Checks the input's indices and shapes, so that evaluating cannot index out of bounds.
fn check(input: &Input) -> Result<(), String> {
    let model = &input.data.model;
    let (bones, verts) = (model.base_relatives.len(), model.base_positions.len());
    if input.theta.len() != 26 {
        return Err(format!("bad input: theta must have 26 entries, has {}", input.theta.len()));
    }
    if bones < 21 || model.parents.len() != bones || model.inverse_base_absolutes.len() != bones {
        return Err(format!(
            "bad input: need at least 21 bones (theta's finger angles pose bones 2 to 20) with as many parents and inverse_base_absolutes (have {bones}, {}, {})",
            model.parents.len(),
            model.inverse_base_absolutes.len()
        ));
    }
    if model.parents.iter().enumerate().any(|(i, &p)| p != -1 && !(0..i as i64).contains(&p)) {
        return Err("bad input: every parent must be -1 or a bone listed earlier".to_string());
    }
    if model.weights.len() != verts || model.weights.iter().any(|w| w.len() != bones) {
        return Err(format!("bad input: weights must be {verts} × {bones}"));
    }
    if model.triangles.iter().flatten().any(|&v| v >= verts) {
        return Err(format!("bad input: a triangle names a vertex ≥ {verts}"));
    }
    let npts = input.data.correspondences.len();
    let limit = if input.us.is_empty() { verts } else { model.triangles.len() };
    if input.data.points.len() != npts || input.data.correspondences.iter().any(|&c| c >= limit) {
        return Err(format!("bad input: need {npts} points and correspondences below {limit}"));
    }
    if !input.us.is_empty() && input.us.len() != npts {
        return Err(format!("bad input: us must be empty or {npts} pairs"));
    }
    Ok(())
}

/// `objective` and `jacobian`.
pub fn evaluate(function: &str, input: &Value) -> Evaluated {
    let parsed: Input = parse(input)?;
    check(&parsed)?;
    let Input { theta, data, us } = parsed;
    match function {
        "objective" => repeat(runs_of(input), || objective(&theta, &us, &data)),
        "jacobian" => repeat(runs_of(input), || jacobian(&theta, &us, &data)),
        _ => Err(crate::unknown("ht", function)),
    }
}
