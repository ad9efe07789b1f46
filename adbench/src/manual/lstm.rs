//! Manual LSTM gradient: one forward pass over the sequence recording each cell's gates, then
//! one reverse pass through time.
#![allow(clippy::needless_range_loop, reason = "several arrays share one index; index loops read clearer here")]

use crate::io::LstmInput;
use crate::objective::sigmoid;

/// What the reverse pass needs of one (time step, layer): eight vectors of b values.
const INPUT: usize = 0;
const H_PREV: usize = 1;
const S_PREV: usize = 2;
const FORGET: usize = 3;
const INGATE: usize = 4;
const OUTGATE: usize = 5;
const CHANGE: usize = 6;
const TANH_S: usize = 7;
const RECORD: usize = 8;

/// The forward pass's output: the loss terms and the tape.
struct Tape {
    /// (c − 1) × l records of RECORD × b values.
    cells: Vec<f64>,
    /// (c − 1) × b softmax probabilities exp(y_j) / (Σ exp(y) + 2) of each prediction.
    probs: Vec<f64>,
    /// Σ_t Σ_j seq[t+1]_j (y_j − lse).
    total: f64,
}

/// The objective and its gradient [d main_params; d extra_params].
pub fn lstm_gradient(input: &LstmInput) -> (f64, Vec<f64>) {
    let count = ((input.c - 1) * input.b) as f64;
    let tape = forward(input);
    let grad = reverse(input, &tape, -1.0 / count);
    (-tape.total / count, grad)
}

/// Runs the LSTM over the sequence, recording every cell.
fn forward(input: &LstmInput) -> Tape {
    let LstmInput { l, c, b, .. } = *input;
    let (mp, ep) = (&input.main_params, &input.extra_params);
    let steps = c - 1;
    let mut cells = vec![0.0; steps * l * RECORD * b];
    let mut probs = vec![0.0; steps * b];
    let mut state = input.state.clone();
    let mut inp = vec![0.0; b];
    let mut y = vec![0.0; b];
    let mut total = 0.0;
    for t in 0..steps {
        for j in 0..b {
            inp[j] = input.sequence[t * b + j] * ep[j];
        }
        for layer in 0..l {
            let w = &mp[layer * 8 * b..][..8 * b];
            let (h, s) = state[layer * 2 * b..][..2 * b].split_at_mut(b);
            let rec = &mut cells[(t * l + layer) * RECORD * b..][..RECORD * b];
            for j in 0..b {
                let f = sigmoid(inp[j] * w[j] + w[4 * b + j]);
                let i = sigmoid(h[j] * w[b + j] + w[5 * b + j]);
                let o = sigmoid(inp[j] * w[2 * b + j] + w[6 * b + j]);
                let g = (h[j] * w[3 * b + j] + w[7 * b + j]).tanh();
                let s_new = s[j] * f + i * g;
                let tanh_s = s_new.tanh();
                for (slot, value) in [inp[j], h[j], s[j], f, i, o, g, tanh_s].into_iter().enumerate() {
                    rec[slot * b + j] = value;
                }
                s[j] = s_new;
                h[j] = o * tanh_s;
                inp[j] = h[j];
            }
        }
        total += output_probs(input, &inp, t, &mut y, &mut probs[t * b..][..b]);
    }
    Tape { cells, probs, total }
}

/// Fills `probs` for the prediction from the top hidden state `top`; returns its log-likelihood
/// term Σ_j seq[t+1]_j (y_j − lse), with ADBench's + 2 inside the log.
fn output_probs(input: &LstmInput, top: &[f64], t: usize, y: &mut [f64], probs: &mut [f64]) -> f64 {
    let b = input.b;
    let ep = &input.extra_params;
    let mut sum_exp = 2.0;
    for j in 0..b {
        y[j] = top[j] * ep[b + j] + ep[2 * b + j];
        probs[j] = y[j].exp();
        sum_exp += probs[j];
    }
    let lse = sum_exp.ln();
    let gold = &input.sequence[(t + 1) * b..][..b];
    let mut ll = 0.0;
    for j in 0..b {
        probs[j] /= sum_exp;
        ll += gold[j] * (y[j] - lse);
    }
    ll
}

