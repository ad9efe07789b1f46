//! Matrix products: the one kernel with a hand-written pullback.
//!
//! Everything else in the runtime is `#[differentiable]` Rust whose gradient the macro
//! writes; a matrix product is worth a tuned kernel (`matrixmultiply`'s `sgemm`), and its
//! pullback is two more products, so both directions run at kernel speed.
//!
//! A tensor is read as a matrix of `shape[0]` rows and `len / shape[0]` columns, so a
//! convolution's weights `[out_channels, in_channels, kh, kw]` multiply as
//! `[out_channels, in_channels · kh · kw]` without a copy.
//!
//! Operands that do not fit panic in [`matmul`] (it is called from `#[differentiable]`
//! code, which cannot return a `Result`); [`try_matmul`] returns an [`Error`] naming both
//! shapes instead.
//!
//! ```
//! use backprop::Tensor;
//! use backprop::ops::{matmul, matmul_vjp};
//!
//! let a = Tensor::new(vec![1.0, 2.0, 3.0, 4.0], &[2, 2]).unwrap();
//! let b = Tensor::new(vec![1.0, 0.0, 1.0, 1.0], &[2, 2]).unwrap();
//! assert_eq!(matmul(&a, &b).data, [3.0, 2.0, 7.0, 4.0]);
//!
//! let (_, pullback) = matmul_vjp(&a, &b);
//! let (da, db) = pullback(Tensor::new(vec![1.0; 4], &[2, 2]).unwrap());
//! let (da, db) = (da.into_tensor(), db.into_tensor());
//! assert_eq!(da.data, [1.0, 2.0, 1.0, 2.0]); // dy · bᵀ
//! assert_eq!(db.data, [4.0, 4.0, 6.0, 6.0]); // aᵀ · dy
//! ```

use crate::Tensor;
use crate::error::{Error, Result};
use std::rc::Rc;

/// A tensor viewed as a row-major matrix.
#[derive(Clone, Copy)]
struct Mat<'a> {
    data: &'a [f32],
    rows: usize,
    cols: usize,
    /// Read as its transpose.
    transposed: bool,
}

impl<'a> Mat<'a> {
    fn of(t: &'a Tensor) -> Mat<'a> {
        let rows = t.shape.first().copied().unwrap_or(1);
        let cols = t.data.len().checked_div(rows).unwrap_or(0);
        Mat { data: &t.data, rows, cols, transposed: false }
    }

    fn t(self) -> Mat<'a> {
        Mat { transposed: !self.transposed, ..self }
    }

    /// Rows and columns as seen (after transposition).
    fn dims(&self) -> (usize, usize) {
        if self.transposed { (self.cols, self.rows) } else { (self.rows, self.cols) }
    }

    /// Row and column strides as seen.
    fn strides(&self) -> (isize, isize) {
        let (r, c) = (self.cols as isize, 1);
        if self.transposed { (c, r) } else { (r, c) }
    }
}

/// `out = a · b` through `sgemm`, into a new buffer.
///
/// # Panics
/// If the inner dimensions differ, naming both shapes.
fn gemm(op: &str, a: Mat<'_>, b: Mat<'_>, shapes: (&[usize], &[usize])) -> (Vec<f32>, usize, usize) {
    let (m, _) = a.dims();
    let (_, n) = b.dims();
    let mut out = vec![0.0f32; m * n];
    gemm_into(op, a, b, shapes, &mut out, 0.0);
    (out, m, n)
}

