//! Scalar functions with generated and hand-written gradients.

use backprop::differentiable;

/// Rosenbrock's banana function.
#[differentiable]
pub fn rosenbrock(x: f64, y: f64) -> f64 {
    let a = 1.0 - x;
    let b = y - x * x;
    a * a + 100.0 * b * b
}

/// Hand-written gradient of [`rosenbrock`].
pub fn rosenbrock_hand(x: f64, y: f64) -> (f64, (f64, f64)) {
    let a = 1.0 - x;
    let b = y - x * x;
    let value = a * a + 100.0 * b * b;
    let db = 200.0 * b;
    (value, (-2.0 * a - 2.0 * x * db, db))
}

/// 50 operations of straight-line code: products, sums and transcendental functions.
#[differentiable]
pub fn straight50(x: f64, y: f64, z: f64) -> f64 {
    let a = x * y + z;
    let b = a.sin() * x - y;
    let c = b * b + a * z;
    let d = c.exp() / (1.0 + y * y);
    let e = d * x + c * y - b * z;
    let f = e.tanh() + a.cos() * b;
    let g = f * f - e * d + x;
    let h = (g * g + 1.0).sqrt().ln_1p() * y + z * a;
    let i = h * c - f * g + d * e;
    let j = (i * 0.001).atan() + h * b - a;
    let k = j * j + i * x - g * z;
    let l = k / (2.0 + c * c) + j.sin();
    l * y + k * 0.5 - h
}

/// Hand-written gradient of [`straight50`].
pub fn straight50_hand(x: f64, y: f64, z: f64) -> (f64, (f64, f64, f64)) {
    let a = x * y + z;
    let sa = a.sin();
    let b = sa * x - y;
    let c = b * b + a * z;
    let ec = c.exp();
    let q = 1.0 + y * y;
    let d = ec / q;
    let e = d * x + c * y - b * z;
    let te = e.tanh();
    let ca = a.cos();
    let f = te + ca * b;
    let g = f * f - e * d + x;
    let sg = (g * g + 1.0).sqrt();
    let lg = sg.ln_1p();
    let h = lg * y + z * a;
    let i = h * c - f * g + d * e;
    let i3 = i * 0.001;
    let j = i3.atan() + h * b - a;
    let k = j * j + i * x - g * z;
    let r = 2.0 + c * c;
    let l = k / r + j.sin();
    let value = l * y + k * 0.5 - h;
    // reverse
    let dl = y;
    let mut dy = l;
    let dk = 0.5 + dl / r;
    let mut dh = -1.0;
    let mut dj = dl * j.cos();
    let mut dc = -dl * k / (r * r) * 2.0 * c;
    dj += dk * 2.0 * j;
    let mut di = dk * x;
    let mut dx = dk * i;
    let mut dg = -dk * z;
    let mut dz = -dk * g;
    di += dj * 0.001 / (1.0 + i3 * i3);
    dh += dj * b;
    let mut db = dj * h;
    let mut da = -dj;
    dh += di * c;
    dc += di * h;
    let mut df = -di * g;
    dg -= di * f;
    let mut dd = di * e;
    let mut de = di * d;
    let dlg = dh * y;
    dy += dh * lg;
    dz += dh * a;
    da += dh * z;
    dg += dlg / (1.0 + sg) * g / sg;
    df += dg * 2.0 * f;
    de -= dg * d;
    dd -= dg * e;
    dx += dg;
    de += df * (1.0 - te * te);
    da -= df * sa * b;
    db += df * ca;
    dd += de * x;
    dx += de * d;
    dc += de * y;
    dy += de * c;
    db -= de * z;
    dz -= de * b;
    dc += dd * d;
    dy -= dd * d / q * 2.0 * y;
    db += dc * 2.0 * b;
    da += dc * z;
    dz += dc * a;
    da += db * ca * x;
    dx += db * sa;
    dy -= db;
    dx += da * y;
    dy += da * x;
    dz += da;
    (value, (dx, dy, dz))
}

/// 20 iterations of a loop whose value is overwritten each time.
#[differentiable]
pub fn loop20(x: f64, c: f64) -> f64 {
    let mut v = x;
    for _ in 0..20 {
        v = v * v.sin() + c;
    }
    v
}

