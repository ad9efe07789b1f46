// Found at seed 777 (programs 0..200), program 59, function `f3`: did not compile, E0308
// "expected `Vec<f64>`, found `[f64; 1]`" on `let a9 = f0(&mut y8, …)`, with `log_sum_exp(&y8)`
// named as the reason, in `_jvp_vjp`, `_hvp` and the third-order forms.
// A local array lent `&mut` to `f0(out: &mut [f64; 1], …)`, then passed to a callee taking a
// slice inside a statement that writes it (`y8[0] += … / log_sum_exp(&y8)`, so the call gets a
// copy of `y8`). Where nothing else had added into the array's adjoint first, the adjoint of
// the copy (a `Vec`, the callee's gradient) became the array's adjoint as it was; the lending
// call's pullback then gave an array for it.
//
// Expected: compiles; see the test.
// Got: E0308.
//
// Status: fixed. The adjoint of a copy of a local array is put into the array's shape
// (`Reverser::shaped_like`), as a copy of an array parameter's already was.
// Test: tests/regressions_found.rs (050).

use backprop::differentiable;

#[differentiable]
pub fn fill_one(out: &mut [f64; 1], x: f64) -> f64 {
    out[0] = x.tanh() * 4.0;
    x
}

#[differentiable]
pub fn sum_of_squares(s: &[f64]) -> f64 {
    s.iter().map(|v| v * v).sum::<f64>()
}

#[differentiable]
pub fn refilled_then_read(x: f64) -> f64 {
    let mut y: [f64; 1] = [0.0; 1];
    let a = fill_one(&mut y, x);
    y[0] += a * sum_of_squares(&y);
    a * y[0]
}
