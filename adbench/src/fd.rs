//! Central finite differences: the third column of the benchmark table and an independent
//! check of the manual derivatives.

use crate::io::{BaInput, GmmInput, LstmInput};
use crate::manual::{BLOCK_COLS, BaJacobian, ba_jacobian_with};
use crate::objective::{ba_residual, gmm_objective_packed, lstm_objective_packed};

/// Relative step ε^(1/3) ≈ 6.06e-6, which balances the O(h²) truncation error of central
/// differences against the O(ε/h) rounding error.
pub const RELATIVE_STEP: f64 = 6.055_454_452_393_343e-6;

/// The step used for a variable of value `x`: `relative_step` × max(1, |x|).
pub fn step(x: f64, relative_step: f64) -> f64 {
    relative_step * x.abs().max(1.0)
}

/// Central-difference Jacobian of `f: ℝⁿ → ℝᴹ`, one `[f64; M]` column per input, with steps
/// `relative_step` × max(1, |xᵢ|). The divisor is the step actually representable in floating
/// point, (xᵢ + h) − (xᵢ − h), rather than 2h.
pub fn central_jacobian_with_step<const M: usize>(
    mut f: impl FnMut(&[f64]) -> [f64; M],
    x: &[f64],
    relative_step: f64,
) -> Vec<[f64; M]> {
    let mut probe = x.to_vec();
    let mut columns = Vec::with_capacity(x.len());
    for (i, &xi) in x.iter().enumerate() {
        let h = step(xi, relative_step);
        probe[i] = xi + h;
        let plus = f(&probe);
        probe[i] = xi - h;
        let minus = f(&probe);
        probe[i] = xi;
        let width = (xi + h) - (xi - h);
        columns.push(std::array::from_fn(|r| (plus[r] - minus[r]) / width));
    }
    columns
}

/// [`central_jacobian_with_step`] with [`RELATIVE_STEP`].
pub fn central_jacobian<const M: usize>(f: impl FnMut(&[f64]) -> [f64; M], x: &[f64]) -> Vec<[f64; M]> {
    central_jacobian_with_step(f, x, RELATIVE_STEP)
}

/// Central-difference gradient of a scalar function, with a given relative step.
pub fn central_gradient_with_step(mut f: impl FnMut(&[f64]) -> f64, x: &[f64], relative_step: f64) -> Vec<f64> {
    central_jacobian_with_step(|p| [f(p)], x, relative_step).into_iter().map(|[g]| g).collect()
}

/// Central-difference gradient of a scalar function with [`RELATIVE_STEP`].
pub fn central_gradient(f: impl FnMut(&[f64]) -> f64, x: &[f64]) -> Vec<f64> {
    central_gradient_with_step(f, x, RELATIVE_STEP)
}

/// GMM gradient [d α; d means; d icf] by central differences (2·K(D+1)(D+2)/2 objectives).
pub fn gmm_gradient(input: &GmmInput) -> Vec<f64> {
    central_gradient(|p| gmm_objective_packed(input, p), &input.packed_params())
}

/// LSTM gradient [d main_params; d extra_params] by central differences.
pub fn lstm_gradient(input: &LstmInput) -> Vec<f64> {
    central_gradient(|p| lstm_objective_packed(input, p), &input.packed_params())
}

/// One observation's 2×15 block by central differences over (cam (11), X (3), w).
pub fn ba_block(cam: &[f64], x: &[f64], w: f64, feat_x: f64, feat_y: f64) -> [[f64; BLOCK_COLS]; 2] {
    let mut packed = [0.0; BLOCK_COLS];
    packed[..11].copy_from_slice(&cam[..11]);
    packed[11..14].copy_from_slice(&x[..3]);
    packed[14] = w;
    let columns = central_jacobian(
        |v| {
            let (cam, rest) = v.split_first_chunk().expect("15 packed parameters");
            let (point, _) = rest.split_first_chunk().expect("15 packed parameters");
            ba_residual(cam, point, v[14], feat_x, feat_y)
        },
        &packed,
    );
    let mut block = [[0.0; BLOCK_COLS]; 2];
    for (j, column) in columns.iter().enumerate() {
        block[0][j] = column[0];
        block[1][j] = column[1];
    }
    block
}

/// The full BA Jacobian with finite-difference blocks.
pub fn ba_jacobian(input: &BaInput) -> BaJacobian {
    let mut jacobian = BaJacobian::default();
    ba_jacobian_into(input, &mut jacobian);
    jacobian
}

/// [`ba_jacobian`] into existing storage.
pub fn ba_jacobian_into(input: &BaInput, jacobian: &mut BaJacobian) {
    ba_jacobian_with(input, ba_block, jacobian);
}
