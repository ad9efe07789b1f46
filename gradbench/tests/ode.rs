//! `ode`: Runge–Kutta against the exact polynomial solution, and the gradient of the last
//! entry against the closed form and central finite differences.

mod common;
use common::*;

use backprop_gradbench::ode;

/// yᵢ(2) = x₀·x₁⋯xᵢ·2ⁱ⁺¹/(i + 1)!, the exact solution.
fn exact(x: &[f64]) -> Vec<f64> {
    let mut y = Vec::new();
    let mut term = x[0] * 2.0;
    for (i, xi) in x.iter().enumerate() {
        if i > 0 {
            term *= xi * 2.0 / (i + 1) as f64;
        }
        y.push(term);
    }
    y
}

#[test]
fn runge_kutta_is_exact_for_quartic_solutions() {
    // With n ≤ 4 the solution is a polynomial of degree ≤ 4, which one RK4 step integrates
    // exactly.
    let x = vector(4, 5, 0.2, 1.0);
    for s in [1, 3] {
        assert_close(&ode::ode(&x, s), &exact(&x), 1e-14);
    }
}

#[test]
fn gradient_of_last_entry_is_the_product_rule() {
    // y₃(2) = x₀x₁x₂x₃·2⁴/4!, so ∂y₃/∂xᵢ = y₃/xᵢ.
    let x = vector(4, 6, 0.2, 1.0);
    let last = exact(&x)[3];
    let expected: Vec<f64> = x.iter().map(|xi| last / xi).collect();
    assert_close(&ode::ode_gradient(&x, 2), &expected, 1e-13);
}

#[test]
fn gradient_matches_differences_where_runge_kutta_is_not_exact() {
    let x = vector(9, 7, 0.0, 1.0);
    for s in [1, 4] {
        let fd = fd_gradient(|x| *ode::ode(x, s).last().unwrap(), &x, 1e-6);
        let grad = ode::ode_gradient(&x, s);
        assert_close(&grad, &fd, 1e-8);
        // RK4 is no longer exact, so the closed form should not hold to rounding.
        let gap = (ode::ode(&x, s)[8] - exact(&x)[8]).abs();
        assert!(gap > 1e-10, "gap {gap}");
    }
}
