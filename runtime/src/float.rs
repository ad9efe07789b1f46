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
    crate::tangent::Differentiable<Tangent = Self>
    + crate::tangent::Accumulate
    + crate::__private::Activity<Flag = crate::__private::Active>
    + crate::__private::FloatOperand
    + crate::__private::StaticZero
    + Copy
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
    + for<'a> Sum<&'a Self>
    + core::iter::Product
    + for<'a> core::iter::Product<&'a Self>
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
    /// `self.sin()`.
    fn sin(self) -> Self;
    /// `self.cos()`.
    fn cos(self) -> Self;
    /// `self.tan()`.
    fn tan(self) -> Self;
    /// `self.asin()`.
    fn asin(self) -> Self;
    /// `self.acos()`.
    fn acos(self) -> Self;
    /// `self.atan()`.
    fn atan(self) -> Self;
    /// `self.sinh()`.
    fn sinh(self) -> Self;
    /// `self.cosh()`.
    fn cosh(self) -> Self;
    /// `self.tanh()`.
    fn tanh(self) -> Self;
    /// `self.asinh()`.
    fn asinh(self) -> Self;
    /// `self.acosh()`.
    fn acosh(self) -> Self;
    /// `self.atanh()`.
    fn atanh(self) -> Self;
    /// `self.exp2()`.
    fn exp2(self) -> Self;
    /// `self.exp_m1()`.
    fn exp_m1(self) -> Self;
    /// `self.ln_1p()`.
    fn ln_1p(self) -> Self;
    /// `self.log2()`.
    fn log2(self) -> Self;
    /// `self.log10()`.
    fn log10(self) -> Self;
    /// `self.cbrt()`.
    fn cbrt(self) -> Self;
    /// `self.recip()`.
    fn recip(self) -> Self;
    /// `self.to_degrees()`.
    fn to_degrees(self) -> Self;
    /// `self.to_radians()`.
    fn to_radians(self) -> Self;
    /// `self.fract()`.
    fn fract(self) -> Self;
    /// `self.floor()`.
    fn floor(self) -> Self;
    /// `self.ceil()`.
    fn ceil(self) -> Self;
    /// `self.round()`.
    fn round(self) -> Self;
    /// `self.round_ties_even()`.
    fn round_ties_even(self) -> Self;
    /// `self.trunc()`.
    fn trunc(self) -> Self;
    /// `self.signum()`.
    fn signum(self) -> Self;
    /// `self.atan2(other)`.
    fn atan2(self, other: Self) -> Self;
    /// `self.log(other)`.
    fn log(self, other: Self) -> Self;
    /// `self.midpoint(other)`.
    fn midpoint(self, other: Self) -> Self;
    /// `self.rem_euclid(other)`.
    fn rem_euclid(self, other: Self) -> Self;
    /// `self.div_euclid(other)`.
    fn div_euclid(self, other: Self) -> Self;
    /// `self.mul_add(a, b)`.
    fn mul_add(self, a: Self, b: Self) -> Self;
    /// `self.clamp(min, max)`.
    fn clamp(self, min: Self, max: Self) -> Self;
    /// `self.sin_cos()`.
    fn sin_cos(self) -> (Self, Self);
    /// `self.is_infinite()`.
    fn is_infinite(self) -> bool;
    /// `self.is_sign_negative()`.
    fn is_sign_negative(self) -> bool;
    /// Hands an array of `shape` to a visitor by name (what `Tensor<T>` needs to be
    /// [`Differentiable`](crate::Differentiable) for either float type).
    #[doc(hidden)]
    fn visit_named_array(items: &[Self], shape: &[usize], visitor: &mut crate::__private::NamedVisitor<'_>);
    /// The same, mutably.
    #[doc(hidden)]
    fn visit_named_array_mut(items: &mut [Self], shape: &[usize], visitor: &mut crate::__private::NamedVisitorMut<'_>);
}

macro_rules! impl_float {
    ($t:ident) => {
        impl Float for $t {
            forward_methods!($t; unary: sin cos tan asin acos atan sinh cosh asinh acosh atanh exp2 exp_m1 ln_1p log2 log10 cbrt recip to_degrees to_radians fract floor ceil round round_ties_even trunc signum; binary: atan2 log midpoint rem_euclid div_euclid);
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

/// `visitor.f32_array(items, shape)` or `visitor.f64_array(items, shape)`.
macro_rules! paste_array {
    ($visitor:ident, f32, $items:ident, $shape:ident) => {
        $visitor.f32_array($items, $shape)
    };
    ($visitor:ident, f64, $items:ident, $shape:ident) => {
        $visitor.f64_array($items, $shape)
    };
}

/// The methods of `Float` that forward to the float type's own of the same name.
macro_rules! forward_methods {
    ($t:ident; unary: $($u:ident)*; binary: $($b:ident)*) => {
        $(#[inline(always)] fn $u(self) -> Self { $t::$u(self) })*
        $(#[inline(always)] fn $b(self, other: Self) -> Self { $t::$b(self, other) })*
        #[inline(always)]
        fn mul_add(self, a: Self, b: Self) -> Self { $t::mul_add(self, a, b) }
        #[inline(always)]
        fn clamp(self, min: Self, max: Self) -> Self { $t::clamp(self, min, max) }
        #[inline(always)]
        fn sin_cos(self) -> (Self, Self) { $t::sin_cos(self) }
        #[inline(always)]
        fn is_infinite(self) -> bool { $t::is_infinite(self) }
        #[inline(always)]
        fn is_sign_negative(self) -> bool { $t::is_sign_negative(self) }
        fn visit_named_array(items: &[Self], shape: &[usize], visitor: &mut crate::__private::NamedVisitor<'_>) {
            paste_array!(visitor, $t, items, shape)
        }
        fn visit_named_array_mut(items: &mut [Self], shape: &[usize], visitor: &mut crate::__private::NamedVisitorMut<'_>) {
            paste_array!(visitor, $t, items, shape)
        }
    };
}

impl_float!(f32);
impl_float!(f64);
