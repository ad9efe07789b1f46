// A call that takes a `Vec` by value beside a borrowed temporary (or local) does not compile:
// in `_vjp` the call borrows a local of `_vjp`, so the macro evaluates it again in the reverse
// sweep, where the `Vec` argument, moved into the first evaluation, is used a second time.
// The same with `s.to_vec()`, `v.clone()` or a local `Vec` as the by-value argument, with a
// non-`Copy` struct by value (`t.clone()`), with `&self` as the borrow (a method taking a
// struct by value, called on a struct parameter), and with a method taking `self` by value on
// a `Copy` struct, called on a parameter taken by value (`t.m(vec![p], p)`, seed 37 program
// 998).
//
// Expected: `by_value_beside_temporary_grad(x) == (6x, 6.0)` (v = [2, x], k = 3x: 2·3x).
// Got: a compile error in `_vjp`:
//
//   error[E0382]: borrow of moved value
//   error[E0382]: use of moved value
//     | #[differentiable]
//     | ^^^^^^^^^^^^^^^^^ value used here after move
//     = note: move occurs because value has type `Vec<f64>`, which does not implement the `Copy` trait
//
// Found by: seed 1 while the generator was being widened (program 30 then: `f1(vec![vec![2.75,
// 1.0], …], &[0.75, …], &(p0.exp().tanh() * 4.0), 4, s0)[0]`); again with seed 9 (program 168,
// `t0.m0(t0.b, t0.clone(), …)`).
// Status: fixed by earlier generator work, found on 7 December: this case compiles and gives
// the expected values, and seeds 777, 31337, 1 and 4242 ran clean with `Features::moved_argument_beside_borrow`
// on, which it is again in the default batch.

use backprop::differentiable;

#[differentiable]
pub fn scaled_first(v: Vec<f64>, k: &f64) -> f64 {
    v[0] * k
}

#[differentiable]
pub fn by_value_beside_temporary(x: f64) -> f64 {
    scaled_first(vec![2.0, x], &(x * 3.0))
}
