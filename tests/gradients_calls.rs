//! Gradients through calls: other differentiable functions, methods, hand-written `_vjp`s,
//! `wrt(...)`, constant and by-reference parameters, and parameters with no influence.
//!
//! Each function's comment gives it with its hand-derived derivative; each test checks the
//! generated gradient against that derivative and against central differences.

mod common;
use backprop::differentiable;
use common::*;
use std::sync::atomic::{AtomicUsize, Ordering};

// ---------------------------------------------------------------------------------------------
// Calls by name and by path
// ---------------------------------------------------------------------------------------------

// g(u) = u² + sin u;  g'(u) = 2u + cos u
#[differentiable]
fn square_plus_sin(u: f64) -> f64 {
    u * u + u.sin()
}

// f(x) = g(2x)·x;  f'(x) = 2x·g'(2x) + g(2x) = 2x(4x + cos 2x) + 4x² + sin 2x
#[differentiable]
fn calls_by_name(x: f64) -> f64 {
    square_plus_sin(2.0 * x) * x
}

#[test]
fn call_by_plain_name_chains_through_the_callee() {
    let d = |x: f64| 2.0 * x * (4.0 * x + (2.0 * x).cos()) + 4.0 * x * x + (2.0 * x).sin();
    check1_64(calls_by_name_grad, calls_by_name, d, &[-1.1, 0.3, 1.6], TOL64);
}

// f(x) = g(g(x)), a call as the argument of a call;  f'(x) = g'(g(x))·g'(x)
#[differentiable]
fn call_of_a_call(x: f64) -> f64 {
    square_plus_sin(square_plus_sin(x))
}

#[test]
fn nested_calls_multiply_the_callee_derivatives() {
    let g = |u: f64| u * u + u.sin();
    let dg = |u: f64| 2.0 * u + u.cos();
    let d = |x: f64| dg(g(x)) * dg(x);
    check1_64(call_of_a_call_grad, call_of_a_call, d, &[-1.1, 0.3, 1.6], TOL64);
}

mod shapes {
    use backprop::differentiable;

    // b(x, w) = exp(−x²/w);  ∂b/∂x = −2x/w · b,  ∂b/∂w = x²/w² · b
    #[differentiable]
    pub fn bump(x: f64, w: f64) -> f64 {
        (-(x * x) / w).exp()
    }
}

// f(x, w) = shapes::bump(x, w) + x;  ∂f/∂x = −2x/w · b + 1,  ∂f/∂w = x²/w² · b
#[differentiable]
fn calls_by_path(x: f64, w: f64) -> f64 {
    shapes::bump(x, w) + x
}

#[test]
fn call_by_module_path_differentiates_every_argument() {
    check_n64(
        |p| {
            let (v, (gx, gw)) = calls_by_path_grad(p[0], p[1]);
            (v, vec![gx, gw])
        },
        |p| calls_by_path(p[0], p[1]),
        |p| {
            let (x, w) = (p[0], p[1]);
            let b = (-(x * x) / w).exp();
            vec![-2.0 * x / w * b + 1.0, x * x / (w * w) * b]
        },
        &[&[0.5, 2.0], &[-1.2, 0.7], &[2.0, 3.5]],
        TOL64,
    );
}

mod chain {
    use backprop::differentiable;

    // e(x) = eˣ;  e'(x) = eˣ
    #[differentiable]
    pub fn innermost(x: f64) -> f64 {
        x.exp()
    }

    // m(x) = e(x)·sin x;  m'(x) = eˣ(sin x + cos x)
    #[differentiable]
    pub fn middle(x: f64) -> f64 {
        innermost(x) * x.sin()
    }

    // o(x) = m(x²) + e(x);  o'(x) = 2x e^(x²)(sin x² + cos x²) + eˣ
    #[differentiable]
    pub fn outer(x: f64) -> f64 {
        middle(x * x) + innermost(x)
    }
}

// f(x) = cos x · crate::chain::outer(x) (four levels);  f'(x) = −sin x · o(x) + cos x · o'(x)
#[differentiable]
fn top_of_chain(x: f64) -> f64 {
    x.cos() * crate::chain::outer(x)
}

#[test]
fn calls_chained_three_deep_compose_every_level() {
    let o = |x: f64| (x * x).exp() * (x * x).sin() + x.exp();
    let d_o = |x: f64| 2.0 * x * (x * x).exp() * ((x * x).sin() + (x * x).cos()) + x.exp();
    let pts = &[-1.1, 0.3, 1.2];
    check1_64(chain::outer_grad, chain::outer, d_o, pts, TOL64);
    let d = |x: f64| -x.sin() * o(x) + x.cos() * d_o(x);
    check1_64(top_of_chain_grad, top_of_chain, d, pts, TOL64);
}

// s ← g(s)/2 for n steps from s₀ = x, a call inside a loop;  tangent: t ← g'(s)·t/2
#[differentiable]
fn call_inside_loop(x: f64, n: usize) -> f64 {
    let mut s = x;
    for _ in 0..n {
        s = square_plus_sin(s) * 0.5;
    }
    s
}

#[test]
fn call_inside_loop_keeps_one_pullback_per_iteration() {
    for n in [1usize, 4] {
        let d = |x: f64| {
            let (mut s, mut t) = (x, 1.0);
            for _ in 0..n {
                t *= 0.5 * (2.0 * s + s.cos());
                s = 0.5 * (s * s + s.sin());
            }
            t
        };
        let pts = &[-0.9, 0.4, 1.1];
        check1_64(|x| call_inside_loop_grad(x, n), |x| call_inside_loop(x, n), d, pts, TOL64);
    }
}

// f(x) = g(x) for x > 0, bump(x, 2) for x ≤ 0 (constant width);
// f'(x) = 2x + cos x, or −x·exp(−x²/2)
#[differentiable]
fn call_inside_branch(x: f64) -> f64 {
    if x > 0.0 { square_plus_sin(x) } else { shapes::bump(x, 2.0) }
}

#[test]
fn call_inside_branch_uses_the_callee_of_the_taken_arm() {
    let d = |x: f64| {
        if x > 0.0 { 2.0 * x + x.cos() } else { -x * (-(x * x) / 2.0).exp() }
    };
    check1_64(call_inside_branch_grad, call_inside_branch, d, &[-1.5, -0.4, 0.3, 1.6], TOL64);
}

#[test]
fn vjp_pullback_scales_the_gradient_by_the_seed() {
    for x in [-1.1, 0.3] {
        let (value, pullback) = calls_by_name_vjp(x);
        assert_eq!(value, calls_by_name(x));
        let want = 2.5 * calls_by_name_grad(x).1;
        assert_rel64(pullback(2.5), want, EXACT64, &format!("seed 2.5 at x = {x}"));
        let (_, pullback) = calls_by_path_vjp(x, 2.0);
        let (gx, gw) = calls_by_path_grad(x, 2.0).1;
        let (sx, sw) = pullback(-3.0);
        assert_rel64(sx, -3.0 * gx, EXACT64, &format!("seed −3, ∂x at x = {x}"));
        assert_rel64(sw, -3.0 * gw, EXACT64, &format!("seed −3, ∂w at x = {x}"));
    }
}

// ---------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------

struct Spring {
    k: f64,
}

// `#[differentiable]` on the block: every function in it is differentiated (each may carry its
// own `#[differentiable(...)]`), and `cube`, which has no `self`, is known to be associated.
#[differentiable]
impl Spring {
    // E(x) = k x²/2 (`&self`);  E'(x) = k x
    #[differentiable(wrt(x))]
    fn energy(&self, x: f64) -> f64 {
        0.5 * self.k * x * x
    }