/// Hand-written gradient of [`loop20`]: the forward pass keeps `v` per iteration on the
/// stack, the reverse pass walks it back.
pub fn loop20_hand(x: f64, c: f64) -> (f64, (f64, f64)) {
    let mut vs = [0.0; 20];
    let mut v = x;
    for slot in vs.iter_mut() {
        *slot = v;
        v = v * v.sin() + c;
    }
    let (mut dv, mut dc) = (1.0, 0.0);
    for &u in vs.iter().rev() {
        dc += dv;
        dv *= u.sin() + u * u.cos();
    }
    (v, (dv, dc))
}

/// Logistic loss of a 3-feature linear model on one example.
#[differentiable]
pub fn logistic(w0: f64, w1: f64, w2: f64, b: f64) -> f64 {
    let (x0, x1, x2, label) = (0.5, -1.2, 2.0, 1.0);
    let z = w0 * x0 + w1 * x1 + w2 * x2 + b;
    let p = 1.0 / (1.0 + (-z).exp());
    -(label * p.ln() + (1.0 - label) * (1.0 - p).ln())
}

/// Hand-written gradient of [`logistic`].
pub fn logistic_hand(w0: f64, w1: f64, w2: f64, b: f64) -> (f64, (f64, f64, f64, f64)) {
    let (x0, x1, x2, label) = (0.5, -1.2, 2.0, 1.0);
    let z = w0 * x0 + w1 * x1 + w2 * x2 + b;
    let p = 1.0 / (1.0 + (-z).exp());
    let value = -(label * p.ln() + (1.0 - label) * (1.0 - p).ln());
    let dz = p - label;
    (value, (dz * x0, dz * x1, dz * x2, dz))
}

/// A piecewise function with powers, a square root and branches on active values.
#[differentiable]
pub fn piecewise(x: f64, y: f64) -> f64 {
    let r = (x * x + y * y).sqrt();
    if r < 1.0 {
        r.powi(3) - 2.0 * x * y
    } else if x > y {
        x.powi(2) / r + y.exp()
    } else {
        (r - 1.0).mul_add(y, x.cos())
    }
}

/// Hand-written gradient of [`piecewise`].
pub fn piecewise_hand(x: f64, y: f64) -> (f64, (f64, f64)) {
    let r = (x * x + y * y).sqrt();
    let (rx, ry) = (x / r, y / r);
    if r < 1.0 {
        let v = r.powi(3) - 2.0 * x * y;
        let dr = 3.0 * r * r;
        (v, (dr * rx - 2.0 * y, dr * ry - 2.0 * x))
    } else if x > y {
        let ey = y.exp();
        let v = x * x / r + ey;
        let dr = -x * x / (r * r);
        (v, (2.0 * x / r + dr * rx, dr * ry + ey))
    } else {
        let v = (r - 1.0).mul_add(y, x.cos());
        (v, (y * rx - x.sin(), y * ry + (r - 1.0)))
    }
}

/// The extended Rosenbrock function of `n` variables, `Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²`: a
/// tridiagonal Hessian, for the dense-Hessian benchmark (`hessian` from `_hvp` against
/// [`extended_rosenbrock_hessian_hand`]).
#[differentiable]
pub fn extended_rosenbrock(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() - 1 {
        let a = x[i + 1] - x[i] * x[i];
        let b = 1.0 - x[i];
        s += 100.0 * a * a + b * b;
    }
    s
}

/// Hand-written dense Hessian of [`extended_rosenbrock`], row-major `n × n`.
pub fn extended_rosenbrock_hessian_hand(x: &[f64]) -> Vec<f64> {
    let n = x.len();
    let mut h = vec![0.0; n * n];
    for i in 0..n - 1 {
        let a = x[i + 1] - x[i] * x[i];
        // 100a² + b²: ∂²/∂xᵢ² = 1200xᵢ² − 400xᵢ₊₁ + 2, ∂²/∂xᵢ∂xᵢ₊₁ = −400xᵢ, ∂²/∂xᵢ₊₁² = 200.
        h[i * n + i] += 800.0 * x[i] * x[i] - 400.0 * a + 2.0;
        h[i * n + i + 1] -= 400.0 * x[i];
        h[(i + 1) * n + i] -= 400.0 * x[i];
        h[(i + 1) * n + i + 1] += 200.0;
    }
    h
}
