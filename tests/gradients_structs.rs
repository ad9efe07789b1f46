//! Structs with `#[derive(Differentiable)]`: float, `Vec`, array and nested-struct fields, integer
//! and `bool` fields copied into the gradient, field reads `m.w[i]` and `m.layer.b[j]`, methods on
//! `&self`, `&m.layer` passed to another function, a `Vec` of structs. Structs built and returned
//! are in tests/gradients_outputs.rs, the 4-3-2 networks in tests/gradients_matrices.rs.
//!
//! Each function's comment gives it with its hand-derived derivative (or, for the networks, the
//! structure of the backward pass, which the test writes out by hand); each test checks the
//! generated gradient against it and against central differences over every float leaf.
#![allow(clippy::needless_range_loop, reason = "index loops are what these tests differentiate")]

mod common;
use backprop::{Differentiable, differentiable, flatten};
use common::*;

#[derive(Differentiable, Clone, Debug, PartialEq)]
struct Point {
    x: f64,
    y: f64,
}

#[derive(Differentiable, Clone, Debug, PartialEq)]
struct Affine {
    w: Vec<f64>,
    b: f64,
    n: usize,
    squash: bool,
}

#[derive(Differentiable, Clone, Debug, PartialEq)]
struct Dense {
    w: Vec<f64>,
    b: Vec<f64>,
    n_in: usize,
}

#[derive(Differentiable, Clone, Debug, PartialEq)]
struct Net {
    layer: Dense,
    head: Vec<f64>,
    scale: f64,
    id: u32,
    train: bool,
}

/// A 3-input, 2-output layer followed by a 2-entry head; `id` and `train` are passengers.
fn sample_net(shift: f64) -> Net {
    Net {
        layer: Dense { w: vec![0.4, -0.3, 0.8, -0.6, 0.2 + shift, 0.5], b: vec![0.1, -0.2 * shift], n_in: 3 },
        head: vec![1.5, -0.7 + shift],
        scale: 0.9 - shift,
        id: 42,
        train: true,
    }
}

// ---------------------------------------------------------------------------------------------
// Float fields
// ---------------------------------------------------------------------------------------------

// d(p, q) = (pₓ − qₓ)² + (p_y − q_y)²;  ∂d/∂p = 2(p − q), ∂d/∂q = −2(p − q)
#[differentiable]
fn squared_distance(p: &Point, q: &Point) -> f64 {
    let dx = p.x - q.x;
    let dy = p.y - q.y;
    dx * dx + dy * dy
}

#[test]
fn struct_gradients_are_structs_of_the_same_type() {
    for (p, q) in
        [(Point { x: 0.3, y: -1.2 }, Point { x: 2.5, y: 0.8 }), (Point { x: -1.0, y: 2.0 }, Point { x: 0.5, y: 0.5 })]
    {
        let (v, (gp, gq)) = squared_distance_grad(&p, &q);
        assert_eq!(v, squared_distance(&p, &q));
        let (dx, dy) = (p.x - q.x, p.y - q.y);
        let hand = [2.0 * dx, 2.0 * dy, -2.0 * dx, -2.0 * dy];
        let got = [flatten(&gp), flatten(&gq)].concat();
        assert_grad_close(&got, &hand, EXACT64);
        let numeric = [fd_leaves(|p| squared_distance(p, &q), &p), fd_leaves(|q| squared_distance(&p, q), &q)].concat();
        assert_grad_close(&got, &numeric, FD_TOL64);
    }
}

// f(p) = pₓ·e^(p_y), p taken by value;  ∂f/∂pₓ = e^(p_y), ∂f/∂p_y = pₓe^(p_y)
#[differentiable]
fn point_by_value(p: Point) -> f64 {
    p.x * p.y.exp()
}

#[test]
fn struct_taken_by_value_gets_a_struct_gradient() {
    for p in [Point { x: 0.3, y: -1.2 }, Point { x: -2.0, y: 0.7 }] {
        let (v, g) = point_by_value_grad(p.clone());
        assert_eq!(v, point_by_value(p.clone()));
        let hand = Point { x: p.y.exp(), y: p.x * p.y.exp() };
        assert_grad_close(&flatten(&g), &flatten(&hand), EXACT64);
        assert_grad_close(&flatten(&g), &fd_leaves(|p| point_by_value(p.clone()), &p), FD_TOL64);
    }
}

// f(p) = pₓp_y + pₓ² + sin(pₓ + p_y): each field read several times;
// ∂f/∂pₓ = p_y + 2pₓ + cos(pₓ + p_y), ∂f/∂p_y = pₓ + cos(pₓ + p_y)
#[differentiable]
fn field_reused(p: &Point) -> f64 {
    p.x * p.y + p.x * p.x + (p.x + p.y).sin()
}

#[test]
fn field_read_several_times_sums_every_read() {
    for p in [Point { x: 0.3, y: -1.2 }, Point { x: -2.0, y: 0.7 }] {
        let (v, g) = field_reused_grad(&p);
        assert_eq!(v, field_reused(&p));
        let c = (p.x + p.y).cos();
        let hand = Point { x: p.y + 2.0 * p.x + c, y: p.x + c };
        assert_grad_close(&flatten(&g), &flatten(&hand), EXACT64);
        assert_grad_close(&flatten(&g), &fd_leaves(field_reused, &p), FD_TOL64);
    }
}

