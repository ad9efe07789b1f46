//! Items that generated code names by absolute path (`::backprop::__private::…`).
//! Not part of the public API: they change whenever the generator changes.

mod chain;
mod forward;
mod shape;
mod views;
pub use shape::{KeepShape, KeptVecShape, KeptZero, VecShape};
pub use views::{IndexFallback, IndexFallbackRef, Offset, SliceWindow, SliceWindowRef, Viewer};

pub use crate::__arg_flag as arg_flag;
pub mod rules;

pub use crate::float::Float;
pub use crate::tangent::{Accumulate, Differentiable};
pub use crate::visit::{NamedVisitor, NamedVisitorMut, PairVisitor};
pub use chain::{
    Active, ActiveCount, Activity, ActivityOf, AtCallSite, Constant, ConstantFallback, FlagTuple, Flatten, GradList,
    Length, Marker, Optional, SameAs, Take, TakeAll, marker, split,
};
pub use forward::{
    Append, Call, CloneFallback, Cons, LeftOut, NoTangent, NoTangentFallback, Pick, Uncons, ZeroOf, ZeroTangent,
    concat2, concat3, forward_call, prefix0, prefix1, prefix2, prefix3, prefix4, prefix5, prefix6, prefix7, prefix8,
};

/// An operand of float arithmetic whose type the macro could not see: only floats (and
/// references to them) pass, so that `a * b` on a type with its own `Mul` is a compile error
/// on the operator instead of the float rule applied to it. Compiles to nothing.
#[inline(always)]
pub fn float<T: FloatOperand>(x: T) -> T {
    x
}

/// Implemented by `f32`, `f64` and references to them (an element borrowed by `.iter()`).
#[diagnostic::on_unimplemented(
    message = "`#[differentiable]` differentiates this operation as float arithmetic, but the operand is a `{Self}`",
    label = "an operand of type `{Self}`, not `f32` or `f64`",
    note = "derivative rules for operators and float methods hold for `f32` and `f64` only; to differentiate an operation on your own type, write it on its float fields (`a.re * b.re - a.im * b.im`) or make it a function with a `_vjp`"
)]
pub trait FloatOperand {}
// The error should speak of the operand, not list these impls.
#[diagnostic::do_not_recommend]
impl FloatOperand for f32 {}
#[diagnostic::do_not_recommend]
impl FloatOperand for f64 {}
// `Float` implies `FloatOperand`, so a generic `T: Float` passes too.
#[diagnostic::do_not_recommend]
impl<T: Float> FloatOperand for &T {}

/// A zero that lives for the whole program: the tangent of a constant `&T` argument in a
/// function generic over its float type `T`. `&0.0` is such a constant; `&T::from_f64(0.0)`
/// is a temporary, and the pullback a callee's `_vjp` returns keeps the borrow.
pub trait StaticZero: 'static {
    const ZERO_REF: &'static Self;
}
impl StaticZero for f32 {
    const ZERO_REF: &'static f32 = &0.0;
}
impl StaticZero for f64 {
    const ZERO_REF: &'static f64 = &0.0;
}

/// `⟨gradient, tangent⟩`: the directional derivative of a scalar function from its gradient,
/// for the forward rule `#[differentiable(custom(vjp))]` derives from a hand-written `_vjp`.
/// Every float leaf of the gradient meets the same leaf of the tangent, in order.
pub fn directional<T: Float, G: Differentiable + ?Sized, D: Differentiable + ?Sized>(gradient: &G, tangent: &D) -> T {
    let (g, d) = (crate::flatten(gradient), crate::flatten(tangent));
    assert_eq!(g.len(), d.len(), "backprop: a gradient of {} values and a tangent of {} values", g.len(), d.len());
    T::from_f64(g.iter().zip(&d).map(|(a, b)| a * b).sum())
}

/// `acc + s·g` for gradients (floats, collections, structs, tuples of them): the pullback of
/// a nested `_grad`, `s·∇f + H·ḡ`.
pub fn add_scaled<G: Differentiable<Tangent = G>, T: Float>(mut acc: G, s: T, g: &G) -> G {
    struct AddScaled(f64);
    impl crate::visit::PairSink for AddScaled {
        fn f32s(&mut self, _name: &str, value: &mut [f32], grad: &[f32]) {
            for (v, g) in value.iter_mut().zip(grad) {
                *v += self.0 as f32 * g;
            }
        }
        fn f64s(&mut self, _name: &str, value: &mut [f64], grad: &[f64]) {
            for (v, g) in value.iter_mut().zip(grad) {
                *v += self.0 * g;
            }
        }
    }
    let mut sink = AddScaled(s.to_f64());
    let mut path = String::new();
    acc.visit_pair(g, &mut PairVisitor::new(&mut sink, &mut path));
    acc
}