/// `out = a · b + beta · out` through `sgemm`.
///
/// # Panics
/// If the inner dimensions differ or `out` does not hold the product, naming the shapes. The
/// public products check their operands first ([`check_matmul`]) when asked to; a pullback's
/// operands fit by construction.
fn gemm_into(op: &str, a: Mat<'_>, b: Mat<'_>, shapes: (&[usize], &[usize]), out: &mut [f32], beta: f32) {
    let (m, k) = a.dims();
    let (k2, n) = b.dims();
    assert_eq!(
        k, k2,
        "{op}: shapes {:?} and {:?} do not fit (inner dimensions {k} and {k2}); ops::try_matmul and try_matmul_nt return this as an Error",
        shapes.0, shapes.1
    );
    assert_eq!(out.len(), m * n, "{op}: the result has {} values, the product {m}×{n}", out.len());
    if m == 0 || n == 0 {
        return;
    }
    let (rsa, csa) = a.strides();
    let (rsb, csb) = b.strides();
    // SAFETY: `a` holds m·k values and `b` k·n values read with the strides of their
    // (possibly transposed) row-major layout, checked above; `out` holds m·n values written
    // row-major, checked above; `out` is a `&mut` borrow, so it overlaps neither input.
    unsafe {
        matrixmultiply::sgemm(
            m,
            k,
            n,
            1.0,
            a.data.as_ptr(),
            rsa,
            csa,
            b.data.as_ptr(),
            rsb,
            csb,
            beta,
            out.as_mut_ptr(),
            n as isize,
            1,
        );
    }
}

fn matrix(data: Vec<f32>, rows: usize, cols: usize) -> Tensor {
    Tensor { data, shape: vec![rows, cols] }
}

/// Checks that [`matmul`] can multiply `a` by `b`: as many columns in `a` as rows in `b`.
///
/// # Errors
/// [`Error::Shape`] naming `matmul` and both shapes.
pub fn check_matmul(a: &Tensor, b: &Tensor) -> Result<()> {
    let (a_cols, b_rows) = (Mat::of(a).cols, Mat::of(b).rows);
    if a_cols == b_rows {
        return Ok(());
    }
    let help = "the first operand needs as many columns as the second has rows";
    Err(Error::shape("matmul", &a.shape, &b.shape, help))
}

/// [`matmul`] after [`check_matmul`].
///
/// ```
/// use backprop::{Tensor, ops::try_matmul};
///
/// let error = try_matmul(&Tensor::zeros(&[2, 3]), &Tensor::zeros(&[2, 3])).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "matmul: shapes [2, 3] and [2, 3] do not fit: the first operand needs as many columns as the second has rows"
/// );
/// ```
///
/// # Errors
/// As [`check_matmul`].
pub fn try_matmul(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    check_matmul(a, b).map(|()| matmul(a, b))
}

/// Checks that [`matmul_nt`] can multiply `a` by `bᵀ`: rows of the same length.
///
/// # Errors
/// [`Error::Shape`] naming `matmul_nt` and both shapes.
pub fn check_matmul_nt(a: &Tensor, b: &Tensor) -> Result<()> {
    if Mat::of(a).cols == Mat::of(b).cols {
        return Ok(());
    }
    let help = "the two operands need rows of the same length";
    Err(Error::shape("matmul_nt", &a.shape, &b.shape, help))
}

/// [`matmul_nt`] after [`check_matmul_nt`].
///
/// # Errors
/// As [`check_matmul_nt`].
pub fn try_matmul_nt(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    check_matmul_nt(a, b).map(|()| matmul_nt(a, b))
}

/// `a · b` for `a` of shape `[m, k]` and `b` of shape `[k, n]`: shape `[m, n]`.
///
/// # Panics
/// If the inner dimensions differ (the message names both shapes); [`try_matmul`] returns an
/// [`Error`] instead.
pub fn matmul(a: &Tensor, b: &Tensor) -> Tensor {
    let (data, m, n) = gemm("matmul", Mat::of(a), Mat::of(b), (&a.shape, &b.shape));
    matrix(data, m, n)
}

