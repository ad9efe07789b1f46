// Found at seed 1 (the default batch with the constructs of open finds turned on), program
// 315, function `f2`: did not compile, E0716 "temporary value dropped while borrowed" and
// "requirement that the value outlives `'static`" on `f1::<T>(None, p1, …)`.
// In a function generic over its float type `T`, a constant `&T` argument (`p1`, a parameter
// left out of `wrt(…)`) of a callee that differentiates that parameter got the tangent
// `&<T as Float>::from_f64(0.0)`: a temporary, which the callee's `_jvp_vjp` pullback keeps
// borrowed. With `f64` the same tangent is `&0.0`, a constant, and compiles.
//
// Expected: compiles; see the test.
// Got: E0716 in `_jvp_vjp`, `_hvp` and the third-order forms.
//
// Status: fixed. The tangent is `<T as StaticZero>::ZERO_REF`, a `&'static T` that `Float`
// now requires (`f32` and `f64` implement it).
// Test: tests/regressions_found.rs (052).

use backprop::differentiable;

#[differentiable]
pub fn scaled_or_given<T: backprop::Float>(o: Option<T>, k: &T, c: T, s: &[T]) -> Option<T> {
    if *k > T::ZERO {
        return o;
    }
    Some(c * s[0] * *k)
}

#[differentiable(wrt(s))]
pub fn calls_with_a_constant_reference<T: backprop::Float>(k: &T, s: &Vec<T>) -> T {
    match scaled_or_given::<T>(None, k, s[1].sin(), &s[0..2]) {
        Some(v) => v,
        None => s[1],
    }
}
