// A tuple assignment assigns variables, elements and fields (`(a, b) = (b, a + b)`); a nested
// tuple or another expression as a target is not supported.
use backprop::differentiable;

#[differentiable]
#[allow(unused_assignments)]
fn f(x: f64) -> f64 {
    let mut a = 0.0;
    let mut b = 0.0;
    let mut c = 0.0;
    ((a, b), c) = ((x, 2.0 * x), x);
    a * b * c
}



#[differentiable]
fn g(x: f64) -> f64 {
    let mut v = vec![0.0, 0.0];
    *v.last_mut().unwrap() = x;
    v[1] * x
}
fn main() {}
