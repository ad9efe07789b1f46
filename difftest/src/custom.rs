//! Plain functions with hand-written `_vjp`s beside them, for generated programs to call: the
//! macro must take `name_vjp` as `name`'s derivative (design §2, "a custom derivative is a
//! hand-written `name_vjp`"). Their dual-number versions, written from the mathematics and
//! not from these pullbacks, are in `dual::custom`.
//!
//! Generic over the float type, so `f32` and `f64` programs call the same names.

use crate::dual::Real;

/// `ln(1 + eˣ)` without overflow: `x + ln(1 + e⁻ˣ)` for positive `x`.
pub fn softplus<F: Real>(x: F) -> F {
    let zero = F::from_f64(0.0);
    if x > zero { x + (-x).exp().ln_1p() } else { x.exp().ln_1p() }
}

/// softplus' = σ(x) = 1/(1 + e⁻ˣ), finite everywhere (0 where e⁻ˣ overflows).
pub fn softplus_vjp<F: Real>(x: F) -> (F, impl FnOnce(F) -> F) {
    let one = F::from_f64(1.0);
    (softplus(x), move |d: F| d / (one + (-x).exp()))
}

/// `Σ aᵢbᵢ` over the shorter of the two, summed in order from zero.
pub fn dot<F: Real>(a: &[F], b: &[F]) -> F {
    let mut s = F::from_f64(0.0);
    for i in 0..a.len().min(b.len()) {
        s = s + a[i] * b[i];
    }
    s
}

/// ∂/∂a = d·b, ∂/∂b = d·a (zero past the shorter length). Copies its arguments, so the
/// pullback borrows nothing.
pub fn dot_vjp<F: Real>(a: &[F], b: &[F]) -> (F, impl FnOnce(F) -> (Vec<F>, Vec<F>) + use<F>) {
    let (a, b) = (a.to_vec(), b.to_vec());
    let value = dot(&a, &b);
    let pullback = move |d: F| {
        let zero = F::from_f64(0.0);
        let n = a.len().min(b.len());
        let da = (0..a.len()).map(|i| if i < n { d * b[i] } else { zero }).collect();
        let db = (0..b.len()).map(|i| if i < n { d * a[i] } else { zero }).collect();
        (da, db)
    };
    (value, pullback)
}

/// `m + ln Σ e^(xᵢ − m)` with `m = max x`: no overflow for large entries.
pub fn log_sum_exp<F: Real>(x: &[F]) -> F {
    let m = x.iter().fold(x[0], |acc, &v| acc.max(v));
    let s: F = x.iter().map(|&v| (v - m).exp()).sum();
    m + s.ln()
}

/// ∂/∂xᵢ = d·softmax(x)ᵢ.
pub fn log_sum_exp_vjp<F: Real>(x: &[F]) -> (F, impl FnOnce(F) -> Vec<F> + use<F>) {
    let x = x.to_vec();
    let value = log_sum_exp(&x);
    (value, move |d: F| x.iter().map(|&v| d * (v - value).exp()).collect())
}

/// softplus in forward mode: `(softplus x, σ(x)·dx)`.
pub fn softplus_jvp<F: Real>(x: F, dx: F) -> (F, F) {
    let one = F::from_f64(1.0);
    (softplus(x), dx / (one + (-x).exp()))
}

/// [`softplus_jvp`] and its pullback: `∂x = ȳ·σ + ẏ̄·σ(1−σ)·dx`, `∂dx = ẏ̄·σ`.
#[allow(clippy::type_complexity, reason = "the second-order form's signature is the contract's")]
pub fn softplus_jvp_vjp<F: Real>(x: F, dx: F) -> ((F, F), impl FnOnce((F, F)) -> (F, F)) {
    let one = F::from_f64(1.0);
    let s = one / (one + (-x).exp());
    (softplus_jvp(x, dx), move |(y_bar, dy_bar): (F, F)| (y_bar * s + dy_bar * s * (one - s) * dx, dy_bar * s))
}

/// dot in forward mode: `(a·b, da·b + a·db)` over the shorter length.
pub fn dot_jvp<F: Real>(a: &[F], b: &[F], da: &[F], db: &[F]) -> (F, F) {
    (dot(a, b), dot(da, b) + dot(a, db))
}

