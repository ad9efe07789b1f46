// Found at seed 101 (100 programs), programs 25, 86 and 99: did not compile, "`*` can read
// through a parameter taken by reference or a name bound to `&place`, not through a computed
// reference" on `*acc` inside a `.map(|v| …)` closure (and, in program 99, E0614 "type `f64`
// cannot be dereferenced" on `.map(|(v1, v2)| *acc)`).
// `acc: &mut f64` is a parameter taken by reference, which `*` may read through (and does,
// outside closures: `*acc += x[0]` compiles), but inside a chain's closure the read is
// refused; so it is inside a `vec![…]` argument (seed 1, 400 programs, program 68:
// `f1(&vec![(*acc).sinh().sin() * 4.0, …], out[1], 4)`; `g(&vec![*acc * 2.0, x], x)`).
//
// Expected: compiles; with `acc = 1.0`, `b_closure_vjp(&[2.0, 3.0], &mut acc)` gives 15.0 and
// leaves `acc == 3.0`.
// Got: the error above on `*acc` in the closure.
//
// Found by: seed 101 (100 programs), program 86 (`out.iter().map(|v6| f64::sinh((*acc).atan())…)`),
// program 25 (`s0.iter().zip(out.iter()).map(|(v1, v2)| ((out[1] - *acc).tanh() * 8.0).atan())`),
// program 99 (`m2.iter().zip(out.iter()).map(|(v1, v2)| *acc)`).
// Status: open (`Features::accumulator_in_closure` is off in the default batch: no read of
// an accumulator inside a chain's closure, a collection loop or a `vec![…]`/`[…]` literal).

use backprop::differentiable;

#[differentiable]
fn b_closure(x: &[f64], acc: &mut f64) -> f64 {
    *acc += x[0];
    x.iter().map(|v| v * *acc).sum::<f64>()
}

#[differentiable]
fn g(y: &[f64], k: f64) -> f64 {
    y[0] * k
}

#[differentiable]
fn in_a_vec(x: f64, acc: &mut f64) -> f64 {
    *acc += x;
    g(&vec![*acc * 2.0, x], x) * 1.0
}
