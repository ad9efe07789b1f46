// Found at seed 14822 (programs 0..500), function `f1`: did not compile, E0277 "the `?`
// operator can only be used in a function that returns `Result` or `Option`" on
// `let a19 = f0(f0(-0.5_f64)?.tanh() * 4.0)?.sin() * 8.0;` in a function returning
// `Option<f64>`. Nothing in the statement depends on a differentiated value, so it was kept
// as written, `?` included, in forms that return a tuple.
//
// Expected: compiles; `f(x)` is `None` when `g` gives `None`, else `Some(x + a)`.
// Got: E0277 on each `?`.
//
// Status: fixed. `?` counts as control flow (`lower::expr::contains_control_flow`), so an
// expression containing it is lowered (`match … { None => return None }`) even when constant.
// Test: tests/regressions_found.rs (049).

use backprop::differentiable;

#[differentiable]
pub fn g(x: f64) -> Option<f64> {
    if x > 1.0 { None } else { Some(x * 2.0) }
}

#[differentiable]
pub fn f(x: f64) -> Option<f64> {
    let a = g(g(-0.5_f64)?.tanh() * 4.0)?.sin();
    Some(x + a)
}
