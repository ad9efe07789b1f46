// A borrowed literal passed to an `&f64` parameter does not compile: `scaled(&0.5, x)` (also
// `&(-0.25)`, `&-0.25`, `&(0.5_f64)`); the macro treats the argument as the constant `0.5` and
// the call as `scaled_vjp(0.5, x)`, which expects `&f64`. `&(2.0 * x)`, `&x` and `&s[1]` compile.
//
// Expected: `borrowed_constant_grad(x) == (0.5x, 0.5)`.
// Got:
//
//   error[E0308]: mismatched types
//     |     scaled(&0.5, x)
//     |            ^^^^ expected `&f64`, found `f64`
//
// Found by: seed 1 while the generator was being widened (program 18 then:
// `f0(&vec![…], &(-0.25_f64), p0, [2.75])`).
// Status: fixed by earlier generator work, found on 7 December: this case compiles and gives
// the expected values, and seeds 777, 31337, 1 and 4242 ran clean with `Features::borrowed_constant`
// on, which it is again in the default batch.

use backprop::differentiable;

#[differentiable]
pub fn scaled(k: &f64, x: f64) -> f64 {
    k * x
}

#[differentiable]
pub fn borrowed_constant(x: f64) -> f64 {
    scaled(&0.5, x)
}
