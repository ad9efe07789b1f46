//! Ratios measured in alternation: each variant of a function runs for a short round, the
//! order rotating from round to round, and the ratios are taken round by round. A shared
//! machine's load then weighs on all variants alike, where criterion measures one benchmark
//! after the other, seconds apart (its single-run ratios of nanosecond functions moved by up
//! to half between runs).

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Median ratios over the rounds: gradient over primal, gradient over hand-written.
#[derive(Clone, Copy, Debug)]
pub struct TrioRatios {
    /// Generated gradient time over primal time.
    pub grad_over_primal: f64,
    /// Generated gradient time over hand-written gradient time.
    pub grad_over_hand: f64,
}

/// Times `primal`, `grad` and `hand` in `rounds` rounds of about `round_seconds` each (per
/// variant), rotating which goes first.
pub fn trio<A, B, C>(
    mut primal: impl FnMut() -> A,
    mut grad: impl FnMut() -> B,
    mut hand: impl FnMut() -> C,
    rounds: usize,
    round_seconds: f64,
) -> TrioRatios {
    let calls = calls_per_round(&mut grad, round_seconds);
    let mut run = |k: usize| -> Duration {
        let start = Instant::now();
        for _ in 0..calls {
            match k {
                0 => drop(black_box(primal())),
                1 => drop(black_box(grad())),
                _ => drop(black_box(hand())),
            }
        }
        start.elapsed()
    };
    let (mut over_primal, mut over_hand) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        let mut t = [Duration::ZERO; 3];
        for step in 0..3 {
            let k = (round + step) % 3;
            t[k] = run(k);
        }
        let [p, g, h] = t.map(|d| d.as_secs_f64());
        over_primal.push(g / p);
        over_hand.push(g / h);
    }
    TrioRatios { grad_over_primal: median(over_primal), grad_over_hand: median(over_hand) }
}

/// How many calls of `f` take about `seconds`.
fn calls_per_round<T>(f: &mut impl FnMut() -> T, seconds: f64) -> u64 {
    let mut calls = 1u64;
    loop {
        let start = Instant::now();
        for _ in 0..calls {
            black_box(f());
        }
        let took = start.elapsed().as_secs_f64();
        if took > seconds / 4.0 || calls > 1 << 30 {
            return ((calls as f64 * seconds / took.max(1e-9)) as u64).max(1);
        }
        calls *= 2;
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
