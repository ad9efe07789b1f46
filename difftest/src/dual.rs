//! Forward-mode dual numbers: the oracle the generated gradients are compared against.
//!
//! Every method is written by hand from its textbook derivative and shares no code with the
//! macro, so a wrong rule in the macro cannot hide behind the same wrong rule here. The value
//! part of each operation is the very `f64` operation the primal program performs, so a dual
//! run takes exactly the branches the primal run takes and its `v` equals the primal value
//! bit for bit.
//!
//! ```
//! use backprop_difftest::dual::Dual;
//! let x = Dual::seed(0.5);
//! let y = x.sin() * x;
//! assert_eq!(y.v, 0.5f64.sin() * 0.5);
//! assert!((y.d - (0.5f64.cos() * 0.5 + 0.5f64.sin())).abs() < 1e-15);
//! ```

use std::cell::Cell;
use std::f64::consts::{LN_2, LN_10};
use std::iter::Sum;
use std::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Sub, SubAssign};

/// Relative size of the input perturbation that must not flip a branch, a kink or a
/// discontinuity for a point to be compared (see [`near_kink`]).
pub const PERTURBATION: f64 = 1e-7;

/// A value, its derivative along one input direction, and a bound on the terms that
/// derivative sums.
///
/// `m` is the same forward pass with every local derivative and every tangent replaced by its
/// absolute value. Reverse and forward mode add the same terms in different orders, so they
/// may differ by rounding of order `ε · m` even when `d` is small after cancellation; the
/// comparison scales its absolute floor by `m` for that reason (and only that reason).
#[derive(Clone, Copy, Debug)]
pub struct Dual {
    /// The value.
    pub v: f64,
    /// The directional derivative.
    pub d: f64,
    /// The sum of the absolute values of the terms of `d` (see the type's documentation).
    pub m: f64,
}

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

fn check_local(dv: f64) {
    if !dv.is_finite() {
        OVERFLOW.with(|o| o.set(true));
    }
}

/// Whether a kink or branch was met, since the last [`reset_kinks`], close enough that a
/// perturbation of the inputs by [`PERTURBATION`] could cross it: a comparison whose sides
/// differ by less than that perturbation moves them, an `abs` of a value that small, and so on.
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
fn kink(gap: f64, speed: f64) {
    if gap.abs() < PERTURBATION * speed.abs() || gap.is_nan() {
        NEAR_KINK.with(|k| k.set(true));
    }
}

impl Dual {
    /// A constant: derivative zero.
    pub fn c(v: f64) -> Dual {
        Dual { v, d: 0.0, m: 0.0 }
    }

    /// The input being differentiated: derivative one.
    pub fn seed(v: f64) -> Dual {
        Dual { v, d: 1.0, m: 1.0 }
    }

    /// `f(self)` with value `v` and local derivative `dv`.
    fn chain(self, v: f64, dv: f64) -> Dual {
        check_local(dv);
        Dual { v, d: dv * self.d, m: dv.abs() * self.m }
    }

    /// `f(self, o)` with value `v` and local derivatives `da`, `db`.
    fn chain2(self, o: Dual, v: f64, da: f64, db: f64) -> Dual {
        check_local(da);
        check_local(db);
        Dual { v, d: da * self.d + db * o.d, m: da.abs() * self.m + db.abs() * o.m }
    }

    /// `f(self)` with a zero derivative and a jump wherever `gap` is zero.
    fn step(self, v: f64, gap: f64) -> Dual {
        kink(gap, self.d);
        Dual::c(v)
    }
}

impl Add for Dual {
    type Output = Dual;
    fn add(self, o: Dual) -> Dual {
        self.chain2(o, self.v + o.v, 1.0, 1.0)
    }
}

impl Sub for Dual {
    type Output = Dual;
    fn sub(self, o: Dual) -> Dual {
        self.chain2(o, self.v - o.v, 1.0, -1.0)
    }
}

impl Mul for Dual {
    type Output = Dual;
    fn mul(self, o: Dual) -> Dual {
        self.chain2(o, self.v * o.v, o.v, self.v)
    }
}

impl Div for Dual {
    type Output = Dual;
    /// (a/b)' = a'/b − a b'/b²
    fn div(self, o: Dual) -> Dual {
        self.chain2(o, self.v / o.v, 1.0 / o.v, -self.v / (o.v * o.v))
    }
}

impl Neg for Dual {
    type Output = Dual;
    fn neg(self) -> Dual {
        self.chain(-self.v, -1.0)
    }
}

