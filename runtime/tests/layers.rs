//! Every layer and loss, checked against central finite differences with the public
//! gradient check (in `f32`, so steps and tolerances are those of single precision).

use backprop::Tensor;
use backprop::gradcheck::check_gradient;
use backprop::layers::*;
use backprop::loss::*;
use backprop::ops::{matmul, matmul_nt, matmul_nt_vjp, matmul_vjp};

/// Step and tolerance of the checks in single precision.
const STEP: f64 = 1e-2;
const TOL: f64 = 1e-2;

/// A tensor of shape `shape` with varied values in about `[-1.5, 1.5]`, away from zero.
fn sample(shape: &[usize], seed: u32) -> Tensor {
    Tensor::from_fn(shape, |i| {
        let v = ((i as f32 + 1.0) * 0.618_034 * (seed as f32 + 1.3)).sin() * 1.5;
        if v.abs() < 0.1 { v + 0.3 } else { v }
    })
}

/// `Σ y ⊙ c`: a scalar loss of a tensor output, with fixed weights `c` so that every output
/// entry matters differently.
fn weighted_sum(y: &Tensor) -> f32 {
    y.data.iter().enumerate().map(|(i, v)| v * (1.0 + 0.1 * i as f32)).sum()
}

/// The seed for [`weighted_sum`]: its gradient with respect to `y`.
fn weights_like(y: &Tensor) -> Tensor {
    Tensor::from_fn(&y.shape, |i| 1.0 + 0.1 * i as f32)
}

#[track_caller]
fn assert_passes(report: backprop::gradcheck::Report) {
    assert!(report.passed(), "{report}");
}

#[test]
fn matmul_pullback_matches_finite_differences() {
    let (a, b) = (sample(&[3, 4], 1), sample(&[4, 2], 2));
    let (y, pullback) = matmul_vjp(&a, &b);
    let (da, db) = pullback(weights_like(&y));
    let (da, db) = (da.into_tensor(), db.into_tensor());
    assert_passes(check_gradient(|a: &Tensor| weighted_sum(&matmul(a, &b)), &a, &da, STEP, TOL));
    assert_passes(check_gradient(|b: &Tensor| weighted_sum(&matmul(&a, b)), &b, &db, STEP, TOL));
}

#[test]
fn matmul_nt_pullback_matches_finite_differences() {
    let (a, b) = (sample(&[3, 4], 3), sample(&[5, 4], 4));
    let (y, pullback) = matmul_nt_vjp(&a, &b);
    let (da, db) = pullback(weights_like(&y));
    let (da, db) = (da.into_tensor(), db.into_tensor());
    assert_passes(check_gradient(|a: &Tensor| weighted_sum(&matmul_nt(a, &b)), &a, &da, STEP, TOL));
    assert_passes(check_gradient(|b: &Tensor| weighted_sum(&matmul_nt(&a, b)), &b, &db, STEP, TOL));
}

/// Checks an elementwise or row-wise activation through its pullback.
fn check_activation(f: impl Fn(&Tensor) -> Tensor, pullback_of: impl Fn(&Tensor, Tensor) -> Tensor, x: &Tensor) {
    check_activation_with_step(f, pullback_of, x, STEP);
}

fn check_activation_with_step(
    f: impl Fn(&Tensor) -> Tensor,
    pullback_of: impl Fn(&Tensor, Tensor) -> Tensor,
    x: &Tensor,
    step: f64,
) {
    let y = f(x);
    let dx = pullback_of(x, weights_like(&y));
    assert_passes(check_gradient(|x: &Tensor| weighted_sum(&f(x)), x, &dx, step, TOL));
}

