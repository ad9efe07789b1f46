//! Routing a callee's gradient back to the caller's arguments.
//!
//! A call `g(a, k, b)` inside a differentiable function becomes `g_vjp(a, k, b)`, whose
//! pullback returns one gradient per *differentiated* parameter of `g` (a bare value when
//! there is one, a tuple otherwise). The caller cannot see `g`'s signature, but rustc can:
//! before the call the generated code takes a zero-sized [`Marker`] of each argument's type,
//! and [`split`] uses those types to hand every argument its gradient, or `()` for an
//! argument whose type carries none (an integer, a `bool`, a slice of `usize`).
//!
//! An argument whose type carries a gradient but which is a constant at the call site is
//! flagged [`Optional`]: a callee restricted by `wrt(...)` may have left it out. [`split`]
//! counts: if the pullback returned exactly one gradient per active argument, the optional
//! ones get `()`; otherwise every optional argument takes one. Any other count mismatch is a
//! compile error.

use core::marker::PhantomData;

/// Zero-sized witness of an argument's type, taken before the argument is moved.
pub struct Marker<T: ?Sized>(PhantomData<fn() -> *const T>);

impl<T: ?Sized> Clone for Marker<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: ?Sized> Copy for Marker<T> {}

/// The marker of `value`'s type.
#[inline(always)]
pub fn marker<T: ?Sized>(_value: &T) -> Marker<T> {
    Marker(PhantomData)
}

/// The argument type carries a gradient.
#[derive(Default, Clone, Copy)]
pub struct Active;
/// The argument type is a constant (integers, `bool`, strings and collections of them).
#[derive(Default, Clone, Copy)]
pub struct Constant;

/// Whether a parameter of this type is differentiated (see the contract in DESIGN.md).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is neither a float type nor a type that derives `Differentiable`",
    label = "this argument's gradient cannot be routed",
    note = "add `#[derive(Differentiable)]` to the type (for an `ndarray` or `nalgebra` array of floats, turn on backprop's feature of that name and use the crate it re-exports, `backprop::ndarray`, `backprop::nalgebra`); a parameter of this type can instead be left out of the gradient with `#[differentiable(wrt(...))]`"
)]
pub trait Activity {
    /// [`Active`] or [`Constant`].
    type Flag;
}

macro_rules! activity {
    ($flag:ident: $($t:ty),*) => {$(impl Activity for $t { type Flag = $flag; })*};
}
activity!(Active: f32, f64);
activity!(Constant: u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize, bool, char, str, String);

impl<T: Activity> Activity for [T] {
    type Flag = T::Flag;
}
impl<T: Activity> Activity for Vec<T> {
    type Flag = T::Flag;
}
impl<T: Activity, const N: usize> Activity for [T; N] {
    type Flag = T::Flag;
}
impl<T: Activity + ?Sized> Activity for &T {
    type Flag = T::Flag;
}
impl<T: Activity + ?Sized> Activity for Box<T> {
    type Flag = T::Flag;
}
impl<T: Activity> Activity for Option<T> {
    type Flag = T::Flag;
}

/// A gradient as returned by a pullback, turned into a cons list `(g0, (g1, ()))`.
pub trait GradList {
    /// The cons list.
    type Cons;
    /// Converts.
    fn into_cons(self) -> Self::Cons;
}

/// Implements [`GradList`] for a type that is a single gradient (not a tuple of them).
#[macro_export]
#[doc(hidden)]
macro_rules! __single_grad {
    ([$($gen:tt)*] $t:ty) => {
        impl<$($gen)*> $crate::__private::GradList for $t {
            type Cons = ($t, ());
            #[inline(always)]
            fn into_cons(self) -> Self::Cons {
                (self, ())
            }
        }
    };
}
// Every float type, `f32`, `f64` and a generic function's `T: Float`.
impl<T: crate::Float> GradList for T {
    type Cons = (T, ());
    #[inline(always)]
    fn into_cons(self) -> Self::Cons {
        (self, ())
    }
}
__single_grad!([T] Vec<T>);
__single_grad!([T] Option<T>);
__single_grad!([T, const N: usize] [T; N]);

impl GradList for () {
    type Cons = ();
    fn into_cons(self) {}
}

