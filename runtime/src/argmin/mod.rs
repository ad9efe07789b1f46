//! [argmin]'s solvers on generated derivatives: an [`Objective`] turns a `#[differentiable]`
//! function of a `&[f64]` into an argmin problem (feature `argmin`, off by default).
//!
//! The function's value is argmin's [`CostFunction`], its `_grad` the [`Gradient`], and its
//! `_hvp` the [`Hessian`], built one column at a time (`H eⱼ` for each coordinate `j`). So
//! L-BFGS needs the first two forms, and Newton's method and the trust-region solvers all
//! three. argmin is re-exported ([`core`], [`solver`]) so a program needs no dependency of
//! its own, and no version to keep in step.
//!
//! ```
//! use backprop::argmin::core::{Executor, State};
//! use backprop::argmin::solver::newton::Newton;
//! use backprop::argmin::Objective;
//! use backprop::differentiable;
//!
//! #[differentiable]
//! fn rosenbrock(p: &[f64]) -> f64 {
//!     (1.0 - p[0]).powi(2) + 100.0 * (p[1] - p[0] * p[0]).powi(2)
//! }
//!
//! # fn main() -> Result<(), backprop::argmin::core::Error> {
//! let problem = Objective::new(rosenbrock, rosenbrock_grad).with_hvp(rosenbrock_hvp);
//! let result = Executor::new(problem, Newton::<f64>::new())
//!     .configure(|state| state.param(vec![-1.2, 1.0]).max_iters(20))
//!     .run()?;
//! let best = result.state().get_best_param().unwrap();
//! assert!((best[0] - 1.0).abs() < 1e-8 && (best[1] - 1.0).abs() < 1e-8, "{best:?}");
//! # Ok(())
//! # }
//! ```
//!
//! A function that takes data besides the parameters goes in through closures that capture
//! the data: `Objective::new(|p: &[f64]| loss(p, &x, &y), |p: &[f64]| loss_grad(p, &x, &y))`
//! (see `examples/curve_fit.rs`). A model that is a struct deriving `Differentiable` goes in
//! through a [`ModelObjective`], which hands argmin its parameters as one vector.
//!
//! The Hessian is a [`Matrix`], which argmin's Newton and dogleg solvers can invert
//! (argmin's own `Vec<Vec<f64>>` has no inverse).
//!
//! [argmin]: https://argmin-rs.org

mod matrix;

pub use ::argmin::{core, solver};
pub use matrix::Matrix;

use crate::float::Float;
use crate::tangent::Differentiable;
use crate::visit::{NamedSinkMut, NamedVisitorMut};
use ::argmin::core::{ArgminError, CostFunction, Error, Gradient, Hessian};

/// A function of a `&[f64]` with its derivatives, as an argmin problem: the plain function
/// (`cost`), its `_grad` (`gradient`), and, for second-order solvers, its `_hvp`.
///
/// The parameter argmin passes is a `Vec<f64>`; each form receives it as a slice.
#[derive(Clone, Copy, Debug)]
pub struct Objective<C, G, H = NoHessian> {
    cost: C,
    gradient: G,
    hvp: H,
}

/// The Hessian form of an [`Objective`] made without [`with_hvp`](Objective::with_hvp):
/// such an objective is no [`Hessian`], and second-order solvers do not accept it.
#[derive(Clone, Copy, Debug)]
pub struct NoHessian;

impl<C, G> Objective<C, G>
where
    C: Fn(&[f64]) -> f64,
    G: Fn(&[f64]) -> (f64, Vec<f64>),
{
    /// The objective `cost` with gradient `gradient` (its value and its gradient, as
    /// `f_grad` returns them): enough for gradient descent, L-BFGS, BFGS and the nonlinear
    /// conjugate gradient.
    pub fn new(cost: C, gradient: G) -> Objective<C, G> {
        Objective { cost, gradient, hvp: NoHessian }
    }

    /// Adds the Hessian-vector product (`f_hvp`: value, gradient, and the Hessian times a
    /// direction), from which the Hessian is built for Newton's method and trust regions.
    pub fn with_hvp<H>(self, hvp: H) -> Objective<C, G, H>
    where
        H: Fn(&[f64], &[f64]) -> (f64, Vec<f64>, Vec<f64>),
    {
        Objective { cost: self.cost, gradient: self.gradient, hvp }
    }
}

