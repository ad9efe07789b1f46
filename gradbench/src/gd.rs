//! The gradient-descent solver of `saddle` and `particle`: GradBench's `gd.hpp`
//! (`multivariate_argmin` / `multivariate_argmax`), step for step, so that every tool stops at
//! the same point. This is the *outer* solver, which is not itself differentiated; the inner
//! solvers that are differentiated are written out inside the `#[differentiable]` functions
//! (see `NOTES.md`, "Generic solver in differentiable code").

fn norm(v: &[f64]) -> f64 {
    v.iter().map(|x| x * x).sum::<f64>().sqrt()
}

fn distance(u: &[f64], v: &[f64]) -> f64 {
    u.iter().zip(v).map(|(a, b)| (a - b) * (a - b)).sum::<f64>().sqrt()
}

/// The argmin of `f` by gradient descent from `start`: steps of `eta` (from 1e-5), doubled after
/// ten accepted steps in a row and halved after a step that does not decrease `f`, until the
/// gradient or the step is at most 1e-5 long.
pub fn argmin(f: impl Fn(&[f64]) -> f64, gradient: impl Fn(&[f64]) -> Vec<f64>, start: &[f64]) -> Vec<f64> {
    let mut x = start.to_vec();
    let mut fx = f(&x);
    let mut gx = gradient(&x);
    let mut accepted = 0;
    let mut eta = 1e-5;
    loop {
        if norm(&gx) <= 1e-5 {
            return x;
        } else if accepted == 10 {
            eta *= 2.0;
            accepted = 0;
        } else {
            let next: Vec<f64> = x.iter().zip(&gx).map(|(xi, gi)| xi - eta * gi).collect();
            if distance(&x, &next) <= 1e-5 {
                return x;
            }
            let f_next = f(&next);
            if f_next < fx {
                x = next;
                fx = f_next;
                gx = gradient(&x);
                accepted += 1;
            } else {
                eta /= 2.0;
                accepted = 0;
            }
        }
    }
}

/// The argmax of `f`: [`argmin`] of −f.
pub fn argmax(f: impl Fn(&[f64]) -> f64, gradient: impl Fn(&[f64]) -> Vec<f64>, start: &[f64]) -> Vec<f64> {
    argmin(|x| -f(x), |x| gradient(x).iter().map(|g| -g).collect(), start)
}
