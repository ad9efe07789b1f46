//! `Option` values that carry a gradient: parameters read with `if let`, `match`, `let … else`
//! and `unwrap`, and functions returning `Option<f64>` (a ray that may miss). The gradient of
//! an `Option` has the value's shape: `Some` where the value is `Some`, `None` where it is not.
//! Every test checks against a hand derivation or central differences.

#![allow(clippy::needless_range_loop, reason = "index loops are what these tests differentiate")]

mod common;
use backprop::{Differentiable, differentiable};
use common::*;

// Ray from height `h` along +x towards a unit circle centred at (c, 0): the distance to the
// first hit, t = c − √(1 − h²), if the ray meets the circle.
#[differentiable]
fn hit(h: f64, c: f64) -> Option<f64> {
    let disc = 1.0 - h * h;
    if disc < 0.0 {
        return None;
    }
    Some(c - disc.sqrt())
}

// The brightness a hit gives: 1 / t² where it hits, 0 where it misses.
#[differentiable]
fn shade(h: f64, c: f64) -> f64 {
    match hit(h, c) {
        Some(t) => 1.0 / (t * t),
        None => 0.0,
    }
}

#[differentiable]
fn shade_let_else(h: f64, c: f64) -> f64 {
    let Some(t) = hit(h, c) else { return 0.0 };
    1.0 / (t * t)
}

#[differentiable]
fn shade_if_let(h: f64, c: f64) -> f64 {
    let mut b = 0.1 * c;
    if let Some(t) = hit(h, c) {
        b += (-t).exp();
    }
    b
}

#[differentiable]
fn shade_unwrap(h: f64, c: f64) -> f64 {
    let t = hit(h, c);
    if t.is_none() {
        return 0.0;
    }
    t.unwrap() * h
}

fn brightness(h: f64, c: f64) -> f64 {
    let disc = 1.0 - h * h;
    if disc < 0.0 { 0.0 } else { 1.0 / ((c - disc.sqrt()) * (c - disc.sqrt())) }
}

#[test]
fn a_ray_that_may_miss_has_an_option_value_and_tangent() {
    let (value, pullback) = hit_vjp(0.6, 3.0);
    assert_eq!(value, Some(2.2));
    // ∂t/∂h = h / √(1 − h²) = 0.75, ∂t/∂c = 1
    let (dh, dc) = pullback(Some(2.0));
    assert_rel64(dh, 1.5, 1e-12, "∂t/∂h");
    assert_rel64(dc, 2.0, 1e-12, "∂t/∂c");
    let (_, pullback) = hit_vjp(0.6, 3.0);
    assert_eq!(pullback(None), (0.0, 0.0), "no adjoint for the value: zero");
    let (value, pullback) = hit_vjp(1.5, 3.0);
    assert_eq!(value, None);
    assert_eq!(pullback(None), (0.0, 0.0));
    let (value, tangent) = hit_jvp(0.6, 3.0, 1.0, 0.5);
    assert_eq!(value, Some(2.2));
    assert_rel64(tangent.unwrap(), 0.75 + 0.5, 1e-12, "tangent");
    assert_eq!(hit_jvp(1.5, 3.0, 1.0, 0.5), (None, None));
}

#[test]
fn a_caller_reads_the_hit_with_match_let_else_if_let_and_unwrap() {
    for (h, c) in [(0.6, 3.0), (-0.3, 2.5), (0.95, 4.0), (1.2, 3.0)] {
        for (name, grad, f) in [
            ("match", shade_grad as fn(f64, f64) -> (f64, (f64, f64)), shade as fn(f64, f64) -> f64),
            ("let else", shade_let_else_grad, shade_let_else),
        ] {
            let (value, (dh, dc)) = grad(h, c);
            assert_rel64(value, brightness(h, c), 1e-12, name);
            assert_rel64(dh, fd(|h| f(h, c), h), 1e-6, name);
            assert_rel64(dc, fd(|c| f(h, c), c), 1e-6, name);
        }
        let (_, (dh, dc)) = shade_if_let_grad(h, c);
        assert_rel64(dh, fd(|h| shade_if_let(h, c), h), 1e-6, "if let");
        assert_rel64(dc, fd(|c| shade_if_let(h, c), c), 1e-6, "if let");
        let (_, (dh, dc)) = shade_unwrap_grad(h, c);
        assert_rel64(dh, fd(|h| shade_unwrap(h, c), h), 1e-6, "unwrap");
        assert_rel64(dc, fd(|c| shade_unwrap(h, c), c), 1e-6, "unwrap");
    }
}