/// [`matmul`] and its pullback: `∂a = ∂y · bᵀ`, `∂b = aᵀ · ∂y`.
///
/// The gradients come back as [`ProductGrad`]s: each product runs only if its gradient is
/// used, straight into the adjoint it is added to. So a constant operand (the input batch of
/// a first layer) costs nothing backwards.
pub fn matmul_vjp<'a, 'b>(
    a: &'a Tensor,
    b: &'b Tensor,
) -> (Tensor, impl FnOnce(Tensor) -> (ProductGrad<'b, 'a>, ProductGrad<'a, 'b>) + use<'a, 'b>) {
    let y = matmul(a, b);
    let pullback = move |dy: Tensor| {
        let dy = Rc::new(dy);
        (
            ProductGrad { dy: Rc::clone(&dy), other: b, like: a, rule: Rule::DyTimesOtherT, op: "matmul (∂a)" },
            ProductGrad { dy, other: a, like: b, rule: Rule::OtherTTimesDy, op: "matmul (∂b)" },
        )
    };
    (y, pullback)
}

/// `a · bᵀ` for `a` of shape `[m, k]` and `b` of shape `[n, k]`: shape `[m, n]`.
///
/// # Panics
/// If the second dimensions differ (the message names both shapes); [`try_matmul_nt`]
/// returns an [`Error`] instead.
pub fn matmul_nt(a: &Tensor, b: &Tensor) -> Tensor {
    let (data, m, n) = gemm("matmul_nt", Mat::of(a), Mat::of(b).t(), (&a.shape, &b.shape));
    matrix(data, m, n)
}

/// [`matmul_nt`] and its pullback: `∂a = ∂y · b`, `∂b = ∂yᵀ · a` (as [`ProductGrad`]s).
pub fn matmul_nt_vjp<'a, 'b>(
    a: &'a Tensor,
    b: &'b Tensor,
) -> (Tensor, impl FnOnce(Tensor) -> (ProductGrad<'b, 'a>, ProductGrad<'a, 'b>) + use<'a, 'b>) {
    let y = matmul_nt(a, b);
    let pullback = move |dy: Tensor| {
        let dy = Rc::new(dy);
        (
            ProductGrad { dy: Rc::clone(&dy), other: b, like: a, rule: Rule::DyTimesOther, op: "matmul_nt (∂a)" },
            ProductGrad { dy, other: a, like: b, rule: Rule::DyTTimesOther, op: "matmul_nt (∂b)" },
        )
    };
    (y, pullback)
}

/// `Σ leftᵢ · rightᵢ` into a new tensor of shape `shape`: the terms of a tangent or of a
/// second-order gradient, each one `sgemm` adding into the same buffer.
fn sum_of_products(op: &str, terms: &[(Mat<'_>, Mat<'_>, &Tensor, &Tensor)], shape: &[usize]) -> Tensor {
    let mut data = vec![0.0f32; shape.iter().product()];
    for (k, (left, right, l, r)) in terms.iter().enumerate() {
        gemm_into(op, *left, *right, (&l.shape, &r.shape), &mut data, if k == 0 { 0.0 } else { 1.0 });
    }
    Tensor { data, shape: shape.to_vec() }
}

/// [`matmul`] in forward mode: `y = a · b` and its tangent `da · b + a · db`.
pub fn matmul_jvp(a: &Tensor, b: &Tensor, da: &Tensor, db: &Tensor) -> (Tensor, Tensor) {
    let y = matmul(a, b);
    let terms = [(Mat::of(da), Mat::of(b), da, b), (Mat::of(a), Mat::of(db), a, db)];
    let dy = sum_of_products("matmul (tangent)", &terms, &y.shape);
    (y, dy)
}

