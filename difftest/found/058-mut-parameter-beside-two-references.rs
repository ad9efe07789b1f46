// Found at seed 1 (the default batch, 400 programs) and seed 1 (300 programs) at 45a2cfc: 70
// (and 52) functions with a `&mut` parameter beside two or more reference parameters did not
// compile, E0700 in their `_vjp`. The same programs compiled at e0c0661 (the default batch
// passed there, 969 functions, 0 failing points). Not from the recursive functions: the
// generator without `recursion` (the batch as before it) has 78 such functions at seed 1,
// program 2's `f0(s0: &[f64], s1: &[f64], acc: &mut f64, o0: Option<f64>)` the first.
//
// A regression of 45a2cfc (every `_vjp`-family signature with two or more lifetimes has
// `'__lall`): the owned form the `&mut` wrapper calls got it,
//
//   fn add_into_owned_vjp<'__l0, '__l1, '__lall>(s0: &'__l0 [f64], s1: &'__l1 [f64], acc: f64)
//       -> (…, impl FnOnce((f64, (f64,))) -> (…) + use<'__l0, '__l1, '__lall>)
//       where '__l0: '__lall, '__l1: '__lall
//
// but the wrapper itself did not, and its pullback captures the owned form's:
//
//   fn add_into_vjp<'__l0, '__l1>(s0: &'__l0 [f64], s1: &'__l1 [f64], acc: &mut f64)
//       -> (f64, impl FnOnce(f64, f64) -> (Vec<f64>, Vec<f64>, f64) + use<'__l0, '__l1>)
//
// One reference parameter beside `acc` compiles (no `'__lall`).
//
// Expected: compiles, as at e0c0661: `add_into_vjp(&[2.0], &[3.0], &mut acc)` returns 4.0,
// leaves `acc + 6.0`, and its pullback at `(1.0, 1.0)` gives `([7.0], [2.0], 1.0)`.
// Got:
//
//   error[E0700]: hidden type for `impl FnOnce(f64, f64) -> (Vec<f64>, Vec<f64>, f64)`
//                 captures lifetime that does not appear in bounds
//     |
//   3 | #[differentiable]
//     | ^^^^^^^^^^^^^^^^^ opaque type defined here
//     = note: hidden type `{closure@src/lib.rs:3:1: 3:18}` captures lifetime `'_`
//
// Status: fixed in 96fc01c (the `&mut` wrapper's `_vjp` shares `'__lall` too). Test:
// tests/regressions_found.rs (058). Never gated: a regression of a construct the default batch
// has always had (it failed at 45a2cfc with or without `recursion`).

use backprop::differentiable;

#[differentiable]
pub fn add_into(s0: &[f64], s1: &[f64], acc: &mut f64) -> f64 {
    *acc += s0[0] * s1[0];
    s0[0] * s0[0]
}