    // W(x, y) = E(x)·y + sin y, calling another method on `self`;
    // ∂W/∂x = k x y,  ∂W/∂y = k x²/2 + cos y
    #[differentiable(wrt(x, y))]
    fn work(&self, x: f64, y: f64) -> f64 {
        self.energy(x) * y + y.sin()
    }

    // c(x) = x³, an associated function without `self`;  c'(x) = 3x²
    fn cube(x: f64) -> f64 {
        x * x * x
    }

    // K(x) = k·Self::cube(x), calling an associated function by `Self::` path;  K'(x) = 3k x²
    #[differentiable(wrt(x))]
    fn stiff_cube(&self, x: f64) -> f64 {
        Self::cube(x) * self.k
    }
}

#[derive(Clone, Copy)]
struct Scale {
    factor: f64,
}

impl Scale {
    // A(x) = factor · sin x (`self` by value);  A'(x) = factor · cos x
    #[differentiable(wrt(x))]
    fn apply(self, x: f64) -> f64 {
        self.factor * x.sin()
    }
}

#[test]
fn methods_on_ref_self_and_by_value_self_differentiate_their_float_arguments() {
    let s = Spring { k: 3.0 };
    check1_64(|x| s.energy_grad(x), |x| s.energy(x), |x| 3.0 * x, &[-1.5, 0.5, 2.0], TOL64);
    check_n64(
        |p| {
            let (v, (gx, gy)) = s.work_grad(p[0], p[1]);
            (v, vec![gx, gy])
        },
        |p| s.work(p[0], p[1]),
        |p| vec![3.0 * p[0] * p[1], 1.5 * p[0] * p[0] + p[1].cos()],
        &[&[0.5, 2.0], &[-1.2, 0.7]],
        TOL64,
    );
    check1_64(Spring::cube_grad, Spring::cube, |x| 3.0 * x * x, &[-1.5, 0.5, 2.0], TOL64);
    let sc = Scale { factor: -2.5 };
    check1_64(|x| sc.apply_grad(x), |x| sc.apply(x), |x| -2.5 * x.cos(), &[-1.5, 0.5], TOL64);
}

/// A trait of the user's, implemented by a differentiated trait impl.
trait Potential {
    fn potential(&self, x: f64) -> f64;
}

// V(x) = factor · x⁴/4, from `#[differentiable] impl Potential for Scale`: its forms go into an
// inherent impl of `Scale`;  V'(x) = factor · x³
#[differentiable(wrt(x))]
impl Potential for Scale {
    fn potential(&self, x: f64) -> f64 {
        0.25 * self.factor * x * x * x * x
    }
}

#[test]
fn a_differentiated_trait_impl_gives_its_type_every_form() {
    let sc = Scale { factor: 1.5 };
    check1_64(|x| sc.potential_grad(x), |x| sc.potential(x), |x| 1.5 * x * x * x, &[-1.2, 0.4, 2.0], TOL64);
    // Forward mode and the Hessian-vector product: V''(x) = 3·factor·x².
    for x in [-1.2, 0.4, 2.0] {
        let (v, dv) = sc.potential_jvp(x, 0.5);
        assert_eq!(v, sc.potential(x));
        assert!((dv - 0.5 * 1.5 * x * x * x).abs() < 1e-12);
        let (_, g, hv) = sc.potential_hvp(x, 2.0);
        assert!((g - 1.5 * x * x * x).abs() < 1e-12);
        assert!((hv - 2.0 * 4.5 * x * x).abs() < 1e-12);
    }
}

// f(x) = s.energy(x) + Spring::cube(x);  f'(x) = k x + 3x²
#[differentiable(wrt(x))]
fn calls_methods_and_associated_function(s: &Spring, x: f64) -> f64 {
    s.energy(x) + Spring::cube(x)
}

// f(x) = sc.apply(x) + sc.apply(2x);  f'(x) = factor·(cos x + 2 cos 2x)
#[differentiable(wrt(x))]
fn calls_by_value_method_twice(sc: Scale, x: f64) -> f64 {
    sc.apply(x) + sc.apply(2.0 * x)
}

#[test]
fn method_calls_inside_a_differentiable_function_chain_through_their_vjp() {
    let s = Spring { k: 0.75 };
    check1_64(
        |x| calls_methods_and_associated_function_grad(&s, x),
        |x| calls_methods_and_associated_function(&s, x),
        |x| 0.75 * x + 3.0 * x * x,
        &[-1.5, 0.5, 2.0],
        TOL64,
    );
    let sc = Scale { factor: 1.5 };
    check1_64(
        |x| calls_by_value_method_twice_grad(sc, x),
        |x| calls_by_value_method_twice(sc, x),
        |x| 1.5 * (x.cos() + 2.0 * (2.0 * x).cos()),
        &[-1.5, 0.5, 2.0],
        TOL64,
    );
}

// ---------------------------------------------------------------------------------------------
// Hand-written `_vjp`s used as custom derivatives
// ---------------------------------------------------------------------------------------------

static LOGISTIC_PULLBACKS: AtomicUsize = AtomicUsize::new(0);

// σ(x) = 1 / (1 + e⁻ˣ), not differentiable by itself.
#[differentiable(custom)]
fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

// Its derivative in the stable form σ(1 − σ): finite (0) where e⁻ˣ overflows, whereas the
// quotient rule on the body gives e⁻ˣ/(1 + e⁻ˣ)² = ∞/∞ = NaN there. Counts its pullbacks.
fn logistic_vjp(x: f64) -> (f64, impl FnOnce(f64) -> f64) {
    let y = logistic(x);
    let pullback = move |d: f64| {
        LOGISTIC_PULLBACKS.fetch_add(1, Ordering::SeqCst);
        d * y * (1.0 - y)
    };
    (y, pullback)
}

// f(x) = 3σ(2x);  f'(x) = 6σ(2x)(1 − σ(2x))
#[differentiable]
fn uses_logistic(x: f64) -> f64 {
    3.0 * logistic(2.0 * x)
}

#[test]
fn custom_vjp_is_called_once_per_gradient_and_gives_its_stable_derivative() {
    let s = |u: f64| 1.0 / (1.0 + (-u).exp());
    let d = |x: f64| 6.0 * s(2.0 * x) * (1.0 - s(2.0 * x));
    let before = LOGISTIC_PULLBACKS.load(Ordering::SeqCst);
    let pts = &[-1.5, 0.2, 2.0];
    check1_64(uses_logistic_grad, uses_logistic, d, pts, TOL64);
    assert_eq!(LOGISTIC_PULLBACKS.load(Ordering::SeqCst) - before, pts.len());
    // σ(−800) underflows to 0: the custom pullback gives exactly 0 where the body's own
    // quotient-rule derivative would be NaN.
    let (value, g) = uses_logistic_grad(-400.0);
    assert_eq!(value, 0.0);
    assert_eq!(g, 0.0);
}

static SQUARE_FORWARDS: AtomicUsize = AtomicUsize::new(0);
static SQUARE_PULLBACKS: AtomicUsize = AtomicUsize::new(0);

#[differentiable(custom)]
fn counted_square(x: f64) -> f64 {
    x * x
}

// d/dx x² = 2x, counting forward calls and pullbacks separately.
fn counted_square_vjp(x: f64) -> (f64, impl FnOnce(f64) -> f64) {
    SQUARE_FORWARDS.fetch_add(1, Ordering::SeqCst);
    (counted_square(x), move |d: f64| {
        SQUARE_PULLBACKS.fetch_add(1, Ordering::SeqCst);
        2.0 * x * d
    })
}

