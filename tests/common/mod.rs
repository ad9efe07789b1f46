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

/// The Jacobian of `f` at `x` by central differences: one row per output component, one column
/// per coordinate of `x` (the layout [`backprop::jacobian`] returns).
pub fn fd_jacobian(f: impl Fn(&[f64]) -> Vec<f64>, x: &[f64]) -> Vec<Vec<f64>> {
    let columns: Vec<Vec<f64>> = (0..x.len())
        .map(|i| {
            let mut up = x.to_vec();
            let mut down = x.to_vec();
            up[i] += H64;
            down[i] -= H64;
            f(&up).iter().zip(f(&down)).map(|(u, d)| (u - d) / (2.0 * H64)).collect()
        })
        .collect();
    let rows = f(x).len();
    (0..rows).map(|r| columns.iter().map(|c| c[r]).collect()).collect()
}

/// Asserts two Jacobians have the same shape and agree entry by entry, as [`assert_grad_close`].
#[track_caller]
pub fn assert_jacobian_close(got: &[Vec<f64>], want: &[Vec<f64>], tol: f64) {
    assert_eq!(got.len(), want.len(), "Jacobians have different numbers of rows");
    for (r, (g, w)) in got.iter().zip(want).enumerate() {
        assert_eq!(g.len(), w.len(), "row {r}: Jacobians have different numbers of columns");
        for (c, (g, w)) in g.iter().zip(w).enumerate() {
            let scale = g.abs().max(w.abs()).max(1.0);
            assert!((g - w).abs() <= tol * scale, "entry ({r}, {c}): generated {g}, expected {w} (tolerance {tol})");
        }
    }
}

/// The gradient of `w · f(x)` by central differences: what a pullback seeded with `w` returns.
pub fn fd_vjp(f: impl Fn(&[f64]) -> Vec<f64>, x: &[f64], w: &[f64]) -> Vec<f64> {
    fd_grad(|x| f(x).iter().zip(w).map(|(a, b)| a * b).sum(), x)
}

/// Checks a many-parameter `f64` gradient at each point against central differences only (for
/// functions whose hand-derived gradient is not short): the value `grad` returns equals `f`'s
/// exactly and every entry is within [`FD_TOL64`].
#[track_caller]
pub fn check_fd_n64(grad: impl Fn(&[f64]) -> (f64, Vec<f64>), f: impl Fn(&[f64]) -> f64, points: &[&[f64]]) {
    assert!(points.len() >= 2, "check at least two points");
    for &p in points {
        let (value, g) = grad(p);
        assert_eq!(value, f(p), "value at {p:?}");
        let numeric = fd_grad(&f, p);
        assert_eq!(g.len(), numeric.len(), "gradient length at {p:?}");
        for i in 0..g.len() {
            assert_rel64(g[i], numeric[i], FD_TOL64, &format!("finite differences entry {i} at {p:?}"));
        }
    }
}

/// Same as [`check_fd_n64`], for `f32` (differences in `f32`, tolerance [`FD_TOL32`]).
#[track_caller]
pub fn check_fd_n32(grad: impl Fn(&[f32]) -> (f32, Vec<f32>), f: impl Fn(&[f32]) -> f32, points: &[&[f32]]) {
    assert!(points.len() >= 2, "check at least two points");
    for &p in points {
        let (value, g) = grad(p);
        assert_eq!(value, f(p), "value at {p:?}");
        let numeric = fd32_grad(&f, p);
        assert_eq!(g.len(), numeric.len(), "gradient length at {p:?}");
        for i in 0..g.len() {
            assert_rel32(g[i], numeric[i], FD_TOL32, &format!("finite differences entry {i} at {p:?}"));
        }
    }
}

/// A copy of `value` whose `k`-th float leaf (in [`backprop::flatten`] order) is moved by
/// `delta`; `f32` leaves by `delta` rounded to `f32`.
pub fn nudge_leaf<M: backprop::Differentiable + Clone>(value: &M, k: usize, delta: f64) -> M {
    struct Nudge {
        k: usize,
        seen: usize,
        delta: f64,
    }
    impl backprop::visit::NamedSinkMut for Nudge {
        fn f32s(&mut self, _name: &str, value: &mut [f32]) {
            for v in value {
                if self.seen == self.k {
                    *v += self.delta as f32;
                }
                self.seen += 1;
            }
        }
        fn f64s(&mut self, _name: &str, value: &mut [f64]) {
            for v in value {
                if self.seen == self.k {
                    *v += self.delta;
                }
                self.seen += 1;
            }
        }
    }
    let mut copy = value.clone();
    let mut sink = Nudge { k, seen: 0, delta };
    let mut path = String::new();
    copy.visit_named_mut(&mut backprop::visit::NamedVisitorMut::new(&mut sink, &mut path));
    assert!(k < sink.seen, "leaf {k} out of range ({} leaves)", sink.seen);
    copy
}

/// The gradient of `f` at `m` by central differences over every float leaf of `m`, in the
/// order [`backprop::flatten`] lists a gradient of `m` (compare with `flatten(&grad)`).
pub fn fd_leaves<M: backprop::Differentiable + Clone>(f: impl Fn(&M) -> f64, m: &M) -> Vec<f64> {
    (0..backprop::flatten(m).len())
        .map(|k| (f(&nudge_leaf(m, k, H64)) - f(&nudge_leaf(m, k, -H64))) / (2.0 * H64))
        .collect()
}

/// Same as [`fd_leaves`] for a value whose leaves are `f32`: steps of [`H32`], differences in
/// `f32`, widened to `f64` to compare with `flatten(&grad)`.
pub fn fd32_leaves<M: backprop::Differentiable + Clone>(f: impl Fn(&M) -> f32, m: &M) -> Vec<f64> {
    let h = f64::from(H32);
    (0..backprop::flatten(m).len())
        .map(|k| f64::from((f(&nudge_leaf(m, k, h)) - f(&nudge_leaf(m, k, -h))) / (2.0 * H32)))
        .collect()
}
