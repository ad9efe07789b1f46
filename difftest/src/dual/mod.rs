//! Forward-mode dual numbers: the oracle the generated gradients are compared against.
//!
//! Every method is written by hand from its textbook derivative and shares no code with the
//! macro, so a wrong rule in the macro cannot hide behind the same wrong rule here. The value
//! part of each operation is the very operation the primal program performs, in the program's
//! own float type `T` (`f64` or `f32`), so a dual run takes exactly the branches the primal
//! run takes and its `v` equals the primal value bit for bit. Derivatives are carried in
//! `f64` whatever `T` is: the oracle should be the more accurate side of the comparison.
//!
//! ```
//! use backprop_difftest::dual::Dual;
//! let x: Dual = Dual::seed(0.5);
//! let y = x.sin() * x;
//! assert_eq!(y.v, 0.5f64.sin() * 0.5);
//! assert!((y.d - (0.5f64.cos() * 0.5 + 0.5f64.sin())).abs() < 1e-15);
//! ```

pub mod custom;
mod elementary;
pub mod hyper;
mod ops;
mod real;

pub use hyper::Hyper;
pub use real::Real;

use std::cell::Cell;

/// A value, its derivative along one input direction, and a bound on the terms that
/// derivative sums.
///
/// `m` is the same forward pass with every local derivative and every tangent replaced by its
/// absolute value. Reverse and forward mode add the same terms in different orders, so they
/// may differ by rounding of order `ε · m` even when `d` is small after cancellation; the
/// comparison scales its absolute floor by `m` for that reason (and only that reason).
#[derive(Clone, Copy, Debug)]
pub struct Dual<T = f64> {
    /// The value, in the program's float type.
    pub v: T,
    /// The directional derivative.
    pub d: f64,
    /// The sum of the absolute values of the terms of `d` (see the type's documentation).
    pub m: f64,
    /// How far a reverse sweep in `T` may be from `d` because a local derivative computed
    /// from a rounded value has lost relative accuracy: `tanh' = 1 − tanh²` where `tanh`
    /// rounds to nearly ±1 is accurate to a few `ε` absolutely, not relatively. Zero almost
    /// always in `f64`; what lets `f32` programs saturate a `tanh`.
    pub r: f64,
}

/// How many `ε` of its float type a local derivative computed in that type may be off by
/// (see `Dual::chain_rounded`).
const ROUNDING: f64 = 4.0;

thread_local! {
    static NEAR_KINK: Cell<bool> = const { Cell::new(false) };
    static OVERFLOW: Cell<bool> = const { Cell::new(false) };
}

/// Whether an operation since the last [`reset_kinks`] had a local derivative that is not a
/// finite float (`cosh` of 1000 has derivative `sinh(1000) = ∞`). The primal may still be
/// finite (`1 / cosh(1000) = 0`), but reverse mode multiplies that derivative by an adjoint,
/// and `0 · ∞` is NaN where forward mode, which never forms the product when a `clamp` or
/// `max` discards the branch, stays finite. JAX gives the same NaN; such points are out of
/// the floats' range for this comparison, as are values beyond ±1e12.
pub fn overflowed() -> bool {
    OVERFLOW.with(Cell::get)
}

/// Records a local derivative that is not finite, or a value that overflowed `T` where the
/// same operation in `f64` did not (an `f32` program's `exp(100)`).
fn check_local(dv: f64) {
    if !dv.is_finite() {
        OVERFLOW.with(|o| o.set(true));
    }
}

/// Whether a kink or branch was met, since the last [`reset_kinks`], close enough that a
/// perturbation of the inputs by [`Real::PERTURBATION`] could cross it: a comparison whose
/// sides differ by less than that perturbation moves them, an `abs` of a value that small, and
/// so on.
pub fn near_kink() -> bool {
    NEAR_KINK.with(Cell::get)
}

