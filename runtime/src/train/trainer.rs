//! The training loop: epochs of shuffled mini-batches, each a gradient and an optimiser step,
//! with a progress bar, a per-epoch evaluation and a stop at the first non-finite loss.

use super::{EpochStats, History, Progress};
use crate::data::{Dataset, Targets};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::optim::Optimizer;
use crate::tangent::Differentiable;
use crate::tensor::Tensor;
use crate::visit::{PairSink, PairVisitor};
use rand::SeedableRng;
use rand::rngs::StdRng;

/// Rows per forward pass when evaluating (bounds the memory an evaluation takes).
const EVAL_ROWS: usize = 1024;

/// Trains a model on a [`Dataset`] for a number of epochs; see the [module](super) for an
/// example.
///
/// Before the first step, [`fit`](Self::fit) runs the model on the first batch of the
/// training and test sets, checks the predictions against the targets and every label of
/// each set against the model's outputs, so that data that does not fit the model (a batch of
/// the wrong width, a label beyond the model's outputs) is an [`Error`] naming the layer or
/// loss and both shapes, not a panic in the middle of a run.
/// Each step checks its loss and its gradient before the optimiser applies the gradient: the
/// first loss that is NaN or infinite stops the run with an [`Error::NonFinite`] naming the
/// epoch and batch, a gradient holding NaN or an infinity beside a finite loss with an
/// [`Error::NonFiniteGradient`] naming the leaf as well, and either leaves the model with the
/// weights it had before that batch.
#[derive(Debug)]
pub struct Trainer<'d, T, F = f32> {
    train: &'d Dataset<T, F>,
    test: Option<&'d Dataset<T, F>>,
    epochs: usize,
    batch_size: usize,
    seed: u64,
    quiet: bool,
    sample_every: usize,
    test_loss: bool,
    decays: Vec<(usize, f64)>,
    history: History,
}