/// [`matmul_jvp`] and its pullback, for second order: from the adjoints `(ȳ, ẏ̄)` of the value
/// and the tangent, `∂a = ȳ·bᵀ + ẏ̄·dbᵀ`, `∂b = aᵀ·ȳ + daᵀ·ẏ̄`, `∂da = ẏ̄·bᵀ`, `∂db = aᵀ·ẏ̄`.
#[allow(clippy::type_complexity, reason = "the pullback's signature is the contract's")]
pub fn matmul_jvp_vjp<'a, 'b, 'c, 'd>(
    a: &'a Tensor,
    b: &'b Tensor,
    da: &'c Tensor,
    db: &'d Tensor,
) -> ((Tensor, Tensor), impl FnOnce((Tensor, Tensor)) -> (Tensor, Tensor, Tensor, Tensor) + use<'a, 'b, 'c, 'd>) {
    let value = matmul_jvp(a, b, da, db);
    let pullback = move |(y_bar, dy_bar): (Tensor, Tensor)| {
        let (ma, mb, mda, mdb) = (Mat::of(a), Mat::of(b), Mat::of(da), Mat::of(db));
        let (my, mdy) = (Mat::of(&y_bar), Mat::of(&dy_bar));
        let grad_a = sum_of_products("matmul (∂a)", &[(my, mb.t(), &y_bar, b), (mdy, mdb.t(), &dy_bar, db)], &a.shape);
        let grad_b = sum_of_products("matmul (∂b)", &[(ma.t(), my, a, &y_bar), (mda.t(), mdy, da, &dy_bar)], &b.shape);
        let grad_da = sum_of_products("matmul (∂da)", &[(mdy, mb.t(), &dy_bar, b)], &da.shape);
        let grad_db = sum_of_products("matmul (∂db)", &[(ma.t(), mdy, a, &dy_bar)], &db.shape);
        (grad_a, grad_b, grad_da, grad_db)
    };
    (value, pullback)
}

/// [`matmul_nt`] in forward mode: `y = a · bᵀ` and its tangent `da · bᵀ + a · dbᵀ`.
pub fn matmul_nt_jvp(a: &Tensor, b: &Tensor, da: &Tensor, db: &Tensor) -> (Tensor, Tensor) {
    let y = matmul_nt(a, b);
    let terms = [(Mat::of(da), Mat::of(b).t(), da, b), (Mat::of(a), Mat::of(db).t(), a, db)];
    let dy = sum_of_products("matmul_nt (tangent)", &terms, &y.shape);
    (y, dy)
}

/// [`matmul_nt_jvp`] and its pullback: `∂a = ȳ·b + ẏ̄·db`, `∂b = ȳᵀ·a + ẏ̄ᵀ·da`, `∂da = ẏ̄·b`,
/// `∂db = ẏ̄ᵀ·a`.
#[allow(clippy::type_complexity, reason = "the pullback's signature is the contract's")]
pub fn matmul_nt_jvp_vjp<'a, 'b, 'c, 'd>(
    a: &'a Tensor,
    b: &'b Tensor,
    da: &'c Tensor,
    db: &'d Tensor,
) -> ((Tensor, Tensor), impl FnOnce((Tensor, Tensor)) -> (Tensor, Tensor, Tensor, Tensor) + use<'a, 'b, 'c, 'd>) {
    let value = matmul_nt_jvp(a, b, da, db);
    let pullback = move |(y_bar, dy_bar): (Tensor, Tensor)| {
        let (ma, mb, mda, mdb) = (Mat::of(a), Mat::of(b), Mat::of(da), Mat::of(db));
        let (my, mdy) = (Mat::of(&y_bar), Mat::of(&dy_bar));
        let grad_a = sum_of_products("matmul_nt (∂a)", &[(my, mb, &y_bar, b), (mdy, mdb, &dy_bar, db)], &a.shape);
        let grad_b =
            sum_of_products("matmul_nt (∂b)", &[(my.t(), ma, &y_bar, a), (mdy.t(), mda, &dy_bar, da)], &b.shape);
        let grad_da = sum_of_products("matmul_nt (∂da)", &[(mdy, mb, &dy_bar, b)], &da.shape);
        let grad_db = sum_of_products("matmul_nt (∂db)", &[(mdy.t(), ma, &dy_bar, a)], &db.shape);
        (grad_a, grad_b, grad_da, grad_db)
    };
    (value, pullback)
}

