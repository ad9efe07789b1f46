// Found at seed 101 (100 programs), program 22: did not compile, E0425 "cannot find function
// `cl17` in this scope" on `if cl17(s1[1]) >= … {`.
// A closure bound by `let` is inlined where it is called, but not where the call is (part
// of) the condition of an `if`: the `let` binding is gone, and the call in the condition is
// left as it was written.
//
// Expected: compiles; `f_grad(0.5) == (0.5, 1.0)`.
// Got: E0425 on `c(x)` in the condition.
//
// Found by: seed 101 (100 programs), program 22 (`if cl17(s1[1]) >= match n { … } && n < 4`
// and `else if … || cl17(s0[3]) > softplus(a2)`).
// Status: fixed (each call of a `let` closure in an `if` or `while` condition is evaluated
// before it, lower/conditions.rs; after `&&`/`||` or in a `match` guard it is refused with a
// message). Regression test: tests/regressions_found.rs, `closures_called_in_conditions`.

use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let c = |v: f64| v * x;
    if c(x) > 0.0 { x } else { 2.0 * x }
}
