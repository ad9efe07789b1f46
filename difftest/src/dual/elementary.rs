//! The float methods of dual numbers: each value is `T`'s own method, each local derivative
//! the textbook one, computed in `f64` from the (rounded) argument.

use super::{Dual, Real, kink};
use std::f64::consts::{LN_2, LN_10};

/// Trigonometric and hyperbolic functions and their inverses.
impl<T: Real> Dual<T> {
    pub fn sin(self) -> Dual<T> {
        self.chain(self.v.sin(), self.x().cos())
    }
    pub fn cos(self) -> Dual<T> {
        self.chain(self.v.cos(), -self.x().sin())
    }
    /// tan' = 1 + tan²
    pub fn tan(self) -> Dual<T> {
        let t = self.x().tan();
        self.chain(self.v.tan(), 1.0 + t * t)
    }
    /// asin' = 1/√(1 − x²)
    pub fn asin(self) -> Dual<T> {
        let x = self.x();
        self.chain(self.v.asin(), 1.0 / (1.0 - x * x).sqrt())
    }
    /// acos' = −1/√(1 − x²)
    pub fn acos(self) -> Dual<T> {
        let x = self.x();
        self.chain(self.v.acos(), -1.0 / (1.0 - x * x).sqrt())
    }
    /// atan' = 1/(1 + x²)
    pub fn atan(self) -> Dual<T> {
        let x = self.x();
        self.chain(self.v.atan(), 1.0 / (1.0 + x * x))
    }
    /// atan2(y, x): ∂/∂y = x/(x² + y²), ∂/∂x = −y/(x² + y²); a jump across the negative x axis.
    pub fn atan2(self, x: Dual<T>) -> Dual<T> {
        let (yv, xv) = (self.x(), x.x());
        let r2 = yv * yv + xv * xv;
        kink::<T>(r2.sqrt(), self.d.abs() + x.d.abs());
        if xv < 0.0 {
            kink::<T>(yv, self.d);
        }
        self.chain2(x, self.v.atan2(x.v), xv / r2, -yv / r2)
    }
    pub fn sinh(self) -> Dual<T> {
        self.chain(self.v.sinh(), self.x().cosh())
    }
    pub fn cosh(self) -> Dual<T> {
        self.chain(self.v.cosh(), self.x().sinh())
    }
    /// tanh' = 1 − tanh². Computed from a `tanh` rounded to `T` near ±1, as a reverse sweep
    /// in `T` may, it is only accurate to ~2ε absolutely: the rounding allowance `r` says so.
    pub fn tanh(self) -> Dual<T> {
        let t = self.x().tanh();
        self.chain_rounded(self.v.tanh(), 1.0 - t * t, 4.0 * T::EPSILON)
    }
    /// asinh' = 1/√(x² + 1)
    pub fn asinh(self) -> Dual<T> {
        let x = self.x();
        self.chain(self.v.asinh(), 1.0 / (x * x + 1.0).sqrt())
    }
    /// acosh' = 1/√(x² − 1)
    pub fn acosh(self) -> Dual<T> {
        let x = self.x();
        self.chain(self.v.acosh(), 1.0 / (x * x - 1.0).sqrt())
    }
    /// atanh' = 1/(1 − x²)
    pub fn atanh(self) -> Dual<T> {
        let x = self.x();
        self.chain(self.v.atanh(), 1.0 / (1.0 - x * x))
    }
}

