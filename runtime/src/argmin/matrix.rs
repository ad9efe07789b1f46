//! The Hessian of an [`Objective`](super::Objective): a square matrix argmin's solvers can
//! multiply with a vector and invert.

use ::argmin::core::{ArgminError, Error};
use argmin_math::{ArgminDot, ArgminInv};
use std::ops::Index;

/// A square matrix of `f64`, row-major: the Hessian of an [`Objective`](super::Objective). argmin's solvers
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
