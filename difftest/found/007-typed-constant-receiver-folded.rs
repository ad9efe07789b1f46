// The fix of 005 typed the temporary that holds a path-form method's constant first argument
// (`let __t0: f64 = 0.5 * (-2.25);`), but a temporary used once is printed at its use
// ("folded"), and folding dropped the type: inside an `if`, `return f64::atan2(0.5 * (-2.25),
// …)` became `(0.5 * (-2.25)).atan2(…)` again.
//
// Expected: `path_const_expr_folded_grad(2.0) == ((-1.125f64).atan2(2.0), 1.125 / (1.125² + 4))`.
// Got: a compile error:
//
//   error[E0689]: can't call method `atan2` on ambiguous numeric type `{float}`
//
// Found by: BACKPROP_DIFFTEST_SEED=4 BACKPROP_DIFFTEST_PROGRAMS=1500 (the batch did not build).
// Status: fixed (a typed temporary is never folded); case in tests/regressions.rs.

use backprop::differentiable;

#[differentiable]
pub fn path_const_expr_folded(p: f64) -> f64 {
    if p > 1.0 {
        return f64::atan2(0.5 * (-2.25), (2.75_f64).min(p));
    }
    p
}
