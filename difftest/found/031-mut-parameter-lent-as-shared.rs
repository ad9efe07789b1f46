// Found at seed 101 (100 programs), programs 8 and 9: did not compile, E0425 "cannot find
// value `g_owned_jvp`" (and `g_owned_vjp`, `g_owned_jvp_vjp`, …) on the call `g(out)`.
// A `&mut [f64]` (or `&mut f64`) parameter passed on where the callee takes `&[f64]` (`&f64`):
// valid Rust (the `&mut` coerces to a shared reborrow), but the macro takes the argument for a
// buffer lent `&mut` and chains through `g_owned_*`, which only a function with `&mut`
// parameters has. The same with a hand-written helper (`dot(out, &s1)`: `dot_owned_jvp`) and
// with an accumulator (`h(acc)` for `h(y: &f64)`).
//
// Expected: compiles; `f_vjp(&[1.5], &mut out)` gives 9.0 and `out == [3.0]`.
// Got: E0425 on `g(out)`.
//
// Found by: seed 101 (100 programs), programs 8 (`dot(out, &s1)`) and 9 (`dot(out, out)`).
// Status: open (`Features::mut_param_lent_shared` is off in the default batch: a `&mut`
// parameter is only written, read by index, walked or lent `&mut` again).

use backprop::differentiable;

#[differentiable]
fn g(y: &[f64]) -> f64 {
    y[0] * y[0]
}

#[differentiable]
fn f(x: &[f64], out: &mut [f64]) -> f64 {
    out[0] = x[0] * 2.0;
    g(out)
}

#[differentiable]
fn h(y: &f64) -> f64 {
    *y * 3.0
}

#[differentiable]
fn accumulate(x: f64, acc: &mut f64) -> f64 {
    *acc += x * 2.0;
    h(acc)
}
