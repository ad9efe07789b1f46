//! `ndarray` and `nalgebra` arrays as differentiable values (features `ndarray` and
//! `nalgebra`): parameters, fields of derived structs and results, indexed as those crates
//! index (`a[[i, j]]`, `m[(i, j)]`). The gradient of an array is an owned array of the same
//! type and shape (of a view, the owned array it views), so an optimiser or a checkpoint walks
//! it like any other gradient.
//!
//! ```
//! # #[cfg(feature = "ndarray")] {
//! use backprop::differentiable;
//! use backprop::ndarray::{Array2, array};
//!
//! // Σᵢⱼ aᵢⱼ²; the gradient is 2a, an `Array2` of the same shape.
//! #[differentiable]
//! fn frobenius(a: &Array2<f64>) -> f64 {
//!     let mut s = 0.0;
//!     for i in 0..a.nrows() {
//!         for j in 0..a.ncols() {
//!             s += a[[i, j]] * a[[i, j]];
//!         }
//!     }
//!     s
//! }
//!
//! let a = array![[1.0, 2.0], [3.0, 4.0]];
//! let (value, grad) = frobenius_grad(&a);
//! assert_eq!((value, grad), (30.0, array![[2.0, 4.0], [6.0, 8.0]]));
//! # }
//! ```

#[cfg(feature = "ndarray")]
mod ndarray_arrays {
    use crate::__private::{Active, Activity, NamedVisitor, NamedVisitorMut, PairVisitor};
    use crate::Float;
    use crate::tangent::{Accumulate, Differentiable};
    use ndarray::{Array, ArrayView, Dimension, Zip};

    impl<A: Float, D: Dimension> Differentiable for Array<A, D> {
        type Tangent = Array<A, D>;
        fn zero_tangent(&self) -> Array<A, D> {
            Array::from_elem(self.raw_dim(), A::ZERO)
        }
        fn visit_pair(&mut self, tangent: &Array<A, D>, visitor: &mut PairVisitor<'_>) {
            match (self.as_slice_mut(), tangent.as_slice()) {
                (Some(values), Some(tangents)) => A::visit_pair_slice(values, tangents, visitor),
                // A value or gradient not in standard order (transposed, say): element by element.
                _ => Zip::from(self)
                    .and(tangent)
                    .for_each(|v, t| A::visit_pair_slice(core::slice::from_mut(v), core::slice::from_ref(t), visitor)),
            }
        }
        fn visit_named(&self, visitor: &mut NamedVisitor<'_>) {
            visit_named(self.view(), visitor);
        }
        fn visit_named_mut(&mut self, visitor: &mut NamedVisitorMut<'_>) {
            let shape = self.shape().to_vec();
            let mut standard = self.as_standard_layout().into_owned();
            if let Some(values) = standard.as_slice_mut() {
                A::visit_named_array_mut(values, &shape, visitor);
            }
            self.assign(&standard);
        }
    }

    impl<A: Float, D: Dimension> Differentiable for ArrayView<'_, A, D> {
        type Tangent = Array<A, D>;
        fn zero_tangent(&self) -> Array<A, D> {
            Array::from_elem(self.raw_dim(), A::ZERO)
        }
        // A view cannot be written: it takes no part in optimisers and loading.
        fn visit_named(&self, visitor: &mut NamedVisitor<'_>) {
            visit_named(self.view(), visitor);
        }
    }

    /// The values in row-major order, with their shape (as PyTorch and safetensors store them).
    fn visit_named<A: Float, D: Dimension>(array: ArrayView<'_, A, D>, visitor: &mut NamedVisitor<'_>) {
        let standard = array.as_standard_layout();
        if let Some(values) = standard.as_slice() {
            A::visit_named_array(values, array.shape(), visitor);
        }
    }

    impl<A: Float, D: Dimension> Accumulate for Array<A, D> {
        /// # Panics
        /// If the shapes differ; generated code never does this.
        fn accumulate(&mut self, other: Array<A, D>) {
            assert_eq!(
                self.shape(),
                other.shape(),
                "backprop: adding gradients of shapes {:?} and {:?}",
                self.shape(),
                other.shape()
            );
            Zip::from(self).and(&other).for_each(|a, &b| *a += b);
        }
    }

    impl<A: Float, D: Dimension> Activity for Array<A, D> {
        type Flag = Active;
    }
    impl<A: Float, D: Dimension> Activity for ArrayView<'_, A, D> {
        type Flag = Active;
    }
    crate::__single_grad!([A: Float, D: Dimension] Array<A, D>);
}

#[cfg(feature = "nalgebra")]
mod nalgebra_matrices {
    use crate::__private::{Active, Activity, NamedVisitor, NamedVisitorMut, PairVisitor};
    use crate::Float;
    use crate::tangent::{Accumulate, Differentiable};
    use nalgebra::allocator::Allocator;
    use nalgebra::{DefaultAllocator, Dim, Matrix, OMatrix, RawStorageMut, Storage};

    impl<T: Float, R: Dim, C: Dim, S> Differentiable for Matrix<T, R, C, S>
    where
        S: Storage<T, R, C> + RawStorageMut<T, R, C>,
        DefaultAllocator: Allocator<R, C> + Allocator<C, R>,
    {
        type Tangent = OMatrix<T, R, C>;
        fn zero_tangent(&self) -> OMatrix<T, R, C> {
            let (rows, cols) = self.shape_generic();
            OMatrix::from_element_generic(rows, cols, T::ZERO)
        }
        fn visit_pair(&mut self, tangent: &OMatrix<T, R, C>, visitor: &mut PairVisitor<'_>) {
            for (v, t) in self.iter_mut().zip(tangent.iter()) {
                T::visit_pair_slice(core::slice::from_mut(v), core::slice::from_ref(t), visitor);
            }
        }
        /// Row-major, with the shape `[rows, columns]` (nalgebra stores columns first).
        fn visit_named(&self, visitor: &mut NamedVisitor<'_>) {
            let rows_first: Vec<T> = self.transpose().iter().copied().collect();
            T::visit_named_array(&rows_first, &[self.nrows(), self.ncols()], visitor);
        }
        fn visit_named_mut(&mut self, visitor: &mut NamedVisitorMut<'_>) {
            let (rows, cols) = (self.nrows(), self.ncols());
            let mut rows_first: Vec<T> = self.transpose().iter().copied().collect();
            T::visit_named_array_mut(&mut rows_first, &[rows, cols], visitor);
            for i in 0..rows {
                for j in 0..cols {
                    self[(i, j)] = rows_first[i * cols + j];
                }
            }
        }
    }

    impl<T: Float, R: Dim, C: Dim, S> Accumulate for Matrix<T, R, C, S>
    where
        S: Storage<T, R, C> + RawStorageMut<T, R, C>,
    {
        /// # Panics
        /// If the shapes differ; generated code never does this.
        fn accumulate(&mut self, other: Self) {
            assert_eq!(self.shape(), other.shape(), "backprop: adding gradients of different shapes");
            for (a, b) in self.iter_mut().zip(other.iter()) {
                *a += *b;
            }
        }
    }

    impl<T: Float, R: Dim, C: Dim, S> Activity for Matrix<T, R, C, S> {
        type Flag = Active;
    }
    crate::__single_grad!([T: Float, R: Dim, C: Dim, S] Matrix<T, R, C, S>);
}
