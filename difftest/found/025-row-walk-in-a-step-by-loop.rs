// A chain over a row picked by the variable of a `for … in (a..b).step_by(k)` loop inside an
// `if` does not compile: the generated code reads the loop variable where it is not in scope.
// Without the `if`, or with `0..2` for the range, it compiles.
//
// Expected: `row_walk_in_a_step_by_loop_grad(m, x)` compiles.
// Got:
//
//   error[E0425]: cannot find value `j` in this scope
//     |             a = m[1 - j].iter().map(|_v| a * 4.0).sum::<f64>();
//     |                       ^ not found in this scope
//
// Found by: seed 5 (program 309).
// Status: fixed by earlier generator work, found on 7 December: this case compiles and gives
// the expected values, and seeds 777, 31337, 1 and 4242 ran clean with `Features::row_walk_in_step_by`
// on, which it is again in the default batch.

use backprop::differentiable;

#[differentiable]
pub fn row_walk_in_a_step_by_loop(m: &[Vec<f64>], x: f64) -> f64 {
    let mut a = x;
    if x >= 0.5 {
        for j in (0..2).step_by(2) {
            a = m[1 - j].iter().map(|_v| a * 4.0).sum::<f64>();
        }
    }
    a
}
