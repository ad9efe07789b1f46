//! Arithmetic, comparisons and sums of dual numbers, by value and by reference (a generated
//! program writes `v * 2.0` for an element `v: &f64` of `x.iter()`, and its dual copy the same
//! text over `&Dual`).

use super::{Dual, Real, kink};
use std::iter::{Product, Sum};
use std::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Sub, SubAssign};

impl<T: Real> Add for Dual<T> {
    type Output = Dual<T>;
    fn add(self, o: Dual<T>) -> Dual<T> {
        self.chain2(o, self.v + o.v, 1.0, 1.0)
    }
}

impl<T: Real> Sub for Dual<T> {
    type Output = Dual<T>;
    fn sub(self, o: Dual<T>) -> Dual<T> {
        self.chain2(o, self.v - o.v, 1.0, -1.0)
    }
}

impl<T: Real> Mul for Dual<T> {
    type Output = Dual<T>;
    fn mul(self, o: Dual<T>) -> Dual<T> {
        self.chain2(o, self.v * o.v, o.x(), self.x())
    }
}

impl<T: Real> Div for Dual<T> {
    type Output = Dual<T>;
    /// (a/b)' = a'/b − a b'/b²
    fn div(self, o: Dual<T>) -> Dual<T> {
        let (a, b) = (self.x(), o.x());
        self.chain2(o, self.v / o.v, 1.0 / b, -a / (b * b))
    }
}

impl<T: Real> Neg for Dual<T> {
    type Output = Dual<T>;
    fn neg(self) -> Dual<T> {
        self.chain(-self.v, -1.0)
    }
}

impl<T: Real> Neg for &Dual<T> {
    type Output = Dual<T>;
    fn neg(self) -> Dual<T> {
        -*self
    }
}

/// The by-reference forms of a binary operator, each the by-value one on copies.
macro_rules! by_reference {
    ($($op:ident $method:ident $assign:ident $assign_method:ident),*) => {$(
        impl<T: Real> $op<&Dual<T>> for Dual<T> {
            type Output = Dual<T>;
            fn $method(self, o: &Dual<T>) -> Dual<T> {
                $op::$method(self, *o)
            }
        }
        impl<T: Real> $op<Dual<T>> for &Dual<T> {
            type Output = Dual<T>;
            fn $method(self, o: Dual<T>) -> Dual<T> {
                $op::$method(*self, o)
            }
        }
        impl<T: Real> $op<&Dual<T>> for &Dual<T> {
            type Output = Dual<T>;
            fn $method(self, o: &Dual<T>) -> Dual<T> {
                $op::$method(*self, *o)
            }
        }
        impl<T: Real> $assign for Dual<T> {
            fn $assign_method(&mut self, o: Dual<T>) {
                *self = $op::$method(*self, o);
            }
        }
        impl<T: Real> $assign<&Dual<T>> for Dual<T> {
            fn $assign_method(&mut self, o: &Dual<T>) {
                *self = $op::$method(*self, *o);
            }
        }
    )*};
}

by_reference!(Add add AddAssign add_assign, Sub sub SubAssign sub_assign, Mul mul MulAssign mul_assign,
    Div div DivAssign div_assign);

/// Compares values only; every comparison is a branch, so it records how close it was.
impl<T: Real> PartialEq for Dual<T> {
    fn eq(&self, o: &Dual<T>) -> bool {
        self.partial_cmp(o) == Some(std::cmp::Ordering::Equal)
    }
}

impl<T: Real> PartialOrd for Dual<T> {
    fn partial_cmp(&self, o: &Dual<T>) -> Option<std::cmp::Ordering> {
        kink::<T>(self.x() - o.x(), self.d - o.d);
        self.v.partial_cmp(&o.v)
    }
}

/// Sums from `-0.0` in order, as the primitive floats' `Sum` does, so the value matches bit
/// for bit.
impl<'a, T: Real> Sum<&'a Dual<T>> for Dual<T> {
    fn sum<I: Iterator<Item = &'a Dual<T>>>(iter: I) -> Dual<T> {
        iter.fold(Dual::c(-0.0), |acc, x| acc + *x)
    }
}

impl<T: Real> Sum<Dual<T>> for Dual<T> {
    fn sum<I: Iterator<Item = Dual<T>>>(iter: I) -> Dual<T> {
        iter.fold(Dual::c(-0.0), |acc, x| acc + x)
    }
}

/// Multiplies from `1.0` in order, as the primitive floats' `Product` does.
impl<'a, T: Real> Product<&'a Dual<T>> for Dual<T> {
    fn product<I: Iterator<Item = &'a Dual<T>>>(iter: I) -> Dual<T> {
        iter.fold(Dual::c(1.0), |acc, x| acc * *x)
    }
}

impl<T: Real> Product<Dual<T>> for Dual<T> {
    fn product<I: Iterator<Item = Dual<T>>>(iter: I) -> Dual<T> {
        iter.fold(Dual::c(1.0), |acc, x| acc * x)
    }
}
