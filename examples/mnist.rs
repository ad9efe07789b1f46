//! MNIST: a LeNet-style convolutional network on the 60,000 + 10,000 handwritten digits.
//!
//! `cargo run --release --example mnist -- [folder]`
//!
//! The folder holds the four standard IDX files (`train-images-idx3-ubyte.gz`,
//! `train-labels-idx1-ubyte.gz`, `t10k-images-idx3-ubyte.gz`, `t10k-labels-idx1-ubyte.gz`);
//! without an argument the example looks in `$MNIST_DIR`, then `../shared/data/mnist`, and
//! says which files it needs when they are missing. The files are not part of the repository.

use backprop::data::mnist;
use backprop::layers::*;
use backprop::loss::{softmax_cross_entropy, softmax_cross_entropy_vjp};
use backprop::optim::{Adam, Optimizer};
use backprop::rand::SeedableRng;
use backprop::rand::rngs::StdRng;
use backprop::train::{EpochStats, History, Progress, accuracy, check_finite};
use backprop::{Dataset, Differentiable, Tensor, checkpoint, differentiable, plot};
use std::error::Error;
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

    /// Class scores for images of shape `[batch, 1, 28, 28]`.
    fn logits(&self, images: &Tensor) -> Tensor {
        let a = max_pool2d(&relu(&self.conv1.forward(images)), 2);
        let b = max_pool2d(&relu(&self.conv2.forward(&a)), 2);
        let c = relu(&self.fc1.forward(&flatten(&b)));
        let d = relu(&self.fc2.forward(&c));
        self.out.forward(&d)
    }

    /// Accuracy on a data set, evaluated in batches to bound memory.
    fn accuracy(&self, data: &Dataset) -> f64 {
        let mut predicted = Vec::with_capacity(data.len());
        for batch in data.batches_in_order(1000) {
            predicted.extend(self.logits(&batch.inputs).argmax_rows());
        }
        accuracy(&predicted, &data.labels)
    }
}

/// The training loss. It spells out the layers rather than calling `logits`: in `loss_grad`
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

fn main() -> Result<(), Box<dyn Error>> {
    let folder = mnist::find(std::env::args().nth(1).as_deref())?;
    let (train, test) = mnist::load(&folder)?;
    println!("mnist: {} training images, {} test images, from {}", train.len(), test.len(), folder.display());

    // Training accuracy is measured on a fixed tenth of the training set, to keep epochs short.
    let train_sample = train.select(&(0..train.len()).step_by(10).collect::<Vec<_>>());
    let started = Instant::now();
    let mut rng = StdRng::seed_from_u64(SEED);
    let mut model = LeNet::new(&mut rng);
    let mut opt = Adam::new(1e-3);
    let mut progress = Progress::new(EPOCHS, train.batch_count(BATCH));
    let mut history = History::default();
    let mut step = 0;
    for epoch in 0..EPOCHS {
        if epoch + 2 == EPOCHS {
            opt.set_learning_rate(opt.learning_rate() / 5.0);
        }
        for batch in train.batches(BATCH, &mut rng) {
            let (value, grad) = loss_grad(&model, &batch.inputs, &batch.labels);
            check_finite(value, step, epoch)?;
            opt.step(&mut model, &grad);
            progress.step(value);
            step += 1;
        }
        let seconds = progress.epoch_seconds();
        let stats = EpochStats {
            train_loss: progress.epoch_loss(),
            train_accuracy: model.accuracy(&train_sample),
            test_accuracy: model.accuracy(&test),
            test_loss: None,
            seconds,
        };
        progress.finish_epoch(stats);
        history.record_epoch(stats);
    }
    drop(progress);

    checkpoint::save(&model, "models/mnist_lenet.safetensors")?;
    plot::history(&history, "models/mnist_lenet.svg")?;
    println!("{EPOCHS} epochs in {:.0} s", started.elapsed().as_secs_f64());
    println!("test accuracy: {:.4}", model.accuracy(&test));
    Ok(())
}
