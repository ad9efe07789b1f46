//! `saddle` and `particle`: the inner and outer derivatives against central finite
//! differences, the four mode combinations against each other, and the solutions against
//! GradBench's expected outputs.

mod common;
use common::*;

use backprop_gradbench::{particle, saddle};

const MODES: [(bool, bool); 4] = [(false, false), (false, true), (true, false), (true, true)];

#[test]
fn saddle_inner_gradient_is_the_partial_in_y() {
    let (x, y) = ([0.3, -1.2], [0.7, 0.4]);
    let fd = fd_gradient(|y| saddle::objective(x, [y[0], y[1]]), &y, 1e-6);
    for forward in [false, true] {
        assert_close(&saddle::gradient_y(x, y, forward), &fd, 1e-8);
    }
}

#[test]
fn saddle_outer_gradient_in_both_modes_matches_differences() {
    let start = [1.0, 1.0];
    for x in [[0.5, -0.25], [-1.5, 2.0]] {
        let fd = fd_gradient(|x| saddle::max_over_y([x[0], x[1]], start, false), &x, 1e-6);
        // The inner ascent's end does not depend on x here, so the derivative is 2x exactly.
        assert_close(&fd, &[2.0 * x[0], 2.0 * x[1]], 1e-6);
        for inner_forward in [false, true] {
            let (value, reverse) = saddle::max_over_y_grad(x, start, inner_forward);
            assert_eq!(value, saddle::max_over_y(x, start, inner_forward));
            assert_close(&reverse, &fd, 1e-6);
            let forward = [[1.0, 0.0], [0.0, 1.0]].map(|e| saddle::max_over_y_jvp(x, start, inner_forward, e).1);
            assert_close(&forward, &fd, 1e-6);
        }
    }
}

#[test]
fn saddle_finds_the_expected_point_in_every_mode() {
    // GradBench's expected output for start (1, 1), compared with its tolerance 1e-4.
    let expected = 8.246324826140356e-06;
    for (outer, inner) in MODES {
        let point = saddle::saddle([1.0, 1.0], outer, inner);
        assert_close(&point, &[expected; 4], 1e-12);
    }
}

#[test]
fn particle_force_is_the_gradient_of_the_potential() {
    let (x, w) = ([1.5, 6.0], 0.3);
    let fd = fd_gradient(|x| particle::potential([x[0], x[1]], w), &x, 1e-6);
    for forward in [false, true] {
        assert_close(&particle::potential_gradient(x, w, forward), &fd, 1e-8);
    }
}

#[test]
fn particle_outer_derivative_in_both_modes_matches_differences() {
    for w in [0.0, 0.15] {
        for inner_forward in [false, true] {
            let fd = fd_gradient(|w| particle::naive_euler(w[0], inner_forward), &[w], 1e-6);
            let (value, reverse) = particle::naive_euler_grad(w, inner_forward);
            assert_eq!(value, particle::naive_euler(w, inner_forward));
            let (_, forward) = particle::naive_euler_jvp(w, inner_forward, 1.0);
            assert_close(&[reverse], &fd, 1e-6);
            assert_close(&[forward], &fd, 1e-6);
            assert!(fd[0].abs() > 1e-3, "a derivative worth checking: {fd:?}");
        }
    }
}

#[test]
fn particle_finds_the_expected_control_in_every_mode() {
    for (outer, inner) in MODES {
        let w = particle::particle(0.0, outer, inner);
        assert!((w - 0.2071918746486116).abs() < 1e-10, "{outer} {inner}: {w}");
    }
}
