//! Digits CNN: a small convolutional network on the same 8×8 digits as `digits`.
//!
//! `cargo run --release --example digits_cnn`
//!
//! Two 3×3 convolutions with ReLU and 2×2 max-pooling, then two dense layers. The layers'
//! gradients are the ones the macro generated from their forward passes (the matrix products
//! inside them excepted, which use a tuned kernel and a hand-written pullback).

use backprop::data::digits;
use backprop::layers::*;
use backprop::loss::{softmax_cross_entropy, softmax_cross_entropy_vjp};
use backprop::optim::{Adam, Optimizer};
use backprop::rand::SeedableRng;
use backprop::rand::rngs::StdRng;
use backprop::train::{EpochStats, History, Progress, accuracy, check_finite};
use backprop::{Differentiable, Tensor, checkpoint, differentiable, plot};
use std::error::Error;

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

    /// Class scores for images of shape `[batch, 1, 8, 8]`.
    fn logits(&self, images: &Tensor) -> Tensor {
        let a = max_pool2d(&relu(&self.conv1.forward(images)), 2);
        let b = max_pool2d(&relu(&self.conv2.forward(&a)), 2);
        let h = relu(&self.hidden.forward(&flatten(&b)));
        self.out.forward(&h)
    }

    fn accuracy(&self, images: &Tensor, labels: &[usize]) -> f64 {
        accuracy(&self.logits(images).argmax_rows(), labels)
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

fn main() -> Result<(), Box<dyn Error>> {
    let data = digits::load_default()?;
    let (mut train, mut test) = data.split(0.2, SEED);
    // Pixels count ink from 0 to 16: scale to [0, 1] and view each row as a 1×8×8 image.
    train.scale(1.0 / 16.0);
    test.scale(1.0 / 16.0);
    let (train, test) = (train.into_images(1, 8, 8)?, test.into_images(1, 8, 8)?);
    println!("digits: {} training images, {} held out", train.len(), test.len());

    let mut rng = StdRng::seed_from_u64(SEED);
    let mut model = Cnn::new(&mut rng);
    let mut opt = Adam::new(2e-3).with_weight_decay(1e-4);
    let mut progress = Progress::new(EPOCHS, train.batch_count(BATCH));
    let mut history = History::default();
    let mut step = 0;
    for epoch in 0..EPOCHS {
        if epoch == EPOCHS * 2 / 3 {
            opt.set_learning_rate(opt.learning_rate() / 4.0);
        }
        for batch in train.batches(BATCH, &mut rng) {
            let (value, grad) = loss_grad(&model, &batch.inputs, &batch.labels);
            check_finite(value, step, epoch)?;
            opt.step(&mut model, &grad);
            progress.step(value);
            step += 1;
        }
        let stats = EpochStats {
            train_loss: progress.epoch_loss(),
            train_accuracy: model.accuracy(&train.inputs, &train.labels),
            test_accuracy: model.accuracy(&test.inputs, &test.labels),
            test_loss: Some(f64::from(loss(&model, &test.inputs, &test.labels))),
            seconds: progress.epoch_seconds(),
        };
        progress.finish_epoch(stats);
        history.record_epoch(stats);
    }
    drop(progress);

    checkpoint::save(&model, "models/digits_cnn.safetensors")?;
    plot::history(&history, "models/digits_cnn.svg")?;
    println!("saved models/digits_cnn.safetensors and the training plot models/digits_cnn.svg");
    println!("test accuracy: {:.3}", model.accuracy(&test.inputs, &test.labels));
    Ok(())
}
