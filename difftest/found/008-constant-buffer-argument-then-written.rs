// Passing a sub-slice of a local buffer that carries no gradient (its values are constants) to
// a differentiable function whose other argument does, then writing the buffer, does not
// compile: the pullback kept for the reverse sweep still borrows the buffer. The snapshot
// the macro takes of a changing argument (see 006) was taken only for buffers that carry a
// gradient. In `_vjp`, where the call is made again in the reverse sweep, the call would have
// seen the buffer's new values.
//
// Expected: `constant_buffer_then_written_grad(x) == (2x + 2x² + 5, 2 + 4x)`.
// Got: a compile error:
//
//   error[E0502]: cannot borrow value as mutable because it is also borrowed as immutable
//     |
//     | let mut y: Vec<f64> = vec![2.0; 3];
//     |         ^ mutable borrow occurs here, immutable borrow occurs here
//
// Found by: BACKPROP_DIFFTEST_SEED=22 BACKPROP_DIFFTEST_PROGRAMS=1500 (f1 in the batch:
// `f0(3, &y1[4..5], p0.tanh() * 4.0, …)` then `y1[3] = (p0 * p0).ceil()`).
// Status: fixed (every local a call borrows and the code changes afterwards is snapshot);
// case in tests/regressions.rs.

use backprop::differentiable;

#[differentiable]
pub fn weighted(s: &[f64], x: f64) -> f64 {
    s[0] * x + s[1] * x * x
}

#[differentiable]
pub fn constant_buffer_then_written(x: f64) -> f64 {
    let mut y: Vec<f64> = vec![2.0; 3];
    let a = weighted(&y[0..2], x);
    y[0] = 5.0;
    a + y[0]
}
