// Found at seed 1 (programs 200..400, with the Option grammar), program 381: did not
// compile, E0277 "cannot add-assign `usize` to `{float}`" (and "`{float}` to `usize`") on
// `match t0.n { k1 @ 0..=1 => (k1 as f32), _ => t0.inner.w[3 - t0.inner.n], }` in an `f32`
// function. The scrutinee is an integer field of a struct that carries a gradient; the arm
// binds it (`k @ 0..=1`) and casts it to a float. The same `match` on a `usize` parameter
// compiles (the construct has been in the default batch since issue 15); on a field, the
// bound integer is apparently given a float adjoint (`+=` of the field's adjoint, a copied
// `usize`, into a float accumulator). Not related to the Option grammar: its random stream
// only reached this program.
//
// Expected: compiles; with `S { n: 1, w: vec![2.0] }`, `f_grad(&s).0 == 1.0` and the
// gradient's `w` is `[0.0]` (`n` copied); with `n: 3`, the value is 2.0 and `w`'s gradient
// `[1.0]`.
// Got: the errors above.
//
// Found by: seed 1 (programs 200..400), program 381.
// Status: fixed. The arm's `k as f32` has the tangent `cast_tangent(dk) as f32`, and
// `analysis::kinds` took `cast_tangent`'s operand for a float, so the field's tangent (a copied
// integer) got a float adjoint in the forward-over-reverse forms; `cast_tangent` now tells
// nothing about its operand's kind. Test: tests/regressions_found.rs (045).

use backprop::{Differentiable, differentiable};

#[derive(Differentiable, Clone)]
pub struct S {
    pub n: usize,
    pub w: Vec<f32>,
}

#[differentiable]
pub fn f(t0: &S) -> f32 {
    match t0.n {
        k1 @ 0..=1 => k1 as f32,
        _ => t0.w[0],
    }
}
