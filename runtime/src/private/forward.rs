//! Calling a callee's forward-mode form (`g_jvp`, and the higher forms built on it) from
//! generated code.
//!
//! `g_jvp` takes the primal arguments, then one tangent per parameter `g` differentiates. The
//! caller cannot see which those are (a callee restricted by `wrt(...)` leaves some out, an
//! integer field passed along has none), but rustc can: [`forward_call`] receives the callee as
//! a value, every argument's tangent and every argument's flag ([`Active`], [`Optional`],
//! [`Constant`], as for [`split`](super::split)), learns from the callee's type how many
//! tangents it takes, and passes the tangents of the active arguments, plus those of the
//! optional ones if it takes them too. Any other count is a compile error.
//!
//! Arguments are passed as the callee's own parameter types: `prefix2(&g_jvp)(x, &v)` is a
//! function pointer whose parameters are `g_jvp`'s first two, so `&Vec<f64>` becomes `&[f64]`
//! there as it would in a direct call. A method cannot be named without its type; its
//! `#[differentiable]` adds `m_jvp_all`, which takes every argument's tangent and picks its
//! own (it knows which parameters it differentiates).

use super::chain::{Active, ActiveCount, Constant, Length, No, Optional, SameAs, Yes};

/// The flag of an argument that goes to a parameter the callee's `wrt(...)` leaves out: it
/// must be constant at the call (a method's forward form checks it, `name_jvp_all`).
#[diagnostic::on_unimplemented(
    message = "an argument that carries a gradient goes to a parameter the called method leaves out with `wrt(...)`",
    note = "a method restricted with `#[differentiable(wrt(...))]` can be called from differentiable code when the arguments it leaves out are constants at the call site; widen its `wrt(...)` or pass a constant"
)]
pub trait LeftOut {}
impl LeftOut for Constant {}
impl LeftOut for Optional {}

/// A constant argument, for its zero tangent: `(&&ZeroOf(&arg)).zero()` is, by autoref
/// priority, a zero shaped like `arg` if its type has a gradient ([`ZeroTangent`]); else a copy
/// of `arg` if it is `Clone` ([`CloneFallback`]); else [`NoTangent`] ([`NoTangentFallback`]).
/// A callee never reads the last two as tangents: it takes a value of a type without a
/// gradient only for a parameter its `wrt(...)` leaves out (`Option<f64>`, `&Consts`), and the
/// flags say the argument is constant; a copy of the argument is a value of the parameter's
/// type, which is what the callee's signature asks for in that place.
pub struct ZeroOf<'a, T: ?Sized>(pub &'a T);

impl<T: ?Sized> Clone for ZeroOf<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: ?Sized> Copy for ZeroOf<'_, T> {}

/// See [`ZeroOf`].
pub trait ZeroTangent {
    /// The zero.
    type Zero;
    /// Makes it.
    fn zero(&self) -> Self::Zero;
}

impl<T: super::Differentiable + ?Sized> ZeroTangent for &ZeroOf<'_, T> {
    type Zero = T::Tangent;
    #[inline(always)]
    fn zero(&self) -> T::Tangent {
        self.0.zero_tangent()
    }
}

/// See [`ZeroOf`].
pub trait CloneFallback {
    /// The stand-in.
    type Zero;
    /// Makes it.
    fn zero(&self) -> Self::Zero;
}

impl<T: Clone> CloneFallback for ZeroOf<'_, T> {
    type Zero = T;
    #[inline(always)]
    fn zero(&self) -> T {
        self.0.clone()
    }
}

/// See [`ZeroOf`].
pub trait NoTangentFallback {
    /// [`NoTangent`].
    fn zero(self) -> NoTangent;
}

impl<T: ?Sized> NoTangentFallback for ZeroOf<'_, T> {
    #[inline(always)]
    fn zero(self) -> NoTangent {
        NoTangent
    }
}

/// The stand-in tangent of a constant whose type has neither a gradient nor `Clone`.
pub struct NoTangent;

/// A function value whose parameters are `Args` followed by `Extra`.
#[diagnostic::on_unimplemented(
    message = "the called function does not take these arguments followed by tangents",
    note = "forward mode calls the callee's `_jvp` (and, for second order, `_jvp_vjp`) with its arguments and then one tangent per parameter it differentiates; a hand-written `_jvp` must take them in that order"
)]
pub trait Call<Args, Extra> {
    /// What it returns.
    type Output;
    /// Calls it.
    fn call(self, args: Args, extra: Extra) -> Self::Output;
}

