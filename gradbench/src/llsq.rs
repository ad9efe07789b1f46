//! `llsq`: the linear least-squares objective of cmpad, `primal` and `gradient`.

use backprop::differentiable;
use serde::Deserialize;
use serde_json::Value;

use crate::Evaluated;
use crate::runs::{parse, repeat, runs_of};

#[derive(Deserialize)]
struct Input {
    x: Vec<f64>,
    n: usize,
}

/// The sign of `t`: −1, 0 or 1 (unlike `f64::signum`, 0 at 0).
fn sign(t: f64) -> f64 {
    if t > 0.0 {
        1.0
    } else if t < 0.0 {
        -1.0
    } else {
        0.0
    }
}

/// ½ Σᵢ (sᵢ − x₀ − x₁tᵢ − x₂tᵢ² − …)² over n points tᵢ = −1 + 2i/(n − 1), with sᵢ = sign(tᵢ).
#[differentiable]
pub fn llsq(x: &[f64], n: usize) -> f64 {
    let mut sum = 0.0;
    for i in 0..n {
        let t = -1.0 + i as f64 * 2.0 / (n as f64 - 1.0);
        let mut residual = sign(t);
        let mut power = 1.0;
        for xj in x.iter() {
            residual -= xj * power;
            power *= t;
        }
        sum += residual * residual;
    }
    sum / 2.0
}

/// `primal` (the value) and `gradient` (from `llsq_grad`).
pub fn evaluate(function: &str, input: &Value) -> Evaluated {
    let Input { x, n } = parse(input)?;
    match function {
        "primal" => repeat(runs_of(input), || llsq(&x, n)),
        "gradient" => repeat(runs_of(input), || llsq_grad(&x, n).1),
        _ => Err(crate::unknown("llsq", function)),
    }
}
