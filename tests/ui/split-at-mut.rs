// A mutable view of a collection (`split_at_mut`, `chunks_mut`, …) is refused: writes through
// it would not be seen as writes of the collection (found by a reviewer: they were ignored).
use backprop::differentiable;

#[differentiable]
fn f(x: &[f64]) -> f64 {
    let mut v = x.to_vec();
    let (a, b) = v.split_at_mut(1);
    a[0] = b[0] * 3.0;
    v[0] * v[1]
}

fn main() {}
