//! The parts of derivative rules that depend on the float type or on a convention.
//!
//! Most rules are written inline by the macro (`__d_x += __d_y * x.cos()`), in terms of the
//! user's own values, so one text serves `f32` and `f64`. The rules here need a typed
//! constant (`ln 2`), a conversion (`n as T`), or a choice at a kink; each choice is
//! documented and matches JAX and PyTorch where those two agree.

use crate::Float;

/// `d/dx x.powi(n) = n · x^(n−1)`; `0` when `n == 0`, so `0.powi(0)` has gradient `0`.
#[inline(always)]
pub fn powi_dx<T: Float>(x: T, n: i32) -> T {
    if n == 0 { T::ZERO } else { T::from_i32(n) * x.powi(n - 1) }
}

/// `d/dx x.powf(p) = p · x^(p−1)`; `0` when `p == 0`.
#[inline(always)]
pub fn powf_dx<T: Float>(x: T, p: T) -> T {
    if p == T::ZERO { T::ZERO } else { p * x.powf(p - T::ONE) }
}

/// `d/dp x.powf(p) = x^p · ln x`, taken as `0` at `x == 0` (JAX and PyTorch agree).
#[inline(always)]
pub fn powf_dp<T: Float>(x: T, y: T) -> T {
    if x == T::ZERO { T::ZERO } else { y * x.ln() }
}

/// `d/dx |x|`: the sign of `x`, and `0` at `x == 0` (JAX and PyTorch agree; note that
/// `0.0f64.signum()` is `1`).
#[inline(always)]
pub fn abs_dx<T: Float>(x: T) -> T {
    if x > T::ZERO {
        T::ONE
    } else if x < T::ZERO {
        -T::ONE
    } else {
        T::ZERO
    }
}

/// `∂/∂a a.max(b)`: `1` if `a` is the larger, `½` on a tie (JAX and PyTorch agree), `0`
/// otherwise. `∂/∂b` is `max_dx(b, a)`. A NaN operand is ignored by `max`, so it gets `0`.
#[inline(always)]
pub fn max_dx<T: Float>(a: T, b: T) -> T {
    if a > b || b.is_nan() {
        T::ONE
    } else if a < b || a.is_nan() {
        T::ZERO
    } else {
        T::from_f64(0.5)
    }
}

/// `∂/∂a a.min(b)`: `1` if `a` is the smaller, `½` on a tie, `0` otherwise.
#[inline(always)]
pub fn min_dx<T: Float>(a: T, b: T) -> T {
    if a < b || b.is_nan() {
        T::ONE
    } else if a > b || a.is_nan() {
        T::ZERO
    } else {
        T::from_f64(0.5)
    }
}

/// `∂/∂x x.clamp(lo, hi)`: `1` on the closed interval `lo ≤ x ≤ hi` (PyTorch's convention;
/// JAX splits ties), `0` outside.
#[inline(always)]
pub fn clamp_dx<T: Float>(x: T, lo: T, hi: T) -> T {
    if x < lo || x > hi { T::ZERO } else { T::ONE }
}

/// `∂/∂lo x.clamp(lo, hi)`: `1` when `x < lo`.
#[inline(always)]
pub fn clamp_dlo<T: Float>(x: T, lo: T, _hi: T) -> T {
    if x < lo { T::ONE } else { T::ZERO }
}

/// `∂/∂hi x.clamp(lo, hi)`: `1` when `x > hi`.
#[inline(always)]
pub fn clamp_dhi<T: Float>(x: T, _lo: T, hi: T) -> T {
    if x > hi { T::ONE } else { T::ZERO }
}

/// `∂/∂x x.hypot(y) = x / h` for the result `h`, and `0` at the origin. `∂/∂y` is
/// `hypot_dx(y, x, h)`.
#[inline(always)]
pub fn hypot_dx<T: Float>(x: T, _y: T, h: T) -> T {
    if h == T::ZERO { T::ZERO } else { x / h }
}

