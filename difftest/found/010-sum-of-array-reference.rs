// `.iter().sum()` of an `&[f64; N]` parameter does not compile: the reverse sweep passes
// `&x` (an `&&[f64; N]`) to `__private::sum_of`, which takes `&[T]`; deref coercion does not go
// through the second reference. `&[f64]` and `[f64; N]` by value compile.
//
// Expected: `sum_of_array_reference_grad(&[a, b, c]) == (a + b + c, [1.0, 1.0, 1.0])`.
// Got:
//
//   error[E0308]: mismatched types
//     | #[differentiable]
//     | ^^^^^^^^^^^^^^^^^ expected `&[_]`, found `&&[f64; 3]`
//   note: function defined here
//     --> runtime/src/private/mod.rs
//     | pub fn sum_of<T: Float>(adjoint: &[T]) -> T {
//
// Found by: seed 1 while the generator was being widened (programs 8, 10, 37, 50, 58 then,
// each summing an `&[f32; N]` or `&[f64; N]` parameter).
// Status: fixed by earlier generator work, found on 7 December: this case compiles and gives
// the expected values, and seeds 777, 31337, 1 and 4242 ran clean with `Features::array_reference_sum`
// on, which it is again in the default batch.

use backprop::differentiable;

#[differentiable]
pub fn sum_of_array_reference(s: &[f64; 3]) -> f64 {
    s.iter().sum::<f64>()
}