// f(x) = Σ_{i<n} (x + i)², one custom call per iteration;  f'(x) = Σ_{i<n} 2(x + i)
#[differentiable]
fn custom_call_in_loop(x: f64, n: usize) -> f64 {
    let mut s = 0.0;
    for i in 0..n {
        s += counted_square(x + i as f64);
    }
    s
}

#[test]
fn custom_vjp_inside_a_loop_runs_one_forward_and_one_pullback_per_iteration() {
    for n in [0usize, 1, 5] {
        let (f0, p0) = (SQUARE_FORWARDS.load(Ordering::SeqCst), SQUARE_PULLBACKS.load(Ordering::SeqCst));
        let (value, g) = custom_call_in_loop_grad(0.7, n);
        assert_eq!(SQUARE_FORWARDS.load(Ordering::SeqCst) - f0, n, "forward calls, n = {n}");
        assert_eq!(SQUARE_PULLBACKS.load(Ordering::SeqCst) - p0, n, "pullbacks, n = {n}");
        assert_eq!(value, custom_call_in_loop(0.7, n));
        let want: f64 = (0..n).map(|i| 2.0 * (0.7 + i as f64)).sum();
        assert_rel64(g, want, EXACT64, &format!("hand-derived, n = {n}"));
        let d = |x: f64| (0..n).map(|i| 2.0 * (x + i as f64)).sum::<f64>();
        let f = |x| custom_call_in_loop(x, n);
        check1_64(|x| custom_call_in_loop_grad(x, n), f, d, &[-2.5, 0.7], TOL64);
    }
}

// q(x, w) = w x², with a hand-written two-argument pullback (2wx, x²).
#[differentiable(custom)]
fn weighted_square(x: f64, w: f64) -> f64 {
    w * x * x
}

fn weighted_square_vjp(x: f64, w: f64) -> (f64, impl FnOnce(f64) -> (f64, f64)) {
    (weighted_square(x, w), move |d: f64| (d * 2.0 * w * x, d * x * x))
}

// f(x, w) = q(sin x, w + 1) = (w + 1) sin² x;  ∂f/∂x = 2(w + 1) sin x cos x,  ∂f/∂w = sin² x
#[differentiable]
fn uses_two_argument_custom_vjp(x: f64, w: f64) -> f64 {
    weighted_square(x.sin(), w + 1.0)
}

#[test]
fn custom_vjp_with_a_tuple_gradient_feeds_both_arguments() {
    check_n64(
        |p| {
            let (v, (gx, gw)) = uses_two_argument_custom_vjp_grad(p[0], p[1]);
            (v, vec![gx, gw])
        },
        |p| uses_two_argument_custom_vjp(p[0], p[1]),
        |p| {
            let (x, w) = (p[0], p[1]);
            vec![2.0 * (w + 1.0) * x.sin() * x.cos(), x.sin() * x.sin()]
        },
        &[&[0.5, 2.0], &[-1.2, -0.3], &[2.0, 0.7]],
        TOL64,
    );
}

static DAMPED_PULLBACKS: AtomicUsize = AtomicUsize::new(0);

impl Scale {
    // D(x) = factor · sin x, a plain method with a hand-written `damped_vjp` beside it (for
    // `x` only: `Scale` has no gradient).
    #[differentiable(custom, wrt(x))]
    fn damped(&self, x: f64) -> f64 {
        self.factor * x.sin()
    }

    // D'(x) = factor · cos x; counts its pullbacks.
    fn damped_vjp(&self, x: f64) -> (f64, impl FnOnce(f64) -> f64) {
        let factor = self.factor;
        (self.damped(x), move |d: f64| {
            DAMPED_PULLBACKS.fetch_add(1, Ordering::SeqCst);
            d * factor * x.cos()
        })
    }
}

// f(x) = sc.damped(2x) + x;  f'(x) = 2·factor·cos 2x + 1
#[differentiable(wrt(x))]
fn uses_custom_method_vjp(sc: &Scale, x: f64) -> f64 {
    sc.damped(2.0 * x) + x
}

#[test]
fn custom_vjp_of_a_method_is_used_for_method_calls() {
    let sc = Scale { factor: 0.8 };
    let before = DAMPED_PULLBACKS.load(Ordering::SeqCst);
    let pts = &[-1.5, 0.5, 2.0];
    check1_64(
        |x| uses_custom_method_vjp_grad(&sc, x),
        |x| uses_custom_method_vjp(&sc, x),
        |x| 1.6 * (2.0 * x).cos() + 1.0,
        pts,
        TOL64,
    );
    assert_eq!(DAMPED_PULLBACKS.load(Ordering::SeqCst) - before, pts.len());
}

mod stable {
    use backprop::differentiable;
    use std::sync::atomic::{AtomicUsize, Ordering};

    pub static SOFTPLUS_PULLBACKS: AtomicUsize = AtomicUsize::new(0);

    // softplus(x) = ln(1 + eˣ), returning x itself where eˣ would overflow.
    #[differentiable(custom)]
    pub fn softplus(x: f64) -> f64 {
        if x > 30.0 { x + (-x).exp() } else { x.exp().ln_1p() }
    }

    // softplus'(x) = σ(x) = 1 / (1 + e⁻ˣ), finite everywhere.
    pub fn softplus_vjp(x: f64) -> (f64, impl FnOnce(f64) -> f64) {
        (softplus(x), move |d: f64| {
            SOFTPLUS_PULLBACKS.fetch_add(1, Ordering::SeqCst);
            d / (1.0 + (-x).exp())
        })
    }
}

// f(x) = stable::softplus(x) − x/2 (a custom `_vjp` found by path);  f'(x) = σ(x) − 1/2
#[differentiable]
fn uses_custom_vjp_by_path(x: f64) -> f64 {
    stable::softplus(x) - 0.5 * x
}

#[test]
fn custom_vjp_found_by_module_path_is_used() {
    let d = |x: f64| 1.0 / (1.0 + (-x).exp()) - 0.5;
    let before = stable::SOFTPLUS_PULLBACKS.load(Ordering::SeqCst);
    let pts = &[-2.0, 0.6, 3.0];
    check1_64(uses_custom_vjp_by_path_grad, uses_custom_vjp_by_path, d, pts, TOL64);
    // e^1000 overflows; the custom derivative σ(1000) − 1/2 is exactly 1/2.
    let (value, g) = uses_custom_vjp_by_path_grad(1000.0);
    assert_eq!(value, uses_custom_vjp_by_path(1000.0));
    assert_eq!(g, 0.5);
    let calls = stable::SOFTPLUS_PULLBACKS.load(Ordering::SeqCst) - before;
    assert_eq!(calls, pts.len() + 1);
}

// ---------------------------------------------------------------------------------------------
// `wrt(...)`, constant parameters, references
// ---------------------------------------------------------------------------------------------

// f(x, y, z) = x y² + z y, gradient w.r.t. y only;  ∂f/∂y = 2xy + z
#[differentiable(wrt(y))]
fn only_y(x: f64, y: f64, z: f64) -> f64 {
    x * y * y + z * y
}

// f(x, y, z) = y sin x + y z³, gradient w.r.t. x and z;  ∂f/∂x = y cos x,  ∂f/∂z = 3yz²
#[differentiable(wrt(x, z))]
fn x_and_z(x: f64, y: f64, z: f64) -> f64 {
    y * x.sin() + y * z * z * z
}

