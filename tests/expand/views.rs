//! Loops that index through views (reverse) and rows (forward): bounds checks hoisted, an
//! offset (`a[i * n + j]`) and a counter (`l[c][k]`, `k += 1`) included.
use backprop::differentiable;

#[differentiable]
pub fn dot(x: &[f64], y: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        s += x[i] * y[i];
    }
    s
}

#[differentiable]
pub fn matvec_norm(a: &[f64], x: &[f64], n: usize) -> f64 {
    let mut total = 0.0;
    for i in 0..n {
        let mut row = 0.0;
        for j in 0..n {
            row += a[i * n + j] * x[j];
        }
        total += row * row;
    }
    total
}

/// `gmm`'s packed triangle: `l[c]` fixed by the outer loop, indexed by a counter.
#[differentiable]
pub fn packed_triangle(l: &[Vec<f64>], x: &[f64], c: usize) -> f64 {
    let d = x.len();
    let mut q = vec![0.0; d];
    let mut k = 0;
    for col in 0..d {
        for row in col + 1..d {
            q[row] += l[c][k] * x[col];
            k += 1;
        }
    }
    let mut s = 0.0;
    for j in 0..d {
        s += q[j] * q[j];
    }
    s
}
