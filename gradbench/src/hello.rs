//! `hello`: `square` (x²) and `double`, its derivative.

use backprop::differentiable;
use serde_json::Value;

use crate::Evaluated;
use crate::runs::{parse, repeat, runs_of};

/// The function whose derivative `double` is.
#[differentiable]
pub fn square(x: f64) -> f64 {
    x * x
}

/// `square` and `double` (its derivative, from `square_grad`); the input is a bare number.
pub fn evaluate(function: &str, input: &Value) -> Evaluated {
    let x: f64 = parse(input)?;
    match function {
        "square" => repeat(runs_of(input), || square(x)),
        "double" => repeat(runs_of(input), || square_grad(x).1),
        _ => Err(crate::unknown("hello", function)),
    }
}
