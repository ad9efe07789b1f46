//! Arithmetic, comparisons and sums of hyper-dual numbers, by value and by reference (the
//! oracle's copy of a program is the same text as the dual one, over `Hyper`).

use super::{Hyper, Local, Real};
use std::iter::{Product, Sum};
use std::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Sub, SubAssign};

impl<T: Real> Add for Hyper<T> {
    type Output = Hyper<T>;
    fn add(self, o: Hyper<T>) -> Hyper<T> {
        self.binary(o, self.v + o.v, [Local::of(1.0), Local::of(1.0)], [Local::ZERO; 3])
    }
}

impl<T: Real> Sub for Hyper<T> {
    type Output = Hyper<T>;
    fn sub(self, o: Hyper<T>) -> Hyper<T> {
        self.binary(o, self.v - o.v, [Local::of(1.0), Local::of(-1.0)], [Local::ZERO; 3])
    }
}

impl<T: Real> Mul for Hyper<T> {
    type Output = Hyper<T>;
    /// ∂/∂a = b, ∂/∂b = a, ∂²/∂a∂b = 1.
    fn mul(self, o: Hyper<T>) -> Hyper<T> {
        let g = [Local::of(o.x()), Local::of(self.x())];
        self.binary(o, self.v * o.v, g, [Local::ZERO, Local::of(1.0), Local::ZERO])
    }
}

impl<T: Real> Div for Hyper<T> {
    type Output = Hyper<T>;
    /// a/b: ∂/∂a = 1/b, ∂/∂b = −a/b², ∂²/∂a∂b = −1/b², ∂²/∂b² = 2a/b³.
    fn div(self, o: Hyper<T>) -> Hyper<T> {
        let (a, b) = (self.x(), o.x());
        let g = [Local::of(1.0 / b), Local::of(-a / (b * b))];
        let h = [Local::ZERO, Local::of(-1.0 / (b * b)), Local::of(2.0 * a / (b * b * b))];
        self.binary(o, self.v / o.v, g, h)
    }
}

impl<T: Real> Neg for Hyper<T> {
    type Output = Hyper<T>;
    fn neg(self) -> Hyper<T> {
        self.unary(-self.v, Local::of(-1.0), Local::ZERO)
    }
}

impl<T: Real> Neg for &Hyper<T> {
    type Output = Hyper<T>;
    fn neg(self) -> Hyper<T> {
        -*self
    }
}

/// The by-reference forms of a binary operator, each the by-value one on copies.
macro_rules! by_reference {
    ($($op:ident $method:ident $assign:ident $assign_method:ident),*) => {$(
        impl<T: Real> $op<&Hyper<T>> for Hyper<T> {
            type Output = Hyper<T>;
            fn $method(self, o: &Hyper<T>) -> Hyper<T> {
                $op::$method(self, *o)
            }
        }
        impl<T: Real> $op<Hyper<T>> for &Hyper<T> {
            type Output = Hyper<T>;
            fn $method(self, o: Hyper<T>) -> Hyper<T> {
                $op::$method(*self, o)
            }
        }
        impl<T: Real> $op<&Hyper<T>> for &Hyper<T> {
            type Output = Hyper<T>;
            fn $method(self, o: &Hyper<T>) -> Hyper<T> {
                $op::$method(*self, *o)
            }
        }
        impl<T: Real> $assign for Hyper<T> {
            fn $assign_method(&mut self, o: Hyper<T>) {
                *self = $op::$method(*self, o);
            }
        }
        impl<T: Real> $assign<&Hyper<T>> for Hyper<T> {
            fn $assign_method(&mut self, o: &Hyper<T>) {
                *self = $op::$method(*self, *o);
            }
        }
    )*};
}

by_reference!(Add add AddAssign add_assign, Sub sub SubAssign sub_assign, Mul mul MulAssign mul_assign,
    Div div DivAssign div_assign);

/// Compares values only; every comparison is a branch, so it records how close it was.
impl<T: Real> PartialEq for Hyper<T> {
    fn eq(&self, o: &Hyper<T>) -> bool {
        self.partial_cmp(o) == Some(std::cmp::Ordering::Equal)
    }
}

impl<T: Real> PartialOrd for Hyper<T> {
    fn partial_cmp(&self, o: &Hyper<T>) -> Option<std::cmp::Ordering> {
        self.kink(self.x() - o.x(), *o);
        self.v.partial_cmp(&o.v)
    }
}

/// Sums from `-0.0` in order, as the primitive floats' `Sum` does, so the value matches bit
/// for bit.
impl<'a, T: Real> Sum<&'a Hyper<T>> for Hyper<T> {
    fn sum<I: Iterator<Item = &'a Hyper<T>>>(iter: I) -> Hyper<T> {
        iter.fold(Hyper::c(-0.0), |acc, x| acc + *x)
    }
}

impl<T: Real> Sum<Hyper<T>> for Hyper<T> {
    fn sum<I: Iterator<Item = Hyper<T>>>(iter: I) -> Hyper<T> {
        iter.fold(Hyper::c(-0.0), |acc, x| acc + x)
    }
}

/// Multiplies from `1.0` in order, as the primitive floats' `Product` does.
impl<'a, T: Real> Product<&'a Hyper<T>> for Hyper<T> {
    fn product<I: Iterator<Item = &'a Hyper<T>>>(iter: I) -> Hyper<T> {
        iter.fold(Hyper::c(1.0), |acc, x| acc * *x)
    }
}

impl<T: Real> Product<Hyper<T>> for Hyper<T> {
    fn product<I: Iterator<Item = Hyper<T>>>(iter: I) -> Hyper<T> {
        iter.fold(Hyper::c(1.0), |acc, x| acc * x)
    }
}
