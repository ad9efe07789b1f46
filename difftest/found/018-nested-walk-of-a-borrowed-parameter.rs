// A walk (a `for` over a collection, or an iterator chain) over a borrow of a parameter taken by
// value (`let v = &s[1..3];`, `let q = &s;`, `let q = &t;` then `q.w`) does not compile when
// it sits inside a block (a loop or an `if`): the pullback kept for the reverse sweep borrows
// the parameter, which `_vjp` moves into its closure. The same walk at the function's top
// level, or over a parameter taken by reference, compiles.
//
// Expected: both compile (`walk_of_a_view_in_a_loop` = s₀·(s₁s₂)ⁿ).
// Got:
//
//   error[E0505]: cannot move out of `s` because it is borrowed
//   error[E0597]: `s` does not live long enough
//
// Found by: seed 1 while the generator was being widened (programs 12, 32 and 37 then); seed 2
// (programs 230, 392); seed 8 (program 193).
// Status: fixed by earlier generator work, found on 7 December: this case compiles and gives
// the expected values, and seeds 777, 31337, 1 and 4242 ran clean with `Features::nested_walk_of_borrow`
// on, which it is again in the default batch.

use backprop::differentiable;

#[differentiable]
pub fn walk_of_a_view_in_a_loop(s: Vec<f64>, n: usize) -> f64 {
    let mut a = s[0];
    let v = &s[1..3];
    for _ in 0..n {
        for w in v.iter() {
            a = a * w;
        }
    }
    a
}

#[differentiable]
pub fn walk_of_a_row_view_in_a_branch(m: Vec<Vec<f64>>, p: f64) -> f64 {
    let v = &m[0][0..2];
    let mut a = p;
    if p > 0.5 {
        for w in v.iter() {
            a = a * w;
        }
    }
    a
}
