//! `Option` values that carry a gradient: a function returning one (`?`, `Some`, `None`), a
//! caller reading its inside with `match`, and a `.filter(…)` before a reduction.
use backprop::differentiable;

#[differentiable]
pub fn hit(h: f64, c: f64) -> Option<f64> {
    let disc = 1.0 - h * h;
    if disc < 0.0 {
        return None;
    }
    Some(c - disc.sqrt())
}

#[differentiable]
pub fn shade(h: f64, c: f64) -> Option<f64> {
    let t = hit(h, c)?;
    let s = match hit(h, 2.0 * c) {
        Some(u) => 1.0 / (t * u),
        None => 0.0,
    };
    Some(s)
}

#[differentiable]
pub fn positive_squares(x: &[f64]) -> f64 {
    x.iter().filter(|&&v| v > 0.0).map(|v| v * v).sum()
}
