//! The tensor: a row-major array of floats with a shape, `f32` unless said otherwise.
//!
//! ```
//! use backprop::Tensor;
//!
//! let x = Tensor::new(vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0], &[2, 3]).unwrap();
//! assert_eq!(x.shape, [2, 3]);
//! assert_eq!(x.at(&[1, 2]), 6.0);
//! ```
//!
//! A `Tensor` is `Differentiable`: its gradient is a `Tensor` of the same shape, and layers
//! are `#[differentiable]` functions over `&Tensor`.
//!
//! `Tensor<f64>` ([`Tensor64`]) holds `f64` values: the same methods, gradients and
//! checkpoints (dtype `F64`, with its shape), and data sets and the
//! [training loop](crate::train::Trainer) take it (`Dataset<Tensor64, f64>` for an `f64`
//! regression). The layers and losses take `f32` tensors: `#[differentiable]` does not yet
//! differentiate generic functions. A function of your own over `&Tensor64` is
//! differentiable like one over `&Tensor` (name the type by the alias: the macro does not
//! read generic arguments in parameter types).
//!
//! In an expression, `Tensor::zeros(…)` takes its float type from how the tensor is used, as
//! `Vec::new()` does; where nothing says, write `<Tensor>::zeros(…)` (`f32`, the default) or
//! `Tensor64::zeros(…)`. Float literals that nothing else types are `f64`, as in plain Rust.
//!
//! ```
//! use backprop::{Tensor64, differentiable};
//!
//! /// Mean squared error of `f64` predictions.
//! #[differentiable(wrt(p))]
//! fn mse64(p: &Tensor64, t: &Tensor64) -> f64 {
//!     let mut total = 0.0;
//!     for i in 0..p.data.len() {
//!         total += (p.data[i] - t.data[i]).powi(2);
//!     }
//!     total / p.data.len() as f64
//! }
//!
//! let p = Tensor64::new(vec![1.0, 2.0, 3.0, 4.0], &[2, 2]).unwrap();
//! let (loss, grad) = mse64_grad(&p, &Tensor64::zeros(&[2, 2]));
//! assert_eq!(loss, 7.5);
//! assert_eq!((grad.data, grad.shape), (vec![0.5, 1.0, 1.5, 2.0], vec![2, 2]));
//! ```

use crate::error::{Error, Result};
use crate::float::Float;
use crate::tangent::{Accumulate, Differentiable};
use crate::visit::{NamedVisitor, NamedVisitorMut, PairVisitor};

/// A row-major array of float values with a shape (`[batch, features]`,
/// `[batch, channels, height, width]`, …): `f32` by default, or `f64` ([`Tensor64`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Tensor<T = f32> {
    /// The values, row-major (the last index varies fastest).
    pub data: Vec<T>,
    /// The size of each dimension; the product is `data.len()`.
    pub shape: Vec<usize>,
}

/// A tensor of `f64` values. In a `#[differentiable]` function's parameters, name it so
/// rather than `Tensor<f64>`: the macro does not read generic arguments there.
pub type Tensor64 = Tensor<f64>;

impl<T: Float> Tensor<T> {
    /// A tensor of `shape` holding `data`.
    ///
    /// # Errors
    /// [`Error::Shape`] when `data` does not have as many values as the shape asks for.
    pub fn new(data: Vec<T>, shape: &[usize]) -> Result<Tensor<T>> {
        let expected: usize = shape.iter().product();
        if expected != data.len() {
            let help = "give as many values as the product of the shape";
            return Err(Error::shape("Tensor::new", &[data.len()], shape, help));
        }
        Ok(Tensor { data, shape: shape.to_vec() })
    }

    /// Zeros of `shape`.
    pub fn zeros(shape: &[usize]) -> Tensor<T> {
        Tensor { data: vec![T::ZERO; shape.iter().product()], shape: shape.to_vec() }
    }

    /// The values `f(flat index)`.
    pub fn from_fn(shape: &[usize], f: impl FnMut(usize) -> T) -> Tensor<T> {
        let len = shape.iter().product();
        Tensor { data: (0..len).map(f).collect(), shape: shape.to_vec() }
    }

    /// The number of values.
    pub fn len(&self) -> usize {
        self.data.len()
    }

    /// Whether the tensor holds no value.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The value at a multi-dimensional index.
    ///
    /// # Panics
    /// If the index has the wrong rank or is out of bounds.
    pub fn at(&self, index: &[usize]) -> T {
        assert_eq!(index.len(), self.shape.len(), "index {index:?} for a tensor of shape {:?}", self.shape);
        let mut flat = 0;
        for (i, (&k, &n)) in index.iter().zip(&self.shape).enumerate() {
            assert!(k < n, "index {index:?} out of bounds for shape {:?} in dimension {i}", self.shape);
            flat = flat * n + k;
        }
        self.data[flat]
    }

    /// The same values with another shape of the same size.
    ///
    /// # Errors
    /// [`Error::Shape`] when the sizes differ.
    pub fn reshape(&self, shape: &[usize]) -> Result<Tensor<T>> {
        Tensor::new(self.data.clone(), shape)
    }

    /// The size of the first dimension (the batch), 0 for a scalar tensor.
    pub fn rows(&self) -> usize {
        self.shape.first().copied().unwrap_or(0)
    }

    /// The number of values per row (all dimensions but the first).
    pub fn row_len(&self) -> usize {
        self.shape.iter().skip(1).product()
    }

    /// Rows `rows` of the tensor (along the first dimension), copied.
    ///
    /// # Panics
    /// If a row is not below [`rows`](Self::rows).
    pub fn select_rows(&self, rows: &[usize]) -> Tensor<T> {
        let width = self.row_len();
        let mut data = Vec::with_capacity(rows.len() * width);
        for &r in rows {
            data.extend_from_slice(&self.data[r * width..(r + 1) * width]);
        }
        let mut shape = self.shape.clone();
        shape[0] = rows.len();
        Tensor { data, shape }
    }