impl AddAssign for Dual {
    fn add_assign(&mut self, o: Dual) {
        *self = *self + o;
    }
}

impl SubAssign for Dual {
    fn sub_assign(&mut self, o: Dual) {
        *self = *self - o;
    }
}

impl MulAssign for Dual {
    fn mul_assign(&mut self, o: Dual) {
        *self = *self * o;
    }
}

impl DivAssign for Dual {
    fn div_assign(&mut self, o: Dual) {
        *self = *self / o;
    }
}

/// Compares values only; every comparison is a branch, so it records how close it was.
impl PartialEq for Dual {
    fn eq(&self, o: &Dual) -> bool {
        self.partial_cmp(o) == Some(std::cmp::Ordering::Equal)
    }
}

impl PartialOrd for Dual {
    fn partial_cmp(&self, o: &Dual) -> Option<std::cmp::Ordering> {
        kink(self.v - o.v, self.d - o.d);
        self.v.partial_cmp(&o.v)
    }
}

/// Sums from `-0.0` in order, as `f64`'s `Sum` does, so the value matches bit for bit.
impl<'a> Sum<&'a Dual> for Dual {
    fn sum<I: Iterator<Item = &'a Dual>>(iter: I) -> Dual {
        iter.fold(Dual::c(-0.0), |acc, x| acc + *x)
    }
}

impl Sum<Dual> for Dual {
    fn sum<I: Iterator<Item = Dual>>(iter: I) -> Dual {
        iter.fold(Dual::c(-0.0), |acc, x| acc + x)
    }
}

/// Trigonometric and hyperbolic functions and their inverses.
impl Dual {
    pub fn sin(self) -> Dual {
        self.chain(self.v.sin(), self.v.cos())
    }
    pub fn cos(self) -> Dual {
        self.chain(self.v.cos(), -self.v.sin())
    }
    /// tan' = 1 + tan²
    pub fn tan(self) -> Dual {
        let t = self.v.tan();
        self.chain(t, 1.0 + t * t)
    }
    /// asin' = 1/√(1 − x²)
    pub fn asin(self) -> Dual {
        self.chain(self.v.asin(), 1.0 / (1.0 - self.v * self.v).sqrt())
    }
    /// acos' = −1/√(1 − x²)
    pub fn acos(self) -> Dual {
        self.chain(self.v.acos(), -1.0 / (1.0 - self.v * self.v).sqrt())
    }
    /// atan' = 1/(1 + x²)
    pub fn atan(self) -> Dual {
        self.chain(self.v.atan(), 1.0 / (1.0 + self.v * self.v))
    }
    /// atan2(y, x): ∂/∂y = x/(x² + y²), ∂/∂x = −y/(x² + y²); a jump across the negative x axis.
    pub fn atan2(self, x: Dual) -> Dual {
        let r2 = self.v * self.v + x.v * x.v;
        kink(r2.sqrt(), self.d.abs() + x.d.abs());
        if x.v < 0.0 {
            kink(self.v, self.d);
        }
        self.chain2(x, self.v.atan2(x.v), x.v / r2, -self.v / r2)
    }
    pub fn sinh(self) -> Dual {
        self.chain(self.v.sinh(), self.v.cosh())
    }
    pub fn cosh(self) -> Dual {
        self.chain(self.v.cosh(), self.v.sinh())
    }
    /// tanh' = 1 − tanh²
    pub fn tanh(self) -> Dual {
        let t = self.v.tanh();
        self.chain(t, 1.0 - t * t)
    }
    /// asinh' = 1/√(x² + 1)
    pub fn asinh(self) -> Dual {
        self.chain(self.v.asinh(), 1.0 / (self.v * self.v + 1.0).sqrt())
    }
    /// acosh' = 1/√(x² − 1)
    pub fn acosh(self) -> Dual {
        self.chain(self.v.acosh(), 1.0 / (self.v * self.v - 1.0).sqrt())
    }
    /// atanh' = 1/(1 − x²)
    pub fn atanh(self) -> Dual {
        self.chain(self.v.atanh(), 1.0 / (1.0 - self.v * self.v))
    }
}

