// `x.get(i)` of a collection that carries a gradient (an `Option` of a reference) is refused.
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