    /// The index of the largest value of each row: the predicted class of each example.
    pub fn argmax_rows(&self) -> Vec<usize> {
        let width = self.row_len();
        self.data
            .chunks(width.max(1))
            .map(|row| {
                let mut best = 0;
                for (i, &v) in row.iter().enumerate() {
                    if v > row[best] {
                        best = i;
                    }
                }
                best
            })
            .collect()
    }
}

/// Written out rather than derived (it is what `#[derive(Differentiable)]` writes, but for
/// the walk by name) so that the values reach [checkpoints](crate::checkpoint) as one array
/// of the tensor's shape, named after the tensor itself (`hidden.w`, not `hidden.w.data`).
impl<T: Float> Differentiable for Tensor<T> {
    type Tangent = Tensor<T>;
    fn zero_tangent(&self) -> Tensor<T> {
        Tensor::zeros(&self.shape)
    }
    fn visit_pair(&mut self, tangent: &Tensor<T>, visitor: &mut PairVisitor<'_>) {
        T::visit_pair_slice(&mut self.data, &tangent.data, visitor);
    }
    fn visit_named(&self, visitor: &mut NamedVisitor<'_>) {
        T::visit_named_array(&self.data, &self.shape, visitor);
    }
    fn visit_named_mut(&mut self, visitor: &mut NamedVisitorMut<'_>) {
        T::visit_named_array_mut(&mut self.data, &self.shape, visitor);
    }
}

impl<T: Float + Accumulate> Accumulate for Tensor<T> {
    /// Adds the values; the shape is kept.
    ///
    /// # Panics
    /// If the two tensors hold different numbers of values; generated code never does this.
    fn accumulate(&mut self, other: Tensor<T>) {
        self.data.accumulate(other.data);
    }
}

impl<T: Float> crate::__private::Activity for Tensor<T> {
    type Flag = crate::__private::Active;
}

crate::__single_grad!([T: Float] Tensor<T>);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_names_both_sizes_when_they_differ() {
        let err = Tensor::new(vec![1.0; 5], &[2, 3]).err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("Tensor::new: shapes [5] and [2, 3] do not fit: give as many values as the product of the shape")
        );
    }

    #[test]
    fn select_rows_copies_whole_rows() {
        let x = Tensor::from_fn(&[3, 2], |i| i as f32);
        let y = x.select_rows(&[2, 0]);
        assert_eq!(y.data, [4.0, 5.0, 0.0, 1.0]);
        assert_eq!(y.shape, [2, 2]);
    }

    #[test]
    fn the_gradient_has_the_shape_and_names_the_tensor() {
        use crate::visit::NamedSink;
        struct Shapes(Vec<(String, Vec<usize>)>);
        impl NamedSink for Shapes {
            fn f32s(&mut self, _: &str, _: &[f32]) {
                unreachable!("a tensor hands over its shape");
            }
            fn f64s(&mut self, _: &str, _: &[f64]) {}
            fn f32_array(&mut self, name: &str, _: &[f32], shape: &[usize]) {
                self.0.push((name.to_string(), shape.to_vec()));
            }
        }
        let x = Tensor::from_fn(&[2, 3], |i| i as f32);
        let mut zero = x.zero_tangent();
        assert_eq!((zero.shape.as_slice(), zero.data.as_slice()), ([2, 3].as_slice(), [0.0; 6].as_slice()));
        zero.accumulate(x.clone());
        assert_eq!(zero, x);
        let mut shapes = Shapes(Vec::new());
        (x.clone(), 1.0f64).visit_named(&mut NamedVisitor::new(&mut shapes, &mut String::new()));
        assert_eq!(shapes.0, [("0".to_string(), vec![2, 3])]);
    }

    #[test]
    fn an_f64_tensor_has_the_same_methods_and_hands_over_its_shape() {
        use crate::visit::NamedSink;
        struct Arrays(Vec<(String, Vec<usize>, Vec<f64>)>);
        impl NamedSink for Arrays {
            fn f32s(&mut self, _: &str, _: &[f32]) {}
            fn f64s(&mut self, _: &str, _: &[f64]) {
                unreachable!("a tensor hands over its shape");
            }
            fn f64_array(&mut self, name: &str, values: &[f64], shape: &[usize]) {
                self.0.push((name.to_string(), shape.to_vec(), values.to_vec()));
            }
        }
        let x = Tensor64::from_fn(&[3, 2], |i| i as f64 + 0.5);
        assert_eq!(x.at(&[2, 1]), 5.5);
        assert_eq!(x.select_rows(&[1]).data, [2.5, 3.5]);
        assert_eq!(x.argmax_rows(), [1, 1, 1]);
        let err = Tensor64::new(vec![0.0; 5], &[2, 3]).unwrap_err();
        assert!(err.to_string().starts_with("Tensor::new: shapes [5] and [2, 3] do not fit"), "{err}");
        let mut zero = x.zero_tangent();
        zero.accumulate(x.clone());
        assert_eq!(zero, x);
        let mut arrays = Arrays(Vec::new());
        x.visit_named(&mut NamedVisitor::new(&mut arrays, &mut String::new()));
        assert_eq!(arrays.0, [(String::new(), vec![3, 2], x.data.clone())]);
    }

    #[test]
    fn argmax_takes_the_first_of_equal_maxima() {
        let x = Tensor::new(vec![0.1, 0.7, 0.7, 0.9, 0.2, 0.3], &[2, 3]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(x.argmax_rows(), [1, 0]);
    }
}
