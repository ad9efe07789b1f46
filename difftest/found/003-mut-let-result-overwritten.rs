// The reverse sweep of an operation whose derivative is written with its own result
// (`exp`: d = y; `tanh`: 1 − y²; `sqrt`: 1/(2y); `a / b`: −y/b; …) reads the *variable* the
// result was bound to. When that is a `let mut` variable assigned again later (`+=`, `-=`,
// `*=`, `=`), the sweep reads the new value instead of the result.
//
// Expected: `exp_then_add_grad(0.4) == (0.4f64.exp() + 0.4, 0.4f64.exp() + 1.0)`
//           = (1.8918…, 2.4918246976412703).
// Got:      (1.8918…, 2.8918246976412703): the rule used `a` = eˣ + x in place of eˣ.
//
// Wrong the same way (with `a += y` after `let mut a = <op>;`, at y = 0.4):
//   y.tan()        2.6770 instead of 2.1788     y.tanh()      1.3917 instead of 1.8556
//   y.exp()        2.8918 instead of 2.4918     y.exp2()      2.1919 instead of 1.9146
//   y.exp_m1()     2.8918 instead of 2.4918     y.sqrt()      1.4843 instead of 1.7906
//   y.cbrt()       1.2579 instead of 1.6140     y.recip()    −7.4100 instead of −5.2500
//   y.hypot(0.5)   1.3845 instead of 1.6247     2.5.powf(y)   2.6884 instead of 2.3219
//   0.7 / y       −4.3750 instead of −3.3750    (and `a *= 2.0`, `a = y` after it, likewise)
// Right: the other methods, shadowing (`let a = x / y; let a = a + y;`), a plain assignment
// `a = y.exp(); a += y;`, a `mut` parameter, an `if` value or `y.exp() + 0.0` as the
// initialiser, buffer elements, and loop-carried `a = (a * 0.5).exp()`.
// Found by: BACKPROP_DIFFTEST_SEED=1 BACKPROP_DIFFTEST_PROGRAMS=50 (program 9).
// Status: fixed in 4913dcb; the construct is back in every batch.

use backprop::differentiable;

#[differentiable]
pub fn exp_then_add(y: f64) -> f64 {
    let mut a = y.exp();
    a += y;
    a
}