macro_rules! call_impls {
    // Implements `Call<(A…), (X…)>` for every prefix of the extras, then stops.
    (@go [$($a:ident $ai:tt)*] [$($x:ident $xi:tt)*] []) => {
        call_impls!(@one [$($a $ai)*] [$($x $xi)*]);
    };
    (@go [$($a:ident $ai:tt)*] [$($x:ident $xi:tt)*] [$y:ident $yi:tt $($rest:tt)*]) => {
        call_impls!(@one [$($a $ai)*] [$($x $xi)*]);
        call_impls!(@go [$($a $ai)*] [$($x $xi)* $y $yi] [$($rest)*]);
    };
    (@one [$($a:ident $ai:tt)*] [$($x:ident $xi:tt)*]) => {
        impl<Fun, R, $($a,)* $($x,)*> Call<($($a,)*), ($($x,)*)> for Fun
        where
            Fun: FnOnce($($a,)* $($x,)*) -> R,
        {
            type Output = R;
            #[inline(always)]
            #[allow(unused_variables, clippy::unused_unit)]
            fn call(self, args: ($($a,)*), extra: ($($x,)*)) -> R {
                self($(args.$ai,)* $(extra.$xi,)*)
            }
        }
    };
}

// Up to eight arguments and 32 parameters in all (a `_jvp_jvp` of an eight-argument function
// takes three tangents per argument).
call_impls!(@go [] [] [X0 0 X1 1 X2 2 X3 3 X4 4 X5 5 X6 6 X7 7 X8 8 X9 9 X10 10 X11 11 X12 12 X13 13 X14 14 X15 15 X16 16 X17 17 X18 18 X19 19 X20 20 X21 21 X22 22 X23 23 X24 24 X25 25 X26 26 X27 27 X28 28 X29 29 X30 30 X31 31]);
call_impls!(@go [A0 0] [] [X0 0 X1 1 X2 2 X3 3 X4 4 X5 5 X6 6 X7 7 X8 8 X9 9 X10 10 X11 11 X12 12 X13 13 X14 14 X15 15 X16 16 X17 17 X18 18 X19 19 X20 20 X21 21 X22 22 X23 23 X24 24 X25 25 X26 26 X27 27 X28 28 X29 29 X30 30]);
call_impls!(@go [A0 0 A1 1] [] [X0 0 X1 1 X2 2 X3 3 X4 4 X5 5 X6 6 X7 7 X8 8 X9 9 X10 10 X11 11 X12 12 X13 13 X14 14 X15 15 X16 16 X17 17 X18 18 X19 19 X20 20 X21 21 X22 22 X23 23 X24 24 X25 25 X26 26 X27 27 X28 28 X29 29]);
call_impls!(@go [A0 0 A1 1 A2 2] [] [X0 0 X1 1 X2 2 X3 3 X4 4 X5 5 X6 6 X7 7 X8 8 X9 9 X10 10 X11 11 X12 12 X13 13 X14 14 X15 15 X16 16 X17 17 X18 18 X19 19 X20 20 X21 21 X22 22 X23 23 X24 24 X25 25 X26 26 X27 27 X28 28]);
call_impls!(@go [A0 0 A1 1 A2 2 A3 3] [] [X0 0 X1 1 X2 2 X3 3 X4 4 X5 5 X6 6 X7 7 X8 8 X9 9 X10 10 X11 11 X12 12 X13 13 X14 14 X15 15 X16 16 X17 17 X18 18 X19 19 X20 20 X21 21 X22 22 X23 23 X24 24 X25 25 X26 26 X27 27]);
call_impls!(@go [A0 0 A1 1 A2 2 A3 3 A4 4] [] [X0 0 X1 1 X2 2 X3 3 X4 4 X5 5 X6 6 X7 7 X8 8 X9 9 X10 10 X11 11 X12 12 X13 13 X14 14 X15 15 X16 16 X17 17 X18 18 X19 19 X20 20 X21 21 X22 22 X23 23 X24 24 X25 25 X26 26]);
call_impls!(@go [A0 0 A1 1 A2 2 A3 3 A4 4 A5 5] [] [X0 0 X1 1 X2 2 X3 3 X4 4 X5 5 X6 6 X7 7 X8 8 X9 9 X10 10 X11 11 X12 12 X13 13 X14 14 X15 15 X16 16 X17 17 X18 18 X19 19 X20 20 X21 21 X22 22 X23 23 X24 24 X25 25]);
call_impls!(@go [A0 0 A1 1 A2 2 A3 3 A4 4 A5 5 A6 6] [] [X0 0 X1 1 X2 2 X3 3 X4 4 X5 5 X6 6 X7 7 X8 8 X9 9 X10 10 X11 11 X12 12 X13 13 X14 14 X15 15 X16 16 X17 17 X18 18 X19 19 X20 20 X21 21 X22 22 X23 23 X24 24]);
call_impls!(@go [A0 0 A1 1 A2 2 A3 3 A4 4 A5 5 A6 6 A7 7] [] [X0 0 X1 1 X2 2 X3 3 X4 4 X5 5 X6 6 X7 7 X8 8 X9 9 X10 10 X11 11 X12 12 X13 13 X14 14 X15 15 X16 16 X17 17 X18 18 X19 19 X20 20 X21 21 X22 22 X23 23]);

