//! Views of struct fields for reverse loops.
//!
//! A reverse loop that indexes `__d_model.out.w[base + j]` in every iteration reads it through
//! a view taken once before the loop (see the macro's `emit/views.rs`). The macro does not
//! know a field's type, so it writes
//!
//! ```text
//! let mut __source3_0 = Viewer::new(&mut __d_model.out.w);
//! let mut __view3_0 = __source3_0.__backprop_window(base, ..hi);
//! ```
//!
//! (`__backprop_window_ref` and `Viewer::new(&model.out.w)` for a shared field; the names are
//! unusual so that a method of the field's own type cannot be picked instead)
//!
//! and method resolution picks the view by the type:
//! * a `Vec` or an array: the inherent method, a sub-slice (the loop's bounds checks go);
//! * a type that implements `Index<usize>` itself: [`IndexFallback`], an [`Offset`] that
//!   indexes it at `base + j` exactly as the loop did before;
//! * anything else the loop could index, through `Deref` to a slice (`Box<[f64]>`, a newtype
//!   around a `Vec`): [`SliceWindow`] on the slice `Viewer` dereferences to, a sub-slice.
//!
//! So the generated code compiles for every type the loop could already index.

use core::ops::{Deref, DerefMut, Index, IndexMut};
use core::slice::SliceIndex;

/// A borrowed field about to become a view (a local, so that a view reached through `Deref`
/// may borrow it).
pub struct Viewer<P>(Option<P>);

impl<P> Viewer<P> {
    /// Holds the borrowed field.
    #[inline(always)]
    pub fn new(field: P) -> Viewer<P> {
        Viewer(Some(field))
    }
}

impl<'a, E> Viewer<&'a mut Vec<E>> {
    /// `&mut field[base..][range]`.
    #[inline(always)]
    pub fn __backprop_window<R: SliceIndex<[E], Output = [E]>>(&mut self, base: usize, range: R) -> &'a mut [E] {
        &mut taken(&mut self.0)[base..][range]
    }
}

impl<'a, E, const N: usize> Viewer<&'a mut [E; N]> {
    /// `&mut field[base..][range]`.
    #[inline(always)]
    pub fn __backprop_window<R: SliceIndex<[E], Output = [E]>>(&mut self, base: usize, range: R) -> &'a mut [E] {
        &mut taken(&mut self.0)[base..][range]
    }
}

impl<'a, E> Viewer<&'a Vec<E>> {
    /// `&field[base..][range]`.
    #[inline(always)]
    pub fn __backprop_window_ref<R: SliceIndex<[E], Output = [E]>>(&mut self, base: usize, range: R) -> &'a [E] {
        &taken(&mut self.0)[base..][range]
    }
}

impl<'a, E, const N: usize> Viewer<&'a [E; N]> {
    /// `&field[base..][range]`.
    #[inline(always)]
    pub fn __backprop_window_ref<R: SliceIndex<[E], Output = [E]>>(&mut self, base: usize, range: R) -> &'a [E] {
        &taken(&mut self.0)[base..][range]
    }
}

/// The view of a field that implements `Index<usize>` itself: indexes it at `base + j`.
pub trait IndexFallback {
    /// The view.
    type View;
    /// Keeps the field and the offset; checks nothing.
    fn __backprop_window<R>(&mut self, base: usize, range: R) -> Self::View;
}

impl<'a, T: IndexMut<usize> + ?Sized> IndexFallback for Viewer<&'a mut T> {
    type View = Offset<&'a mut T>;
    #[inline(always)]
    fn __backprop_window<R>(&mut self, base: usize, _range: R) -> Offset<&'a mut T> {
        Offset { inner: taken(&mut self.0), base }
    }
}

/// [`IndexFallback`] for a shared field.
pub trait IndexFallbackRef {
    /// The view.
    type View;
    /// Keeps the field and the offset; checks nothing.
    fn __backprop_window_ref<R>(&mut self, base: usize, range: R) -> Self::View;
}

impl<'a, T: Index<usize> + ?Sized> IndexFallbackRef for Viewer<&'a T> {
    type View = Offset<&'a T>;
    #[inline(always)]
    fn __backprop_window_ref<R>(&mut self, base: usize, _range: R) -> Offset<&'a T> {
        Offset { inner: taken(&mut self.0), base }
    }
}

/// The view of a field indexed through `Deref` to a slice: a sub-slice of the slice.
pub trait SliceWindow<E> {
    /// `&mut self[base..][range]`.
    fn __backprop_window<R: SliceIndex<[E], Output = [E]>>(&mut self, base: usize, range: R) -> &mut [E];
}

