// A call inside a loop (`for` or `while`) that passes a local buffer (`&y`, `&y[1..3]`) to a
// differentiable function does not compile: the loop's tape, which keeps the call's
// pullback, is declared before the buffer and so dropped after it, while the pullback still
// borrows the buffer.
//
// Expected: `loop_call_local_buffer_grad(0.7) == (0.7 * 0.5 * 0.5, 0.25)`
// (a ← a·y₀ twice with y₀ = 0.5: f(x) = 0.25x).
// Got: a compile error:
//
//   error[E0597]: `y` does not live long enough
//    --> src/main.rs:9:1
//     |
//   9 | #[differentiable]
//     | ^^^^^^^^^^^^^^^^-
//     | |               |
//     | |               `y` dropped here while still borrowed
//     | |               borrow might be used here, when `__tape0` is dropped and runs the
//     | |               `Drop` code for type `Vec`
//
// With a sub-slice `&y[0..3]` of a buffer written in the loop the message is E0716
// ("temporary value dropped while borrowed"). Whether `y` is active (`vec![x; 3]`) or not
// makes no difference; the same call outside a loop, or inside a loop with a parameter or a
// view of a parameter (`let v = &s[1..3];`) as the argument, compiles and is right.
// Found by: BACKPROP_DIFFTEST_SEED=1 BACKPROP_DIFFTEST_PROGRAMS=50 (program 48).
// Status: fixed in 4913dcb; the construct is back in every batch.

use backprop::differentiable;

#[differentiable]
pub fn g(p0: f64, t: &[f64]) -> f64 {
    p0 * t[0]
}

#[differentiable]
pub fn loop_call_local_buffer(x: f64) -> f64 {
    let mut a = x;
    let y = vec![0.5; 3];
    for _ in 0..2 {
        a = g(a, &y);
    }
    a
}
