//! The float methods of hyper-dual numbers: each value is `T`'s own method, each first
//! derivative the `f64` expression `Dual` uses, each second derivative the textbook one,
//! computed in `f64` from the (rounded) argument.

use super::{Hyper, Local, Real};
use std::f64::consts::{LN_2, LN_10};

/// Trigonometric and hyperbolic functions and their inverses.
impl<T: Real> Hyper<T> {
    /// sin'' = −sin
    pub fn sin(self) -> Hyper<T> {
        let x = self.x();
        self.unary(self.v.sin(), Local::of(x.cos()), Local::of(-x.sin()))
    }
    /// cos'' = −cos
    pub fn cos(self) -> Hyper<T> {
        let x = self.x();
        self.unary(self.v.cos(), Local::of(-x.sin()), Local::of(-x.cos()))
    }
    /// tan' = 1 + tan², tan'' = 2 tan (1 + tan²)
    pub fn tan(self) -> Hyper<T> {
        let t = self.x().tan();
        let d1 = 1.0 + t * t;
        self.unary(self.v.tan(), Local::of(d1), Local::of(2.0 * t * d1))
    }
    /// asin' = 1/√(1 − x²), asin'' = x/(1 − x²)^(3/2)
    pub fn asin(self) -> Hyper<T> {
        let x = self.x();
        let w = 1.0 - x * x;
        self.unary(self.v.asin(), Local::of(1.0 / w.sqrt()), Local::of(x / (w * w.sqrt())))
    }
    /// acos' = −1/√(1 − x²), acos'' = −x/(1 − x²)^(3/2)
    pub fn acos(self) -> Hyper<T> {
        let x = self.x();
        let w = 1.0 - x * x;
        self.unary(self.v.acos(), Local::of(-1.0 / w.sqrt()), Local::of(-x / (w * w.sqrt())))
    }
    /// atan' = 1/(1 + x²), atan'' = −2x/(1 + x²)²
    pub fn atan(self) -> Hyper<T> {
        let x = self.x();
        let w = 1.0 + x * x;
        self.unary(self.v.atan(), Local::of(1.0 / w), Local::of(-2.0 * x / (w * w)))
    }
    /// atan2(y, x), r² = x² + y²: ∂/∂y = x/r², ∂/∂x = −y/r², ∂²/∂y² = −2xy/r⁴,
    /// ∂²/∂y∂x = (y² − x²)/r⁴, ∂²/∂x² = 2xy/r⁴; a jump across the negative x axis.
    pub fn atan2(self, x: Hyper<T>) -> Hyper<T> {
        let (yv, xv) = (self.x(), x.x());
        let r2 = yv * yv + xv * xv;
        for (dy, dx) in [(self.a.d, x.a.d), (self.b.d, x.b.d)] {
            super::kink::<T>(r2.sqrt(), dy.abs() + dx.abs());
            if xv < 0.0 {
                super::kink::<T>(yv, dy);
            }
        }
        let r4 = r2 * r2;
        let g = [Local::of(xv / r2), Local::of(-yv / r2)];
        let h = [
            Local::of(-2.0 * xv * yv / r4),
            Local::terms((yv * yv - xv * xv) / r4, 1.0 / r2),
            Local::of(2.0 * xv * yv / r4),
        ];
        self.binary(x, self.v.atan2(x.v), g, h)
    }
    /// sinh'' = sinh
    pub fn sinh(self) -> Hyper<T> {
        let x = self.x();
        self.unary(self.v.sinh(), Local::of(x.cosh()), Local::of(x.sinh()))
    }
    /// cosh'' = cosh
    pub fn cosh(self) -> Hyper<T> {
        let x = self.x();
        self.unary(self.v.cosh(), Local::of(x.sinh()), Local::of(x.cosh()))
    }
    /// tanh' = 1 − t², tanh'' = −2t(1 − t²). Computed from a `tanh` rounded to `T` near ±1,
    /// as a sweep in `T` may, `1 − t²` is only accurate to ~2ε absolutely (see `Dual::tanh`),
    /// and `tanh''` to twice that.
    pub fn tanh(self) -> Hyper<T> {
        let t = self.x().tanh();
        let d1 = 1.0 - t * t;
        let f1 = Local::lossy(d1, 4.0 * T::EPSILON);
        let f2 = Local::lossy(-2.0 * t * d1, 8.0 * T::EPSILON);
        self.unary(self.v.tanh(), f1, f2)
    }
    /// asinh' = 1/√(x² + 1), asinh'' = −x/(x² + 1)^(3/2)
    pub fn asinh(self) -> Hyper<T> {
        let x = self.x();
        let w = x * x + 1.0;
        self.unary(self.v.asinh(), Local::of(1.0 / w.sqrt()), Local::of(-x / (w * w.sqrt())))
    }
    /// acosh' = 1/√(x² − 1), acosh'' = −x/(x² − 1)^(3/2)
    pub fn acosh(self) -> Hyper<T> {
        let x = self.x();
        let w = x * x - 1.0;
        self.unary(self.v.acosh(), Local::of(1.0 / w.sqrt()), Local::of(-x / (w * w.sqrt())))
    }
    /// atanh' = 1/(1 − x²), atanh'' = 2x/(1 − x²)²
    pub fn atanh(self) -> Hyper<T> {
        let x = self.x();
        let w = 1.0 - x * x;
        self.unary(self.v.atanh(), Local::of(1.0 / w), Local::of(2.0 * x / (w * w)))
    }
}

