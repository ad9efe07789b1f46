// Found at seed 20021 (program 135, method `m3`), once found/046 no longer kept programs
// 0..500 of that seed from compiling: a wrong `_jvp` (and `_hvp`), −4.98 against −1.49.
// `(self.n) as f32`, where `self` is not differentiated and `n` is an integer field, had
// the tangent `zero_like(&self.n) as f32`: the zero of an integer is the integer itself
// (a derived struct's tangent copies its integer fields), so the tangent was `n`, not 0.
// `_grad` was right.
//
// Expected: `g_jvp(&S { n: 2, a: 0.3 }, t, dt)` with dt.a = 1 gives the tangent 1.
// Got: −1 (the tangent of `a1 = n as f32` was 2).
//
// Status: fixed. A cast whose operand has no tangent has the tangent `0.0 as T`
// (`tangent.rs`). Test: tests/regressions_found.rs (047).

use backprop::{Differentiable, differentiable};

#[derive(Differentiable, Clone)]
pub struct S {
    pub n: usize,
    pub a: f32,
}

impl S {
    #[differentiable(wrt(t))]
    pub fn g(&self, t: S) -> f32 {
        let mut a1: f32 = (self.n) as f32;
        for _i in 0..4 {
            if t.n < 2 {
                a1 = t.a.tanh();
            }
        }
        t.a - a1
    }
}