// spread(P) = Σᵢ ‖pᵢ − p̄‖² over an `&[Point]`, p̄ the mean;  ∂/∂pᵢ = 2(pᵢ − p̄)
// (the mean's own contribution is 2Σᵢ(pᵢ − p̄)·∂p̄ = 0)
#[differentiable]
fn spread(pts: &[Point]) -> f64 {
    let n = pts.len() as f64;
    let mut mx = 0.0;
    let mut my = 0.0;
    for i in 0..pts.len() {
        mx += pts[i].x / n;
        my += pts[i].y / n;
    }
    let mut s = 0.0;
    for i in 0..pts.len() {
        let dx = pts[i].x - mx;
        let dy = pts[i].y - my;
        s += dx * dx + dy * dy;
    }
    s
}

#[test]
fn slice_of_structs_gets_a_vec_of_struct_gradients() {
    for pts in [
        vec![Point { x: 0.3, y: -1.2 }, Point { x: 2.5, y: 0.8 }, Point { x: -1.0, y: 0.1 }],
        vec![Point { x: 1.0, y: 2.0 }, Point { x: -0.5, y: 0.5 }],
    ] {
        let (v, g) = spread_grad(&pts);
        assert_eq!(v, spread(&pts));
        assert_eq!(g.len(), pts.len());
        let n = pts.len() as f64;
        let (mx, my) = (pts.iter().map(|p| p.x).sum::<f64>() / n, pts.iter().map(|p| p.y).sum::<f64>() / n);
        let hand: Vec<Point> = pts.iter().map(|p| Point { x: 2.0 * (p.x - mx), y: 2.0 * (p.y - my) }).collect();
        assert_grad_close(&flatten(&g), &flatten(&hand), EXACT64);
        assert_grad_close(&flatten(&g), &fd_leaves(|p: &Vec<Point>| spread(p), &pts), FD_TOL64);
    }
}

// ---------------------------------------------------------------------------------------------
// Vec, array, integer and bool fields
// ---------------------------------------------------------------------------------------------

// f(a, x) = g(b + Σ_{i<n} wᵢxᵢ) with g = tanh when `squash`, else the identity; n and squash are
// an integer and a bool field. With s the argument and g' = 1 − tanh² s or 1:
// ∂f/∂wᵢ = g'·xᵢ for i < n and 0 beyond, ∂f/∂b = g', ∂f/∂xᵢ = g'·wᵢ for i < n
#[differentiable]
fn affine_eval(a: &Affine, x: &[f64]) -> f64 {
    let mut s = a.b;
    for i in 0..a.n {
        s += a.w[i] * x[i];
    }
    if a.squash { s.tanh() } else { s }
}

#[test]
fn integer_and_bool_fields_are_copied_into_the_gradient() {
    let x = [0.7, -1.1, 2.0];
    for squash in [true, false] {
        for a in [
            Affine { w: vec![0.5, -0.25, 3.0], b: 0.1, n: 2, squash },
            Affine { w: vec![-1.0, 0.6, 0.4], b: -0.3, n: 3, squash },
        ] {
            let (v, (ga, gx)) = affine_eval_grad(&a, &x);
            assert_eq!(v, affine_eval(&a, &x));
            assert_eq!((ga.n, ga.squash), (a.n, a.squash), "integer and bool fields are copied");
            let s = a.b + (0..a.n).map(|i| a.w[i] * x[i]).sum::<f64>();
            let dg = if squash { 1.0 - s.tanh().powi(2) } else { 1.0 };
            let wanted_w = (0..3).map(|i| if i < a.n { dg * x[i] } else { 0.0 }).collect();
            let wanted_x = (0..3).map(|i| if i < a.n { dg * a.w[i] } else { 0.0 }).collect();
            let hand = Affine { w: wanted_w, b: dg, n: a.n, squash };
            let got = [flatten(&ga), gx].concat();
            assert_grad_close(&got, &[flatten(&hand), wanted_x].concat(), EXACT64);
            let numeric = [fd_leaves(|a| affine_eval(a, &x), &a), fd_grad(|x| affine_eval(&a, x), &x)].concat();
            assert_grad_close(&got, &numeric, FD_TOL64);
        }
    }
}

#[derive(Differentiable, Clone, Debug, PartialEq)]
struct Poly {
    c: [f64; 3],
}

impl Poly {
    // p(t) = c₀ + c₁t + c₂t², a method on `&self` with an array field;
    // ∂p/∂c = [1, t, t²], ∂p/∂t = c₁ + 2c₂t
    #[differentiable]
    fn eval(&self, t: f64) -> f64 {
        self.c[0] + self.c[1] * t + self.c[2] * t * t
    }
}

