//! The argmin adapter: argmin's solvers converge on generated derivatives, and the adapter's
//! gradient and Hessian are the function's (hand-derived, and by finite differences).

mod common;

use backprop::argmin::core::{CostFunction, Executor, Gradient, Hessian, State};
use backprop::argmin::solver::conjugategradient::{NonlinearConjugateGradient, beta::PolakRibiere};
use backprop::argmin::solver::linesearch::MoreThuenteLineSearch;
use backprop::argmin::solver::newton::Newton;
use backprop::argmin::solver::quasinewton::{BFGS, LBFGS};
use backprop::argmin::solver::trustregion::{Dogleg, Steihaug, TrustRegion};
use backprop::argmin::{ModelObjective, Objective};
// A differentiable call reaches each of its callee's forms (`tanh_jvp`, …): import them all.
use backprop::layers::*;
use backprop::loss::*;
use backprop::rand::{SeedableRng, rngs::StdRng};
use backprop::{Differentiable, Tensor, differentiable};
use common::{assert_grad_close, fd_grad};

/// Rosenbrock's function in `n` dimensions, `Σ (1 − xᵢ)² + 100 (xᵢ₊₁ − xᵢ²)²`; minimum 0 at
/// `(1, …, 1)`.
#[differentiable]
fn rosenbrock(p: &[f64]) -> f64 {
    let mut total = 0.0;
    for i in 0..p.len() - 1 {
        total += (1.0 - p[i]).powi(2) + 100.0 * (p[i + 1] - p[i] * p[i]).powi(2);
    }
    total
}

/// The classic start of Rosenbrock's function, `(−1.2, 1)`, repeated.
fn start(n: usize) -> Vec<f64> {
    (0..n).map(|i| if i % 2 == 0 { -1.2 } else { 1.0 }).collect()
}

#[track_caller]
fn assert_at_ones(best: &[f64], tol: f64) {
    assert!(best.iter().all(|x| (x - 1.0).abs() < tol), "{best:?} is not (1, …, 1) within {tol}");
}

#[test]
fn lbfgs_finds_the_minimum_of_rosenbrock() {
    let problem = Objective::new(rosenbrock, rosenbrock_grad);
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), 7);
    let result = Executor::new(problem, solver).configure(|s| s.param(start(6)).max_iters(200)).run().unwrap();
    assert_at_ones(result.state().get_best_param().unwrap(), 1e-6);
    assert!(result.state().get_best_cost() < 1e-12);
}

#[test]
fn bfgs_and_nonlinear_conjugate_gradient_take_a_first_order_objective() {
    let problem = || Objective::new(rosenbrock, rosenbrock_grad);
    let identity = vec![vec![1.0, 0.0], vec![0.0, 1.0]];
    let bfgs = BFGS::new(MoreThuenteLineSearch::new());
    let result = Executor::new(problem(), bfgs)
        .configure(|s| s.param(start(2)).inv_hessian(identity).max_iters(200))
        .run()
        .unwrap();
    assert_at_ones(result.state().get_best_param().unwrap(), 1e-6);
    // A strong-Wolfe line search (c₂ = 0.1) and restarts keep the directions descending.
    let linesearch = MoreThuenteLineSearch::new().with_c(1e-4, 0.1).unwrap();
    let cg =
        NonlinearConjugateGradient::new(linesearch, PolakRibiere::new()).restart_iters(10).restart_orthogonality(0.1);
    let result = Executor::new(problem(), cg).configure(|s| s.param(start(2)).max_iters(2000)).run().unwrap();
    assert_at_ones(result.state().get_best_param().unwrap(), 1e-4);
}

#[test]
fn newton_finds_the_minimum_of_rosenbrock() {
    let problem = Objective::new(rosenbrock, rosenbrock_grad).with_hvp(rosenbrock_hvp);
    let result =
        Executor::new(problem, Newton::<f64>::new()).configure(|s| s.param(start(2)).max_iters(10)).run().unwrap();
    // Plain Newton (no line search) from (−1.2, 1) reaches (1, 1) in a handful of steps.
    assert_at_ones(result.state().get_best_param().unwrap(), 1e-10);
}

