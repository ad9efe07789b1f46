// Found at seed 1 (the default batch, 400 programs), programs 10 and 227: did not compile,
// E0382 "use of moved value" (and "borrow of moved value") of the local buffer on
// `let a4 = f1(&mut y3, n, &[p0]);`.
// A call that lends a local buffer `&mut` compiles as a statement (`h(&mut y3, p0);`, as in
// tests/gradients_mut.rs) but not when the callee's float result is used: the buffer is
// moved into the callee's `_owned` form and then used again (or handed back twice).
//
// Expected: compiles; `f_grad(3.0) == (-3.0, -1.0)` (f = p0 - 2·p0).
// Got: E0382 on `h(&mut y3, p0)`, in a plain function and in one with `&mut` parameters of
// its own.
//
// Found by: seed 1 (400 programs), program 10 (`let a4 = f1(&mut y3, n, &[p0]);` inside
// `f2(out: &mut [f32; 4], …)`), program 227.
// Status: open (`Features::mut_call_result` is off in the default batch: calls lending `&mut`
// are statements, their result dropped; the buffers carry the derivative).

use backprop::differentiable;

#[differentiable]
fn h(out: &mut [f32], k: f32) -> f32 {
    out[0] = k;
    k * 2.0
}

#[differentiable]
fn f(p0: f32) -> f32 {
    let mut y3: Vec<f32> = vec![0.0; 1];
    let a4 = h(&mut y3, p0);
    p0 - a4
}
