//! A [GradBench](https://github.com/gradbench/gradbench) tool for `backprop`: every eval's
//! objective is written once as plain Rust under `#[differentiable]`, and its derivative is the
//! generated `_grad` / `_vjp` / `_jvp`. The binary `backprop-gradbench` answers the protocol on
//! stdin/stdout ([`protocol::serve`]).

pub mod ba;
pub mod det;
pub mod gd;
pub mod gmm;
pub mod hello;
pub mod ht;
pub mod kmeans;
pub mod llsq;
pub mod lse;
pub mod lstm;
pub mod ode;
pub mod particle;
pub mod protocol;
pub mod runs;
pub mod saddle;

use serde_json::Value;

/// What evaluating one function of a module gives: its output and the time of each run, in
/// nanoseconds.
pub type Evaluated = Result<(Value, Vec<u128>), String>;

/// The modules this tool implements, in the order of the evals' names.
pub const MODULES: &[&str] =
    &["ba", "det", "gmm", "hello", "ht", "kmeans", "llsq", "lse", "lstm", "ode", "particle", "saddle"];

/// Evaluates `function` of `module` on `input` (the eval's JSON), as many times as the input's
/// `min_runs` / `min_seconds` ask.
pub fn evaluate(module: &str, function: &str, input: &Value) -> Evaluated {
    match module {
        "ba" => ba::evaluate(function, input),
        "det" => det::evaluate(function, input),
        "gmm" => gmm::evaluate(function, input),
        "hello" => hello::evaluate(function, input),
        "ht" => ht::evaluate(function, input),
        "kmeans" => kmeans::evaluate(function, input),
        "llsq" => llsq::evaluate(function, input),
        "lse" => lse::evaluate(function, input),
        "lstm" => lstm::evaluate(function, input),
        "ode" => ode::evaluate(function, input),
        "particle" => particle::evaluate(function, input),
        "saddle" => saddle::evaluate(function, input),
        _ => Err(format!("module {module:?} is not implemented")),
    }
}

/// The error for a function name a module does not have.
pub(crate) fn unknown(module: &str, function: &str) -> String {
    format!("module {module:?} has no function {function:?}")
}
