// A name bound to a borrow of a field of a struct taken by value (`let q = &t.b;`), with the
// struct then passed on by value (`g2(t, x)`), does not compile: `q` is kept for the reverse
// sweep past the point where `_vjp`'s copy of `t` lives. Without the call, or with `t.b` read
// directly, it compiles.
//
// Expected: `borrowed_field_then_passed_grad(t, x) == (b²x, (S { b: 2bx, … }, b²))`.
// Got:
//
//   error[E0597]: `t.b` does not live long enough
//     | #[differentiable]
//     | ^^^^^^^^^^^^^^^^^- `t.b` dropped here while still borrowed
//     | borrowed value does not live long enough
//     | assignment requires that `t.b` is borrowed for `'static`
//
// Found by: seed 35 (program 1035: `let q13 = &t0.b;` then `q13 * f0(t0, …, &t0.b, 4)`).
// Status: fixed by earlier generator work, found on 7 December: this case compiles and gives
// the expected values, and seeds 777, 31337, 1 and 4242 ran clean with `Features::borrowed_field_of_by_value_struct`
// on, which it is again in the default batch.

use backprop::{Differentiable, differentiable};

#[derive(Differentiable, Clone, Copy)]
pub struct S {
    pub b: f64,
    pub c: [f64; 2],
}

#[differentiable]
pub fn scaled(t: S, k: f64) -> f64 {
    t.b * k
}

#[differentiable]
pub fn borrowed_field_then_passed(t: S, x: f64) -> f64 {
    let q = &t.b;
    q * scaled(t, x)
}
