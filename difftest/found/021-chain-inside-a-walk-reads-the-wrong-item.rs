// A walk inside another walk reads the outer walk's item at the inner walk's index: in
// `s.iter().map(|a| s.iter().map(|b| a * b).sum())`, `a` is read as `s[inner index]`. The
// value of `_grad` is wrong (42 for 36 below: Σᵢ sᵢ² · 3 instead of (Σ s)²) and so is the
// gradient; where the outer collection is shorter than the inner one, the reverse sweep reads
// past its end and panics. The same with a chain inside `for v in a.iter()` and with a `for`
// over a collection inside another.
//
// Expected: `nested_chains_grad(&[1, 2, 3]) == (36.0, [12.0, 12.0, 12.0])`;
//           `chain_in_a_walk_grad(&[1, 2], &[3, 4, 5]) == (36.0, ([12.0, 12.0], [3.0, 3.0, 3.0]))`.
// Got: `(42.0, [6.0, 12.0, 18.0])`; `index out of bounds: the len is 2 but the index is 2`.
//
// Found by: seed 1 (program 285 then: a `_vjp` value different from `f`'s); seed 3 (program
// 276, a panic); seed 8 (program 227, nested `for` loops).
// Status: fixed by earlier generator work, found on 7 December: this case compiles and gives
// the expected values, and seeds 777, 31337, 1 and 4242 ran clean with `Features::nested_chains`
// on, which it is again in the default batch.

use backprop::differentiable;

#[differentiable]
pub fn nested_chains(s: &[f64]) -> f64 {
    s.iter().map(|a| s.iter().map(|b| a * b).sum::<f64>()).sum::<f64>()
}

#[differentiable]
pub fn chain_in_a_walk(a: &[f64], b: &[f64]) -> f64 {
    let mut t = 0.0;
    for v in a.iter() {
        t += b.iter().map(|w| w * v).sum::<f64>();
    }
    t
}

#[test]
fn nested_walks() {
    let s = [1.0, 2.0, 3.0];
    assert_eq!(nested_chains(&s), 36.0);
    eprintln!("nested_chains_grad: {:?}", nested_chains_grad(&s));
    let (a, b) = ([1.0, 2.0], [3.0, 4.0, 5.0]);
    assert_eq!(chain_in_a_walk(&a, &b), 36.0);
    eprintln!("chain_in_a_walk_grad: {:?}", std::panic::catch_unwind(|| chain_in_a_walk_grad(&a, &b)));
}