#[test]
fn wrt_restricts_the_gradient_to_the_named_parameters_in_order() {
    let (x, z) = (1.5, -0.5);
    check1_64(|y| only_y_grad(x, y, z), |y| only_y(x, y, z), |y| 2.0 * x * y + z, &[-1.0, 0.4, 2.0], TOL64);
    let y = 0.8;
    check_n64(
        |p| {
            let (v, (gx, gz)) = x_and_z_grad(p[0], y, p[1]);
            (v, vec![gx, gz])
        },
        |p| x_and_z(p[0], y, p[1]),
        |p| vec![y * p[0].cos(), 3.0 * y * p[1] * p[1]],
        &[&[0.5, 2.0], &[-1.2, -0.7]],
        TOL64,
    );
}

// f(x; n, k, flag) = k x (flag) or xⁿ (not flag), plus n; integer and bool parameters are
// constants, so the gradient is the bare ∂f/∂x = k, or n xⁿ⁻¹
#[differentiable]
fn integer_and_bool_parameters(x: f64, n: u32, k: i64, flag: bool) -> f64 {
    let s = if flag { x * k as f64 } else { x.powi(n as i32) };
    s + n as f64
}

// f(x; op, c) = sin x (op == "sin"), eˣ (c == 'e'), x otherwise; `&str` and `char` are
// constants;  f'(x) = cos x, eˣ, 1
#[differentiable]
fn str_and_char_parameters(x: f64, op: &str, c: char) -> f64 {
    if op == "sin" {
        x.sin()
    } else if c == 'e' {
        x.exp()
    } else {
        x
    }
}

#[test]
fn integer_bool_str_and_char_parameters_are_constants() {
    for (n, k, flag) in [(3u32, -2i64, true), (3, -2, false), (5, 4, false)] {
        let d = |x: f64| {
            if flag { k as f64 } else { f64::from(n) * x.powi(n as i32 - 1) }
        };
        check1_64(
            |x| integer_and_bool_parameters_grad(x, n, k, flag),
            |x| integer_and_bool_parameters(x, n, k, flag),
            d,
            &[-1.5, 0.5, 2.0],
            TOL64,
        );
    }
    for (op, c) in [("sin", 'x'), ("cos", 'e'), ("id", 'x')] {
        let d = |x: f64| match (op, c) {
            ("sin", _) => x.cos(),
            (_, 'e') => x.exp(),
            _ => 1.0,
        };
        check1_64(
            |x| str_and_char_parameters_grad(x, op, c),
            |x| str_and_char_parameters(x, op, c),
            d,
            &[-1.5, 0.5, 2.0],
            TOL64,
        );
    }
}

// f(x, y; n) = xy + sin x · yⁿ with `&f64` parameters;
// ∂f/∂x = y + cos x · yⁿ,  ∂f/∂y = x + n sin x · yⁿ⁻¹
#[differentiable]
fn by_reference(x: &f64, y: &f64, n: i32) -> f64 {
    x * y + x.sin() * (*y).powi(n)
}

// f(x, y) = x eʸ + ∛x with `&f32` and `f32` parameters;
// ∂f/∂x = eʸ + 1/(3∛x²),  ∂f/∂y = x eʸ
#[differentiable]
fn mixed_reference_f32(x: &f32, y: f32) -> f32 {
    *x * y.exp() + x.cbrt()
}

#[test]
fn reference_parameters_get_float_gradients() {
    for n in [2, -1] {
        check_n64(
            |p| {
                let (v, (gx, gy)) = by_reference_grad(&p[0], &p[1], n);
                (v, vec![gx, gy])
            },
            |p| by_reference(&p[0], &p[1], n),
            |p| {
                let (x, y) = (p[0], p[1]);
                let nf = f64::from(n);
                vec![y + x.cos() * y.powi(n), x + nf * x.sin() * y.powi(n - 1)]
            },
            &[&[0.5, 2.0], &[-1.2, 0.7]],
            TOL64,
        );
    }
    check_n32(
        |p| {
            let (v, (gx, gy)) = mixed_reference_f32_grad(&p[0], p[1]);
            (v, vec![gx, gy])
        },
        |p| mixed_reference_f32(&p[0], p[1]),
        |p| {
            let (x, y) = (p[0], p[1]);
            vec![y.exp() + 1.0 / (3.0 * (x * x).cbrt()), x * y.exp()]
        },
        &[&[0.5, 1.0], &[-2.0, -0.7]],
        TOL32,
    );
}

// f(x) = by_reference(&x, &2x, 2) = 2x² + 4x² sin x, passing locals by reference;
// f'(x) = 4x + 8x sin x + 4x² cos x
#[differentiable]
fn passes_locals_by_reference(x: f64) -> f64 {
    let y = x * 2.0;
    by_reference(&x, &y, 2)
}

#[test]
fn passing_locals_by_reference_sends_the_callee_gradient_back() {
    let d = |x: f64| 4.0 * x + 8.0 * x * x.sin() + 4.0 * x * x * x.cos();
    let f = passes_locals_by_reference;
    check1_64(passes_locals_by_reference_grad, f, d, &[-1.1, 0.3, 1.6], TOL64);
}

// f(x) = by_reference(&(2x), &x, 3) = 2x² + sin 2x · x³, borrowing a temporary;
// f'(x) = 4x + 2 cos 2x · x³ + 3x² sin 2x
#[differentiable]
fn passes_a_borrowed_temporary(x: f64) -> f64 {
    by_reference(&(x * 2.0), &x, 3)
}

#[test]
fn borrowed_temporary_argument_sends_the_gradient_through_the_expression() {
    let d = |x: f64| 4.0 * x + 2.0 * (2.0 * x).cos() * x.powi(3) + 3.0 * x * x * (2.0 * x).sin();
    let f = passes_a_borrowed_temporary;
    check1_64(passes_a_borrowed_temporary_grad, f, d, &[-1.1, 0.3, 1.6], TOL64);
}

// y ← 1.3y from y₀ = x while g(y) = y² + sin y < 3 (a call in the loop condition):
// f(x) = 1.3ᵏ x;  f'(x) = 1.3ᵏ with k the number of steps run
#[differentiable]
fn call_in_while_condition(x: f64) -> f64 {
    let mut y = x;
    while square_plus_sin(y) < 3.0 {
        y *= 1.3;
    }
    y
}

#[test]
fn call_in_a_loop_condition_only_decides_the_iteration_count() {
    let d = |x: f64| {
        let mut k = 0;
        while (1.3f64.powi(k) * x).powi(2) + (1.3f64.powi(k) * x).sin() < 3.0 {
            k += 1;
        }
        1.3f64.powi(k)
    };
    check1_64(call_in_while_condition_grad, call_in_while_condition, d, &[0.2, 0.7, 2.0], TOL64);
}

// ---------------------------------------------------------------------------------------------
// Float parameters that do not affect the output get exactly zero
// ---------------------------------------------------------------------------------------------

// f(x, y) = sin x; y is never read;  ∇f = (cos x, 0)
#[differentiable]
fn ignores_second(x: f64, _y: f64) -> f64 {
    x.sin()
}

// f(x, y) = sin x; y feeds only a value that is dropped;  ∇f = (cos x, 0)
#[differentiable]
fn discards_a_value_of_second(x: f64, y: f64) -> f64 {
    let _unused = y * 3.0;
    x.sin()
}

// f(x, y) = 2x if y > 0 else −x; y only picks the branch;  ∇f = (2 or −1, 0)
#[differentiable]
fn second_only_in_condition(x: f64, y: f64) -> f64 {
    if y > 0.0 { x * 2.0 } else { -x }
}