/// A form of a function that is not available: the message says which and what to write.
#[cold]
#[track_caller]
pub fn unavailable(message: &str) -> ! {
    panic!("backprop: {message}")
}

/// A copy of an argument that a call takes by value and the reverse sweep passes again (the
/// call borrows a local too, so its pullback cannot be kept and the call is made twice).
#[inline(always)]
pub fn duplicate<T: Duplicable>(value: &T) -> T {
    value.clone()
}

/// Implemented by `Clone` types.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is moved into a call that the reverse sweep makes again, and it is not `Clone`",
    label = "passed by value here",
    note = "the call also borrows a local of the function, so its pullback cannot be kept and the call is made twice; derive `Clone` for `{Self}`, or pass it by reference"
)]
pub trait Duplicable: Clone {}
impl<T: Clone> Duplicable for T {}

/// Which arm of an `if` ran, and the values its reverse sweep needs from that arm.
pub enum Arm<T, E> {
    /// The `if` arm ran.
    Then(T),
    /// The `else` arm ran (or the missing `else`).
    Else(E),
}

/// A loop's tape: the forward sweep pushes what the reverse sweep needs, once per iteration,
/// and the reverse sweep pops it back. A `Vec` in general; a [`FixedTape`] on the stack when
/// the loop and the loops around it have literal bounds, so that small fixed loops
/// (`for k in 0..3`) allocate nothing.
pub trait Tape {
    /// One iteration's record.
    type Record;
    /// Appends a record.
    fn push_record(&mut self, record: Self::Record);
    /// Removes the last record.
    fn pop_record(&mut self) -> Option<Self::Record>;
    /// Removes the last `n` records (at most all of them).
    fn drop_records(&mut self, n: usize);
}

impl<T> Tape for Vec<T> {
    type Record = T;
    /// `Vec::push` with its growth out of line. With `push`, the recorded floats are live
    /// across the call that grows the buffer, and LLVM spills them to the stack *where they
    /// are computed*: an accumulator recorded after an inner loop was stored and reloaded in
    /// every inner iteration (matrix-vector: 2.7× slower). A cold call that takes the record
    /// leaves nothing live across it.
    #[inline(always)]
    fn push_record(&mut self, record: T) {
        if self.len() < self.capacity() { self.push(record) } else { push_grown(self, record) }
    }

    #[inline(always)]
    fn pop_record(&mut self) -> Option<T> {
        self.pop()
    }

    #[inline(always)]
    fn drop_records(&mut self, n: usize) {
        self.truncate(self.len().saturating_sub(n));
    }
}

#[cold]
#[inline(never)]
fn push_grown<T>(tape: &mut Vec<T>, record: T) {
    tape.push(record);
}

/// A tape of at most `N` records, on the stack.
pub type FixedTape<T, const N: usize> = arrayvec::ArrayVec<T, N>;

impl<T, const N: usize> Tape for arrayvec::ArrayVec<T, N> {
    type Record = T;
    /// Panics when full, which never returns: nothing needs to be kept across it.
    #[inline(always)]
    fn push_record(&mut self, record: T) {
        self.push(record);
    }

    #[inline(always)]
    fn pop_record(&mut self) -> Option<T> {
        self.pop()
    }

    #[inline(always)]
    fn drop_records(&mut self, n: usize) {
        self.truncate(self.len().saturating_sub(n));
    }
}

/// Records one iteration's values on a loop's tape.
#[inline(always)]
pub fn record<T: Tape>(tape: &mut T, record: T::Record) {
    tape.push_record(record);
}

/// Takes the last record off a loop's tape.
///
/// # Panics
/// Never for generated code: the reverse sweep pops exactly what the forward sweep pushed.
#[inline(always)]
pub fn pop<T: Tape>(tape: &mut T) -> T::Record {
    match tape.pop_record() {
        Some(record) => record,
        None => tape_underflow(),
    }
}

