// A `Vec` parameter taken by value whose elements an active computation reads, then moved
// (`let y = s;`, or returned as the result on another path), does not compile: the reverse
// sweep reads `s[0]` again from the moved `s`. Reading only after the move
// (tests/gradients_references.rs, `lent_then_moved`) compiles.
//
// Expected: `read_then_moved_grad(x, vec![a, b]) == (x·a + x·b, (a + b, [x, x]))`;
//           `read_then_returned_vjp(s)` compiles (the result is s, or [s₁] when s₀ > 0.5).
// Got:
//
//   error[E0382]: use of moved value: `s`
//     | #[differentiable]
//     | ^^^^^^^^^^^^^^^^^ value used here after move
//
// Found by: seed 1 while the generator was being widened (program 3 then, a method
// `m0(&self, …, s0: Vec<f64>, …)` with `let mut y2 = s0;` after `t0.inner.a * s0[0]`); seed 6
// (program 35, `s0` returned after an early return read `s0[…]`).
// Status: fixed by earlier generator work, found on 7 December: this case compiles and gives
// the expected values, and seeds 777, 31337, 1 and 4242 ran clean with `Features::read_then_moved`
// on, which it is again in the default batch.

use backprop::differentiable;

#[differentiable]
pub fn read_then_moved(x: f64, s: Vec<f64>) -> f64 {
    let a = x * s[0];
    let y = s;
    a + x * y[1]
}

#[differentiable]
pub fn read_then_returned(s: Vec<f64>) -> Vec<f64> {
    if s[0] > 0.5 {
        return vec![s[1]];
    }
    s
}
