//! The ADBench protocol on GMM, LSTM and BA: objective and derivatives timed in this one
//! binary, repeats doubled until a sample takes ≥ 0.1 s, minimum over several samples.
//!
//! Usage: `adbench [--data DIR] [--samples N] [--min-time SECS] [--json] [INSTANCE ...]`
//! where INSTANCE is a path below the data folder without `.txt`, e.g. `gmm/10k/gmm_d10_K5`.

use backprop_adbench::bench::{self, Protocol, Row, Subject};
use backprop_adbench::{DataError, data_dir, io};
use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The instances of the table when none are named.
const DEFAULT_INSTANCES: [&str; 4] =
    ["gmm/1k/gmm_d10_K5", "gmm/10k/gmm_d10_K5", "lstm/lstm_l2_c1024", "ba/ba1_n49_m7776_p31843"];

/// Parsed command line.
struct Options {
    data: PathBuf,
    protocol: Protocol,
    json: bool,
    instances: Vec<String>,
}

const USAGE: &str = "usage: adbench [--data DIR] [--samples N] [--min-time SECS] [--json] [INSTANCE ...]";

fn parse_args() -> Result<Options, String> {
    let mut options = Options { data: data_dir(), protocol: Protocol::default(), json: false, instances: vec![] };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--data" => options.data = PathBuf::from(value("--data")?),
            "--samples" => {
                options.protocol.samples = value("--samples")?.parse().map_err(|e| format!("--samples: {e}"))?;
            }
            "--min-time" => {
                options.protocol.min_sample_secs =
                    value("--min-time")?.parse().map_err(|e| format!("--min-time: {e}"))?;
            }
            "--json" => options.json = true,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            _ if arg.starts_with('-') => return Err(format!("unknown option {arg}\n{USAGE}")),
            _ => options.instances.push(arg.trim_end_matches(".txt").to_owned()),
        }
    }
    if options.instances.is_empty() {
        options.instances = DEFAULT_INSTANCES.map(str::to_owned).to_vec();
    }
    Ok(options)
}

/// The expected objective and gradient: `golden/computed`, or for `gmm/test` (which has no
/// computed file) ADBench's own goldens.
fn scalar_reference(data: &Path, instance: &str, ref_path: &Path) -> Result<io::ScalarRef, DataError> {
    if instance == "gmm/test" && !ref_path.exists() {
        let goldens = io::read_test_goldens(&data.join("golden/adbench_test_goldens.json"))?;
        return Ok(io::ScalarRef { objective: goldens.gmm.objective, gradient: goldens.gmm.gradient });
    }
    io::read_scalar_ref(ref_path)
}

/// Loads, checks and times one instance.
fn run(data: &Path, instance: &str, protocol: Protocol) -> Result<Row, Box<dyn Error>> {
    let input_path = data.join(format!("{instance}.txt"));
    let ref_path = data.join("golden/computed").join(format!("{instance}.ref.txt"));
    let kind = instance.split('/').next().unwrap_or_default();
    let row = match kind {
        "gmm" => {
            let input = io::read_gmm(&input_path)?;
            let reference = scalar_reference(data, instance, &ref_path)?;
            bench::run_instance(
                Subject {
                    instance,
                    input: &input,
                    objective: bench::gmm_objective,
                    check_objective: &|f| bench::scalar_objective_rho(*f, &reference),
                    methods: bench::gmm_methods(),
                    check_derivative: &|g: &Vec<f64>| bench::gradient_rho(g, &reference),
                },
                protocol,
            )
        }
        "lstm" => {
            let input = io::read_lstm(&input_path)?;
            let reference = io::read_scalar_ref(&ref_path)?;
            bench::run_instance(
                Subject {
                    instance,
                    input: &input,
                    objective: bench::lstm_objective,
                    check_objective: &|f| bench::scalar_objective_rho(*f, &reference),
                    methods: bench::lstm_methods(),
                    check_derivative: &|g: &Vec<f64>| bench::gradient_rho(g, &reference),
                },
                protocol,
            )
        }
        "ba" => {
            let input = io::read_ba(&input_path)?;
            let reference = io::read_ba_ref(&ref_path)?;
            bench::run_instance(
                Subject {
                    instance,
                    input: &input,
                    objective: bench::ba_objective,
                    check_objective: &|err| bench::ba_objective_rho(err, &reference),
                    methods: bench::ba_methods(),
                    check_derivative: &|j| bench::ba_jacobian_rho(j, &input, &reference),
                },
                protocol,
            )
        }
        _ => {
            let message = "instance must start with gmm/, lstm/ or ba/";
            return Err(Box::new(DataError::in_file(&input_path, message)));
        }
    };
    Ok(row)
}