/// Back-propagates d loss / d total = `scale` through time.
fn reverse(input: &LstmInput, tape: &Tape, scale: f64) -> Vec<f64> {
    let LstmInput { l, c, b, .. } = *input;
    let mut grad = vec![0.0; input.n_params()];
    let (g_main, g_extra) = grad.split_at_mut(8 * l * b);
    // Adjoints of every layer's (h, s) at the end of the step being processed.
    let mut dh = vec![0.0; l * b];
    let mut ds = vec![0.0; l * b];
    for t in (0..c - 1).rev() {
        output_adjoint(input, tape, t, scale, g_extra, &mut dh[(l - 1) * b..]);
        for layer in (0..l).rev() {
            let rec = &tape.cells[(t * l + layer) * RECORD * b..][..RECORD * b];
            let w = &input.main_params[layer * 8 * b..][..8 * b];
            let gw = &mut g_main[layer * 8 * b..][..8 * b];
            for j in 0..b {
                let at = |slot: usize| rec[slot * b + j];
                let (f, i, o, g, tanh_s) = (at(FORGET), at(INGATE), at(OUTGATE), at(CHANGE), at(TANH_S));
                let dh_j = dh[layer * b + j];
                // h = o·tanh(s), s = s_prev·f + i·g
                let d_o = dh_j * tanh_s;
                let d_s = ds[layer * b + j] + dh_j * o * (1.0 - tanh_s * tanh_s);
                let da_f = d_s * at(S_PREV) * f * (1.0 - f);
                let da_i = d_s * g * i * (1.0 - i);
                let da_o = d_o * o * (1.0 - o);
                let da_g = d_s * i * (1.0 - g * g);
                let (x, h_prev) = (at(INPUT), at(H_PREV));
                gw[j] += da_f * x;
                gw[b + j] += da_i * h_prev;
                gw[2 * b + j] += da_o * x;
                gw[3 * b + j] += da_g * h_prev;
                gw[4 * b + j] += da_f;
                gw[5 * b + j] += da_i;
                gw[6 * b + j] += da_o;
                gw[7 * b + j] += da_g;
                // Carried to step t − 1: the previous (h, s) of this layer.
                dh[layer * b + j] = da_i * w[b + j] + da_g * w[3 * b + j];
                ds[layer * b + j] = d_s * f;
                let d_input = da_f * w[j] + da_o * w[2 * b + j];
                if layer > 0 {
                    // The input was the new h of the layer below at this same step.
                    dh[(layer - 1) * b + j] += d_input;
                } else {
                    g_extra[j] += d_input * input.sequence[t * b + j];
                }
            }
        }
    }
    grad
}

/// Adjoint of step t's log-likelihood term: into out_weight, out_bias and the top hidden state.
fn output_adjoint(input: &LstmInput, tape: &Tape, t: usize, scale: f64, g_extra: &mut [f64], dh_top: &mut [f64]) {
    let LstmInput { l, b, .. } = *input;
    let ep = &input.extra_params;
    let gold = &input.sequence[(t + 1) * b..][..b];
    let gold_sum: f64 = gold.iter().sum();
    let probs = &tape.probs[t * b..][..b];
    let rec = &tape.cells[(t * l + l - 1) * RECORD * b..][..RECORD * b];
    for j in 0..b {
        // d/dy_j Σ_i gold_i (y_i − lse) = gold_j − (Σ gold)·softmax_j
        let dy = scale * (gold[j] - gold_sum * probs[j]);
        let top_h = rec[OUTGATE * b + j] * rec[TANH_S * b + j];
        g_extra[b + j] += dy * top_h;
        g_extra[2 * b + j] += dy;
        dh_top[j] += dy * ep[b + j];
    }
}