macro_rules! tuple_grad_list {
    ($($name:ident)+) => {
        impl<$($name),+> GradList for ($($name,)+) {
            type Cons = tuple_grad_list!(@cons $($name)+);
            #[inline(always)]
            #[allow(non_snake_case)]
            fn into_cons(self) -> Self::Cons {
                let ($($name,)+) = self;
                tuple_grad_list!(@build $($name)+)
            }
        }
    };
    (@cons) => { () };
    (@cons $head:ident $($tail:ident)*) => { ($head, tuple_grad_list!(@cons $($tail)*)) };
    (@build) => { () };
    (@build $head:ident $($tail:ident)*) => { ($head, tuple_grad_list!(@build $($tail)*)) };
}
tuple_grad_list!(T0 T1);
tuple_grad_list!(T0 T1 T2);
tuple_grad_list!(T0 T1 T2 T3);
tuple_grad_list!(T0 T1 T2 T3 T4);
tuple_grad_list!(T0 T1 T2 T3 T4 T5);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21 T22);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21 T22 T23);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21 T22 T23 T24);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21 T22 T23 T24 T25);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21 T22 T23 T24 T25 T26);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21 T22 T23 T24 T25 T26 T27);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21 T22 T23 T24 T25 T26 T27 T28);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21 T22 T23 T24 T25 T26 T27 T28 T29);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21 T22 T23 T24 T25 T26 T27 T28 T29 T30);
tuple_grad_list!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21 T22 T23 T24 T25 T26 T27 T28 T29 T30 T31);

/// An argument whose type carries a gradient but whose value is a constant where the call is
/// made (a data slice the caller does not differentiate). The callee may have excluded it
/// with `wrt(...)` or not; [`split`] finds out by counting.
#[derive(Default, Clone, Copy)]
pub struct Optional;

/// Marks an argument that is constant at the call site: [`Active`] becomes [`Optional`].
pub trait AtCallSite {
    /// [`Optional`] or [`Constant`].
    type Flag;
    /// Converts.
    fn constant_here(self) -> Self::Flag;
}

impl AtCallSite for Active {
    type Flag = Optional;
    #[inline(always)]
    fn constant_here(self) -> Optional {
        Optional
    }
}

impl AtCallSite for Constant {
    type Flag = Constant;
    #[inline(always)]
    fn constant_here(self) -> Constant {
        Constant
    }
}

/// Type-level naturals, to compare the number of gradients a pullback returns with the number
/// of active arguments.
pub struct Zero;
/// The successor of `N`.
pub struct Succ<N>(PhantomData<N>);
/// Type-level booleans.
pub struct Yes;
/// Type-level booleans.
pub struct No;

/// The length of a cons list of gradients.
pub trait Length {
    /// The length.
    type N;
}
impl Length for () {
    type N = Zero;
}
impl<H, T: Length> Length for (H, T) {
    type N = Succ<T::N>;
}

/// The number of [`Active`] flags in a cons list of flags.
pub trait ActiveCount {
    /// The count.
    type N;
}
impl ActiveCount for () {
    type N = Zero;
}
impl<T: ActiveCount> ActiveCount for (Active, T) {
    type N = Succ<T::N>;
}
impl<T: ActiveCount> ActiveCount for (Constant, T) {
    type N = T::N;
}
impl<T: ActiveCount> ActiveCount for (Optional, T) {
    type N = T::N;
}

/// Whether two naturals are equal.
pub trait SameAs<M> {
    /// `Yes` or `No`.
    type Answer;
}
impl SameAs<Zero> for Zero {
    type Answer = Yes;
}
impl<M> SameAs<Succ<M>> for Zero {
    type Answer = No;
}
impl<N> SameAs<Zero> for Succ<N> {
    type Answer = No;
}
impl<N: SameAs<M>, M> SameAs<Succ<M>> for Succ<N> {
    type Answer = N::Answer;
}

/// Takes one argument's gradient off the front of the list. `Skip` is `Yes` when the callee
/// returned gradients for the active arguments only (its `wrt(...)` left out every argument
/// that is constant at the call site), `No` when it returned one for every argument whose
/// type carries a gradient.
#[diagnostic::on_unimplemented(
    message = "the called function's `_vjp` returned fewer gradients than its float arguments need",
    note = "a function restricted with `#[differentiable(wrt(...))]` can be called from differentiable code when the arguments it leaves out are constants at the call site, or when it differentiates all of them",
    note = "its gradients are matched to the arguments by counting: the constants it receives must be exactly the parameters it leaves out; if one goes to a parameter it differentiates, list every float parameter in its `wrt(...)` (gradients of constants are dropped)"
)]
pub trait Take<L, Skip> {
    /// This argument's gradient, `()` for a constant.
    type Grad;
    /// The rest of the list.
    type Rest;
    /// Splits.
    fn take(list: L) -> (Self::Grad, Self::Rest);
}

