//! The hand-written training step the benchmark compares against computes the generated
//! gradient, and the two steps train alike.

use backprop::Tensor;
use backprop_benches::train_step::*;

/// The largest difference between two gradients, relative to the generated gradient's
/// largest magnitude. Entries near zero are sums of cancelling terms (`xᵀ·∂y` over a batch),
/// so f32 rounding is relative to the terms, not to the entry: an elementwise relative test
/// would compare rounding noise.
fn relative_difference(generated: &Tensor, hand: &Tensor) -> f32 {
    assert_eq!(generated.shape, hand.shape);
    let scale = generated.data.iter().fold(0.0f32, |m, v| m.max(v.abs()));
    let worst = generated.data.iter().zip(&hand.data).fold(0.0f32, |m, (g, h)| m.max((g - h).abs()));
    worst / scale
}

fn check_gradient(config: Config) {
    let model = Mlp::new(config, SEED);
    let batch = Batch::new(config, SEED + 1);
    let (value, generated) = loss_grad(&model, &batch.x, &batch.labels);
    let mut hand = HandWritten::new(&model, config.batch);
    let hand_value = hand.gradient(&model, &batch);
    assert!((value - hand_value).abs() <= 1e-5 * value.abs(), "{}: loss {value} vs {hand_value}", config.label());
    let pairs = [
        ("hidden.w", &generated.hidden.w, &hand.grad().hidden.w),
        ("hidden.b", &generated.hidden.b, &hand.grad().hidden.b),
        ("out.w", &generated.out.w, &hand.grad().out.w),
        ("out.b", &generated.out.b, &hand.grad().out.b),
    ];
    for (name, g, h) in pairs {
        let difference = relative_difference(g, h);
        assert!(difference <= 1e-5, "{}: {name} differs by {difference:e} (relative)", config.label());
    }
}

#[test]
fn hand_written_gradient_matches_the_generated_one() {
    for config in CONFIGS {
        check_gradient(config);
    }
}

#[test]
fn both_steps_lower_the_loss_alike() {
    let config = CONFIGS[0];
    let batch = Batch::new(config, SEED + 1);
    let mut generated = Generated::new(Mlp::new(config, SEED));
    let mut hand = Hand::new(Mlp::new(config, SEED), config.batch);
    let first = generated.step(&batch);
    assert_eq!(first, hand.step(&batch));
    let (mut g, mut h) = (first, first);
    for _ in 0..20 {
        (g, h) = (generated.step(&batch), hand.step(&batch));
    }
    assert!(g < 0.9 * first, "the generated step did not train: {first} → {g}");
    assert!((g - h).abs() <= 1e-3 * g, "after 21 steps: generated loss {g}, hand-written {h}");
    // Each Adam step moves a weight by about lr = 1e-3: the two runs stay within 1% of a step.
    let (a, b) = (generated.model(), hand.model());
    let pairs = [(&a.hidden.w, &b.hidden.w), (&a.hidden.b, &b.hidden.b), (&a.out.w, &b.out.w), (&a.out.b, &b.out.b)];
    for (x, y) in pairs {
        let worst = x.data.iter().zip(&y.data).fold(0.0f32, |m, (p, q)| m.max((p - q).abs()));
        assert!(worst <= 1e-5, "after 21 steps the weights differ by {worst:e}");
    }
}

#[test]
fn the_parallel_gradient_matches_the_serial_one() {
    for config in [CONFIGS[0], CONFIGS[2]] {
        let model = Mlp::new(config, SEED);
        let batch = Batch::new(config, SEED + 1);
        let (value, serial) = loss_grad(&model, &batch.x, &batch.labels);
        let step = |m: &Mlp, part: &backprop::Dataset| loss_grad(m, &part.inputs, &part.targets);
        let pool = rayon_pool(2);
        let (parallel_value, parallel) = pool.install(|| backprop::parallel::grad(&model, &batch.set, step));
        assert!(
            (value - parallel_value).abs() <= 1e-5 * value.abs(),
            "{}: loss {value} vs {parallel_value}",
            config.label()
        );
        let pairs = [
            ("hidden.w", &serial.hidden.w, &parallel.hidden.w),
            ("hidden.b", &serial.hidden.b, &parallel.hidden.b),
            ("out.w", &serial.out.w, &parallel.out.w),
            ("out.b", &serial.out.b, &parallel.out.b),
        ];
        for (name, s, p) in pairs {
            let difference = relative_difference(s, p);
            assert!(difference <= 1e-5, "{}: {name} differs by {difference:e} (relative)", config.label());
        }
    }
}

#[test]
fn the_parallel_step_trains_like_the_serial_one() {
    let config = CONFIGS[0];
    let batch = Batch::new(config, SEED + 1);
    let mut serial = Generated::new(Mlp::new(config, SEED));
    let mut parallel = Parallel::new(Mlp::new(config, SEED));
    let (mut s, mut p) = (0.0, 0.0);
    for _ in 0..21 {
        (s, p) = (serial.step(&batch), rayon_pool(2).install(|| parallel.step(&batch)));
    }
    assert!((s - p).abs() <= 1e-3 * s, "after 21 steps: serial loss {s}, parallel {p}");
}

/// A pool of `threads` threads, so the split is tested on a 1-core machine too.
fn rayon_pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap()
}
