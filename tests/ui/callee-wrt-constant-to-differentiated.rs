// A callee restricted with `wrt(...)` is matched to its arguments by counting. Here it receives
// constants both for the parameter it leaves out (`s`) and for one it differentiates (`p0`):
// the count cannot say which constant was skipped, and the macro does not guess (a wrong guess
// could hand `x` the gradient of `p0`). Listing every float parameter in the callee's `wrt`
// makes it compile.
use backprop::differentiable;

#[differentiable(wrt(p0, p1))]
fn skips_the_middle(p0: f64, s: &[f64], p1: f64) -> f64 {
    p1 * p0 * s[0]
}

#[differentiable]
fn f(x: f64) -> f64 {
    skips_the_middle(2.0, &[3.0], x)
}

fn main() {}