/// Exponentials, logarithms and powers.
impl Dual {
    pub fn exp(self) -> Dual {
        let e = self.v.exp();
        self.chain(e, e)
    }
    /// (2ˣ)' = 2ˣ ln 2
    pub fn exp2(self) -> Dual {
        let e = self.v.exp2();
        self.chain(e, e * LN_2)
    }
    /// (eˣ − 1)' = eˣ
    pub fn exp_m1(self) -> Dual {
        self.chain(self.v.exp_m1(), self.v.exp())
    }
    pub fn ln(self) -> Dual {
        self.chain(self.v.ln(), 1.0 / self.v)
    }
    /// ln(1 + x)' = 1/(1 + x)
    pub fn ln_1p(self) -> Dual {
        self.chain(self.v.ln_1p(), 1.0 / (1.0 + self.v))
    }
    /// log_b x = ln x / ln b: ∂/∂x = 1/(x ln b), ∂/∂b = −ln x/(b ln² b)
    pub fn log(self, b: Dual) -> Dual {
        let lb = b.v.ln();
        self.chain2(b, self.v.log(b.v), 1.0 / (self.v * lb), -self.v.ln() / (b.v * lb * lb))
    }
    pub fn log2(self) -> Dual {
        self.chain(self.v.log2(), 1.0 / (self.v * LN_2))
    }
    pub fn log10(self) -> Dual {
        self.chain(self.v.log10(), 1.0 / (self.v * LN_10))
    }
    /// √x' = 1/(2√x)
    pub fn sqrt(self) -> Dual {
        let s = self.v.sqrt();
        self.chain(s, 0.5 / s)
    }
    /// ∛x' = 1/(3∛x²)
    pub fn cbrt(self) -> Dual {
        let c = self.v.cbrt();
        self.chain(c, 1.0 / (3.0 * c * c))
    }
    /// (xᵏ)' = k xᵏ⁻¹ (zero for k = 0)
    pub fn powi(self, k: i32) -> Dual {
        let dv = if k == 0 { 0.0 } else { f64::from(k) * self.v.powi(k - 1) };
        self.chain(self.v.powi(k), dv)
    }
    /// (xʸ): ∂/∂x = y xʸ⁻¹, ∂/∂y = xʸ ln x
    pub fn powf(self, y: Dual) -> Dual {
        let p = self.v.powf(y.v);
        self.chain2(y, p, y.v * self.v.powf(y.v - 1.0), p * self.v.ln())
    }
    /// (1/x)' = −1/x²
    pub fn recip(self) -> Dual {
        self.chain(self.v.recip(), -1.0 / (self.v * self.v))
    }
    /// hypot(a, b) = √(a² + b²): ∂/∂a = a/h, ∂/∂b = b/h; a kink at the origin.
    pub fn hypot(self, b: Dual) -> Dual {
        let h = self.v.hypot(b.v);
        kink(h, self.d.abs() + b.d.abs());
        self.chain2(b, h, self.v / h, b.v / h)
    }
    /// a·b + c, rounded once like `f64::mul_add`.
    pub fn mul_add(self, b: Dual, c: Dual) -> Dual {
        let ab = self.chain2(b, 0.0, b.v, self.v);
        Dual { v: self.v.mul_add(b.v, c.v), d: ab.d + c.d, m: ab.m + c.m }
    }
}

