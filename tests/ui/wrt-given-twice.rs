// `wrt` is given once, listing every differentiated parameter.
use backprop::differentiable;

#[differentiable(wrt(x), wrt(y))]
fn f(x: f64, y: f64) -> f64 {
    x * y
}

fn main() {}