#[test]
fn method_on_self_differentiates_self_first() {
    let poly = Poly { c: [0.5, -1.5, 2.0] };
    for t in [-0.8, 0.3, 1.7] {
        let (v, (gp, gt)) = poly.eval_grad(t);
        assert_eq!(v, poly.eval(t));
        let got = [flatten(&gp), vec![gt]].concat();
        let hand = [1.0, t, t * t, poly.c[1] + 2.0 * poly.c[2] * t];
        assert_grad_close(&got, &hand, EXACT64);
        let numeric = [fd_leaves(|p: &Poly| p.eval(t), &poly), vec![fd(|t| poly.eval(t), t)]].concat();
        assert_grad_close(&got, &numeric, FD_TOL64);
    }
}

#[derive(Differentiable, Clone, Debug, PartialEq)]
struct Gauss32 {
    mu: f32,
    log_sigma: f32,
    dims: i32,
}

// f32: L(g, x) = Σᵢ (zᵢ²/2 + log σ) + (dims/2)·ln 2π, zᵢ = (xᵢ − μ)/σ, σ = e^(log σ), with the
// integer field read as `g.dims as f32` (a constant);
// ∂L/∂μ = −Σᵢ zᵢ/σ, ∂L/∂log σ = n − Σᵢ zᵢ², ∂L/∂xᵢ = zᵢ/σ, dims copied
#[differentiable]
fn gauss_nll32(g: &Gauss32, x: &[f32]) -> f32 {
    let sigma = g.log_sigma.exp();
    let mut total = 0.5 * g.dims as f32 * (2.0 * std::f32::consts::PI).ln();
    for &v in x {
        let z = (v - g.mu) / sigma;
        total += 0.5 * z * z + g.log_sigma;
    }
    total
}

