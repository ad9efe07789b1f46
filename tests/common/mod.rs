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

/// The gradient of an `f32` function at `x` by central differences, one coordinate at a time.
pub fn fd32_grad(f: impl Fn(&[f32]) -> f32, x: &[f32]) -> Vec<f32> {
    (0..x.len())
        .map(|i| {
            let mut up = x.to_vec();
            let mut down = x.to_vec();
            up[i] += H32;
            down[i] -= H32;
            (f(&up) - f(&down)) / (2.0 * H32)
        })
        .collect()
}

/// Asserts `got` is within `max_relative` of `want` (by `approx::relative_eq!`), naming the case.
#[track_caller]
pub fn assert_rel64(got: f64, want: f64, max_relative: f64, case: &str) {
    assert!(
        approx::relative_eq!(got, want, max_relative = max_relative),
        "{case}: got {got}, expected {want} (max_relative {max_relative})"
    );
}

/// Same as [`assert_rel64`], for `f32`.
#[track_caller]
pub fn assert_rel32(got: f32, want: f32, max_relative: f32, case: &str) {
    assert!(
        approx::relative_eq!(got, want, max_relative = max_relative),
        "{case}: got {got}, expected {want} (max_relative {max_relative})"
    );
}

/// Tolerances of one gradient check: against the hand-derived formula and against central
/// differences.
#[derive(Clone, Copy, Debug)]
pub struct Tol<T> {
    pub exact: T,
    pub fd: T,
}

/// The default `f64` tolerances: [`EXACT64`] and [`FD_TOL64`].
pub const TOL64: Tol<f64> = Tol { exact: EXACT64, fd: FD_TOL64 };
/// The default `f32` tolerances: [`EXACT32`] and [`FD_TOL32`].
pub const TOL32: Tol<f32> = Tol { exact: EXACT32, fd: FD_TOL32 };

/// Checks a one-parameter `f64` gradient at each point: the value `grad` returns equals `f`'s
/// exactly, the gradient equals the hand-derived `df` and matches central differences of `f`.
#[track_caller]
pub fn check1_64(
    grad: impl Fn(f64) -> (f64, f64),
    f: impl Fn(f64) -> f64,
    df: impl Fn(f64) -> f64,
    points: &[f64],
    tol: Tol<f64>,
) {
    assert!(points.len() >= 2, "check at least two points");
    for &x in points {
        let (value, g) = grad(x);
        assert_eq!(value, f(x), "value at x = {x}");
        assert_rel64(g, df(x), tol.exact, &format!("hand-derived gradient at x = {x}"));
        assert_rel64(g, fd(&f, x), tol.fd, &format!("finite differences at x = {x}"));
    }
}

/// Same as [`check1_64`], for `f32`.
#[track_caller]
pub fn check1_32(
    grad: impl Fn(f32) -> (f32, f32),
    f: impl Fn(f32) -> f32,
    df: impl Fn(f32) -> f32,
    points: &[f32],
    tol: Tol<f32>,
) {
    assert!(points.len() >= 2, "check at least two points");
    for &x in points {
        let (value, g) = grad(x);
        assert_eq!(value, f(x), "value at x = {x}");
        assert_rel32(g, df(x), tol.exact, &format!("hand-derived gradient at x = {x}"));
        assert_rel32(g, fd32(&f, x), tol.fd, &format!("finite differences at x = {x}"));
    }
}

/// Checks a many-parameter `f64` gradient at each point, entry by entry, as [`check1_64`] does.
/// `grad` returns the gradient flattened into a `Vec` in parameter order.
#[track_caller]
pub fn check_n64(
    grad: impl Fn(&[f64]) -> (f64, Vec<f64>),
    f: impl Fn(&[f64]) -> f64,
    df: impl Fn(&[f64]) -> Vec<f64>,
    points: &[&[f64]],
    tol: Tol<f64>,
) {
    assert!(points.len() >= 2, "check at least two points");
    for &p in points {
        let (value, g) = grad(p);
        assert_eq!(value, f(p), "value at {p:?}");
        let want = df(p);
        let numeric = fd_grad(&f, p);
        assert_eq!(g.len(), want.len(), "gradient length at {p:?}");
        for i in 0..g.len() {
            assert_rel64(g[i], want[i], tol.exact, &format!("hand-derived entry {i} at {p:?}"));
            assert_rel64(g[i], numeric[i], tol.fd, &format!("finite differences entry {i} at {p:?}"));
        }
    }
}

/// Same as [`check_n64`], for `f32`.
#[track_caller]
pub fn check_n32(
    grad: impl Fn(&[f32]) -> (f32, Vec<f32>),
    f: impl Fn(&[f32]) -> f32,
    df: impl Fn(&[f32]) -> Vec<f32>,
    points: &[&[f32]],
    tol: Tol<f32>,
) {
    assert!(points.len() >= 2, "check at least two points");
    for &p in points {
        let (value, g) = grad(p);
        assert_eq!(value, f(p), "value at {p:?}");
        let want = df(p);
        let numeric = fd32_grad(&f, p);
        assert_eq!(g.len(), want.len(), "gradient length at {p:?}");
        for i in 0..g.len() {
            assert_rel32(g[i], want[i], tol.exact, &format!("hand-derived entry {i} at {p:?}"));
            assert_rel32(g[i], numeric[i], tol.fd, &format!("finite differences entry {i} at {p:?}"));
        }
    }
}
