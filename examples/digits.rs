//! Digits: a two-layer perceptron learns the UCI handwritten digits (8×8 images, 1,797 of them).
//!
//! `cargo run --release --example digits`
//!
//! The model is a plain struct, the loss a plain `#[differentiable]` function, and a training
//! step is `loss_grad` then `opt.step`, run by the runtime's `Trainer`. It trains on a seeded
//! 80% of the images, reports the accuracy on the other 20%, and writes the trained weights
//! and a plot of the training to `models/`.

use backprop::data::{digits, standardize};
use backprop::error::Report;
use backprop::layers::*;
use backprop::loss::*;
use backprop::optim::Adam;
use backprop::rand::SeedableRng;
use backprop::rand::rngs::StdRng;
use backprop::train::Trainer;
use backprop::{Differentiable, Result, Tensor, checkpoint, differentiable, plot};
use std::error::Error;
use std::process::ExitCode;

/// 64 pixels → 256 hidden units (ReLU) → 10 classes.
#[derive(Differentiable, Clone)]
struct Mlp {
    hidden: Dense,
    out: Dense,
}

impl Mlp {
    fn new(rng: &mut StdRng) -> Mlp {
        Mlp { hidden: Dense::new(64, 256, rng), out: Dense::xavier(256, 10, rng) }
    }

    /// Class scores for a batch of images (shape `[batch, 64]`), each layer checking its input.
    fn logits(&self, x: &Tensor) -> Result<Tensor> {
        self.out.try_forward(&relu(&self.hidden.try_forward(x)?))
    }
}

/// Mean cross-entropy of the model's predictions: the function whose gradient trains it.
#[differentiable(wrt(model))]
fn loss(model: &Mlp, images: &Tensor, labels: &[usize]) -> f32 {
    let hidden = relu(&model.hidden.forward_input(images));
    let logits = model.out.forward(&hidden);
    softmax_cross_entropy(&logits, labels)
}

const EPOCHS: usize = 40;
const BATCH: usize = 32;
const SEED: u64 = 42;

fn run() -> std::result::Result<(), Box<dyn Error>> {
    let (mut train, mut test) = digits::load_default()?.split(0.2, SEED);
    standardize(&mut train, &mut test)?;
    println!("digits: {} training images, {} held out", train.len(), test.len());

    let mut model = Mlp::new(&mut StdRng::seed_from_u64(SEED));
    let mut opt = Adam::new(1e-3).with_weight_decay(1e-4);
    let mut trainer = Trainer::new(&train, EPOCHS, BATCH).test_set(&test).seed(SEED);
    let trained =
        trainer.fit(&mut model, &mut opt, Mlp::logits, |model, batch| loss_grad(model, &batch.inputs, &batch.targets));
    // The plot is written for a run that stopped early too: it shows where it went wrong.
    plot::history(trainer.history(), "models/digits_mlp.svg")?;
    trained?;

    checkpoint::save(&model, "models/digits_mlp.safetensors")?;
    println!("saved models/digits_mlp.safetensors and the training plot models/digits_mlp.svg");
    if let Some(accuracy) = trainer.history().epochs.last().and_then(|e| e.test_accuracy) {
        println!("test accuracy: {accuracy:.3}");
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