/// A duration with a unit that keeps three significant digits readable.
fn format_secs(secs: f64) -> String {
    match secs {
        s if s >= 1.0 => format!("{s:.3} s"),
        s if s >= 1e-3 => format!("{:.3} ms", s * 1e3),
        s => format!("{:.3} µs", s * 1e6),
    }
}

fn print_markdown(rows: &[Row], protocol: Protocol) {
    let Some(first) = rows.first() else { return };
    let names: Vec<&str> = first.methods.iter().map(|m| m.name).collect();
    println!("| instance | objective t_f | {} |", names.join(" t_J/t_f | ") + " t_J/t_f");
    println!("|---|---:|{}", "---:|".repeat(names.len()));
    for row in rows {
        let ratios: Vec<String> = row
            .methods
            .iter()
            .map(|m| match m.measured {
                Some((secs, _)) => format!("{:.2}×", secs / row.objective_secs),
                None => "n/a".to_owned(),
            })
            .collect();
        let t_f = format_secs(row.objective_secs);
        println!("| {} | {t_f} | {} |", row.instance, ratios.join(" | "));
    }
    println!();
    println!("| instance | method | t_J | worst ρ vs reference |");
    println!("|---|---|---:|---:|");
    for row in rows {
        let objective_rho = row.objective_rho;
        println!("| {} | objective | {} | {objective_rho:.1e} |", row.instance, format_secs(row.objective_secs));
        for m in &row.methods {
            if let Some((secs, accuracy)) = m.measured {
                println!("| {} | {} | {} | {accuracy:.1e} |", row.instance, m.name, format_secs(secs));
            }
        }
    }
    println!();
    println!(
        "Protocol: repeats doubled until a sample takes ≥ {} s, minimum of {} samples.",
        protocol.min_sample_secs, protocol.samples
    );
}

fn print_json(rows: &[Row], protocol: Protocol) {
    let rows: Vec<serde_json::Value> = rows
        .iter()
        .map(|row| {
            let methods: Vec<serde_json::Value> = row
                .methods
                .iter()
                .map(|m| match m.measured {
                    Some((secs, accuracy)) => serde_json::json!({
                        "name": m.name, "seconds": secs,
                        "ratio": secs / row.objective_secs, "worst_rho": accuracy,
                    }),
                    None => serde_json::json!({ "name": m.name, "seconds": null, "ratio": null }),
                })
                .collect();
            serde_json::json!({
                "instance": row.instance, "objective_seconds": row.objective_secs,
                "objective_worst_rho": row.objective_rho, "methods": methods,
            })
        })
        .collect();
    let doc = serde_json::json!({
        "min_sample_seconds": protocol.min_sample_secs, "samples": protocol.samples,
        "rows": rows,
    });
    println!("{doc:#}");
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    if cfg!(debug_assertions) {
        eprintln!("warning: debug build; run with --release for meaningful times");
    }
    let mut rows = Vec::new();
    for instance in &options.instances {
        eprintln!("running {instance} …");
        match run(&options.data, instance, options.protocol) {
            Ok(row) => rows.push(row),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if options.json {
        print_json(&rows, options.protocol);
    } else {
        print_markdown(&rows, options.protocol);
    }
    ExitCode::SUCCESS
}
