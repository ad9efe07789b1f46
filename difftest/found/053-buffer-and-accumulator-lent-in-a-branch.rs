// Found at seed 4242 (programs 0..500, the constructs of open finds turned on), program 327,
// function `f1`: did not compile, E0382 "use of partially moved value: `__dt40`" on
// `let a13 = f0(&mut y11, …, &mut a12).atan();`.
// A call lending a buffer and an accumulator `&mut`, inside a branch (here the rest of the
// function after an early `return`). The callee's `_owned_vjp` gives both back in a tuple; the
// buffer moves out of it into the caller's variable, and the accumulator is read from it. The
// branch's record for the reverse sweep kept the tuple whole, to read the accumulator from it
// again, after the buffer had moved out of it.
//
// Expected: compiles; see the test.
// Got: E0382 in `_vjp` and the forward forms.
//
// Status: fixed. A read is repeated in the reverse sweep only from a value nothing has moved
// out of (`analysis::record`, `recompute_inputs`); the accumulator itself is recorded.
// Test: tests/regressions_found.rs (053).

use backprop::differentiable;

#[differentiable]
pub fn scale_into(out: &mut [f64], p: f64, acc: &mut f64) -> f64 {
    out[0] += 2.75 * p;
    *acc *= p;
    p - *acc
}

#[differentiable]
pub fn lends_two_after_a_return(o: Option<f64>, p: f64) -> Vec<f64> {
    if o.is_none() {
        return vec![p];
    }
    let mut y = vec![0.0; 1];
    let mut a = p;
    let r = scale_into(&mut y, p, &mut a);
    vec![r, a * y[0]]
}