// f(x, y) = x ⌊y⌋; y only reaches the output through floor;  ∇f = (⌊y⌋, 0)
#[differentiable]
fn second_only_through_floor(x: f64, y: f64) -> f64 {
    x * y.floor()
}

// f(x, y) = x ⌊y⌋ in f32;  ∇f = (⌊y⌋, 0)
#[differentiable]
fn second_only_through_floor_f32(x: f32, y: f32) -> f32 {
    x * y.floor()
}

#[test]
fn float_parameters_without_influence_get_exactly_zero_gradient() {
    type Grad = fn(f64, f64) -> (f64, (f64, f64));
    type Plain = fn(f64, f64) -> f64;
    type HandDx = fn(f64, f64) -> f64;
    let cases: [(Grad, Plain, HandDx); 4] = [
        (ignores_second_grad, ignores_second, |x, _| x.cos()),
        (discards_a_value_of_second_grad, discards_a_value_of_second, |x, _| x.cos()),
        (second_only_in_condition_grad, second_only_in_condition, |_, y| if y > 0.0 { 2.0 } else { -1.0 }),
        (second_only_through_floor_grad, second_only_through_floor, |_, y| y.floor()),
    ];
    for (grad, f, dx) in cases {
        for (x, y) in [(0.5, 2.3), (-1.2, -0.7), (1.9, 0.4), (0.8, -1.6)] {
            let (value, (gx, gy)) = grad(x, y);
            assert_eq!(value, f(x, y));
            assert_eq!(gy, 0.0, "∂f/∂y at ({x}, {y})");
            assert_eq!(fd(|t| f(x, t), y), 0.0, "finite differences in y at ({x}, {y})");
            assert_rel64(gx, dx(x, y), EXACT64, &format!("∂f/∂x at ({x}, {y})"));
            assert_rel64(gx, fd(|t| f(t, y), x), FD_TOL64, &format!("fd in x at ({x}, {y})"));
        }
    }
    for (x, y) in [(0.5f32, 2.3f32), (-1.2, -0.7)] {
        let (value, (gx, gy)) = second_only_through_floor_f32_grad(x, y);
        assert_eq!(value, second_only_through_floor_f32(x, y));
        assert_eq!(gy, 0.0, "∂f/∂y at ({x}, {y})");
        assert_eq!(gx, y.floor(), "∂f/∂x at ({x}, {y})");
        let numeric = fd32(|t| second_only_through_floor_f32(t, y), x);
        assert_rel32(gx, numeric, FD_TOL32, &format!("fd in x at ({x}, {y})"));
    }
}

// ---------------------------------------------------------------------------------------------
// Callees restricted by `wrt(...)`
// ---------------------------------------------------------------------------------------------

// weighted(x, data, s) = s·Σ xᵢ·dataᵢ, differentiated in x only.
#[differentiable(wrt(x))]
fn weighted(x: &[f64], data: &[f64], scale: f64) -> f64 {
    let mut total = 0.0;
    for i in 0..x.len() {
        total += x[i] * data[i];
    }
    scale * total
}

// A caller whose `data` and `scale` are constants (not differentiated) may call it:
// f = weighted(x, data, 2)², ∂f/∂xᵢ = 2·f^½·2·dataᵢ = 8 (Σ x·data) dataᵢ.
#[differentiable(wrt(x))]
fn calls_a_restricted_callee(x: &[f64], data: &[f64]) -> f64 {
    let w = weighted(x, data, 2.0);
    w * w
}

#[test]
fn a_callee_restricted_by_wrt_is_callable_where_the_rest_are_constants() {
    let data = [0.5, -1.5, 2.0];
    check_n64(
        |p| calls_a_restricted_callee_grad(p, &data),
        |p| calls_a_restricted_callee(p, &data),
        |p| {
            let s: f64 = p.iter().zip(&data).map(|(x, d)| x * d).sum();
            data.iter().map(|d| 8.0 * s * d).collect()
        },
        &[&[0.1, 0.2, 0.3], &[-1.0, 2.0, 0.5]],
        TOL64,
    );
}

// --- Recursion: a function (or method) calling itself chains through its own forms; the
// pullbacks of its recursive calls are boxed (one allocation per call in reverse mode). ---

/// xⁿ by recursion: d/dx = n·xⁿ⁻¹, d²/dx² = n(n−1)·xⁿ⁻².
#[differentiable]
fn power_by_recursion(x: f64, n: u32) -> f64 {
    if n == 0 { 1.0 } else { x * power_by_recursion(x, n - 1) }
}

#[differentiable]
fn power_by_recursion_32(x: f32, n: u32) -> f32 {
    if n == 0 {
        return 1.0;
    }
    x * power_by_recursion_32(x, n - 1)
}

/// Σ xᵢ² by divide and conquer over sub-slices: gradient 2x, Hessian 2I.
#[differentiable]
fn sum_of_squares_halving(x: &[f64]) -> f64 {
    if x.len() == 1 {
        x[0] * x[0]
    } else {
        let m = x.len() / 2;
        sum_of_squares_halving(&x[..m]) + sum_of_squares_halving(&x[m..])
    }
}

#[derive(backprop::Differentiable, Clone)]
pub struct Polynomial {
    pub c: Vec<f64>,
}

impl Polynomial {
    /// Horner's rule by recursion through a method: c₀ + x(c₁ + x(c₂ + …)).
    #[differentiable]
    pub fn horner(&self, x: f64, k: usize) -> f64 {
        if k + 1 == self.c.len() { self.c[k] } else { self.c[k] + x * self.horner(x, k + 1) }
    }
}

#[test]
fn a_recursive_power_in_every_mode_matches_its_closed_forms() {
    for n in 0..6u32 {
        let x = 1.3;
        let (value, dx) = power_by_recursion_grad(x, n);
        assert_rel64(value, x.powi(n as i32), 1e-14, "value");
        let d1 = if n == 0 { 0.0 } else { f64::from(n) * x.powi(n as i32 - 1) };
        let d2 = if n < 2 { 0.0 } else { f64::from(n * (n - 1)) * x.powi(n as i32 - 2) };
        assert_rel64(dx, d1, 1e-14, "d/dx");
        assert_rel64(power_by_recursion_jvp(x, n, 0.5).1, 0.5 * d1, 1e-14, "jvp");
        let (_, g, h) = power_by_recursion_hvp(x, n, 1.0);
        assert_rel64(g, d1, 1e-14, "hvp gradient");
        assert_rel64(h, d2, 1e-13, "d²/dx²");
        let (v32, d32) = power_by_recursion_32_grad(1.3, n);
        assert_rel32(v32, value as f32, 1e-6, "f32 value");
        assert_rel32(d32, d1 as f32, 1e-5, "f32 d/dx");
    }
}

#[test]
fn divide_and_conquer_over_sub_slices_has_gradient_2x_and_hessian_2i() {
    let x = [0.5, -1.5, 2.0, 0.25, 3.0];
    let (value, g) = sum_of_squares_halving_grad(&x);
    assert_eq!(value, x.iter().map(|v| v * v).sum::<f64>());
    assert_eq!(g, x.iter().map(|v| 2.0 * v).collect::<Vec<_>>());
    let v = [1.0, 0.0, -1.0, 0.5, 2.0];
    let (_, along) = sum_of_squares_halving_jvp(&x, &v);
    assert_rel64(along, g.iter().zip(&v).map(|(a, b)| a * b).sum(), 1e-14, "jvp");
    let (_, _, hv) = sum_of_squares_halving_hvp(&x, &v);
    assert_eq!(hv, v.iter().map(|d| 2.0 * d).collect::<Vec<_>>());
}

