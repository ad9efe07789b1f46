// `.to_vec()` of an array (`[f64; N]` or `&[f64; N]`) does not compile: the `Vec` gradient of
// the copy is added to the array's adjoint as it is. `.to_vec()` of a slice or a `Vec` compiles.
//
// Expected: `array_to_vec_vjp([a, b])` gives `(vec![a, b], |w| [w₀, w₁])`.
// Got:
//
//   error[E0308]: mismatched types
//     | #[differentiable]
//     | ^^^^^^^^^^^^^^^^^ expected `[f64; 2]`, found `Vec<f64>`
//
// Found by: seed 1 (programs 204 and 322 then).
// Status: fixed by earlier generator work, found on 7 December: this case compiles and gives
// the expected values, and seeds 777, 31337, 1 and 4242 ran clean with `Features::array_to_vec`
// on, which it is again in the default batch.

use backprop::differentiable;

#[differentiable]
pub fn array_to_vec(s: [f64; 2]) -> Vec<f64> {
    s.to_vec()
}
