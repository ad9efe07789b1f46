//! Newton's method with argmin: logistic regression fitted by maximum likelihood in a few steps.
//!
//! `cargo run --release --features argmin --example newton`
//!
//! Newton's method needs the Hessian: the `Objective` builds it from the generated `_hvp`,
//! one Hessian-vector product per parameter, and argmin's `Newton` solver inverts it.

use backprop::argmin::Objective;
use backprop::argmin::core::{Executor, State};
use backprop::argmin::solver::newton::Newton;
use backprop::differentiable;
use backprop::error::Report;
use std::error::Error;
use std::process::ExitCode;

/// Features per example (two coordinates and a constant 1 for the bias).
const FEATURES: usize = 3;
/// Newton steps to take (argmin's `Newton` has no stopping test of its own).
const STEPS: u64 = 8;
/// Weight of the L2 penalty, which keeps the likelihood's maximum finite.
const PENALTY: f64 = 1e-3;

/// Mean negative log-likelihood of the labels under `P(y = 1) = σ(w · x)`, written in the
/// form `ln(1 + e^z) − y z`, plus a small L2 penalty. `x` is row-major, `FEATURES`
/// values per example.
#[differentiable(wrt(w))]
#[allow(clippy::needless_range_loop, reason = "index loops read as the formula")]
fn loss(w: &[f64], x: &[f64], y: &[f64]) -> f64 {
    let n = y.len();
    let mut total = 0.0;
    for i in 0..n {
        let mut z = 0.0;
        for j in 0..FEATURES {
            z += w[j] * x[i * FEATURES + j];
        }
        // ln(1 + e^z), without overflow: each branch is smooth, so are its derivatives.
        let softplus = if z > 0.0 { z + (-z).exp().ln_1p() } else { z.exp().ln_1p() };
        total += softplus - y[i] * z;
    }
    let mut norm = 0.0;
    for j in 0..FEATURES {
        norm += w[j] * w[j];
    }
    total / n as f64 + PENALTY * norm
}

/// 200 points spread over a square, labelled 1 above the line `y = 0.5 x − 0.2` and flipped
/// for every seventh point, so that the classes overlap.
fn data() -> (Vec<f64>, Vec<f64>) {
    let (mut x, mut y) = (Vec::new(), Vec::new());
    for i in 0..200 {
        let (a, b) = ((i as f64 * 0.37).sin() * 2.0, (i as f64 * 0.91).cos() * 2.0);
        let above = b > 0.5 * a - 0.2;
        x.extend([a, b, 1.0]);
        y.push(if above ^ (i % 7 == 0) { 1.0 } else { 0.0 });
    }
    (x, y)
}

fn run() -> Result<(), Box<dyn Error>> {
    let (x, y) = data();
    let problem = Objective::new(|w: &[f64]| loss(w, &x, &y), |w: &[f64]| loss_grad(w, &x, &y))
        .with_hvp(|w: &[f64], v: &[f64]| loss_hvp(w, &x, &y, v));
    let result = Executor::new(problem, Newton::<f64>::new())
        .configure(|s| s.param(vec![0.0; FEATURES]).max_iters(STEPS))
        .run()?;
    let state = result.state();
    let w = state.get_best_param().ok_or("Newton returned no parameters")?;
    let correct = (0..y.len())
        .filter(|&i| {
            let z: f64 = (0..FEATURES).map(|j| w[j] * x[i * FEATURES + j]).sum();
            (z > 0.0) == (y[i] > 0.5)
        })
        .count();
    // Newton's step solves the local quadratic model exactly: near the minimum each step
    // squares the error, so a handful of steps leave a gradient at rounding level.
    let (value, gradient) = loss_grad(w, &x, &y);
    let norm = gradient.iter().map(|g| g * g).sum::<f64>().sqrt();
    println!("after {STEPS} Newton steps: loss {value:.6}, gradient norm {norm:.1e}");
    println!("weights {:.4?}, training accuracy {:.1}%", w, 100.0 * correct as f64 / y.len() as f64);
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
