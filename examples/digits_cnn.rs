//! Digits CNN: a small convolutional network on the same 8×8 digits as `digits`.
//!
//! `cargo run --release --example digits_cnn`
//!
//! Two 3×3 convolutions with ReLU and 2×2 max-pooling, then two dense layers. The layers'
//! gradients are the ones the macro generated from their forward passes (the matrix products
//! inside them excepted, which use a tuned kernel and a hand-written pullback).

use backprop::data::digits;
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

/// conv 1→16 → pool → conv 16→32 → pool → dense 128→64 → dense 64→10.
#[derive(Differentiable, Clone)]
struct Cnn {
    conv1: Conv2d,
    conv2: Conv2d,
    hidden: Dense,
    out: Dense,
}

impl Cnn {
    fn new(rng: &mut StdRng) -> Cnn {
        Cnn {
            conv1: Conv2d::new(1, 16, 3, 1, 1, rng),
            conv2: Conv2d::new(16, 32, 3, 1, 1, rng),
            hidden: Dense::new(32 * 2 * 2, 64, rng),
            out: Dense::xavier(64, 10, rng),
        }
    }

    /// Class scores for images of shape `[batch, 1, 8, 8]`, each layer checking its input.
    fn logits(&self, images: &Tensor) -> Result<Tensor> {
        let a = try_max_pool2d(&relu(&self.conv1.try_forward(images)?), 2)?;
        let b = try_max_pool2d(&relu(&self.conv2.try_forward(&a)?), 2)?;
        let h = relu(&self.hidden.try_forward(&flatten(&b))?);
        self.out.try_forward(&h)
    }
}

/// The training loss, with the layers spelled out so that `loss_grad` keeps every layer's
/// pullback (see `examples/mnist.rs`).
#[differentiable(wrt(model))]
fn loss(model: &Cnn, images: &Tensor, labels: &[usize]) -> f32 {
    let a = max_pool2d(&relu(&model.conv1.forward(images)), 2);
    let b = max_pool2d(&relu(&model.conv2.forward(&a)), 2);
    let h = relu(&model.hidden.forward(&flatten(&b)));
    softmax_cross_entropy(&model.out.forward(&h), labels)
}

const EPOCHS: usize = 30;
const BATCH: usize = 32;
const SEED: u64 = 42;

fn run() -> std::result::Result<(), Box<dyn Error>> {
    let data = digits::load_default()?;
    let (mut train, mut test) = data.split(0.2, SEED);
    // Pixels count ink from 0 to 16: scale to [0, 1] and view each row as a 1×8×8 image.
    train.scale(1.0 / 16.0);
    test.scale(1.0 / 16.0);
    let (train, test) = (train.into_images(1, 8, 8)?, test.into_images(1, 8, 8)?);
    println!("digits: {} training images, {} held out", train.len(), test.len());

    let mut model = Cnn::new(&mut StdRng::seed_from_u64(SEED));
    let mut opt = Adam::new(2e-3).with_weight_decay(1e-4);
    let mut trainer =
        Trainer::new(&train, EPOCHS, BATCH).test_set(&test).seed(SEED).decay_learning_rate(EPOCHS * 2 / 3, 0.25);
    let trained =
        trainer.fit(&mut model, &mut opt, Cnn::logits, |model, batch| loss_grad(model, &batch.inputs, &batch.targets));
    plot::history(trainer.history(), "models/digits_cnn.svg")?;
    trained?;

    checkpoint::save(&model, "models/digits_cnn.safetensors")?;
    println!("saved models/digits_cnn.safetensors and the training plot models/digits_cnn.svg");
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
