// The array result of a call, bound to a name and lent as a slice (`product(&r)`), does not
// compile: the adjoint of `r` is declared as a `Vec` and the callee's pullback receives
// `[f64; 2]` where it expects its own result type, or the reverse. The same with an array inside
// a tuple result (`let (r, s) = g(…); dot(&r, …)`). A local array literal lent the same way
// compiles.
//
// Expected: `array_result_lent_grad(x) == (x³, 3x²)`.
// Got:
//
//   error[E0308]: mismatched types
//     | #[differentiable]
//     | ^^^^^^^^^^^^^^^^^ expected `[f64; 2]`, found `Vec<f64>`
//
// Found by: seed 1 while the generator was being widened (programs 26 and 43 then).
// Status: fixed by earlier generator work, found on 7 December: this case compiles and gives
// the expected values, and seeds 777, 31337, 1 and 4242 ran clean with `Features::array_result_binding`
// on, which it is again in the default batch.

use backprop::differentiable;

#[differentiable]
pub fn pair(x: f64) -> [f64; 2] {
    [x, x * x]
}

#[differentiable]
pub fn product(s: &[f64]) -> f64 {
    s[0] * s[1]
}

#[differentiable]
pub fn array_result_lent(x: f64) -> f64 {
    let r = pair(x);
    product(&r)
}