macro_rules! prefix {
    ($($name:ident [$($a:ident)*]),* $(,)?) => {$(
        /// A function pointer taking the first parameters of `f` and returning them as a
        /// tuple: passing arguments through it converts them as a direct call would.
        #[inline(always)]
        #[allow(clippy::unused_unit)]
        pub fn $name<F, Rest, $($a),*>(_f: &F) -> fn($($a),*) -> ($($a,)*)
        where
            F: Call<($($a,)*), Rest>,
        {
            #[allow(non_snake_case)]
            |$($a),*| ($($a,)*)
        }
    )*};
}
prefix!(
    prefix0 [],
    prefix1 [A0],
    prefix2 [A0 A1],
    prefix3 [A0 A1 A2],
    prefix4 [A0 A1 A2 A3],
    prefix5 [A0 A1 A2 A3 A4],
    prefix6 [A0 A1 A2 A3 A4 A5],
    prefix7 [A0 A1 A2 A3 A4 A5 A6],
    prefix8 [A0 A1 A2 A3 A4 A5 A6 A7],
);

/// A tuple as a cons list `(a, (b, ()))`, and back.
pub trait Cons {
    /// The cons list.
    type List;
    /// Converts.
    fn cons(self) -> Self::List;
}

/// A cons list as a flat tuple.
pub trait Uncons {
    /// The tuple.
    type Tuple;
    /// Converts.
    fn uncons(self) -> Self::Tuple;
}

macro_rules! cons_type {
    () => { () };
    ($h:ident $($t:ident)*) => { ($h, cons_type!($($t)*)) };
}

macro_rules! tuple_cons {
    ($($n:ident)*) => {
        impl<$($n),*> Cons for ($($n,)*) {
            type List = cons_type!($($n)*);
            #[inline(always)]
            #[allow(non_snake_case, clippy::unused_unit)]
            fn cons(self) -> Self::List {
                let ($($n,)*) = self;
                cons_type!($($n)*)
            }
        }
        impl<$($n),*> Uncons for cons_type!($($n)*) {
            type Tuple = ($($n,)*);
            #[inline(always)]
            #[allow(non_snake_case, clippy::unused_unit)]
            fn uncons(self) -> Self::Tuple {
                let cons_type!($($n)*) = self;
                ($($n,)*)
            }
        }
    };
}

macro_rules! tuple_cons_all {
    ([$($done:ident)*] []) => { tuple_cons!($($done)*); };
    ([$($done:ident)*] [$next:ident $($rest:ident)*]) => {
        tuple_cons!($($done)*);
        tuple_cons_all!([$($done)* $next] [$($rest)*]);
    };
}
tuple_cons_all!([] [T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18 T19 T20 T21 T22 T23 T24 T25 T26 T27 T28 T29 T30 T31]);

/// Cons list `Self` followed by cons list `B`.
pub trait Append<B> {
    /// The joined list.
    type Joined;
    /// Joins.
    fn append(self, b: B) -> Self::Joined;
}

impl<B> Append<B> for () {
    type Joined = B;
    #[inline(always)]
    fn append(self, b: B) -> B {
        b
    }
}

impl<H, T: Append<B>, B> Append<B> for (H, T) {
    type Joined = (H, T::Joined);
    #[inline(always)]
    fn append(self, b: B) -> Self::Joined {
        (self.0, self.1.append(b))
    }
}

/// Cons lists `A` and `B` joined.
pub type Joined<A, B> = <A as Append<B>>::Joined;

/// Two tuples joined into one: `concat2((a, b), (c,)) == (a, b, c)`.
#[inline(always)]
pub fn concat2<A, B>(a: A, b: B) -> <Joined<A::List, B::List> as Uncons>::Tuple
where
    A: Cons,
    B: Cons,
    A::List: Append<B::List>,
    <A::List as Append<B::List>>::Joined: Uncons,
{
    a.cons().append(b.cons()).uncons()
}

/// The tuple [`concat3`] returns.
pub type Concat3<A, B, C> = <Joined<<A as Cons>::List, Joined<<B as Cons>::List, <C as Cons>::List>> as Uncons>::Tuple;

/// Three tuples joined into one.
#[inline(always)]
pub fn concat3<A, B, C>(a: A, b: B, c: C) -> Concat3<A, B, C>
where
    A: Cons,
    B: Cons,
    C: Cons,
    B::List: Append<C::List>,
    A::List: Append<<B::List as Append<C::List>>::Joined>,
    <A::List as Append<<B::List as Append<C::List>>::Joined>>::Joined: Uncons,
{
    a.cons().append(b.cons().append(c.cons())).uncons()
}

