// `let (r, s) = f(…);` of a tuple holding a `Vec`, inside a block (an `if`, a loop) or after an
// early `return`, does not compile: the pullback uses the tuple whole after `s` was moved out
// of it. At the function's top level (no early return before it) it compiles.
//
// Expected: `tuple_binding_in_a_branch_grad(p)` compiles (p³ for p > 1, else p).
// Got:
//
//   error[E0382]: use of partially moved value
//     = note: partial move occurs because value has type `Vec<f64>`, which does not implement the `Copy` trait
//
// Found by: seed 4 (programs 173, 280: in a `loop`, in a `for`); seed 6 (programs 199, 211:
// after an early return, in an `if`); seed 2 (program 302).
// Status: fixed by earlier generator work, found on 7 December: this case compiles and gives
// the expected values, and seeds 777, 31337, 1 and 4242 ran clean with `Features::tuple_binding_in_loop`
// on, which it is again in the default batch.

use backprop::differentiable;

#[differentiable]
pub fn square_and_copy(x: &f64) -> (f64, Vec<f64>) {
    (x * x, vec![*x])
}

#[differentiable]
pub fn tuple_binding_in_a_branch(p: f64) -> f64 {
    let mut a = p;
    if p > 1.0 {
        let (r, _s) = square_and_copy(&p);
        a = r * p;
    }
    a
}