/// The products of a second directional derivative of `left · op(right)` (`op` the identity
/// or the transpose): `y' = a'·op(b) + a·op(b')` and `ẏ' = da'·op(b) + da·op(b') + a'·op(db) +
/// a·op(db')`, with `a'`, `b'` the second direction and `da'`, `db'` that of the first.
#[allow(clippy::too_many_arguments, reason = "arguments, then the tangents of each")]
fn second_tangents(
    op: &str,
    nt: bool,
    [a, b, da, db, a2, b2, da2, db2]: [&Tensor; 8],
    shape: &[usize],
) -> (Tensor, Tensor) {
    fn op_of(t: &Tensor, nt: bool) -> Mat<'_> {
        if nt { Mat::of(t).t() } else { Mat::of(t) }
    }
    let right = |t| op_of(t, nt);
    let y2 = sum_of_products(op, &[(Mat::of(a2), right(b), a2, b), (Mat::of(a), right(b2), a, b2)], shape);
    let terms = [
        (Mat::of(da2), right(b), da2, b),
        (Mat::of(da), right(b2), da, b2),
        (Mat::of(a2), right(db), a2, db),
        (Mat::of(a), right(db2), a, db2),
    ];
    (y2, sum_of_products(op, &terms, shape))
}

/// The pullback of a second directional derivative of `left · op(right)` (third order): each
/// operand's gradient sums, over the products it takes part in, the adjoint of the product
/// times the other factor.
fn third_order_gradients(
    op: &str,
    nt: bool,
    [a, b, da, db, a2, b2, da2, db2]: [&Tensor; 8],
    [y, dy, y2, dy2]: [&Tensor; 4],
) -> (Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor) {
    // `∂left = Σ s·op(r)ᵀ` and `∂right = Σ lᵀ·s` (for `a·bᵀ`: `∂left = Σ s·r`, `∂right = Σ sᵀ·l`).
    fn gradient_of_left(op: &str, nt: bool, terms: &[(&Tensor, &Tensor)], like: &Tensor) -> Tensor {
        let m = Mat::of;
        let t: Vec<_> = terms.iter().map(|&(s, r)| (m(s), if nt { m(r) } else { m(r).t() }, s, r)).collect();
        sum_of_products(op, &t, &like.shape)
    }
    fn gradient_of_right(op: &str, nt: bool, terms: &[(&Tensor, &Tensor)], like: &Tensor) -> Tensor {
        let m = Mat::of;
        let t: Vec<_> =
            terms.iter().map(|&(l, s)| if nt { (m(s).t(), m(l), s, l) } else { (m(l).t(), m(s), l, s) }).collect();
        sum_of_products(op, &t, &like.shape)
    }
    let left = |terms: &[(&Tensor, &Tensor)], like: &Tensor| gradient_of_left(op, nt, terms, like);
    let right = |terms: &[(&Tensor, &Tensor)], like: &Tensor| gradient_of_right(op, nt, terms, like);
    (
        left(&[(y, b), (dy, db), (y2, b2), (dy2, db2)], a),
        right(&[(a, y), (da, dy), (a2, y2), (da2, dy2)], b),
        left(&[(dy, b), (dy2, b2)], da),
        right(&[(a, dy), (a2, dy2)], db),
        left(&[(y2, b), (dy2, db)], a2),
        right(&[(a, y2), (da, dy2)], b2),
        left(&[(dy2, b)], da2),
        right(&[(a, dy2)], db2),
    )
}

/// Eight tensor gradients, the pullback's result of a third-order form.
type Eight = (Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor);

