// Found at seed 78 (60 programs), program 40, with the generator's new counters and lists of
// structs (the construct that met it is older: a filtered chain's sum): `f1_vjp` returned
// 1.5551725781492898 where `f1` returns 1.5551725781492942.
//
// std's `Sum` for floats starts from `-0.0` (the identity of `+` bit for bit), so a sum of
// nothing — here `(0..1).filter(|&i| i != 0).map(|_| t.b).sum()` — is `-0.0`. The generated
// sums started from `0.0` (and a filtered-out item added `0.0`), so they gave `+0.0`; the
// program's `asin(sin(s) * 0.9)` kept the sign, `y * 0.5` too, and `atan2(y, x)` of a
// negative `x` is `π` for `+0.0` and `-π` for `-0.0`: the value differed from `f`'s, and so
// would everything computed from it. `runtime::__private::sum_of` (`x.iter().sum()` of a
// buffer) had the same start.
//
// Expected: `wrapped_vjp(&[-0.5]).0 == wrapped(&[-0.5])`, bit for bit (-π).
// Got: π from `_vjp`, `_grad` and `_jvp`.
//
// Status: fixed (sums start from `-0.0`; a filtered-out item adds `-0.0`). Test:
// tests/regressions_found.rs (059). Never gated: found and fixed in the same session.

use backprop::differentiable;

#[differentiable]
pub fn wrapped(x: &[f64]) -> f64 {
    let s: f64 = (0..x.len()).filter(|&i| i != 0).map(|i| x[i]).sum();
    s.atan2(x[0])
}