/// Forgets the kinks met so far; call before each dual run.
pub fn reset_kinks() {
    NEAR_KINK.with(|k| k.set(false));
    OVERFLOW.with(|o| o.set(false));
}

/// Records a kink at distance `gap`, which changes at rate `speed` along the seeded input.
/// Two sides that move together (`x.max(x)`) never cross, whatever their gap.
fn kink<T: Real>(gap: f64, speed: f64) {
    if gap.abs() < T::PERTURBATION * speed.abs() || gap.is_nan() {
        NEAR_KINK.with(|k| k.set(true));
    }
}

impl<T: Real> Dual<T> {
    /// A constant: derivative zero. Every literal a program writes is exact in `f32`.
    pub fn c(v: f64) -> Dual<T> {
        Dual { v: T::from_f64(v), d: 0.0, m: 0.0, r: 0.0 }
    }

    /// `-∞` as a constant: the start of `.fold(f64::NEG_INFINITY, f64::max)`.
    pub fn neg_infinity() -> Dual<T> {
        Dual::c(f64::NEG_INFINITY)
    }

    /// The input being differentiated: derivative one.
    pub fn seed(v: f64) -> Dual<T> {
        Dual { v: T::from_f64(v), d: 1.0, m: 1.0, r: 0.0 }
    }

    /// An input whose component in the seeded direction is `d`: one for the input a pass
    /// differentiates by, zero for the others; any direction's component for a directional
    /// derivative (what `_jvp` computes).
    pub fn input(v: f64, d: f64) -> Dual<T> {
        Dual { v: T::from_f64(v), d, m: d.abs(), r: 0.0 }
    }

    /// The value, derivative, bound and rounding allowance as `f64`s, as the check compares
    /// them.
    pub fn parts(self) -> [f64; 4] {
        [self.v.to_f64(), self.d, self.m, self.r]
    }

    /// `as` between float types: the value rounded, the derivative unchanged (rounding is
    /// the identity to first order).
    pub fn cast<U: Real>(self) -> Dual<U> {
        Dual { v: U::from_f64(self.v.to_f64()), d: self.d, m: self.m, r: self.r }
    }

    /// The value as an `f64`, for computing local derivatives.
    fn x(self) -> f64 {
        self.v.to_f64()
    }

    /// `f(self)` with value `v` and local derivative `dv`.
    fn chain(self, v: T, dv: f64) -> Dual<T> {
        self.chain_rounded(v, dv, 0.0)
    }

    /// `f(self)` with value `v` and local derivative `dv`, which a computation in `T` gets
    /// only to within `err` (absolutely) besides its own rounding: a reverse sweep computes
    /// `dv` in `T`, to a few `ε` of `T` relatively, which matters where an `f64` program
    /// computes a step in `f32` (`((x as f32).sqrt() as f64)`).
    fn chain_rounded(self, v: T, dv: f64, err: f64) -> Dual<T> {
        check_local(dv);
        let err = err + ROUNDING * T::EPSILON * dv.abs();
        Dual { v, d: dv * self.d, m: dv.abs() * self.m, r: dv.abs() * self.r + err * self.m }
    }

    /// `f(self, o)` with value `v` and local derivatives `da`, `db`.
    fn chain2(self, o: Dual<T>, v: T, da: f64, db: f64) -> Dual<T> {
        check_local(da);
        check_local(db);
        let m = da.abs() * self.m + db.abs() * o.m;
        let r = da.abs() * self.r + db.abs() * o.r + ROUNDING * T::EPSILON * m;
        Dual { v, d: da * self.d + db * o.d, m, r }
    }

    /// `f(self)` with a zero derivative and a jump wherever `gap` is zero.
    fn step(self, v: T, gap: f64) -> Dual<T> {
        kink::<T>(gap, self.d);
        Dual::c(0.0).with_value(v)
    }

    fn with_value(self, v: T) -> Dual<T> {
        Dual { v, ..self }
    }
}

#[cfg(test)]
mod tests;
