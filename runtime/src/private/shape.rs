//! Shapes kept for zero gradients.
//!
//! A collection the reverse sweep needs only for the shape of its zero adjoint (a vector a
//! call returned inside a loop and that is then only read, `let k = rhs(x, &y);`) is not
//! recorded: its shape is. `(&KeepShape(&k)).kept_shape()` is, by autoref priority, the length
//! of a `Vec` or slice of floats ([`VecShape`], [`KeptVecShape`]); for any other type, a zero
//! gradient shaped like the value ([`KeptZero`], what was kept before). Either one is the
//! argument of `zero_like` in the reverse sweep.

use crate::tangent::Differentiable;
use core::marker::PhantomData;

/// A value whose shape is kept, see the module.
pub struct KeepShape<'a, T: ?Sized>(pub &'a T);

/// The shape of a vector of floats: its length.
pub struct VecShape<F> {
    len: usize,
    float: PhantomData<F>,
}

impl<F: crate::Float> Differentiable for VecShape<F> {
    type Tangent = Vec<F>;
    fn zero_tangent(&self) -> Vec<F> {
        vec![F::ZERO; self.len]
    }
}

/// See [`KeepShape`].
pub trait KeptVecShape {
    /// The float.
    type Float;
    /// The length.
    fn kept_shape(&self) -> VecShape<Self::Float>;
}

macro_rules! kept_vec_shape {
    ($($float:ty),*) => {$(
        impl KeptVecShape for KeepShape<'_, Vec<$float>> {
            type Float = $float;
            #[inline(always)]
            fn kept_shape(&self) -> VecShape<$float> {
                VecShape { len: self.0.len(), float: PhantomData }
            }
        }
        impl KeptVecShape for KeepShape<'_, &[$float]> {
            type Float = $float;
            #[inline(always)]
            fn kept_shape(&self) -> VecShape<$float> {
                VecShape { len: self.0.len(), float: PhantomData }
            }
        }
    )*};
}
kept_vec_shape!(f32, f64);

/// See [`KeepShape`].
pub trait KeptZero {
    /// The zero gradient.
    type Zero;
    /// Makes it.
    fn kept_shape(&self) -> Self::Zero;
}

impl<T: Differentiable + ?Sized> KeptZero for &KeepShape<'_, T> {
    type Zero = T::Tangent;
    #[inline(always)]
    fn kept_shape(&self) -> T::Tangent {
        self.0.zero_tangent()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::__private::zero_like;

    #[test]
    #[allow(clippy::needless_borrow, reason = "written as the generated code writes it, for every type")]
    fn a_float_vector_keeps_its_length_and_anything_else_a_zero() {
        let v = vec![1.0f64, 2.0, 3.0];
        let shape = (&KeepShape(&v)).kept_shape();
        assert_eq!(core::mem::size_of_val(&shape), core::mem::size_of::<usize>());
        assert_eq!(zero_like(&shape), vec![0.0; 3]);
        let s: &[f32] = &[1.0, 2.0];
        assert_eq!(zero_like(&(&KeepShape(&s)).kept_shape()), vec![0.0f32; 2]);
        let nested = vec![vec![1.0f64], vec![2.0, 3.0]];
        assert_eq!(zero_like(&(&KeepShape(&nested)).kept_shape()), vec![vec![0.0], vec![0.0, 0.0]]);
        let array = [4.0f64; 2];
        assert_eq!(zero_like(&(&KeepShape(&array)).kept_shape()), [0.0; 2]);
    }
}
