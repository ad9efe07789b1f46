//! `det`: the determinant by expansion by minors (cmpad's `det_by_minor`), `primal` and
//! `gradient`.

use backprop::differentiable;
use serde::Deserialize;
use serde_json::Value;

use crate::Evaluated;
use crate::runs::{parse, repeat, runs_of};

#[derive(Deserialize)]
struct Input {
    #[serde(rename = "A")]
    a: Vec<f64>,
    ell: usize,
}

/// The determinant of the minor of the `ell`×`ell` row-major matrix `a` made of the rows
/// `rows` and the columns `cols` (as many of each), expanded along its first row.
#[differentiable]
pub fn det_of_minor(a: &[f64], ell: usize, rows: &[usize], cols: &[usize]) -> f64 {
    let m = cols.len();
    if m == 1 {
        return a[rows[0] * ell + cols[0]];
    }
    let mut det = 0.0;
    for j in 0..m {
        let mut rest = Vec::with_capacity(m - 1);
        for (k, &c) in cols.iter().enumerate() {
            if k != j {
                rest.push(c);
            }
        }
        let term = a[rows[0] * ell + cols[j]] * det_of_minor(a, ell, &rows[1..], &rest);
        if j % 2 == 0 {
            det += term;
        } else {
            det -= term;
        }
    }
    det
}

/// The determinant of the `ell`×`ell` row-major matrix `a`.
#[differentiable]
pub fn det(a: &[f64], ell: usize) -> f64 {
    let all: Vec<usize> = (0..ell).collect();
    det_of_minor(a, ell, &all, &all)
}

/// `primal` (the value) and `gradient` (from `det_grad`, row-major like `A`).
pub fn evaluate(function: &str, input: &Value) -> Evaluated {
    let Input { a, ell } = parse(input)?;
    match function {
        "primal" => repeat(runs_of(input), || det(&a, ell)),
        "gradient" => repeat(runs_of(input), || det_grad(&a, ell).1),
        _ => Err(crate::unknown("det", function)),
    }
}