macro_rules! third_order_forms {
    ($jvp:ident, $jvp_jvp:ident, $jvp_jvp_vjp:ident, $nt:literal, $op:literal) => {
        #[doc = concat!("[`", $op, "`] in forward mode twice: the value and tangent, then their tangents in the second direction.")]
        #[allow(clippy::too_many_arguments, reason = "the form's signature: arguments, then tangents")]
        pub fn $jvp_jvp(
            a: &Tensor,
            b: &Tensor,
            da: &Tensor,
            db: &Tensor,
            a2: &Tensor,
            b2: &Tensor,
            da2: &Tensor,
            db2: &Tensor,
        ) -> ((Tensor, Tensor), (Tensor, Tensor)) {
            let value = $jvp(a, b, da, db);
            let shape = value.0.shape.clone();
            (value, second_tangents($op, $nt, [a, b, da, db, a2, b2, da2, db2], &shape))
        }

        #[doc = concat!("[`", stringify!($jvp_jvp), "`] and its pullback (third order).")]
        #[allow(clippy::too_many_arguments, clippy::type_complexity, reason = "the form's signature")]
        pub fn $jvp_jvp_vjp<'a, 'b, 'c, 'd, 'e, 'f, 'g, 'h>(
            a: &'a Tensor,
            b: &'b Tensor,
            da: &'c Tensor,
            db: &'d Tensor,
            a2: &'e Tensor,
            b2: &'f Tensor,
            da2: &'g Tensor,
            db2: &'h Tensor,
        ) -> (
            ((Tensor, Tensor), (Tensor, Tensor)),
            impl FnOnce(((Tensor, Tensor), (Tensor, Tensor))) -> Eight + use<'a, 'b, 'c, 'd, 'e, 'f, 'g, 'h>,
        ) {
            let value = $jvp_jvp(a, b, da, db, a2, b2, da2, db2);
            let pullback = move |((y, dy), (y2, dy2)): ((Tensor, Tensor), (Tensor, Tensor))| {
                third_order_gradients($op, $nt, [a, b, da, db, a2, b2, da2, db2], [&y, &dy, &y2, &dy2])
            };
            (value, pullback)
        }
    };
}
third_order_forms!(matmul_jvp, matmul_jvp_jvp, matmul_jvp_jvp_vjp, false, "matmul");
third_order_forms!(matmul_nt_jvp, matmul_nt_jvp_jvp, matmul_nt_jvp_jvp_vjp, true, "matmul_nt");

/// Which product gives an operand's gradient, from the output's adjoint `∂y` and the other
/// operand.
#[derive(Clone, Copy)]
enum Rule {
    /// `∂y · otherᵀ` (the left operand of `a · b`).
    DyTimesOtherT,
    /// `otherᵀ · ∂y` (the right operand of `a · b`).
    OtherTTimesDy,
    /// `∂y · other` (the left operand of `a · bᵀ`).
    DyTimesOther,
    /// `∂yᵀ · other` (the right operand of `a · bᵀ`).
    DyTTimesOther,
}

/// The gradient of one operand of a matrix product, not yet computed.
///
/// Generated code adds it into an adjoint (`sgemm` with β = 1: no temporary, no extra pass)
/// or drops it unevaluated when the operand is a constant. [`ProductGrad::into_tensor`]
/// computes it as a tensor shaped like the operand.
pub struct ProductGrad<'o, 'l> {
    dy: Rc<Tensor>,
    other: &'o Tensor,
    /// The operand this is the gradient of (for its shape).
    like: &'l Tensor,
    rule: Rule,
    op: &'static str,
}

impl ProductGrad<'_, '_> {
    /// `out = product + beta · out`.
    fn write(&self, out: &mut [f32], beta: f32) {
        let (dy, other) = (Mat::of(&self.dy), Mat::of(self.other));
        let shapes = (self.dy.shape.as_slice(), self.other.shape.as_slice());
        let (left, right) = match self.rule {
            Rule::DyTimesOtherT => (dy, other.t()),
            Rule::OtherTTimesDy => (other.t(), dy),
            Rule::DyTimesOther => (dy, other),
            Rule::DyTTimesOther => (dy.t(), other),
        };
        gemm_into(self.op, left, right, shapes, out, beta);
    }

    /// The gradient, shaped like its operand.
    pub fn into_tensor(self) -> Tensor {
        let mut data = vec![0.0; self.like.data.len()];
        self.write(&mut data, 0.0);
        Tensor { data, shape: self.like.shape.clone() }
    }
}

