// Found at seed 1 (the default batch, 400 programs), programs 299 and 349: did not compile,
// E0689 "can't call method `cos` on ambiguous numeric type `{float}`" on
// `a5 *= cl6(log_sum_exp(&t0.c).sin() * 4.0).cos();` (and `cl2(…).powi(3)`).
// A closure bound by `let` whose body is a constant (`let c = |v: f64| 2.75;`) is inlined at
// its call as the bare literal, which loses the closure's `f64` and leaves `(2.75).cos()`,
// whose float type Rust cannot infer. (found/016 is the same body in a `.map(…)` closure.)
//
// Expected: compiles; `f_grad(0.5) == (0.5 * 2.75f64.cos(), 2.75f64.cos())`.
// Got: E0689 on `c(x).cos()`.
//
// Found by: seed 1 (400 programs), program 299 (`let cl6 = |v7: f64| 2.75;` then
// `cl6(…).cos()`), program 349 (`let cl2 = |v3: f64| 1.0;` then `cl2(…).powi(3)`).
// Status: not a macro bug — rustc rejects the plain function too (E0689: `c(x)` is an
// untyped `{float}`). The tester types a constant closure body since 7 December, and
// `Features::constant_let_closure` is on in the default batch.

use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let c = |v: f64| 2.75;
    x * c(x).cos()
}
