// A float method with a float argument (`hypot`, `max`, `min`, `atan2`, `clamp`, `powi`) called
// on a reference into a struct's field — a name bound to `&t.a` or `&t.w[1]`, or the item of
// `t.c.iter()` — does not compile: the rule is applied to the reference, not the float.
// `q.sin()`, `q * x` and the same methods on `&f64` parameters or items of slices compile.
//
// Expected: `hypot_of_a_borrowed_field_grad(&t, x)` and `hypot_of_a_field_item_grad(&t, x)`
//           compile (∂/∂x = x/hypot).
// Got:
//
//   error[E0277]: the trait bound `&f64: backprop::Float` is not satisfied
//   error[E0308]: arguments to this function are incorrect
//
// Found by: seed 4 (program 231, `q2.clamp(…)` after `let q2 = &t0.w[…];`); seed 7 (programs
// 266, 275: `v3.hypot(…)`, `q2.hypot(p0)`); seed 8 (programs 161, 216: `v5.powi(3)`,
// `v2.hypot(1.25)`).
// Status: fixed by earlier generator work, found on 7 December: this case compiles and gives
// the expected values, and seeds 777, 31337, 1 and 4242 ran clean with `Features::clamp_on_borrowed_field_element`
// on, which it is again in the default batch.

use backprop::{Differentiable, differentiable};

#[derive(Differentiable, Clone)]
pub struct Pair {
    pub a: f64,
    pub c: [f64; 2],
}

#[differentiable]
pub fn hypot_of_a_borrowed_field(t: &Pair, x: f64) -> f64 {
    let q = &t.a;
    q.hypot(x)
}

#[differentiable]
pub fn hypot_of_a_field_item(t: &Pair, x: f64) -> f64 {
    let mut a = 0.0;
    for v in t.c.iter() {
        a += v.hypot(x);
    }
    a
}