/// Drops the records of a loop's remaining iterations, whose reverse would do nothing (every
/// adjoint flowing into them is zero).
#[inline(always)]
pub fn drop_last<T: Tape>(tape: &mut T, n: usize) {
    tape.drop_records(n);
}

#[cold]
#[inline(never)]
fn tape_underflow() -> ! {
    panic!("backprop: tape underflow (a bug in the generated code; please report it)")
}

/// Makes room on a loop's `Vec` tape for the iterations a range will run (a [`FixedTape`]
/// has its room from the start).
#[inline(always)]
pub fn reserve<T, I: Iterator>(tape: &mut Vec<T>, range: &I) {
    tape.reserve(range.size_hint().0);
}

/// Checks, at the top of a forward form, that the tangent of a buffer parameter has the
/// buffer's length (the contract: a tangent has its parameter's shape). Besides the message,
/// the check tells LLVM the two lengths are equal, so a loop that indexes both drops the
/// tangent's bounds checks wherever it drops the parameter's.
#[inline(always)]
#[track_caller]
pub fn tangent_length(value: usize, tangent: usize, param: &str) {
    if value != tangent {
        tangent_length_mismatch(value, tangent, param)
    }
}

#[cold]
#[inline(never)]
#[track_caller]
fn tangent_length_mismatch(value: usize, tangent: usize, param: &str) -> ! {
    panic!(
        "the tangent of `{param}` has {tangent} elements and `{param}` has {value}: pass a tangent of the parameter's shape"
    )
}

/// The pullback of a recursive call, boxed: the pullback of a recursive function holds the
/// pullbacks of its own calls, and an `impl FnOnce` type cannot contain itself (E0720). The
/// box erases the type at one allocation per recursive call.
#[inline(always)]
pub fn boxed_pullback<'a, S, G>(pullback: impl FnOnce(S) -> G + 'a) -> Box<dyn FnOnce(S) -> G + 'a> {
    Box::new(pullback)
}

/// The boxed pullbacks of a recursive call's `_vjp_into` (see `codegen::analysis::into`),
/// one function per number of differentiated parameters (up to four, as `codegen` knows): the pullback adds into the
/// caller's adjoint of each, taken `&mut`.
macro_rules! boxed_into_pullbacks {
    ($($name:ident($($g:ident),+);)*) => {$(
        #[doc(hidden)]
        #[inline(always)]
        #[allow(clippy::type_complexity)]
        pub fn $name<'a, S, $($g: ?Sized),+>(
            pullback: impl FnOnce(S, $(&mut $g),+) + 'a,
        ) -> Box<dyn FnOnce(S, $(&mut $g),+) + 'a> {
            Box::new(pullback)
        }
    )*};
}
boxed_into_pullbacks! {
    boxed_into_pullback1(G0);
    boxed_into_pullback2(G0, G1);
    boxed_into_pullback3(G0, G1, G2);
    boxed_into_pullback4(G0, G1, G2, G3);
}

/// `predicate(item)`: a `.filter(…)` closure called on one item, its parameter typed by the
/// bound as `filter` types it.
#[inline(always)]
pub fn keep<T: ?Sized>(item: &T, predicate: impl FnOnce(&T) -> bool) -> bool {
    predicate(item)
}

/// The inside of an `Option`'s adjoint, where the value is `Some`. The adjoint has the
/// value's shape (it starts as `zero_like` of the value), so it is `Some` too.
///
/// # Panics
/// If it is `None`; generated code never does this.
#[inline(always)]
pub fn some_mut<T>(adjoint: &mut Option<T>) -> &mut T {
    adjoint.as_mut().expect("backprop: the adjoint of an `Option` that is `Some` has the value's shape")
}

/// The adjoint of `a` in `Some(a)`: the inside of the `Option`'s adjoint, or zero where the
/// caller gave `None` (no adjoint for that value); nothing (`()`) where the `Option` was a
/// constant argument (`Some(s.n)` of an integer field passed to an `Option<usize>`).
#[inline(always)]
pub fn some_adjoint<T: ?Sized, A: SomeAdjoint<T>>(adjoint: A, like: &T) -> A::Inside {
    adjoint.inside(like)
}

/// What [`some_adjoint`] takes: an `Option`'s adjoint, or a constant argument's `()`.
pub trait SomeAdjoint<T: ?Sized> {
    /// The adjoint of the value inside.
    type Inside;
    /// The adjoint of the value inside, shaped like `like`.
    fn inside(self, like: &T) -> Self::Inside;
}