impl<'d, T: Targets, F: Float> Trainer<'d, T, F> {
    /// Training on `train` for `epochs` epochs of mini-batches of `batch_size` examples, in
    /// an order shuffled anew each epoch from the seed 0.
    ///
    /// # Panics
    /// If `batch_size` is 0.
    pub fn new(train: &'d Dataset<T, F>, epochs: usize, batch_size: usize) -> Trainer<'d, T, F> {
        assert!(batch_size > 0, "Trainer::new: the batch size must be at least 1");
        Trainer {
            train,
            test: None,
            epochs,
            batch_size,
            seed: 0,
            quiet: false,
            sample_every: 1,
            test_loss: true,
            decays: Vec::new(),
            history: History::default(),
        }
    }

    /// Measures the test loss and accuracy on `test` after each epoch.
    pub fn test_set(self, test: &'d Dataset<T, F>) -> Self {
        Trainer { test: Some(test), ..self }
    }

    /// Seeds the shuffles of the batches: the same seed gives the same run.
    pub fn seed(self, seed: u64) -> Self {
        Trainer { seed, ..self }
    }

    /// With `quiet` set, prints nothing (no progress bar, no summary lines).
    pub fn quiet(self, quiet: bool) -> Self {
        Trainer { quiet, ..self }
    }

    /// Multiplies the optimiser's learning rate by `factor` at the start of epoch `epoch`
    /// (0-based); several calls make a step schedule.
    pub fn decay_learning_rate(mut self, epoch: usize, factor: f64) -> Self {
        self.decays.push((epoch, factor));
        self
    }

    /// Measures the training accuracy on every `every`-th training example only (1, the
    /// default, measures all; 0 none), to keep the evaluation of a large set short.
    pub fn train_accuracy_sample(self, every: usize) -> Self {
        Trainer { sample_every: every, ..self }
    }

    /// Whether to measure the test loss (on by default). It runs the loss over the test set
    /// after each epoch, its gradient included.
    pub fn test_loss(self, measure: bool) -> Self {
        Trainer { test_loss: measure, ..self }
    }

    /// The statistics of the epochs trained so far, also after [`fit`](Self::fit) failed.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Trains `model` with `optimizer`: each step takes `loss_grad(model, batch)` (the loss
    /// and its gradient on a batch, a smaller [`Dataset`]), checks the loss, and applies the
    /// gradient. After each epoch it records an [`EpochStats`] in the [history](Self::history),
    /// with accuracies (for labels) from `predict(model, inputs)`, the model's output for a
    /// batch of inputs. Each call trains the given number of epochs and appends to the history.
    /// The loss may be `f32` or `f64`, and the inputs `f32` or `f64` tensors (`F`).
    ///
    /// # Errors
    /// [`Error::Shape`] or [`Error::Label`] from the check of the first batches (the
    /// training set is empty, the model does not take the inputs, its outputs do not fit the
    /// targets), any error of `predict`, and [`Error::NonFinite`] when a loss is NaN or
    /// infinite, naming the epoch and batch ([`Error::NonFiniteGradient`] when the loss is
    /// finite but its gradient is not).
    pub fn fit<M, O, P, G, L>(&mut self, model: &mut M, optimizer: &mut O, predict: P, loss_grad: G) -> Result<()>
    where
        M: Differentiable + ?Sized,
        O: Optimizer,
        P: Fn(&M, &Tensor<F>) -> Result<Tensor<F>>,
        G: Fn(&M, &Dataset<T, F>) -> (L, M::Tangent),
        L: Float,
    {
        self.check(model, &predict)?;
        let sample = (self.sample_every > 1).then(|| self.train_sample());
        let mut rng = StdRng::seed_from_u64(self.seed);
        let mut progress = Progress::new(self.epochs, self.train.batch_count(self.batch_size)).quiet(self.quiet);
        for epoch in 0..self.epochs {
            self.schedule(epoch, optimizer);
            for batch in self.train.batches(self.batch_size, &mut rng) {
                let (loss, grad) = loss_grad(model, &batch);
                if let Some((leaf, value)) = first_non_finite(model, &grad).filter(|_| loss.is_finite()) {
                    return Err(progress.gradient_error(loss.to_f64(), leaf, value));
                }
                progress.step(loss.to_f64())?;
                optimizer.step(model, &grad);
            }
            let stats = self.evaluate(model, &predict, &loss_grad, sample.as_ref(), &progress)?;
            self.history.record_epoch(stats);
            progress.finish_epoch(stats);
        }
        Ok(())
    }

    /// The epoch's statistics: its mean loss and training time from `progress`, then the
    /// accuracies (on `sample`, or the whole training set) and the test loss measured now.
    fn evaluate<M, P, G, L>(
        &self,
        model: &M,
        predict: &P,
        loss_grad: &G,
        sample: Option<&Dataset<T, F>>,
        progress: &Progress,
    ) -> Result<EpochStats>
    where
        M: Differentiable + ?Sized,
        P: Fn(&M, &Tensor<F>) -> Result<Tensor<F>>,
        G: Fn(&M, &Dataset<T, F>) -> (L, M::Tangent),
        L: Float,
    {
        let (train_loss, seconds) = (progress.epoch_loss(), progress.epoch_seconds());
        let sample = Some(sample.unwrap_or(self.train)).filter(|_| self.sample_every > 0);
        let test = self.test.filter(|t| !t.is_empty());
        Ok(EpochStats {
            train_loss,
            train_accuracy: sample.map(|s| accuracy(model, predict, s)).transpose()?.flatten(),
            test_accuracy: test.map(|t| accuracy(model, predict, t)).transpose()?.flatten(),
            test_loss: test.filter(|_| self.test_loss).map(|t| mean_loss(model, loss_grad, t)),
            seconds,
        })
    }

    /// Runs the model on the first batch of each set and checks its predictions.
    fn check<M: ?Sized>(&self, model: &M, predict: &impl Fn(&M, &Tensor<F>) -> Result<Tensor<F>>) -> Result<()> {
        if self.train.is_empty() {
            let help = "give the trainer at least one training example";
            return Err(Error::shape("Trainer::fit", &self.train.inputs.shape, &[self.batch_size], help));
        }
        for data in std::iter::once(self.train).chain(self.test) {
            let first = data.rows(0..data.len().min(self.batch_size));
            let predictions = predict(model, &first.inputs)?;
            first.targets.check(&predictions)?;
            data.targets.check_all(&predictions)?;
        }
        Ok(())
    }

    fn train_sample(&self) -> Dataset<T, F> {
        let every: Vec<usize> = (0..self.train.len()).step_by(self.sample_every).collect();
        self.train.select(&every)
    }

    fn schedule(&self, epoch: usize, optimizer: &mut impl Optimizer) {
        for &(_, factor) in self.decays.iter().filter(|(at, _)| *at == epoch) {
            optimizer.set_learning_rate(optimizer.learning_rate() * factor);
        }
    }
}

/// The name of the first leaf of `grad` holding NaN or an infinity, and that value. One pass
/// over the gradient per step: a small part of the work of computing it.
fn first_non_finite<M: Differentiable + ?Sized>(model: &mut M, grad: &M::Tangent) -> Option<(String, f64)> {
    struct Finder(Option<(String, f64)>);
    impl Finder {
        fn leaf<T: Float>(&mut self, name: &str, grad: &[T]) {
            if self.0.is_none() {
                self.0 = first_non_finite_value(grad).map(|g| (name.to_string(), g.to_f64()));
            }
        }
    }
    impl PairSink for Finder {
        fn f32s(&mut self, name: &str, _: &mut [f32], grad: &[f32]) {
            self.leaf(name, grad);
        }
        fn f64s(&mut self, name: &str, _: &mut [f64], grad: &[f64]) {
            self.leaf(name, grad);
        }
    }
    let mut finder = Finder(None);
    model.visit_pair(grad, &mut PairVisitor::new(&mut finder, &mut String::new()));
    finder.0
}

/// The first value that is NaN or infinite. Each chunk is tested without stopping early,
/// which the compiler turns into vector instructions (about twice as fast as
/// `iter().find`, which tests one value at a time).
fn first_non_finite_value<T: Float>(values: &[T]) -> Option<T> {
    values
        .chunks(64)
        .find(|chunk| !chunk.iter().fold(true, |finite, v| finite & v.is_finite()))
        .and_then(|chunk| chunk.iter().copied().find(|v| !v.is_finite()))
}

/// The accuracy of the model's predictions on `data`, in chunks of [`EVAL_ROWS`]; `None` for
/// targets without one (regression) or an empty set.
fn accuracy<M: ?Sized, T: Targets, F: Float>(
    model: &M,
    predict: &impl Fn(&M, &Tensor<F>) -> Result<Tensor<F>>,
    data: &Dataset<T, F>,
) -> Result<Option<f64>> {
    let mut correct = 0.0;
    for chunk in data.batches_in_order(EVAL_ROWS) {
        match chunk.targets.accuracy(&predict(model, &chunk.inputs)?)? {
            Some(fraction) => correct += fraction * chunk.len() as f64,
            None => return Ok(None),
        }
    }
    Ok((!data.is_empty()).then(|| correct / data.len() as f64))
}

/// The mean loss over `data` (each chunk's mean weighted by its size), not empty.
fn mean_loss<M: ?Sized + Differentiable, T: Targets, F: Float, L: Float>(
    model: &M,
    loss_grad: &impl Fn(&M, &Dataset<T, F>) -> (L, M::Tangent),
    data: &Dataset<T, F>,
) -> f64 {
    let total: f64 =
        data.batches_in_order(EVAL_ROWS).map(|chunk| loss_grad(model, &chunk).0.to_f64() * chunk.len() as f64).sum();
    total / data.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layers::*;
    use crate::loss::*;
    use crate::optim::{Adam, Sgd};
    use backprop_macros::{Differentiable, differentiable};

    #[derive(Differentiable, Clone, Debug, PartialEq)]
    struct Net {
        hidden: Dense,
        out: Dense,
    }

    impl Net {
        fn new(inputs: usize, outputs: usize) -> Net {
            let mut rng = StdRng::seed_from_u64(5);
            Net { hidden: Dense::new(inputs, 16, &mut rng), out: Dense::xavier(16, outputs, &mut rng) }
        }

        fn predict(&self, x: &Tensor) -> Result<Tensor> {
            self.out.try_forward(&relu(&self.hidden.try_forward(x)?))
        }
    }

    #[differentiable(wrt(net))]
    fn classification_loss(net: &Net, x: &Tensor, labels: &[usize]) -> f32 {
        softmax_cross_entropy(&net.out.forward(&relu(&net.hidden.forward(x))), labels)
    }

    #[differentiable(wrt(net))]
    fn regression_loss(net: &Net, x: &Tensor, y: &Tensor) -> f32 {
        mse(&net.out.forward(&relu(&net.hidden.forward(x))), y)
    }

    /// Two well-separated classes of points in the plane.
    fn blobs(n: usize) -> Dataset {
        let inputs = Tensor::from_fn(&[n, 2], |i| {
            let (row, sign) = (i / 2, if (i / 2) % 2 == 0 { 1.0 } else { -1.0 });
            sign * 2.0 + ((row * 7 + i) % 5) as f32 * 0.1
        });
        Dataset::new(inputs, (0..n).map(|r| r % 2).collect(), 2).unwrap()
    }

    fn classify(trainer: &mut Trainer<'_, crate::data::Labels>, net: &mut Net, lr: f64) -> Result<()> {
        trainer.fit(net, &mut Sgd::new(lr), Net::predict, |n, b| classification_loss_grad(n, &b.inputs, &b.targets))
    }

    fn bits(net: &Net) -> Vec<u64> {
        crate::jacobian::flatten(net).iter().map(|w| w.to_bits()).collect()
    }

    #[test]
    fn a_run_records_every_epoch_and_learns() {
        let (train, test) = (blobs(64), blobs(16));
        let mut net = Net::new(2, 2);
        let mut trainer = Trainer::new(&train, 5, 8).test_set(&test).quiet(true);
        classify(&mut trainer, &mut net, 0.1).unwrap();
        let history = trainer.history();
        assert_eq!(history.epochs.len(), 5);
        let last = history.epochs[4];
        assert_eq!(last.test_accuracy, Some(1.0), "{last}");
        assert!(last.train_loss < history.epochs[0].train_loss, "{history:?}");
        assert!(last.test_loss.is_some_and(f64::is_finite));
    }

    #[test]
    fn a_diverging_run_stops_naming_the_epoch_and_batch_and_keeps_the_last_finite_model() {
        let train = blobs(64);
        let mut net = Net::new(2, 2);
        let mut trainer = Trainer::new(&train, 50, 8).quiet(true);
        let seen = std::cell::RefCell::new(Vec::new());
        let err = trainer
            .fit(&mut net, &mut Sgd::new(1e12), Net::predict, |n, b| {
                *seen.borrow_mut() = bits(n);
                classification_loss_grad(n, &b.inputs, &b.targets)
            })
            .unwrap_err();
        let message = err.to_string();
        let Error::NonFinite { epoch, batch, step, .. } = err else { panic!("{message}") };
        assert_eq!(step, epoch * 8 + batch);
        assert!(message.contains(&format!("at epoch {}, batch {} (step {step})", epoch + 1, batch + 1)), "{message}");
        assert_eq!(trainer.history().epochs.len(), epoch, "every finished epoch is kept");
        assert!(trainer.history().epochs.iter().all(|e| e.train_loss.is_finite()));
        assert_eq!(bits(&net), seen.into_inner(), "the step with the non-finite loss reached the model");
    }

    /// The classification loss plus `0 · Σ sqrt|w|` over the hidden weights: the same finite
    /// value, but the derivative of `sqrt` at 0 is infinite, so a weight of exactly 0 gives a
    /// gradient of `0 · ∞ = NaN`.
    #[differentiable(wrt(net))]
    fn sqrt_penalty_loss(net: &Net, x: &Tensor, labels: &[usize]) -> f32 {
        let mut penalty = 0.0;
        for i in 0..net.hidden.w.data.len() {
            penalty += net.hidden.w.data[i].abs().sqrt();
        }
        softmax_cross_entropy(&net.out.forward(&relu(&net.hidden.forward(x))), labels) + 0.0 * penalty
    }

    #[test]
    fn a_non_finite_gradient_with_a_finite_loss_stops_before_the_step_naming_the_leaf() {
        let train = blobs(16);
        let mut net = Net::new(2, 2);
        net.hidden.w.data[3] = 0.0;
        let before = bits(&net);
        let mut trainer = Trainer::new(&train, 3, 8).quiet(true);
        let err = trainer
            .fit(&mut net, &mut Sgd::new(0.1), Net::predict, |n, b| sqrt_penalty_loss_grad(n, &b.inputs, &b.targets))
            .unwrap_err();
        let message = err.to_string();
        let Error::NonFiniteGradient { epoch: 0, batch: 0, step: 0, ref leaf, loss, .. } = err else {
            panic!("{message}")
        };
        assert_eq!(leaf, "hidden.w");
        assert!(loss.is_finite());
        assert!(message.starts_with("the gradient of `hidden.w` holds "), "{message}");
        assert!(message.contains("at epoch 1, batch 1 (step 0)"), "{message}");
        assert_eq!(bits(&net), before, "the step with the non-finite gradient reached the model");
        assert!(trainer.history().epochs.is_empty());
    }

    #[test]
    fn the_first_non_finite_value_is_found_in_any_chunk() {
        let mut values = vec![1.0f32; 200];
        assert_eq!(first_non_finite_value(&values), None);
        values[130] = f32::NEG_INFINITY;
        values[150] = f32::NAN;
        assert_eq!(first_non_finite_value(&values), Some(f32::NEG_INFINITY));
        assert!(first_non_finite_value(&[0.0, f64::NAN]).is_some_and(f64::is_nan));
        assert_eq!(first_non_finite_value::<f64>(&[]), None);
    }

    #[test]
    fn inputs_of_the_wrong_width_are_an_error_naming_the_layer() {
        let train = blobs(8);
        let mut net = Net::new(3, 2);
        let err = classify(&mut Trainer::new(&train, 1, 4).quiet(true), &mut net, 0.1).unwrap_err();
        assert!(err.to_string().starts_with("Dense::forward: shapes [4, 2] and [3, 16] do not fit"), "{err}");
    }

    #[test]
    fn labels_beyond_the_outputs_are_an_error_naming_the_loss() {
        let train = Dataset::new(Tensor::zeros(&[4, 2]), vec![0, 1, 2, 1], 3).unwrap();
        let mut net = Net::new(2, 2);
        let err = classify(&mut Trainer::new(&train, 1, 4).quiet(true), &mut net, 0.1).unwrap_err();
        assert!(matches!(err, Error::Label { op: "softmax_cross_entropy", index: 2, label: 2, classes: 2 }), "{err}");
    }

    #[test]
    fn a_label_beyond_the_outputs_later_in_the_set_is_an_error_before_training() {
        // Sorted by class: the first batch holds only labels the model can output.
        let labels = vec![0, 0, 0, 0, 1, 1, 1, 1, 2, 2];
        let train = Dataset::new(Tensor::from_fn(&[10, 2], |i| i as f32), labels, 3).unwrap();
        let mut net = Net::new(2, 2);
        let before = bits(&net);
        let err = classify(&mut Trainer::new(&train, 1, 4).quiet(true), &mut net, 0.1).unwrap_err();
        assert!(matches!(err, Error::Label { op: "softmax_cross_entropy", index: 8, label: 2, classes: 2 }), "{err}");
        assert_eq!(bits(&net), before);
    }

    #[test]
    fn an_empty_training_set_is_an_error() {
        let train = Dataset::new(Tensor::zeros(&[0, 2]), vec![], 2).unwrap();
        let err = classify(&mut Trainer::new(&train, 1, 4).quiet(true), &mut Net::new(2, 2), 0.1).unwrap_err();
        assert!(err.to_string().starts_with("Trainer::fit: shapes [0, 2] and [4] do not fit"), "{err}");
    }

    #[test]
    fn regression_has_losses_and_no_accuracy() {
        let x = Tensor::from_fn(&[32, 1], |i| i as f32 / 16.0 - 1.0);
        let y = Tensor::from_fn(&[32, 1], |i| 2.0 * (i as f32 / 16.0 - 1.0) + 0.5);
        let data = Dataset::regression(x, y).unwrap();
        let mut net = Net::new(1, 1);
        let mut trainer = Trainer::new(&data, 30, 8).test_set(&data).quiet(true).train_accuracy_sample(2);
        let fit = trainer
            .fit(&mut net, &mut Adam::new(0.01), Net::predict, |n, b| regression_loss_grad(n, &b.inputs, &b.targets));
        fit.unwrap();
        let last = trainer.history().epochs[29];
        assert_eq!((last.train_accuracy, last.test_accuracy), (None, None));
        assert!(last.test_loss.is_some_and(|l| l < 0.05), "{last}");
    }

    /// `y = c₀ + c₁ x + c₂ x²`, in `f64`.
    #[derive(Differentiable, Clone, Debug, PartialEq)]
    struct Quadratic {
        c: crate::tensor::Tensor64,
    }

    impl Quadratic {
        fn predict(&self, x: &crate::tensor::Tensor64) -> Result<crate::tensor::Tensor64> {
            let c = &self.c.data;
            Ok(Tensor::from_fn(&x.shape, |i| c[0] + c[1] * x.data[i] + c[2] * x.data[i] * x.data[i]))
        }
    }

    #[differentiable(wrt(m))]
    fn quadratic_loss(m: &Quadratic, x: &crate::tensor::Tensor64, y: &crate::tensor::Tensor64) -> f64 {
        let mut total = 0.0;
        for i in 0..x.data.len() {
            let r = m.c.data[0] + m.c.data[1] * x.data[i] + m.c.data[2] * x.data[i] * x.data[i] - y.data[i];
            total += r * r;
        }
        total / x.data.len() as f64
    }

    #[test]
    fn an_f64_regression_trains_with_f64_inputs_targets_and_loss() {
        let x = Tensor::from_fn(&[40, 1], |i| i as f64 / 20.0 - 1.0);
        let y = Tensor::from_fn(&[40, 1], |i| {
            let x = i as f64 / 20.0 - 1.0;
            0.5 - 2.0 * x + 1.5 * x * x
        });
        let data: Dataset<crate::tensor::Tensor64, f64> = Dataset::regression(x, y).unwrap();
        let mut model = Quadratic { c: Tensor::zeros(&[3]) };
        let mut trainer = Trainer::new(&data, 300, 40).test_set(&data).quiet(true);
        trainer
            .fit(&mut model, &mut Sgd::new(0.5), Quadratic::predict, |m, b| {
                quadratic_loss_grad(m, &b.inputs, &b.targets)
            })
            .unwrap();
        let last = trainer.history().epochs[299];
        assert_eq!((last.train_accuracy, last.test_accuracy), (None, None));
        // Far below what f32 arithmetic could reach (its rounding alone leaves about 1e-14).
        assert!(last.test_loss.is_some_and(|l| l < 1e-20), "{last}");
        for (got, want) in model.c.data.iter().zip([0.5, -2.0, 1.5]) {
            assert!((got - want).abs() < 1e-10, "{:?}", model.c.data);
        }
    }

    #[test]
    fn predictions_shaped_unlike_the_targets_name_mse() {
        let data = Dataset::regression(Tensor::zeros(&[4, 1]), Tensor::zeros(&[4, 2])).unwrap();
        let mut net = Net::new(1, 1);
        let err = Trainer::new(&data, 1, 4)
            .quiet(true)
            .fit(&mut net, &mut Sgd::new(0.1), Net::predict, |n, b| regression_loss_grad(n, &b.inputs, &b.targets))
            .unwrap_err();
        assert!(err.to_string().starts_with("mse: shapes [4, 1] and [4, 2] do not fit"), "{err}");
    }

    #[test]
    fn the_learning_rate_decays_on_schedule() {
        let train = blobs(8);
        let mut opt = Sgd::new(1.0);
        let mut trainer =
            Trainer::new(&train, 3, 8).quiet(true).decay_learning_rate(1, 0.5).decay_learning_rate(2, 0.1);
        let mut net = Net::new(2, 2);
        trainer
            .fit(&mut net, &mut opt, Net::predict, |n, b| classification_loss_grad(n, &b.inputs, &b.targets))
            .unwrap();
        assert!((opt.learning_rate() - 0.05).abs() < 1e-12);
    }
}