#[test]
fn activations_match_finite_differences() {
    let x = sample(&[4, 5], 5);
    check_activation(relu, |x, d| relu_vjp(x).1(d), &x);
    check_activation(|x| leaky_relu(x, 0.1), |x, d| leaky_relu_vjp(x, 0.1).1(d), &x);
    check_activation(sigmoid, |x, d| sigmoid_vjp(x).1(d), &x);
    check_activation(tanh, |x, d| tanh_vjp(x).1(d), &x);
    check_activation(softmax, |x, d| softmax_vjp(x).1(d), &x);
    check_activation(log_softmax, |x, d| log_softmax_vjp(x).1(d), &x);
    check_activation(flatten, |x, d| flatten_vjp(x).1(d), &sample(&[2, 3, 2, 2], 6));
}

#[test]
fn relu_has_zero_gradient_at_zero_like_jax_and_pytorch() {
    let x = Tensor::new(vec![0.0, -0.0, 2.0], &[3]).unwrap_or_else(|e| panic!("{e}"));
    let (_, pullback) = relu_vjp(&x);
    assert_eq!(pullback(Tensor::new(vec![1.0; 3], &[3]).unwrap_or_else(|e| panic!("{e}"))).data, [0.0, 0.0, 1.0]);
}

#[test]
fn dense_layer_and_bias_match_finite_differences() {
    use rand::SeedableRng;
    let mut rng = rand::rngs::StdRng::seed_from_u64(3);
    let mut layer = Dense::new(4, 3, &mut rng);
    layer.b = sample(&[3], 7);
    let x = sample(&[5, 4], 8);
    let (y, pullback) = layer.forward_vjp(&x);
    let (dlayer, dx) = pullback(weights_like(&y));
    assert_passes(check_gradient(|l: &Dense| weighted_sum(&l.forward(&x)), &layer, &dlayer, STEP, TOL));
    assert_passes(check_gradient(|x: &Tensor| weighted_sum(&layer.forward(x)), &x, &dx, STEP, TOL));
    // The first-layer form differentiates the layer only.
    let (y_input, pullback) = layer.forward_input_vjp(&x);
    assert_eq!(y_input, y);
    let dlayer_input = pullback(weights_like(&y));
    assert_passes(check_gradient(|l: &Dense| weighted_sum(&l.forward_input(&x)), &layer, &dlayer_input, STEP, TOL));
}

#[test]
fn convolution_matches_finite_differences_with_stride_and_padding() {
    for (stride, padding) in [(1, 0), (1, 1), (2, 1)] {
        let x = sample(&[2, 2, 5, 5], 9);
        let w = sample(&[3, 2, 3, 3], 10);
        let b = sample(&[3], 11);
        let (y, pullback) = conv2d_vjp(&x, &w, &b, stride, padding);
        let (dx, dw, db) = pullback(weights_like(&y));
        let f = |x: &Tensor, w: &Tensor, b: &Tensor| weighted_sum(&conv2d(x, w, b, stride, padding));
        assert_passes(check_gradient(|x: &Tensor| f(x, &w, &b), &x, &dx, STEP, TOL));
        assert_passes(check_gradient(|w: &Tensor| f(&x, w, &b), &w, &dw, STEP, TOL));
        assert_passes(check_gradient(|b: &Tensor| f(&x, &w, b), &b, &db, STEP, TOL));
    }
}

#[test]
fn convolution_equals_the_direct_sum() {
    let (x, w, b) = (sample(&[1, 2, 4, 4], 12), sample(&[2, 2, 3, 3], 13), sample(&[2], 14));
    let y = conv2d(&x, &w, &b, 1, 1);
    for o in 0..2 {
        for oy in 0..4 {
            for ox in 0..4 {
                let mut expected = b.data[o];
                for c in 0..2 {
                    for ky in 0..3 {
                        for kx in 0..3 {
                            let (iy, ix) = (oy as i32 + ky as i32 - 1, ox as i32 + kx as i32 - 1);
                            if (0..4).contains(&iy) && (0..4).contains(&ix) {
                                expected += w.at(&[o, c, ky, kx]) * x.at(&[0, c, iy as usize, ix as usize]);
                            }
                        }
                    }
                }
                let got = y.at(&[0, o, oy, ox]);
                assert!((got - expected).abs() < 1e-5, "output ({o}, {oy}, {ox}): {got} vs {expected}");
            }
        }
    }
}