impl<T: Differentiable + ?Sized> SomeAdjoint<T> for Option<T::Tangent> {
    type Inside = T::Tangent;
    #[inline(always)]
    fn inside(self, like: &T) -> T::Tangent {
        self.unwrap_or_else(|| like.zero_tangent())
    }
}

impl<T: ?Sized> SomeAdjoint<T> for () {
    type Inside = ();
    #[inline(always)]
    fn inside(self, _: &T) {}
}

/// The adjoint of a float `a` in `Some(a)`: the inside of the `Option`'s adjoint, or zero.
#[inline(always)]
pub fn some_or_zero<T: crate::Float>(adjoint: Option<T>) -> T {
    adjoint.unwrap_or(T::ZERO)
}

/// A zero gradient shaped like `value`.
#[inline(always)]
pub fn zero_like<T: Differentiable + ?Sized>(value: &T) -> T::Tangent {
    value.zero_tangent()
}

/// Adds a gradient returned by a callee into the caller's adjoint; a constant argument's
/// gradient is `()` and adds nothing.
pub trait AddGrad<G> {
    /// `self += grad`.
    fn add_grad(&mut self, grad: G);
}

impl<T> AddGrad<()> for T {
    #[inline(always)]
    fn add_grad(&mut self, _grad: ()) {}
}

impl<T: Accumulate> AddGrad<T> for T {
    #[inline(always)]
    fn add_grad(&mut self, grad: T) {
        self.accumulate(grad);
    }
}

// An array passed where a slice is expected gets the callee's `Vec` gradient, and the other
// way round: add element by element.
impl<T: Accumulate, const N: usize> AddGrad<Vec<T>> for [T; N] {
    fn add_grad(&mut self, grad: Vec<T>) {
        assert_eq!(grad.len(), N, "backprop: adding a gradient of length {} to an array of length {N}", grad.len());
        for (a, g) in self.iter_mut().zip(grad) {
            a.accumulate(g);
        }
    }
}

impl<T: Accumulate, const N: usize> AddGrad<[T; N]> for Vec<T> {
    fn add_grad(&mut self, grad: [T; N]) {
        assert_eq!(self.len(), N, "backprop: adding a gradient of length {N} to a vector of length {}", self.len());
        for (a, g) in self.iter_mut().zip(grad) {
            a.accumulate(g);
        }
    }
}

// A sub-slice passed to a callee (`g(&x[a..b])`) gets the callee's gradient added into the
// same range of the adjoint.
impl<T: Accumulate> AddGrad<Vec<T>> for [T] {
    fn add_grad(&mut self, grad: Vec<T>) {
        assert_eq!(
            self.len(),
            grad.len(),
            "backprop: adding a gradient of length {} to a slice of length {}",
            grad.len(),
            self.len()
        );
        for (a, g) in self.iter_mut().zip(grad) {
            a.accumulate(g);
        }
    }
}

impl<T: Accumulate, const N: usize> AddGrad<[T; N]> for [T] {
    fn add_grad(&mut self, grad: [T; N]) {
        assert_eq!(self.len(), N, "backprop: adding a gradient of length {N} to a slice of length {}", self.len());
        for (a, g) in self.iter_mut().zip(grad) {
            a.accumulate(g);
        }
    }
}

/// A callee's gradient as an owned tangent. Gradients are tangents already, except lazy
/// ones such as a matrix product's [`crate::ops::ProductGrad`], computed here when the
/// gradient becomes an adjoint of its own (added into an existing adjoint, it is computed in
/// place instead, by `AddGrad`).
pub trait Own {
    /// The tangent.
    type Owned;
    /// Converts.
    fn own(self) -> Self::Owned;
}

impl<T: Accumulate> Own for T {
    type Owned = T;
    #[inline(always)]
    fn own(self) -> T {
        self
    }
}

impl Own for () {
    type Owned = ();
    #[inline(always)]
    fn own(self) {}
}

/// [`Own::own`].
#[inline(always)]
pub fn own<G: Own>(grad: G) -> G::Owned {
    grad.own()
}

/// A callee's gradient taken as the adjoint of a value of another (compatible) type: a
/// `Vec` from a slice parameter becomes the adjoint of an array argument.
pub trait Adopt<T> {
    /// Converts.
    fn adopt(self) -> T;
}

impl<T> Adopt<T> for T {
    #[inline(always)]
    fn adopt(self) -> T {
        self
    }
}