impl<E> SliceWindow<E> for [E] {
    #[inline(always)]
    fn __backprop_window<R: SliceIndex<[E], Output = [E]>>(&mut self, base: usize, range: R) -> &mut [E] {
        &mut self[base..][range]
    }
}

/// The view of a shared field indexed through `Deref` to a slice.
pub trait SliceWindowRef<E> {
    /// `&self[base..][range]`.
    fn __backprop_window_ref<R: SliceIndex<[E], Output = [E]>>(&self, base: usize, range: R) -> &[E];
}

impl<E> SliceWindowRef<E> for [E] {
    #[inline(always)]
    fn __backprop_window_ref<R: SliceIndex<[E], Output = [E]>>(&self, base: usize, range: R) -> &[E] {
        &self[base..][range]
    }
}

impl<T: ?Sized> Deref for Viewer<&mut T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        held(self.0.as_deref())
    }
}

impl<T: ?Sized> DerefMut for Viewer<&mut T> {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut T {
        held(self.0.as_deref_mut())
    }
}

impl<T: ?Sized> Deref for Viewer<&T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        held(self.0)
    }
}

/// The field, once: a viewer makes one view.
#[inline(always)]
fn taken<P>(field: &mut Option<P>) -> P {
    match field.take() {
        Some(p) => p,
        None => viewer_reused(),
    }
}

#[inline(always)]
fn held<P>(field: Option<P>) -> P {
    match field {
        Some(p) => p,
        None => viewer_reused(),
    }
}

#[cold]
#[inline(never)]
fn viewer_reused() -> ! {
    panic!("backprop: a field viewer was used twice (a bug in the generated code; please report it)")
}

/// A field indexed from an offset.
pub struct Offset<P> {
    inner: P,
    base: usize,
}

impl<T: Index<usize> + ?Sized> Index<usize> for Offset<&T> {
    type Output = T::Output;
    #[inline(always)]
    fn index(&self, j: usize) -> &T::Output {
        &self.inner[self.base + j]
    }
}

impl<T: Index<usize> + ?Sized> Index<usize> for Offset<&mut T> {
    type Output = T::Output;
    #[inline(always)]
    fn index(&self, j: usize) -> &T::Output {
        &self.inner[self.base + j]
    }
}

impl<T: IndexMut<usize> + ?Sized> IndexMut<usize> for Offset<&mut T> {
    #[inline(always)]
    fn index_mut(&mut self, j: usize) -> &mut T::Output {
        &mut self.inner[self.base + j]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;

    struct Newtype(Vec<f64>);

    impl Deref for Newtype {
        type Target = [f64];
        fn deref(&self) -> &[f64] {
            &self.0
        }
    }

    impl DerefMut for Newtype {
        fn deref_mut(&mut self) -> &mut [f64] {
            &mut self.0
        }
    }

    #[test]
    fn vecs_and_arrays_give_sub_slices() {
        let mut v = vec![0.0, 1.0, 2.0, 3.0, 4.0];
        let mut source = Viewer::new(&mut v);
        let w: &mut [f64] = source.__backprop_window(1, ..3);
        w[2] += 10.0;
        assert_eq!(v, [0.0, 1.0, 2.0, 13.0, 4.0]);
        let a = [5.0, 6.0, 7.0];
        let mut source = Viewer::new(&a);
        let view: &[f64] = source.__backprop_window_ref(1, ..=1);
        assert_eq!(view, [6.0, 7.0]);
    }

    #[test]
    fn types_indexed_through_deref_give_sub_slices_of_their_slice() {
        let mut n = Newtype(vec![0.0, 1.0, 2.0, 3.0]);
        let mut source = Viewer::new(&mut n);
        let w: &mut [f64] = source.__backprop_window(2, ..2);
        w[1] += 10.0;
        assert_eq!(n.0, [0.0, 1.0, 2.0, 13.0]);
        let b: Box<[f64]> = vec![1.0, 2.0, 3.0].into_boxed_slice();
        let source = Viewer::new(&b);
        let view: &[f64] = source.__backprop_window_ref(1, ..2);
        assert_eq!(view, [2.0, 3.0]);
    }

    #[test]
    fn other_indexable_types_fall_back_to_an_offset() {
        let mut d: VecDeque<f64> = (0..5).map(f64::from).collect();
        let mut source = Viewer::new(&mut d);
        let mut w = source.__backprop_window(2, ..2);
        w[1] += 10.0;
        assert_eq!(w[0], 2.0);
        assert_eq!(d[3], 13.0);
        let mut source = Viewer::new(&d);
        let view = source.__backprop_window_ref(1, ..2);
        assert_eq!(view[2], 13.0);
    }
}
