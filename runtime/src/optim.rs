//! Optimisers: update every float leaf of a model from its gradient, a value of the model's
//! tangent type (for a struct deriving `Differentiable`, the same struct).
//!
//! [`Sgd`] (with momentum, Nesterov momentum and L2 weight decay) and [`Adam`] (with
//! decoupled weight decay, that is AdamW) walk the model and its gradient together with
//! [`Differentiable::visit_pair`], leaf by leaf (`f32` or `f64`). Their state (velocities,
//! moments) is kept per leaf, in visit order: it is allocated at the first step, and later
//! steps reuse it without allocating.
//!
//! ```
//! use backprop::{Differentiable, differentiable};
//! use backprop::optim::{Adam, Optimizer};
//!
//! #[derive(Differentiable, Clone)]
//! struct Line { a: f64, b: f64 }
//!
//! /// Squared error of the line `a x + b` on three points of `y = 2x + 1`.
//! #[differentiable]
//! fn loss(line: &Line) -> f64 {
//!     let mut total = 0.0;
//!     for i in 0..3 {
//!         let x = i as f64;
//!         let e = line.a * x + line.b - (2.0 * x + 1.0);
//!         total += e * e;
//!     }
//!     total
//! }
//!
//! let mut line = Line { a: 0.0, b: 0.0 };
//! let mut opt = Adam::new(0.1);
//! for _ in 0..500 {
//!     let (_, grad) = loss_grad(&line);
//!     opt.step(&mut line, &grad);
//! }
//! assert!((line.a - 2.0).abs() < 1e-3 && (line.b - 1.0).abs() < 1e-3);
//! ```

use crate::float::Float;
use crate::tangent::Differentiable;
use crate::visit::{PairSink, PairVisitor};

/// Something that updates a model from its gradient.
pub trait Optimizer {
    /// Moves `model` one step against `grad`.
    ///
    /// # Panics
    /// If the model's float leaves differ in number, order, type or length from those of the
    /// first step (one optimiser per model), or a gradient leaf has another length than its
    /// parameter.
    fn step<M: Differentiable + ?Sized>(&mut self, model: &mut M, grad: &M::Tangent);

    /// The learning rate.
    fn learning_rate(&self) -> f64;

    /// Sets the learning rate (for a schedule).
    fn set_learning_rate(&mut self, lr: f64);
}

/// Stochastic gradient descent, with optional momentum and L2 weight decay (the PyTorch
/// formulation, without dampening):
///
/// ```text
/// g ← grad + weight_decay · w
/// v ← momentum · v + g                 (v starts at 0)
/// w ← w − lr · v                       (or w − lr · (g + momentum · v) with Nesterov)
/// ```
///
/// Without momentum `v` is `g` and no state is kept. Weight decay is added to the gradient
/// (coupled), which for plain SGD is the same as shrinking the weights.
#[derive(Debug)]
pub struct Sgd {
    /// Learning rate.
    pub lr: f64,
    /// Momentum factor, 0 for plain SGD.
    pub momentum: f64,
    /// L2 penalty factor added to the gradient, 0 for none.
    pub weight_decay: f64,
    /// Nesterov momentum (looks ahead along the velocity).
    pub nesterov: bool,
    velocity: Leaves,
}

impl Sgd {
    /// Plain SGD with learning rate `lr`.
    pub fn new(lr: f64) -> Sgd {
        Sgd { lr, momentum: 0.0, weight_decay: 0.0, nesterov: false, velocity: Leaves::default() }
    }

    /// The same with momentum (0.9 is usual).
    pub fn with_momentum(self, momentum: f64) -> Sgd {
        Sgd { momentum, ..self }
    }

    /// The same with Nesterov momentum.
    pub fn with_nesterov(self, momentum: f64) -> Sgd {
        Sgd { momentum, nesterov: true, ..self }
    }

    /// The same with L2 weight decay.
    pub fn with_weight_decay(self, weight_decay: f64) -> Sgd {
        Sgd { weight_decay, ..self }
    }
}

impl Optimizer for Sgd {
    fn step<M: Differentiable + ?Sized>(&mut self, model: &mut M, grad: &M::Tangent) {
        let rule =
            SgdStep { lr: self.lr, momentum: self.momentum, weight_decay: self.weight_decay, nesterov: self.nesterov };
        self.velocity.walk(model, grad, &rule);
    }

    fn learning_rate(&self) -> f64 {
        self.lr
    }

