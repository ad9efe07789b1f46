// A `for` loop walks an integer range or a collection by index (with `rev`, `skip`, `take`,
// `step_by`, `enumerate`, `windows`, `chunks`); a `zip` of adapted walks is not supported.
use backprop::differentiable;

#[differentiable]
fn f(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for (a, b) in x.iter().zip(x.iter().skip(1)) {
        s += a * b;
    }
    s
}

fn main() {}
