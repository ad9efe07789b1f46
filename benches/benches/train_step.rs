//! One training step (forward, backward, Adam) of two MLPs at two batch sizes, with the
//! generated gradient and with a hand-written one, measured in one run.
//! `cargo bench -p backprop-benches --bench train_step`.
//!
//! A third step is the generated one with the batch split across the machine's threads
//! (`backprop::parallel`); its column is the speed-up over the serial generated step.
//!
//! After criterion's table, the three steps are measured again in alternation (rounds of
//! about 20 ms each, back to back), whose ratios a shared machine's changing load does not
//! skew.

use backprop_benches::report::{Row, print_alternated_table, print_step_table};
use backprop_benches::train_step::{
    CONFIGS, Config, Generated, Hand, Mlp, Parallel, SEED, Segments, alternate, batches,
};
use criterion::Criterion;
use std::time::Duration;

/// Rounds of the alternated measurement, and the seconds of steps of each trainer per round.
const ROUNDS: usize = 41;
const ROUND_SECONDS: f64 = 0.02;

fn bench_config(c: &mut Criterion, config: Config) {
    let model = Mlp::new(config, SEED);
    let mut group = c.benchmark_group(format!("train_step_{}", config.id()));
    // Steps take 50 µs to 5 ms: enough samples for a stable median on a shared machine.
    group.sample_size(50).measurement_time(Duration::from_secs(8));
    let mut generated = Segments::new(|| Generated::new(model.clone()), batches(config));
    group.bench_function("backprop", |b| b.iter_custom(|steps| generated.time(steps)));
    let mut hand = Segments::new(|| Hand::new(model.clone(), config.batch), batches(config));
    group.bench_function("hand", |b| b.iter_custom(|steps| hand.time(steps)));
    let mut parallel = Segments::new(|| Parallel::new(model.clone()), batches(config));
    group.bench_function("parallel", |b| b.iter_custom(|steps| parallel.time(steps)));
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    for config in CONFIGS {
        bench_config(&mut c, config);
    }
    c.final_summary();
    let rows: Vec<(String, String)> =
        CONFIGS.iter().map(|config| (format!("train_step_{}", config.id()), config.label())).collect();
    let rows: Vec<Row<'_>> = rows.iter().map(|(group, label)| Row { group, label }).collect();
    print_step_table(&rows);
    // Only under `cargo bench` (which passes `--bench`): `cargo test --benches` and
    // criterion's `--test` and `--list` modes only check that the benchmarks run.
    let args: Vec<String> = std::env::args().collect();
    if !args.iter().any(|a| a == "--bench") || args.iter().any(|a| a == "--test" || a == "--list") {
        return;
    }
    let alternated: Vec<_> =
        CONFIGS.iter().map(|&config| (config.label(), alternate(config, ROUNDS, ROUND_SECONDS))).collect();
    print_alternated_table(&alternated);
}
