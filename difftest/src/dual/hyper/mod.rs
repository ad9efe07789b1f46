//! Hyper-dual numbers: second-order forward mode, the oracle for Hessian-vector products.
//!
//! A [`Hyper`] is `v + a·ε₁ + b·ε₂ + ab·ε₁ε₂` with `ε₁² = ε₂² = 0`. Seeded with a unit vector
//! `eⱼ` in `ε₁` and a direction `u` in `ε₂`, a program run over it gives, besides its value:
//!
//! * in `a`, the partial derivative `∂f/∂xⱼ` (a gradient entry);
//! * in `b`, the directional derivative `∇f·u` (what `_jvp` returns);
//! * in `ab`, `∂/∂xⱼ (∇f·u) = (H u)ⱼ`, the `j`-th entry of the Hessian-vector product.
//!
//! Every operation is its value plus its first and second derivatives (partials for two or
//! three arguments), each written by hand from the mathematics in `elementary.rs`,
//! `ops.rs` and `custom.rs`, sharing no code with the macro and none with the first-order
//! [`super::Dual`] but the float methods of [`Real`] and the kink and overflow records. Like
//! `Dual`, the value is computed in the program's own type `T` (so it equals the primal value
//! bit for bit and takes the same branches) and the derivatives in `f64`; each first
//! derivative is the very `f64` expression `Dual` uses, so the `a` and `b` parts equal a
//! `Dual` run's derivatives exactly (the check asserts it, which tests these rules against
//! `Dual`'s), and only the `ab` parts are new.
//!
//! Each part carries, as `Dual` does, `m` (the same pass over absolute values: a bound on the
//! terms the part sums, which scales the comparison's allowance for rounding after
//! cancellation) and `r` (how far a computation of the part in `T` may be off because a local
//! derivative computed in `T` lost accuracy).
//!
//! ```
//! use backprop_difftest::dual::Hyper;
//! // f(x, y) = x²·y at (0.5, 3), ε₁ along x, ε₂ along u = (1, 2).
//! let x: Hyper = Hyper::input(0.5, true, 1.0);
//! let y: Hyper = Hyper::input(3.0, false, 2.0);
//! let f = x * x * y;
//! assert_eq!(f.v, 0.75);
//! assert_eq!(f.a.d, 3.0); // ∂f/∂x = 2xy
//! assert_eq!(f.b.d, 3.0 + 2.0 * 0.25); // ∇f·u = 2xy·1 + x²·2
//! assert_eq!(f.ab.d, 6.0 + 2.0); // (Hu)ₓ = 2y·1 + 2x·2
//! ```

pub mod custom;
mod elementary;
mod ops;

use super::{ROUNDING, Real, check_local, kink};

/// One derivative part of a [`Hyper`]: its value `d`, the bound `m` on the absolute values of
/// the terms it sums, and the rounding allowance `r` (see the module's documentation).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Part {
    pub d: f64,
    pub m: f64,
    pub r: f64,
}

impl Part {
    const ZERO: Part = Part { d: 0.0, m: 0.0, r: 0.0 };

    /// An input's part along a direction whose component there is `d`.
    fn seed(d: f64) -> Part {
        Part { d, m: d.abs(), r: 0.0 }
    }
}

/// A value with its derivatives along `ε₁`, along `ε₂`, and mixed.
#[derive(Clone, Copy, Debug)]
pub struct Hyper<T = f64> {
    /// The value, in the program's float type.
    pub v: T,
    /// Along `ε₁` (seeded with a unit vector: a partial derivative).
    pub a: Part,
    /// Along `ε₂` (seeded with the direction: the directional derivative).
    pub b: Part,
    /// The `ε₁ε₂` part: the mixed second derivative.
    pub ab: Part,
}

/// A local derivative (first or second) of an operation, as a program in `T` computes it:
/// its value `d`, the sum `s ≥ |d|` of the absolute values of the terms its formula adds
/// (where the formula cancels, as `(x² − y²)/r⁴` does, `s` is the larger), and an absolute
/// error `err` beyond `T`'s rounding of those terms (a `tanh` rounded to ±1).
#[derive(Clone, Copy, Debug)]
struct Local {
    d: f64,
    s: f64,
    err: f64,
}

impl Local {
    const ZERO: Local = Local { d: 0.0, s: 0.0, err: 0.0 };

    /// A derivative computed as one product (no cancellation).
    fn of(d: f64) -> Local {
        Local { d, s: d.abs(), err: 0.0 }
    }

    /// A derivative whose formula sums terms of total magnitude `s`.
    fn terms(d: f64, s: f64) -> Local {
        Local { d, s: s.max(d.abs()), err: 0.0 }
    }

    /// A derivative computed in `T` only to within `err` absolutely.
    fn lossy(d: f64, err: f64) -> Local {
        Local { d, s: d.abs(), err }
    }

    /// Its allowance for a computation in `T`: `err` and a few `ε` of the terms.
    fn error<T: Real>(self) -> f64 {
        self.err + ROUNDING * T::EPSILON * self.s
    }
}

impl<T: Real> Hyper<T> {
    /// A constant: every derivative zero.
    pub fn c(v: f64) -> Hyper<T> {
        Hyper { v: T::from_f64(v), a: Part::ZERO, b: Part::ZERO, ab: Part::ZERO }
    }

