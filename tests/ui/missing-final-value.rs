// Every path must end in a value: a function ending in a diverging statement is rejected
// (write `panic!(...)` without the semicolon, as the function's last expression).
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    if x > 0.0 {
        return x.sqrt();
    }
    panic!("negative input");
}

fn main() {}
