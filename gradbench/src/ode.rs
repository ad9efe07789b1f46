//! `ode`: cmpad's `an_ode`, y′₀ = x₀, y′ᵢ = xᵢ·yᵢ₋₁, y(0) = 0, solved on [0, 2] by `s` steps of
//! classical Runge–Kutta; `primal` (y(2)) and `gradient` (of y(2)'s last entry in x, from the
//! pullback of `ode_vjp`).

use backprop::differentiable;
use serde::Deserialize;
use serde_json::Value;

use crate::Evaluated;
use crate::runs::{parse, repeat, runs_of};

#[derive(Deserialize)]
struct Input {
    x: Vec<f64>,
    s: usize,
}

/// The right-hand side: z₀ = x₀, zᵢ = xᵢ·yᵢ₋₁.
#[differentiable]
pub fn ode_fun(x: &[f64], y: &[f64]) -> Vec<f64> {
    let n = x.len();
    let mut z = vec![0.0; n];
    z[0] = x[0];
    for i in 1..n {
        z[i] = x[i] * y[i - 1];
    }
    z
}

/// y(2), from y(0) = 0 by `s` Runge–Kutta steps of size 2/s.
#[differentiable]
pub fn ode(x: &[f64], s: usize) -> Vec<f64> {
    let n = x.len();
    let h = 2.0 / s as f64;
    let mut y = vec![0.0; n];
    for _ in 0..s {
        let k1 = ode_fun(x, &y);
        let mut y_tmp = vec![0.0; n];
        for i in 0..n {
            y_tmp[i] = y[i] + h * k1[i] / 2.0;
        }
        let k2 = ode_fun(x, &y_tmp);
        for i in 0..n {
            y_tmp[i] = y[i] + h * k2[i] / 2.0;
        }
        let k3 = ode_fun(x, &y_tmp);
        for i in 0..n {
            y_tmp[i] = y[i] + h * k3[i];
        }
        let k4 = ode_fun(x, &y_tmp);
        for i in 0..n {
            y[i] += h * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]) / 6.0;
        }
    }
    y
}

/// The gradient in x of the last entry of [`ode`]: its pullback seeded with the last unit
/// vector.
pub fn ode_gradient(x: &[f64], s: usize) -> Vec<f64> {
    let (y, pullback) = ode_vjp(x, s);
    let mut seed = vec![0.0; y.len()];
    if let Some(last) = seed.last_mut() {
        *last = 1.0;
    }
    pullback(seed)
}

/// `primal` (y(2)) and `gradient` (∇ₓ y(2)ₙ₋₁).
pub fn evaluate(function: &str, input: &Value) -> Evaluated {
    let Input { x, s } = parse(input)?;
    if x.is_empty() || s == 0 {
        return Err(format!(
            "bad input: x must not be empty and s must be positive (x has {} entries, s = {s})",
            x.len()
        ));
    }
    match function {
        "primal" => repeat(runs_of(input), || ode(&x, s)),
        "gradient" => repeat(runs_of(input), || ode_gradient(&x, s)),
        _ => Err(crate::unknown("ode", function)),
    }
}
