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

/// The dense Hessian of a scalar function of `n` floats, one `_hvp` call per column:
/// `hvp(e)` is the Hessian times the direction `e` (the third entry `f_hvp` returns), and is
/// called with each unit vector of length `n` in turn. Row `i`, column `j` is `∂²f/∂xᵢ∂xⱼ`.
///
/// ```
/// use backprop::{differentiable, hessian};
///
/// // f(x, y) = x²y + y³:  H = [[2y, 2x], [2x, 6y]]
/// #[differentiable]
/// fn f(p: &[f64]) -> f64 {
///     p[0] * p[0] * p[1] + p[1] * p[1] * p[1]
/// }
///
/// let p = [1.5, -0.5];
/// let h = hessian(2, |e| f_hvp(&p, e).2);
/// assert_eq!(h, vec![vec![-1.0, 3.0], vec![3.0, -3.0]]);
/// ```
///
/// For a function of several parameters, flatten them into one slice first, or call `_hvp`
/// with each parameter's unit directions by hand.
///
/// # Panics
/// If `hvp` does not return `n` float entries for every direction.
pub fn hessian<F: Float, G: Differentiable>(n: usize, hvp: impl Fn(&[F]) -> G) -> Vec<Vec<f64>> {
    let columns = unit_columns(n, hvp);
    transpose(&columns, n)
}

/// The Jacobian of a function of `n` floats in forward mode, one `_jvp` call per column:
/// `jvp(e)` is the output's tangent along `e` (the second entry `f_jvp` returns), called with
/// each unit vector in turn. Rows are the output's float leaves in order, as for
/// [`jacobian`]; cheaper than it when the output has more entries than the input.
///
/// ```
/// use backprop::{differentiable, jacobian_forward};
///
/// #[differentiable]
/// fn polar(p: &[f64]) -> [f64; 2] {
///     [p[0] * p[1].cos(), p[0] * p[1].sin()]
/// }
///
/// let j = jacobian_forward(2, |e| polar_jvp(&[2.0, 0.0], e).1);
/// assert_eq!(j, vec![vec![1.0, 0.0], vec![0.0, 2.0]]);
/// ```
pub fn jacobian_forward<F: Float, T: Differentiable>(n: usize, jvp: impl Fn(&[F]) -> T) -> Vec<Vec<f64>> {
    let columns = unit_columns(n, jvp);
    let rows = columns.first().map_or(0, Vec::len);
    transpose(&columns, rows)
}

/// `g(e)` flattened, for each unit vector `e` of length `n`.
fn unit_columns<F: Float, G: Differentiable>(n: usize, g: impl Fn(&[F]) -> G) -> Vec<Vec<f64>> {
    let mut e = vec![F::ZERO; n];
    (0..n)
        .map(|k| {
            e[k] = F::ONE;
            let column = flatten(&g(&e));
            e[k] = F::ZERO;
            column
        })
        .collect()
}

/// Rows from columns of `rows` entries each.
///
/// # Panics
/// If a column has another length: the function's output changed shape with the direction.
fn transpose(columns: &[Vec<f64>], rows: usize) -> Vec<Vec<f64>> {
    for (k, column) in columns.iter().enumerate() {
        assert_eq!(
            column.len(),
            rows,
            "direction {k} gave {} float entries where the others gave {rows}",
            column.len()
        );
    }
    (0..rows).map(|i| columns.iter().map(|c| c[i]).collect()).collect()
}
