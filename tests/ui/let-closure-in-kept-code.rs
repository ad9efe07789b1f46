// A `let` closure is inlined where it is called; inside an iterator chain's own closure in a
// condition (code kept as written) it would not exist.
use backprop::differentiable;

#[differentiable]
fn peaks(x: &[f64]) -> f64 {
    let bump = |v: f64| (v * v).exp();
    let mut total = 0.0;
    for i in 0..x.len() {
        if (0..3).map(|j| bump(j as f64)).sum::<f64>() > 2.0 {
            total += x[i];
        }
    }
    total
}

fn main() {
    let _ = peaks(&[1.0]);
}
