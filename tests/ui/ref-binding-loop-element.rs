// Each element is bound with a name, `&name` or `_`.
use backprop::differentiable;

#[differentiable]
fn f(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for ref v in x.iter() {
        s += **v;
    }
    s
}

fn main() {}
