// An array pattern reads the elements of an array of floats the macro can see; on a value of
// a type it cannot see (a call's result), it asks for the type.
use backprop::differentiable;

fn pair(x: f64) -> [f64; 2] {
    [x, 2.0 * x]
}

#[differentiable]
fn f(x: f64) -> f64 {
    let [a, b] = pair(x);
    a * b * x
}

#[differentiable]
fn g(y: &[f64; 2]) -> f64 {
    let [a, b] = y;
    a * b
}

#[differentiable]
fn h(y: [f64; 3]) -> f64 {
    let [a, ..] = y;
    a
}

fn main() {}
