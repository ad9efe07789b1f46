//! The hand-written gradients the benchmarks compare against are themselves correct.

use approx::assert_relative_eq;
use backprop_benches::scalar::*;

fn close(generated: &[f64], hand: &[f64]) {
    for (g, h) in generated.iter().zip(hand) {
        assert_relative_eq!(g, h, max_relative = 1e-10);
    }
}

#[test]
fn hand_written_gradients_match_the_generated_ones() {
    let (v, (a, b)) = rosenbrock_grad(0.3, 0.7);
    let (w, (c, d)) = rosenbrock_hand(0.3, 0.7);
    assert_eq!(v, w);
    close(&[a, b], &[c, d]);
    let (_, (a, b, c)) = straight50_grad(0.3, 0.7, 0.2);
    let (_, (d, e, f)) = straight50_hand(0.3, 0.7, 0.2);
    close(&[a, b, c], &[d, e, f]);
    let (_, (a, b)) = loop20_grad(0.9, 0.3);
    let (_, (c, d)) = loop20_hand(0.9, 0.3);
    close(&[a, b], &[c, d]);
    let (_, (a, b, c, d)) = logistic_grad(0.3, -0.2, 0.1, 0.05);
    let (_, (e, f, g, h)) = logistic_hand(0.3, -0.2, 0.1, 0.05);
    close(&[a, b, c, d], &[e, f, g, h]);
    for (x, y) in [(0.3, 0.4), (1.3, 0.4), (0.4, 1.3)] {
        let (_, (a, b)) = piecewise_grad(x, y);
        let (_, (c, d)) = piecewise_hand(x, y);
        close(&[a, b], &[c, d]);
    }
}

#[test]
fn hand_written_array_gradients_match_the_generated_ones() {
    use backprop_benches::arrays::*;
    let x: Vec<f64> = (0..100).map(|i| (i as f64 * 0.37).sin()).collect();
    let a: Vec<f64> = (0..100 * 100).map(|i| (i as f64 * 0.013).sin()).collect();
    let (v, (ga, gx)) = matvec_grad(&a, &x, 100);
    let (w, (ha, hx)) = matvec_hand(&a, &x, 100);
    assert_relative_eq!(v, w, max_relative = 1e-12);
    close(&ga, &ha);
    close(&gx, &hx);
    let model = mlp_64_32_10();
    let input = &x[..64];
    let (v, g) = mlp_loss_grad(&model, input, 3);
    let (w, h) = mlp_loss_hand(&model, input, 3);
    assert_relative_eq!(v, w, max_relative = 1e-12);
    close(&g.hidden.w, &h.hidden.w);
    close(&g.hidden.b, &h.hidden.b);
    close(&g.out.w, &h.out.w);
    close(&g.out.b, &h.out.b);
}