/// [`dot_jvp`] and its pullback: `∂a = ȳ·b + ẏ̄·db`, `∂b = ȳ·a + ẏ̄·da`, `∂da = ẏ̄·b`, `∂db = ẏ̄·a`
/// (zero past the shorter length).
#[allow(clippy::type_complexity, reason = "the second-order form's signature is the contract's")]
pub fn dot_jvp_vjp<F: Real>(
    a: &[F],
    b: &[F],
    da: &[F],
    db: &[F],
) -> ((F, F), impl FnOnce((F, F)) -> (Vec<F>, Vec<F>, Vec<F>, Vec<F>) + use<F>) {
    let (a, b, da, db) = (a.to_vec(), b.to_vec(), da.to_vec(), db.to_vec());
    let value = dot_jvp(&a, &b, &da, &db);
    let pullback = move |(y_bar, dy_bar): (F, F)| {
        let zero = F::from_f64(0.0);
        let n = a.len().min(b.len());
        // Entries past the shorter vector take no part in the product.
        let within = |i: usize, v: &dyn Fn(usize) -> F| if i < n { v(i) } else { zero };
        let ga = (0..a.len()).map(|i| within(i, &|i| y_bar * b[i] + dy_bar * db[i])).collect();
        let gb = (0..b.len()).map(|i| within(i, &|i| y_bar * a[i] + dy_bar * da[i])).collect();
        let gda = (0..a.len()).map(|i| within(i, &|i| dy_bar * b[i])).collect();
        let gdb = (0..b.len()).map(|i| within(i, &|i| dy_bar * a[i])).collect();
        (ga, gb, gda, gdb)
    };
    (value, pullback)
}

/// log-sum-exp in forward mode: `(lse x, Σ pᵢ·dxᵢ)` with `p = softmax x`.
pub fn log_sum_exp_jvp<F: Real>(x: &[F], dx: &[F]) -> (F, F) {
    let value = log_sum_exp(x);
    (value, x.iter().zip(dx).map(|(&v, &d)| (v - value).exp() * d).sum())
}

/// [`log_sum_exp_jvp`] and its pullback: `∂xⱼ = ȳ·pⱼ + ẏ̄·pⱼ·(dxⱼ − Σ pᵢdxᵢ)`, `∂dxⱼ = ẏ̄·pⱼ`.
#[allow(clippy::type_complexity, reason = "the second-order form's signature is the contract's")]
pub fn log_sum_exp_jvp_vjp<F: Real>(x: &[F], dx: &[F]) -> ((F, F), impl FnOnce((F, F)) -> (Vec<F>, Vec<F>) + use<F>) {
    let (x, dx) = (x.to_vec(), dx.to_vec());
    let (value, tangent) = log_sum_exp_jvp(&x, &dx);
    let pullback = move |(y_bar, dy_bar): (F, F)| {
        let p: Vec<F> = x.iter().map(|&v| (v - value).exp()).collect();
        let gx = p.iter().zip(&dx).map(|(&pj, &dj)| y_bar * pj + dy_bar * pj * (dj - tangent)).collect();
        let gdx = p.iter().map(|&pj| dy_bar * pj).collect();
        (gx, gdx)
    };
    ((value, tangent), pullback)
}

/// softplus in forward mode twice (`x2`, `dx2` the second direction's tangents of `x`, `dx`):
/// `((sp x, σ·dx), (σ·x2, σ'·x2·dx + σ·dx2))` with `σ' = σ(1−σ)`.
pub fn softplus_jvp_jvp<F: Real>(x: F, dx: F, x2: F, dx2: F) -> ((F, F), (F, F)) {
    let one = F::from_f64(1.0);
    let s = one / (one + (-x).exp());
    let s1 = s * (one - s);
    (softplus_jvp(x, dx), (s * x2, s1 * x2 * dx + s * dx2))
}

