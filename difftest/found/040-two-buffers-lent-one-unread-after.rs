// Found at seed 102 (200 programs), program 83: did not compile, E0382 "use of moved value"
// and "borrow of moved value" on `f2(&p0, 3.0_f64, &s0[0..], &mut y8, &mut a1);`.
// A call lending two variables `&mut` (a buffer and an accumulator) where the buffer is not
// read after the call: one of them is moved into the callee's `_owned` form and used (or
// handed back) again. Reading the buffer afterwards (`p0 * a1 + y[0]`) compiles; so does
// lending only one of them, read or not.
//
// Expected: compiles; `f_grad(0.5) == (0.5, 2.0)` (a1 = 2·p0, f = p0·a1 = 2p0²).
// Got: E0382 on `h(p0, &mut y, &mut a1)`.
//
// Found by: seed 102 (200 programs), program 83.
// Status: open (`Features::two_lent_buffers` is off in the default batch: a call lends one
// variable `&mut` at most).

use backprop::differentiable;

#[differentiable]
pub fn h(p0: f64, out: &mut [f64], acc: &mut f64) -> f64 {
    out[0] = p0;
    *acc += p0;
    p0 * 1.0
}

#[differentiable]
pub fn f(p0: f64) -> f64 {
    let mut a1: f64 = p0;
    let mut y: Vec<f64> = vec![0.0; 1];
    h(p0, &mut y, &mut a1);
    p0 * a1
}
