//! Quickstart: minimise Rosenbrock's function by gradient descent with a generated gradient.
//!
//! `cargo run --release --example quickstart`

use backprop::differentiable;

/// Rosenbrock's banana function; its minimum is 0 at (1, 1), at the end of a long, flat,
/// curved valley that makes plain gradient descent work for its result.
#[differentiable]
fn rosenbrock(x: f64, y: f64) -> f64 {
    let a = 1.0 - x;
    let b = y - x * x;
    a * a + 100.0 * b * b
}

fn main() {
    let (mut x, mut y) = (-1.2, 1.0);
    let mut step = 1e-3;
    let (mut value, (mut dx, mut dy)) = rosenbrock_grad(x, y);
    println!("{:>6}  {:>12}  {:>10}  {:>10}  {:>12}", "iter", "f(x, y)", "x", "y", "|gradient|");
    for iteration in 0..=20_000 {
        if iteration % 2_000 == 0 {
            println!("{iteration:>6}  {value:>12.6e}  {x:>10.6}  {y:>10.6}  {:>12.4e}", dx.hypot(dy));
        }
        // Backtracking: shrink the step until it lowers the function, then let it grow.
        loop {
            let (nx, ny) = (x - step * dx, y - step * dy);
            let candidate = rosenbrock(nx, ny);
            if candidate < value {
                (x, y) = (nx, ny);
                step *= 1.2;
                break;
            }
            step *= 0.5;
        }
        (value, (dx, dy)) = rosenbrock_grad(x, y);
    }
    println!("minimum found at ({x:.6}, {y:.6}); the true minimum is at (1, 1)");
}