    /// `-∞` as a constant: the start of `.fold(f64::NEG_INFINITY, f64::max)`.
    pub fn neg_infinity() -> Hyper<T> {
        Hyper::c(f64::NEG_INFINITY)
    }

    /// An input: `ε₁` part one when `first` (the input the gradient entry is for), `ε₂` part
    /// `second` (the direction's component).
    pub fn input(v: f64, first: bool, second: f64) -> Hyper<T> {
        let a = Part::seed(if first { 1.0 } else { 0.0 });
        Hyper { v: T::from_f64(v), a, b: Part::seed(second), ab: Part::ZERO }
    }

    /// The value and each part's `d`, `m`, `r`, as the check reads them: `[v, a.d, a.m, a.r,
    /// b.d, b.m, b.r, ab.d, ab.m, ab.r]`.
    pub fn parts(self) -> [f64; 10] {
        let (a, b, ab) = (self.a, self.b, self.ab);
        [self.v.to_f64(), a.d, a.m, a.r, b.d, b.m, b.r, ab.d, ab.m, ab.r]
    }

    /// `as` between float types: the value rounded, the derivatives unchanged (rounding is
    /// the identity to first order). A computation crossing into the coarser type rounds
    /// its tangents and adjoints too, a few of that type's `ε` of each part's terms.
    pub fn cast<U: Real>(self) -> Hyper<U> {
        let eps = ROUNDING * T::EPSILON.max(U::EPSILON);
        let round = |p: Part| Part { r: p.r + eps * p.m, ..p };
        Hyper { v: U::from_f64(self.v.to_f64()), a: round(self.a), b: round(self.b), ab: round(self.ab) }
    }

    /// The value as an `f64`, for computing local derivatives.
    fn x(self) -> f64 {
        self.v.to_f64()
    }

    /// `f(self)` with value `v`, first derivative `f1`, second derivative `f2`.
    fn unary(self, v: T, f1: Local, f2: Local) -> Hyper<T> {
        apply(&[self], v, &[f1], &|_, _| f2)
    }

    /// `f(self, o)` with value `v`, partials `g` and second partials `[fxx, fxy, fyy]`.
    fn binary(self, o: Hyper<T>, v: T, g: [Local; 2], [xx, xy, yy]: [Local; 3]) -> Hyper<T> {
        let h = [[xx, xy], [xy, yy]];
        apply(&[self, o], v, &g, &|i, j| h[i][j])
    }

    /// `f(self)` with zero derivatives and a jump wherever `gap` is zero.
    fn step(self, v: T, gap: f64) -> Hyper<T> {
        self.kink(gap, Hyper::c(0.0));
        Hyper::c(0.0).with_value(v)
    }

    /// Records a kink at distance `gap` between `self` and `o` (which move at their
    /// derivatives' difference along either direction; `o` a constant for a kink of `self`
    /// alone).
    fn kink(self, gap: f64, o: Hyper<T>) {
        kink::<T>(gap, self.a.d - o.a.d);
        kink::<T>(gap, self.b.d - o.b.d);
    }

    fn with_value(self, v: T) -> Hyper<T> {
        Hyper { v, ..self }
    }
}

/// `f(args)` with value `v`, partials `g[i]` and second partials `h(i, j)` (symmetric): the
/// chain rule to second order,
///
/// ```text
/// a  = Σᵢ gᵢ aᵢ,   b = Σᵢ gᵢ bᵢ,   ab = Σᵢ gᵢ abᵢ + Σᵢⱼ hᵢⱼ aᵢ bⱼ,
/// ```
///
/// with each part's bound `m` the same sums over absolute values (the terms' `s`) and its
/// allowance `r` the errors of the arguments' parts and of the local derivatives carried
/// through.
fn apply<T: Real>(args: &[Hyper<T>], v: T, g: &[Local], h: &dyn Fn(usize, usize) -> Local) -> Hyper<T> {
    let mut out = Hyper::c(0.0).with_value(v);
    out.add_terms(args, g, h);
    out
}

impl<T: Real> Hyper<T> {
    /// Adds the derivative terms of `f(args)` (see [`apply`]) to this one's, keeping the value.
    fn add_terms(&mut self, args: &[Hyper<T>], g: &[Local], h: &dyn Fn(usize, usize) -> Local) {
        for (x, gi) in args.iter().zip(g) {
            check_local(gi.d);
            let e = gi.error::<T>();
            for (out, p) in [(&mut self.a, x.a), (&mut self.b, x.b), (&mut self.ab, x.ab)] {
                out.d += gi.d * p.d;
                out.m += gi.s * p.m;
                out.r += gi.s * p.r + e * p.m;
            }
        }
        for (i, x) in args.iter().enumerate() {
            for (j, y) in args.iter().enumerate() {
                let hij = h(i, j);
                if hij.d == 0.0 && hij.s == 0.0 {
                    continue;
                }
                check_local(hij.d);
                let (a, b) = (x.a, y.b);
                self.ab.d += hij.d * a.d * b.d;
                self.ab.m += hij.s * a.m * b.m;
                self.ab.r += hij.s * (a.r * b.m + a.m * b.r) + hij.error::<T>() * a.m * b.m;
            }
        }
    }
}

#[cfg(test)]
mod tests;
