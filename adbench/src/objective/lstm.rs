//! LSTM: ADBench's "lstm" objective, quirks included (SPEC.md §3).
#![allow(
    clippy::needless_range_loop,
    clippy::manual_memcpy,
    reason = "index loops are the style #[differentiable] accepts"
)]

use crate::io::LstmInput;
use backprop::differentiable;

/// The LSTM loss −(Σ_t Σ_j seq[t+1]_j · (y_tj − lse_t)) / ((c − 1)·b) of ADBench.
///
/// `main_params` is l × 8b (per layer W_f, W_i, W_o, W_c, then B_f, B_i, B_o, B_c), `extra_params`
/// 3b (in_weight, out_weight, out_bias), `state` l × 2b (per layer h, then s) and `sequence`
/// c × b. Needs c ≥ 1. All weights act element-wise, as in ADBench.
#[differentiable(wrt(main_params, extra_params))]
pub fn lstm_objective(
    main_params: &[f64],
    extra_params: &[f64],
    state: &[f64],
    sequence: &[f64],
    l: usize,
    c: usize,
    b: usize,
) -> f64 {
    // The state is mutated while the sequence is read, and every evaluation must start from
    // the given state: work on a fresh copy.
    let mut st = vec![0.0; 2 * l * b];
    for i in 0..2 * l * b {
        st[i] = state[i];
    }
    let mut inp = vec![0.0; b];
    let mut total = 0.0;
    for t in 0..c - 1 {
        for j in 0..b {
            inp[j] = sequence[t * b + j] * extra_params[j];
        }
        for layer in 0..l {
            let w = layer * 8 * b;
            let h = layer * 2 * b;
            for j in 0..b {
                // Quirk kept from ADBench: forget and output gates read the input, the input
                // gate and the candidate read the hidden state.
                let forget = sigmoid(inp[j] * main_params[w + j] + main_params[w + 4 * b + j]);
                let ingate = sigmoid(st[h + j] * main_params[w + b + j] + main_params[w + 5 * b + j]);
                let outgate = sigmoid(inp[j] * main_params[w + 2 * b + j] + main_params[w + 6 * b + j]);
                let change = (st[h + j] * main_params[w + 3 * b + j] + main_params[w + 7 * b + j]).tanh();
                st[h + b + j] = st[h + b + j] * forget + ingate * change;
                st[h + j] = outgate * st[h + b + j].tanh();
                // The new hidden state is the next layer's input.
                inp[j] = st[h + j];
            }
        }
        total += lstm_log_likelihood(&inp, extra_params, sequence, t + 1, b);
    }
    -total / (((c - 1) * b) as f64)
}

/// Σ_j seq_t,j · (y_j − lse) for the prediction y = hidden ⊙ out_weight + out_bias, with
/// lse = ln(Σ_j exp(y_j) + 2).
#[differentiable(wrt(hidden, extra_params))]
pub fn lstm_log_likelihood(hidden: &[f64], extra_params: &[f64], sequence: &[f64], t: usize, b: usize) -> f64 {
    let mut sum_exp = 0.0;
    for j in 0..b {
        sum_exp += (hidden[j] * extra_params[b + j] + extra_params[2 * b + j]).exp();
    }
    // Quirk: the reference Python wrote sum(exp(y), 2), and Python's sum takes 2 as its start
    // value. Every ADBench implementation (and the goldens) keep the + 2.
    let lse = (sum_exp + 2.0).ln();
    let mut ll = 0.0;
    for j in 0..b {
        ll += sequence[t * b + j] * (hidden[j] * extra_params[b + j] + extra_params[2 * b + j] - lse);
    }
    ll
}

/// The logistic function 1 / (1 + e^(−x)).
#[differentiable]
pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// [`lstm_objective`] on a reader struct.
pub fn lstm_objective_input(input: &LstmInput) -> f64 {
    let LstmInput { l, c, b, .. } = *input;
    lstm_objective(&input.main_params, &input.extra_params, &input.state, &input.sequence, l, c, b)
}

/// [`lstm_objective`] with the independent variables packed as [main_params; extra_params]
/// (for finite differences).
pub fn lstm_objective_packed(input: &LstmInput, packed: &[f64]) -> f64 {
    let (main_params, extra_params) = packed.split_at(input.main_params.len());
    let LstmInput { l, c, b, .. } = *input;
    lstm_objective(main_params, extra_params, &input.state, &input.sequence, l, c, b)
}