// An `Option<f64>` parameter: an optional bias, read with `if let`.
#[differentiable]
fn biased(x: f64, bias: Option<f64>) -> f64 {
    let mut y = x * x;
    if let Some(b) = bias {
        y += b * x;
    }
    y
}

#[test]
fn an_option_parameter_has_an_option_gradient() {
    assert_eq!(biased_grad(3.0, Some(2.0)), (15.0, (8.0, Some(3.0))));
    assert_eq!(biased_grad(3.0, None), (9.0, (6.0, None)));
    assert_eq!(biased_jvp(3.0, Some(2.0), 1.0, Some(10.0)), (15.0, 8.0 + 30.0));
}

// The nearest of several circles a ray meets (centres along x, radius 1, ray at height h):
// the `Option` lives in a loop variable, replaced by `Some(t)` when a nearer hit turns up.
#[differentiable]
fn nearest(h: f64, centres: &[f64]) -> Option<f64> {
    let mut best: Option<f64> = None;
    for i in 0..centres.len() {
        if let Some(t) = hit(h, centres[i])
            && (best.is_none() || t < best.unwrap())
        {
            best = Some(t);
        }
    }
    best
}

#[differentiable]
fn nearest_brightness(h: f64, centres: &[f64]) -> f64 {
    match nearest(h, centres) {
        Some(t) => (-0.5 * t).exp(),
        None => 0.0,
    }
}

#[test]
fn the_nearest_hit_is_tracked_in_an_option_through_a_loop() {
    let centres = [5.0, 2.5, 7.0];
    let (value, (dh, dc)) = nearest_brightness_grad(0.4, &centres);
    let t = 2.5 - (1.0f64 - 0.16).sqrt();
    assert_rel64(value, (-0.5 * t).exp(), 1e-12, "value");
    assert_rel64(dh, fd(|h| nearest_brightness(h, &centres), 0.4), 1e-6, "∂/∂h");
    let fd_c = fd_grad(|c| nearest_brightness(0.4, c), &centres);
    assert_grad_close(&dc, &fd_c, 1e-6);
    assert_eq!(dc[0], 0.0, "a farther circle has no say");
    // Second order: H·v against differences of the gradient.
    let v = 1.0;
    let (_, _, hv) = nearest_brightness_hvp(0.4, &centres, v, &[0.0; 3]);
    let g = |h: f64| nearest_brightness_grad(h, &centres).1.0;
    assert_rel64(hv.0, fd(g, 0.4), 1e-5, "H·v");
}

#[test]
fn second_order_goes_through_an_option() {
    for (h, c) in [(0.6, 3.0), (-0.3, 2.5)] {
        let (_, _, hv) = shade_hvp(h, c, 1.0, 0.0);
        assert_rel64(hv.0, fd(|h| shade_grad(h, c).1.0, h), 1e-5, "∂²/∂h²");
        assert_rel64(hv.1, fd(|h| shade_grad(h, c).1.1, h), 1e-5, "∂²/∂h∂c");
    }
}

// f32 and a generic float: the same function for both.
#[differentiable]
fn hit_generic<T: backprop::Float>(h: T, c: T) -> Option<T> {
    let disc = T::ONE - h * h;
    if disc < T::ZERO { None } else { Some(c - disc.sqrt()) }
}

#[differentiable]
fn shade_generic<T: backprop::Float>(h: T, c: T) -> T {
    let Some(t) = hit_generic(h, c) else { return T::ZERO };
    (t * t).recip()
}

#[test]
fn an_option_of_a_generic_float_works_in_f32_and_f64() {
    let (v64, (dh64, _)) = shade_generic_grad::<f64>(0.6, 3.0);
    assert_rel64(v64, brightness(0.6, 3.0), 1e-12, "f64");
    assert_rel64(dh64, fd(|h| brightness(h, 3.0), 0.6), 1e-6, "f64");
    let (v32, (dh32, dc32)) = shade_generic_grad::<f32>(0.6, 3.0);
    assert_rel32(v32, brightness(0.6, 3.0) as f32, 1e-5, "f32");
    assert_rel32(dh32, fd(|h| brightness(h, 3.0), 0.6) as f32, 1e-3, "f32");
    assert_rel32(dc32, fd(|c| brightness(0.6, c), 3.0) as f32, 1e-3, "f32");
    assert_eq!(shade_generic_grad::<f32>(1.5, 3.0), (0.0, (0.0, 0.0)));
}

