//! The parts of derivative rules that depend on the float type or on a convention.
//!
//! Most rules are written inline by the macro (`__d_x += __d_y * x.cos()`), in terms of the
//! user's own values, so one text serves `f32` and `f64`. The rules here need a typed
//! constant (`ln 2`), a conversion (`n as T`), or a choice at a kink; each choice is
//! documented, matches JAX and PyTorch where those two agree, and is compared with both in
//! `docs/numerics.md` (pinned by `tests/numerics.rs`). A NaN operand gives a NaN derivative
//! wherever the primal returns NaN: a rule that chooses by comparing returns the NaN instead
//! of one of its branches.

use crate::Float;

/// The `k`-th derivative of `x.powi(n)`: `n (n − 1) ⋯ (n − k + 1) · x^(n−k)`, and `0` when that
/// coefficient is (so `0.powi(0)` has gradient `0`, and `x²` third derivative `0` at `x = 0`).
/// `k = 1` is the gradient; the derivative of the `k`-th is the `(k + 1)`-th.
#[inline(always)]
pub fn powi_dk<T: Float>(x: T, n: i32, k: i32) -> T {
    let coefficient = (0..k).fold(T::ONE, |c, j| c * T::from_i32(n - j));
    if coefficient == T::ZERO { T::ZERO } else { coefficient * x.powi(n - k) }
}

/// `d/dx x.powf(p) = p · x^(p−1)`; `0` when `p == 0`, since `x.powf(0)` is `1` for every `x`
/// (PyTorch; JAX returns NaN at `x == 0`).
#[inline(always)]
pub fn powf_dx<T: Float>(x: T, p: T) -> T {
    if p == T::ZERO { T::ZERO } else { p * x.powf(p - T::ONE) }
}

/// `d/dp x.powf(p) = x^p · ln x`, taken as `0` at `x == 0` (JAX and PyTorch agree for
/// `p ≥ 0`; for `p < 0` they return NaN and −∞).
#[inline(always)]
pub fn powf_dp<T: Float>(x: T, y: T) -> T {
    if x == T::ZERO { T::ZERO } else { y * x.ln() }
}

/// `∂/∂a atan2(a, b) = b / (a² + b²)`, as `(b / h) / h` with `h = a.hypot(b)`: the sum of
/// squares would underflow at `(1e-200, 1e-200)` and overflow at `(1e200, 1e200)`, where the
/// derivative (`5e199`, `5e-201`) is representable. `0 / 0 = NaN` at the origin, where atan2
/// jumps (JAX and PyTorch give NaN too).
#[inline(always)]
pub fn atan2_da<T: Float>(a: T, b: T) -> T {
    let h = a.hypot(b);
    b / h / h
}

/// `∂/∂b atan2(a, b) = −a / (a² + b²)`, written as [`atan2_da`] is.
#[inline(always)]
pub fn atan2_db<T: Float>(a: T, b: T) -> T {
    let h = a.hypot(b);
    -(a / h / h)
}

/// `d/dx |x|`: the sign of `x`, `0` at `x == 0` (PyTorch's `sgn`; JAX returns `1`; note that
/// `0.0f64.signum()` is `1`), and NaN at NaN.
#[inline(always)]
pub fn abs_dx<T: Float>(x: T) -> T {
    if x > T::ZERO {
        T::ONE
    } else if x < T::ZERO {
        -T::ONE
    } else if x == T::ZERO {
        T::ZERO
    } else {
        x
    }
}

/// `∂/∂x x.copysign(s)`, which is `|x|` with the sign of `s`: [`abs_dx`]`(x)` times the sign
/// of `s` (its sign bit, so `±1` also at `s = ±0`; the sign of `s` is a step, so `s` gets no
/// gradient).
#[inline(always)]
pub fn copysign_dx<T: Float>(x: T, s: T) -> T {
    abs_dx(x) * T::ONE.copysign(s)
}

/// `∂/∂a a.max(b)`: `1` if `a` is the larger, `½` on a tie (JAX and PyTorch agree), `0`
/// otherwise. `∂/∂b` is `max_dx(b, a)`. A NaN operand is ignored by `max`, as in std, so it
/// gets `0` and the other operand `1`; when both are NaN, so is the derivative.
#[inline(always)]
pub fn max_dx<T: Float>(a: T, b: T) -> T {
    if a > b {
        T::ONE
    } else if a < b {
        T::ZERO
    } else if a == b {
        T::from_f64(0.5)
    } else {
        unordered_dx(a, b)
    }
}