/// Piecewise functions: exact away from their kinks, which they record.
impl Dual {
    /// |x|' = sign x
    pub fn abs(self) -> Dual {
        kink(self.v, self.d);
        self.chain(self.v.abs(), if self.v < 0.0 { -1.0 } else { 1.0 })
    }
    pub fn signum(self) -> Dual {
        self.step(self.v.signum(), self.v)
    }
    /// The larger argument's tangent.
    pub fn max(self, o: Dual) -> Dual {
        kink(self.v - o.v, self.d - o.d);
        let pick = if self.v >= o.v { self } else { o };
        Dual { v: self.v.max(o.v), ..pick }
    }
    /// The smaller argument's tangent.
    pub fn min(self, o: Dual) -> Dual {
        kink(self.v - o.v, self.d - o.d);
        let pick = if self.v <= o.v { self } else { o };
        Dual { v: self.v.min(o.v), ..pick }
    }
    /// The tangent of whichever of `lo`, `self`, `hi` the value is.
    pub fn clamp(self, lo: Dual, hi: Dual) -> Dual {
        kink(self.v - lo.v, self.d - lo.d);
        kink(self.v - hi.v, self.d - hi.d);
        let pick = if self.v < lo.v {
            lo
        } else if self.v > hi.v {
            hi
        } else {
            self
        };
        Dual { v: self.v.clamp(lo.v, hi.v), ..pick }
    }
    pub fn floor(self) -> Dual {
        self.step(self.v.floor(), self.v - self.v.round())
    }
    pub fn ceil(self) -> Dual {
        self.step(self.v.ceil(), self.v - self.v.round())
    }
    pub fn trunc(self) -> Dual {
        self.step(self.v.trunc(), self.v - self.v.round())
    }
    /// Jumps at half-integers.
    pub fn round(self) -> Dual {
        self.step(self.v.round(), self.v - (self.v.floor() + 0.5))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Central differences of `f` at `x`, to check each hand-written rule.
    fn fd(f: impl Fn(f64) -> f64, x: f64) -> f64 {
        let h = 1e-6;
        (f(x + h) - f(x - h)) / (2.0 * h)
    }

    fn check(name: &str, f: impl Fn(f64) -> f64, df: impl Fn(Dual) -> Dual, x: f64) {
        let got = df(Dual::seed(x));
        assert_eq!(got.v, f(x), "{name} value at {x}");
        let want = fd(&f, x);
        assert!((got.d - want).abs() <= 1e-6 * want.abs().max(1.0), "{name}'({x}) = {}, fd {want}", got.d);
    }

    #[test]
    fn unary_rules_match_finite_differences() {
        let x = 0.37;
        check("sin", f64::sin, Dual::sin, x);
        check("cos", f64::cos, Dual::cos, x);
        check("tan", f64::tan, Dual::tan, x);
        check("asin", f64::asin, Dual::asin, x);
        check("acos", f64::acos, Dual::acos, x);
        check("atan", f64::atan, Dual::atan, x);
        check("sinh", f64::sinh, Dual::sinh, x);
        check("cosh", f64::cosh, Dual::cosh, x);
        check("tanh", f64::tanh, Dual::tanh, x);
        check("asinh", f64::asinh, Dual::asinh, x);
        check("acosh", f64::acosh, Dual::acosh, 1.0 + x);
        check("atanh", f64::atanh, Dual::atanh, x);
        check("exp", f64::exp, Dual::exp, x);
        check("exp2", f64::exp2, Dual::exp2, x);
        check("exp_m1", f64::exp_m1, Dual::exp_m1, x);
        check("ln", f64::ln, Dual::ln, x);
        check("ln_1p", f64::ln_1p, Dual::ln_1p, x);
        check("log2", f64::log2, Dual::log2, x);
        check("log10", f64::log10, Dual::log10, x);
        check("sqrt", f64::sqrt, Dual::sqrt, x);
        check("cbrt", f64::cbrt, Dual::cbrt, -x);
        check("recip", f64::recip, Dual::recip, -x);
        check("abs", f64::abs, Dual::abs, -x);
        check("powi", |v| v.powi(3), |v| v.powi(3), -x);
        check("powi0", |v| v.powi(0), |v| v.powi(0), x);
    }

    #[test]
    fn binary_rules_match_finite_differences_in_each_argument() {
        let (a, b) = (0.37, -1.3);
        check("atan2 y", |v| v.atan2(b), |v| v.atan2(Dual::c(b)), a);
        check("atan2 x", |v| a.atan2(v), |v| Dual::c(a).atan2(v), b);
        check("powf x", |v| v.powf(b), |v| v.powf(Dual::c(b)), a);
        check("powf y", |v| a.powf(v), |v| Dual::c(a).powf(v), b);
        check("log x", |v| v.log(2.5), |v| v.log(Dual::c(2.5)), a);
        check("log b", |v| a.log(v), |v| Dual::c(a).log(v), 2.5);
        check("hypot", |v| v.hypot(b), |v| v.hypot(Dual::c(b)), a);
        check("max", |v| v.max(b), |v| v.max(Dual::c(b)), a);
        check("min", |v| v.min(b), |v| v.min(Dual::c(b)), a);
        check("clamp", |v| v.clamp(-1.0, 1.0), |v| v.clamp(Dual::c(-1.0), Dual::c(1.0)), a);
        check("mul_add", |v| v.mul_add(b, v), |v| v.mul_add(Dual::c(b), v), a);
        check("div", |v| a / v, |v| Dual::c(a) / v, b);
    }

    #[test]
    fn kinks_are_recorded_only_when_close() {
        reset_kinks();
        let _ = Dual::seed(0.3).abs();
        assert!(!near_kink());
        let _ = Dual::seed(1e-9).abs();
        assert!(near_kink());
        reset_kinks();
        let _ = Dual::c(0.0).abs();
        assert!(!near_kink(), "a constant cannot move onto its kink");
    }
}
