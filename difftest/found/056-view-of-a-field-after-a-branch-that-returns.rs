// Found at seed 31415 (programs 0..500, the default batch), program 364, method `m3`: did not
// compile, E0597 "`t0.inner.c` does not live long enough" (borrowed for `'static`) on
// `let v17 = &t0.inner.c[1..];`, read only for its length after a branch that may return.
// A regression of this session's fix for 053: a read is not repeated from a value partly
// moved away before it, and a field of unknown type read earlier and not used in arithmetic
// (`let first = t0.inner.a;`) counts as a move of `t0`. So the view was recorded in the
// branch's record, and a borrow of `_vjp`'s own `t0` cannot be.
//
// Expected: compiles; see the test.
// Got: E0597 in `_vjp`.
//
// Status: fixed. A borrow is always taken again in the reverse sweep
// (`analysis::record`, `recompute_inputs`); only a copy is recorded instead.
// Test: tests/regressions_found.rs (056).

use backprop::{Differentiable, differentiable};

#[derive(Differentiable, Clone, Copy)]
pub struct Inner {
    pub b: f64,
    pub a: f64,
    pub c: [f64; 2],
}

#[derive(Differentiable, Clone)]
pub struct Outer {
    pub c: [f64; 3],
    pub inner: Inner,
    pub a: f64,
}

impl Outer {
    #[differentiable(wrt(self, p0, t0))]
    pub fn view_after_a_branch(&self, p0: &f64, o0: Option<usize>, t0: Outer) -> f64 {
        let _ = o0;
        let first = t0.inner.a;
        if *p0 > 1.0 {
            let _ = first;
        } else if t0.c.iter().fold(-0.75_f64, |acc, v| acc * v) <= 3.0 {
            if self.c[1] >= 0.5 {
                return 2.75;
            }
        }
        let v = &t0.inner.c[1..];
        let k = v.len() - 1;
        if *p0 >= 3.0 {
            return (k as f64 + 1.0).atan2(t0.inner.b);
        }
        t0.a + *p0
    }
}
