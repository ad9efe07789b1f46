//! The derivatives `#[differentiable]` generates from [`crate::objective`], shaped like the
//! [`crate::manual`] ones so that tests and the benchmark treat them alike.

use crate::io::{BaInput, GmmInput, LstmInput};
use crate::manual::{BLOCK_COLS, BaJacobian, ba_jacobian_with};
use crate::objective::{ba_residual_vjp, gmm_objective_grad, lstm_objective_grad, observation};

/// GMM objective and its gradient [d α; d means; d icf], from `gmm_objective_grad`.
pub fn gmm_gradient(input: &GmmInput) -> (f64, Vec<f64>) {
    let GmmInput { d, k, n, gamma, m, .. } = *input;
    let (f, (d_alpha, d_means, d_icf)) =
        gmm_objective_grad(&input.alpha, &input.means, &input.icf, &input.x, d, k, n, gamma, m);
    (f, [d_alpha, d_means, d_icf].concat())
}

/// LSTM objective and its gradient [d main_params; d extra_params], from `lstm_objective_grad`.
pub fn lstm_gradient(input: &LstmInput) -> (f64, Vec<f64>) {
    let LstmInput { l, c, b, .. } = *input;
    let (f, (d_main, d_extra)) =
        lstm_objective_grad(&input.main_params, &input.extra_params, &input.state, &input.sequence, l, c, b);
    (f, [d_main, d_extra].concat())
}

/// One observation's 2×15 block (columns cam (11), X (3), w): each row is the pullback of
/// `ba_residual_vjp` seeded with that row's unit vector, so the residual is evaluated twice
/// (a pullback is `FnOnce`), as reverse mode does for a two-output function.
pub fn ba_block(cam: &[f64; 11], x: &[f64; 3], w: f64, feat_x: f64, feat_y: f64) -> [[f64; BLOCK_COLS]; 2] {
    let mut block = [[0.0; BLOCK_COLS]; 2];
    for (r, row) in block.iter_mut().enumerate() {
        let mut seed = [0.0; 2];
        seed[r] = 1.0;
        let (_, pullback) = ba_residual_vjp(cam, x, w, feat_x, feat_y);
        let (d_cam, d_x, d_w) = pullback(seed);
        row[..11].copy_from_slice(&d_cam);
        row[11..14].copy_from_slice(&d_x);
        row[14] = d_w;
    }
    block
}

/// The full BA Jacobian from generated blocks, into existing storage.
pub fn ba_jacobian_into(input: &BaInput, jacobian: &mut BaJacobian) {
    ba_jacobian_with(
        input,
        |cam, x, w, feat_x, feat_y| {
            let (cam, x) = observation(cam, x, 0, 0);
            ba_block(cam, x, w, feat_x, feat_y)
        },
        jacobian,
    );
}

/// [`ba_jacobian_into`] into a new Jacobian.
pub fn ba_jacobian(input: &BaInput) -> BaJacobian {
    let mut jacobian = BaJacobian::default();
    ba_jacobian_into(input, &mut jacobian);
    jacobian
}
