//! The float types the oracle runs over: `f64` and `f32`, behind one trait so that every rule
//! in [`super::Dual`] is written once.
//!
//! A value is computed in the program's own type (so the oracle's value equals the primal's
//! bit for bit); derivatives are computed in `f64` from that value (see `Dual`'s
//! documentation), through [`Real::to_f64`].

use std::fmt::Debug;
use std::iter::Sum;
use std::ops::{Add, Div, Mul, Neg, Sub};

/// `f32` or `f64`: the methods a generated program calls, each the type's own.
pub trait Real:
    Copy
    + PartialOrd
    + Debug
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + Sum
    + 'static
{
    /// The type's machine epsilon, as an `f64`.
    const EPSILON: f64;
    /// Relative size of the input perturbation that must not cross a branch, kink or jump for
    /// a point to be compared (see `near_kink`): coarser for `f32`, whose values are coarser.
    const PERTURBATION: f64;
    /// The type's name as a program writes it.
    const NAME: &'static str;

    fn to_f64(self) -> f64;
    /// Rounds to the nearest value of the type (`as`).
    fn from_f64(v: f64) -> Self;

    fn sin(self) -> Self;
    fn cos(self) -> Self;
    fn tan(self) -> Self;
    fn asin(self) -> Self;
    fn acos(self) -> Self;
    fn atan(self) -> Self;
    fn atan2(self, x: Self) -> Self;
    fn sinh(self) -> Self;
    fn cosh(self) -> Self;
    fn tanh(self) -> Self;
    fn asinh(self) -> Self;
    fn acosh(self) -> Self;
    fn atanh(self) -> Self;
    fn exp(self) -> Self;
    fn exp2(self) -> Self;
    fn exp_m1(self) -> Self;
    fn ln(self) -> Self;
    fn ln_1p(self) -> Self;
    fn log(self, base: Self) -> Self;
    fn log2(self) -> Self;
    fn log10(self) -> Self;
    fn sqrt(self) -> Self;
    fn cbrt(self) -> Self;
    fn powi(self, k: i32) -> Self;
    fn powf(self, y: Self) -> Self;
    fn recip(self) -> Self;
    fn hypot(self, o: Self) -> Self;
    fn mul_add(self, b: Self, c: Self) -> Self;
    fn abs(self) -> Self;
    fn signum(self) -> Self;
    fn max(self, o: Self) -> Self;
    fn min(self, o: Self) -> Self;
    fn clamp(self, lo: Self, hi: Self) -> Self;
    fn floor(self) -> Self;
    fn ceil(self) -> Self;
    fn trunc(self) -> Self;
    fn round(self) -> Self;
}

/// Implements [`Real`] for a primitive float by forwarding each method to the type's own
/// (a macro, since the two impls differ only in the type's name).
macro_rules! real {
    ($t:ident, $perturbation:expr) => {
        impl Real for $t {
            const EPSILON: f64 = $t::EPSILON as f64;
            const PERTURBATION: f64 = $perturbation;
            const NAME: &'static str = stringify!($t);
            fn to_f64(self) -> f64 {
                f64::from(self)
            }
            fn from_f64(v: f64) -> Self {
                v as $t
            }
            real!(@unary $t: sin cos tan asin acos atan sinh cosh tanh asinh acosh atanh exp exp2 exp_m1
                ln ln_1p log2 log10 sqrt cbrt recip abs signum floor ceil trunc round);
            real!(@binary $t: atan2 log powf hypot max min);
            fn powi(self, k: i32) -> Self {
                $t::powi(self, k)
            }
            fn mul_add(self, b: Self, c: Self) -> Self {
                $t::mul_add(self, b, c)
            }
            fn clamp(self, lo: Self, hi: Self) -> Self {
                $t::clamp(self, lo, hi)
            }
        }
    };
    (@unary $t:ident: $($m:ident)*) => {
        $(fn $m(self) -> Self { $t::$m(self) })*
    };
    (@binary $t:ident: $($m:ident)*) => {
        $(fn $m(self, o: Self) -> Self { $t::$m(self, o) })*
    };
}

real!(f64, 1e-7);
real!(f32, 1e-4);
