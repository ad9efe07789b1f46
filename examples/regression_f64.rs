//! Regression in `f64`: a sum of bumps fitted to a smooth curve with `Tensor64` data and `Trainer`.
//!
//! `cargo run --release --example regression_f64`
//!
//! The layers are `f32`, so the model here is written out: a weighted sum of Gaussian bumps
//! at fixed centres, whose loss is a plain `#[differentiable]` function over `&Tensor64`. The
//! data set (`Dataset::regression` of two `Tensor64`s), the training loop, the checkpoint
//! (dtype `F64`) and the plot are the ones the `f32` examples use.

use backprop::data::Dataset;
use backprop::error::Report;
use backprop::optim::Adam;
use backprop::train::Trainer;
use backprop::{Differentiable, Tensor64, checkpoint, differentiable, plot};
use std::error::Error;
use std::process::ExitCode;

/// Bumps, evenly spaced over the inputs' range `[-3, 3]`.
const BUMPS: usize = 13;
/// Width of each bump: the spacing of their centres.
const WIDTH: f64 = 0.5;
const EPOCHS: usize = 300;

/// `y = b + Σₖ wₖ exp(−(x − cₖ)² / 2σ²)` with fixed centres `cₖ`.
#[derive(Differentiable, Clone)]
struct Bumps {
    /// One weight per bump, shape `[BUMPS]`, initialised to 0.
    w: Tensor64,
    /// The offset, initialised to 0.
    b: f64,
}

/// The centre of bump `k`.
fn centre(k: usize) -> f64 {
    -3.0 + k as f64 * WIDTH
}

impl Bumps {
    /// The predictions for a batch of inputs (shape `[batch, 1]`).
    fn predict(&self, x: &Tensor64) -> backprop::Result<Tensor64> {
        let value = |x: f64| self.b + (0..BUMPS).map(|k| self.w.data[k] * bump(x, k)).sum::<f64>();
        Ok(Tensor64::from_fn(&x.shape, |i| value(x.data[i])))
    }
}

fn bump(x: f64, k: usize) -> f64 {
    (-(x - centre(k)).powi(2) / (2.0 * WIDTH * WIDTH)).exp()
}

/// Mean squared error of the predictions, in `f64`.
#[differentiable(wrt(model))]
#[allow(clippy::needless_range_loop, reason = "index loops are what the macro differentiates")]
fn loss(model: &Bumps, x: &Tensor64, y: &Tensor64) -> f64 {
    let n = x.data.len();
    let mut total = 0.0;
    for i in 0..n {
        let mut prediction = model.b;
        for k in 0..BUMPS {
            prediction += model.w.data[k] * bump(x.data[i], k);
        }
        total += (prediction - y.data[i]).powi(2);
    }
    total / n as f64
}

/// The curve to learn: smooth, so that a sum of bumps can follow it closely.
fn curve(x: f64) -> f64 {
    (1.5 * x).sin() * (-0.1 * x * x).exp() + 0.2 * x
}

/// `n` evenly spaced points of `[-3, 3]`, shifted by `offset` of a step, with exact targets.
fn samples(n: usize, offset: f64) -> backprop::Result<Dataset<Tensor64, f64>> {
    let x = Tensor64::from_fn(&[n, 1], |i| -3.0 + 6.0 * (i as f64 + offset) / n as f64);
    let y = Tensor64::from_fn(&[n, 1], |i| curve(x.data[i]));
    Dataset::regression(x, y)
}

fn run() -> Result<(), Box<dyn Error>> {
    let (train, test) = (samples(600, 0.0)?, samples(150, 0.5)?);
    let mut model = Bumps { w: Tensor64::zeros(&[BUMPS]), b: 0.0 };
    let mut trainer = Trainer::new(&train, EPOCHS, 50).test_set(&test).seed(1).decay_learning_rate(200, 0.1);
    let trained =
        trainer.fit(&mut model, &mut Adam::new(0.02), Bumps::predict, |m, b| loss_grad(m, &b.inputs, &b.targets));
    plot::history(trainer.history(), "models/regression_f64.svg")?;
    trained?;
    checkpoint::save(&model, "models/regression_f64.safetensors")?;

    println!("saved models/regression_f64.safetensors (F64 tensors) and the plot models/regression_f64.svg");
    if let Some(error) = trainer.history().epochs.last().and_then(|e| e.test_loss) {
        println!("test mean squared error: {error:.3e}");
    }
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
