//! One training step of a two-layer perceptron (dense → ReLU → dense → softmax cross-entropy),
//! with the gradient `#[differentiable]` generates and with a backward pass written by hand.
//!
//! A third step is the generated one split across the machine's threads
//! ([`backprop::parallel::grad`]: the batch cut into one part per thread, the gradients
//! summed).
//!
//! All steps end in the same optimiser: the runtime's [`Adam`] (lr 1e-3), applied to a model
//! of the same type, so the update arithmetic (and its cost) is identical and the comparison
//! isolates the gradient. The hand-written pass is the one a careful person would write: the
//! same `sgemm` kernel as the runtime (`matrixmultiply`), every buffer allocated once, the
//! bias folded into the product's output, the loss and its gradient in one sweep over the
//! logits, and no gradient for the input batch.

use backprop::data::Dataset;
use backprop::layers::*;
use backprop::loss::*;
use backprop::optim::{Adam, Optimizer};
use backprop::rand::rngs::StdRng;
use backprop::rand::{RngExt, SeedableRng};
use backprop::{Differentiable, Tensor, differentiable};
use backprop::{init, parallel};
use std::time::{Duration, Instant};

/// The learning rate of every step.
pub const LEARNING_RATE: f64 = 1e-3;

/// A network shape and a batch size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// Input features.
    pub inputs: usize,
    /// Hidden units.
    pub hidden: usize,
    /// Classes.
    pub classes: usize,
    /// Examples per batch.
    pub batch: usize,
}

impl Config {
    /// `784-256-10, batch 128`: how the configuration appears in tables.
    pub fn label(&self) -> String {
        format!("{}-{}-{}, batch {}", self.inputs, self.hidden, self.classes, self.batch)
    }

    /// `784x256x10_b128`: a name criterion can use as a folder.
    pub fn id(&self) -> String {
        format!("{}x{}x{}_b{}", self.inputs, self.hidden, self.classes, self.batch)
    }
}

/// The four configurations measured: two networks, two batch sizes.
pub const CONFIGS: [Config; 4] = [
    Config { inputs: 64, hidden: 128, classes: 10, batch: 64 },
    Config { inputs: 64, hidden: 128, classes: 10, batch: 128 },
    Config { inputs: 784, hidden: 256, classes: 10, batch: 64 },
    Config { inputs: 784, hidden: 256, classes: 10, batch: 128 },
];

/// The seed of the weights and of the batches.
pub const SEED: u64 = 42;

/// Inputs → hidden (ReLU) → classes.
#[derive(Differentiable, Clone, Debug, PartialEq)]
pub struct Mlp {
    /// The hidden layer, followed by a ReLU.
    pub hidden: Dense,
    /// The output layer, whose outputs are the logits.
    pub out: Dense,
}

impl Mlp {
    /// He-normal hidden weights, Xavier-uniform output weights (as the digits example), and
    /// small random biases rather than zeros, so that the bias gradients are checked on
    /// values that matter.
    pub fn new(config: Config, seed: u64) -> Mlp {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut hidden = Dense::new(config.inputs, config.hidden, &mut rng);
        let mut out = Dense::xavier(config.hidden, config.classes, &mut rng);
        init::fill_uniform(&mut hidden.b.data, -0.1, 0.1, &mut rng);
        init::fill_uniform(&mut out.b.data, -0.1, 0.1, &mut rng);
        Mlp { hidden, out }
    }

    /// A zero model of the same shape: the gradient buffers of [`HandWritten`].
    pub fn zeros_like(&self) -> Mlp {
        let zeros = |t: &Tensor| Tensor::zeros(&t.shape);
        Mlp {
            hidden: Dense { w: zeros(&self.hidden.w), b: zeros(&self.hidden.b) },
            out: Dense { w: zeros(&self.out.w), b: zeros(&self.out.b) },
        }
    }
}

