// Found at seed 101 (100 programs), programs 18 and 27: did not compile, E0282 "type
// annotations needed" and E0277 "`Option<_>` has no gradient: it does not derive
// `Differentiable`" on `f1(None, …)`; E0308 "mismatched types" on `f1(Some(-0.75), …)`.
// A call of a differentiable function that takes an `Option` (left out by its `wrt(…)`, so a
// constant, as README's construct table allows) does not compile whatever the `Option`
// argument is: `None`, `Some(0.5)`, or the caller's own `Option` parameter passed on
// (`g(x, o)`, itself left out by the caller's `wrt(…)`). The callee alone compiles and
// differentiates.
//
// Expected: compiles; `a_none_grad(2.0) == (2.0, 1.0)`, `a_some_grad(2.0) == (1.0, 0.5)`,
// `a_var_grad(2.0, Some(3.0)) == (6.0, 3.0)`.
// Got: E0282 + E0277 on `g(x, None)`; E0308 on `g(x, Some(0.5))` and on `g(x, o)`.
//
// Found by: seed 101 (100 programs), program 18 (`f1(None, &f1(Some(-0.75), &p0, …), …)`),
// program 27 (`f0(3, None, s1, &[s0[1]])`).
// Status: fixed (`Option` values carry gradients, and a bare `None` argument is marked as a
// constant that may have one). Regression test: tests/gradients_option.rs,
// `options_passed_to_callees_chain_in_every_mode`. A bare `None` to an `Option<usize>` is find 043.

use backprop::differentiable;

#[differentiable(wrt(x))]
fn g(x: f64, o: Option<f64>) -> f64 {
    if let Some(l) = o { x * l } else { x }
}

#[differentiable]
fn a_none(x: f64) -> f64 {
    g(x, None)
}

#[differentiable]
fn a_some(x: f64) -> f64 {
    g(x, Some(0.5))
}

#[differentiable(wrt(x))]
fn a_var(x: f64, o: Option<f64>) -> f64 {
    g(x, o)
}