#[test]
fn recursion_through_a_method_matches_finite_differences() {
    let p = Polynomial { c: vec![1.0, -2.0, 0.5, 3.0] };
    let x = 0.7;
    let (value, (dp, dx)) = p.horner_grad(x, 0);
    let direct = |c: &[f64], x: f64| c.iter().rev().fold(0.0, |acc, ci| acc * x + ci);
    assert_rel64(value, direct(&p.c, x), 1e-15, "value");
    // ∂/∂cₖ = xᵏ; ∂/∂x = c₁ + 2c₂x + 3c₃x².
    for (k, d) in dp.c.iter().enumerate() {
        assert_rel64(*d, x.powi(k as i32), 1e-15, "∂c");
    }
    assert_rel64(dx, -2.0 + 2.0 * 0.5 * x + 3.0 * 3.0 * x * x, 1e-14, "∂x");
    assert_rel64(dx, fd(|x| direct(&p.c, x), x), 1e-7, "∂x by finite differences");
    let (_, _, (_, hx)) = p.horner_hvp(x, 0, &Polynomial { c: vec![0.0; 4] }, 1.0);
    assert_rel64(hx, 2.0 * 0.5 + 6.0 * 3.0 * x, 1e-14, "∂²x");
}

// --- Recursion that hands its adjoints down: a call of the function itself whose gradient
// goes whole into the adjoint of the same parameter calls `_vjp_into`, whose pullback adds
// into the caller's adjoint (`codegen::analysis::into`). Each case below is one the plan must
// take or must leave to `_vjp`. ---

/// The determinant of the minor of the `n`×`n` matrix `a` on `rows` and `cols`, by expansion
/// along its first row; the minor's index list is a local borrowed by the recursive call, so
/// the reverse sweep calls `_vjp_into` again. d det / d aᵢⱼ is the cofactor Cᵢⱼ.
#[differentiable]
fn det_by_minors(a: &[f64], n: usize, rows: &[usize], cols: &[usize]) -> f64 {
    let m = cols.len();
    if m == 1 {
        return a[rows[0] * n + cols[0]];
    }
    let mut det = 0.0;
    for j in 0..m {
        let mut rest = Vec::with_capacity(m - 1);
        for (k, &c) in cols.iter().enumerate() {
            if k != j {
                rest.push(c);
            }
        }
        let term = a[rows[0] * n + cols[j]] * det_by_minors(a, n, &rows[1..], &rest);
        if j % 2 == 0 {
            det += term;
        } else {
            det -= term;
        }
    }
    det
}

/// The 3 × 3 determinant written out, and its cofactors: the hand-derived gradient.
fn det3(a: &[f64]) -> f64 {
    a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6]) + a[2] * (a[3] * a[7] - a[4] * a[6])
}

fn cofactors3(a: &[f64]) -> Vec<f64> {
    vec![
        a[4] * a[8] - a[5] * a[7],
        a[5] * a[6] - a[3] * a[8],
        a[3] * a[7] - a[4] * a[6],
        a[2] * a[7] - a[1] * a[8],
        a[0] * a[8] - a[2] * a[6],
        a[1] * a[6] - a[0] * a[7],
        a[1] * a[5] - a[2] * a[4],
        a[2] * a[3] - a[0] * a[5],
        a[0] * a[4] - a[1] * a[3],
    ]
}

#[test]
fn a_determinant_by_minors_has_the_cofactors_for_gradient() {
    let all = [0, 1, 2];
    check_n64(
        |a| det_by_minors_grad(a, 3, &all, &all),
        |a| det_by_minors(a, 3, &all, &all),
        cofactors3,
        &[&[2.0, -1.0, 0.5, 1.5, 3.0, -2.0, 0.25, 1.0, 4.0], &[1.0, 2.0, 3.0, 0.0, 1.0, 4.0, 5.0, 6.0, 0.0]],
        TOL64,
    );
    let a = [2.0, -1.0, 0.5, 1.5, 3.0, -2.0, 0.25, 1.0, 4.0];
    assert_rel64(det_by_minors(&a, 3, &all, &all), det3(&a), 1e-14, "value");
    // `_vjp` scales by its seed; a 5 × 5 matrix against finite differences.
    let (_, pullback) = det_by_minors_vjp(&a, 3, &all, &all);
    let scaled = pullback(-2.5);
    for (g, c) in scaled.iter().zip(cofactors3(&a)) {
        assert_rel64(*g, -2.5 * c, 1e-14, "seeded pullback");
    }
    let a5: Vec<f64> =
        (0..25).map(|i| ((i * 7) % 11) as f64 / 5.0 - 1.0 + if i % 6 == 0 { 2.0 } else { 0.0 }).collect();
    let all5 = [0, 1, 2, 3, 4];
    let (_, g) = det_by_minors_grad(&a5, 5, &all5, &all5);
    let numeric = fd_grad(|a| det_by_minors(a, 5, &all5, &all5), &a5);
    for (k, (g, d)) in g.iter().zip(&numeric).enumerate() {
        assert_rel64(*g, *d, FD_TOL64, &format!("5 × 5 entry {k} by finite differences"));
    }
}

/// Π sin(s·aᵢ) over a[lo..hi], halving: two recursive calls a level, each pullback kept (and
/// boxed), both differentiated parameters passed on whole. With P the product,
/// ∂P/∂aᵢ = P·s·cot(s aᵢ) and ∂P/∂s = P·Σ aᵢ cot(s aᵢ).
#[differentiable]
fn product_of_sines(a: &[f64], s: f64, lo: usize, hi: usize) -> f64 {
    if hi - lo == 1 {
        (s * a[lo]).sin()
    } else {
        let mid = (lo + hi) / 2;
        product_of_sines(a, s, lo, mid) * product_of_sines(a, s, mid, hi)
    }
}

#[test]
fn a_halving_product_hands_both_adjoints_down() {
    // p = (a₀ … a₄, s)
    let f = |p: &[f64]| p[..5].iter().map(|a| (p[5] * a).sin()).product::<f64>();
    let df = |p: &[f64]| {
        let (a, s, product) = (&p[..5], p[5], f(p));
        let mut g: Vec<f64> = a.iter().map(|ai| product * s / (s * ai).tan()).collect();
        g.push(a.iter().map(|ai| product * ai / (s * ai).tan()).sum());
        g
    };
    check_n64(
        |p| {
            let (value, (da, ds)) = product_of_sines_grad(&p[..5], p[5], 0, 5);
            (value, da.into_iter().chain([ds]).collect())
        },
        |p| product_of_sines(&p[..5], p[5], 0, 5),
        df,
        &[&[0.3, 0.7, -0.4, 1.1, 0.9, 1.2], &[1.5, -0.2, 0.6, 0.8, -1.3, 0.7]],
        TOL64,
    );
    // Forward and second order go through `_jvp`, untouched by the plan.
    let (a, s) = ([0.3, 0.7, -0.4, 1.1, 0.9], 1.2);
    let (da, ds) = ([0.5, -1.0, 0.25, 0.0, 2.0], -0.5);
    let (_, (ga, gs)) = product_of_sines_grad(&a, s, 0, 5);
    let along: f64 = ga.iter().zip(&da).map(|(g, d)| g * d).sum::<f64>() + gs * ds;
    assert_rel64(product_of_sines_jvp(&a, s, 0, 5, &da, ds).1, along, 1e-13, "jvp");
    let (_, _, (ha, hs)) = product_of_sines_hvp(&a, s, 0, 5, &da, ds);
    let p: Vec<f64> = a.iter().copied().chain([s]).collect();
    let v: Vec<f64> = da.iter().copied().chain([ds]).collect();
    let numeric =
        fd_grad(|t| df(&p.iter().zip(&v).map(|(p, v)| p + t[0] * v).collect::<Vec<_>>()).iter().sum(), &[0.0]);
    assert_rel64(ha.iter().sum::<f64>() + hs, numeric[0], FD_TOL64, "hvp, summed, by finite differences");
}

