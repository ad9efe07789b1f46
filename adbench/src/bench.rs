//! The ADBench measurement protocol (ADBench `docs/Methodology.md`) and the list of derivative
//! methods per objective.
//!
//! To add the generated derivative of an objective, write one `fn(&Input, &mut Derivative)`
//! and put it in the `backprop` entry of [`gmm_methods`], [`lstm_methods`] or [`ba_methods`].
//! Outputs are written into storage kept across repeats, as ADBench's modules keep theirs; on
//! this machine a fresh 16 MB BA Jacobian per call cost more in page faults than the Jacobian.

use crate::io::{BaInput, BaRef, GmmInput, LstmInput, ScalarRef};
use crate::manual::{self, BaJacobian};
use crate::{fd, generated, max_rho, objective, rho};
use std::hint::black_box;
use std::time::Instant;

/// How long one sample must take and how many samples to keep the minimum of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Protocol {
    /// Repeats are doubled until one sample takes at least this long (seconds).
    pub min_sample_secs: f64,
    /// Number of samples; the minimum is reported.
    pub samples: usize,
}

impl Default for Protocol {
    fn default() -> Self {
        Self { min_sample_secs: 0.1, samples: 5 }
    }
}

/// Seconds per call of `f` under `protocol`: repeats doubled until a sample reaches the
/// minimum time, then the minimum over `protocol.samples` samples (the first included).
pub fn measure<R>(protocol: Protocol, mut f: impl FnMut() -> R) -> f64 {
    let mut sample = |repeats: u64| {
        let start = Instant::now();
        for _ in 0..repeats {
            black_box(f());
        }
        start.elapsed().as_secs_f64() / repeats as f64
    };
    let mut repeats = 1_u64;
    let mut best = loop {
        let per_call = sample(repeats);
        if per_call * repeats as f64 >= protocol.min_sample_secs || repeats >= 1 << 40 {
            break per_call;
        }
        repeats *= 2;
    };
    for _ in 1..protocol.samples {
        best = best.min(sample(repeats));
    }
    best
}

/// A named way of computing the derivative of one objective; `None` prints as `n/a`.
pub struct Method<I, D> {
    /// Column name in the table.
    pub name: &'static str,
    /// The derivative, written into the (reused) output, or `None` while it does not exist.
    pub run: Option<fn(&I, &mut D)>,
}

/// GMM gradient methods: manual, finite differences, backprop.
pub fn gmm_methods() -> Vec<Method<GmmInput, Vec<f64>>> {
    vec![
        Method { name: "manual", run: Some(|input, out| *out = manual::gmm_gradient(input).1) },
        Method { name: "finite differences", run: Some(|input, out| *out = fd::gmm_gradient(input)) },
        Method { name: "backprop", run: Some(|input, out| *out = generated::gmm_gradient(input).1) },
    ]
}

/// LSTM gradient methods: manual, finite differences, backprop.
pub fn lstm_methods() -> Vec<Method<LstmInput, Vec<f64>>> {
    vec![
        Method { name: "manual", run: Some(|input, out| *out = manual::lstm_gradient(input).1) },
        Method { name: "finite differences", run: Some(|input, out| *out = fd::lstm_gradient(input)) },
        Method { name: "backprop", run: Some(|input, out| *out = generated::lstm_gradient(input).1) },
    ]
}

/// BA Jacobian methods: manual, finite differences, backprop. A generated
/// block plugs in through [`manual::ba_jacobian_with`].
pub fn ba_methods() -> Vec<Method<BaInput, BaJacobian>> {
    vec![
        Method { name: "manual", run: Some(manual::ba_jacobian_into) },
        Method { name: "finite differences", run: Some(fd::ba_jacobian_into) },
        Method { name: "backprop", run: Some(generated::ba_jacobian_into) },
    ]
}

/// One derivative method's measurement.
#[derive(Debug, Clone, PartialEq)]
pub struct MethodResult {
    /// The method's name.
    pub name: &'static str,
    /// Seconds per derivative and the worst ρ against the reference; `None` if not available.
    pub measured: Option<(f64, f64)>,
}

/// One instance's measurements.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Instance name, e.g. `gmm/10k/gmm_d10_K5`.
    pub instance: String,
    /// Seconds per objective evaluation.
    pub objective_secs: f64,
    /// Worst ρ of the objective against the reference.
    pub objective_rho: f64,
    /// One entry per method, in table order.
    pub methods: Vec<MethodResult>,
}

