//! `particle`: the control w that makes a charged particle, accelerated by the field of two
//! charges (one placed by w), cross the x axis at the origin. The trajectory (Euler steps) uses
//! the gradient of the potential, and the outer gradient descent on w differentiates through
//! it (nested differentiation). `rr`, `rf`, `fr`, `ff` name the mode of the outer (argmin)
//! and of the inner (force) derivative: reverse (`_grad`) or forward (`_jvp`).

use backprop::differentiable;
use serde::Deserialize;
use serde_json::Value;

use crate::runs::{parse, repeat, runs_of};
use crate::{Evaluated, gd};

#[derive(Deserialize)]
struct Input {
    w: f64,
}

/// The potential at x of unit charges at (10, 10 − w) and (10, 0): Σ 1/|x − c|.
#[differentiable]
pub fn potential(x: [f64; 2], w: f64) -> f64 {
    let charges = [[10.0, 10.0 - w], [10.0, 0.0]];
    let mut p = 0.0;
    for c in charges.iter() {
        p += 1.0 / ((x[0] - c[0]) * (x[0] - c[0]) + (x[1] - c[1]) * (x[1] - c[1])).sqrt();
    }
    p
}

/// ∇ₓ p(x; w): from `potential_grad` (reverse) or from two `potential_jvp`s (forward).
#[differentiable]
pub fn potential_gradient(x: [f64; 2], w: f64, forward: bool) -> [f64; 2] {
    if forward {
        let (_, d0) = potential_jvp(x, w, [1.0, 0.0], 0.0);
        let (_, d1) = potential_jvp(x, w, [0.0, 1.0], 0.0);
        [d0, d1]
    } else {
        let (_, (dx, _)) = potential_grad(x, w);
        dx
    }
}

/// x₀(t_f)², where the particle, from (0, 8) with velocity (0.75, 0) and moved by Euler steps
/// of 0.1 under the force −∇ₓp, crosses the x axis at t_f (interpolated linearly in the last
/// step).
#[differentiable(wrt(w))]
pub fn naive_euler(w: f64, forward: bool) -> f64 {
    let mut x = [0.0, 8.0];
    let mut xdot = [0.75, 0.0];
    let delta_t = 1e-1;
    loop {
        let force = potential_gradient(x, w, forward);
        let xddot = [-force[0], -force[1]];
        x = [x[0] + delta_t * xdot[0], x[1] + delta_t * xdot[1]];
        if x[1] <= 0.0 {
            let delta_t_f = -x[1] / xdot[1];
            let x_t_f = [x[0] + delta_t_f * xdot[0], x[1] + delta_t_f * xdot[1]];
            return x_t_f[0] * x_t_f[0];
        }
        xdot = [xdot[0] + delta_t * xddot[0], xdot[1] + delta_t * xddot[1]];
    }
}

/// The w minimising [`naive_euler`], by gradient descent from `w0`; its derivative in the outer
/// mode, through the inner mode's force.
pub fn particle(w0: f64, outer_forward: bool, inner_forward: bool) -> f64 {
    let cost = |w: &[f64]| naive_euler(w[0], inner_forward);
    let w = if outer_forward {
        gd::argmin(cost, |w| vec![naive_euler_jvp(w[0], inner_forward, 1.0).1], &[w0])
    } else {
        gd::argmin(cost, |w| vec![naive_euler_grad(w[0], inner_forward).1], &[w0])
    };
    w[0]
}

/// `rr`, `rf`, `fr`, `ff`: the outer mode, then the inner one.
pub fn evaluate(function: &str, input: &Value) -> Evaluated {
    let Input { w } = parse(input)?;
    let (outer_forward, inner_forward) = match function {
        "rr" => (false, false),
        "rf" => (false, true),
        "fr" => (true, false),
        "ff" => (true, true),
        _ => return Err(crate::unknown("particle", function)),
    };
    repeat(runs_of(input), || particle(w, outer_forward, inner_forward))
}
