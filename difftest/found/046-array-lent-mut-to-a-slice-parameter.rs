// Found at seed 20021 (programs 0..500), in a method: did not compile, E0308 "expected
// `[f64; 3]`, found `Vec<f64>`" (and the reverse) on `f0(None, &mut a1, …, &mut y10)` where
// `y10` is a local array and `f0` takes `out: &mut [f64]`.
// A call lending `&mut` is chained through the callee's `_owned` form, which takes each
// buffer by value and returns it (`Vec<f64>` for a `&mut [f64]` parameter); the caller passes
// its array and assigns the returned `Vec` back to it.
//
// Expected: compiles; `f_grad(2.0) == (6.0, 5.0)`.
// Got: E0308 twice on `fill(x, &mut y)`.
// Workaround: a `Vec` buffer (`let mut y = vec![0.0; 3];`).
//
// Status: fixed. `mutref` lends a name the function binds to an array through
// `::backprop::__private::lend`, which converts it into the type the callee's `_owned` form
// takes (a `Vec` for `&mut [F]`, the array itself for `&mut [F; N]`) and back; the reverse
// sweep adopts the adjoints the same way. Test: tests/regressions_found.rs (046) and
// tests/gradients_mut.rs. An array the function cannot see is one (a call's result) still
// does not compile: its type is not written where it is lent.

use backprop::differentiable;

#[differentiable]
fn fill(x: f64, out: &mut [f64]) -> f64 {
    out[0] = x * x;
    x
}

#[differentiable]
fn f(x: f64) -> f64 {
    let mut y = [0.0; 3];
    let a = fill(x, &mut y);
    a + y[0]
}
