//! MNIST: a LeNet-style convolutional network on the 60,000 + 10,000 handwritten digits.
//!
//! `cargo run --release --example mnist -- [folder]`
//!
//! The folder holds the four standard IDX files (`train-images-idx3-ubyte.gz`,
//! `train-labels-idx1-ubyte.gz`, `t10k-images-idx3-ubyte.gz`, `t10k-labels-idx1-ubyte.gz`);
//! without an argument the example looks in `$MNIST_DIR`, then `../shared/data/mnist`, and
//! says which files it needs when they are missing. The files are not part of the repository.

use backprop::data::mnist;
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
use std::time::Instant;

/// LeNet-5: conv 5×5 1→6 (padded) → pool → conv 5×5 6→16 → pool → 400 → 120 → 84 → 10.
#[derive(Differentiable, Clone)]
struct LeNet {
    conv1: Conv2d,
    conv2: Conv2d,
    fc1: Dense,
    fc2: Dense,
    out: Dense,
}

impl LeNet {
    fn new(rng: &mut StdRng) -> LeNet {
        LeNet {
            conv1: Conv2d::new(1, 6, 5, 1, 2, rng),
            conv2: Conv2d::new(6, 16, 5, 1, 0, rng),
            fc1: Dense::new(16 * 5 * 5, 120, rng),
            fc2: Dense::new(120, 84, rng),
            out: Dense::xavier(84, 10, rng),
        }
    }

    /// Class scores for images of shape `[batch, 1, 28, 28]`, each layer checking its input.
    fn logits(&self, images: &Tensor) -> Result<Tensor> {
        let a = try_max_pool2d(&relu(&self.conv1.try_forward(images)?), 2)?;
        let b = try_max_pool2d(&relu(&self.conv2.try_forward(&a)?), 2)?;
        let c = relu(&self.fc1.try_forward(&flatten(&b))?);
        let d = relu(&self.fc2.try_forward(&c)?);
        self.out.try_forward(&d)
    }
}

/// The training loss. It spells out the layers rather than calling `logits` (which returns a
/// `Result`, and checks shapes the training loop checked once before the first step): in `loss_grad`
/// every layer's pullback is kept until the reverse sweep, whereas behind a call to a
/// differentiable `logits`, layers that borrow its locals would be evaluated again (see the
/// README's limitations).
#[differentiable(wrt(model))]
fn loss(model: &LeNet, images: &Tensor, labels: &[usize]) -> f32 {
    let a = max_pool2d(&relu(&model.conv1.forward(images)), 2);
    let b = max_pool2d(&relu(&model.conv2.forward(&a)), 2);
    let c = relu(&model.fc1.forward(&flatten(&b)));
    let d = relu(&model.fc2.forward(&c));
    softmax_cross_entropy(&model.out.forward(&d), labels)
}

const EPOCHS: usize = 6;
const BATCH: usize = 64;
const SEED: u64 = 42;

fn run() -> std::result::Result<(), Box<dyn Error>> {
    let folder = mnist::find(std::env::args().nth(1).as_deref())?;
    let (train, test) = mnist::load(&folder)?;
    println!("mnist: {} training images, {} test images, from {}", train.len(), test.len(), folder.display());

    let started = Instant::now();
    let mut model = LeNet::new(&mut StdRng::seed_from_u64(SEED));
    let mut opt = Adam::new(1e-3);
    // Training accuracy on a tenth of the training set and no test loss, to keep epochs short.
    let mut trainer = Trainer::new(&train, EPOCHS, BATCH)
        .test_set(&test)
        .seed(SEED)
        .train_accuracy_sample(10)
        .test_loss(false)
        .decay_learning_rate(EPOCHS - 2, 0.2);
    let trained = trainer
        .fit(&mut model, &mut opt, LeNet::logits, |model, batch| loss_grad(model, &batch.inputs, &batch.targets));
    plot::history(trainer.history(), "models/mnist_lenet.svg")?;
    trained?;

    checkpoint::save(&model, "models/mnist_lenet.safetensors")?;
    println!("{EPOCHS} epochs in {:.0} s", started.elapsed().as_secs_f64());
    if let Some(accuracy) = trainer.history().epochs.last().and_then(|e| e.test_accuracy) {
        println!("test accuracy: {accuracy:.4}");
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
