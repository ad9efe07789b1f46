//! Curve fitting with argmin's L-BFGS: a decay `a e^(−k t) + c` fitted to noisy samples.
//!
//! `cargo run --release --features argmin --example curve_fit`
//!
//! The loss is a plain `#[differentiable]` function of the parameters and the data; the
//! `Objective` hands it and its generated `_grad` to argmin, with the data captured by
//! closures. No gradient is written by hand.

use backprop::argmin::Objective;
use backprop::argmin::core::{Executor, State};
use backprop::argmin::solver::linesearch::MoreThuenteLineSearch;
use backprop::argmin::solver::quasinewton::LBFGS;
use backprop::differentiable;
use backprop::error::Report;
use std::error::Error;
use std::process::ExitCode;

/// Sum of squared residuals of the model `a e^(−k t) + c`, with `p = [a, k, c]`.
#[differentiable(wrt(p))]
fn loss(p: &[f64], t: &[f64], y: &[f64]) -> f64 {
    let mut total = 0.0;
    for i in 0..t.len() {
        let r = p[0] * (-p[1] * t[i]).exp() + p[2] - y[i];
        total += r * r;
    }
    total
}

/// The parameters the samples are drawn from.
const TRUE: [f64; 3] = [3.0, 0.7, 0.5];

/// 40 samples over `t ∈ [0, 8)`, with a small deterministic wiggle as noise.
fn samples() -> (Vec<f64>, Vec<f64>) {
    let t: Vec<f64> = (0..40).map(|i| f64::from(i) * 0.2).collect();
    let y =
        t.iter().enumerate().map(|(i, &t)| TRUE[0] * (-TRUE[1] * t).exp() + TRUE[2] + 0.02 * (i as f64 * 2.3).sin());
    (t.clone(), y.collect())
}

fn run() -> Result<(), Box<dyn Error>> {
    let (t, y) = samples();
    let problem = Objective::new(|p: &[f64]| loss(p, &t, &y), |p: &[f64]| loss_grad(p, &t, &y));
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), 5).with_tolerance_grad(1e-10)?;
    let result = Executor::new(problem, solver).configure(|s| s.param(vec![1.0, 1.0, 0.0]).max_iters(100)).run()?;
    let state = result.state();
    let best = state.get_best_param().ok_or("L-BFGS returned no parameters")?;
    println!("L-BFGS stopped after {} iterations: {}", state.get_iter(), state.get_termination_status());
    println!("{:>4}  {:>7}  {:>7}", "", "fitted", "true");
    for (name, (fitted, truth)) in ["a", "k", "c"].iter().zip(best.iter().zip(TRUE)) {
        println!("{name:>4}  {fitted:>7.4}  {truth:>7.4}");
    }
    println!("sum of squared residuals: {:.2e}", state.get_best_cost());
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {}", Report(&*error));
            ExitCode::FAILURE
        }
    }
}
