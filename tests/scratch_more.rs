mod common;
use approx::assert_relative_eq;
use backprop::differentiable;
use common::*;

struct Spring {
    k: f64,
}

impl Spring {
    #[differentiable(wrt(x))]
    fn energy(&self, x: f64) -> f64 {
        0.5 * self.k * x * x
    }

    #[differentiable(wrt(x))]
    fn total(&self, x: f64, y: f64) -> f64 {
        self.energy(x) + y
    }
}

// A custom derivative: softplus with a hand-written pullback.
fn softplus(x: f64) -> f64 {
    x.exp().ln_1p()
}
fn softplus_vjp(x: f64) -> (f64, impl FnOnce(f64) -> f64) {
    let s = 1.0 / (1.0 + (-x).exp());
    (softplus(x), move |d: f64| d * s)
}

#[differentiable]
fn uses_custom(x: f64) -> f64 {
    softplus(x * 2.0) * x
}

#[differentiable]
fn by_ref(x: &f64, y: &f64, n: i32) -> f64 {
    x * y + x.sin() * (*y).powi(n)
}

#[differentiable(wrt(y))]
fn only_y(x: f64, y: f64) -> f64 {
    x * y * y
}

#[differentiable]
fn casts(x: f32, y: f64) -> f64 {
    let a = x as f64;
    let b = (y as f32).sin();
    a * y + b as f64
}

#[test]
fn scratch_more() {
    let s = Spring { k: 3.0 };
    let (v, g) = s.energy_grad(2.0);
    assert_relative_eq!(v, 6.0);
    assert_relative_eq!(g, 6.0);
    let (_, g) = s.total_grad(2.0, 5.0);
    assert_relative_eq!(g, 6.0);

    let (v, g) = uses_custom_grad(0.3);
    assert_relative_eq!(v, uses_custom(0.3));
    assert_relative_eq!(g, fd(uses_custom, 0.3), max_relative = FD_TOL64);

    let (v, (gx, gy)) = by_ref_grad(&0.4, &1.3, 3);
    assert_relative_eq!(v, by_ref(&0.4, &1.3, 3));
    assert_relative_eq!(gx, fd(|x| by_ref(&x, &1.3, 3), 0.4), max_relative = FD_TOL64);
    assert_relative_eq!(gy, fd(|y| by_ref(&0.4, &y, 3), 1.3), max_relative = FD_TOL64);

    let (_, g) = only_y_grad(2.0, 3.0);
    assert_relative_eq!(g, 12.0);

    let (v, (gx, gy)) = casts_grad(0.5, 0.7);
    assert_relative_eq!(v, casts(0.5, 0.7));
    assert_relative_eq!(gx as f64, 0.7, max_relative = 1e-6);
    assert_relative_eq!(gy, 0.5 + (0.7f32).cos() as f64, max_relative = 1e-6);
}