impl<H, T, Skip> Take<(H, T), Skip> for Active {
    type Grad = H;
    type Rest = T;
    #[inline(always)]
    fn take(list: (H, T)) -> (H, T) {
        list
    }
}

impl<L, Skip> Take<L, Skip> for Constant {
    type Grad = ();
    type Rest = L;
    #[inline(always)]
    fn take(list: L) -> ((), L) {
        ((), list)
    }
}

impl<L> Take<L, Yes> for Optional {
    type Grad = ();
    type Rest = L;
    #[inline(always)]
    fn take(list: L) -> ((), L) {
        ((), list)
    }
}

impl<H, T> Take<(H, T), No> for Optional {
    type Grad = H;
    type Rest = T;
    #[inline(always)]
    fn take(list: (H, T)) -> (H, T) {
        list
    }
}

/// Hands each argument flag in a cons list its gradient.
#[diagnostic::on_unimplemented(
    message = "the called function's `_vjp` returned more gradients than its arguments can carry",
    note = "every argument whose type has a gradient (floats, float collections, types deriving `Differentiable`) receives one, in order; check the callee's hand-written `_vjp`"
)]
pub trait TakeAll<L, Skip> {
    /// The gradients, as a cons list.
    type Grads;
    /// Splits.
    fn take_all(list: L) -> Self::Grads;
}

impl<Skip> TakeAll<(), Skip> for () {
    type Grads = ();
    #[inline(always)]
    fn take_all(_list: ()) {}
}

impl<F, R, L, Skip> TakeAll<L, Skip> for (F, R)
where
    F: Take<L, Skip>,
    R: TakeAll<<F as Take<L, Skip>>::Rest, Skip>,
{
    type Grads = (<F as Take<L, Skip>>::Grad, R::Grads);
    #[inline(always)]
    fn take_all(list: L) -> Self::Grads {
        let (head, rest) = <F as Take<L, Skip>>::take(list);
        (head, R::take_all(rest))
    }
}

/// The flag of an argument whose type implements [`Activity`] (picked first, by autoref).
pub trait ActivityOf {
    /// [`Active`] or [`Constant`].
    type Flag;
    /// The flag.
    fn flag(&self) -> Self::Flag;
}

impl<T: Activity + ?Sized> ActivityOf for Marker<T>
where
    T::Flag: Default,
{
    type Flag = T::Flag;
    #[inline(always)]
    fn flag(&self) -> T::Flag {
        T::Flag::default()
    }
}

/// The flag of an argument whose type has no gradient at all (a configuration struct, the
/// `self` of a type that does not derive `Differentiable`): a constant.
pub trait ConstantFallback {
    /// Always [`Constant`].
    fn flag(&self) -> Constant;
}

impl<T: ?Sized> ConstantFallback for &Marker<T> {
    #[inline(always)]
    fn flag(&self) -> Constant {
        Constant
    }
}

/// A flat tuple of argument flags, as the generated code writes it.
pub trait FlagTuple {
    /// The same flags as a cons list.
    type Cons;
}

/// A cons list of gradients turned back into a flat tuple.
pub trait Flatten {
    /// The flat tuple.
    type Flat;
    /// Converts.
    fn flatten(self) -> Self::Flat;
}

macro_rules! flag_tuple {
    ($($name:ident)*) => {
        impl<$($name),*> FlagTuple for ($($name,)*) {
            type Cons = flag_tuple!(@cons $($name)*);
        }
        impl<$($name),*> Flatten for flag_tuple!(@cons $($name)*) {
            type Flat = ($($name,)*);
            #[inline(always)]
            #[allow(non_snake_case, clippy::unused_unit)]
            fn flatten(self) -> Self::Flat {
                let flag_tuple!(@cons $($name)*) = self;
                ($($name,)*)
            }
        }
    };
    (@cons) => { () };
    (@cons $head:ident $($tail:ident)*) => { ($head, flag_tuple!(@cons $($tail)*)) };
}
flag_tuple!();
flag_tuple!(T0);
flag_tuple!(T0 T1);
flag_tuple!(T0 T1 T2);
flag_tuple!(T0 T1 T2 T3);
flag_tuple!(T0 T1 T2 T3 T4);
flag_tuple!(T0 T1 T2 T3 T4 T5);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21 T22);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21 T22 T23);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21 T22 T23 T24);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21 T22 T23 T24 T25);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21 T22 T23 T24 T25 T26);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21 T22 T23 T24 T25 T26 T27);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21 T22 T23 T24 T25 T26 T27 T28);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21 T22 T23 T24 T25 T26 T27 T28 T29);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21 T22 T23 T24 T25 T26 T27 T28 T29 T30);
flag_tuple!(T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21 T22 T23 T24 T25 T26 T27 T28 T29 T30 T31);

