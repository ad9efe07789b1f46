//! `lstm`: ADBench's LSTM (diagonal weight "matrices", two quirks kept, see below) run over a
//! character sequence; `objective` (the mean negative log likelihood of the next character)
//! and `jacobian` (its gradient in `main_params` and `extra_params`, from `objective_grad`,
//! rows concatenated).
#![allow(clippy::needless_range_loop, reason = "index loops over the layers' rows, as the reference indexes")]

use backprop::differentiable;
use serde::Deserialize;
use serde_json::Value;

use crate::Evaluated;
use crate::runs::{parse, repeat, runs_of};

#[derive(Deserialize)]
struct Input {
    main_params: Vec<Vec<f64>>,
    extra_params: Vec<Vec<f64>>,
    state: Vec<Vec<f64>>,
    sequence: Vec<Vec<f64>>,
}

/// The logistic function 1/(1 + e⁻ˣ).
#[differentiable]
pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// The loss −Σₜ Σᵢ sequence[t + 1]ᵢ·(yₜᵢ − ln(Σⱼ exp(yₜⱼ) + 2)) / ((c − 1)·b), where yₜ is the
/// prediction after reading characters 0..=t.
///
/// `main_params` has two rows per layer, each of 4b: the weights, then the biases, of the
/// forget, input and output gates and the candidate, in that order. `extra_params` is the
/// input weight, the output weight and the output bias (b each); `state` two rows per layer
/// (hidden, then cell); `sequence` c one-hot rows of b.
#[differentiable(wrt(main_params, extra_params))]
pub fn objective(
    main_params: &[Vec<f64>],
    extra_params: &[Vec<f64>],
    state: &[Vec<f64>],
    sequence: &[Vec<f64>],
) -> f64 {
    let layers = main_params.len() / 2;
    let b = sequence[0].len();
    let c = sequence.len();
    // Every evaluation starts from the given state.
    let mut state = state.to_vec();
    let mut input = vec![0.0; b];
    let mut ypred = vec![0.0; b];
    let mut total = 0.0;
    for t in 0..c - 1 {
        for i in 0..b {
            input[i] = sequence[t][i] * extra_params[0][i];
        }
        for layer in 0..layers {
            let (h, s) = (2 * layer, 2 * layer + 1);
            for i in 0..b {
                let w = &main_params[h];
                let bias = &main_params[h + 1];
                // Quirk kept from ADBench: the forget and output gates read the input, the
                // input gate and the candidate the hidden state.
                let forget = sigmoid(input[i] * w[i] + bias[i]);
                let ingate = sigmoid(state[h][i] * w[b + i] + bias[b + i]);
                let outgate = sigmoid(input[i] * w[2 * b + i] + bias[2 * b + i]);
                let change = (state[h][i] * w[3 * b + i] + bias[3 * b + i]).tanh();
                state[s][i] = state[s][i] * forget + ingate * change;
                state[h][i] = outgate * state[s][i].tanh();
            }
            // The layer's hidden state is the next layer's input.
            input = state[h].clone();
        }
        let mut sum_exp = 0.0;
        for i in 0..b {
            ypred[i] = input[i] * extra_params[1][i] + extra_params[2][i];
            sum_exp += ypred[i].exp();
        }
        // Quirk kept from ADBench: + 2 inside the logarithm.
        let lse = (sum_exp + 2.0).ln();
        for i in 0..b {
            total += sequence[t + 1][i] * (ypred[i] - lse);
        }
    }
    -total / ((c - 1) * b) as f64
}

/// The gradient in `main_params`, then `extra_params`, each flattened row after row.
pub fn jacobian(
    main_params: &[Vec<f64>],
    extra_params: &[Vec<f64>],
    state: &[Vec<f64>],
    sequence: &[Vec<f64>],
) -> Vec<f64> {
    let (_, (d_main, d_extra)) = objective_grad(main_params, extra_params, state, sequence);
    d_main.into_iter().chain(d_extra).flatten().collect()
}

/// Checks the shapes against b (the width of a sequence row) and the number of layers.
fn check(input: &Input) -> Result<(), String> {
    let b = input.sequence.first().map_or(0, Vec::len);
    let layers = input.main_params.len() / 2;
    let rows_ok =
        |rows: &[Vec<f64>], count: usize, len: usize| rows.len() == count && rows.iter().all(|r| r.len() == len);
    if input.sequence.len() < 2 || b == 0 || layers == 0 {
        return Err("bad input: need at least two characters in sequence and one layer".to_string());
    }
    if !rows_ok(&input.main_params, 2 * layers, 4 * b)
        || !rows_ok(&input.extra_params, 3, b)
        || !rows_ok(&input.state, 2 * layers, b)
        || !rows_ok(&input.sequence, input.sequence.len(), b)
    {
        return Err(format!(
            "bad input: with b = {b} and {layers} layers, main_params must be {} × {}, extra_params 3 × {b}, state {} × {b} and every sequence row {b} long",
            2 * layers,
            4 * b,
            2 * layers
        ));
    }
    Ok(())
}

/// `objective` and `jacobian`.
pub fn evaluate(function: &str, input: &Value) -> Evaluated {
    let parsed: Input = parse(input)?;
    check(&parsed)?;
    let Input { main_params, extra_params, state, sequence } = parsed;
    match function {
        "objective" => repeat(runs_of(input), || objective(&main_params, &extra_params, &state, &sequence)),
        "jacobian" => repeat(runs_of(input), || jacobian(&main_params, &extra_params, &state, &sequence)),
        _ => Err(crate::unknown("lstm", function)),
    }
}