/// Everything [`run_instance`] needs to know about one objective.
pub struct Subject<'a, I, O, D> {
    /// Instance name.
    pub instance: &'a str,
    /// The loaded input.
    pub input: &'a I,
    /// The objective, written into the (reused) output.
    pub objective: fn(&I, &mut O),
    /// Worst ρ of an objective value against the reference.
    pub check_objective: &'a dyn Fn(&O) -> f64,
    /// The derivative methods.
    pub methods: Vec<Method<I, D>>,
    /// Worst ρ of a derivative against the reference.
    pub check_derivative: &'a dyn Fn(&D) -> f64,
}

/// Checks and times the objective and every method of `subject`, in one process.
pub fn run_instance<I, O: Default, D: Default>(subject: Subject<'_, I, O, D>, protocol: Protocol) -> Row {
    let input = subject.input;
    let mut value = O::default();
    (subject.objective)(input, &mut value);
    let objective_rho = (subject.check_objective)(&value);
    let objective_secs = measure(protocol, || (subject.objective)(input, black_box(&mut value)));
    let methods = subject
        .methods
        .iter()
        .map(|method| MethodResult {
            name: method.name,
            measured: method.run.map(|run| {
                let mut out = D::default();
                run(input, &mut out);
                let accuracy = (subject.check_derivative)(&out);
                (measure(protocol, || run(input, black_box(&mut out))), accuracy)
            }),
        })
        .collect();
    Row { instance: subject.instance.to_owned(), objective_secs, objective_rho, methods }
}

/// Worst ρ of a scalar objective against a reference file.
pub fn scalar_objective_rho(value: f64, reference: &ScalarRef) -> f64 {
    rho(value, reference.objective)
}

/// Worst ρ of a gradient against a reference file.
pub fn gradient_rho(gradient: &[f64], reference: &ScalarRef) -> f64 {
    max_rho(gradient, &reference.gradient)
}

/// Worst ρ of the 3p BA outputs, given that every observation repeats the reference's values.
pub fn ba_objective_rho(err: &[f64], reference: &BaRef) -> f64 {
    let p = err.len() / 3;
    let mut expected = Vec::with_capacity(3 * p);
    for _ in 0..p {
        expected.extend_from_slice(&reference.reproj_err);
    }
    expected.resize(3 * p, reference.w_err);
    max_rho(err, &expected)
}

/// Worst ρ of a BA Jacobian against the reference block (repeated for every observation), or
/// infinity if its CSR structure is not ADBench's.
pub fn ba_jacobian_rho(jacobian: &BaJacobian, input: &BaInput, reference: &BaRef) -> f64 {
    if !ba_structure_ok(jacobian, input) {
        return f64::INFINITY;
    }
    let p = input.p;
    let mut worst = 0.0_f64;
    for (row_index, row) in jacobian.vals[..30 * p].chunks_exact(15).enumerate() {
        worst = worst.max(max_rho(row, &reference.block[row_index % 2]));
    }
    let weights = vec![reference.dw_err_dw; p];
    worst.max(max_rho(&jacobian.vals[30 * p..], &weights))
}

/// Whether `jacobian` has ADBench's CSR layout for `input`: 15 entries in each reprojection row
/// at (camera, point, weight) columns in ascending order, then one −2w entry per weight row.
pub fn ba_structure_ok(jacobian: &BaJacobian, input: &BaInput) -> bool {
    let (n, m, p) = (input.n, input.m, input.p);
    let mut expected_cols = Vec::with_capacity(31 * p);
    for i in 0..p {
        let (cam, point) = (input.obs[2 * i], input.obs[2 * i + 1]);
        for _ in 0..2 {
            expected_cols.extend((0..11).map(|j| 11 * cam + j));
            expected_cols.extend((0..3).map(|j| 11 * n + 3 * point + j));
            expected_cols.push(11 * n + 3 * m + i);
        }
    }
    expected_cols.extend((0..p).map(|i| 11 * n + 3 * m + i));
    let expected_rows: Vec<usize> =
        (0..=3 * p).map(|r| if r <= 2 * p { 15 * r } else { 30 * p + (r - 2 * p) }).collect();
    jacobian.nrows == 3 * p
        && jacobian.ncols == input.n_cols()
        && jacobian.rows == expected_rows
        && jacobian.cols == expected_cols
        && jacobian.vals.len() == 31 * p
}

/// The GMM objective in the benchmark's calling convention.
pub fn gmm_objective(input: &GmmInput, out: &mut f64) {
    *out = objective::gmm_objective_input(input);
}

/// The LSTM objective in the benchmark's calling convention.
pub fn lstm_objective(input: &LstmInput, out: &mut f64) {
    *out = objective::lstm_objective_input(input);
}

/// The BA objective in the benchmark's calling convention (output reused).
pub fn ba_objective(input: &BaInput, out: &mut Vec<f64>) {
    objective::ba_objective_input_into(input, out);
}