    fn set_learning_rate(&mut self, lr: f64) {
        self.lr = lr;
    }
}

/// The scalars of one SGD step.
struct SgdStep {
    lr: f64,
    momentum: f64,
    weight_decay: f64,
    nesterov: bool,
}

impl Rule for SgdStep {
    fn buffers(&self) -> usize {
        usize::from(self.momentum != 0.0)
    }

    /// One SGD step on one leaf; `velocity` is empty without momentum.
    fn apply<T: Float>(&self, w: &mut [T], g: &[T], velocity: &mut [T]) {
        let [lr, mu, wd] = [self.lr, self.momentum, self.weight_decay].map(T::from_f64);
        if velocity.is_empty() {
            for (w, &g) in w.iter_mut().zip(g) {
                *w -= lr * (g + wd * *w);
            }
        } else if self.nesterov {
            for ((w, &g), v) in w.iter_mut().zip(g).zip(velocity) {
                let g = g + wd * *w;
                *v = mu * *v + g;
                *w -= lr * (g + mu * *v);
            }
        } else {
            for ((w, &g), v) in w.iter_mut().zip(g).zip(velocity) {
                *v = mu * *v + (g + wd * *w);
                *w -= lr * *v;
            }
        }
    }
}

/// Adam (Kingma and Ba, 2015) with decoupled weight decay (AdamW, Loshchilov and Hutter,
/// 2019), computed as PyTorch's `AdamW` does, at step `t = 1, 2, …`:
///
/// ```text
/// w ← w − lr · weight_decay · w        (decoupled: the decay is not part of the moments)
/// m ← β1 · m + (1 − β1) · g            (m, v start at 0)
/// v ← β2 · v + (1 − β2) · g²
/// w ← w − lr / (1 − β1^t) · m / (sqrt(v) / sqrt(1 − β2^t) + eps)
/// ```
///
/// With `weight_decay = 0` it is plain Adam.
#[derive(Debug)]
pub struct Adam {
    /// Learning rate (0.001 is usual).
    pub lr: f64,
    /// Decay of the first moment (0.9).
    pub beta1: f64,
    /// Decay of the second moment (0.999).
    pub beta2: f64,
    /// Added to the denominator for stability (1e-8).
    pub eps: f64,
    /// Decoupled weight decay factor, 0 for none (0.01 is usual for AdamW).
    pub weight_decay: f64,
    steps: u64,
    moments: Leaves,
}

impl Adam {
    /// Adam with learning rate `lr` and the usual β1 = 0.9, β2 = 0.999, eps = 1e-8, without
    /// weight decay.
    pub fn new(lr: f64) -> Adam {
        Adam { lr, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.0, steps: 0, moments: Leaves::default() }
    }

    /// The same with other moment decays.
    pub fn with_betas(self, beta1: f64, beta2: f64) -> Adam {
        Adam { beta1, beta2, ..self }
    }

    /// The same with another `eps`.
    pub fn with_eps(self, eps: f64) -> Adam {
        Adam { eps, ..self }
    }

    /// The same with decoupled weight decay (AdamW).
    pub fn with_weight_decay(self, weight_decay: f64) -> Adam {
        Adam { weight_decay, ..self }
    }

    /// The number of steps taken.
    pub fn steps(&self) -> u64 {
        self.steps
    }
}

impl Optimizer for Adam {
    fn step<M: Differentiable + ?Sized>(&mut self, model: &mut M, grad: &M::Tangent) {
        self.steps += 1;
        // β^t underflows to 0 long before t leaves the i32 range.
        let t = i32::try_from(self.steps).unwrap_or(i32::MAX);
        let rule = AdamStep {
            step_size: self.lr / (1.0 - self.beta1.powi(t)),
            decay: 1.0 - self.lr * self.weight_decay,
            beta1: self.beta1,
            beta2: self.beta2,
            inv_sqrt_bias2: 1.0 / (1.0 - self.beta2.powi(t)).sqrt(),
            eps: self.eps,
        };
        self.moments.walk(model, grad, &rule);
    }

    fn learning_rate(&self) -> f64 {
        self.lr
    }

    fn set_learning_rate(&mut self, lr: f64) {
        self.lr = lr;
    }
}

/// The scalars of one Adam step, with the bias corrections of step `t` folded in.
struct AdamStep {
    step_size: f64,
    decay: f64,
    beta1: f64,
    beta2: f64,
    inv_sqrt_bias2: f64,
    eps: f64,
}

