//! Digits: a two-layer perceptron learns the UCI handwritten digits (8×8 images, 1,797 of them).
//!
//! `cargo run --release --example digits`
//!
//! The model is a plain struct, the loss a plain `#[differentiable]` function, and a training
//! step is `loss_grad` then `opt.step`. It trains on a seeded 80% of the images, reports the
//! accuracy on the other 20%, and writes the trained weights and a plot of the training to
//! `models/`.

use backprop::data::{digits, standardize};
use backprop::layers::{Dense, relu, relu_vjp};
use backprop::loss::{softmax_cross_entropy, softmax_cross_entropy_vjp};
use backprop::optim::{Adam, Optimizer};
use backprop::rand::SeedableRng;
use backprop::rand::rngs::StdRng;
use backprop::train::{EpochStats, History, Progress, accuracy, check_finite};
use backprop::{Differentiable, Tensor, checkpoint, differentiable, plot};
use std::error::Error;

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

    /// Class scores for a batch of images (shape `[batch, 64]`).
    fn logits(&self, x: &Tensor) -> Tensor {
        self.out.forward(&relu(&self.hidden.forward(x)))
    }

    /// The fraction of `images` whose predicted class is the label.
    fn accuracy(&self, images: &Tensor, labels: &[usize]) -> f64 {
        accuracy(&self.logits(images).argmax_rows(), labels)
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

fn main() -> Result<(), Box<dyn Error>> {
    let (mut train, mut test) = digits::load_default()?.split(0.2, SEED);
    standardize(&mut train, &mut test)?;
    println!("digits: {} training images, {} held out", train.len(), test.len());

    let mut rng = StdRng::seed_from_u64(SEED);
    let mut model = Mlp::new(&mut rng);
    let mut opt = Adam::new(1e-3).with_weight_decay(1e-4);
    let mut progress = Progress::new(EPOCHS, train.batch_count(BATCH));
    let mut history = History::default();
    let mut step = 0;
    for epoch in 0..EPOCHS {
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

    std::fs::create_dir_all("models")?;
    checkpoint::save(&model, "models/digits_mlp.safetensors")?;
    plot::history(&history, "models/digits_mlp.svg")?;
    println!("saved models/digits_mlp.safetensors and the training plot models/digits_mlp.svg");
    println!("test accuracy: {:.3}", model.accuracy(&test.inputs, &test.labels));
    Ok(())
}
