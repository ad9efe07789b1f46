//! `lstm`: the loss by hand on a zero model, against a flat re-implementation of ADBench's C++,
//! and its gradient against central finite differences.

mod common;
use common::*;

use backprop_gradbench::lstm;

fn rows(flat: &[f64], width: usize) -> Vec<Vec<f64>> {
    flat.chunks(width).map(<[f64]>::to_vec).collect()
}

/// One-hot rows of width b.
fn one_hot(c: usize, b: usize, seed: u64) -> Vec<Vec<f64>> {
    vector(c, seed, 0.0, b as f64).iter().map(|&v| (0..b).map(|i| f64::from(i == v as usize)).collect()).collect()
}

/// ADBench's C++ objective over flat arrays (main: per layer W then B of 4b; state: h then c).
fn reference(main: &[f64], extra: &[f64], state: &[f64], seq: &[f64], l: usize, c: usize, b: usize) -> f64 {
    let sig = |x: f64| 1.0 / (1.0 + (-x).exp());
    let mut st = state.to_vec();
    let mut total = 0.0;
    for t in 0..c - 1 {
        let mut inp: Vec<f64> = (0..b).map(|i| seq[t * b + i] * extra[i]).collect();
        for layer in 0..l {
            let (w, hs) = (&main[layer * 8 * b..], layer * 2 * b);
            for i in 0..b {
                let f = sig(inp[i] * w[i] + w[4 * b + i]);
                let ig = sig(st[hs + i] * w[b + i] + w[5 * b + i]);
                let o = sig(inp[i] * w[2 * b + i] + w[6 * b + i]);
                let ch = (st[hs + i] * w[3 * b + i] + w[7 * b + i]).tanh();
                st[hs + b + i] = st[hs + b + i] * f + ig * ch;
                st[hs + i] = o * st[hs + b + i].tanh();
            }
            inp = st[hs..hs + b].to_vec();
        }
        let y: Vec<f64> = (0..b).map(|i| inp[i] * extra[b + i] + extra[2 * b + i]).collect();
        let lse = (y.iter().map(|v| v.exp()).sum::<f64>() + 2.0).ln();
        total += (0..b).map(|i| seq[(t + 1) * b + i] * (y[i] - lse)).sum::<f64>();
    }
    -total / ((c - 1) * b) as f64
}

#[test]
fn zero_model_by_hand() {
    // All parameters 0: every gate is ½, the candidate 0, so the prediction is 0 and the loss
    // of the one second character is −(0 − ln(1 + 2)) = ln 3 whatever the state.
    let main = vec![vec![0.0; 4]; 2];
    let extra = vec![vec![0.0]; 3];
    let state = vec![vec![0.3], vec![-0.7]];
    let sequence = vec![vec![1.0], vec![1.0]];
    assert!((lstm::objective(&main, &extra, &state, &sequence) - 3.0_f64.ln()).abs() < 1e-15);
}

#[test]
fn objective_matches_the_reference_and_gradient_matches_differences() {
    for (l, c, b) in [(1, 3, 2), (2, 5, 3)] {
        let main_flat = vector(l * 8 * b, 31, -1.0, 1.0);
        let extra_flat = vector(3 * b, 32, -1.0, 1.0);
        let state_flat = vector(l * 2 * b, 33, -1.0, 1.0);
        let sequence = one_hot(c, b, 34);
        let (main, extra, state) = (rows(&main_flat, 4 * b), rows(&extra_flat, b), rows(&state_flat, b));
        let value = lstm::objective(&main, &extra, &state, &sequence);
        let expected = reference(&main_flat, &extra_flat, &state_flat, &sequence.concat(), l, c, b);
        assert!((value - expected).abs() < 1e-14, "{value} vs {expected}");
        let packed = [main_flat.clone(), extra_flat.clone()].concat();
        let split = main_flat.len();
        let fd = fd_gradient(
            |v| lstm::objective(&rows(&v[..split], 4 * b), &rows(&v[split..], b), &state, &sequence),
            &packed,
            1e-6,
        );
        assert_close(&lstm::jacobian(&main, &extra, &state, &sequence), &fd, 1e-8);
    }
}
