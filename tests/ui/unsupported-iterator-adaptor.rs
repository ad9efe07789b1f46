// Iterator chains differentiate through `iter`, `enumerate`, `zip`, `copied`, `map` and a
// final `sum`, `fold` or `collect` (and `filter` before them); other adaptors are rejected on active values.
use backprop::differentiable;

#[differentiable]
fn f(x: &[f64]) -> f64 {
    x.iter().take_while(|v| **v > 0.0).sum()
}

fn main() {}
