// A `mut` variable overwritten with a value read from a collected `Vec`
// (`let y: Vec<f64> = s.iter().map(|v| v * x).collect();`) that is never read afterwards does
// not compile: the collected vector is moved into the reverse sweep's closure and used again.
// With `let a = y[1] - x;` (a fresh name), with a `vec![…]` literal or with
// `.copied().collect()` it compiles.
//
// Expected: `dead_store_grad(s, x) == (2x, ([0.0; n], 2.0))`.
// Got:
//
//   error[E0382]: use of moved value
//   error[E0382]: borrow of moved value
//     | #[differentiable]
//     | ^^^^^^^^^^^^^^^^^ use occurs due to use in closure
//     = note: move occurs because value has type `Vec<f64>`, which does not implement the `Copy` trait
//
// Found by: seed 31 (programs 139 and 1493: `a1 = (y9[t0.n + t0.n] - t0.a).clamp(-0.25, 1.75);`
// as the last use of `a1`).
// Status: fixed by earlier generator work, found on 7 December: this case compiles and gives
// the expected values, and seeds 777, 31337, 1 and 4242 ran clean with `Features::collected_binding`
// on, which it is again in the default batch.

use backprop::differentiable;

#[differentiable]
pub fn dead_store(s: &[f64], x: f64) -> f64 {
    let mut a = x;
    let b = a * 2.0;
    let y: Vec<f64> = s.iter().map(|v| v * x).collect();
    a = y[1] - x;
    b
}
