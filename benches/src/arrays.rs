//! Loops over slices, with generated and hand-written gradients.
#![allow(clippy::needless_range_loop, reason = "index loops are what the macro differentiates")]

use backprop::{Differentiable, differentiable};

/// `x · y`.
#[differentiable]
pub fn dot(x: &[f64], y: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        s += x[i] * y[i];
    }
    s
}

/// Hand-written gradient of [`dot`].
pub fn dot_hand(x: &[f64], y: &[f64]) -> (f64, (Vec<f64>, Vec<f64>)) {
    (dot(x, y), (y.to_vec(), x.to_vec()))
}

/// `½‖A x‖²` for a row-major `n × m` matrix `A`.
#[differentiable]
pub fn matvec(a: &[f64], x: &[f64], n: usize) -> f64 {
    let m = x.len();
    let mut s = 0.0;
    for i in 0..n {
        let mut yi = 0.0;
        for j in 0..m {
            yi += a[i * m + j] * x[j];
        }
        s += 0.5 * yi * yi;
    }
    s
}

/// Hand-written gradient of [`matvec`]: with `y = A x`, `∂/∂A = y xᵀ` and `∂/∂x = Aᵀ y`.
/// Written as a careful person would: each `yᵢ` accumulated in a register, rows as slices.
pub fn matvec_hand(a: &[f64], x: &[f64], n: usize) -> (f64, (Vec<f64>, Vec<f64>)) {
    let m = x.len();
    let mut y = vec![0.0; n];
    let mut s = 0.0;
    for (yi, row) in y.iter_mut().zip(a.chunks_exact(m)) {
        let mut acc = 0.0;
        for j in 0..m {
            acc += row[j] * x[j];
        }
        *yi = acc;
        s += 0.5 * acc * acc;
    }
    let mut da = vec![0.0; n * m];
    let mut dx = vec![0.0; m];
    for ((da_row, row), &yi) in da.chunks_exact_mut(m).zip(a.chunks_exact(m)).zip(&y) {
        for j in 0..m {
            da_row[j] = yi * x[j];
            dx[j] += row[j] * yi;
        }
    }
    (s, (da, dx))
}

/// A dense layer: `w` is `outputs × inputs`, row-major.
#[derive(Differentiable, Clone)]
pub struct Dense {
    /// Weights.
    pub w: Vec<f64>,
    /// Biases.
    pub b: Vec<f64>,
    /// Inputs.
    pub inputs: usize,
}

/// A two-layer perceptron.
#[derive(Differentiable, Clone)]
pub struct Mlp {
    /// Hidden layer (tanh).
    pub hidden: Dense,
    /// Output layer (linear).
    pub out: Dense,
}

/// `tanh(W x + b)` of the network's input, differentiated in the layer only (as the
/// hand-written pass, which computes no input gradient).
#[differentiable(wrt(layer))]
pub fn dense_tanh(layer: &Dense, x: &[f64]) -> Vec<f64> {
    let outputs = layer.b.len();
    let mut h = vec![0.0; outputs];
    for o in 0..outputs {
        let mut acc = layer.b[o];
        for i in 0..layer.inputs {
            acc += layer.w[o * layer.inputs + i] * x[i];
        }
        h[o] = acc.tanh();
    }
    h
}

/// Softmax cross-entropy of a 2-layer MLP on one example, written with loops.
#[differentiable(wrt(model))]
pub fn mlp_loss(model: &Mlp, x: &[f64], label: usize) -> f64 {
    let h = dense_tanh(&model.hidden, x);
    let outputs = model.out.b.len();
    let mut logits = vec![0.0; outputs];
    for o in 0..outputs {
        let mut acc = model.out.b[o];
        for i in 0..model.out.inputs {
            acc += model.out.w[o * model.out.inputs + i] * h[i];
        }
        logits[o] = acc;
    }
    let mut mx = logits[0];
    for o in 1..outputs {
        mx = mx.max(logits[o]);
    }
    let mut total = 0.0;
    for o in 0..outputs {
        total += (logits[o] - mx).exp();
    }
    total.ln() + mx - logits[label]
}

/// Hand-written gradient of [`mlp_loss`]: the textbook backward pass.
pub fn mlp_loss_hand(model: &Mlp, x: &[f64], label: usize) -> (f64, Mlp) {
    let (hd, od) = (&model.hidden, &model.out);
    let nh = hd.b.len();
    let no = od.b.len();
    let mut h = vec![0.0; nh];
    for o in 0..nh {
        let mut acc = hd.b[o];
        for i in 0..hd.inputs {
            acc += hd.w[o * hd.inputs + i] * x[i];
        }
        h[o] = acc.tanh();
    }
    let mut logits = vec![0.0; no];
    for o in 0..no {
        let mut acc = od.b[o];
        for i in 0..od.inputs {
            acc += od.w[o * od.inputs + i] * h[i];
        }
        logits[o] = acc;
    }
    let mx = logits.iter().fold(f64::NEG_INFINITY, |m, &v| m.max(v));
    let total: f64 = logits.iter().map(|v| (v - mx).exp()).sum();
    let loss = total.ln() + mx - logits[label];
    let mut grad = model.zero_tangent();
    let mut dh = vec![0.0; nh];
    for o in 0..no {
        let dlogit = (logits[o] - mx).exp() / total - if o == label { 1.0 } else { 0.0 };
        grad.out.b[o] = dlogit;
        for i in 0..nh {
            grad.out.w[o * nh + i] = dlogit * h[i];
            dh[i] += dlogit * od.w[o * nh + i];
        }
    }
    for o in 0..nh {
        let dpre = dh[o] * (1.0 - h[o] * h[o]);
        grad.hidden.b[o] = dpre;
        for i in 0..hd.inputs {
            grad.hidden.w[o * hd.inputs + i] = dpre * x[i];
        }
    }
    (loss, grad)
}

/// A 64-32-10 model with weights from a fixed sequence.
pub fn mlp_64_32_10() -> Mlp {
    let weights = |n: usize, scale: f64| (0..n).map(|i| ((i * 7919 % 1000) as f64 / 1000.0 - 0.5) * scale).collect();
    Mlp {
        hidden: Dense { w: weights(32 * 64, 0.25), b: weights(32, 0.1), inputs: 64 },
        out: Dense { w: weights(10 * 32, 0.35), b: weights(10, 0.1), inputs: 32 },
    }
}
