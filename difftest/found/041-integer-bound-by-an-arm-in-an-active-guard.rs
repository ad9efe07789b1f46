// Found at seed 102 (200 programs), program 195: did not compile, "this `match` pattern
// binds parts of a value that carries a gradient, which is not supported yet; read the parts
// by field or index in the arm (`s.r`), or bind the whole value (`v => …`)" on
// `match n { k2 @ 0..=1 if s1[k2] <= 0.25 => (k2 as f64), 2 | 3 => p0, _ => a1, }`.
// The scrutinee is a `usize` parameter, a constant; the arm binds an integer (`k @ 0..=1`)
// and its guard reads an active value at that index (`x[k] <= 0.25`). The refusal's message
// is about a value that carries a gradient, which `n` does not; the same arm with an
// integer guard (`k @ 0..=1 if k > 0 => x[k]`) compiles.
//
// Expected: compiles; `f_grad(&[0.1, 2.0], 0) == (0.0, [0.0, 0.0])`,
// `f_grad(&[0.1, 2.0], 1) == (2.0, [1.0, 0.0])` (the guard fails: `x[0]`).
// Got: the refusal above.
//
// Found by: seed 102 (200 programs), program 195.
// Status: fixed (`k @ 0..=1` binds the whole scrutinee; the parts `match` drops the guard).
// Regression test: tests/regressions_found.rs, `an_integer_bound_by_an_arm_with_an_active_guard`.

use backprop::differentiable;

#[differentiable]
fn f(x: &[f64], n: usize) -> f64 {
    match n {
        k @ 0..=1 if x[k] <= 0.25 => k as f64,
        _ => x[0],
    }
}