impl<C, G, H> Objective<C, G, H>
where
    H: Fn(&[f64], &[f64]) -> (f64, Vec<f64>, Vec<f64>),
{
    /// The Hessian at `p`: column `j` is the Hessian-vector product along the `j`-th unit
    /// vector, `n` products for `n` parameters. Rounding can make `Hᵢⱼ` and `Hⱼᵢ` differ in
    /// the last bits; the matrix returned is their mean, exactly symmetric.
    pub fn hessian_at(&self, p: &[f64]) -> Matrix {
        let columns = crate::hessian(p.len(), |direction: &[f64]| (self.hvp)(p, direction).2);
        Matrix::from_fn(p.len(), |i, j| 0.5 * (columns[i][j] + columns[j][i]))
    }
}

impl<C, G, H> CostFunction for Objective<C, G, H>
where
    C: Fn(&[f64]) -> f64,
{
    type Param = Vec<f64>;
    type Output = f64;

    fn cost(&self, p: &Vec<f64>) -> Result<f64, Error> {
        Ok((self.cost)(p))
    }
}

impl<C, G, H> Gradient for Objective<C, G, H>
where
    G: Fn(&[f64]) -> (f64, Vec<f64>),
{
    type Param = Vec<f64>;
    type Gradient = Vec<f64>;

    fn gradient(&self, p: &Vec<f64>) -> Result<Vec<f64>, Error> {
        Ok((self.gradient)(p).1)
    }
}

impl<C, G, H> Hessian for Objective<C, G, H>
where
    H: Fn(&[f64], &[f64]) -> (f64, Vec<f64>, Vec<f64>),
{
    type Param = Vec<f64>;
    type Hessian = Matrix;

    fn hessian(&self, p: &Vec<f64>) -> Result<Matrix, Error> {
        Ok(self.hessian_at(p))
    }
}

/// A model's loss as an argmin problem: argmin sees the model's parameters as one
/// `Vec<f64>` (its float leaves in walk order, as [`flatten`](crate::flatten) lists them), and
/// each call writes them into a copy of the model before calling `cost` or `gradient` (the
/// loss's `_grad`). So L-BFGS trains a struct deriving `Differentiable`, `f32` or `f64`.
///
/// ```
/// use backprop::argmin::ModelObjective;
/// use backprop::argmin::core::{Executor, State};
/// use backprop::argmin::solver::{linesearch::MoreThuenteLineSearch, quasinewton::LBFGS};
/// use backprop::{Differentiable, differentiable};
///
/// #[derive(Differentiable, Clone)]
/// struct Line { slope: f64, offset: f64 }
///
/// /// Squared distance of the line to (0, 1), (1, 3), (2, 5).
/// #[differentiable(wrt(line))]
/// fn loss(line: &Line, xs: &[f64], ys: &[f64]) -> f64 {
///     let mut total = 0.0;
///     for i in 0..xs.len() {
///         total += (line.slope * xs[i] + line.offset - ys[i]).powi(2);
///     }
///     total
/// }
///
/// # fn main() -> Result<(), backprop::argmin::core::Error> {
/// let (xs, ys) = ([0.0, 1.0, 2.0], [1.0, 3.0, 5.0]);
/// let start = Line { slope: 0.0, offset: 0.0 };
/// let problem = ModelObjective::new(start, |m: &Line| loss(m, &xs, &ys), |m: &Line| loss_grad(m, &xs, &ys));
/// let params = problem.params();
/// let result = Executor::new(problem.clone(), LBFGS::new(MoreThuenteLineSearch::new(), 5))
///     .configure(|s| s.param(params).max_iters(50))
///     .run()?;
/// let line = problem.model(result.state().get_best_param().unwrap())?;
/// assert!((line.slope - 2.0).abs() < 1e-6 && (line.offset - 1.0).abs() < 1e-6);
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct ModelObjective<M, C, G> {
    model: M,
    cost: C,
    gradient: G,
}

