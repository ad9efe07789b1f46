//! Hand-written reverse-mode derivatives: the physical reference that the generated code is
//! measured against. Each computes the objective in one forward pass that keeps what the
//! reverse pass needs, then one reverse pass.

mod ba;
mod gmm;
mod lstm;

pub use ba::{BLOCK_COLS, BaJacobian, ba_block, ba_jacobian, ba_jacobian_into, ba_jacobian_with};
pub use gmm::gmm_gradient;
pub use lstm::lstm_gradient;