#[test]
fn pooling_matches_finite_differences() {
    let x = sample(&[2, 3, 4, 4], 15);
    // Max-pooling is linear between ties, and this sample has two window values 7e-3 apart:
    // a step below that measures the slope exactly.
    check_activation_with_step(|x| max_pool2d(x, 2), |x, d| max_pool2d_vjp(x, 2).1(d), &x, 1e-3);
    check_activation(|x| avg_pool2d(x, 2), |x, d| avg_pool2d_vjp(x, 2).1(d), &x);
}

#[test]
fn losses_match_finite_differences() {
    let p = sample(&[4, 3], 16);
    let t = sample(&[4, 3], 17);
    let (_, (dp, dt)) = mse_grad(&p, &t);
    assert_passes(check_gradient(|p: &Tensor| mse(p, &t), &p, &dp, STEP, TOL));
    assert_passes(check_gradient(|t: &Tensor| mse(&p, t), &t, &dt, STEP, TOL));

    let probs = sigmoid(&p);
    let targets = Tensor::from_fn(&[4, 3], |i| (i % 2) as f32);
    let (_, (dprobs, _)) = binary_cross_entropy_grad(&probs, &targets);
    assert_passes(check_gradient(|q: &Tensor| binary_cross_entropy(q, &targets), &probs, &dprobs, 1e-3, TOL));
    let (_, (dz, _)) = binary_cross_entropy_with_logits_grad(&p, &targets);
    assert_passes(check_gradient(|z: &Tensor| binary_cross_entropy_with_logits(z, &targets), &p, &dz, STEP, TOL));

    let labels = [2, 0, 1, 1];
    let (_, dlogits) = softmax_cross_entropy_grad(&p, &labels);
    assert_passes(check_gradient(|z: &Tensor| softmax_cross_entropy(z, &labels), &p, &dlogits, STEP, TOL));
}

#[test]
fn cross_entropies_stay_finite_for_logits_of_a_thousand() {
    let logits =
        Tensor::new(vec![1000.0, -1000.0, 0.0, -1000.0, 1000.0, 999.0], &[2, 3]).unwrap_or_else(|e| panic!("{e}"));
    let (loss, d) = softmax_cross_entropy_grad(&logits, &[1, 2]);
    assert!(loss.is_finite() && d.data.iter().all(|g| g.is_finite()), "loss {loss}, gradient {:?}", d.data);
    // Row 0 puts all its mass on class 0 but the label is 1: the loss is 2000, the
    // gradient +1 on class 0 and −1 on class 1 (halved by the batch mean).
    assert!((loss - (2000.0 + 1.0 + (-1f32).exp().ln_1p()) / 2.0).abs() < 1e-3);
    assert_eq!(&d.data[..3], &[0.5, -0.5, 0.0]);
    let targets = Tensor::new(vec![0.0, 1.0, 1.0, 0.0, 0.0, 1.0], &[2, 3]).unwrap_or_else(|e| panic!("{e}"));
    let (loss, (d, _)) = binary_cross_entropy_with_logits_grad(&logits, &targets);
    assert!(loss.is_finite() && d.data.iter().all(|g| g.is_finite()));
    let (p, pullback) = log_softmax_vjp(&logits);
    assert!(p.data.iter().all(|v| v.is_finite()) && pullback(weights_like(&p)).data.iter().all(|g| g.is_finite()));
}

#[test]
#[should_panic(expected = "add_bias: shapes [2, 3] and [4] do not fit")]
fn wrong_shapes_name_both_shapes() {
    let _ = add_bias(Tensor::zeros(&[2, 3]), &Tensor::zeros(&[4]));
}