/// Mean softmax cross-entropy of the model on a batch: the function whose generated gradient
/// is measured.
#[differentiable(wrt(model))]
pub fn loss(model: &Mlp, images: &Tensor, labels: &[usize]) -> f32 {
    let hidden = relu(&model.hidden.forward_input(images));
    let logits = model.out.forward(&hidden);
    softmax_cross_entropy(&logits, labels)
}

/// A batch of inputs (shape `[batch, inputs]`) with one integer label per row.
#[derive(Clone, Debug)]
pub struct Batch {
    /// Standard-normal inputs.
    pub x: Tensor,
    /// Labels drawn uniformly from the classes.
    pub labels: Vec<usize>,
    /// The same examples as a data set, which the parallel step splits.
    pub set: Dataset,
}

impl Batch {
    /// A seeded batch for `config`.
    pub fn new(config: Config, seed: u64) -> Batch {
        let mut rng = StdRng::seed_from_u64(seed);
        let x = init::normal(&[config.batch, config.inputs], 0.0, 1.0, &mut rng);
        let labels: Vec<usize> = (0..config.batch).map(|_| rng.random_range(0..config.classes)).collect();
        let set = Dataset::new(x.clone(), labels.clone(), config.classes)
            .unwrap_or_else(|e| panic!("the labels are drawn below the classes: {e}"));
        Batch { x, labels, set }
    }
}

/// A model with its optimiser, taking one training step at a time.
pub trait Trainer {
    /// One step on `batch`: forward, backward, Adam update. Returns the loss before the update.
    fn step(&mut self, batch: &Batch) -> f32;

    /// The model as trained so far.
    fn model(&self) -> &Mlp;
}

/// Steps per training segment: every segment starts again from the initial model.
///
/// A long run on a few random batches memorises them: the loss reaches exactly 0, the
/// gradients vanish, and Adam's moments decay through subnormal floats, which are slow on x86
/// and would time something no real training does. 200 steps stay in the regime of a real
/// run: the loss falls from about 3 to about 1.3–1.6 (64-128-10) or 0.008–0.013 (784-256-10).
pub const SEGMENT: u64 = 200;

/// Batches cycled through by every segment.
pub const BATCHES: u64 = 8;

/// The seeded batches every trainer cycles through, for `config`.
pub fn batches(config: Config) -> Vec<Batch> {
    (0..BATCHES).map(|i| Batch::new(config, SEED + 1 + i)).collect()
}

/// Training in segments of [`SEGMENT`] steps, each from the same initial model with a fresh
/// optimiser, timing the steps only.
pub struct Segments<T, F> {
    make: F,
    batches: Vec<Batch>,
    trainer: T,
    /// Steps taken in the current segment.
    taken: u64,
}

impl<T: Trainer, F: FnMut() -> T> Segments<T, F> {
    /// Segments of the trainers `make` builds (each from the initial model), on `batches`.
    pub fn new(mut make: F, batches: Vec<Batch>) -> Segments<T, F> {
        let trainer = start(&mut make, &batches);
        Segments { make, batches, trainer, taken: 1 }
    }

    /// The time `steps` training steps take, with the restarts between segments left out.
    pub fn time(&mut self, steps: u64) -> Duration {
        let mut total = Duration::ZERO;
        let mut left = steps;
        while left > 0 {
            if self.taken == SEGMENT {
                self.trainer = start(&mut self.make, &self.batches);
                self.taken = 1;
            }
            let run = left.min(SEGMENT - self.taken);
            let (trainer, batches) = (&mut self.trainer, &self.batches);
            let begin = Instant::now();
            for i in self.taken..self.taken + run {
                std::hint::black_box(trainer.step(&batches[(i % BATCHES) as usize]));
            }
            total += begin.elapsed();
            self.taken += run;
            left -= run;
        }
        total
    }
}

/// Median step times of the three steps measured in alternation, which a shared machine's
/// load affects alike (criterion measures one benchmark after the other, minutes apart).
#[derive(Clone, Copy, Debug)]
pub struct Alternated {
    /// Median seconds per step with the generated gradient.
    pub backprop: f64,
    /// Median seconds per step with the hand-written gradient.
    pub hand: f64,
    /// Median seconds per step with the generated gradient split across the threads.
    pub parallel: f64,
    /// Median over the rounds of generated / hand-written, each measured back to back.
    pub ratio: f64,
    /// Median over the rounds of generated / parallel: the parallel step's speed-up.
    pub speedup: f64,
}