/// `∂/∂a a.min(b)`: `1` if `a` is the smaller, `½` on a tie, `0` otherwise; NaN operands as
/// in [`max_dx`].
#[inline(always)]
pub fn min_dx<T: Float>(a: T, b: T) -> T {
    if a < b {
        T::ONE
    } else if a > b {
        T::ZERO
    } else if a == b {
        T::from_f64(0.5)
    } else {
        unordered_dx(a, b)
    }
}

/// `∂/∂a` of `a.max(b)` or `a.min(b)` when an operand is NaN: std returns the other one.
#[inline(always)]
fn unordered_dx<T: Float>(a: T, b: T) -> T {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => a,
        (true, false) => T::ZERO,
        (false, _) => T::ONE,
    }
}

/// `∂/∂x x.clamp(lo, hi)`: `1` on the closed interval `lo ≤ x ≤ hi` (PyTorch's convention;
/// `jnp.clip` splits ties, `lax.clamp` gives `0`), `0` outside, and NaN at NaN (whose clamp
/// is NaN; JAX and PyTorch give `0` there).
#[inline(always)]
pub fn clamp_dx<T: Float>(x: T, lo: T, hi: T) -> T {
    if x >= lo && x <= hi {
        T::ONE
    } else if x.is_nan() {
        x
    } else {
        T::ZERO
    }
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

/// `∂/∂x x.hypot(y) = x / h` for the result `h`, and `0` at the origin (the smallest
/// subgradient of a norm there; JAX returns `½`, PyTorch NaN). `∂/∂y` is
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

/// The tangent of a value cast to a float with `as`, in the value's type: the tangent itself
/// for a float, zero for an integer (whose "tangent", a field of a derived struct's tangent,
/// is the integer copied from the primal).
#[inline(always)]
pub fn cast_tangent<T: CastSource>(tangent: T) -> T {
    T::tangent(tangent)
}

/// The source type of an `as` cast, seen from the reverse sweep and from forward mode.
pub trait CastSource: Sized {
    /// The source's share of the cast result's adjoint.
    fn from_adjoint(adjoint: f64) -> Self;
    /// The tangent of the cast's operand, as it reaches the result (see [`cast_tangent`]).
    fn tangent(tangent: Self) -> Self;
}

impl CastSource for f32 {
    #[inline(always)]
    fn from_adjoint(adjoint: f64) -> f32 {
        adjoint as f32
    }
    #[inline(always)]
    fn tangent(tangent: f32) -> f32 {
        tangent
    }
}

impl CastSource for f64 {
    #[inline(always)]
    fn from_adjoint(adjoint: f64) -> f64 {
        adjoint
    }
    #[inline(always)]
    fn tangent(tangent: f64) -> f64 {
        tangent
    }
}

macro_rules! constant_cast_source {
    ($($t:ty),*) => {$(
        impl CastSource for $t {
            #[inline(always)]
            fn from_adjoint(_adjoint: f64) -> $t {
                <$t>::default()
            }
            #[inline(always)]
            fn tangent(_tangent: $t) -> $t {
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
    fn powi_dk_matches_the_power_rule() {
        assert_eq!(powi_dk(2.0f64, 3, 1), 12.0);
        assert_eq!(powi_dk(0.0f64, 0, 1), 0.0);
        assert_eq!(powi_dk(2.0f32, -1, 1), -0.25);
        assert_eq!(powi_dk(2.0f64, 3, 2), 12.0);
        assert_eq!(powi_dk(0.0f64, 2, 3), 0.0);
        assert_eq!(powi_dk(2.0f64, -1, 2), 0.25);
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
        assert_eq!((min_dx(f32::NAN, 1.0), min_dx(1.0, f32::NAN)), (0.0, 1.0));
        assert!(max_dx(f64::NAN, f64::NAN).is_nan() && min_dx(f32::NAN, f32::NAN).is_nan());
    }

    #[test]
    fn comparison_rules_return_nan_for_nan() {
        assert!(abs_dx(f64::NAN).is_nan() && abs_dx(f32::NAN).is_nan());
        assert!(clamp_dx(f64::NAN, 0.0, 1.0).is_nan());
        assert_eq!((clamp_dlo(f64::NAN, 0.0, 1.0), clamp_dhi(f64::NAN, 0.0, 1.0)), (0.0, 0.0));
        assert_eq!((abs_dx(f64::INFINITY), abs_dx(f64::NEG_INFINITY)), (1.0, -1.0));
    }
}