/// Parameters swapped in the recursive call, `f(y, x, …)`: each gradient goes to the other
/// parameter, so the call keeps `_vjp`. f₁ = x + ½·y·sin x; f₂ = x + ½y + ¼·x·sin y.
#[differentiable]
fn swapped_recursion(x: f64, y: f64, n: u32) -> f64 {
    if n == 0 { x * y.sin() } else { x + swapped_recursion(y, x, n - 1) * 0.5 }
}

#[test]
fn recursion_with_parameters_swapped_sends_each_gradient_to_the_other() {
    check_n64(
        |p| {
            let (value, (dx, dy)) = swapped_recursion_grad(p[0], p[1], 1);
            (value, vec![dx, dy])
        },
        |p| swapped_recursion(p[0], p[1], 1),
        |p| vec![1.0 + 0.5 * p[1] * p[0].cos(), 0.5 * p[0].sin()],
        &[&[0.4, 1.3], &[-1.2, 0.6]],
        TOL64,
    );
    check_n64(
        |p| {
            let (value, (dx, dy)) = swapped_recursion_grad(p[0], p[1], 2);
            (value, vec![dx, dy])
        },
        |p| swapped_recursion(p[0], p[1], 2),
        |p| vec![1.0 + 0.25 * p[1].sin(), 0.5 + 0.25 * p[0] * p[1].cos()],
        &[&[0.4, 1.3], &[-1.2, 0.6]],
        TOL64,
    );
}

/// A parameter assigned before the recursive call: its adjoint is reset in the reverse sweep,
/// so it cannot start from the caller's. f₁ = sin 1.5x + 1.5x; f₂ = sin 2.25x + 3.75x.
#[differentiable]
#[allow(clippy::assign_op_pattern, reason = "the reassignment is the case under test")]
fn rescaled_recursion(mut x: f64, n: u32) -> f64 {
    if n == 0 {
        return x.sin();
    }
    x = x * 1.5;
    rescaled_recursion(x, n - 1) + x
}

#[test]
fn recursion_on_a_reassigned_parameter_matches_its_closed_form() {
    check1_64(
        |x| rescaled_recursion_grad(x, 1),
        |x| rescaled_recursion(x, 1),
        |x| 1.5 * (1.5 * x).cos() + 1.5,
        &[0.3, -1.1],
        TOL64,
    );
    check1_64(
        |x| rescaled_recursion_grad(x, 2),
        |x| rescaled_recursion(x, 2),
        |x| 2.25 * (2.25 * x).cos() + 3.75,
        &[0.3, -1.1],
        TOL64,
    );
}

/// One parameter passed whole and one as a sub-slice: the second's gradient goes into a part
/// of the caller's adjoint, so the call keeps `_vjp`. f = Σᵢ a[m−1−i]·bᵢ (m = |b|):
/// ∂f/∂aⱼ = b[m−1−j], ∂f/∂bᵢ = a[m−1−i].
#[differentiable]
fn reversed_dot(a: &[f64], b: &[f64]) -> f64 {
    if b.len() == 1 { a[0] * b[0] } else { a[b.len() - 1] * b[0] + reversed_dot(a, &b[1..]) }
}

#[test]
fn recursion_on_a_sub_slice_beside_a_whole_slice_matches_its_closed_form() {
    check_n64(
        |p| {
            let (value, (da, db)) = reversed_dot_grad(&p[..3], &p[3..]);
            (value, da.into_iter().chain(db).collect())
        },
        |p| reversed_dot(&p[..3], &p[3..]),
        |p| {
            let (a, b) = (&p[..3], &p[3..]);
            let da = (0..3).map(|j| b[2 - j]);
            da.chain((0..3).map(|i| a[2 - i])).collect()
        },
        &[&[0.5, -1.0, 2.0, 1.5, 0.25, -0.75], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]],
        TOL64,
    );
}

/// Recursive calls in a loop adding into a float parameter's adjoint: S₀ = 1,
/// Sₙ = (x/n)·Σ_{k<n} Sₖ. S₂ = (x + x²)/2, so S₂' = ½ + x.
#[differentiable]
fn averaged_series(x: f64, n: usize) -> f64 {
    if n == 0 {
        return 1.0;
    }
    let mut s = 0.0;
    for k in 0..n {
        s += averaged_series(x, k) * x / n as f64;
    }
    s
}

#[test]
fn recursive_calls_in_a_loop_add_into_a_float_parameter() {
    check1_64(|x| averaged_series_grad(x, 2), |x| averaged_series(x, 2), |x| 0.5 + x, &[0.3, -1.7], TOL64);
    // S₃ = (x/3)(1 + x + (x + x²)/2) = x/3 + x²/2 + x³/6: S₃' = ⅓ + x + x²/2.
    check1_64(
        |x| averaged_series_grad(x, 3),
        |x| averaged_series(x, 3),
        |x| 1.0 / 3.0 + x + x * x / 2.0,
        &[0.3, -1.7],
        TOL64,
    );
    let (_, pullback) = averaged_series_vjp(0.8, 4);
    assert_rel64(pullback(3.0), 3.0 * fd(|x| averaged_series(x, 4), 0.8), FD_TOL64, "S₄ seeded, by finite differences");
}

/// A method calling itself by path, `Self::weighted_prefix(self, …)`: the receiver's adjoint
/// (a struct's, added at the end) and the slice's (moved in) both handed down.
/// f = Σ_{i<k} w·xᵢ·(i + 1): ∂f/∂w = Σ xᵢ(i + 1), ∂f/∂xᵢ = w(i + 1).
#[derive(backprop::Differentiable, Clone)]
pub struct Weight {
    pub w: f64,
}

#[backprop::differentiable]
impl Weight {
    pub fn weighted_prefix(&self, x: &[f64], k: usize) -> f64 {
        if k == 0 { 0.0 } else { self.w * x[k - 1] * k as f64 + Self::weighted_prefix(self, x, k - 1) }
    }
}

#[test]
fn a_method_calling_itself_by_path_hands_the_receiver_adjoint_down() {
    check_n64(
        |p| {
            let weight = Weight { w: p[0] };
            let (value, (dw, dx)) = weight.weighted_prefix_grad(&p[1..], 3);
            (value, [dw.w].into_iter().chain(dx).collect())
        },
        |p| Weight { w: p[0] }.weighted_prefix(&p[1..], 3),
        |p| {
            let (w, x) = (p[0], &p[1..]);
            let dw = x.iter().enumerate().map(|(i, xi)| xi * (i + 1) as f64).sum();
            [dw].into_iter().chain((0..3).map(|i| w * (i + 1) as f64)).collect()
        },
        &[&[1.5, 0.5, -1.0, 2.0], &[-0.5, 1.0, 2.0, 3.0]],
        TOL64,
    );
}

// --- Closures bound by `let` and called in the body: inlined at each call, their names
// resolved where they were written. ---