#[test]
fn f32_struct_gradient_with_an_integer_field() {
    let x = [0.3f32, -1.2, 2.5, 0.8];
    for g in [Gauss32 { mu: 0.2, log_sigma: 0.1, dims: 4 }, Gauss32 { mu: -0.5, log_sigma: 0.6, dims: 1 }] {
        let (v, (gg, gx)) = gauss_nll32_grad(&g, &x);
        assert_eq!(v, gauss_nll32(&g, &x));
        assert_eq!(gg.dims, g.dims);
        let sigma = g.log_sigma.exp();
        let z: Vec<f32> = x.iter().map(|v| (v - g.mu) / sigma).collect();
        let hand_mu = -z.iter().sum::<f32>() / sigma;
        let hand_ls = x.len() as f32 - z.iter().map(|z| z * z).sum::<f32>();
        assert_rel32(gg.mu, hand_mu, EXACT32, "hand-derived ∂μ");
        assert_rel32(gg.log_sigma, hand_ls, EXACT32, "hand-derived ∂log σ");
        for i in 0..x.len() {
            assert_rel32(gx[i], z[i] / sigma, EXACT32, &format!("hand-derived ∂x{i}"));
        }
        let numeric = fd32_leaves(|g| gauss_nll32(g, &x), &g);
        assert_rel32(gg.mu, numeric[0] as f32, FD_TOL32, "finite differences ∂μ");
        assert_rel32(gg.log_sigma, numeric[1] as f32, FD_TOL32, "finite differences ∂log σ");
        let numeric_x = fd32_grad(|x| gauss_nll32(&g, x), &x);
        for i in 0..x.len() {
            assert_rel32(gx[i], numeric_x[i], FD_TOL32, &format!("finite differences ∂x{i}"));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Nested structs: field paths, `&m.layer` passed on, methods
// ---------------------------------------------------------------------------------------------

// hⱼ = tanh(bⱼ + Σᵢ W[j][i]xᵢ) for a `Dense` layer (W flat, row-major, n_in columns);
// ∂hⱼ/∂W[j][i] = (1 − hⱼ²)xᵢ, ∂hⱼ/∂bⱼ = 1 − hⱼ², ∂hⱼ/∂xᵢ = (1 − hⱼ²)W[j][i]
#[differentiable]
fn dense_tanh(l: &Dense, x: &[f64]) -> Vec<f64> {
    let mut h = vec![0.0; l.b.len()];
    for j in 0..l.b.len() {
        let mut s = l.b[j];
        for i in 0..l.n_in {
            s += l.w[j * l.n_in + i] * x[i];
        }
        h[j] = s.tanh();
    }
    h
}

impl Dense {
    // The same layer as `dense_tanh`, as a method on `&self`.
    #[differentiable]
    fn apply(&self, x: &[f64]) -> Vec<f64> {
        let mut h = vec![0.0; self.b.len()];
        for j in 0..self.b.len() {
            let mut s = self.b[j];
            for i in 0..self.n_in {
                s += self.w[j * self.n_in + i] * x[i];
            }
            h[j] = s.tanh();
        }
        h
    }

    // ‖W‖² + ‖b‖²;  ∂/∂W = 2W, ∂/∂b = 2b
    #[differentiable]
    fn weight_norm(&self) -> f64 {
        let ww: f64 = self.w.iter().map(|v| v * v).sum();
        let bb: f64 = self.b.iter().map(|v| v * v).sum();
        ww + bb
    }
}

// score(m, x) = scale·Σⱼ headⱼ·hⱼ, hⱼ = tanh(m.layer.b[j] + Σᵢ m.layer.w[j·n + i]·xᵢ), reading the
// nested fields in place. With δⱼ = scale·headⱼ(1 − hⱼ²): ∂W[j][i] = δⱼxᵢ, ∂bⱼ = δⱼ,
// ∂headⱼ = scale·hⱼ, ∂scale = Σⱼ headⱼhⱼ, ∂xᵢ = Σⱼ δⱼW[j][i]
#[differentiable]
fn net_score_inline(m: &Net, x: &[f64]) -> f64 {
    let mut out = 0.0;
    for j in 0..m.layer.b.len() {
        let mut s = m.layer.b[j];
        for i in 0..m.layer.n_in {
            s += m.layer.w[j * m.layer.n_in + i] * x[i];
        }
        out += m.head[j] * s.tanh();
    }
    m.scale * out
}

// The same score with the layer computed by `dense_tanh(&m.layer, x)`: the same gradient
#[differentiable]
fn net_score_via_call(m: &Net, x: &[f64]) -> f64 {
    let h = dense_tanh(&m.layer, x);
    let mut out = 0.0;
    for j in 0..h.len() {
        out += m.head[j] * h[j];
    }
    m.scale * out
}

// The same score with the layer computed by the method `m.layer.apply(x)`: the same gradient
#[differentiable]
fn net_score_via_method(m: &Net, x: &[f64]) -> f64 {
    let h = m.layer.apply(x);
    let mut out = 0.0;
    for j in 0..h.len() {
        out += m.head[j] * h[j];
    }
    m.scale * out
}

/// The hand-derived gradient of the score (see `net_score_inline`), flattened as `(Net, x)`.
fn net_score_hand(m: &Net, x: &[f64]) -> Vec<f64> {
    let n = m.layer.n_in;
    let h: Vec<f64> =
        (0..2).map(|j| (m.layer.b[j] + (0..n).map(|i| m.layer.w[j * n + i] * x[i]).sum::<f64>()).tanh()).collect();
    let delta: Vec<f64> = (0..2).map(|j| m.scale * m.head[j] * (1.0 - h[j] * h[j])).collect();
    let grad = Net {
        layer: Dense { w: (0..2 * n).map(|k| delta[k / n] * x[k % n]).collect(), b: delta.clone(), n_in: n },
        head: h.iter().map(|h| m.scale * h).collect(),
        scale: m.head[0] * h[0] + m.head[1] * h[1],
        id: m.id,
        train: m.train,
    };
    let dx = (0..n).map(|i| (0..2).map(|j| delta[j] * m.layer.w[j * n + i]).sum()).collect();
    [flatten(&grad), dx].concat()
}

#[test]
fn nested_field_reads_and_the_layer_passed_to_a_function_or_method_agree() {
    type Grad = fn(&Net, &[f64]) -> (f64, (Net, Vec<f64>));
    type Plain = fn(&Net, &[f64]) -> f64;
    let variants: [(&str, Grad, Plain); 3] = [
        ("inline field reads", net_score_inline_grad, net_score_inline),
        ("&m.layer passed to a function", net_score_via_call_grad, net_score_via_call),
        ("m.layer.apply(x)", net_score_via_method_grad, net_score_via_method),
    ];
    for (m, x) in [(sample_net(0.0), [0.7, -1.1, 2.0]), (sample_net(0.4), [-0.3, 0.5, 1.2])] {
        let hand = net_score_hand(&m, &x);
        for (name, grad, plain) in variants {
            let (v, (gm, gx)) = grad(&m, &x);
            assert_eq!(v, plain(&m, &x), "{name}: value");
            assert_eq!((gm.id, gm.train, gm.layer.n_in), (m.id, m.train, m.layer.n_in), "{name}: copied fields");
            let got = [flatten(&gm), gx].concat();
            assert_grad_close(&got, &hand, EXACT64);
            let numeric = [fd_leaves(|m| plain(m, &x), &m), fd_grad(|x| plain(&m, x), &x)].concat();
            assert_grad_close(&got, &numeric, FD_TOL64);
        }
    }
}

impl Net {
    // penalty = scale² + self.layer.weight_norm(), a method calling a method of a field;
    // ∂scale = 2·scale, ∂layer.w = 2W, ∂layer.b = 2b, ∂head = 0
    #[differentiable]
    fn penalty(&self) -> f64 {
        self.scale * self.scale + self.layer.weight_norm()
    }
}

#[test]
fn method_calling_a_method_of_a_nested_field() {
    for m in [sample_net(0.0), sample_net(-0.6)] {
        let (v, g) = m.penalty_grad();
        assert_eq!(v, m.penalty());
        let hand = Net {
            layer: Dense {
                w: m.layer.w.iter().map(|w| 2.0 * w).collect(),
                b: m.layer.b.iter().map(|b| 2.0 * b).collect(),
                n_in: m.layer.n_in,
            },
            head: vec![0.0; m.head.len()],
            scale: 2.0 * m.scale,
            id: m.id,
            train: m.train,
        };
        assert_eq!((g.id, g.train, g.layer.n_in), (m.id, m.train, m.layer.n_in), "copied fields");
        assert_grad_close(&flatten(&g), &flatten(&hand), EXACT64);
        assert_grad_close(&flatten(&g), &fd_leaves(Net::penalty, &m), FD_TOL64);
    }
}

// ---------------------------------------------------------------------------------------------
// More field paths: a cloned field, fields passed to a function, a slice of structs walked by
// `.iter()`, three levels of nesting
// ---------------------------------------------------------------------------------------------

// f(m) = Σᵢ wᵢ² after w = m.w.clone() and w₀ *= m.b[0];
// ∂f/∂w₀ = 2w₀b₀², ∂f/∂wᵢ = 2wᵢ (i > 0), ∂f/∂b₀ = 2w₀²b₀, other b entries 0
#[differentiable]
fn cloned_field_written(m: &Dense) -> f64 {
    let mut w = m.w.clone();
    w[0] *= m.b[0];
    w.iter().map(|v| v * v).sum()
}

#[test]
fn cloned_field_buffer_sends_its_gradient_to_the_field() {
    for m in [sample_net(0.0).layer, sample_net(0.7).layer] {
        let (v, g) = cloned_field_written_grad(&m);
        assert_eq!(v, cloned_field_written(&m));
        let (w0, b0) = (m.w[0], m.b[0]);
        let mut hand = Dense { w: m.w.iter().map(|w| 2.0 * w).collect(), b: vec![0.0; m.b.len()], n_in: m.n_in };
        hand.w[0] = 2.0 * w0 * b0 * b0;
        hand.b[0] = 2.0 * w0 * w0 * b0;
        assert_eq!(g.n_in, m.n_in);
        assert_grad_close(&flatten(&g), &flatten(&hand), EXACT64);
        assert_grad_close(&flatten(&g), &fd_leaves(cloned_field_written, &m), FD_TOL64);
    }
}

// dot(x, y) = Σ xᵢyᵢ;  ∂/∂x = y, ∂/∂y = x
#[differentiable]
fn dot(x: &[f64], y: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        s += x[i] * y[i];
    }
    s
}

// f(m, x) = dot(&m.w, x) + dot(&m.b, &m.b): `Vec` fields passed as slices, one of them twice;
// ∂f/∂w = x, ∂f/∂b = 2b, ∂f/∂x = w
#[differentiable]
fn fields_passed_to_calls(m: &Dense, x: &[f64]) -> f64 {
    dot(&m.w, x) + dot(&m.b, &m.b)
}

#[test]
fn field_passed_twice_to_a_call_gets_both_contributions() {
    let x = [0.7, -1.1, 2.0, 0.3, 0.4, -0.5];
    for m in [sample_net(0.0).layer, sample_net(-0.4).layer] {
        let (v, (gm, gx)) = fields_passed_to_calls_grad(&m, &x);
        assert_eq!(v, fields_passed_to_calls(&m, &x));
        let hand = Dense { w: x.to_vec(), b: m.b.iter().map(|b| 2.0 * b).collect(), n_in: m.n_in };
        let got = [flatten(&gm), gx].concat();
        assert_grad_close(&got, &[flatten(&hand), m.w.clone()].concat(), EXACT64);
        let numeric =
            [fd_leaves(|m| fields_passed_to_calls(m, &x), &m), fd_grad(|x| fields_passed_to_calls(&m, x), &x)].concat();
        assert_grad_close(&got, &numeric, FD_TOL64);
    }
}

// f(P) = Σ over `for p in pts.iter()` of pₓp_y;  ∂f/∂pᵢ = (p_y, pₓ) of the same point
#[differentiable]
fn iterated_points(pts: &[Point]) -> f64 {
    let mut s = 0.0;
    for p in pts.iter() {
        s += p.x * p.y;
    }
    s
}

#[test]
fn iterating_a_slice_of_structs_sends_each_its_own_gradient() {
    for pts in [vec![Point { x: 0.3, y: -1.2 }, Point { x: 2.0, y: 0.5 }], vec![Point { x: -1.5, y: 0.25 }]] {
        let (v, g) = iterated_points_grad(&pts);
        assert_eq!(v, iterated_points(&pts));
        let hand: Vec<Point> = pts.iter().map(|p| Point { x: p.y, y: p.x }).collect();
        assert_grad_close(&flatten(&g), &flatten(&hand), EXACT64);
        assert_grad_close(&flatten(&g), &fd_leaves(|p: &Vec<Point>| iterated_points(p), &pts), FD_TOL64);
    }
}

#[derive(Differentiable, Clone, Debug, PartialEq)]
struct Wrapped {
    net: Net,
    square: bool,
}

// s = m.net.scale + Σⱼ m.net.layer.b[j]·xⱼ (three levels of fields), f = s² if `square`, else s;
// with g' = 2s or 1: ∂scale = g', ∂bⱼ = g'xⱼ, ∂xⱼ = g'bⱼ, every other leaf 0, flags copied
#[differentiable]
fn three_levels_deep(m: &Wrapped, x: &[f64]) -> f64 {
    let mut s = m.net.scale;
    for j in 0..m.net.layer.b.len() {
        s += m.net.layer.b[j] * x[j];
    }
    if m.square { s * s } else { s }
}

#[test]
fn field_path_three_levels_deep() {
    for (x, shift, square) in [([0.7, -1.1], 0.3, true), ([-0.4, 1.6], -0.5, true), ([0.7, -1.1], 0.3, false)] {
        let m = Wrapped { net: sample_net(shift), square };
        let (v, (gm, gx)) = three_levels_deep_grad(&m, &x);
        assert_eq!(v, three_levels_deep(&m, &x));
        assert_eq!((gm.square, gm.net.id, gm.net.train), (square, m.net.id, m.net.train));
        let s = m.net.scale + m.net.layer.b[0] * x[0] + m.net.layer.b[1] * x[1];
        let dg = if square { 2.0 * s } else { 1.0 };
        let mut hand = m.clone();
        hand.net.layer.w = vec![0.0; 6];
        hand.net.layer.b = x.iter().map(|x| dg * x).collect();
        hand.net.head = vec![0.0; 2];
        hand.net.scale = dg;
        let got = [flatten(&gm), gx].concat();
        let hand_x = m.net.layer.b.iter().map(|b| dg * b).collect();
        assert_grad_close(&got, &[flatten(&hand), hand_x].concat(), EXACT64);
        let numeric = [fd_leaves(|m| three_levels_deep(m, &x), &m), fd_grad(|x| three_levels_deep(&m, x), &x)].concat();
        assert_grad_close(&got, &numeric, FD_TOL64);
    }
}

// ---------------------------------------------------------------------------------------------
// A struct holding a `Vec` of structs
// ---------------------------------------------------------------------------------------------

#[derive(Differentiable, Clone, Debug, PartialEq)]
struct Stack {
    layers: Vec<Dense>,
}

// out(m, x) = Σ of the last activations after h ← m.layers[k].apply(h) for each layer in turn
// (3 → 2 → 2). Backward: each layer as in `dense_tanh`, last to first, the second layer's input
// gradient becoming the first layer's output seed; checked by differences over every leaf
#[differentiable(wrt(m))]
fn stack_output(m: &Stack, x: &[f64]) -> f64 {
    let mut h = x.to_vec();
    for k in 0..m.layers.len() {
        h = m.layers[k].apply(&h);
    }
    h.iter().sum()
}

#[test]
fn vec_of_struct_field_gets_one_gradient_per_layer() {
    let m = Stack {
        layers: vec![
            Dense { w: vec![0.4, -0.3, 0.8, -0.6, 0.2, 0.5], b: vec![0.1, -0.2], n_in: 3 },
            Dense { w: vec![0.9, -0.4, 0.3, 0.7], b: vec![0.0, 0.25], n_in: 2 },
        ],
    };
    for x in [[0.7, -1.1, 2.0], [-0.3, 0.5, 1.2]] {
        let (v, g) = stack_output_grad(&m, &x);
        assert_eq!(v, stack_output(&m, &x));
        assert_eq!(g.layers.iter().map(|l| l.n_in).collect::<Vec<_>>(), [3, 2]);
        let composed = |m: &Stack| m.layers[1].apply(&m.layers[0].apply(&x)).iter().sum::<f64>();
        assert_eq!(v, composed(&m));
        assert_grad_close(&flatten(&g), &fd_leaves(|m| stack_output(m, &x), &m), FD_TOL64);
    }
}

// --- `*s` on a parameter taken by reference: a copy of the struct (or a read through it). ---

#[derive(Differentiable, Clone, Copy)]
pub struct Bob {
    pub mass: f64,
    pub length: f64,
}

impl Bob {
    /// `*self` copies the receiver: E = m·g·L(1 − cos θ).
    #[differentiable]
    pub fn potential(&self, theta: f64) -> f64 {
        let me = *self;
        me.mass * 9.81 * me.length * (1.0 - theta.cos())
    }
}

/// f = m·L² + Σ w[i]·m, with `*b` copied and `(*w)[i]` read through a `&Vec`.
#[differentiable]
#[allow(clippy::ptr_arg, reason = "reading through a `&Vec` is the case")]
fn inertia_plus_weights(b: &Bob, w: &Vec<f64>) -> f64 {
    let p = *b;
    let mut s = p.mass * p.length * p.length;
    for i in 0..w.len() {
        s += (*w)[i] * p.mass;
    }
    s
}

#[derive(Differentiable, Clone, Copy)]
pub struct Bob32 {
    pub mass: f32,
    pub length: f32,
}

#[differentiable]
fn inertia_32(b: &Bob32) -> f32 {
    let p = *b;
    p.mass * p.length * p.length
}

#[test]
fn a_struct_copied_out_of_a_reference_passes_its_gradient_to_the_parameter() {
    let b = Bob { mass: 2.0, length: 1.5 };
    let w = vec![0.5, -0.25, 1.0];
    let (value, (db, dw)) = inertia_plus_weights_grad(&b, &w);
    assert_eq!(value, 2.0 * 2.25 + 1.25 * 2.0);
    assert_eq!((db.mass, db.length), (2.25 + 1.25, 2.0 * 2.0 * 1.5));
    assert_eq!(dw, vec![2.0, 2.0, 2.0]);
    let (_, along) = inertia_plus_weights_jvp(&b, &w, &Bob { mass: 1.0, length: 0.5 }, &vec![0.0, 1.0, 0.0]);
    assert_eq!(along, db.mass + 0.5 * db.length + dw[1]);
    // Hessian of m·L² + m·Σw along (dm, dL, dw) = (1, 0, 0): (0 + 0, 2L, 1 each).
    let (_, _, (hb, hw)) = inertia_plus_weights_hvp(&b, &w, &Bob { mass: 1.0, length: 0.0 }, &vec![0.0; 3]);
    assert_eq!((hb.mass, hb.length, hw), (0.0, 3.0, vec![1.0, 1.0, 1.0]));
    let (_, d) = inertia_32_grad(&Bob32 { mass: 2.0, length: 1.5 });
    assert_eq!((d.mass, d.length), (2.25, 6.0));
}

#[test]
fn self_copied_out_of_the_receiver_in_a_method() {
    let b = Bob { mass: 2.0, length: 1.5 };
    let theta = 0.4;
    let (value, (db, dtheta)) = b.potential_grad(theta);
    let c = 1.0 - theta.cos();
    assert_rel64(value, 2.0 * 9.81 * 1.5 * c, 1e-15, "value");
    assert_rel64(db.mass, 9.81 * 1.5 * c, 1e-15, "∂m");
    assert_rel64(db.length, 2.0 * 9.81 * c, 1e-15, "∂L");
    assert_rel64(dtheta, 2.0 * 9.81 * 1.5 * theta.sin(), 1e-15, "∂θ");
}

// ---------------------------------------------------------------------------------------------
// User operators: `a * b`, `a - b`, `-a`, `v * k` on derived structs chain through their
// `#[differentiable] impl Mul for T` (DESIGN.md §4)
// ---------------------------------------------------------------------------------------------

#[derive(Differentiable, Clone, Copy, Debug, PartialEq)]
pub struct Cplx {
    pub re: f64,
    pub im: f64,
}

#[differentiable]
impl std::ops::Mul for Cplx {
    type Output = Cplx;
    fn mul(self, o: Cplx) -> Cplx {
        Cplx { re: self.re * o.re - self.im * o.im, im: self.re * o.im + self.im * o.re }
    }
}

#[differentiable]
impl std::ops::Add for Cplx {
    type Output = Cplx;
    fn add(self, o: Cplx) -> Cplx {
        Cplx { re: self.re + o.re, im: self.im + o.im }
    }
}

#[differentiable]
impl std::ops::Sub for Cplx {
    type Output = Cplx;
    fn sub(self, o: Cplx) -> Cplx {
        Cplx { re: self.re - o.re, im: self.im - o.im }
    }
}

#[differentiable]
impl std::ops::Neg for Cplx {
    type Output = Cplx;
    fn neg(self) -> Cplx {
        Cplx { re: -self.re, im: -self.im }
    }
}

// |z|² through a differentiated free function (an operator impl may call one, below)
#[differentiable]
fn modulus_squared(re: f64, im: f64) -> f64 {
    re * re + im * im
}

#[differentiable]
impl Cplx {
    fn norm_sq(self) -> f64 {
        modulus_squared(self.re, self.im)
    }
}

// f(a, b) = |a·b − (−a) + b|² (complex arithmetic through the operator impls)
#[differentiable]
fn complex_poly(a: Cplx, b: Cplx) -> f64 {
    let p = a * b;
    let q = p - (-a) + b;
    q.norm_sq()
}

fn complex_poly_plain(v: &[f64]) -> f64 {
    let (a, b) = ((v[0], v[1]), (v[2], v[3]));
    let p = (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0);
    let q = (p.0 + a.0 + b.0, p.1 + a.1 + b.1);
    q.0 * q.0 + q.1 * q.1
}

#[test]
fn operators_on_a_derived_struct_chain_through_their_impls() {
    for v in [[0.5, -1.0, 2.0, 0.25], [-0.3, 0.8, 1.1, -0.6]] {
        let (a, b) = (Cplx { re: v[0], im: v[1] }, Cplx { re: v[2], im: v[3] });
        let (value, (ga, gb)) = complex_poly_grad(a, b);
        assert_rel64(value, complex_poly_plain(&v), 1e-15, "value");
        let numeric = fd_grad(complex_poly_plain, &v);
        assert_grad_close(&[ga.re, ga.im, gb.re, gb.im], &numeric, 1e-7);
        // forward mode along each coordinate, and H·e₀ against differences of the gradient
        let unit = |k: usize| [0, 1, 2, 3].map(|i| if i == k { 1.0 } else { 0.0 });
        for (k, want) in numeric.iter().enumerate() {
            let e = unit(k);
            let (_, d) = complex_poly_jvp(a, b, Cplx { re: e[0], im: e[1] }, Cplx { re: e[2], im: e[3] });
            assert_rel64(d, *want, 1e-7, &format!("jvp along coordinate {k}"));
        }
        let (_, _, (ha, hb)) = complex_poly_hvp(a, b, Cplx { re: 1.0, im: 0.0 }, Cplx { re: 0.0, im: 0.0 });
        let h = 1e-5;
        let grad_at = |x: f64| {
            let (_, (ga, gb)) = complex_poly_grad(Cplx { re: x, im: v[1] }, b);
            [ga.re, ga.im, gb.re, gb.im]
        };
        let (up, down) = (grad_at(v[0] + h), grad_at(v[0] - h));
        let column: Vec<f64> = (0..4).map(|i| (up[i] - down[i]) / (2.0 * h)).collect();
        assert_grad_close(&[ha.re, ha.im, hb.re, hb.im], &column, 1e-6);
    }
}

#[derive(Differentiable, Clone, Copy, Debug, PartialEq)]
pub struct Vec3 {
    pub x: f64,
    pub y: f64,
    pub z: f64,
}

#[differentiable]
impl std::ops::Mul<f64> for Vec3 {
    type Output = Vec3;
    fn mul(self, k: f64) -> Vec3 {
        Vec3 { x: self.x * k, y: self.y * k, z: self.z * k }
    }
}

#[differentiable]
impl std::ops::Sub for Vec3 {
    type Output = Vec3;
    fn sub(self, o: Vec3) -> Vec3 {
        Vec3 { x: self.x - o.x, y: self.y - o.y, z: self.z - o.z }
    }
}

// Spring energy: e = ½k‖(p − q)·s‖² with a scale s;  ∂e/∂p = k s²(p − q), ∂e/∂s = k s‖p − q‖²
#[differentiable]
fn scaled_spring(p: Vec3, q: Vec3, s: f64) -> f64 {
    let d = (p - q) * s;
    0.5 * 3.0 * (d.x * d.x + d.y * d.y + d.z * d.z)
}

#[test]
fn an_operator_with_a_float_right_operand() {
    let (p, q, s) = (Vec3 { x: 1.0, y: -2.0, z: 0.5 }, Vec3 { x: 0.25, y: 1.0, z: -1.0 }, 1.5);
    let (value, (gp, gq, gs)) = scaled_spring_grad(p, q, s);
    let d = [p.x - q.x, p.y - q.y, p.z - q.z];
    let norm2: f64 = d.iter().map(|v| v * v).sum();
    assert_rel64(value, 1.5 * s * s * norm2, 1e-15, "value");
    assert_rel64(gp.x, 3.0 * s * s * d[0], 1e-15, "∂e/∂p.x");
    assert_rel64(gq.y, -3.0 * s * s * d[1], 1e-15, "∂e/∂q.y");
    assert_rel64(gs, 3.0 * s * norm2, 1e-15, "∂e/∂s");
    let (_, ds) = scaled_spring_jvp(p, q, s, Vec3 { x: 0.0, y: 0.0, z: 0.0 }, Vec3 { x: 0.0, y: 0.0, z: 0.0 }, 1.0);
    assert_rel64(ds, gs, 1e-15, "jvp along s");
}

// Two Mandelbrot steps z ← z² + c from z = c, real part (operators in a loop: the reverse
// sweep evaluates the products again; found by a reviewer: `_vjp` and `_grad` in loops
// evaluated `b * b` for `a * b`)
#[differentiable]
fn mandelbrot_two_steps(c: Cplx) -> f64 {
    let mut z = c;
    for _ in 0..2 {
        z = z * z + c;
    }
    z.re
}

fn mandelbrot_plain(v: &[f64]) -> f64 {
    let (cr, ci) = (v[0], v[1]);
    let (mut zr, mut zi) = (cr, ci);
    for _ in 0..2 {
        (zr, zi) = (zr * zr - zi * zi + cr, 2.0 * zr * zi + ci);
    }
    zr
}

#[test]
fn operators_in_a_loop_and_through_vjp() {
    for v in [[0.25, 0.3], [-0.6, 0.45]] {
        let c = Cplx { re: v[0], im: v[1] };
        let numeric = fd_grad(mandelbrot_plain, &v);
        let (value, g) = mandelbrot_two_steps_grad(c);
        assert_rel64(value, mandelbrot_plain(&v), 1e-15, "value");
        assert_grad_close(&[g.re, g.im], &numeric, 1e-7);
        let (value, pullback) = mandelbrot_two_steps_vjp(c);
        assert_rel64(value, mandelbrot_plain(&v), 1e-15, "_vjp value");
        let g = pullback(2.0);
        assert_grad_close(&[g.re, g.im], &[2.0 * numeric[0], 2.0 * numeric[1]], 1e-7);
    }
    // and through `_vjp` directly, outside a loop: z = a·b
    let (a, b) = (Cplx { re: 0.6, im: -0.4 }, Cplx { re: 1.3, im: 0.2 });
    let (value, pullback) = complex_poly_vjp(a, b);
    assert_eq!(value, complex_poly_grad(a, b).0);
    let (ga, gb) = pullback(1.0);
    assert_eq!((ga, gb), complex_poly_grad(a, b).1);
}
