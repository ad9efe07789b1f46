// Found at seed 20261207 (programs 0..500, the default batch), programs 394 and 424: did not
// compile, E0382 "use of moved value" on `f0(Some(…), out.to_vec(), out)` (and
// `f0(&…, Some(…), out.to_vec(), &…)`) in functions with `&mut` parameters.
// The adjoint of `out.to_vec()` was put into `out`'s shape (`adopt(__d_t1, &out_1)`, the
// rule for an array's `to_vec`), reading `out`'s owned copy in the pullback after
// `_owned_vjp` had moved it into the value it returns.
//
// Expected: compiles; see the test.
// Got: E0382 in `_owned_vjp`.
//
// Status: fixed. The copy of a known slice or `Vec` gives its adjoint as it is (`known_vec`
// in `reverse.rs`); only an array's (or a value of unknown type) is reshaped.
// Test: tests/regressions_found.rs (054).

use backprop::differentiable;

#[differentiable]
pub fn first_times_first(s: Vec<f64>, t: &[f64]) -> f64 {
    s[0] * t[0]
}

#[differentiable]
pub fn scale_by_own_copy(out: &mut [f64], acc: &mut f64) -> f64 {
    *acc = *acc * first_times_first(out.to_vec(), out);
    out[0] *= 2.0;
    *acc
}