/// Times `rounds` rounds of about `round_seconds` of steps of each trainer, rotating which
/// goes first.
pub fn alternate(config: Config, rounds: usize, round_seconds: f64) -> Alternated {
    let model = Mlp::new(config, SEED);
    let mut generated = Segments::new(|| Generated::new(model.clone()), batches(config));
    let mut hand = Segments::new(|| Hand::new(model.clone(), config.batch), batches(config));
    let mut parallel = Segments::new(|| Parallel::new(model.clone()), batches(config));
    let probe = hand.time(10).as_secs_f64() / 10.0;
    let steps = (round_seconds / probe).clamp(4.0, 1000.0) as u64;
    let per_step = |d: Duration| d.as_secs_f64() / steps as f64;
    let (mut g, mut h, mut p, mut r, mut s) = (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let mut times = [0.0; 3];
        for k in 0..3 {
            let which = (round + k) % 3;
            times[which] = per_step(match which {
                0 => generated.time(steps),
                1 => hand.time(steps),
                _ => parallel.time(steps),
            });
        }
        let [tg, th, tp] = times;
        g.push(tg);
        h.push(th);
        p.push(tp);
        r.push(tg / th);
        s.push(tg / tp);
    }
    Alternated { backprop: median(g), hand: median(h), parallel: median(p), ratio: median(r), speedup: median(s) }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// A new trainer that has taken its first step: the step that allocates Adam's moments,
/// which a real run takes once, so it is not timed.
fn start<T: Trainer>(make: &mut impl FnMut() -> T, batches: &[Batch]) -> T {
    let mut trainer = make();
    trainer.step(&batches[0]);
    trainer
}

/// A training step with the gradient `#[differentiable]` generated (`loss_grad`).
pub struct Generated {
    model: Mlp,
    opt: Adam,
}

impl Generated {
    /// Starts from `model`, with a fresh Adam.
    pub fn new(model: Mlp) -> Generated {
        Generated { model, opt: Adam::new(LEARNING_RATE) }
    }
}

impl Trainer for Generated {
    fn step(&mut self, batch: &Batch) -> f32 {
        let (value, grad) = loss_grad(&self.model, &batch.x, &batch.labels);
        self.opt.step(&mut self.model, &grad);
        value
    }

    fn model(&self) -> &Mlp {
        &self.model
    }
}

/// A training step with the generated gradient, the batch split across the machine's threads
/// ([`parallel::grad`]).
pub struct Parallel {
    model: Mlp,
    opt: Adam,
}

impl Parallel {
    /// Starts from `model`, with a fresh Adam.
    pub fn new(model: Mlp) -> Parallel {
        Parallel { model, opt: Adam::new(LEARNING_RATE) }
    }
}

impl Trainer for Parallel {
    fn step(&mut self, batch: &Batch) -> f32 {
        let step = |model: &Mlp, part: &Dataset| loss_grad(model, &part.inputs, &part.targets);
        let (value, grad) = parallel::grad(&self.model, &batch.set, step);
        self.opt.step(&mut self.model, &grad);
        value
    }

    fn model(&self) -> &Mlp {
        &self.model
    }
}

/// A training step with the hand-written gradient of [`HandWritten`].
pub struct Hand {
    model: Mlp,
    opt: Adam,
    pass: HandWritten,
}

impl Hand {
    /// Starts from `model`, with a fresh Adam and buffers for batches of `batch` rows.
    pub fn new(model: Mlp, batch: usize) -> Hand {
        let pass = HandWritten::new(&model, batch);
        Hand { model, opt: Adam::new(LEARNING_RATE), pass }
    }
}

impl Trainer for Hand {
    fn step(&mut self, batch: &Batch) -> f32 {
        let value = self.pass.gradient(&self.model, batch);
        self.opt.step(&mut self.model, &self.pass.grad);
        value
    }

    fn model(&self) -> &Mlp {
        &self.model
    }
}

/// The forward and backward pass of [`loss`] written by hand, with every buffer allocated
/// once for a batch size and reused by every step.
pub struct HandWritten {
    /// ReLU outputs, `[batch, hidden]`; also the ReLU's mask (an output is positive exactly
    /// where its input is).
    hidden: Vec<f32>,
    /// Logits, `[batch, classes]`, overwritten by their gradient.
    logits: Vec<f32>,
    /// Gradient of the ReLU outputs, then of its inputs, `[batch, hidden]`.
    d_hidden: Vec<f32>,
    /// The gradient of the last pass, shaped like the model.
    grad: Mlp,
}

impl HandWritten {
    /// Buffers for `model` and batches of `batch` rows.
    pub fn new(model: &Mlp, batch: usize) -> HandWritten {
        let (hidden, classes) = (model.hidden.b.len(), model.out.b.len());
        HandWritten {
            hidden: vec![0.0; batch * hidden],
            logits: vec![0.0; batch * classes],
            d_hidden: vec![0.0; batch * hidden],
            grad: model.zeros_like(),
        }
    }

    /// The gradient computed by the last [`gradient`](Self::gradient).
    pub fn grad(&self) -> &Mlp {
        &self.grad
    }

    /// The loss of `model` on `batch`, and its gradient with respect to the model into
    /// [`grad`](Self::grad).
    ///
    /// # Panics
    /// If the batch has another number of rows than the buffers were made for.
    pub fn gradient(&mut self, model: &Mlp, batch: &Batch) -> f32 {
        let rows = batch.labels.len();
        let (inputs, hidden, classes) = (model.hidden.w.shape[0], model.hidden.b.len(), model.out.b.len());
        assert_eq!(self.logits.len(), rows * classes, "HandWritten: buffers for another batch size");
        // Forward: h = relu(x·W1 + b1), z = h·W2 + b2.
        dense_forward(&batch.x.data, &model.hidden, (rows, inputs, hidden), &mut self.hidden);
        relu_in_place(&mut self.hidden);
        dense_forward(&self.hidden, &model.out, (rows, hidden, classes), &mut self.logits);
        // Backward: the logits become their gradient, then each layer in turn.
        let value = softmax_cross_entropy_backward(&mut self.logits, &batch.labels, classes);
        dense_backward(&self.hidden, &self.logits, (rows, hidden, classes), &mut self.grad.out);
        gemm(
            View::of(&self.logits, rows, classes),
            View::of(&model.out.w.data, hidden, classes).t(),
            &mut self.d_hidden,
        );
        relu_backward(&self.hidden, &mut self.d_hidden);
        dense_backward(&batch.x.data, &self.d_hidden, (rows, inputs, hidden), &mut self.grad.hidden);
        value
    }
}

/// `y = x·W + b` for `x` of `rows × inputs`, into `y` (`rows × outputs`).
fn dense_forward(x: &[f32], layer: &Dense, (rows, inputs, outputs): (usize, usize, usize), y: &mut [f32]) {
    // The bias goes in first and the product is added to it (β = 1), saving a pass over `y`.
    for row in y.chunks_exact_mut(outputs) {
        row.copy_from_slice(&layer.b.data);
    }
    gemm_acc(View::of(x, rows, inputs), View::of(&layer.w.data, inputs, outputs), 1.0, y);
}

/// `∂W = xᵀ·∂y` and `∂b = Σ_rows ∂y` into `grad`; no `∂x` (the caller computes it only
/// where it is needed).
fn dense_backward(x: &[f32], dy: &[f32], (rows, inputs, outputs): (usize, usize, usize), grad: &mut Dense) {
    gemm(View::of(x, rows, inputs).t(), View::of(dy, rows, outputs), &mut grad.w.data);
    column_sums(dy, outputs, &mut grad.b.data);
}

fn relu_in_place(x: &mut [f32]) {
    for v in x {
        *v = v.max(0.0);
    }
}

/// Zeroes the gradient where the ReLU's output is 0 (its input was not positive).
fn relu_backward(output: &[f32], d: &mut [f32]) {
    // A select, not a conditional store: it vectorises, and half the units are off at random,
    // so a branch would be mispredicted half the time.
    for (d, &y) in d.iter_mut().zip(output) {
        *d = if y > 0.0 { *d } else { 0.0 };
    }
}

/// `out[j] = Σ_r m[r][j]` for a row-major matrix of `cols` columns.
fn column_sums(m: &[f32], cols: usize, out: &mut [f32]) {
    out.fill(0.0);
    for row in m.chunks_exact(cols) {
        for (o, &v) in out.iter_mut().zip(row) {
            *o += v;
        }
    }
}

/// The mean softmax cross-entropy of `logits` (`rows × classes`) against `labels`; the logits
/// are overwritten by the loss's gradient, `(softmax − one-hot) / rows`.
fn softmax_cross_entropy_backward(logits: &mut [f32], labels: &[usize], classes: usize) -> f32 {
    let scale = 1.0 / labels.len() as f32;
    let mut total = 0.0;
    for (row, &label) in logits.chunks_exact_mut(classes).zip(labels) {
        let mx = row.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v));
        let target = row[label];
        let mut sum = 0.0;
        for v in row.iter_mut() {
            *v = (*v - mx).exp();
            sum += *v;
        }
        total += mx + sum.ln() - target;
        let norm = scale / sum;
        for v in row.iter_mut() {
            *v *= norm;
        }
        row[label] -= scale;
    }
    total * scale
}

