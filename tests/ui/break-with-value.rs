// `break` carries no value out of a differentiable loop; assign to a variable before `break`.
use backprop::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let mut y = x;
    loop {
        y = y * 0.5;
        if y < 1.0 {
            break y;
        }
    };
    y
}

fn main() {}