/// f = (Σᵢ k(x + i))² + kx + 100 over i = 0, 1, 2, with `k` shadowed after the closures.
#[differentiable]
fn closures_capturing_locals(x: f64, k: f64) -> f64 {
    let scale = |v: f64| v * k;
    let square_plus = |a, b| a * a + b;
    let k = 100.0;
    let mut acc = 0.0;
    for i in 0..3 {
        acc += scale(x + i as f64);
    }
    square_plus(acc, scale(x)) + k
}

#[differentiable]
fn closures_capturing_locals_32(x: f32, k: f32) -> f32 {
    let scale = |v: f32| v * k;
    let mut acc = 0.0;
    for i in 0..3 {
        acc += scale(x + i as f32);
    }
    acc * acc
}

/// A closure with a block body and an `if` value, one that updates a captured accumulator,
/// and one defined inside a loop reading the buffer the loop writes.
#[differentiable]
fn closures_of_every_shape(x: &[f64], w: f64) -> f64 {
    let soft = |v: f64| {
        let e = (v * w).exp();
        if v > 0.0 { v + e } else { e }
    };
    let mut total = 0.0;
    let mut add = |v: f64| total += v * v;
    add(soft(x[0]));
    add(x[1] * w);
    let mut buf = vec![0.0; x.len()];
    for i in 0..x.len() {
        buf[i] = x[i] * w;
        let twice_prev = |j: usize| 2.0 * buf[j];
        total += twice_prev(i) * x[i];
    }
    total
}

fn closures_of_every_shape_by_hand(x: &[f64], w: f64) -> f64 {
    let soft = |v: f64| if v > 0.0 { v + (v * w).exp() } else { (v * w).exp() };
    let mut total = soft(x[0]).powi(2) + (x[1] * w).powi(2);
    for &xi in x {
        total += 2.0 * xi * w * xi;
    }
    total
}

#[test]
fn closures_are_inlined_with_the_names_of_where_they_were_written() {
    let (x, k) = (0.5, 2.0);
    let (value, (dx, dk)) = closures_capturing_locals_grad(x, k);
    // acc = k(3x + 3); f = acc² + kx + 100.
    let acc = k * (3.0 * x + 3.0);
    assert_eq!(value, acc * acc + k * x + 100.0);
    assert_rel64(dx, 2.0 * acc * 3.0 * k + k, 1e-15, "∂x");
    assert_rel64(dk, 2.0 * acc * (3.0 * x + 3.0) + x, 1e-15, "∂k");
    let (_, along) = closures_capturing_locals_jvp(x, k, 1.0, -1.0);
    assert_rel64(along, dx - dk, 1e-14, "jvp");
    let (_, _, (hxx, hkx)) = closures_capturing_locals_hvp(x, k, 1.0, 0.0);
    assert_rel64(hxx, 18.0 * k * k, 1e-14, "∂²x");
    assert_rel64(hkx, 2.0 * (3.0 * x + 3.0) * 3.0 * k + 6.0 * acc + 1.0, 1e-14, "∂x∂k");
    let (v32, (dx32, dk32)) = closures_capturing_locals_32_grad(0.5, 2.0);
    assert_rel32(v32, 81.0, 1e-6, "f32 value");
    assert_rel32(dx32, 2.0 * 9.0 * 6.0, 1e-6, "f32 ∂x");
    assert_rel32(dk32, 2.0 * 9.0 * 4.5, 1e-6, "f32 ∂k");
}

#[test]
fn closures_with_blocks_accumulators_and_loop_buffers_match_finite_differences() {
    for (x, w) in [(vec![0.4, -0.7, 1.2], 0.8), (vec![-0.3, 0.9], -1.1)] {
        assert_rel64(closures_of_every_shape(&x, w), closures_of_every_shape_by_hand(&x, w), 1e-15, "value");
        let (value, (dx, dw)) = closures_of_every_shape_grad(&x, w);
        assert_rel64(value, closures_of_every_shape_by_hand(&x, w), 1e-15, "value");
        let want = fd_grad(|v| closures_of_every_shape_by_hand(v, w), &x);
        assert_grad_close(&dx, &want, 1e-6);
        assert_rel64(dw, fd(|w| closures_of_every_shape_by_hand(&x, w), w), 1e-6, "∂w");
        let v: Vec<f64> = x.iter().map(|xi| 0.5 - xi).collect();
        let (_, along) = closures_of_every_shape_jvp(&x, w, &v, 0.3);
        let want: f64 = dx.iter().zip(&v).map(|(a, b)| a * b).sum::<f64>() + 0.3 * dw;
        assert_rel64(along, want, 1e-12, "jvp");
    }
}

// Closures taking references (found by a reviewer: the gradient through a `&f64` or a
// sub-slice parameter was lost). A parameter is bound as `let a = arg;` would bind it, so a
// borrow stays a borrow of the caller's place.

#[differentiable]
fn closure_reading_through_a_reference(x: f64, y: f64) -> f64 {
    let square = |a: &f64| *a * *a;
    let times = |a: f64, b: &f64| a * *b;
    let untyped = |a: &f64| a * a;
    square(&x) + times(x, &y) + untyped(&y)
}

#[differentiable]
fn closure_over_a_sub_slice(x: &[f64]) -> f64 {
    let product = |v: &[f64]| v[0] * v[1];
    product(x) + product(&x[1..])
}

#[derive(backprop::Differentiable, Clone, Copy)]
pub struct Pair {
    pub a: f64,
    pub b: f64,
}

#[differentiable]
fn closure_borrowing_a_struct(x: f64, y: f64) -> f64 {
    let p = Pair { a: x, b: y };
    let area = |q: &Pair| q.a * q.b;
    area(&p) + area(&p) * x
}

/// Assignments as the last expression of `if` arms (no `;`).
#[differentiable(wrt(x))]
fn assignments_ending_arms(x: f64, c: bool) -> f64 {
    let mut r = x;
    if c {
        r *= x
    } else {
        r = -r
    }
    r
}

#[test]
fn closures_taking_references_pass_the_gradient_to_the_borrowed_place() {
    let (x, y) = (0.7, 1.3);
    let (value, (dx, dy)) = closure_reading_through_a_reference_grad(x, y);
    assert_rel64(value, x * x + x * y + y * y, 1e-15, "value");
    assert_rel64(dx, 2.0 * x + y, 1e-15, "∂x");
    assert_rel64(dy, x + 2.0 * y, 1e-15, "∂y");
    let (_, _, (hx, hy)) = closure_reading_through_a_reference_hvp(x, y, 1.0, 0.0);
    assert_eq!((hx, hy), (2.0, 1.0));
    let v = [0.3, -0.9, 0.8];
    let (value, g) = closure_over_a_sub_slice_grad(&v);
    assert_rel64(value, 0.3 * -0.9 + -0.9 * 0.8, 1e-15, "value");
    assert_grad_close(&g, &[-0.9, 0.3 + 0.8, -0.9], 1e-15);
    let (value, (dx, dy)) = closure_borrowing_a_struct_grad(x, y);
    assert_rel64(value, x * y * (1.0 + x), 1e-15, "value");
    assert_rel64(dx, y * (1.0 + 2.0 * x), 1e-15, "∂x");
    assert_rel64(dy, x * (1.0 + x), 1e-15, "∂y");
    assert_eq!(assignments_ending_arms_grad(2.0, true), (4.0, 4.0));
    assert_eq!(assignments_ending_arms_grad(2.0, false), (-2.0, -1.0));
}