#[test]
fn trust_regions_find_the_minimum_of_rosenbrock() {
    let problem = || Objective::new(rosenbrock, rosenbrock_grad).with_hvp(rosenbrock_hvp);
    let steihaug = TrustRegion::new(Steihaug::new().with_max_iters(20));
    let result = Executor::new(problem(), steihaug).configure(|s| s.param(start(4)).max_iters(200)).run().unwrap();
    assert_at_ones(result.state().get_best_param().unwrap(), 1e-6);
    // In four dimensions Rosenbrock's function also has a local minimum, near
    // (−0.78, 0.61, 0.38, 0.15), which the dogleg reaches from this start: two dimensions.
    let dogleg = TrustRegion::new(Dogleg::new());
    let result = Executor::new(problem(), dogleg).configure(|s| s.param(start(2)).max_iters(200)).run().unwrap();
    assert_at_ones(result.state().get_best_param().unwrap(), 1e-6);
}

/// `f(x, y) = (1 − x)² + 100 (y − x²)²`:
/// `∇f = (−2(1 − x) − 400 x (y − x²), 200 (y − x²))`,
/// `H = [[2 − 400 (y − x²) + 800 x², −400 x], [−400 x, 200]]`.
#[test]
fn cost_gradient_and_hessian_are_the_functions() {
    let problem = Objective::new(rosenbrock, rosenbrock_grad).with_hvp(rosenbrock_hvp);
    for (x, y) in [(-1.2, 1.0), (0.5, -0.3), (2.0, 3.5)] {
        let p = vec![x, y];
        let r = y - x * x;
        assert_eq!(problem.cost(&p).unwrap(), rosenbrock(&p));
        let gradient = problem.gradient(&p).unwrap();
        assert_grad_close(&gradient, &[-2.0 * (1.0 - x) - 400.0 * x * r, 200.0 * r], 1e-12);
        assert_grad_close(&gradient, &fd_grad(rosenbrock, &p), 1e-6);
        let hessian = problem.hessian(&p).unwrap().to_rows();
        let want = [[2.0 - 400.0 * r + 800.0 * x * x, -400.0 * x], [-400.0 * x, 200.0]];
        for (got, want) in hessian.iter().zip(&want) {
            assert_grad_close(got, want, 1e-12);
        }
    }
}

#[test]
fn the_hessian_matches_finite_differences_of_the_gradient() {
    let problem = Objective::new(rosenbrock, rosenbrock_grad).with_hvp(rosenbrock_hvp);
    let p = vec![0.3, -0.7, 1.1, 0.4];
    let hessian = problem.hessian(&p).unwrap();
    for i in 0..p.len() {
        let row: Vec<f64> = (0..p.len()).map(|j| hessian[(i, j)]).collect();
        let fd_row = fd_grad(|q| rosenbrock_grad(q).1[i], &p);
        assert_grad_close(&row, &fd_row, 1e-5);
    }
}

/// Least squares of a line `y = a + b x` through data: the loss takes the data besides the
/// parameters, through closures.
#[differentiable(wrt(p))]
fn line_loss(p: &[f64], xs: &[f64], ys: &[f64]) -> f64 {
    let mut total = 0.0;
    for i in 0..xs.len() {
        let r = p[0] + p[1] * xs[i] - ys[i];
        total += r * r;
    }
    total
}

#[test]
fn closures_carry_data_and_newton_solves_a_quadratic_in_one_step() {
    let xs = [0.0, 1.0, 2.0, 3.0];
    let ys = [1.0, 3.1, 4.9, 7.0]; // about 1 + 2x
    let problem = Objective::new(|p: &[f64]| line_loss(p, &xs, &ys), |p: &[f64]| line_loss_grad(p, &xs, &ys))
        .with_hvp(|p: &[f64], v: &[f64]| line_loss_hvp(p, &xs, &ys, v));
    let result =
        Executor::new(problem, Newton::<f64>::new()).configure(|s| s.param(vec![0.0, 0.0]).max_iters(1)).run().unwrap();
    // The normal equations: b = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)² = 9.9 / 5 = 1.98, a = ȳ − b x̄ = 4 − 2.97 = 1.03.
    let best = result.state().get_best_param().unwrap();
    assert_grad_close(best, &[1.03, 1.98], 1e-12);
}

