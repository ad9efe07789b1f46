// The reverse sweep walks a loop's range again, so the body may not change the variable it
// walks: `for mut i in …` is an error that says to copy it.
use backprop::differentiable;

#[differentiable]
fn f(x: f64, n: usize) -> f64 {
    let mut s = x;
    for mut i in 0..n {
        i += 1;
        s = s * (i as f64);
    }
    s
}

fn main() {}
