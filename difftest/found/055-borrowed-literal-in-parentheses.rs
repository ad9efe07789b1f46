// Found at seed 8080 (programs 0..500, the default batch), program 336: did not compile,
// E0308 "expected `&f32`, found `f32`" on `f1(Some(2), n % 5, &(-0.25_f32), …)`.
// Find 011 (`g(&0.5)`) was fixed for a borrowed literal as it is; one in parentheses or
// negated (`&(-0.25_f32)`, `&-0.25`, `&(0.5)`) was not taken for a borrowed float, and its
// zero tangent was made the way a constant of unknown type's is (a temporary: E0716, or of
// the wrong float type: E0271).
//
// Expected: compiles; see the test.
// Got: E0308, E0716, E0271.
//
// Status: fixed. `Constant::new` looks through parentheses and `-` for the literal.
// Test: tests/regressions_found.rs (055).

use backprop::differentiable;

#[differentiable]
pub fn scaled_square(k: &f32, x: f32) -> f32 {
    *k * x * x
}

#[differentiable]
pub fn borrowed_signed_literals(x: f32) -> f32 {
    scaled_square(&(-0.25_f32), x) + scaled_square(&-0.25, x) + scaled_square(&(0.5), x)
}
