// Found at seed 20261213 (programs 0..500), function `f2`: did not compile, E0425 "cannot
// find value `__t11`" on a `let` closure's body `s0[0] / (v3 * s0[0])`, inlined at a call
// whose argument is the same element (`cl2(s0[0])`).
// The body's second `s0[0]` reused the first read (one read per statement); `v3 * s0[0]` then
// found both operands to be reads of `s0[0]` (the parameter `v3` is bound to one) and merged
// them, removing the last `let`: the first read's, which the division still used.
//
// Expected: compiles; f = s₀/s₀² = 1/s₀ when s₀ ≤ 0, and s₀ otherwise.
// Got: E0425 on the closure's `/`.
//
// Status: fixed. Two reads of one element are merged without removing the second's `let`
// when the statement reused it (`lower/memo.rs`). Test: tests/regressions_found.rs (048).

use backprop::differentiable;

#[differentiable]
pub fn f(s0: &Vec<f32>) -> f32 {
    let a1 = s0[0];
    let cl2 = |v3: f32| s0[0] / (v3 * s0[0]);
    if a1 > 0.0 { a1 } else { cl2(s0[0]) }
}
