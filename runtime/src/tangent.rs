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

use crate::visit::{NamedVisitor, NamedVisitorMut, PairVisitor};

/// A value that has a gradient of type [`Differentiable::Tangent`].
///
/// Derive it for your own structs with `#[derive(Differentiable)]`; float and collection
/// fields hold gradients, integer and `bool` fields are copied from the value.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no gradient: it does not derive `Differentiable`",
    label = "this value would need a gradient",
    note = "add `#[derive(Differentiable)]` to the type (for an `ndarray` or `nalgebra` array of floats, turn on backprop's feature of that name and use the crate it re-exports, `backprop::ndarray`, `backprop::nalgebra`); a parameter of this type can instead be left out of the gradient with `#[differentiable(wrt(...))]`"
)]
pub trait Differentiable {
    /// The gradient's type.
    type Tangent;

    /// A zero gradient shaped like `self` (same lengths, same copied integer fields).
    fn zero_tangent(&self) -> Self::Tangent;

    /// Walks every float leaf of `self` with the same leaf of `tangent` (optimisers use it).
    fn visit_pair(&mut self, tangent: &Self::Tangent, visitor: &mut PairVisitor<'_>) {
        let _ = (tangent, visitor);
    }

    /// Walks every float leaf of `self` with its name (saving uses it).
    fn visit_named(&self, visitor: &mut NamedVisitor<'_>) {
        let _ = visitor;
    }

    /// Walks every float leaf of `self` with its name, to overwrite it (loading uses it).
    fn visit_named_mut(&mut self, visitor: &mut NamedVisitorMut<'_>) {
        let _ = visitor;
    }

    /// Takes a tangent out of its slot for the reverse sweep (the adjoint of an element of
    /// `vec![a, s]` or of `y[i] = s`), leaving a zero of its shape — or, for a `Vec`, the empty
    /// one `mem::take` leaves, which costs nothing and which the sweep never reads. Unlike
    /// `mem::take`, it asks no `Default` of a derived struct.
    #[doc(hidden)]
    fn __take_tangent(slot: &mut Self) -> Self
    where
        Self: Sized + Differentiable<Tangent = Self>,
    {
        let zero = slot.zero_tangent();
        core::mem::replace(slot, zero)
    }

    /// Zero gradients for the elements of a slice. Floats override it to allocate zeroed
    /// memory at once instead of element by element.
    fn zero_tangent_slice(items: &[Self]) -> Vec<Self::Tangent>
    where
        Self: Sized,
    {
        items.iter().map(Self::zero_tangent).collect()
    }