/// Whether the pullback of `G` skipped the optional arguments of `F` (see [`Take`]).
pub type Skipped<F, G> =
    <<<F as FlagTuple>::Cons as ActiveCount>::N as SameAs<<<G as GradList>::Cons as Length>::N>>::Answer;

/// The flat tuple of per-argument gradients that [`split`] returns.
pub type Split<F, G> =
    <<<F as FlagTuple>::Cons as TakeAll<<G as GradList>::Cons, Skipped<F, G>>>::Grads as Flatten>::Flat;

/// Splits a pullback's gradient into one entry per argument (`()` for constants).
#[inline(always)]
pub fn split<F, G>(_flags: F, grads: G) -> Split<F, G>
where
    F: FlagTuple,
    G: GradList,
    F::Cons: ActiveCount,
    G::Cons: Length,
    <F::Cons as ActiveCount>::N: SameAs<<G::Cons as Length>::N>,
    F::Cons: TakeAll<G::Cons, Skipped<F, G>>,
    <F::Cons as TakeAll<G::Cons, Skipped<F, G>>>::Grads: Flatten,
{
    <F::Cons as TakeAll<G::Cons, Skipped<F, G>>>::take_all(grads.into_cons()).flatten()
}

/// The flag of one argument, from its marker: `arg_flag!(marker(&a))`.
#[macro_export]
#[doc(hidden)]
macro_rules! __arg_flag {
    ($marker:expr) => {{
        #[allow(unused_imports)]
        use $crate::__private::{ActivityOf as _, ConstantFallback as _};
        (&$marker).flag()
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Config;

    #[test]
    fn constants_get_unit_and_floats_get_their_gradient_in_order() {
        let flags = (__arg_flag!(marker(&1.0f64)), __arg_flag!(marker(&3usize)), __arg_flag!(marker(&2.0f64)));
        let (a, k, b) = split(flags, (10.0, 20.0));
        assert_eq!((a, k, b), (10.0, (), 20.0));
    }

    #[test]
    fn a_single_gradient_is_bare() {
        let flags = (__arg_flag!(marker(&3usize)), __arg_flag!(marker(&[1.0f32, 2.0][..])));
        let (k, x) = split(flags, vec![0.5f32, 0.25]);
        assert_eq!(k, ());
        assert_eq!(x, vec![0.5, 0.25]);
    }

    #[test]
    fn references_and_nested_vectors_route_by_element_type() {
        let idx: Vec<usize> = vec![1, 2];
        let w: Vec<Vec<f64>> = vec![vec![1.0]];
        let (i, g) = split((__arg_flag!(marker(&&idx)), __arg_flag!(marker(&&w))), vec![vec![3.0]]);
        assert_eq!(i, ());
        assert_eq!(g, vec![vec![3.0]]);
    }

    #[test]
    fn a_callee_restricted_by_wrt_skips_the_arguments_constant_at_the_call_site() {
        let flags = || {
            (__arg_flag!(marker(&1.0f64)), __arg_flag!(marker(&2.0f64)).constant_here(), __arg_flag!(marker(&3.0f64)))
        };
        let (a, data, b) = split(flags(), (10.0, 20.0));
        assert_eq!((a, data, b), (10.0, (), 20.0));
        // The same call site, with a callee that differentiates every argument.
        let (a, data, b) = split(flags(), (10.0, 15.0, 20.0));
        assert_eq!((a, data, b), (10.0, 15.0, 20.0));
    }

    #[test]
    fn types_without_a_gradient_are_constants() {
        let config = Config;
        let (c, x) = split((__arg_flag!(marker(&&config)), __arg_flag!(marker(&1.0f64))), 4.0);
        assert_eq!((c, x), ((), 4.0));
    }
}
