// A `.map(…)` closure whose body is a constant (`s.iter().map(|v| 3.0).sum::<f64>()`) does not
// compile when the sum is a method receiver: the lowered loop accumulates `3.0` into an
// accumulator whose float type is left open, and the method call on it is ambiguous. The
// primal compiles (the turbofish fixes the type).
//
// Expected: `constant_closure_grad(s) == (atan(3n), [0.0; n])`.
// Got:
//
//   error[E0689]: can't call method `atan` on ambiguous numeric type `{float}`
//     | #[differentiable]
//     | ^^^^^^^^^^^^^^^^^
//
// Found by: seed 1 while the generator was being widened (program 68 then); seed 6 (program
// 145, `(0..s1.len()).map(|i2| -1.25).sum::<f64>().min(…)`).
// Status: fixed by earlier generator work, found on 7 December: this case compiles and gives
// the expected values, and seeds 777, 31337, 1 and 4242 ran clean with `Features::constant_closure`
// on, which it is again in the default batch.

use backprop::differentiable;

#[differentiable]
pub fn constant_closure(s: &[f64]) -> f64 {
    s.iter().map(|v| 3.0).sum::<f64>().atan()
}
