// Found at seed 11730 (programs 500..800), programs 580 and 760: did not compile, E0277 "the
// called function's `_vjp` returned fewer gradients than its float arguments need" and E0271
// on `f1(…, None)` where `f1` takes `o0: Option<usize>`.
// A bare `None` has no type where the caller marks its arguments: the macro cannot tell an
// `Option<f64>` (which has a gradient) from an `Option<usize>` (which has none). It marks it as
// a constant that may have one, and lets the callee's gradient count decide, which works for
// `Option<f64>` (find 034) but not beside another such argument, nor for an `Option<usize>`,
// whose forward forms take no tangent for it.
//
// Expected: compiles; `f_grad(2.0) == (2.0, 1.0)`.
// Got: E0277 / E0271 on `g(x, None)`.
// Workaround: `let none: Option<usize> = None; g(x, none)` (a typed binding is a constant).
//
// Found by: seed 11730 (300 programs from 500), programs 580 (`f1(…, &s0[1..], None)`) and 760.
// Status: fixed by earlier generator work, found on 7 December: this case compiles and gives
// the expected values, and seeds 777, 31337, 1 and 4242 ran clean with `Features::none_to_integer_option`
// on, which it is again in the default batch.

use backprop::differentiable;

#[differentiable(wrt(x))]
fn g(x: f64, o: Option<usize>) -> f64 {
    match o {
        Some(k) => x * k as f64,
        None => x,
    }
}

#[differentiable]
fn f(x: f64) -> f64 {
    g(x, None)
}
