// Found at seed 7 (programs 0..300, the first batch with recursive functions), programs 296
// and 297: a function that lends one of its own reference parameters (the parameter itself,
// an element `&s[0]`, a sub-slice `&s[1..3]`, a named view `let v = &s[1..];`) to a
// reference parameter that a recursive `#[differentiable]` function differentiates does not
// compile. Three functions of those programs failed (one returning `Option<T>`, one with a
// `&mut` buffer, one plain).
//
// The recursive function compiles and is right; its caller is what fails, in its second-order
// forms (`caller_jvp_vjp`, `caller_jvp_jvp_vjp`): the callee's `power_jvp_vjp` has an extra
// lifetime parameter, `power_jvp_vjp<'__l0, '__l1, '__lall>(…) -> (…, impl FnOnce(…) +
// use<'__l0, '__l1, '__lall>) where '__l0: '__lall, '__l1: '__lall`, and the caller's
// `impl FnOnce((f64, f64)) -> (f64, f64) + use<'__l0, '__l1>` captures the callee's pullback,
// whose `'__lall` it cannot name.
//
// Not a regression of `_vjp_into` (26e28de): the same error at 9cb81d7, before it. The
// project's README listed the slice case among its limits then ("a recursive function of a
// slice, whose boxed pullbacks share one [lifetime] does not compile in the caller"); the
// tester's recursive functions hit it in 3 of 300 programs of one seed.
//
// Compiles: lending a borrow of a local or of a parameter taken by value (`power(&x, 2)` for
// `x: f64`, `rs(&y, 2)` of a local `Vec`, `rs(&s, 2)` for `s: Vec<f64>`), a temporary
// (`power(&(x * 2.0), 2)`), a reference the callee leaves out of `wrt(…)`, a method call on
// a reference parameter (`t.rm(x, 2)` for `t: &S` and `fn rm(&self, x: f64, depth: usize)`),
// and the recursive function calling itself with its own reference parameters.
// Fails the same way: `fn g(t: &S) -> f64 { rt(t, 2) }` of a recursive `rt(t: &S, depth)`.
//
// Expected: compiles; `caller_grad(&x) == (x³, 3x²)`, `caller_hvp(&x, &1.0).2 == 6x`.
// Got:
//
//   error[E0700]: hidden type for `impl FnOnce((f64, f64)) -> (f64, f64)` captures lifetime
//                 that does not appear in bounds
//     |
//     | #[differentiable]
//     | ^^^^^^^^^^^^^^^^^ opaque type defined here
//     = note: hidden type `{closure@…}` captures lifetime `'_`
//   error[E0700]: hidden type for `impl FnOnce(((f64, f64), (f64, f64))) -> (f64, f64, f64,
//                 f64)` captures lifetime that does not appear in bounds
//
// Status: fixed in 45a2cfc (every `_vjp`-family signature with two or more lifetimes has
// `'__lall`, which a caller's pullback type names). Test: tests/regressions_found.rs (057).
// `Features::input_borrow_to_recursive` gated it while it was open (a recursive function other
// than the caller itself was then lent temporaries, literals, locals and parameters taken by
// value where it differentiates a reference); on in the default batch since.

use backprop::differentiable;

/// x^(depth + 1)
#[differentiable]
pub fn power(x: &f64, depth: usize) -> f64 {
    if depth == 0 {
        return *x;
    }
    power(x, depth - 1) * *x
}

#[differentiable]
pub fn caller(x: &f64) -> f64 {
    power(x, 2)
}

/// The same with a slice: `rs(s, 2)`, `rs(&s[0..2], 2)` and `let v = &s[1..]; rs(v, 2)` fail
/// alike.
#[differentiable]
pub fn product_of_first(s: &[f64], depth: usize) -> f64 {
    if depth == 0 {
        return s[0];
    }
    product_of_first(s, depth - 1) * s[0]
}

#[differentiable]
pub fn slice_caller(s: &[f64]) -> f64 {
    product_of_first(&s[0..2], 2)
}
