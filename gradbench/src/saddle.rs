//! `saddle`: min over x of max over y of f(x, y) = |x|² − |y|², by gradient descent with the
//! inner maximisation differentiated inside the outer one (nested differentiation). The four
//! functions `rr`, `rf`, `fr`, `ff` name the mode of the outer (argmin) and of the inner
//! (argmax) derivative: reverse (`_grad`) or forward (one `_jvp` per input).
//!
//! GradBench's README writes f with x = (x₁, y₁) and y = (x₂, y₂); its C++ reference
//! (`saddle.hpp`) computes `objective(p1[0], p1[1], p2[0], p2[1])`, i.e. |p₁|² − |p₂|², which
//! is what this is.

use backprop::differentiable;
use serde::Deserialize;
use serde_json::Value;

use crate::runs::{parse, repeat, runs_of};
use crate::{Evaluated, gd};

#[derive(Deserialize)]
struct Input {
    start: [f64; 2],
}

/// The function whose saddle point is sought.
#[differentiable]
pub fn objective(x: [f64; 2], y: [f64; 2]) -> f64 {
    (x[0] * x[0] + x[1] * x[1]) - (y[0] * y[0] + y[1] * y[1])
}

/// ∇_y f(x, y): from `objective_grad` (reverse) or from two `objective_jvp`s along y's axes
/// (forward).
#[differentiable]
pub fn gradient_y(x: [f64; 2], y: [f64; 2], forward: bool) -> [f64; 2] {
    if forward {
        let (_, d0) = objective_jvp(x, y, [0.0, 0.0], [1.0, 0.0]);
        let (_, d1) = objective_jvp(x, y, [0.0, 0.0], [0.0, 1.0]);
        [d0, d1]
    } else {
        let (_, (_, dy)) = objective_grad(x, y);
        dy
    }
}

/// max over y of f(x, y), by the gradient ascent of [`gd::argmax`] from `start` (written out:
/// this function is differentiated with respect to x through the whole ascent).
#[differentiable(wrt(x))]
pub fn max_over_y(x: [f64; 2], start: [f64; 2], forward: bool) -> f64 {
    // Descent on −f.
    let mut y = start;
    let mut fy = -objective(x, y);
    let g = gradient_y(x, y, forward);
    let mut gy = [-g[0], -g[1]];
    let mut accepted = 0;
    let mut eta = 1e-5;
    loop {
        if (gy[0] * gy[0] + gy[1] * gy[1]).sqrt() <= 1e-5 {
            break;
        } else if accepted == 10 {
            eta *= 2.0;
            accepted = 0;
        } else {
            let next = [y[0] - eta * gy[0], y[1] - eta * gy[1]];
            if ((y[0] - next[0]) * (y[0] - next[0]) + (y[1] - next[1]) * (y[1] - next[1])).sqrt() <= 1e-5 {
                break;
            }
            let f_next = -objective(x, next);
            if f_next < fy {
                y = next;
                fy = f_next;
                let g = gradient_y(x, y, forward);
                gy = [-g[0], -g[1]];
                accepted += 1;
            } else {
                eta /= 2.0;
                accepted = 0;
            }
        }
    }
    objective(x, y)
}

fn point(v: &[f64]) -> [f64; 2] {
    [v[0], v[1]]
}

/// The saddle point (x, y) from `start`: x = argmin of [`max_over_y`], its gradient in the
/// outer mode through the inner mode; then y = argmax of f(x, ·) in the inner mode.
pub fn saddle(start: [f64; 2], outer_forward: bool, inner_forward: bool) -> [f64; 4] {
    let cost = |x: &[f64]| max_over_y(point(x), start, inner_forward);
    let x = if outer_forward {
        gd::argmin(
            cost,
            |x| {
                let d0 = max_over_y_jvp(point(x), start, inner_forward, [1.0, 0.0]).1;
                let d1 = max_over_y_jvp(point(x), start, inner_forward, [0.0, 1.0]).1;
                vec![d0, d1]
            },
            &start,
        )
    } else {
        gd::argmin(cost, |x| max_over_y_grad(point(x), start, inner_forward).1.to_vec(), &start)
    };
    let x = point(&x);
    let y = gd::argmax(|y| objective(x, point(y)), |y| gradient_y(x, point(y), inner_forward).to_vec(), &start);
    [x[0], x[1], y[0], y[1]]
}

/// `rr`, `rf`, `fr`, `ff`: the outer mode, then the inner one.
pub fn evaluate(function: &str, input: &Value) -> Evaluated {
    let Input { start } = parse(input)?;
    let (outer_forward, inner_forward) = match function {
        "rr" => (false, false),
        "rf" => (false, true),
        "fr" => (true, false),
        "ff" => (true, true),
        _ => return Err(crate::unknown("saddle", function)),
    };
    repeat(runs_of(input), || saddle(start, outer_forward, inner_forward))
}
