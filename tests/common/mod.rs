//! Shared test helpers: central finite differences and the tolerances used with them.
#![allow(dead_code)]

/// Step of central differences in `f64` (balances truncation, O(h²), and rounding, O(ε/h)).
pub const H64: f64 = 1e-6;
/// Relative tolerance for an `f64` gradient against central differences.
pub const FD_TOL64: f64 = 1e-6;
/// Step of central differences for `f32` functions (evaluated in `f32`).
pub const H32: f32 = 1e-2;
/// Relative tolerance for an `f32` gradient against central differences.
pub const FD_TOL32: f32 = 2e-2;
/// Relative tolerance for a generated gradient against a hand-derived one.
pub const EXACT64: f64 = 1e-12;
/// Same, for `f32`.
pub const EXACT32: f32 = 1e-5;

/// `df/dx` by central differences.
pub fn fd(f: impl Fn(f64) -> f64, x: f64) -> f64 {
    (f(x + H64) - f(x - H64)) / (2.0 * H64)
}

/// `df/dx` by central differences, in `f32`.
pub fn fd32(f: impl Fn(f32) -> f32, x: f32) -> f32 {
    (f(x + H32) - f(x - H32)) / (2.0 * H32)
}

/// The gradient of `f` at `x` by central differences, one coordinate at a time.
pub fn fd_grad(f: impl Fn(&[f64]) -> f64, x: &[f64]) -> Vec<f64> {
    (0..x.len())
        .map(|i| {
            let mut up = x.to_vec();
            let mut down = x.to_vec();
            up[i] += H64;
            down[i] -= H64;
            (f(&up) - f(&down)) / (2.0 * H64)
        })
        .collect()
}

/// Asserts two gradients agree to a relative tolerance (absolute near zero).
#[track_caller]
pub fn assert_grad_close(got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "gradient lengths differ");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        let scale = g.abs().max(w.abs()).max(1.0);
        assert!((g - w).abs() <= tol * scale, "entry {i}: generated {g}, expected {w} (tolerance {tol})");
    }
}
