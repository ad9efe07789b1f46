//! `lse`: log-sum-exp, `primal` and `gradient`.

use backprop::differentiable;
use serde::Deserialize;
use serde_json::Value;

use crate::Evaluated;
use crate::runs::{parse, repeat, runs_of};

#[derive(Deserialize)]
struct Input {
    x: Vec<f64>,
}

/// log Σ exp(xᵢ), computed as a + log Σ exp(xᵢ − a) with a = max x (the log-sum-exp trick).
#[differentiable]
pub fn lse(x: &[f64]) -> f64 {
    let a = x.iter().fold(x[0], |a, &v| a.max(v));
    let s: f64 = x.iter().map(|&v| (v - a).exp()).sum();
    a + s.ln()
}

/// `primal` (the value) and `gradient` (from `lse_grad`).
pub fn evaluate(function: &str, input: &Value) -> Evaluated {
    let Input { x } = parse(input)?;
    match function {
        "primal" => repeat(runs_of(input), || lse(&x)),
        "gradient" => repeat(runs_of(input), || lse_grad(&x).1),
        _ => Err(crate::unknown("lse", function)),
    }
}
