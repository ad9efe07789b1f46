//! The two float types the crate differentiates, behind one trait.
//!
//! Generated code is written once for `f32` and `f64`: wherever a derivative rule needs a
//! constant or a conversion whose type the macro cannot see (`ln 2`, `n as T`), it calls a
//! helper generic over [`Float`], and rustc picks the precision from the user's values.

use core::fmt::{Debug, Display};
use core::iter::Sum;
use core::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Sub, SubAssign};

/// `f32` or `f64`: the scalar types whose values carry gradients.
pub trait Float:
    Copy
    + Default
    + PartialOrd
    + Debug
    + Display
    + Send
    + Sync
    + 'static
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + AddAssign
    + SubAssign
    + MulAssign
    + DivAssign
    + Sum
{
    /// `0`.
    const ZERO: Self;
    /// `1`.
    const ONE: Self;
    /// `ln 2`.
    const LN_2: Self;
    /// `ln 10`.
    const LN_10: Self;
    /// Converts from `f64`, rounding to the nearest `Self`.
    fn from_f64(v: f64) -> Self;
    /// Converts to `f64` (exact for both types).
    fn to_f64(self) -> f64;
    /// Converts an `i32` exponent or count.
    fn from_i32(n: i32) -> Self;
    /// Converts a `usize` count (a batch size, a length).
    fn from_usize(n: usize) -> Self;
    /// `self.powi(n)`.
    fn powi(self, n: i32) -> Self;
    /// `self.powf(p)`.
    fn powf(self, p: Self) -> Self;
    /// `self.sqrt()`.
    fn sqrt(self) -> Self;
    /// `self.hypot(other)`.
    fn hypot(self, other: Self) -> Self;
    /// `self.exp()`.
    fn exp(self) -> Self;
    /// `self.ln()`.
    fn ln(self) -> Self;
    /// `self.abs()`.
    fn abs(self) -> Self;
    /// `self.tanh()`.
    fn tanh(self) -> Self;
    /// `self.max(other)` (ignores a NaN operand, as std does).
    fn max(self, other: Self) -> Self;
    /// `self.min(other)` (ignores a NaN operand, as std does).
    fn min(self, other: Self) -> Self;
    /// `self.is_finite()`.
    fn is_finite(self) -> bool;
    /// `self.is_nan()`.
    fn is_nan(self) -> bool;
    /// `self.copysign(sign)`.
    fn copysign(self, sign: Self) -> Self;
}

macro_rules! impl_float {
    ($t:ident) => {
        impl Float for $t {
            const ZERO: Self = 0.0;
            const ONE: Self = 1.0;
            const LN_2: Self = core::$t::consts::LN_2;
            const LN_10: Self = core::$t::consts::LN_10;
            #[inline(always)]
            fn from_f64(v: f64) -> Self {
                v as $t
            }
            #[inline(always)]
            fn to_f64(self) -> f64 {
                self as f64
            }
            #[inline(always)]
            fn from_i32(n: i32) -> Self {
                n as $t
            }
            #[inline(always)]
            fn from_usize(n: usize) -> Self {
                n as $t
            }
            #[inline(always)]
            fn powi(self, n: i32) -> Self {
                $t::powi(self, n)
            }
            #[inline(always)]
            fn powf(self, p: Self) -> Self {
                $t::powf(self, p)
            }
            #[inline(always)]
            fn sqrt(self) -> Self {
                $t::sqrt(self)
            }
            #[inline(always)]
            fn hypot(self, other: Self) -> Self {
                $t::hypot(self, other)
            }
            #[inline(always)]
            fn exp(self) -> Self {
                $t::exp(self)
            }
            #[inline(always)]
            fn ln(self) -> Self {
                $t::ln(self)
            }
            #[inline(always)]
            fn abs(self) -> Self {
                $t::abs(self)
            }
            #[inline(always)]
            fn tanh(self) -> Self {
                $t::tanh(self)
            }
            #[inline(always)]
            fn max(self, other: Self) -> Self {
                $t::max(self, other)
            }
            #[inline(always)]
            fn min(self, other: Self) -> Self {
                $t::min(self, other)
            }
            #[inline(always)]
            fn is_finite(self) -> bool {
                $t::is_finite(self)
            }
            #[inline(always)]
            fn is_nan(self) -> bool {
                $t::is_nan(self)
            }
            #[inline(always)]
            fn copysign(self, sign: Self) -> Self {
                $t::copysign(self, sign)
            }
        }
    };
}

impl_float!(f32);
impl_float!(f64);