/// [`softplus_jvp_jvp`] and its pullback (third order), with `σ'' = σ(1−σ)(1−2σ)`:
/// `∂x = ȳ·σ + ẏ̄·σ'·dx + ȳ₂·σ'·x2 + ẏ̄₂·(σ''·x2·dx + σ'·dx2)`, `∂dx = ẏ̄·σ + ẏ̄₂·σ'·x2`,
/// `∂x2 = ȳ₂·σ + ẏ̄₂·σ'·dx`, `∂dx2 = ẏ̄₂·σ`.
#[allow(clippy::type_complexity, reason = "the third-order form's signature is the contract's")]
pub fn softplus_jvp_jvp_vjp<F: Real>(
    x: F,
    dx: F,
    x2: F,
    dx2: F,
) -> (((F, F), (F, F)), impl FnOnce(((F, F), (F, F))) -> (F, F, F, F)) {
    let (one, two) = (F::from_f64(1.0), F::from_f64(2.0));
    let s = one / (one + (-x).exp());
    let s1 = s * (one - s);
    let s2 = s1 * (one - two * s);
    let pullback = move |((y_bar, dy_bar), (y2_bar, dy2_bar)): ((F, F), (F, F))| {
        (
            y_bar * s + dy_bar * s1 * dx + y2_bar * s1 * x2 + dy2_bar * (s2 * x2 * dx + s1 * dx2),
            dy_bar * s + dy2_bar * s1 * x2,
            y2_bar * s + dy2_bar * s1 * dx,
            dy2_bar * s,
        )
    };
    (softplus_jvp_jvp(x, dx, x2, dx2), pullback)
}

/// dot in forward mode twice: `((a·b, da·b + a·db), (a2·b + a·b2, da2·b + da·b2 + a2·db +
/// a·db2))` over the shorter length.
#[allow(clippy::too_many_arguments, reason = "the third-order form's signature: arguments, then tangents")]
pub fn dot_jvp_jvp<F: Real>(
    a: &[F],
    b: &[F],
    da: &[F],
    db: &[F],
    a2: &[F],
    b2: &[F],
    da2: &[F],
    db2: &[F],
) -> ((F, F), (F, F)) {
    let second = (dot(a2, b) + dot(a, b2), dot(da2, b) + dot(da, b2) + dot(a2, db) + dot(a, db2));
    (dot_jvp(a, b, da, db), second)
}

/// Eight gradients, of `a, b, da, db, a2, b2, da2, db2`.
type Eight<F> = (Vec<F>, Vec<F>, Vec<F>, Vec<F>, Vec<F>, Vec<F>, Vec<F>, Vec<F>);

/// [`dot_jvp_jvp`] and its pullback (third order): each argument's gradient sums, over the
/// products it takes part in, the product's adjoint times the other factor (zero past the
/// shorter length).
#[allow(clippy::too_many_arguments, clippy::type_complexity, reason = "the third-order form's signature")]
pub fn dot_jvp_jvp_vjp<F: Real>(
    a: &[F],
    b: &[F],
    da: &[F],
    db: &[F],
    a2: &[F],
    b2: &[F],
    da2: &[F],
    db2: &[F],
) -> (((F, F), (F, F)), impl FnOnce(((F, F), (F, F))) -> Eight<F> + use<F>) {
    let value = dot_jvp_jvp(a, b, da, db, a2, b2, da2, db2);
    let [a, b, da, db, a2, b2, da2, db2] = [a, b, da, db, a2, b2, da2, db2].map(<[F]>::to_vec);
    let pullback = move |((y, dy), (y2, dy2)): ((F, F), (F, F))| {
        let zero = F::from_f64(0.0);
        let n = a.len().min(b.len());
        // Σ adjoint·factor over the terms, at index i (zero past the shorter length).
        let grad = |len: usize, terms: &[(F, &Vec<F>)]| -> Vec<F> {
            (0..len)
                .map(|i| if i < n { terms.iter().fold(zero, |acc, &(w, f)| acc + w * f[i]) } else { zero })
                .collect()
        };
        (
            grad(a.len(), &[(y, &b), (dy, &db), (y2, &b2), (dy2, &db2)]),
            grad(b.len(), &[(y, &a), (dy, &da), (y2, &a2), (dy2, &da2)]),
            grad(a.len(), &[(dy, &b), (dy2, &b2)]),
            grad(b.len(), &[(dy, &a), (dy2, &a2)]),
            grad(a.len(), &[(y2, &b), (dy2, &db)]),
            grad(b.len(), &[(y2, &a), (dy2, &da)]),
            grad(a.len(), &[(dy2, &b)]),
            grad(b.len(), &[(dy2, &a)]),
        )
    };
    (value, pullback)
}