crate::__single_grad!(['o, 'l] ProductGrad<'o, 'l>);

impl crate::__private::AddGrad<ProductGrad<'_, '_>> for Tensor {
    fn add_grad(&mut self, grad: ProductGrad<'_, '_>) {
        assert_eq!(
            self.shape, grad.like.shape,
            "{}: adding a gradient of shape {:?} to an adjoint of shape {:?}",
            grad.op, grad.like.shape, self.shape
        );
        grad.write(&mut self.data, 1.0);
    }
}

impl crate::__private::Own for ProductGrad<'_, '_> {
    type Owned = Tensor;
    fn own(self) -> Tensor {
        self.into_tensor()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(data: &[f32], shape: &[usize]) -> Tensor {
        Tensor { data: data.to_vec(), shape: shape.to_vec() }
    }

    /// The textbook triple loop, as the reference.
    fn naive(a: &Tensor, b: &Tensor) -> Vec<f32> {
        let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1]);
        let mut out = vec![0.0; m * n];
        for i in 0..m {
            for j in 0..n {
                for p in 0..k {
                    out[i * n + j] += a.data[i * k + p] * b.data[p * n + j];
                }
            }
        }
        out
    }

    #[test]
    fn matmul_matches_the_triple_loop_on_non_square_shapes() {
        let a = Tensor::from_fn(&[3, 5], |i| (i as f32 * 0.7).sin());
        let b = Tensor::from_fn(&[5, 4], |i| (i as f32 * 0.3).cos());
        let y = matmul(&a, &b);
        assert_eq!(y.shape, [3, 4]);
        for (g, w) in y.data.iter().zip(naive(&a, &b)) {
            assert!((g - w).abs() < 1e-5, "{g} vs {w}");
        }
    }

    #[test]
    fn matmul_nt_multiplies_by_the_transpose() {
        let a = t(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], &[2, 3]);
        let b = t(&[1.0, 0.0, 1.0, 0.0, 1.0, 0.0], &[2, 3]);
        assert_eq!(matmul_nt(&a, &b).data, [4.0, 2.0, 10.0, 5.0]);
    }

    #[test]
    #[should_panic(expected = "matmul: shapes [2, 3] and [2, 3] do not fit")]
    fn mismatched_products_name_both_shapes() {
        let a = t(&[0.0; 6], &[2, 3]);
        let _ = matmul(&a, &a);
    }

    #[test]
    fn checked_products_return_an_error_naming_both_shapes() {
        let a = t(&[0.0; 6], &[2, 3]);
        let err = try_matmul(&a, &a).unwrap_err();
        assert!(matches!(&err, Error::Shape { op: "matmul", left, right, .. } if left == &[2, 3] && right == &[2, 3]));
        assert_eq!(try_matmul(&a, &t(&[1.0; 3], &[3, 1])).unwrap().data, [0.0, 0.0]);
        let err = try_matmul_nt(&a, &t(&[0.0; 4], &[2, 2])).unwrap_err().to_string();
        assert!(err.starts_with("matmul_nt: shapes [2, 3] and [2, 2] do not fit"), "{err}");
        assert_eq!(try_matmul_nt(&a, &a).unwrap().shape, [2, 2]);
    }

    #[test]
    fn pullbacks_keep_the_operand_shapes() {
        let a = Tensor::from_fn(&[2, 2, 3], |i| i as f32);
        let b = Tensor::from_fn(&[4, 6], |i| i as f32 * 0.5);
        let (y, pullback) = matmul_nt_vjp(&a, &b);
        assert_eq!(y.shape, [2, 4]);
        let (da, db) = pullback(Tensor::from_fn(&[2, 4], |_| 1.0));
        let (da, db) = (da.into_tensor(), db.into_tensor());
        assert_eq!((da.shape.as_slice(), db.shape.as_slice()), ([2, 2, 3].as_slice(), [4, 6].as_slice()));
    }
}
