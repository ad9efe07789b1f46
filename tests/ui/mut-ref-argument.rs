// A call lending `&mut` chains through the callee's `{name}_owned` forms, which
// `#[differentiable]` writes for a function with `&mut` parameters: this callee has none.
use backprop::differentiable;

fn double_in_place(v: &mut f64) {
    *v *= 2.0;
}

#[differentiable]
fn f(x: f64) -> f64 {
    let mut y = x;
    double_in_place(&mut y);
    y
}

fn main() {}
