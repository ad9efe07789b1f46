// An element of a collection inside a computed tuple or struct (`h(p).1[0]`, `layer(p).w[0]`),
// or a float inside a nested non-`Copy` struct of it (`m(…).inner.a`, seed 34 program 559),
// does not compile: the value is taken apart for its element and then used whole for the
// pullback. `h(p).0` and `layer(p).a` (a float part) compile.
//
// Expected: `element_of_a_computed_tuple_grad(p) == (p³, 3p²)`, and the same for
//           `element_of_a_computed_struct`.
// Got:
//
//   error[E0382]: use of partially moved value
//   error[E0382]: borrow of partially moved value
//     | #[differentiable]
//     | ^^^^^^^^^^^^^^^^^
//     = note: partial move occurs because value has type `Vec<f64>`, which does not implement the `Copy` trait
//
// Found by: seed 1 while the generator was being widened (program 58 then:
// `f1(&[-3.0], *p1, […]).1[0]`); seed 8 (program 95: `f0(…).w[0]`).
// Status: fixed by earlier generator work, found on 7 December: this case compiles and gives
// the expected values, and seeds 777, 31337, 1 and 4242 ran clean with `Features::tuple_collection_projection`
// on, which it is again in the default batch.

use backprop::{Differentiable, differentiable};

#[differentiable]
pub fn value_and_squares(p: f64) -> (f64, Vec<f64>) {
    (p, vec![p * p])
}

#[differentiable]
pub fn element_of_a_computed_tuple(p: f64) -> f64 {
    value_and_squares(p).1[0] * p
}

#[derive(Differentiable, Clone)]
pub struct Layer {
    pub w: Vec<f64>,
    pub a: f64,
}

#[differentiable]
pub fn layer(p: f64) -> Layer {
    Layer { w: vec![p * p], a: p }
}

#[differentiable]
pub fn element_of_a_computed_struct(p: f64) -> f64 {
    layer(p).w[0] * p
}
