// After an early `return`, a walk (a `for` over a collection or an iterator chain with a
// closure) over a collection named by a later local does not compile: the generated code
// refers to the local where it is not in scope. A view (`let v = &s[0..2];`), a named borrow of
// a struct (`let q = &t; q.w.iter()…`) and a row picked by a later counter (`m[c % 2]`) all
// do it; reading `v[0]` compiles, and so does the walk without the early return.
//
// Expected: `chain_after_return_grad(s, b)` compiles (b when s₀ > 0.5, else b(s₀ + s₁)).
// Got:
//
//   error[E0425]: cannot find value `v` in this scope
//     |     v.iter().map(|w| w * b).sum::<f64>()
//     |     ^ not found in this scope
//
// Found by: seed 1 while the generator was being widened (programs 27, 341 and 396 then); seed 8
// (program 116, `q5.w.iter()` after `let q5 = &t0;`).
// Status: fixed by earlier generator work, found on 7 December: this case compiles and gives
// the expected values, and seeds 777, 31337, 1 and 4242 ran clean with `Features::walk_after_return`
// on, which it is again in the default batch.

use backprop::differentiable;

#[differentiable]
pub fn chain_after_return(s: &[f64], b: f64) -> f64 {
    if s[0] > 0.5 {
        return b;
    }
    let v = &s[0..2];
    v.iter().map(|w| w * b).sum::<f64>()
}

#[differentiable]
pub fn loop_after_return(s: &[f64], b: f64) -> f64 {
    if b > 0.5 {
        return b;
    }
    let v = &s[0..2];
    let mut a = 0.0;
    for &w in v.iter() {
        a += w * b;
    }
    a
}
