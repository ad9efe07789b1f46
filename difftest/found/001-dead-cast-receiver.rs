// A value computed by a method whose receiver is an integer cast and whose argument is
// active, when the value never reaches the output (a dead `let`), makes the macro's output
// fail to parse: the parentheses around the cast are lost.
//
// Expected: `dead_cast_receiver_grad(0.5, 2) == (0.5, 1.0)` (`a` is unused, f(x) = x).
// Got: a compile error on the user's tokens:
//
//   error: cast cannot be followed by a method call
//    --> src/main.rs:5:14
//     |
//   5 |     let a = (n as f64).max(x);
//     |              ^^^^^^^^
//
// The same with `mul_add`, `max`, `min`, `hypot`, …, and inside a larger expression
// (`(n as f64).max(x) + 1.0`). Not with a constant argument (`(n as f64).max(0.5)`), a
// unary method (`(n as f64).sin()`), a float cast (`(y as f64).hypot(x)`), or when `a` is
// used (`a * x` compiles and is right).
// Found by: BACKPROP_DIFFTEST_SEED=1, default batch (first build).
// Status: fixed in 4913dcb; the construct is back in every batch.

use backprop::differentiable;

#[differentiable]
pub fn dead_cast_receiver(x: f64, n: usize) -> f64 {
    let a = (n as f64).max(x);
    x
}
