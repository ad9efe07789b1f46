//! Runs one objective or derivative once, for instruction counts that a busy machine does not
//! disturb: `valgrind --tool=callgrind --toggle-collect='*run_once*' target/release/examples/count gmm/1k/gmm_d10_K5 backprop`.
//! METHOD is `objective`, `manual` or `backprop`.

use backprop_adbench::{data_dir, generated, io, manual, objective};
use std::hint::black_box;

#[inline(never)]
fn run_once(f: &dyn Fn() -> f64) -> f64 {
    black_box(f())
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(instance), Some(method)) = (args.next(), args.next()) else {
        eprintln!("usage: count INSTANCE objective|manual|backprop");
        std::process::exit(2);
    };
    let path = data_dir().join(format!("{instance}.txt"));
    let kind = instance.split('/').next().unwrap_or_default();
    let value = match (kind, method.as_str()) {
        ("gmm", m) => {
            let input = io::read_gmm(&path).expect("readable GMM instance");
            match m {
                "objective" => run_once(&|| objective::gmm_objective_input(&input)),
                "manual" => run_once(&|| manual::gmm_gradient(&input).1[0]),
                _ => run_once(&|| generated::gmm_gradient(&input).1[0]),
            }
        }
        ("lstm", m) => {
            let input = io::read_lstm(&path).expect("readable LSTM instance");
            match m {
                "objective" => run_once(&|| objective::lstm_objective_input(&input)),
                "manual" => run_once(&|| manual::lstm_gradient(&input).1[0]),
                _ => run_once(&|| generated::lstm_gradient(&input).1[0]),
            }
        }
        ("ba", m) => {
            let input = io::read_ba(&path).expect("readable BA instance");
            match m {
                "objective" => run_once(&|| objective::ba_objective_input(&input)[0]),
                "manual" => run_once(&|| manual::ba_jacobian(&input).vals[0]),
                _ => run_once(&|| generated::ba_jacobian(&input).vals[0]),
            }
        }
        _ => panic!("unknown instance kind {kind}"),
    };
    println!("{value}");
}
