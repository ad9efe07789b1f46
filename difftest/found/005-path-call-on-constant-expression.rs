// A float method in path form whose first argument is a constant expression (not a bare
// literal), `f64::atan2(2.0 * 0.75, x)`, does not compile: the generated code calls the
// method on the untyped expression (`(2.0 * 0.75).atan2(…)`). A bare literal
// (`f64::atan2(0.75, x)`) works, as does a unary method (`f64::sin(2.0 * 0.75)`).
//
// Expected: `path_const_expr_grad(0.5) == (1.5f64.atan2(0.5), -1.5 / (1.5 * 1.5 + 0.25))`
//           = (1.2490…, −0.6).
// Got: a compile error (twice: the forward copy and the replay):
//
//   error[E0689]: can't call method `atan2` on ambiguous numeric type `{float}`
//    --> src/main.rs:3:1
//     |
//   3 | #[differentiable]
//     | ^^^^^^^^^^^^^^^^^
//   help: you must specify a type for this binding, like `f32`
//
// The same with `f64::max`, `f64::min`, `f64::hypot`, `f64::powf`, `f64::log`, `f64::mul_add`.
// Found by: BACKPROP_DIFFTEST_SEED=1 (default batch of 400, program 338).
// Status: fixed in 4d241b5; the construct is back in every batch (case in
// tests/regressions.rs).

use backprop::differentiable;

#[differentiable]
pub fn path_const_expr(x: f64) -> f64 {
    f64::atan2(2.0 * 0.75, x)
}