/// Exponentials, logarithms and powers.
impl<T: Real> Hyper<T> {
    pub fn exp(self) -> Hyper<T> {
        let e = self.x().exp();
        self.unary(self.v.exp(), Local::of(e), Local::of(e))
    }
    /// (2ˣ)' = 2ˣ ln 2, (2ˣ)'' = 2ˣ ln² 2
    pub fn exp2(self) -> Hyper<T> {
        let e = self.x().exp2();
        self.unary(self.v.exp2(), Local::of(e * LN_2), Local::of(e * LN_2 * LN_2))
    }
    /// (eˣ − 1)' = (eˣ − 1)'' = eˣ
    pub fn exp_m1(self) -> Hyper<T> {
        let e = self.x().exp();
        self.unary(self.v.exp_m1(), Local::of(e), Local::of(e))
    }
    /// ln'' = −1/x²
    pub fn ln(self) -> Hyper<T> {
        let x = self.x();
        self.unary(self.v.ln(), Local::of(1.0 / x), Local::of(-1.0 / (x * x)))
    }
    /// ln(1 + x)' = 1/(1 + x), '' = −1/(1 + x)²
    pub fn ln_1p(self) -> Hyper<T> {
        let w = 1.0 + self.x();
        self.unary(self.v.ln_1p(), Local::of(1.0 / w), Local::of(-1.0 / (w * w)))
    }
    /// log_b x = ln x / ln b, L = ln b: ∂/∂x = 1/(x L), ∂/∂b = −ln x/(b L²),
    /// ∂²/∂x² = −1/(x² L), ∂²/∂x∂b = −1/(x b L²), ∂²/∂b² = ln x (L + 2)/(b² L³).
    pub fn log(self, b: Hyper<T>) -> Hyper<T> {
        let (x, bv) = (self.x(), b.x());
        let lb = bv.ln();
        let lx = x.ln();
        let g = [Local::of(1.0 / (x * lb)), Local::of(-x.ln() / (bv * lb * lb))];
        let bb = lx * (lb + 2.0) / (bv * bv * lb * lb * lb);
        let bb_terms = lx.abs() * (lb.abs() + 2.0) / (bv * bv * (lb * lb * lb).abs());
        let h = [Local::of(-1.0 / (x * x * lb)), Local::of(-1.0 / (x * bv * lb * lb)), Local::terms(bb, bb_terms)];
        self.binary(b, self.v.log(b.v), g, h)
    }
    /// log₂'' = −1/(x² ln 2)
    pub fn log2(self) -> Hyper<T> {
        let x = self.x();
        self.unary(self.v.log2(), Local::of(1.0 / (x * LN_2)), Local::of(-1.0 / (x * x * LN_2)))
    }
    /// log₁₀'' = −1/(x² ln 10)
    pub fn log10(self) -> Hyper<T> {
        let x = self.x();
        self.unary(self.v.log10(), Local::of(1.0 / (x * LN_10)), Local::of(-1.0 / (x * x * LN_10)))
    }
    /// √x' = 1/(2√x), √x'' = −1/(4 x √x)
    pub fn sqrt(self) -> Hyper<T> {
        let (x, s) = (self.x(), self.x().sqrt());
        self.unary(self.v.sqrt(), Local::of(0.5 / s), Local::of(-0.25 / (x * s)))
    }
    /// ∛x' = 1/(3∛x²), ∛x'' = −2/(9∛x⁵)
    pub fn cbrt(self) -> Hyper<T> {
        let c = self.x().cbrt();
        self.unary(self.v.cbrt(), Local::of(1.0 / (3.0 * c * c)), Local::of(-2.0 / (9.0 * c * c * c * c * c)))
    }
    /// (xᵏ)' = k xᵏ⁻¹, (xᵏ)'' = k(k − 1) xᵏ⁻² (zero where the factor is)
    pub fn powi(self, k: i32) -> Hyper<T> {
        let x = self.x();
        let d1 = if k == 0 { 0.0 } else { f64::from(k) * x.powi(k - 1) };
        let d2 = if k == 0 || k == 1 { 0.0 } else { f64::from(k) * f64::from(k - 1) * x.powi(k - 2) };
        self.unary(self.v.powi(k), Local::of(d1), Local::of(d2))
    }
    /// xʸ = p: ∂/∂x = y xʸ⁻¹, ∂/∂y = p ln x, ∂²/∂x² = y(y − 1) xʸ⁻²,
    /// ∂²/∂x∂y = xʸ⁻¹ (1 + y ln x), ∂²/∂y² = p ln² x.
    pub fn powf(self, y: Hyper<T>) -> Hyper<T> {
        let (x, yv) = (self.x(), y.x());
        let p = x.powf(yv);
        let lx = x.ln();
        let g = [Local::of(yv * x.powf(yv - 1.0)), Local::of(p * x.ln())];
        let xm1 = x.powf(yv - 1.0);
        let xx = Local::terms(yv * (yv - 1.0) * x.powf(yv - 2.0), (yv * yv + yv.abs()) * x.powf(yv - 2.0));
        let xy = Local::terms(xm1 * (1.0 + yv * lx), xm1 * (1.0 + (yv * lx).abs()));
        self.binary(y, self.v.powf(y.v), g, [xx, xy, Local::of(p * lx * lx)])
    }
    /// (1/x)' = −1/x², (1/x)'' = 2/x³
    pub fn recip(self) -> Hyper<T> {
        let x = self.x();
        self.unary(self.v.recip(), Local::of(-1.0 / (x * x)), Local::of(2.0 / (x * x * x)))
    }
    /// hypot(a, b) = h: ∂/∂a = a/h, ∂/∂b = b/h, ∂²/∂a² = b²/h³, ∂²/∂a∂b = −ab/h³,
    /// ∂²/∂b² = a²/h³ (each of the first two is `(h² − a²)/h³` when written as the derivative
    /// of `a/h`, whose terms are up to `1/h`); a kink at the origin.
    pub fn hypot(self, b: Hyper<T>) -> Hyper<T> {
        let (a, bv) = (self.x(), b.x());
        let h = a.hypot(bv);
        for (da, db) in [(self.a.d, b.a.d), (self.b.d, b.b.d)] {
            super::kink::<T>(h, da.abs() + db.abs());
        }
        let h3 = h * h * h;
        let g = [Local::of(a / h), Local::of(bv / h)];
        let hess = [Local::terms(bv * bv / h3, 2.0 / h), Local::of(-a * bv / h3), Local::terms(a * a / h3, 2.0 / h)];
        self.binary(b, self.v.hypot(b.v), g, hess)
    }
    /// a·b + c, rounded once like the primitive `mul_add`.
    pub fn mul_add(self, b: Hyper<T>, c: Hyper<T>) -> Hyper<T> {
        (self * b + c).with_value(self.v.mul_add(b.v, c.v))
    }
}