/// `d/dx x.exp2() = 2^x · ln 2`, from the result `y = 2^x`.
#[inline(always)]
pub fn exp2_dx<T: Float>(y: T) -> T {
    y * T::LN_2
}

/// `d/dx x.log2() = 1 / (x ln 2)`.
#[inline(always)]
pub fn log2_dx<T: Float>(x: T) -> T {
    T::ONE / (x * T::LN_2)
}

/// `d/dx x.log10() = 1 / (x ln 10)`.
#[inline(always)]
pub fn log10_dx<T: Float>(x: T) -> T {
    T::ONE / (x * T::LN_10)
}

/// `d/dx x.log(b) = 1 / (x ln b)`.
#[inline(always)]
pub fn log_dx<T: Float>(x: T, b: T) -> T {
    T::ONE / (x * b.ln())
}

/// `d/db x.log(b) = −log_b(x) / (b ln b)`, from the result `y = log_b(x)`.
#[inline(always)]
pub fn log_db<T: Float>(y: T, b: T) -> T {
    -y / (b * b.ln())
}

/// Converts an adjoint back to the type of the value that was cast: for `as` casts between
/// `f32` and `f64`, the adjoint in the source's precision; for a cast from an integer (which
/// the macro cannot always tell from a float, as with a struct field), zero.
#[inline(always)]
pub fn cast_as<S: Float, T: CastSource>(adjoint: S, _like: &T) -> T {
    T::from_adjoint(adjoint.to_f64())
}

/// The source type of an `as` cast, seen from the reverse sweep.
pub trait CastSource {
    /// The source's share of the cast result's adjoint.
    fn from_adjoint(adjoint: f64) -> Self;
}

impl CastSource for f32 {
    #[inline(always)]
    fn from_adjoint(adjoint: f64) -> f32 {
        adjoint as f32
    }
}

impl CastSource for f64 {
    #[inline(always)]
    fn from_adjoint(adjoint: f64) -> f64 {
        adjoint
    }
}

macro_rules! constant_cast_source {
    ($($t:ty),*) => {$(
        impl CastSource for $t {
            #[inline(always)]
            fn from_adjoint(_adjoint: f64) -> $t {
                <$t>::default()
            }
        }
    )*};
}
constant_cast_source!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize, bool);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn powi_dx_matches_the_power_rule() {
        assert_eq!(powi_dx(2.0f64, 3), 12.0);
        assert_eq!(powi_dx(0.0f64, 0), 0.0);
        assert_eq!(powi_dx(2.0f32, -1), -0.25);
    }

    #[test]
    fn kinks_follow_the_documented_conventions() {
        assert_eq!(abs_dx(0.0f64), 0.0);
        assert_eq!(abs_dx(-0.0f64), 0.0);
        assert_eq!((max_dx(1.0f64, 1.0), max_dx(1.0f64, 1.0)), (0.5, 0.5));
        assert_eq!((min_dx(2.0f64, 1.0), min_dx(1.0f64, 2.0)), (0.0, 1.0));
        assert_eq!(
            (clamp_dx(1.0f64, 1.0, 2.0), clamp_dlo(1.0f64, 1.0, 2.0), clamp_dhi(1.0f64, 1.0, 2.0)),
            (1.0, 0.0, 0.0)
        );
        assert_eq!(
            (clamp_dx(3.0f64, 1.0, 2.0), clamp_dlo(3.0f64, 1.0, 2.0), clamp_dhi(3.0f64, 1.0, 2.0)),
            (0.0, 0.0, 1.0)
        );
        assert_eq!(hypot_dx(0.0f64, 0.0, 0.0), 0.0);
        assert_eq!(powf_dp(0.0f64, 0.0), 0.0);
    }

    #[test]
    fn max_ignores_nan_like_std() {
        assert_eq!((max_dx(f64::NAN, 1.0), max_dx(1.0, f64::NAN)), (0.0, 1.0));
    }
}