// An `Option` field of a derived struct: a lens with an optional focal length.
#[derive(Clone, backprop::Differentiable)]
struct Lens {
    power: f64,
    focal: Option<f64>,
}

#[differentiable]
fn lens_blur(lens: &Lens, d: f64) -> f64 {
    let base = lens.power * d;
    match lens.focal {
        Some(f) => base + (d - f) * (d - f),
        None => base,
    }
}

#[test]
fn an_option_field_of_a_struct_has_an_option_gradient() {
    let lens = Lens { power: 2.0, focal: Some(1.5) };
    let (value, (g, dd)) = lens_blur_grad(&lens, 3.0);
    assert_eq!(value, 6.0 + 2.25);
    assert_eq!((g.power, g.focal, dd), (3.0, Some(-3.0), 2.0 + 3.0));
    let lens = Lens { power: 2.0, focal: None };
    let (_, (g, dd)) = lens_blur_grad(&lens, 3.0);
    assert_eq!((g.power, g.focal, dd), (3.0, None, 2.0));
}

// `unwrap_or`, and an `Option` of an array (the hit point), read by index after `unwrap`.
#[differentiable]
fn hit_point(h: f64, c: f64) -> Option<[f64; 2]> {
    let t = hit(h, c)?;
    Some([t, h])
}

#[differentiable]
fn depth_or_far(h: f64, c: f64) -> f64 {
    let t = hit(h, c).unwrap_or(10.0);
    let seen = hit(h, c).is_some();
    let p = hit_point(h, c);
    let x = if seen { p.unwrap()[0] * p.unwrap()[1] } else { 0.0 };
    t * t + x
}

fn depth_or_far_by_hand(h: f64, c: f64) -> f64 {
    let disc = 1.0 - h * h;
    if disc < 0.0 { 100.0 } else { (c - disc.sqrt()).powi(2) + (c - disc.sqrt()) * h }
}

#[test]
fn unwrap_or_and_an_option_of_an_array() {
    for (h, c) in [(0.6, 3.0), (-0.3, 2.5), (1.2, 3.0)] {
        let (value, (dh, dc)) = depth_or_far_grad(h, c);
        assert_rel64(value, depth_or_far_by_hand(h, c), 1e-12, "value");
        assert_rel64(dh, fd(|h| depth_or_far_by_hand(h, c), h), 1e-6, "∂/∂h");
        assert_rel64(dc, fd(|c| depth_or_far_by_hand(h, c), c), 1e-6, "∂/∂c");
        let (_, th) = depth_or_far_jvp(h, c, 1.0, 0.0);
        assert_rel64(th, dh, 1e-12, "tangent");
    }
}

// Find 034: calls passing `None`, `Some(c)`, a local `Option` and an `Option` parameter on,
// to a callee that differentiates its `Option` and to one whose `wrt(...)` leaves it out.
#[differentiable]
fn scaled_or_squared(x: f64, o: Option<f64>) -> f64 {
    match o {
        Some(b) => x * b,
        None => x * x,
    }
}

#[differentiable(wrt(x))]
fn scaled_or_kept(x: f64, o: Option<f64>) -> f64 {
    if let Some(b) = o { x * b } else { x }
}

// x² + 0.5x + 2x² + x + 3x = 3x² + 4.5x
#[differentiable]
fn passes_options(x: f64) -> f64 {
    let o = Some(x * 2.0);
    scaled_or_squared(x, None)
        + scaled_or_squared(x, Some(0.5))
        + scaled_or_squared(x, o)
        + scaled_or_kept(x, None)
        + scaled_or_kept(x, Some(3.0))
}

#[differentiable]
fn passes_its_option_on(x: f64, o: Option<f64>) -> f64 {
    scaled_or_squared(x, o) + scaled_or_kept(x, None)
}

#[test]
fn options_passed_to_callees_chain_in_every_mode() {
    assert_eq!(passes_options_grad(2.0), (12.0 + 9.0, 6.0 * 2.0 + 4.5));
    assert_eq!(passes_options_jvp(2.0, 1.0), (21.0, 16.5));
    assert_eq!(passes_options_hvp(2.0, 1.0), (21.0, 16.5, 6.0));
    assert_eq!(passes_its_option_on_grad(2.0, Some(3.0)), (8.0, (4.0, Some(2.0))));
    assert_eq!(passes_its_option_on_grad(2.0, None), (6.0, (5.0, None)));
    assert_eq!(passes_its_option_on_jvp(2.0, Some(3.0), 1.0, Some(1.0)), (8.0, 4.0 + 2.0));
}

