//! Operands whose type the syntax does not show (fields, results of calls) are checked to be
//! floats.
use backprop::{Differentiable, differentiable};

#[derive(Differentiable, Clone)]
pub struct Gaussian {
    mu: f64,
    log_sigma: f64,
}

#[differentiable]
pub fn nll(g: &Gaussian, x: &[f64]) -> f64 {
    let sigma = g.log_sigma.exp();
    let mut total = 0.0;
    for i in 0..x.len() {
        let z = (x[i] - g.mu) / sigma;
        total += 0.5 * z * z + g.log_sigma;
    }
    total
}