/// `(x + y)²` has the singular Hessian `[[2, 2], [2, 2]]`: Newton's step does not exist.
#[differentiable]
fn valley(p: &[f64]) -> f64 {
    (p[0] + p[1]).powi(2)
}

#[test]
fn a_singular_hessian_stops_newton_with_a_message_saying_what_to_do() {
    let problem = Objective::new(valley, valley_grad).with_hvp(valley_hvp);
    let err = Executor::new(problem, Newton::<f64>::new()).configure(|s| s.param(vec![1.0, 2.0]).max_iters(5)).run();
    let message = err.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("the 2×2 Hessian is singular or not finite"), "{message}");
    assert!(message.contains("use a trust-region solver (Steihaug) or L-BFGS"), "{message}");
}

/// 2 inputs → 6 hidden units (tanh) → 2 classes, in `f32`.
#[derive(Differentiable, Clone)]
struct Net {
    hidden: Dense,
    out: Dense,
}

#[differentiable(wrt(net))]
fn xor_loss(net: &Net, x: &Tensor, labels: &[usize]) -> f32 {
    softmax_cross_entropy(&net.out.forward(&tanh(&net.hidden.forward(x))), labels)
}

fn xor() -> (Tensor, [usize; 4]) {
    (Tensor::new(vec![0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0], &[4, 2]).unwrap(), [0, 1, 1, 0])
}

#[test]
fn lbfgs_trains_a_network_through_a_model_objective() {
    let (x, labels) = xor();
    let mut rng = StdRng::seed_from_u64(1);
    let net = Net { hidden: Dense::new(2, 6, &mut rng), out: Dense::xavier(6, 2, &mut rng) };
    let problem = ModelObjective::new(net, |n: &Net| xor_loss(n, &x, &labels), |n: &Net| xor_loss_grad(n, &x, &labels));
    let start = problem.params();
    assert_eq!(start.len(), 2 * 6 + 6 + 6 * 2 + 2);
    let result = Executor::new(problem.clone(), LBFGS::new(MoreThuenteLineSearch::new(), 7))
        .configure(|s| s.param(start).max_iters(300))
        .run()
        .unwrap();
    let trained = problem.model(result.state().get_best_param().unwrap()).unwrap();
    let loss = xor_loss(&trained, &x, &labels);
    assert!(loss < 1e-3, "loss {loss}");
    let logits = trained.out.forward(&tanh(&trained.hidden.forward(&x)));
    assert_eq!(logits.argmax_rows(), labels);
}

#[test]
fn a_model_objective_is_the_models_loss_and_gradient_in_walk_order() {
    let (x, labels) = xor();
    let net = Net {
        hidden: Dense::new(2, 3, &mut StdRng::seed_from_u64(2)),
        out: Dense::new(3, 2, &mut StdRng::seed_from_u64(3)),
    };
    let problem =
        ModelObjective::new(net.clone(), |n: &Net| xor_loss(n, &x, &labels), |n: &Net| xor_loss_grad(n, &x, &labels));
    let p = problem.params();
    assert_eq!(p, backprop::flatten(&net));
    assert_eq!(problem.cost(&p).unwrap(), f64::from(xor_loss(&net, &x, &labels)));
    assert_eq!(problem.gradient(&p).unwrap(), backprop::flatten(&xor_loss_grad(&net, &x, &labels).1));
    // The gradient against finite differences of the cost, in f64 steps on f32 weights.
    let fd = (0..p.len()).map(|i| {
        let (mut up, mut down) = (p.clone(), p.clone());
        up[i] += 1e-2;
        down[i] -= 1e-2;
        (problem.cost(&up).unwrap() - problem.cost(&down).unwrap()) / 2e-2
    });
    let fd: Vec<f64> = fd.collect();
    assert_grad_close(&problem.gradient(&p).unwrap(), &fd, 2e-2);
    let err = problem.model(&p[1..]).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        err.contains("the parameters hold 16 values and the model 17 floats; start from `ModelObjective::params`"),
        "{err}"
    );
}
