// Found at seed 1 (the default batch, 400 programs) with the generator's new lists of structs:
// 11 functions passing `vec![S0 { … }]` to a parameter of type `Vec<S0>` or `&Vec<S0>` (a
// method `self.m1(vec![S0 { … }], …)`, a recursive `Self::m0(self, depth - 1,
// vec![self.clone()], …)`) did not compile.
//
// The reverse of `vec![a, b]` gives each element its adjoint by taking it out of the
// literal's, `::core::mem::take(&mut __d_t[0])`, and so does the reverse of `ls[i] = s`:
// `mem::take` asks `Default` of the element, which a float and a `Vec` have and a derived
// struct need not.
//
// Expected: compiles; `energy_of_built(a) = a² + 2a`, derivative `2a + 2`.
// Got:
//
//   error[E0277]: the trait bound `Particle: Default` is not satisfied
//     | #[differentiable]
//     | ----------------- in this attribute macro expansion
//     |     let mut ps = vec![Particle { x: a, v: vec![a, 1.0], n: 2 }, …];
//     = note: required by a bound in `std::mem::take`
//
// Status: fixed (a collection's or struct's element adjoint is taken by
// `__private::take_adjoint`, which leaves a zero of its shape and needs no `Default`; a
// float's is still `mem::take`). Test: tests/regressions_found.rs (060). Never gated: found
// and fixed in the same session.

use backprop::{Differentiable, differentiable};

#[derive(Differentiable, Clone)]
pub struct Particle {
    pub x: f64,
    pub v: Vec<f64>,
    pub n: usize,
}

#[differentiable]
pub fn energy(ps: Vec<Particle>) -> f64 {
    let mut e = 0.0;
    for p in ps.iter() {
        e += p.x * p.v.iter().sum::<f64>();
    }
    e
}

#[differentiable]
pub fn energy_of_built(a: f64) -> f64 {
    let mut ps = vec![Particle { x: a, v: vec![a, 1.0], n: 2 }, Particle { x: 2.0, v: vec![a * a], n: 1 }];
    ps[1] = Particle { x: a, v: vec![1.0], n: 1 };
    energy(ps)
}