// A stranger's finds: `Some(Hit { … })` after a `?`, of a struct that is not `Copy` (E0382:
// the reverse sweep read the moved struct), and `match … { Some(h) => … }` on one that is
// `Copy` but not `Default` (the adjoint's inside needed `Default`).
#[derive(Clone, Debug, backprop::Differentiable)]
struct Hit {
    t: f64,
    u: f64,
}

#[derive(Clone, Copy, Debug, backprop::Differentiable)]
struct HitCopy {
    t: f64,
    u: f64,
}

#[differentiable]
fn hit_record(h: f64, c: f64) -> Option<Hit> {
    let t = hit(h, c)?;
    Some(Hit { t, u: t * h })
}

#[differentiable]
fn hit_record_copy(h: f64, c: f64) -> Option<HitCopy> {
    let t = hit(h, c)?;
    Some(HitCopy { t, u: t * h })
}

#[differentiable]
fn hit_energy(h: f64, c: f64) -> f64 {
    match hit_record_copy(h, c) {
        Some(r) => r.t * r.u + r.u,
        None => 0.0,
    }
}

fn hit_energy_by_hand(h: f64, c: f64) -> f64 {
    let disc = 1.0 - h * h;
    if disc < 0.0 {
        return 0.0;
    }
    let t = c - disc.sqrt();
    t * t * h + t * h
}

#[test]
fn options_of_structs_built_after_a_question_mark_and_matched() {
    for (h, c) in [(0.6, 3.0), (-0.3, 2.5), (1.2, 3.0)] {
        let (value, (dh, dc)) = hit_energy_grad(h, c);
        assert_rel64(value, hit_energy_by_hand(h, c), 1e-12, "value");
        assert_rel64(dh, fd(|h| hit_energy_by_hand(h, c), h), 1e-6, "∂/∂h");
        assert_rel64(dc, fd(|c| hit_energy_by_hand(h, c), c), 1e-6, "∂/∂c");
        let (_, tangent) = hit_energy_jvp(h, c, 1.0, 0.0);
        assert_rel64(tangent, dh, 1e-12, "tangent");
    }
    let (record, pullback) = hit_record_vjp(0.6, 3.0);
    let record = record.unwrap();
    assert_rel64(record.u, 2.2 * 0.6, 1e-12, "u");
    // ∂t/∂h = 0.75, ∂u/∂h = t + h·0.75; a `None` adjoint is zero.
    let (dh, dc) = pullback(Some(Hit { t: 0.0, u: 1.0 }));
    assert_rel64(dh, 2.2 + 0.6 * 0.75, 1e-12, "∂u/∂h");
    assert_rel64(dc, 0.6, 1e-12, "∂u/∂c");
    let (_, pullback) = hit_record_vjp(0.6, 3.0);
    assert_eq!(pullback(None), (0.0, 0.0));
}

// `Some` of an integer field passed to an `Option<usize>` parameter (found by the differential
// tester, seed 20261209): the field is copied, the `Option` a constant argument, whose
// gradient is `()`. f = w₀·n, ∂f/∂w₀ = n.
#[derive(Differentiable, Clone)]
pub struct Counted {
    pub n: usize,
    pub w: Vec<f64>,
}

#[differentiable]
fn scaled_by_count(o: Option<usize>, p: f64) -> f64 {
    match o {
        Some(k) => p * k as f64,
        None => p,
    }
}

#[differentiable]
fn some_of_an_integer_field(s: &Counted) -> f64 {
    scaled_by_count(Some(s.n), s.w[0])
}

#[test]
fn some_of_an_integer_field_is_a_constant_argument() {
    for (n, w0) in [(3, 2.0), (0, -1.5)] {
        let s = Counted { n, w: vec![w0] };
        let (value, g) = some_of_an_integer_field_grad(&s);
        assert_eq!(value, some_of_an_integer_field(&s));
        assert_eq!(value, w0 * n as f64);
        assert_eq!(g.w, vec![n as f64]);
        let h = 1e-6;
        let fd = (scaled_by_count(Some(n), w0 + h) - scaled_by_count(Some(n), w0 - h)) / (2.0 * h);
        assert_rel64(g.w[0], fd, FD_TOL64, "finite differences");
        let (_, tangent) = some_of_an_integer_field_jvp(&s, &Counted { n: 0, w: vec![1.0] });
        assert_eq!(tangent, n as f64);
    }
}
