//! Scalar functions: generated gradient against the primal and a hand-written gradient,
//! measured in one run. `cargo bench -p backprop-benches --bench scalar`.
//!
//! Each measurement evaluates the function at 64 points, so that functions of a few
//! nanoseconds are not dominated by the cost of the call and the timer.

use backprop_benches::alternate;
use backprop_benches::report::{Row, print_alternated_ratios, print_ratio_table};
use backprop_benches::scalar::*;
use criterion::Criterion;
use std::hint::black_box as bb;

/// 64 points in `[-0.4, 1.6)²` (never the origin), spread so that every branch of `piecewise` is taken.
fn points() -> Vec<(f64, f64)> {
    (0..64).map(|i| (-0.4 + (i % 8) as f64 * 0.25, -0.4 + (i / 8) as f64 * 0.25)).collect()
}

/// Benchmarks `primal`, `grad` and `hand` of one function over the points.
macro_rules! trio {
    ($c:expr, $group:literal, |$x:ident, $y:ident| $primal:expr, $grad:expr, $hand:expr) => {{
        let pts = points();
        let mut g = $c.benchmark_group($group);
        g.bench_function("primal", |b| {
            b.iter(|| {
                for &($x, $y) in &pts {
                    bb($primal);
                }
            })
        });
        g.bench_function("grad", |b| {
            b.iter(|| {
                for &($x, $y) in &pts {
                    bb($grad);
                }
            })
        });
        g.bench_function("hand", |b| {
            b.iter(|| {
                for &($x, $y) in &pts {
                    bb($hand);
                }
            })
        });
        g.finish();
    }};
}

fn benches(c: &mut Criterion) {
    trio!(c, "rosenbrock", |x, y| rosenbrock(bb(x), y), rosenbrock_grad(bb(x), y), rosenbrock_hand(bb(x), y));
    trio!(
        c,
        "straight50",
        |x, y| straight50(bb(x), y, 0.2),
        straight50_grad(bb(x), y, 0.2),
        straight50_hand(bb(x), y, 0.2)
    );
    trio!(c, "loop20", |x, y| loop20(bb(x), y), loop20_grad(bb(x), y), loop20_hand(bb(x), y));
    trio!(
        c,
        "logistic",
        |x, y| logistic(bb(x), y, 0.1, 0.05),
        logistic_grad(bb(x), y, 0.1, 0.05),
        logistic_hand(bb(x), y, 0.1, 0.05)
    );
    trio!(c, "piecewise", |x, y| piecewise(bb(x), y), piecewise_grad(bb(x), y), piecewise_hand(bb(x), y));
}

/// Rounds of the alternated measurement, and the seconds each variant runs per round.
const ROUNDS: usize = 21;
const ROUND_SECONDS: f64 = 0.05;

/// The three variants of one function over the points, measured in alternation.
macro_rules! alternated {
    ($label:literal, |$x:ident, $y:ident| $primal:expr, $grad:expr, $hand:expr) => {{
        let pts = points();
        let ratios = alternate::trio(
            || {
                pts.iter().for_each(|&($x, $y)| {
                    bb($primal);
                })
            },
            || {
                pts.iter().for_each(|&($x, $y)| {
                    bb($grad);
                })
            },
            || {
                pts.iter().for_each(|&($x, $y)| {
                    bb($hand);
                })
            },
            ROUNDS,
            ROUND_SECONDS,
        );
        ($label, ratios)
    }};
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c);
    c.final_summary();
    print_ratio_table(&[
        Row { group: "rosenbrock", label: "Rosenbrock" },
        Row { group: "straight50", label: "50-operation straight line" },
        Row { group: "loop20", label: "20-iteration loop" },
        Row { group: "logistic", label: "logistic loss" },
        Row { group: "piecewise", label: "piecewise (branches)" },
    ]);
    let rows = [
        alternated!("Rosenbrock", |x, y| rosenbrock(bb(x), y), rosenbrock_grad(bb(x), y), rosenbrock_hand(bb(x), y)),
        alternated!(
            "50-operation straight line",
            |x, y| straight50(bb(x), y, 0.2),
            straight50_grad(bb(x), y, 0.2),
            straight50_hand(bb(x), y, 0.2)
        ),
        alternated!("20-iteration loop", |x, y| loop20(bb(x), y), loop20_grad(bb(x), y), loop20_hand(bb(x), y)),
        alternated!(
            "logistic loss",
            |x, y| logistic(bb(x), y, 0.1, 0.05),
            logistic_grad(bb(x), y, 0.1, 0.05),
            logistic_hand(bb(x), y, 0.1, 0.05)
        ),
        alternated!(
            "piecewise (branches)",
            |x, y| piecewise(bb(x), y),
            piecewise_grad(bb(x), y),
            piecewise_hand(bb(x), y)
        ),
    ];
    print_alternated_ratios(ROUNDS, &rows);
}
