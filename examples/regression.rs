//! Regression: a small network learns a curve from noisy samples, with float targets and `mse`.
//!
//! `cargo run --release --example regression`
//!
//! The data set holds a float target per example (`Dataset::regression`), the loss is the
//! mean squared error, and the training loop and plot are the ones the classifiers use: the
//! history has no accuracy, and the plot no accuracy panel.

use backprop::data::Dataset;
use backprop::error::Report;
use backprop::layers::*;
use backprop::loss::*;
use backprop::optim::Adam;
use backprop::rand::SeedableRng;
use backprop::rand::rngs::StdRng;
use backprop::train::Trainer;
use backprop::{Differentiable, Tensor, differentiable, init, plot};
use std::error::Error;
use std::process::ExitCode;

/// 1 input → 32 hidden units (tanh) → 1 output.
#[derive(Differentiable, Clone)]
struct Net {
    hidden: Dense,
    out: Dense,
}

impl Net {
    /// The predictions for a batch of inputs (shape `[batch, 1]`), checked layer by layer.
    fn predict(&self, x: &Tensor) -> backprop::Result<Tensor> {
        self.out.try_forward(&tanh(&self.hidden.try_forward(x)?))
    }
}

/// Mean squared error of the predictions: the function whose gradient trains the network.
#[differentiable(wrt(net))]
fn loss(net: &Net, x: &Tensor, y: &Tensor) -> f32 {
    let hidden = tanh(&net.hidden.forward_input(x));
    mse(&net.out.forward(&hidden), y)
}

/// The curve to learn.
fn curve(x: f32) -> f32 {
    (2.0 * x).sin() + 0.3 * x
}

/// Standard deviation of the noise on the samples: a perfect fit has a test error of its
/// square, 0.01.
const NOISE: f64 = 0.1;
const EPOCHS: usize = 400;
const BATCH: usize = 32;
const SEED: u64 = 7;

/// `n` points `x` in `[-3, 3]`, with targets `curve(x)` plus noise.
fn samples(n: usize, rng: &mut StdRng) -> backprop::Result<Dataset<Tensor>> {
    let x = init::uniform(&[n, 1], -3.0, 3.0, rng);
    let noise = init::normal(&[n, 1], 0.0, NOISE, rng);
    let y = Tensor::from_fn(&[n, 1], |i| curve(x.data[i]) + noise.data[i]);
    Dataset::regression(x, y)
}

fn run() -> Result<(), Box<dyn Error>> {
    let mut rng = StdRng::seed_from_u64(SEED);
    let (train, test) = (samples(512, &mut rng)?, samples(128, &mut rng)?);
    // He-normal first weights (std 1.4 for one input) spread the tanh units over the inputs.
    let mut net = Net { hidden: Dense::new(1, 32, &mut rng), out: Dense::xavier(32, 1, &mut rng) };
    let mut trainer = Trainer::new(&train, EPOCHS, BATCH).test_set(&test).seed(SEED).decay_learning_rate(300, 0.2);
    let trained = trainer
        .fit(&mut net, &mut Adam::new(1e-2), Net::predict, |net, batch| loss_grad(net, &batch.inputs, &batch.targets));
    // The plot is written for a run that stopped early too: it shows where it went wrong.
    plot::history(trainer.history(), "models/regression.svg")?;
    trained?;

    let grid = Tensor::from_fn(&[7, 1], |i| i as f32 - 3.0);
    let predictions = net.predict(&grid)?;
    println!("{:>5}  {:>8}  {:>10}", "x", "curve", "prediction");
    for (x, p) in grid.data.iter().zip(&predictions.data) {
        println!("{x:>5.1}  {:>8.3}  {p:>10.3}", curve(*x));
    }
    println!("saved the training plot models/regression.svg");
    if let Some(error) = trainer.history().epochs.last().and_then(|e| e.test_loss) {
        println!("test mean squared error: {error:.4} (the noise alone gives {:.4})", NOISE * NOISE);
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
