// Found at seed 101 (100 programs), programs 0, 47 and 72: did not compile, E0382 "borrow of
// moved value" ("value moved here, in previous iteration of loop") on the `return` inside a
// loop, the move's use being the buffer write `out[j] = …` after it.
// In a function with a `&mut` parameter, an early `return` inside a loop moves something
// (in the forms that hand the buffer back: `_vjp`, `_owned`) on every iteration, not only
// on the one that returns. The same with `let Some(k) = o else { return …; };` inside a loop,
// and with a `return` inside an `if` inside an `if let` (program 0); a `return` in an `if` at
// the top of the body compiles.
//
// Expected: compiles; `f_vjp(&[1.0, 2.0], &mut out)` gives 1.0, `out == [2.0, 4.0]`, and the
// pullback at (1.0, [1.0, 1.0]) gives ([3.0, 2.0], [0.0, 0.0]).
// Got: E0382 on `return x[0];`.
//
// Found by: seed 101 (100 programs), program 0 (`return out.iter().map(…).fold(…)` in a loop),
// program 47 (`let Some(k1) = o0 else { return log_sum_exp(s0); };` in a `for`), program 72
// (`return (a1 * a1).clamp(…)` in a `for` writing `out[j]`).
// Status: open (`Features::return_in_loop_with_mut` is off in the default batch: a function
// with `&mut` parameters returns early only from an `if` at the top of its body).

use backprop::differentiable;

#[differentiable]
fn f(x: &[f64], out: &mut [f64]) -> f64 {
    for j in 0..out.len() {
        if x[0] > 5.0 {
            return x[0];
        }
        out[j] = x[j] * 2.0;
    }
    x[0]
}
