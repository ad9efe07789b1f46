// The crate page is the README (rendered, and its examples run as doctests). It trains
// networks, so it needs the default features; without them the page is a short summary.
#![cfg_attr(
    all(feature = "nn", feature = "data", feature = "train", feature = "plot", feature = "checkpoint"),
    doc = include_str!("../README.md")
)]
#![cfg_attr(
    not(all(feature = "nn", feature = "data", feature = "train", feature = "plot", feature = "checkpoint")),
    doc = "Reverse-mode automatic differentiation at compile time: put \
           [`#[differentiable]`](macro@differentiable) on an ordinary function and the macro writes its \
           gradient beside it as plain Rust. Built without the default features: the README, the crate's \
           front page, needs them."
)]
#![warn(missing_docs)]

/// Generates the derivatives of a function: reverse mode, forward mode and second order.
///
/// On `fn f(...) -> T` it keeps `f` unchanged and adds, with the same visibility:
///
/// * `f_vjp(...) -> (T, impl FnOnce(T) -> G)`: the value and the *pullback*, which maps an
///   adjoint of the output (same type as the output) to the gradient `G`;
/// * `f_grad(...) -> (T, G)` when `T` is `f32` or `f64`: the value and the gradient;
/// * `f_jvp(..., <one tangent per differentiated parameter>) -> (T, T)`: the value and the
///   directional derivative (forward mode); each tangent has its parameter's type;
/// * `f_hvp(..., <one direction per differentiated parameter>) -> (T, G, G)` when `T` is a
///   float: the value, the gradient and the Hessian times the direction.
///
/// `G` has one entry per differentiated parameter, in order, and is the entry itself when
/// there is one. Floats, float slices, `Vec`s and arrays, and types deriving
/// [`Differentiable`](derive@Differentiable) are differentiated; integers, `bool`s and
/// strings are constants. `#[differentiable(wrt(a, b))]` differentiates only `a` and `b`.
///
/// ```
/// use backprop::differentiable;
///
/// #[differentiable]
/// fn f(x: f64, y: f64) -> f64 {
///     (x * y).sin() + x
/// }
///
/// let (value, (dx, dy)) = f_grad(1.0, 2.0);
/// assert_eq!(value, f(1.0, 2.0));
/// assert!((dx - (2.0 * 2f64.cos() + 1.0)).abs() < 1e-12);
/// assert!((dy - 2f64.cos()).abs() < 1e-12);
///
/// // The pullback scales the gradient by the adjoint it is given.
/// let (_, pullback) = f_vjp(1.0, 2.0);
/// let (sx, sy) = pullback(3.0);
/// assert!((sx - 3.0 * dx).abs() < 1e-12 && (sy - 3.0 * dy).abs() < 1e-12);
///
/// // Forward mode: the derivative along (1, 0) is ∂f/∂x.
/// let (_, along_x) = f_jvp(1.0, 2.0, 1.0, 0.0);
/// assert!((along_x - dx).abs() < 1e-12);
///
/// // Second order: H·(1, 0) = (∂²f/∂x², ∂²f/∂y∂x) = (−4 sin 2, cos 2 − 2 sin 2).
/// let (_, _, (hxx, hyx)) = f_hvp(1.0, 2.0, 1.0, 0.0);
/// assert!((hxx + 4.0 * 2f64.sin()).abs() < 1e-12);
/// assert!((hyx - (2f64.cos() - 2.0 * 2f64.sin())).abs() < 1e-12);
/// ```
///
/// The forms compose: a `#[differentiable]` function may call another's `g_grad`, `g_jvp` or
/// `g_hvp` and is itself differentiated in either mode (derivatives up to third order; a form
/// of fourth order exists but panics saying so). Calls to other differentiable functions and
/// methods chain through their forms, so `use m::*` (or a path, `m::g(x)`) brings what a call
/// needs. On an `impl` block, `#[differentiable]` differentiates every function in it (each
/// may carry its own `#[differentiable(wrt(..))]`); for a trait impl, the forms go into an
/// inherent impl of the type.
///
/// `#[differentiable(reverse)]` generates only `f_vjp` and `f_grad` (the forward and
/// second-order forms panic, saying so): less code to compile, for functions that are only ever
/// trained (the stand-ins do not grow with the body). [`stop_gradient`](fn@stop_gradient) makes a value a constant.
///
/// A hand-written derivative is a *custom rule*: write `name_vjp` (and, if you like,
/// `name_jvp`, `name_jvp_vjp`, `name_hvp`, …) beside a plain `name`, and mark `name` with
/// `#[differentiable(custom(vjp, ...))]` listing the forms written by hand. The macro adds
/// the rest: `name_grad` from the pullback, for a float output `name_jvp` (one pullback call),
/// and `name_hvp` from a hand-written `name_jvp_vjp`; forms it cannot derive panic, naming the
/// one to write.
///
/// ```
/// use backprop::differentiable;
///
/// #[differentiable(custom(vjp))]
/// fn softplus(x: f64) -> f64 {
///     x.exp().ln_1p()
/// }
///
/// fn softplus_vjp(x: f64) -> (f64, impl FnOnce(f64) -> f64) {
///     let sigmoid = 1.0 / (1.0 + (-x).exp());
///     (softplus(x), move |d| d * sigmoid)
/// }
///
/// #[differentiable]
/// fn g(x: f64) -> f64 {
///     softplus(2.0 * x)
/// }
///
/// let (_, dg) = g_grad(0.0);
/// assert!((dg - 1.0).abs() < 1e-12);
/// assert_eq!(g_jvp(0.0, 1.0).1, dg); // forward mode, through the rule
/// ```
///
/// A plain `name_vjp` beside a plain `name` (no attribute) still serves callers marked
/// `#[differentiable(reverse)]`; other callers also need `name_jvp` and its higher forms, which
/// the attribute provides.
pub use backprop_macros::differentiable;

/// Implements the gradient plumbing for a struct: its gradient is a value of the same
/// struct, float and collection fields holding gradients, integer and `bool` fields copied.
///
/// ```
/// use backprop::{Differentiable, differentiable};
///
/// #[derive(Differentiable)]
/// struct Line {
///     slope: f64,
///     intercept: f64,
/// }
///
/// #[differentiable]
/// fn error(line: &Line, x: f64, y: f64) -> f64 {
///     let d = line.slope * x + line.intercept - y;
///     d * d
/// }
///
/// let (_, (g, _, _)) = error_grad(&Line { slope: 2.0, intercept: 1.0 }, 3.0, 5.0);
/// assert_eq!((g.slope, g.intercept), (12.0, 4.0));
/// ```
pub use backprop_macros::Differentiable;

pub use backprop_runtime::*;