/// log-sum-exp in forward mode twice, with `p = softmax x`: the second direction's tangents
/// are `p·x2` and `p·dx2 + Σ pⱼ x2ⱼ dxⱼ − (p·x2)(p·dx)`.
pub fn log_sum_exp_jvp_jvp<F: Real>(x: &[F], dx: &[F], x2: &[F], dx2: &[F]) -> ((F, F), (F, F)) {
    let (value, tangent) = log_sum_exp_jvp(x, dx);
    let p: Vec<F> = x.iter().map(|&v| (v - value).exp()).collect();
    let dot3 = |u: &[F], v: &[F]| p.iter().zip(u).zip(v).map(|((&pj, &uj), &vj)| pj * uj * vj).sum::<F>();
    let (c, d) = (dot(&p, x2), dot(&p, dx));
    ((value, tangent), (c, dot(&p, dx2) + dot3(x2, dx) - c * d))
}

/// [`log_sum_exp_jvp_jvp`] and its pullback (third order), with `A = p·dx2`, `B = Σ pⱼx2ⱼdxⱼ`,
/// `C = p·x2`, `D = p·dx`: `∂xₖ = pₖ(ȳ + ẏ̄(dxₖ − D) + ȳ₂(x2ₖ − C) + ẏ̄₂(dx2ₖ − A + x2ₖdxₖ − B −
/// (x2ₖ − C)D − C(dxₖ − D)))`, `∂dxₖ = pₖ(ẏ̄ + ẏ̄₂(x2ₖ − C))`, `∂x2ₖ = pₖ(ȳ₂ + ẏ̄₂(dxₖ − D))`,
/// `∂dx2ₖ = pₖẏ̄₂`.
#[allow(clippy::type_complexity, reason = "the third-order form's signature is the contract's")]
pub fn log_sum_exp_jvp_jvp_vjp<F: Real>(
    x: &[F],
    dx: &[F],
    x2: &[F],
    dx2: &[F],
) -> (((F, F), (F, F)), impl FnOnce(((F, F), (F, F))) -> (Vec<F>, Vec<F>, Vec<F>, Vec<F>) + use<F>) {
    let value = log_sum_exp_jvp_jvp(x, dx, x2, dx2);
    let lse = value.0.0;
    let p: Vec<F> = x.iter().map(|&v| (v - lse).exp()).collect();
    let (dx, x2, dx2) = (dx.to_vec(), x2.to_vec(), dx2.to_vec());
    let pullback = move |((y, dy), (y2, dy2)): ((F, F), (F, F))| {
        let (a, c, d) = (dot(&p, &dx2), dot(&p, &x2), dot(&p, &dx));
        let b = p.iter().zip(&x2).zip(&dx).map(|((&pj, &uj), &vj)| pj * uj * vj).sum::<F>();
        let k = 0..p.len();
        let gx = k
            .clone()
            .map(|k| {
                let third = dx2[k] - a + x2[k] * dx[k] - b - (x2[k] - c) * d - c * (dx[k] - d);
                p[k] * (y + dy * (dx[k] - d) + y2 * (x2[k] - c) + dy2 * third)
            })
            .collect();
        let gdx = k.clone().map(|k| p[k] * (dy + dy2 * (x2[k] - c))).collect();
        let gx2 = k.clone().map(|k| p[k] * (y2 + dy2 * (dx[k] - d))).collect();
        let gdx2 = k.map(|k| p[k] * dy2).collect();
        (gx, gdx, gx2, gdx2)
    };
    (value, pullback)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pullbacks_match_finite_differences() {
        let h = 1e-6;
        for x in [-30.0, -1.3, 0.0, 0.7, 40.0] {
            let fd = (softplus(x + h) - softplus(x - h)) / (2.0 * h);
            assert!((softplus_vjp(x).1(1.0) - fd).abs() < 1e-8, "softplus'({x})");
        }
        let (a, b) = ([0.5, -1.0, 2.0], [1.5, 0.25]);
        let (value, pullback) = dot_vjp(&a, &b);
        assert_eq!(value, 0.5 * 1.5 - 0.25);
        assert_eq!(pullback(2.0), (vec![3.0, 0.5, 0.0], vec![1.0, -2.0]));
        let x = [0.3, -1.2, 2.5];
        let g = log_sum_exp_vjp(&x).1(1.0);
        for i in 0..3 {
            let mut p = x;
            p[i] += h;
            let mut q = x;
            q[i] -= h;
            assert!((g[i] - (log_sum_exp(&p) - log_sum_exp(&q)) / (2.0 * h)).abs() < 1e-8);
        }
    }

    /// Central differences of `f` along `dir` at `z`.
    fn along(f: &dyn Fn(&[f64]) -> [f64; 4], k: usize, z: &[f64], dir: &[f64]) -> f64 {
        let h = 1e-6;
        let at = |s: f64| f(&z.iter().zip(dir).map(|(a, d)| a + s * h * d).collect::<Vec<_>>())[k];
        (at(1.0) - at(-1.0)) / (2.0 * h)
    }

    /// The pullback of a third-order form at a point, given an adjoint of `[y, dy, y2, dy2]`.
    type ThirdPullback<'a> = dyn Fn(&[f64], [f64; 4]) -> Vec<f64> + 'a;

    /// A helper's third-order forms on `z`, its arguments, their tangents, their second
    /// tangents and those tangents' tangents flattened (four groups of equal length): `value`
    /// gives `[y, dy, y2, dy2]`, `gradient` the pullback's result at an adjoint, flattened the
    /// same way. The second tangents must be the derivatives of `y` and `dy` along the third
    /// and fourth groups, the gradient that of the adjoint times the value.
    fn check_third(name: &str, value: &dyn Fn(&[f64]) -> [f64; 4], gradient: &ThirdPullback<'_>) {
        let z: Vec<f64> = (0..8).map(|i| 0.3 + 0.7 * f64::from(i).sin()).collect();
        let q = z.len() / 4;
        let mut dir = vec![0.0; z.len()];
        dir[..2 * q].copy_from_slice(&z[2 * q..]);
        let v = value(&z);
        assert!((v[2] - along(value, 0, &z, &dir)).abs() < 1e-8, "{name}: y2");
        assert!((v[3] - along(value, 1, &z, &dir)).abs() < 1e-8, "{name}: dy2");
        let w = [0.7, -1.1, 0.4, 1.3];
        let total = |p: &[f64]| {
            let v = value(p);
            [v.iter().zip(&w).map(|(v, w)| v * w).sum(), 0.0, 0.0, 0.0]
        };
        for (i, &g) in gradient(&z, w).iter().enumerate() {
            let e: Vec<f64> = (0..z.len()).map(|j| if j == i { 1.0 } else { 0.0 }).collect();
            let want = along(&total, 0, &z, &e);
            assert!((g - want).abs() < 1e-8, "{name}: gradient entry {i}: {g}, differences {want}");
        }
    }

    fn adjoint(w: [f64; 4]) -> ((f64, f64), (f64, f64)) {
        ((w[0], w[1]), (w[2], w[3]))
    }

    #[test]
    fn third_order_forms_match_finite_differences() {
        let flat = |((y, dy), (y2, dy2)): ((f64, f64), (f64, f64))| [y, dy, y2, dy2];
        check_third("softplus", &|z| flat(softplus_jvp_jvp(z[0], z[2], z[4], z[6])), &|z, w| {
            let g = softplus_jvp_jvp_vjp(z[0], z[2], z[4], z[6]).1(adjoint(w));
            vec![g.0, 0.0, g.1, 0.0, g.2, 0.0, g.3, 0.0]
        });
        // dot of one-element slices over two groups: a, b, da, db, a2, b2, da2, db2.
        let eight = |z: &[f64]| -> [Vec<f64>; 8] { std::array::from_fn(|i| vec![z[i]]) };
        check_third(
            "dot",
            &|z| {
                let [a, b, da, db, a2, b2, da2, db2] = eight(z);
                flat(dot_jvp_jvp(&a, &b, &da, &db, &a2, &b2, &da2, &db2))
            },
            &|z, w| {
                let [a, b, da, db, a2, b2, da2, db2] = eight(z);
                let g = dot_jvp_jvp_vjp(&a, &b, &da, &db, &a2, &b2, &da2, &db2).1(adjoint(w));
                [g.0, g.1, g.2, g.3, g.4, g.5, g.6, g.7].concat()
            },
        );
        check_third("log_sum_exp", &|z| flat(log_sum_exp_jvp_jvp(&z[0..2], &z[2..4], &z[4..6], &z[6..8])), &|z, w| {
            let g = log_sum_exp_jvp_jvp_vjp(&z[0..2], &z[2..4], &z[4..6], &z[6..8]).1(adjoint(w));
            [g.0, g.1, g.2, g.3].concat()
        });
    }
}
