// Found at seed 1 (programs 0..200, with the Option grammar), program 134: did not compile,
// E0308 "arguments to this function are incorrect: expected `&[_]`, found `Vec<f64>`" on
// `dot(out, out)` inside `f0(&vec![…, (0..out.len()).map(|i1| dot(out, out).atan()).sum::<f64>(), …])`.
// `out` is a `&mut [f64]` parameter passed bare to a function taking `&[f64]` (a shared
// reborrow, find 031, fixed); inside a `vec![…]` literal the reborrow is chained as if `out`
// were an owned `Vec`. Outside a literal (`let v = dot(out, out);`) it compiles.
//
// Expected: compiles; `f_vjp(2.0, &mut [1.0, 3.0])` returns `2.0 * (1 + 9) = 20.0`, with
// `out == [2.0, 3.0]` afterwards, and the pullback at (1, [0, 0]) gives
// `(10.0, [2·2·1, 2·2·3]) = (10.0, [4.0, 12.0])` for `p0` and `out`'s initial value.
// Got: the error above (the same with a `.map(…)` closure around the call).
//
// Found by: seed 1 (programs 0..200, the Option grammar's first run), program 134.
// Status: fixed. `mutref::rewrite_calls` did not look inside `vec![…]` (a macro, whose
// arguments syn leaves as tokens); it now rewrites them as it does elsewhere. Test:
// tests/regressions_found.rs (044).

use backprop::differentiable;
use backprop_difftest::custom::*;

#[differentiable]
pub fn f(p0: f64, out: &mut [f64]) -> f64 {
    let v = vec![p0, dot(out, out)];
    out[0] = p0;
    p0 * v[1]
}
