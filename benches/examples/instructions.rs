//! Runs one benchmarked function many times, for `valgrind --tool=callgrind` (instruction
//! counts are repeatable on a busy machine, unlike times).
//! `cargo build --release -p backprop-benches --example instructions`, then
//! `valgrind --tool=callgrind target/release/examples/instructions mlp`.

use backprop_benches::arrays::*;
use backprop_benches::scalar::*;
use std::hint::black_box as bb;

#[inline(never)]
fn run(name: &str, reps: usize) {
    let x: Vec<f64> = (0..1000).map(|i| (i as f64 * 0.37).sin()).collect();
    let model = mlp_64_32_10();
    let a: Vec<f64> = (0..100 * 100).map(|i| (i as f64 * 0.013).sin()).collect();
    for _ in 0..reps {
        match name {
            "mlp-primal" => drop(bb(mlp_loss(bb(&model), bb(&x[..64]), 3))),
            "mlp-grad" => drop(bb(mlp_loss_grad(bb(&model), bb(&x[..64]), 3))),
            "mlp-hand" => drop(bb(mlp_loss_hand(bb(&model), bb(&x[..64]), 3))),
            "matvec-primal" => drop(bb(matvec(bb(&a), bb(&x[..100]), 100))),
            "matvec-grad" => drop(bb(matvec_grad(bb(&a), bb(&x[..100]), 100))),
            "matvec-hand" => drop(bb(matvec_hand(bb(&a), bb(&x[..100]), 100))),
            "dot-primal" => drop(bb(dot(bb(&x), bb(&x)))),
            "dot-grad" => drop(bb(dot_grad(bb(&x), bb(&x)))),
            "dot-hand" => drop(bb(dot_hand(bb(&x), bb(&x)))),
            "loop20-primal" => drop(bb(loop20(bb(0.3), bb(0.1)))),
            "loop20-grad" => drop(bb(loop20_grad(bb(0.3), bb(0.1)))),
            "loop20-hand" => drop(bb(loop20_hand(bb(0.3), bb(0.1)))),
            "rosenbrock-primal" => drop(bb(rosenbrock(bb(0.3), bb(0.1)))),
            "rosenbrock-grad" => drop(bb(rosenbrock_grad(bb(0.3), bb(0.1)))),
            "rosenbrock-hand" => drop(bb(rosenbrock_hand(bb(0.3), bb(0.1)))),
            "rosenbrock-jvp" => drop(bb(rosenbrock_jvp(bb(0.3), bb(0.1), bb(1.0), bb(0.5)))),
            "rosenbrock-hvp" => drop(bb(rosenbrock_hvp(bb(0.3), bb(0.1), bb(1.0), bb(0.5)))),
            "loop20-jvp" => drop(bb(loop20_jvp(bb(0.3), bb(0.1), bb(1.0), bb(0.5)))),
            "loop20-hvp" => drop(bb(loop20_hvp(bb(0.3), bb(0.1), bb(1.0), bb(0.5)))),
            "straight50-primal" => drop(bb(straight50(bb(0.3), bb(0.1), bb(0.2)))),
            "straight50-grad" => drop(bb(straight50_grad(bb(0.3), bb(0.1), bb(0.2)))),
            "straight50-jvp" => drop(bb(straight50_jvp(bb(0.3), bb(0.1), bb(0.2), bb(1.0), bb(0.5), bb(0.25)))),
            "straight50-hvp" => drop(bb(straight50_hvp(bb(0.3), bb(0.1), bb(0.2), bb(1.0), bb(0.5), bb(0.25)))),
            "dot-jvp" => drop(bb(dot_jvp(bb(&x), bb(&x), bb(&x), bb(&x)))),
            "dot-hvp" => drop(bb(dot_hvp(bb(&x), bb(&x), bb(&x), bb(&x)))),
            "matvec-jvp" => drop(bb(matvec_jvp(bb(&a), bb(&x[..100]), 100, bb(&a), bb(&x[..100])))),
            "mlp-jvp" => drop(bb(mlp_loss_jvp(bb(&model), bb(&x[..64]), 3, bb(&model)))),
            "hessian100" => drop(bb(backprop::hessian(100, |e| extended_rosenbrock_hvp(bb(&x[..100]), e).2))),
            "hessian100-hand" => drop(bb(extended_rosenbrock_hessian_hand(bb(&x[..100])))),
            "erosen100-primal" => drop(bb(extended_rosenbrock(bb(&x[..100])))),
            "erosen100-grad" => drop(bb(extended_rosenbrock_grad(bb(&x[..100])))),
            "erosen100-hvp" => drop(bb(extended_rosenbrock_hvp(bb(&x[..100]), bb(&x[..100])))),
            "none" => {}
            other => panic!("unknown function {other}"),
        }
    }
}

/// 100 training steps of the 64-128-10 MLP at batch 64 (`step-backprop`, `step-hand`).
#[inline(never)]
fn steps(name: &str) {
    use backprop_benches::train_step::{CONFIGS, Generated, Hand, Mlp, SEED, Trainer, batches};
    let config = CONFIGS[0];
    let model = Mlp::new(config, SEED);
    let batches = batches(config);
    let mut trainer: Box<dyn Trainer> = match name {
        "step-backprop" => Box::new(Generated::new(model)),
        _ => Box::new(Hand::new(model, config.batch)),
    };
    for i in 0..100 {
        bb(trainer.step(&batches[i % batches.len()]));
    }
}

fn main() {
    let name = std::env::args().nth(1).unwrap_or_else(|| "mlp-grad".into());
    if name.starts_with("step-") {
        return steps(&name);
    }
    run(&name, std::env::var("REPS").ok().and_then(|r| r.parse().ok()).unwrap_or(100));
}
