//! Views of struct fields for reverse loops.
//!
//! A reverse loop that indexes `__d_model.out.w[base + j]` in every iteration reads it through
//! a view taken once before the loop (see the macro's `emit/views.rs`). For a field the macro
//! does not know the type of, so it writes `Viewer(&mut __d_model.out.w).window(base, ..hi)`:
//! a `Vec`, slice or array field gets a real sub-slice (inherent methods, which method
//! resolution tries first), so the loop's bounds checks go; any other indexable type falls
//! back to [`WindowFallback`], an [`Offset`] that indexes the field at `base + j` exactly as
//! the loop did before. Either way the generated code compiles for every type the loop
//! already indexed.

use core::ops::{Index, IndexMut};
use core::slice::SliceIndex;

/// A borrowed field about to become a view.
pub struct Viewer<T>(pub T);

impl<'a, E> Viewer<&'a mut Vec<E>> {
    /// `&mut field[base..][range]`.
    #[inline(always)]
    pub fn window<R: SliceIndex<[E], Output = [E]>>(self, base: usize, range: R) -> &'a mut [E] {
        &mut self.0[base..][range]
    }
}

impl<'a, E, const N: usize> Viewer<&'a mut [E; N]> {
    /// `&mut field[base..][range]`.
    #[inline(always)]
    pub fn window<R: SliceIndex<[E], Output = [E]>>(self, base: usize, range: R) -> &'a mut [E] {
        &mut self.0[base..][range]
    }
}

impl<'a, E> Viewer<&'a Vec<E>> {
    /// `&field[base..][range]`.
    #[inline(always)]
    pub fn window<R: SliceIndex<[E], Output = [E]>>(self, base: usize, range: R) -> &'a [E] {
        &self.0[base..][range]
    }
}

impl<'a, E, const N: usize> Viewer<&'a [E; N]> {
    /// `&field[base..][range]`.
    #[inline(always)]
    pub fn window<R: SliceIndex<[E], Output = [E]>>(self, base: usize, range: R) -> &'a [E] {
        &self.0[base..][range]
    }
}

impl<'b, E> Viewer<&&'b [E]> {
    /// `&field[base..][range]`.
    #[inline(always)]
    pub fn window<R: SliceIndex<[E], Output = [E]>>(self, base: usize, range: R) -> &'b [E] {
        &self.0[base..][range]
    }
}

/// The view of a field that is not a `Vec`, slice or array: indexes it at `base + j`.
pub trait WindowFallback<P> {
    /// Keeps the field and the offset; checks nothing.
    fn window<R>(self, base: usize, range: R) -> Offset<P>;
}

impl<P> WindowFallback<P> for Viewer<P> {
    #[inline(always)]
    fn window<R>(self, base: usize, _range: R) -> Offset<P> {
        Offset { inner: self.0, base }
    }
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

    #[test]
    fn vecs_and_arrays_give_sub_slices() {
        let mut v = vec![0.0, 1.0, 2.0, 3.0, 4.0];
        let w = Viewer(&mut v).window(1, ..3);
        w[2] += 10.0;
        assert_eq!(v, [0.0, 1.0, 2.0, 13.0, 4.0]);
        let a = [5.0, 6.0, 7.0];
        let view: &[f64] = Viewer(&a).window(1, ..=1);
        assert_eq!(view, [6.0, 7.0]);
    }

    #[test]
    fn other_indexable_types_fall_back_to_an_offset() {
        let mut d: VecDeque<f64> = (0..5).map(f64::from).collect();
        let mut w = Viewer(&mut d).window(2, ..2);
        w[1] += 10.0;
        assert_eq!(w[0], 2.0);
        assert_eq!(d[3], 13.0);
    }
}