    /// [`visit_pair`](Self::visit_pair) over the elements of a slice. Floats override it
    /// to hand over the whole slice at once; other types enter each element by index.
    fn visit_pair_slice(items: &mut [Self], tangents: &[Self::Tangent], visitor: &mut PairVisitor<'_>)
    where
        Self: Sized,
    {
        for (i, (item, tangent)) in items.iter_mut().zip(tangents).enumerate() {
            item.visit_pair(tangent, &mut visitor.enter_index(i));
        }
    }

    /// [`visit_named`](Self::visit_named) over the elements of a slice.
    fn visit_named_slice(items: &[Self], visitor: &mut NamedVisitor<'_>)
    where
        Self: Sized,
    {
        for (i, item) in items.iter().enumerate() {
            item.visit_named(&mut visitor.enter_index(i));
        }
    }

    /// [`visit_named_mut`](Self::visit_named_mut) over the elements of a slice.
    fn visit_named_mut_slice(items: &mut [Self], visitor: &mut NamedVisitorMut<'_>)
    where
        Self: Sized,
    {
        for (i, item) in items.iter_mut().enumerate() {
            item.visit_named_mut(&mut visitor.enter_index(i));
        }
    }
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
    ($($t:ident),*) => {$(
        impl Differentiable for $t {
            type Tangent = $t;
            #[inline(always)]
            fn zero_tangent(&self) -> $t {
                0.0
            }
            fn visit_pair(&mut self, tangent: &$t, visitor: &mut PairVisitor<'_>) {
                visitor.$t(core::slice::from_mut(self), core::slice::from_ref(tangent));
            }
            fn visit_named(&self, visitor: &mut NamedVisitor<'_>) {
                visitor.$t(core::slice::from_ref(self));
            }
            fn visit_named_mut(&mut self, visitor: &mut NamedVisitorMut<'_>) {
                visitor.$t(core::slice::from_mut(self));
            }
            fn zero_tangent_slice(items: &[$t]) -> Vec<$t> {
                vec![0.0; items.len()]
            }
            fn visit_pair_slice(items: &mut [$t], tangents: &[$t], visitor: &mut PairVisitor<'_>) {
                visitor.$t(items, tangents);
            }
            fn visit_named_slice(items: &[$t], visitor: &mut NamedVisitor<'_>) {
                visitor.$t(items);
            }
            fn visit_named_mut_slice(items: &mut [$t], visitor: &mut NamedVisitorMut<'_>) {
                visitor.$t(items);
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

// The visitors' methods are named after the float types, so the macro above can call them.
impl PairVisitor<'_> {
    fn f32(&mut self, value: &mut [f32], grad: &[f32]) {
        self.f32s(value, grad);
    }
    fn f64(&mut self, value: &mut [f64], grad: &[f64]) {
        self.f64s(value, grad);
    }
}
impl NamedVisitor<'_> {
    fn f32(&mut self, value: &[f32]) {
        self.f32s(value);
    }
    fn f64(&mut self, value: &[f64]) {
        self.f64s(value);
    }
}
impl NamedVisitorMut<'_> {
    fn f32(&mut self, value: &mut [f32]) {
        self.f32s(value);
    }
    fn f64(&mut self, value: &mut [f64]) {
        self.f64s(value);
    }
}

macro_rules! copied_tangent {
    ($($t:ty),*) => {$(
        impl Differentiable for $t {
            type Tangent = $t;
            #[inline(always)]
            fn zero_tangent(&self) -> $t {
                *self
            }
            // No float leaves: nothing to visit, element by element or at all.
            fn visit_pair_slice(_items: &mut [$t], _tangents: &[$t], _visitor: &mut PairVisitor<'_>) {}
            fn visit_named_slice(_items: &[$t], _visitor: &mut NamedVisitor<'_>) {}
            fn visit_named_mut_slice(_items: &mut [$t], _visitor: &mut NamedVisitorMut<'_>) {}
        }
        impl Accumulate for $t {
            #[inline(always)]
            fn accumulate(&mut self, _other: $t) {}
        }
    )*};
}
copied_tangent!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize, bool, char);

// `()`: the value of a function that only fills `&mut` buffers. (Not `Accumulate`: `()` is
// also the gradient of a constant argument, which adds nothing to anything; see `AddGrad`.)
impl Differentiable for () {
    type Tangent = ();
    #[inline(always)]
    fn zero_tangent(&self) {}
    fn visit_pair_slice(_items: &mut [()], _tangents: &[()], _visitor: &mut PairVisitor<'_>) {}
    fn visit_named_slice(_items: &[()], _visitor: &mut NamedVisitor<'_>) {}
    fn visit_named_mut_slice(_items: &mut [()], _visitor: &mut NamedVisitorMut<'_>) {}
}

impl<T: Differentiable> Differentiable for [T] {
    type Tangent = Vec<T::Tangent>;
    fn zero_tangent(&self) -> Self::Tangent {
        T::zero_tangent_slice(self)
    }
    fn visit_pair(&mut self, tangent: &Self::Tangent, visitor: &mut PairVisitor<'_>) {
        T::visit_pair_slice(self, tangent, visitor);
    }
    fn visit_named(&self, visitor: &mut NamedVisitor<'_>) {
        T::visit_named_slice(self, visitor);
    }
    fn visit_named_mut(&mut self, visitor: &mut NamedVisitorMut<'_>) {
        T::visit_named_mut_slice(self, visitor);
    }
}

impl<T: Differentiable> Differentiable for Vec<T> {
    type Tangent = Vec<T::Tangent>;
    fn zero_tangent(&self) -> Self::Tangent {
        T::zero_tangent_slice(self)
    }
    fn __take_tangent(slot: &mut Self) -> Self
    where
        Self: Sized + Differentiable<Tangent = Self>,
    {
        core::mem::take(slot)
    }
    fn visit_pair(&mut self, tangent: &Self::Tangent, visitor: &mut PairVisitor<'_>) {
        T::visit_pair_slice(self, tangent, visitor);
    }
    fn visit_named(&self, visitor: &mut NamedVisitor<'_>) {
        T::visit_named_slice(self, visitor);
    }
    fn visit_named_mut(&mut self, visitor: &mut NamedVisitorMut<'_>) {
        T::visit_named_mut_slice(self, visitor);
    }
}

impl<T: Accumulate> Accumulate for Vec<T> {
    fn accumulate(&mut self, other: Self) {
        assert_eq!(self.len(), other.len(), "backprop: adding gradients of lengths {} and {}", self.len(), other.len());
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
    fn visit_pair(&mut self, tangent: &Self::Tangent, visitor: &mut PairVisitor<'_>) {
        T::visit_pair_slice(self, tangent, visitor);
    }
    fn visit_named(&self, visitor: &mut NamedVisitor<'_>) {
        T::visit_named_slice(self, visitor);
    }
    fn visit_named_mut(&mut self, visitor: &mut NamedVisitorMut<'_>) {
        T::visit_named_mut_slice(self, visitor);
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
    // Reading through the reference (a tangent passed as `&[f64]` is flattened by
    // `directional`); the borrow is shared, so nothing can be written through it.
    fn visit_named(&self, visitor: &mut NamedVisitor<'_>) {
        (**self).visit_named(visitor);
    }
}

impl<T: Differentiable + ?Sized> Differentiable for Box<T> {
    type Tangent = T::Tangent;
    fn zero_tangent(&self) -> Self::Tangent {
        (**self).zero_tangent()
    }
    fn visit_pair(&mut self, tangent: &Self::Tangent, visitor: &mut PairVisitor<'_>) {
        (**self).visit_pair(tangent, visitor);
    }
    fn visit_named(&self, visitor: &mut NamedVisitor<'_>) {
        (**self).visit_named(visitor);
    }
    fn visit_named_mut(&mut self, visitor: &mut NamedVisitorMut<'_>) {
        (**self).visit_named_mut(visitor);
    }
}

// `Option`: a value that may be absent (the distance to a surface a ray may miss). Its
// gradient has the value's shape: `None` where the value is `None`.
impl<T: Differentiable> Differentiable for Option<T> {
    type Tangent = Option<T::Tangent>;
    fn zero_tangent(&self) -> Self::Tangent {
        self.as_ref().map(T::zero_tangent)
    }
    fn visit_pair(&mut self, tangent: &Self::Tangent, visitor: &mut PairVisitor<'_>) {
        if let (Some(value), Some(tangent)) = (self, tangent) {
            value.visit_pair(tangent, visitor);
        }
    }
    fn visit_named(&self, visitor: &mut NamedVisitor<'_>) {
        if let Some(value) = self {
            value.visit_named(visitor);
        }
    }
    fn visit_named_mut(&mut self, visitor: &mut NamedVisitorMut<'_>) {
        if let Some(value) = self {
            value.visit_named_mut(visitor);
        }
    }
}

impl<T: Accumulate> Accumulate for Option<T> {
    /// Adding to `None` takes the other gradient: a local `Option`'s adjoint may start empty.
    fn accumulate(&mut self, other: Self) {
        let Some(other) = other else { return };
        match self {
            Some(value) => value.accumulate(other),
            None => *self = Some(other),
        }
    }
}

macro_rules! tuple_tangent {
    ($($name:ident . $idx:tt),+) => {
        impl<$($name: Differentiable),+> Differentiable for ($($name,)+) {
            type Tangent = ($($name::Tangent,)+);
            fn zero_tangent(&self) -> Self::Tangent {
                ($(self.$idx.zero_tangent(),)+)
            }
            fn visit_pair(&mut self, tangent: &Self::Tangent, visitor: &mut PairVisitor<'_>) {
                $(self.$idx.visit_pair(&tangent.$idx, &mut visitor.enter(stringify!($idx)));)+
            }
            fn visit_named(&self, visitor: &mut NamedVisitor<'_>) {
                $(self.$idx.visit_named(&mut visitor.enter(stringify!($idx)));)+
            }
            fn visit_named_mut(&mut self, visitor: &mut NamedVisitorMut<'_>) {
                $(self.$idx.visit_named_mut(&mut visitor.enter(stringify!($idx)));)+
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
