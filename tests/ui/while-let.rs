// `while let` binding a part of a value that carries a gradient (`Some(v)` of `x.get(i)`) is refused.
use backprop::differentiable;

#[differentiable]
fn f(x: &[f64]) -> f64 {
    let mut s = 0.0;
    let mut i = 0;
    while let Some(v) = x.get(i) {
        s += v;
        i += 1;
    }
    s
}

fn main() {}