/// Exponentials, logarithms and powers.
impl<T: Real> Dual<T> {
    pub fn exp(self) -> Dual<T> {
        self.chain(self.v.exp(), self.x().exp())
    }
    /// (2ˣ)' = 2ˣ ln 2
    pub fn exp2(self) -> Dual<T> {
        self.chain(self.v.exp2(), self.x().exp2() * LN_2)
    }
    /// (eˣ − 1)' = eˣ
    pub fn exp_m1(self) -> Dual<T> {
        self.chain(self.v.exp_m1(), self.x().exp())
    }
    pub fn ln(self) -> Dual<T> {
        self.chain(self.v.ln(), 1.0 / self.x())
    }
    /// ln(1 + x)' = 1/(1 + x)
    pub fn ln_1p(self) -> Dual<T> {
        self.chain(self.v.ln_1p(), 1.0 / (1.0 + self.x()))
    }
    /// log_b x = ln x / ln b: ∂/∂x = 1/(x ln b), ∂/∂b = −ln x/(b ln² b)
    pub fn log(self, b: Dual<T>) -> Dual<T> {
        let (x, bv) = (self.x(), b.x());
        let lb = bv.ln();
        self.chain2(b, self.v.log(b.v), 1.0 / (x * lb), -x.ln() / (bv * lb * lb))
    }
    pub fn log2(self) -> Dual<T> {
        self.chain(self.v.log2(), 1.0 / (self.x() * LN_2))
    }
    pub fn log10(self) -> Dual<T> {
        self.chain(self.v.log10(), 1.0 / (self.x() * LN_10))
    }
    /// √x' = 1/(2√x)
    pub fn sqrt(self) -> Dual<T> {
        self.chain(self.v.sqrt(), 0.5 / self.x().sqrt())
    }
    /// ∛x' = 1/(3∛x²)
    pub fn cbrt(self) -> Dual<T> {
        let c = self.x().cbrt();
        self.chain(self.v.cbrt(), 1.0 / (3.0 * c * c))
    }
    /// (xᵏ)' = k xᵏ⁻¹ (zero for k = 0)
    pub fn powi(self, k: i32) -> Dual<T> {
        let dv = if k == 0 { 0.0 } else { f64::from(k) * self.x().powi(k - 1) };
        self.chain(self.v.powi(k), dv)
    }
    /// (xʸ): ∂/∂x = y xʸ⁻¹, ∂/∂y = xʸ ln x
    pub fn powf(self, y: Dual<T>) -> Dual<T> {
        let (x, yv) = (self.x(), y.x());
        let p = x.powf(yv);
        self.chain2(y, self.v.powf(y.v), yv * x.powf(yv - 1.0), p * x.ln())
    }
    /// (1/x)' = −1/x²
    pub fn recip(self) -> Dual<T> {
        let x = self.x();
        self.chain(self.v.recip(), -1.0 / (x * x))
    }
    /// hypot(a, b) = √(a² + b²): ∂/∂a = a/h, ∂/∂b = b/h; a kink at the origin.
    pub fn hypot(self, b: Dual<T>) -> Dual<T> {
        let (a, bv) = (self.x(), b.x());
        let h = a.hypot(bv);
        kink::<T>(h, self.d.abs() + b.d.abs());
        self.chain2(b, self.v.hypot(b.v), a / h, bv / h)
    }
    /// a·b + c, rounded once like the primitive `mul_add`.
    pub fn mul_add(self, b: Dual<T>, c: Dual<T>) -> Dual<T> {
        let ab = self * b;
        let sum = ab + c;
        Dual { v: self.v.mul_add(b.v, c.v), ..sum }
    }
}

/// Piecewise functions: exact away from their kinks, which they record.
impl<T: Real> Dual<T> {
    /// |x|' = sign x
    pub fn abs(self) -> Dual<T> {
        let x = self.x();
        kink::<T>(x, self.d);
        self.chain(self.v.abs(), if x < 0.0 { -1.0 } else { 1.0 })
    }
    pub fn signum(self) -> Dual<T> {
        self.step(self.v.signum(), self.x())
    }
    /// The larger argument's tangent.
    pub fn max(self, o: Dual<T>) -> Dual<T> {
        kink::<T>(self.x() - o.x(), self.d - o.d);
        let pick = if self.v >= o.v { self } else { o };
        pick.with_value(self.v.max(o.v))
    }
    /// The smaller argument's tangent.
    pub fn min(self, o: Dual<T>) -> Dual<T> {
        kink::<T>(self.x() - o.x(), self.d - o.d);
        let pick = if self.v <= o.v { self } else { o };
        pick.with_value(self.v.min(o.v))
    }
    /// The tangent of whichever of `lo`, `self`, `hi` the value is.
    pub fn clamp(self, lo: Dual<T>, hi: Dual<T>) -> Dual<T> {
        kink::<T>(self.x() - lo.x(), self.d - lo.d);
        kink::<T>(self.x() - hi.x(), self.d - hi.d);
        let pick = if self.v < lo.v {
            lo
        } else if self.v > hi.v {
            hi
        } else {
            self
        };
        pick.with_value(self.v.clamp(lo.v, hi.v))
    }
    pub fn floor(self) -> Dual<T> {
        self.step(self.v.floor(), self.x() - self.x().round())
    }
    pub fn ceil(self) -> Dual<T> {
        self.step(self.v.ceil(), self.x() - self.x().round())
    }
    pub fn trunc(self) -> Dual<T> {
        self.step(self.v.trunc(), self.x() - self.x().round())
    }
    /// Jumps at half-integers.
    pub fn round(self) -> Dual<T> {
        self.step(self.v.round(), self.x() - (self.x().floor() + 0.5))
    }
}