/// Keeps the tangents the callee takes: an active argument's always, a constant's never, an
/// optional one's when `Skip` is `No` (the callee differentiates those parameters too).
#[diagnostic::on_unimplemented(
    message = "the called function's `_jvp` takes fewer tangents than its float arguments need",
    note = "a function restricted with `#[differentiable(wrt(...))]` can be called from differentiable code when the arguments it leaves out are constants at the call site, or when it differentiates all of them"
)]
pub trait Pick<T, Skip> {
    /// The kept tangents, as a cons list.
    type Kept;
    /// Keeps them.
    fn pick(tangents: T) -> Self::Kept;
}

impl<Skip> Pick<(), Skip> for () {
    type Kept = ();
    #[inline(always)]
    fn pick(_tangents: ()) {}
}

impl<H, T, Rest: Pick<T, Skip>, Skip> Pick<(H, T), Skip> for (Active, Rest) {
    type Kept = (H, Rest::Kept);
    #[inline(always)]
    fn pick(tangents: (H, T)) -> Self::Kept {
        (tangents.0, Rest::pick(tangents.1))
    }
}

impl<H, T, Rest: Pick<T, Skip>, Skip> Pick<(H, T), Skip> for (Constant, Rest) {
    type Kept = Rest::Kept;
    #[inline(always)]
    fn pick(tangents: (H, T)) -> Self::Kept {
        Rest::pick(tangents.1)
    }
}

impl<H, T, Rest: Pick<T, No>> Pick<(H, T), No> for (Optional, Rest) {
    type Kept = (H, Rest::Kept);
    #[inline(always)]
    fn pick(tangents: (H, T)) -> Self::Kept {
        (tangents.0, Rest::pick(tangents.1))
    }
}

impl<H, T, Rest: Pick<T, Yes>> Pick<(H, T), Yes> for (Optional, Rest) {
    type Kept = Rest::Kept;
    #[inline(always)]
    fn pick(tangents: (H, T)) -> Self::Kept {
        Rest::pick(tangents.1)
    }
}

/// Whether the callee takes the active arguments' tangents only (see [`Pick`]).
pub type SkipsOptional<Flags, Extra> =
    <<<Flags as Cons>::List as ActiveCount>::N as SameAs<<<Extra as Cons>::List as Length>::N>>::Answer;

/// The tangents of [`forward_call`] that the callee takes.
pub type Kept<Flags, Tangents, Extra> =
    <<Flags as Cons>::List as Pick<<Tangents as Cons>::List, SkipsOptional<Flags, Extra>>>::Kept;

/// Calls `f` with `args` followed by the tangents it takes (one flag per tangent).
#[inline(always)]
pub fn forward_call<F, Args, Extra, Tangents, Flags>(f: F, args: Args, tangents: Tangents, _flags: Flags) -> F::Output
where
    F: Call<Args, Extra>,
    Extra: Cons,
    Extra::List: Length,
    Flags: Cons,
    Flags::List: ActiveCount,
    <Flags::List as ActiveCount>::N: SameAs<<Extra::List as Length>::N>,
    Tangents: Cons,
    Flags::List: Pick<Tangents::List, SkipsOptional<Flags, Extra>>,
    Kept<Flags, Tangents, Extra>: Uncons<Tuple = Extra>,
{
    let kept = <Flags::List as Pick<Tangents::List, SkipsOptional<Flags, Extra>>>::pick(tangents.cons());
    f.call(args, kept.uncons())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g_jvp(x: f64, v: &[f64], dx: f64, dv: &[f64]) -> (f64, f64) {
        (x * v[0], dx * v[0] + x * dv[0])
    }

    // As if restricted with `wrt(x)`.
    fn r_jvp(x: f64, v: &[f64], n: usize, dx: f64) -> (f64, f64) {
        (x * v[0] * n as f64, dx * v[0] * n as f64)
    }

    #[test]
    fn optional_tangents_go_to_a_callee_that_takes_them() {
        let (v, zero) = (vec![2.0, 3.0], vec![0.0; 2]);
        let args = prefix2(&g_jvp)(1.5, &v);
        let tangents = prefix2(&g_jvp)(1.0, &zero);
        assert_eq!(forward_call(g_jvp, args, tangents, (Active, Optional)), (3.0, 2.0));
    }

    #[test]
    fn optional_and_constant_tangents_are_dropped_for_a_callee_that_leaves_them_out() {
        let (v, zero) = (vec![2.0, 3.0], vec![0.0; 2]);
        let args = prefix3(&r_jvp)(1.5, &v, 2);
        let tangents = prefix3(&r_jvp)(1.0, &zero, 2);
        assert_eq!(forward_call(r_jvp, args, tangents, (Active, Optional, Constant)), (6.0, 4.0));
    }
}