/// Piecewise functions: exact away from their kinks, which they record; every second
/// derivative zero.
impl<T: Real> Hyper<T> {
    /// |x|' = sign x
    pub fn abs(self) -> Hyper<T> {
        let x = self.x();
        self.kink(x, Hyper::c(0.0));
        self.unary(self.v.abs(), Local::of(if x < 0.0 { -1.0 } else { 1.0 }), Local::ZERO)
    }
    pub fn signum(self) -> Hyper<T> {
        self.step(self.v.signum(), self.x())
    }
    /// The larger argument's derivatives.
    pub fn max(self, o: Hyper<T>) -> Hyper<T> {
        self.kink(self.x() - o.x(), o);
        let pick = if self.v >= o.v { self } else { o };
        pick.with_value(self.v.max(o.v))
    }
    /// The smaller argument's derivatives.
    pub fn min(self, o: Hyper<T>) -> Hyper<T> {
        self.kink(self.x() - o.x(), o);
        let pick = if self.v <= o.v { self } else { o };
        pick.with_value(self.v.min(o.v))
    }
    /// The derivatives of whichever of `lo`, `self`, `hi` the value is.
    pub fn clamp(self, lo: Hyper<T>, hi: Hyper<T>) -> Hyper<T> {
        self.kink(self.x() - lo.x(), lo);
        self.kink(self.x() - hi.x(), hi);
        let pick = if self.v < lo.v {
            lo
        } else if self.v > hi.v {
            hi
        } else {
            self
        };
        pick.with_value(self.v.clamp(lo.v, hi.v))
    }
    pub fn floor(self) -> Hyper<T> {
        self.step(self.v.floor(), self.x() - self.x().round())
    }
    pub fn ceil(self) -> Hyper<T> {
        self.step(self.v.ceil(), self.x() - self.x().round())
    }
    pub fn trunc(self) -> Hyper<T> {
        self.step(self.v.trunc(), self.x() - self.x().round())
    }
    /// Jumps at half-integers.
    pub fn round(self) -> Hyper<T> {
        self.step(self.v.round(), self.x() - (self.x().floor() + 0.5))
    }
}