impl<M, C, G, L> ModelObjective<M, C, G>
where
    M: Differentiable + Clone,
    M::Tangent: Differentiable,
    C: Fn(&M) -> L,
    G: Fn(&M) -> (L, M::Tangent),
    L: Float,
{
    /// The objective `cost` of models shaped like `model` (its values are the start that
    /// [`params`](Self::params) returns), with gradient `gradient` (the loss's `_grad`).
    pub fn new(model: M, cost: C, gradient: G) -> ModelObjective<M, C, G> {
        ModelObjective { model, cost, gradient }
    }

    /// The parameters of the model given to [`new`](Self::new): the start for argmin.
    pub fn params(&self) -> Vec<f64> {
        crate::flatten(&self.model)
    }

    /// The model with parameters `params` (argmin's best, say), `f32` leaves rounded.
    ///
    /// # Errors
    /// argmin's `InvalidParameter` when `params` does not hold one value per float of the
    /// model.
    pub fn model(&self, params: &[f64]) -> Result<M, Error> {
        let mut model = self.model.clone();
        let mut fill = Fill { values: params, next: 0 };
        model.visit_named_mut(&mut NamedVisitorMut::new(&mut fill, &mut String::new()));
        if fill.next != params.len() {
            let text = format!(
                "the parameters hold {} values and the model {} floats; start from `ModelObjective::params`",
                params.len(),
                fill.next
            );
            return Err(ArgminError::InvalidParameter { text }.into());
        }
        Ok(model)
    }
}

/// Writes consecutive values into a model's float leaves; `next` counts the values the
/// leaves asked for, beyond `values.len()` when there are too few.
struct Fill<'a> {
    values: &'a [f64],
    next: usize,
}

impl Fill<'_> {
    fn take(&mut self, len: usize) -> &[f64] {
        let start = self.next.min(self.values.len());
        self.next += len;
        &self.values[start..self.next.min(self.values.len())]
    }
}

impl NamedSinkMut for Fill<'_> {
    fn f32s(&mut self, _: &str, leaf: &mut [f32]) {
        let values = self.take(leaf.len());
        leaf.iter_mut().zip(values).for_each(|(x, &v)| *x = v as f32);
    }
    fn f64s(&mut self, _: &str, leaf: &mut [f64]) {
        let values = self.take(leaf.len());
        leaf.iter_mut().zip(values).for_each(|(x, &v)| *x = v);
    }
}

impl<M, C, G, L> CostFunction for ModelObjective<M, C, G>
where
    M: Differentiable + Clone,
    M::Tangent: Differentiable,
    C: Fn(&M) -> L,
    G: Fn(&M) -> (L, M::Tangent),
    L: Float,
{
    type Param = Vec<f64>;
    type Output = f64;

    fn cost(&self, p: &Vec<f64>) -> Result<f64, Error> {
        Ok((self.cost)(&self.model(p)?).to_f64())
    }
}

impl<M, C, G, L> Gradient for ModelObjective<M, C, G>
where
    M: Differentiable + Clone,
    M::Tangent: Differentiable,
    C: Fn(&M) -> L,
    G: Fn(&M) -> (L, M::Tangent),
    L: Float,
{
    type Param = Vec<f64>;
    type Gradient = Vec<f64>;

    fn gradient(&self, p: &Vec<f64>) -> Result<Vec<f64>, Error> {
        Ok(crate::flatten(&(self.gradient)(&self.model(p)?).1))
    }
}