impl Rule for AdamStep {
    fn buffers(&self) -> usize {
        2
    }

    /// One Adam step on one leaf; `state` holds `m`, then `v`.
    fn apply<T: Float>(&self, w: &mut [T], g: &[T], state: &mut [T]) {
        let (m, v) = state.split_at_mut(w.len());
        let [step_size, decay, b1, b2, inv_sqrt_bias2, eps] =
            [self.step_size, self.decay, self.beta1, self.beta2, self.inv_sqrt_bias2, self.eps].map(T::from_f64);
        let (c1, c2) = (T::ONE - b1, T::ONE - b2);
        for (((w, &g), m), v) in w.iter_mut().zip(g).zip(m).zip(v) {
            *m = b1 * *m + c1 * g;
            *v = b2 * *v + c2 * g * g;
            *w = *w * decay - step_size * *m / (v.sqrt() * inv_sqrt_bias2 + eps);
        }
    }
}

/// An update rule: the scalars of one step, applied leaf by leaf.
trait Rule {
    /// State values kept per parameter (a velocity, two moments).
    fn buffers(&self) -> usize;
    /// Updates the parameters `w` of one leaf from their gradient `g`; `state` holds
    /// `buffers() * w.len()` values.
    fn apply<T: Float>(&self, w: &mut [T], g: &[T], state: &mut [T]);
}

/// Per-leaf optimiser state, in the order `visit_pair` walks the leaves: recorded at the
/// first step, checked at every later one.
#[derive(Debug, Default)]
struct Leaves {
    leaves: Vec<Leaf>,
    /// Reused for the leaf names the visitor builds, so steps do not allocate.
    path: String,
}

/// The state of one leaf: its length and `buffers * len` state values.
#[derive(Debug)]
enum Leaf {
    F32 { len: usize, state: Vec<f32> },
    F64 { len: usize, state: Vec<f64> },
}

impl Leaf {
    fn describe(&self) -> String {
        match self {
            Leaf::F32 { len, .. } => format!("{len} f32 values"),
            Leaf::F64 { len, .. } => format!("{len} f64 values"),
        }
    }
}

/// The float types of leaves, and where their state is stored.
trait LeafFloat: Float {
    const NAME: &'static str;
    fn new_leaf(len: usize) -> Leaf;
    /// The leaf's length and state when the leaf holds this type.
    fn state(leaf: &mut Leaf) -> Option<(usize, &mut Vec<Self>)>;
}

macro_rules! leaf_float {
    ($t:ident, $variant:ident) => {
        impl LeafFloat for $t {
            const NAME: &'static str = stringify!($t);
            fn new_leaf(len: usize) -> Leaf {
                Leaf::$variant { len, state: Vec::new() }
            }
            fn state(leaf: &mut Leaf) -> Option<(usize, &mut Vec<$t>)> {
                match leaf {
                    Leaf::$variant { len, state } => Some((*len, state)),
                    _ => None,
                }
            }
        }
    };
}
leaf_float!(f32, F32);
leaf_float!(f64, F64);

impl Leaves {
    /// Walks `model` with `grad` and applies `rule` to each leaf with its state.
    fn walk<M: Differentiable + ?Sized, R: Rule>(&mut self, model: &mut M, grad: &M::Tangent, rule: &R) {
        let first = self.leaves.is_empty();
        let mut sink = Sink { leaves: &mut self.leaves, next: 0, first, rule };
        model.visit_pair(grad, &mut PairVisitor::new(&mut sink, &mut self.path));
        let visited = sink.next;
        assert!(
            visited == self.leaves.len(),
            "optimizer: the model has {visited} float leaves, it had {} at the first step; use one optimizer per model",
            self.leaves.len()
        );
    }
}

/// Receives the leaves of one step.
struct Sink<'a, R> {
    leaves: &'a mut Vec<Leaf>,
    next: usize,
    first: bool,
    rule: &'a R,
}

impl<R: Rule> Sink<'_, R> {
    fn update<T: LeafFloat>(&mut self, name: &str, value: &mut [T], grad: &[T]) {
        assert!(
            value.len() == grad.len(),
            "optimizer: leaf `{name}` has {} values but its gradient has {}",
            value.len(),
            grad.len()
        );
        if self.first {
            self.leaves.push(T::new_leaf(value.len()));
        }
        let index = self.next;
        self.next += 1;
        let Some(leaf) = self.leaves.get_mut(index) else {
            panic!(
                "optimizer: the model has more float leaves than at the first step (from `{name}` on); use one optimizer per model"
            )
        };
        let state = match T::state(leaf) {
            Some((len, state)) if len == value.len() => state,
            _ => changed_leaf(index, name, value.len(), T::NAME, leaf),
        };
        // Sized at the first step; resized only if the rule's needs change (momentum set later).
        state.resize(self.rule.buffers() * value.len(), T::ZERO);
        self.rule.apply(value, grad, state);
    }
}

