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
//! (see `examples/curve_fit.rs`).
//!
//! The Hessian is a [`Matrix`], which argmin's Newton and dogleg solvers can invert
//! (argmin's own `Vec<Vec<f64>>` has no inverse).
//!
//! [argmin]: https://argmin-rs.org

use ::argmin::core::{ArgminError, CostFunction, Error, Gradient, Hessian};
pub use ::argmin::{core, solver};
use argmin_math::{ArgminDot, ArgminInv};
use std::ops::Index;

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
        let n = p.len();
        let mut direction = vec![0.0; n];
        let mut columns = Vec::with_capacity(n * n);
        for j in 0..n {
            direction[j] = 1.0;
            columns.extend((self.hvp)(p, &direction).2);
            direction[j] = 0.0;
        }
        // `columns` holds Hᵀ row-major, which is H column-major.
        Matrix::from_fn(n, |i, j| 0.5 * (columns[j * n + i] + columns[i * n + j]))
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

/// A square matrix of `f64`, row-major: the Hessian of an [`Objective`]. argmin's solvers
/// multiply it with a vector ([`ArgminDot`]) and invert it ([`ArgminInv`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Matrix {
    n: usize,
    values: Vec<f64>,
}

impl Matrix {
    /// The `n × n` matrix whose entry `(i, j)` is `f(i, j)`.
    pub fn from_fn(n: usize, mut f: impl FnMut(usize, usize) -> f64) -> Matrix {
        Matrix { n, values: (0..n * n).map(|k| f(k / n, k % n)).collect() }
    }

    /// The number of rows (and of columns).
    pub fn size(&self) -> usize {
        self.n
    }

    /// The rows, as argmin's `vec` backend represents a matrix.
    pub fn to_rows(&self) -> Vec<Vec<f64>> {
        self.values.chunks(self.n.max(1)).map(<[f64]>::to_vec).collect()
    }

    /// The inverse by Gauss–Jordan elimination with partial pivoting, or `None` when a
    /// pivot is zero or not finite (the matrix is singular, or holds NaN).
    pub fn inverse(&self) -> Option<Matrix> {
        let n = self.n;
        let mut a = self.values.clone();
        let mut inv = Matrix::from_fn(n, |i, j| if i == j { 1.0 } else { 0.0 }).values;
        for col in 0..n {
            let pivot = (col..n).max_by(|&r, &s| a[r * n + col].abs().total_cmp(&a[s * n + col].abs()))?;
            let p = a[pivot * n + col];
            if p == 0.0 || !p.is_finite() {
                return None;
            }
            for k in 0..n {
                a.swap(col * n + k, pivot * n + k);
                inv.swap(col * n + k, pivot * n + k);
            }
            for k in 0..n {
                a[col * n + k] /= p;
                inv[col * n + k] /= p;
            }
            for row in (0..n).filter(|&r| r != col) {
                let factor = a[row * n + col];
                for k in 0..n {
                    a[row * n + k] -= factor * a[col * n + k];
                    inv[row * n + k] -= factor * inv[col * n + k];
                }
            }
        }
        Some(Matrix { n, values: inv })
    }
}

impl Index<(usize, usize)> for Matrix {
    type Output = f64;

    /// The entry in row `i`, column `j`.
    ///
    /// # Panics
    /// If `i` or `j` is not below [`size`](Matrix::size).
    fn index(&self, (i, j): (usize, usize)) -> &f64 {
        assert!(i < self.n && j < self.n, "index ({i}, {j}) of a {n}×{n} matrix", n = self.n);
        &self.values[i * self.n + j]
    }
}

impl ArgminDot<Vec<f64>, Vec<f64>> for Matrix {
    /// The product of the matrix with a column vector.
    ///
    /// # Panics
    /// If the vector's length is not the matrix's size (argmin passes the parameter, whose
    /// length the Hessian was built from).
    fn dot(&self, v: &Vec<f64>) -> Vec<f64> {
        assert_eq!(v.len(), self.n, "a {n}×{n} matrix times a vector of {} values", v.len(), n = self.n);
        self.values.chunks(self.n.max(1)).take(self.n).map(|row| row.iter().zip(v).map(|(a, b)| a * b).sum()).collect()
    }
}

impl ArgminInv<Matrix> for Matrix {
    fn inv(&self) -> Result<Matrix, Error> {
        self.inverse().ok_or_else(|| {
            let text = format!(
                "the {n}×{n} Hessian is singular or not finite, so Newton's step does not exist; start from another \
                 point, or use a trust-region solver (Steihaug) or L-BFGS, which need no inverse",
                n = self.n
            );
            ArgminError::ConditionViolated { text }.into()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &Matrix, b: &Matrix) -> bool {
        a.n == b.n && a.values.iter().zip(&b.values).all(|(x, y)| (x - y).abs() < 1e-12)
    }

    #[test]
    fn the_inverse_times_the_matrix_is_the_identity() {
        // Needs a row swap: the first pivot is 0.
        let a = Matrix::from_fn(3, |i, j| [[0.0, 2.0, 1.0], [1.0, 1.0, 0.0], [3.0, 0.0, 4.0]][i][j]);
        let inv = a.inverse().unwrap();
        let product = Matrix::from_fn(3, |i, j| (0..3).map(|k| a[(i, k)] * inv[(k, j)]).sum());
        assert!(close(&product, &Matrix::from_fn(3, |i, j| f64::from(u8::from(i == j)))), "{product:?}");
    }

    #[test]
    fn a_singular_hessian_is_an_error_that_says_what_to_do() {
        let a = Matrix::from_fn(2, |_, _| 1.0);
        let err = a.inv().unwrap_err().to_string();
        assert!(err.contains("the 2×2 Hessian is singular or not finite"), "{err}");
        assert!(err.contains("use a trust-region solver (Steihaug) or L-BFGS"), "{err}");
        assert!(Matrix::from_fn(1, |_, _| f64::NAN).inverse().is_none());
    }

    #[test]
    fn dot_multiplies_rows_by_the_vector() {
        let a = Matrix::from_fn(2, |i, j| (2 * i + j) as f64);
        assert_eq!(a.dot(&vec![1.0, 10.0]), [10.0, 32.0]);
        assert_eq!(a.to_rows(), [[0.0, 1.0], [2.0, 3.0]]);
        assert_eq!(Matrix::from_fn(0, |_, _| 0.0).inverse().map(|m| m.size()), Some(0));
    }
}