/// A row-major matrix slice, read as itself or as its transpose.
#[derive(Clone, Copy)]
struct View<'a> {
    data: &'a [f32],
    rows: usize,
    cols: usize,
    transposed: bool,
}

impl<'a> View<'a> {
    fn of(data: &'a [f32], rows: usize, cols: usize) -> View<'a> {
        assert_eq!(data.len(), rows * cols, "a {rows} × {cols} matrix needs {} values", rows * cols);
        View { data, rows, cols, transposed: false }
    }

    fn t(self) -> View<'a> {
        View { transposed: !self.transposed, ..self }
    }

    /// Rows and columns as read.
    fn dims(&self) -> (usize, usize) {
        if self.transposed { (self.cols, self.rows) } else { (self.rows, self.cols) }
    }

    /// Row and column strides as read.
    fn strides(&self) -> (isize, isize) {
        let (r, c) = (self.cols as isize, 1);
        if self.transposed { (c, r) } else { (r, c) }
    }
}

/// `c = a·b`, overwriting `c`.
fn gemm(a: View<'_>, b: View<'_>, c: &mut [f32]) {
    gemm_acc(a, b, 0.0, c);
}

/// `c = a·b + β c` through `matrixmultiply::sgemm`, the runtime's kernel.
///
/// # Panics
/// If the shapes do not fit.
fn gemm_acc(a: View<'_>, b: View<'_>, beta: f32, c: &mut [f32]) {
    let ((m, k), (k2, n)) = (a.dims(), b.dims());
    assert!(k == k2 && c.len() == m * n, "gemm: {m} × {k} by {k2} × {n} into {} values", c.len());
    let ((rsa, csa), (rsb, csb)) = (a.strides(), b.strides());
    // SAFETY: `a` holds m·k and `b` k·n values at the strides of their row-major layouts
    // (checked by `View::of` and above), `c` holds m·n values written row-major, and `c` is a
    // `&mut` so it overlaps neither input.
    unsafe {
        matrixmultiply::sgemm(
            m,
            k,
            n,
            1.0,
            a.data.as_ptr(),
            rsa,
            csa,
            b.data.as_ptr(),
            rsb,
            csb,
            beta,
            c.as_mut_ptr(),
            n as isize,
            1,
        );
    }
}
