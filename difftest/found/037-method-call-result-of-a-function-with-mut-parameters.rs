// Found at seed 101 (100 programs), program 72: did not compile, E0277 "cannot multiply `f64` by
// `(f64, (Vec<f64>,))`" (and by `((f64, (Vec<f64>,)), (f64, (Vec<f64>,)))`, …) on the
// result `(a1.tanh() * 2.5).exp()`.
// In a function with a `&mut` parameter, a result that is a float method call (`p0.exp()`,
// `x.sin()`) does not compile: the derivative of the method is multiplied by the pullback's
// whole argument, the tuple (output adjoint, each buffer's final adjoint), instead of the
// output adjoint. `let r = p0.exp(); r` and `p0.sin() + 1.0` compile; so does `p0 * p0`.
// The same with an accumulator (`(f64, (f64,))`), and with a quotient as the result (seed 1,
// 400 programs, program 36: `a12 / (1.5 + a12.tanh())` in `f32`, "cannot multiply `f32` by
// `(f32, ([f32; 4],))`").
//
// Expected: compiles; `f_vjp(0.5, &mut out)` gives 0.5f64.exp() with `out[0] == 0.5`, and the
// pullback at (1.0, vec![1.0]) gives (0.5f64.exp() + 1.0, vec![0.0]).
// Got: E0277 on `p0.exp()`.
//
// Found by: seed 101 (100 programs), program 72.
// Status: open (`Features::method_result_with_mut` is off in the default batch: the result
// and the early returns of a function with `&mut` parameters, unless a sum, difference or
// product, are written `e * 1.0`).

use backprop::differentiable;

#[differentiable]
pub fn f(p0: f64, out: &mut [f64]) -> f64 {
    out[0] = p0;
    p0.exp()
}

#[differentiable]
pub fn g(p0: f64, acc: &mut f64) -> f64 {
    *acc += p0;
    p0.exp()
}

#[differentiable]
pub fn quotient(p0: f64, out: &mut [f64]) -> f64 {
    out[0] = p0;
    p0 / (1.5 + p0.tanh())
}