impl<T, const N: usize> Adopt<[T; N]> for Vec<T> {
    fn adopt(self) -> [T; N] {
        let len = self.len();
        match self.try_into() {
            Ok(array) => array,
            Err(_) => panic!("backprop: a gradient of length {len} for an array of length {N}"),
        }
    }
}

// The reverse of the conversion above: an array's adjoint given to a callee that took the
// array as a `Vec` (a local array lent `&mut` to a `&mut [T]` parameter, see [`lend`]).
impl<T, const N: usize> Adopt<Vec<T>> for [T; N] {
    fn adopt(self) -> Vec<T> {
        self.into_iter().collect()
    }
}

/// A buffer lent `&mut` to a callee, in the type the callee's `_owned` form takes it as, and
/// back: a local array lent to a `&mut [T]` parameter goes in as a `Vec` and comes back as the
/// array. Every other buffer is passed as it is.
pub trait LendAs<P> {
    /// Converts.
    fn lend_as(&self) -> P;
}

impl<T: Clone> LendAs<T> for T {
    #[inline(always)]
    fn lend_as(&self) -> T {
        self.clone()
    }
}

impl<T: Clone, const N: usize> LendAs<Vec<T>> for [T; N] {
    fn lend_as(&self) -> Vec<T> {
        self.to_vec()
    }
}

impl<T: Clone, const N: usize> LendAs<[T; N]> for Vec<T> {
    fn lend_as(&self) -> [T; N] {
        assert_eq!(
            self.len(),
            N,
            "backprop: a lent buffer of length {} came back into an array of length {N}",
            self.len()
        );
        core::array::from_fn(|i| self[i].clone())
    }
}

/// [`LendAs::lend_as`]: the argument for a buffer lent `&mut` (`fill(&mut array)`), and the
/// buffer written back from what the callee returned.
#[inline(always)]
pub fn lend<A: LendAs<P> + ?Sized, P>(buffer: &A) -> P {
    buffer.lend_as()
}

/// `grad`, as the adjoint of `like` (see [`Adopt`]).
#[inline(always)]
pub fn adopt<G: Adopt<T::Tangent>, T: Differentiable + ?Sized>(grad: G, _like: &T) -> T::Tangent {
    grad.adopt()
}

/// `*adjoint += grad` for any gradient shape.
#[inline(always)]
pub fn accumulate<A: AddGrad<G> + ?Sized, G>(adjoint: &mut A, grad: G) {
    adjoint.add_grad(grad);
}

/// An element's adjoint taken out of its buffer's (reverse of `vec![a, s]` and of
/// `y[i] = s`): `mem::take` for floats and `Vec`s, a zero of its shape left behind for a
/// derived struct, which need not be `Default`.
#[inline(always)]
pub fn take_adjoint<T: crate::Differentiable<Tangent = T>>(slot: &mut T) -> T {
    T::__take_tangent(slot)
}

/// Reverse of `buf.push(v)`: removes the last element of the buffer's adjoint and returns it.
#[inline(always)]
pub fn pop_adjoint<T>(adjoint: &mut Vec<T>) -> T {
    match adjoint.pop() {
        Some(d) => d,
        None => tape_underflow(),
    }
}

/// Reverse of `s = x.iter().sum()`: adds `d` to every element of `x`'s adjoint.
#[inline(always)]
pub fn add_to_each<T: Float, S: AsMut<[T]> + ?Sized>(adjoint: &mut S, d: T) {
    for a in adjoint.as_mut() {
        *a += d;
    }
}

/// Sum of a buffer of floats (a slice, a `Vec`, an array, or a reference to one): the value
/// of `x.iter().sum()`, and the reverse of `vec![v; n]` and `[v; N]` for a scalar `v`.
#[inline(always)]
pub fn sum_of<T: Float, S: AsRef<[T]> + ?Sized>(values: &S) -> T {
    // From `-0.0`, as std's `Sum` for floats: an empty sum (or one of negative zeros) is
    // `-0.0`, bit for bit the value `f` computes.
    let mut s = -T::ZERO;
    for &a in values.as_ref() {
        s += a;
    }
    s
}

/// Takes the output adjoint once, for a function whose `return` sits inside a loop.
#[inline(always)]
pub fn take_seed<T>(seed: &mut Option<T>) -> T {
    match seed.take() {
        Some(s) => s,
        None => tape_underflow(),
    }
}
