// A closure bound by `let` is inlined at each call; one that copies what it captures
// (`move`), returns early, or is passed on cannot be.
use backprop::differentiable;

#[differentiable]
fn moved(x: f64) -> f64 {
    let g = move |y: f64| y * x;
    g(2.0)
}

#[differentiable]
fn returns_early(x: f64) -> f64 {
    let g = |y: f64| {
        if y < 0.0 {
            return 0.0;
        }
        y * x
    };
    g(2.0)
}

fn apply(f: impl Fn(f64) -> f64, v: f64) -> f64 {
    f(v)
}

#[differentiable]
fn passed_on(x: f64) -> f64 {
    let g = |y: f64| y * x;
    apply(g, 2.0)
}

fn main() {}
