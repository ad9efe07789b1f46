//! The full Jacobian of a function, built from its pullback.
//!
//! A pullback maps an adjoint of the output to the gradient, that is, a row of the Jacobian
//! times the adjoint. Seeding it with each unit vector in turn gives the rows.
//!
//! ```
//! use backprop::{differentiable, jacobian};
//!
//! #[differentiable]
//! fn polar(r: f64, theta: f64) -> [f64; 2] {
//!     [r * theta.cos(), r * theta.sin()]
//! }
//!
//! let j = jacobian(|| polar_vjp(2.0, 0.5));
//! assert_eq!(j.len(), 2);
//! assert!((j[0][0] - 0.5f64.cos()).abs() < 1e-15); // ∂x/∂r
//! assert!((j[1][1] - 2.0 * 0.5f64.cos()).abs() < 1e-15); // ∂y/∂θ
//! ```

use crate::Float;
use crate::tangent::Differentiable;
use crate::visit::{NamedSink, NamedVisitor};

/// An output whose adjoint can be seeded one component at a time.
pub trait Seeds: Sized {
    /// How many scalar components the output has.
    fn components(&self) -> usize;
    /// An adjoint shaped like `self`, zero except for a one at component `k`.
    fn unit(&self, k: usize) -> Self;
}

impl<T: Float> Seeds for T {
    fn components(&self) -> usize {
        1
    }
    fn unit(&self, _k: usize) -> Self {
        T::ONE
    }
}

impl<T: Float> Seeds for Vec<T> {
    fn components(&self) -> usize {
        self.len()
    }
    fn unit(&self, k: usize) -> Self {
        (0..self.len()).map(|i| if i == k { T::ONE } else { T::ZERO }).collect()
    }
}

impl<T: Float, const N: usize> Seeds for [T; N] {
    fn components(&self) -> usize {
        N
    }
    fn unit(&self, k: usize) -> Self {
        core::array::from_fn(|i| if i == k { T::ONE } else { T::ZERO })
    }
}

/// The Jacobian of the function whose `_vjp` call `vjp` makes: one row per output component,
/// one column per entry of the gradient (its float leaves in order, `f32` widened to `f64`).
///
/// `vjp` is called once per output component (each call runs the forward sweep again).
pub fn jacobian<O, P, G>(vjp: impl Fn() -> (O, P)) -> Vec<Vec<f64>>
where
    O: Seeds,
    P: FnOnce(O) -> G,
    G: Differentiable,
{
    let (output, _) = vjp();
    (0..output.components())
        .map(|k| {
            let (out, pullback) = vjp();
            let gradient = pullback(out.unit(k));
            flatten(&gradient)
        })
        .collect()
}

/// The float leaves of a value, in order, as `f64`.
pub fn flatten<G: Differentiable + ?Sized>(value: &G) -> Vec<f64> {
    struct Collect(Vec<f64>);
    impl NamedSink for Collect {
        fn f32s(&mut self, _name: &str, value: &[f32]) {
            self.0.extend(value.iter().map(|&v| f64::from(v)));
        }
        fn f64s(&mut self, _name: &str, value: &[f64]) {
            self.0.extend_from_slice(value);
        }
    }
    let mut sink = Collect(Vec::new());
    let mut path = String::new();
    value.visit_named(&mut NamedVisitor::new(&mut sink, &mut path));
    sink.0
}