#[cold]
#[inline(never)]
fn changed_leaf(index: usize, name: &str, len: usize, float: &str, first: &Leaf) -> ! {
    panic!(
        "optimizer: leaf {index} (`{name}`) has {len} {float} values, it had {} at the first step; use one optimizer per model",
        first.describe()
    )
}

impl<R: Rule> PairSink for Sink<'_, R> {
    fn f32s(&mut self, name: &str, value: &mut [f32], grad: &[f32]) {
        self.update(name, value, grad);
    }

    fn f64s(&mut self, name: &str, value: &mut [f64], grad: &[f64]) {
        self.update(name, value, grad);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::Tensor;
    use backprop_macros::Differentiable;

    /// A model with an `f64` leaf, an `f32` leaf and a tensor.
    #[derive(Differentiable, Clone, Debug, PartialEq)]
    struct Model {
        scale: f64,
        weights: Vec<f32>,
        tensor: Tensor,
    }

    fn model(scale: f64, weights: [f32; 2], tensor: f32) -> Model {
        Model { scale, weights: weights.to_vec(), tensor: Tensor::from_fn(&[1], |_| tensor) }
    }

    /// The gradient of the quadratic `f = (scale² + Σ 2 w² + 3 t²) / 2`: `(scale, 2 w, 3 t)`.
    fn grad(m: &Model) -> Model {
        let weights = m.weights.iter().map(|w| 2.0 * w).collect::<Vec<_>>();
        Model { scale: m.scale, weights, tensor: Tensor::from_fn(&[1], |_| 3.0 * m.tensor.data[0]) }
    }

    fn step(opt: &mut impl Optimizer, m: &mut Model) {
        let g = grad(m);
        opt.step(m, &g);
    }

    fn assert_close(a: f64, b: f64) {
        assert!((a - b).abs() <= 1e-6 * b.abs().max(1.0), "{a} != {b}");
    }

    #[test]
    fn sgd_step_is_w_minus_lr_g_on_every_leaf() {
        let mut m = model(1.0, [2.0, -1.0], 0.5);
        step(&mut Sgd::new(0.1), &mut m);
        assert_eq!(m, model(1.0 - 0.1, [2.0 - 0.1 * 4.0, -1.0 + 0.1 * 2.0], 0.5 - 0.1 * 1.5));
    }

    #[test]
    fn sgd_momentum_accumulates_velocity() {
        // v1 = g1 = 1, w1 = 1 - 0.1 = 0.9; g2 = 0.9, v2 = 0.5 v1 + g2 = 1.4, w2 = 0.9 - 0.14.
        let mut m = model(1.0, [0.0, 0.0], 0.0);
        let mut opt = Sgd::new(0.1).with_momentum(0.5);
        step(&mut opt, &mut m);
        assert_close(m.scale, 0.9);
        step(&mut opt, &mut m);
        assert_close(m.scale, 0.9 - 0.1 * 1.4);
    }

    #[test]
    fn sgd_nesterov_looks_ahead() {
        // v = g = 1; w = 1 - lr (g + μ v) = 1 - 0.1 · 1.5.
        let mut m = model(1.0, [0.0, 0.0], 0.0);
        step(&mut Sgd::new(0.1).with_nesterov(0.5), &mut m);
        assert_close(m.scale, 0.85);
    }

    #[test]
    fn sgd_weight_decay_is_added_to_the_gradient() {
        // g = 1 + 0.2 · 1; w = 1 - 0.1 · 1.2.
        let mut m = model(1.0, [0.0, 0.0], 0.0);
        step(&mut Sgd::new(0.1).with_weight_decay(0.2), &mut m);
        assert_close(m.scale, 0.88);
    }

    /// Adam by hand in f64 for a scalar, steps 1..=n on the gradient sequence `grads`.
    fn adam_by_hand(w0: f64, grads: impl Fn(f64) -> f64, n: i32, lr: f64, wd: f64) -> f64 {
        let (b1, b2, eps) = (0.9f64, 0.999f64, 1e-8);
        let (mut w, mut m, mut v) = (w0, 0.0, 0.0);
        for t in 1..=n {
            let g = grads(w);
            w *= 1.0 - lr * wd;
            m = b1 * m + (1.0 - b1) * g;
            v = b2 * v + (1.0 - b2) * g * g;
            let (m_hat, v_hat) = (m / (1.0 - b1.powi(t)), v / (1.0 - b2.powi(t)));
            w -= lr * m_hat / (v_hat.sqrt() + eps);
        }
        w
    }

    #[test]
    fn adam_first_step_moves_each_parameter_by_about_lr() {
        // At t = 1 the bias corrections give m̂ = g and v̂ = g², so the step is lr · g / (|g| + eps).
        let mut m = model(1.0, [2.0, -1.0], 0.5);
        let mut opt = Adam::new(0.01);
        step(&mut opt, &mut m);
        assert_close(m.scale, 1.0 - 0.01 * 1.0 / (1.0 + 1e-8));
        assert_close(f64::from(m.weights[1]), -1.0 + 0.01);
        assert_close(f64::from(m.tensor.data[0]), adam_by_hand(0.5, |w| 3.0 * w, 1, 0.01, 0.0));
        assert_eq!(opt.steps(), 1);
    }

    #[test]
    fn adam_second_step_applies_the_bias_corrections_of_t_2() {
        let mut m = model(1.0, [2.0, -1.0], 0.5);
        let mut opt = Adam::new(0.05);
        step(&mut opt, &mut m);
        step(&mut opt, &mut m);
        assert_close(m.scale, adam_by_hand(1.0, |w| w, 2, 0.05, 0.0));
        assert_close(f64::from(m.weights[0]), adam_by_hand(2.0, |w| 2.0 * w, 2, 0.05, 0.0));
    }

    #[test]
    fn adamw_decay_is_decoupled_from_the_moments() {
        let mut m = model(1.0, [2.0, -1.0], 0.5);
        let mut opt = Adam::new(0.05).with_weight_decay(0.1);
        for _ in 0..3 {
            step(&mut opt, &mut m);
        }
        assert_close(m.scale, adam_by_hand(1.0, |w| w, 3, 0.05, 0.1));
    }

    #[test]
    fn learning_rate_can_be_scheduled() {
        let mut opt = Sgd::new(0.1);
        opt.set_learning_rate(0.01);
        assert_eq!(opt.learning_rate(), 0.01);
    }

    #[test]
    fn momentum_switched_on_later_starts_from_zero_velocity() {
        let mut m = model(1.0, [0.0, 0.0], 0.0);
        let mut opt = Sgd::new(0.1);
        step(&mut opt, &mut m);
        opt.momentum = 0.5;
        step(&mut opt, &mut m);
        assert_close(m.scale, 0.9 - 0.1 * 0.9);
    }

    #[test]
    #[should_panic(expected = "leaf 1 (`weights`) has 3 f32 values, it had 2 f32 values at the first step")]
    fn a_leaf_that_changes_length_panics() {
        let mut m = model(1.0, [2.0, -1.0], 0.5);
        let mut opt = Adam::new(0.1);
        step(&mut opt, &mut m);
        m.weights.push(0.0);
        step(&mut opt, &mut m);
    }

    #[test]
    #[should_panic(expected = "the model has 2 float leaves, it had 3 at the first step")]
    fn a_model_with_fewer_leaves_panics() {
        let mut opt = Sgd::new(0.1).with_momentum(0.9);
        let mut layers = vec![vec![1.0f64], vec![2.0], vec![3.0]];
        opt.step(&mut layers, &vec![vec![0.0]; 3]);
        layers.pop();
        opt.step(&mut layers, &vec![vec![0.0]; 2]);
    }

    #[test]
    #[should_panic(expected = "leaf 0 (`0`) has 1 f32 values, it had 1 f64 values")]
    fn another_float_type_panics() {
        let mut opt = Sgd::new(0.1);
        opt.step(&mut vec![vec![1.0f64]], &vec![vec![1.0]]);
        opt.step(&mut vec![vec![1.0f32]], &vec![vec![1.0]]);
    }

    #[test]
    #[should_panic(expected = "leaf `weights` has 2 values but its gradient has 1")]
    fn a_gradient_of_another_length_panics() {
        let mut m = model(1.0, [2.0, -1.0], 0.5);
        let mut g = grad(&m);
        g.weights.pop();
        Sgd::new(0.1).step(&mut m, &g);
    }
}
