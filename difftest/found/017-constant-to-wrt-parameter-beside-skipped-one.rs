// Calling a function restricted with `wrt(…)` that leaves out a parameter in the middle does
// not compile when a parameter it differentiates is given a constant: `skips_the_middle(2.0,
// &[3.0], x)`. The same with `self` left out of a method's `wrt` (seed 34, program 301). The left-out argument is a constant, as the contract requires; the constant
// given to `p0` is taken as "maybe active" and the gradients no longer line up with the
// arguments. Giving `p0` an active value (`skips_the_middle(x, &[3.0], x)`) compiles.
//
// Expected: `constant_to_a_differentiated_parameter_grad(x) == (6x, 6.0)`.
// Got:
//
//   error[E0271]: type mismatch resolving `<Optional as Take<(f64, ()), No>>::Rest == (_, ())`
//   error[E0277]: the called function's `_vjp` returned fewer gradients than its float arguments need
//     |     skips_the_middle(2.0, &[3.0], x)
//     |     ^^^^^^^^^^^^^^^^
//     = note: a function restricted with `#[differentiable(wrt(...))]` can be called from
//             differentiable code when the arguments it leaves out are constants at the call
//             site, or when it differentiates all of them
//
// Found by: seed 1 while the generator was being widened (programs 18, 31, 64 and 126 then, a
// non-`wrt` parameter of the caller passed to a differentiated one).
// Status: open (`Features::maybe_constant_to_wrt` is off in the default batch: beside a
// left-out parameter, the differentiated ones get a parameter's value).

use backprop::differentiable;

#[differentiable(wrt(p0, p1))]
pub fn skips_the_middle(p0: f64, s: &[f64], p1: f64) -> f64 {
    p1 * p0 * s[0]
}

#[differentiable]
pub fn constant_to_a_differentiated_parameter(x: f64) -> f64 {
    skips_the_middle(2.0, &[3.0], x)
}
