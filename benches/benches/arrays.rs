//! Loops over slices: generated gradient against the primal and a hand-written gradient,
//! measured in one run. `cargo bench -p backprop-benches --bench arrays`.

use backprop_benches::alternate;
use backprop_benches::arrays::*;
use backprop_benches::report::{Row, print_alternated_ratios, print_ratio_table};
use criterion::Criterion;
use std::hint::black_box as bb;

fn benches(c: &mut Criterion) {
    let x: Vec<f64> = (0..1000).map(|i| (i as f64 * 0.37).sin()).collect();
    let y: Vec<f64> = (0..1000).map(|i| (i as f64 * 0.11).cos()).collect();
    let mut g = c.benchmark_group("dot");
    g.bench_function("primal", |b| b.iter(|| dot(bb(&x), bb(&y))));
    g.bench_function("grad", |b| b.iter(|| dot_grad(bb(&x), bb(&y))));
    g.bench_function("hand", |b| b.iter(|| dot_hand(bb(&x), bb(&y))));
    g.finish();

    let a: Vec<f64> = (0..100 * 100).map(|i| (i as f64 * 0.013).sin()).collect();
    let v: Vec<f64> = x[..100].to_vec();
    let mut g = c.benchmark_group("matvec");
    g.bench_function("primal", |b| b.iter(|| matvec(bb(&a), bb(&v), 100)));
    g.bench_function("grad", |b| b.iter(|| matvec_grad(bb(&a), bb(&v), 100)));
    g.bench_function("hand", |b| b.iter(|| matvec_hand(bb(&a), bb(&v), 100)));
    g.finish();

    let model = mlp_64_32_10();
    let input: Vec<f64> = x[..64].to_vec();
    let mut g = c.benchmark_group("mlp");
    g.bench_function("primal", |b| b.iter(|| mlp_loss(bb(&model), bb(&input), 3)));
    g.bench_function("grad", |b| b.iter(|| mlp_loss_grad(bb(&model), bb(&input), 3)));
    g.bench_function("hand", |b| b.iter(|| mlp_loss_hand(bb(&model), bb(&input), 3)));
    g.finish();
}

/// Rounds of the alternated measurement, and the seconds each variant runs per round.
const ROUNDS: usize = 21;
const ROUND_SECONDS: f64 = 0.05;

/// The three measurements again, in alternation (see `backprop_benches::alternate`). Each
/// closure hands its whole result to `black_box`: a gradient left unused could be optimised
/// away.
fn alternated() -> Vec<(&'static str, alternate::TrioRatios)> {
    let x: Vec<f64> = (0..1000).map(|i| (i as f64 * 0.37).sin()).collect();
    let y: Vec<f64> = (0..1000).map(|i| (i as f64 * 0.11).cos()).collect();
    let a: Vec<f64> = (0..100 * 100).map(|i| (i as f64 * 0.013).sin()).collect();
    let v: Vec<f64> = x[..100].to_vec();
    let model = mlp_64_32_10();
    let input: Vec<f64> = x[..64].to_vec();
    let dot_ratios = alternate::trio(
        || bb(dot(bb(&x), bb(&y))),
        || bb(dot_grad(bb(&x), bb(&y))),
        || bb(dot_hand(bb(&x), bb(&y))),
        ROUNDS,
        ROUND_SECONDS,
    );
    let matvec_ratios = alternate::trio(
        || bb(matvec(bb(&a), bb(&v), 100)),
        || bb(matvec_grad(bb(&a), bb(&v), 100)),
        || bb(matvec_hand(bb(&a), bb(&v), 100)),
        ROUNDS,
        ROUND_SECONDS,
    );
    let mlp_ratios = alternate::trio(
        || bb(mlp_loss(bb(&model), bb(&input), 3)),
        || bb(mlp_loss_grad(bb(&model), bb(&input), 3)),
        || bb(mlp_loss_hand(bb(&model), bb(&input), 3)),
        ROUNDS,
        ROUND_SECONDS,
    );
    vec![
        ("dot product (n = 1000)", dot_ratios),
        ("matrix-vector (100 × 100)", matvec_ratios),
        ("MLP loss 64-32-10 (loops)", mlp_ratios),
    ]
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c);
    c.final_summary();
    print_ratio_table(&[
        Row { group: "dot", label: "dot product (n = 1000)" },
        Row { group: "matvec", label: "matrix-vector (100 × 100)" },
        Row { group: "mlp", label: "MLP loss 64-32-10 (loops)" },
    ]);
    print_alternated_ratios(ROUNDS, &alternated());
}
