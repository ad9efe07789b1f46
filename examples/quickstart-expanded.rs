//! What `#[differentiable]` writes for `quickstart.rs`'s function, as `cargo expand --example
//! quickstart` prints it (attributes shortened). It is ordinary Rust: this file compiles and
//! runs without the macro, and `main` checks it against the macro's own output.
//!
//! `cargo run --release --example quickstart-expanded`
//!
//! Read it as two sweeps. The forward sweep is the function itself, with one product
//! (`100.0 * b`) kept in `__t4` because the reverse sweep needs it. The reverse sweep starts
//! from the seed (the adjoint of the result) and walks the statements backwards, applying the
//! chain rule: every `__d_v` is ∂result/∂v. A value used twice gets both contributions added
//! (`+=`); a square (`a * a`, `x * x`) gets its one contribution doubled (`· 2.0`, exact).
//!
//! To see this for any function of yours: `cargo expand`, or
//! `cargo run -p backprop-codegen --example expand_file -- file_with_the_function.rs`.

/// Rosenbrock's banana function, as written in `quickstart.rs` (there it carries
/// `#[differentiable]`; the macro keeps it unchanged).
fn rosenbrock(x: f64, y: f64) -> f64 {
    let a = 1.0 - x;
    let b = y - x * x;
    a * a + 100.0 * b * b
}

/// Value of [`rosenbrock`] and its pullback, which maps an adjoint of the output to the
/// gradient. Other differentiable functions that call `rosenbrock` call this.
#[allow(unused_mut)]
fn rosenbrock_vjp(x: f64, y: f64) -> (f64, impl FnOnce(f64) -> (f64, f64) + use<>) {
    let a = 1.0 - x;
    let b = y - x * x;
    let __t4 = 100.0 * b;
    let __value = a * a + __t4 * b;
    (__value, move |__seed: f64| {
        let mut __d_t6 = __seed;
        let mut __d_t3 = __d_t6;
        let mut __d_t4 = __d_t6 * b;
        let mut __d_b = __d_t6 * __t4;
        __d_b += __d_t4 * 100.0;
        let mut __d_a = __d_t3 * a * 2.0;
        let mut __d_y = __d_b;
        let mut __d_t1 = -__d_b;
        let mut __d_x = __d_t1 * x * 2.0;
        __d_x += -__d_a;
        (__d_x, __d_y)
    })
}

/// Value and gradient of [`rosenbrock`]: the same two sweeps, inline, seeded with 1.
#[allow(unused_mut)]
fn rosenbrock_grad(x: f64, y: f64) -> (f64, (f64, f64)) {
    let a = 1.0 - x;
    let b = y - x * x;
    let __t4 = 100.0 * b;
    let __value = a * a + __t4 * b;
    let __seed: f64 = 1.0;
    let mut __d_t6 = __seed;
    let mut __d_t3 = __d_t6;
    let mut __d_t4 = __d_t6 * b;
    let mut __d_b = __d_t6 * __t4;
    __d_b += __d_t4 * 100.0;
    let mut __d_a = __d_t3 * a * 2.0;
    let mut __d_y = __d_b;
    let mut __d_t1 = -__d_b;
    let mut __d_x = __d_t1 * x * 2.0;
    __d_x += -__d_a;
    (__value, (__d_x, __d_y))
}

/// The macro's version, to compare against.
mod generated {
    #[backprop::differentiable]
    pub fn rosenbrock(x: f64, y: f64) -> f64 {
        let a = 1.0 - x;
        let b = y - x * x;
        a * a + 100.0 * b * b
    }
}

fn main() {
    for (x, y) in [(-1.2, 1.0), (0.5, 0.25), (1.0, 1.0), (2.0, -3.0)] {
        let by_hand = rosenbrock_grad(x, y);
        let by_macro = generated::rosenbrock_grad(x, y);
        let (value, pullback) = rosenbrock_vjp(x, y);
        assert_eq!(by_hand, by_macro, "this file is out of date with the macro");
        assert_eq!((value, pullback(1.0)), by_hand);
        assert_eq!(value, rosenbrock(x, y));
        // The analytic gradient: (-2(1 - x) - 400 x (y - x²), 200 (y - x²)).
        let analytic = (-2.0 * (1.0 - x) - 400.0 * x * (y - x * x), 200.0 * (y - x * x));
        println!("at ({x:>4}, {y:>4}): gradient {:?}, analytic {analytic:?}", by_hand.1);
    }
}
