//! The burn peer of backprop's `train_step` benchmark: one training step (forward, autodiff
//! backward, Adam update) of the MLPs 64-128-10 and 784-256-10 at batches 64 and 128, with
//! burn's Flex CPU backend, single-threaded (the `rayon` feature is off, so Flex and its
//! `gemm` run on the calling thread only).
//!
//! `cargo run --release` in this folder. Options: `--segments N` (default 10).
//!
//! Protocol, as in the Rust benchmark: segments of 200 steps, each from the initial weights
//! with a fresh Adam (lr 1e-3, β = (0.9, 0.999), ε = 1e-8), cycling through 8 seeded batches;
//! the first step of a segment (which allocates Adam's moments) is not timed. Each step is
//! timed on its own, up to reading the loss back (which waits for the step to finish), and the
//! table gives the median.

use burn::module::Module;
use burn::nn::loss::{CrossEntropyLoss, CrossEntropyLossConfig};
use burn::nn::{Initializer, Linear, LinearConfig};
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::tensor::activation::relu;
use burn::tensor::{Device, Distribution, Int, Tensor};
use std::time::Instant;

/// The learning rate of every step.
const LEARNING_RATE: f64 = 1e-3;
/// Steps per segment, the first untimed.
const SEGMENT: usize = 200;
/// Batches each segment cycles through.
const BATCHES: usize = 8;
const SEED: u64 = 42;

/// A network shape and a batch size.
#[derive(Clone, Copy)]
struct Config {
    inputs: usize,
    hidden: usize,
    classes: usize,
    batch: usize,
}

const CONFIGS: [Config; 4] = [
    Config { inputs: 64, hidden: 128, classes: 10, batch: 64 },
    Config { inputs: 64, hidden: 128, classes: 10, batch: 128 },
    Config { inputs: 784, hidden: 256, classes: 10, batch: 64 },
    Config { inputs: 784, hidden: 256, classes: 10, batch: 128 },
];

/// Inputs → hidden (ReLU) → classes.
#[derive(Module, Debug)]
struct Mlp {
    hidden: Linear,
    out: Linear,
}

impl Mlp {
    /// He-normal hidden weights, Xavier-uniform output weights, as in the Rust benchmark.
    fn new(config: Config, device: &Device) -> Mlp {
        let he = Initializer::KaimingNormal { gain: 2f64.sqrt(), fan_out_only: false };
        let xavier = Initializer::XavierUniform { gain: 1.0 };
        Mlp {
            hidden: LinearConfig::new(config.inputs, config.hidden).with_initializer(he).init(device),
            out: LinearConfig::new(config.hidden, config.classes).with_initializer(xavier).init(device),
        }
    }

    fn logits(&self, x: Tensor<2>) -> Tensor<2> {
        self.out.forward(relu(self.hidden.forward(x)))
    }
}

/// Standard-normal inputs and uniform integer labels.
struct Batch {
    x: Tensor<2>,
    labels: Tensor<1, Int>,
}

impl Batch {
    fn new(config: Config, device: &Device) -> Batch {
        let x = Tensor::random([config.batch, config.inputs], Distribution::Normal(0.0, 1.0), device);
        let labels = Tensor::random([config.batch], Distribution::Uniform(0.0, config.classes as f64), device);
        Batch { x, labels }
    }
}

/// A model, its optimiser and the loss.
struct Trainer {
    model: Mlp,
    opt: ModuleOptimizer,
    loss: CrossEntropyLoss,
}

impl Trainer {
    fn new(model: Mlp, device: &Device) -> Trainer {
        let opt = AdamConfig::new().with_beta_1(0.9).with_beta_2(0.999).with_epsilon(1e-8).init();
        Trainer { model, opt, loss: CrossEntropyLossConfig::new().init(device) }
    }

    /// One step: forward, backward, Adam. Returns the loss before the update; reading it back
    /// waits for the step to finish.
    fn step(&mut self, batch: &Batch) -> f32 {
        let logits = self.model.logits(batch.x.clone());
        let loss = self.loss.forward(logits, batch.labels.clone());
        let grads = GradientsParams::from_grads(loss.backward(), &self.model);
        // `step` takes the model by value: swap it out for a clone (cheap: tensors are shared).
        let model = self.model.clone();
        self.model = self.opt.step(LEARNING_RATE, model, grads);
        loss.into_scalar::<f32>()
    }
}

/// Median seconds per step over `segments` segments.
fn median_step(config: Config, segments: usize, device: &Device) -> (f64, f32) {
    let initial = Mlp::new(config, device);
    let batches: Vec<Batch> = (0..BATCHES).map(|_| Batch::new(config, device)).collect();
    let mut times = Vec::with_capacity(segments * (SEGMENT - 1));
    let mut last = 0.0;
    for _ in 0..segments {
        let mut trainer = Trainer::new(initial.clone(), device);
        trainer.step(&batches[0]);
        for i in 1..SEGMENT {
            let start = Instant::now();
            last = trainer.step(&batches[i % BATCHES]);
            times.push(start.elapsed().as_secs_f64());
        }
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], last)
}

fn format_time(seconds: f64) -> String {
    if seconds >= 1e-3 { format!("{:.3} ms", seconds * 1e3) } else { format!("{:.1} µs", seconds * 1e6) }
}

fn segments_option() -> usize {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().position(|a| a == "--segments") {
        Some(i) => args.get(i + 1).and_then(|n| n.parse().ok()).expect("--segments N"),
        None => 10,
    }
}

fn main() {
    let segments = segments_option();
    let device = Device::flex().autodiff();
    device.seed(SEED);
    println!("burn 0.22 (Flex backend, autodiff, simd, no rayon: one thread), f32");
    println!("median of {} timed steps per configuration\n", segments * (SEGMENT - 1));
    println!("| configuration | burn step | loss at the end of a segment |");
    println!("|---|---:|---:|");
    for config in CONFIGS {
        let (seconds, loss) = median_step(config, segments, &device);
        let label = format!("{}-{}-{}, batch {}", config.inputs, config.hidden, config.classes, config.batch);
        println!("| {label} | {} | {loss:.4} |", format_time(seconds));
    }
}
