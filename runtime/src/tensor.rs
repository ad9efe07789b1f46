//! The tensor: a row-major array of `f32` with a shape.
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

use crate::error::{Error, Result};
use crate::tangent::{Accumulate, Differentiable};
use crate::visit::{NamedVisitor, NamedVisitorMut, PairVisitor};

/// A row-major array of `f32` values with a shape (`[batch, features]`,
/// `[batch, channels, height, width]`, …).
#[derive(Clone, Debug, PartialEq)]
pub struct Tensor {
    /// The values, row-major (the last index varies fastest).
    pub data: Vec<f32>,
    /// The size of each dimension; the product is `data.len()`.
    pub shape: Vec<usize>,
}

impl Tensor {
    /// A tensor of `shape` holding `data`.
    ///
    /// # Errors
    /// [`Error::Shape`] when `data` does not have as many values as the shape asks for.
    pub fn new(data: Vec<f32>, shape: &[usize]) -> Result<Tensor> {
        let expected: usize = shape.iter().product();
        if expected != data.len() {
            let help = "give as many values as the product of the shape";
            return Err(Error::shape("Tensor::new", &[data.len()], shape, help));
        }
        Ok(Tensor { data, shape: shape.to_vec() })
    }

    /// Zeros of `shape`.
    pub fn zeros(shape: &[usize]) -> Tensor {
        Tensor { data: vec![0.0; shape.iter().product()], shape: shape.to_vec() }
    }

    /// The values `f(flat index)`.
    pub fn from_fn(shape: &[usize], f: impl FnMut(usize) -> f32) -> Tensor {
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
    pub fn at(&self, index: &[usize]) -> f32 {
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
    pub fn reshape(&self, shape: &[usize]) -> Result<Tensor> {
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
    pub fn select_rows(&self, rows: &[usize]) -> Tensor {
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
impl Differentiable for Tensor {
    type Tangent = Tensor;
    fn zero_tangent(&self) -> Tensor {
        Tensor::zeros(&self.shape)
    }
    fn visit_pair(&mut self, tangent: &Tensor, visitor: &mut PairVisitor<'_>) {
        visitor.f32s(&mut self.data, &tangent.data);
    }
    fn visit_named(&self, visitor: &mut NamedVisitor<'_>) {
        visitor.f32_array(&self.data, &self.shape);
    }
    fn visit_named_mut(&mut self, visitor: &mut NamedVisitorMut<'_>) {
        visitor.f32_array(&mut self.data, &self.shape);
    }
}

impl Accumulate for Tensor {
    /// Adds the values; the shape is kept.
    ///
    /// # Panics
    /// If the two tensors hold different numbers of values; generated code never does this.
    fn accumulate(&mut self, other: Tensor) {
        self.data.accumulate(other.data);
    }
}

impl crate::__private::Activity for Tensor {
    type Flag = crate::__private::Active;
}

crate::__single_grad!([] Tensor);

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
    fn argmax_takes_the_first_of_equal_maxima() {
        let x = Tensor::new(vec![0.1, 0.7, 0.7, 0.9, 0.2, 0.3], &[2, 3]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(x.argmax_rows(), [1, 0]);
    }
}
