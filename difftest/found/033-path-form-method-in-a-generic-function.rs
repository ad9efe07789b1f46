// Found at seed 101 (100 programs), programs 51 and 69: did not compile, E0599 "no function or
// associated item named `sqrt_vjp` found for type parameter `T`" (and `sin_vjp`,
// `sin_jvp_vjp`, …, for every method written as a path).
// In a function generic over its float type, a float method written as a path on the type
// parameter, `T::sin(y)`, is taken for a call of a function `T::sin` and chained through
// `T::sin_vjp`, `T::sin_jvp`, …, which do not exist. `f64::sin(y)` is lowered to the
// method; `T::sin(y)` (valid: `sin` is a method of `backprop::Float`) should be too.
//
// Expected: compiles; `f_grad(0.5) == (0.25f64.sin(), 2.0 * 0.5 * 0.25f64.cos())`.
// Got: E0599 on `T::sin(y)`.
//
// Found by: seed 101 (100 programs), program 51 (`T::sqrt(a1.hypot(T::from_f64(0.25)))`),
// program 69 (`T::sqrt((s0[1] * s0[1]) + T::from_f64(0.75))`).
// Status: open (`Features::generic_path_form` is off in the default batch: generic functions
// write float methods as methods).

use backprop::differentiable;

#[differentiable]
fn f<T: backprop::Float>(x: T) -> T {
    let y = x * x;
    T::sin(y)
}
