// A call with an untyped integer literal for an integer parameter and a method call for a
// float parameter, `g(4, x.cos())`, does not compile ("type annotations needed", spanned
// on the attribute).
//
// Expected: `lit_int_grad(0.5) == (4.0 * 0.5f64.cos(), -4.0 * 0.5f64.sin())`
//           = (3.5103…, −1.9177…).
// Got: a compile error:
//
//   error[E0282]: type annotations needed
//    --> src/main.rs:7:1
//     |
//   7 | #[differentiable]
//     | ^^^^^^^^^^^^^^^^^ cannot infer type
//
// `g(n, x.cos())` with an integer variable, `g(4usize, x.cos())`, `g(4, x)` and
// `g(4, x * 2.0)` compile and are right.
// Found by: BACKPROP_DIFFTEST_SEED=1 (default batch of 400, program 59).
// Status: fixed in 4913dcb; the construct is back in every batch.

use backprop::differentiable;

#[differentiable]
pub fn g(n: usize, x: f64) -> f64 {
    x * n as f64
}

#[differentiable]
pub fn lit_int(x: f64) -> f64 {
    g(4, x.cos())
}
