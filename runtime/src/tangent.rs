//! Tangent types: the shape a gradient has for each kind of value.
//!
//! | value type | tangent type |
//! |---|---|
//! | `f32`, `f64` | the same float |
//! | `Vec<T>`, `[T]` | `Vec<T::Tangent>` |
//! | `[T; N]` | `[T::Tangent; N]` |
//! | `&T` | `T::Tangent` |
//! | integers, `bool`, `char` | the same value, copied (a shape or a flag carried along) |
//! | a struct with `#[derive(Differentiable)]` | the same struct |
//!
//! Generated code builds zero gradients with [`Differentiable::zero_tangent`] and sums
//! contributions with [`Accumulate::accumulate`]; the derive implements both for structs.

/// A value that has a gradient of type [`Differentiable::Tangent`].
///
/// Derive it for your own structs with `#[derive(Differentiable)]`; float and collection
/// fields hold gradients, integer and `bool` fields are copied from the value.
pub trait Differentiable {
    /// The gradient's type.
    type Tangent;
    /// A zero gradient shaped like `self` (same lengths, same copied integer fields).
    fn zero_tangent(&self) -> Self::Tangent;
}

/// A gradient that can absorb another gradient of the same shape by addition.
pub trait Accumulate {
    /// `self += other`, element by element. Copied integer and `bool` fields are kept.
    ///
    /// # Panics
    /// If two collections have different lengths; generated code never does this.
    fn accumulate(&mut self, other: Self);
}

macro_rules! float_tangent {
    ($($t:ty),*) => {$(
        impl Differentiable for $t {
            type Tangent = $t;
            #[inline(always)]
            fn zero_tangent(&self) -> $t {
                0.0
            }
        }
        impl Accumulate for $t {
            #[inline(always)]
            fn accumulate(&mut self, other: $t) {
                *self += other;
            }
        }
    )*};
}
float_tangent!(f32, f64);

macro_rules! copied_tangent {
    ($($t:ty),*) => {$(
        impl Differentiable for $t {
            type Tangent = $t;
            #[inline(always)]
            fn zero_tangent(&self) -> $t {
                *self
            }
        }
        impl Accumulate for $t {
            #[inline(always)]
            fn accumulate(&mut self, _other: $t) {}
        }
    )*};
}
copied_tangent!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize, bool, char);

impl<T: Differentiable> Differentiable for [T] {
    type Tangent = Vec<T::Tangent>;
    fn zero_tangent(&self) -> Self::Tangent {
        self.iter().map(T::zero_tangent).collect()
    }
}

impl<T: Differentiable> Differentiable for Vec<T> {
    type Tangent = Vec<T::Tangent>;
    fn zero_tangent(&self) -> Self::Tangent {
        self.as_slice().zero_tangent()
    }
}

impl<T: Accumulate> Accumulate for Vec<T> {
    fn accumulate(&mut self, other: Self) {
        assert_eq!(
            self.len(),
            other.len(),
            "backprop: adding gradients of lengths {} and {}",
            self.len(),
            other.len()
        );
        for (a, b) in self.iter_mut().zip(other) {
            a.accumulate(b);
        }
    }
}

impl<T: Differentiable, const N: usize> Differentiable for [T; N] {
    type Tangent = [T::Tangent; N];
    fn zero_tangent(&self) -> Self::Tangent {
        core::array::from_fn(|i| self[i].zero_tangent())
    }
}

impl<T: Accumulate, const N: usize> Accumulate for [T; N] {
    fn accumulate(&mut self, other: Self) {
        for (a, b) in self.iter_mut().zip(other) {
            a.accumulate(b);
        }
    }
}

impl<T: Differentiable + ?Sized> Differentiable for &T {
    type Tangent = T::Tangent;
    #[inline(always)]
    fn zero_tangent(&self) -> Self::Tangent {
        (**self).zero_tangent()
    }
}

impl<T: Differentiable + ?Sized> Differentiable for Box<T> {
    type Tangent = T::Tangent;
    fn zero_tangent(&self) -> Self::Tangent {
        (**self).zero_tangent()
    }
}

macro_rules! tuple_tangent {
    ($($name:ident . $idx:tt),+) => {
        impl<$($name: Differentiable),+> Differentiable for ($($name,)+) {
            type Tangent = ($($name::Tangent,)+);
            fn zero_tangent(&self) -> Self::Tangent {
                ($(self.$idx.zero_tangent(),)+)
            }
        }
        impl<$($name: Accumulate),+> Accumulate for ($($name,)+) {
            fn accumulate(&mut self, other: Self) {
                $(self.$idx.accumulate(other.$idx);)+
            }
        }
    };
}
tuple_tangent!(A.0);
tuple_tangent!(A.0, B.1);
tuple_tangent!(A.0, B.1, C.2);
tuple_tangent!(A.0, B.1, C.2, D.3);
tuple_tangent!(A.0, B.1, C.2, D.3, E.4);
tuple_tangent!(A.0, B.1, C.2, D.3, E.4, F.5);
tuple_tangent!(A.0, B.1, C.2, D.3, E.4, F.5, G.6);
tuple_tangent!(A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_tangent_is_a_zero_vec_of_the_same_length() {
        let x: &[f64] = &[1.0, 2.0, 3.0];
        assert_eq!(x.zero_tangent(), vec![0.0; 3]);
    }

    #[test]
    fn nested_vec_tangent_keeps_the_shape() {
        let x = vec![vec![1.0f32; 2], vec![3.0; 4]];
        let z = x.zero_tangent();
        assert_eq!(z, vec![vec![0.0; 2], vec![0.0; 4]]);
    }

    #[test]
    fn integers_are_copied_and_never_summed() {
        let mut n = 7usize;
        assert_eq!(n.zero_tangent(), 7);
        n.accumulate(5);
        assert_eq!(n, 7);
    }

    #[test]
    fn vec_accumulate_adds_elementwise() {
        let mut a = vec![1.0, 2.0];
        a.accumulate(vec![0.5, -1.0]);
        assert_eq!(a, vec![1.5, 1.0]);
    }

    #[test]
    #[should_panic(expected = "lengths 2 and 3")]
    fn vec_accumulate_names_both_lengths() {
        let mut a = vec![1.0, 2.0];
        a.accumulate(vec![0.0; 3]);
    }
}
