// Passing a sub-slice of a local buffer to a differentiable function (`g(&y[1..3])`) and
// writing the buffer afterwards does not compile: the snapshot the macro takes of the
// argument (since the buffer changes after the call borrowed it) calls `.clone()` on the
// unsized `[f64]`.
//
// Expected: `sub_slice_then_write_grad(0.5) == (0.5 + 0.125, 1.0 + 3.0 * 0.25)`
//           (y = [x, x, x], a = x², y₁ = x + x³).
// Got: a compile error (with 0.0 or x in the buffer alike):
//
//   error[E0599]: no method named `clone` found for slice `[f64]` in the current scope
//    --> src/main.rs:7:1
//     |
//   7 | #[differentiable]
//     | ^^^^^^^^^^^^^^^^^
//   error[E0277]: the size for values of type `[f64]` cannot be known at compilation time
//
// The whole buffer (`g(&y)`) compiles and is right, as does the sub-slice when the buffer is
// not written after the call.
// Found by: BACKPROP_DIFFTEST_SEED=1 BACKPROP_DIFFTEST_PROGRAMS=300 (program 197).
// Status: fixed in 4d241b5; the construct is back in every batch (case in
// tests/regressions.rs).

use backprop::differentiable;

#[differentiable]
pub fn g(s: &[f64]) -> f64 {
    s[0] * s[1]
}

#[differentiable]
pub fn sub_slice_then_write(x: f64) -> f64 {
    let mut y: Vec<f64> = vec![x; 3];
    let a = g(&y[1..3]);
    y[1] += a * x;
    y[1]
}
