//! `hello`, `lse`, `llsq`, `det`: values against closed forms and gradients against central
//! finite differences.

mod common;
use common::*;

use backprop_gradbench::{det, hello, llsq, lse};

#[test]
fn hello_square_and_double() {
    assert_eq!(hello::square(3.0), 9.0);
    assert_eq!(hello::square_grad(3.0).1, 6.0);
}

#[test]
fn lse_value_and_gradient() {
    let x = vector(7, 1, -3.0, 3.0);
    let naive = x.iter().map(|v| v.exp()).sum::<f64>().ln();
    assert!((lse::lse(&x) - naive).abs() < 1e-12);
    // The gradient is the softmax.
    let (value, grad) = lse::lse_grad(&x);
    assert_eq!(value, lse::lse(&x));
    let softmax: Vec<f64> = x.iter().map(|v| (v - naive).exp()).collect();
    assert_close(&grad, &softmax, 1e-12);
    assert_close(&grad, &fd_gradient(lse::lse, &x, 1e-5), 1e-8);
}

#[test]
fn llsq_value_and_gradient() {
    let x = vector(4, 2, 0.0, 1.0);
    let n = 9; // odd: one t is 0, whose sign is 0
    let mut expected = 0.0;
    for i in 0..n {
        let t = -1.0 + 2.0 * i as f64 / (n - 1) as f64;
        let s = if t > 0.0 {
            1.0
        } else if t < 0.0 {
            -1.0
        } else {
            0.0
        };
        let r = s - x[0] - x[1] * t - x[2] * t * t - x[3] * t * t * t;
        expected += r * r / 2.0;
    }
    assert!((llsq::llsq(&x, n) - expected).abs() < 1e-12);
    let (_, grad) = llsq::llsq_grad(&x, n);
    assert_close(&grad, &fd_gradient(|x| llsq::llsq(x, n), &x, 1e-5), 1e-8);
}

#[test]
fn det_value_and_gradient() {
    // 3×3 by the rule of Sarrus.
    let a = vector(9, 3, -1.0, 1.0);
    let sarrus =
        a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6]) + a[2] * (a[3] * a[7] - a[4] * a[6]);
    assert!((det::det(&a, 3) - sarrus).abs() < 1e-12);
    // The gradient of det A is its cofactor matrix; check 4×4 against finite differences.
    let a = vector(16, 4, -1.0, 1.0);
    let (value, grad) = det::det_grad(&a, 4);
    assert_eq!(value, det::det(&a, 4));
    assert_close(&grad, &fd_gradient(|a| det::det(a, 4), &a, 1e-5), 1e-8);
    // Σⱼ aᵢⱼ ∂det/∂aᵢⱼ = det for every row i (Laplace expansion).
    for i in 0..4 {
        let row: f64 = (0..4).map(|j| a[i * 4 + j] * grad[i * 4 + j]).sum();
        assert!((row - value).abs() < 1e-12, "row {i}: {row} vs {value}");
    }
}
