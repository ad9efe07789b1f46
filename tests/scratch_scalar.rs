mod common;
use approx::assert_relative_eq;
use backprop::differentiable;
use common::*;

// f(x) = x.exp().ln_1p() / x.cosh() ; checked by FD
#[differentiable]
fn chain_of_methods(x: f64) -> f64 {
    x.exp().ln_1p() / x.cosh()
}

#[differentiable]
fn every_path(x: f64, y: f64) -> f64 {
    let a = f64::sin(x) * y.powi(3) - x.atan2(y) + x.hypot(y);
    let b = a.max(x).min(y * 3.0) + x.mul_add(y, 2.0) + x.clamp(-0.5, 0.5);
    let c = (x * 0.5).tanh().asinh() + (x / 10.0).atanh() + (y + 2.0).acosh() + (x / 3.0).asin() + (y / 4.0).acos();
    let d = x.exp2() + y.exp_m1() + y.log2() + y.log10() + y.log(3.0) + y.sqrt() + y.cbrt() + x.recip() + x.abs();
    let e = y.powf(x) + x.sinh() + x.tan() + y.ln();
    a + b + c + d + e
}

#[differentiable]
fn shadowing_and_mutation(x: f64) -> f64 {
    let y = x * 2.0;
    let y = y.sin() + y;
    let mut z = y;
    z += x;
    z *= y;
    z -= 1.0;
    z /= x + 3.0;
    z
}

#[differentiable]
fn early_return(x: f64) -> f64 {
    if x < 0.0 {
        return -x * x;
    }
    let y = x.sqrt();
    y * 3.0
}

#[differentiable]
fn else_if_chain(x: f64) -> f64 {
    let k = if x < -1.0 {
        x * x
    } else if x < 1.0 {
        x.sin()
    } else {
        let t = x.ln();
        t * t
    };
    k + x
}

#[differentiable]
fn newton_sqrt(a: f64) -> f64 {
    let mut x = a;
    while (x * x - a).abs() > 1e-12 * a {
        x = 0.5 * (x + a / x);
    }
    x
}

#[differentiable]
fn loop_with_return(x: f64) -> f64 {
    let mut y = x;
    for _ in 0..10 {
        y = y * 1.5;
        if y > 3.0 {
            return y.sin();
        }
        y = y + 0.1;
    }
    y
}

#[differentiable]
fn nested_loops(x: f64, n: usize) -> f64 {
    let mut s = 0.0;
    for i in 0..n {
        let mut p = x;
        for j in (0..=i).rev() {
            p = p * (j as f64 + x).cos();
        }
        s += p;
    }
    s
}

#[differentiable]
fn step_by_and_break(x: f64) -> f64 {
    let mut acc = x;
    for k in (1..20).step_by(3) {
        acc = acc * (k as f64).sqrt() + x.sin();
        if acc > 100.0 {
            break;
        }
    }
    acc
}

#[differentiable]
fn helper(x: f64, y: f64) -> f64 {
    x * y.exp()
}

#[differentiable]
fn calls_helper(x: f64) -> f64 {
    helper(x, x * 2.0) + helper(3.0, x)
}

mod inner {
    use backprop::differentiable;
    #[differentiable]
    pub fn square(x: f32) -> f32 {
        x * x
    }
}

#[differentiable]
fn f32_path_call(x: f32) -> f32 {
    inner::square(x.sin()) + (x as f64).exp() as f32
}

fn main_like() {}

#[test]
fn scratch() {
    main_like();
    let x = 0.3;
    let (v, g) = chain_of_methods_grad(x);
    assert_relative_eq!(v, chain_of_methods(x));
    assert_relative_eq!(g, fd(chain_of_methods, x), max_relative = FD_TOL64);

    let (v, (gx, gy)) = every_path_grad(0.3, 1.7);
    assert_relative_eq!(v, every_path(0.3, 1.7));
    assert_relative_eq!(gx, fd(|x| every_path(x, 1.7), 0.3), max_relative = 1e-5);
    assert_relative_eq!(gy, fd(|y| every_path(0.3, y), 1.7), max_relative = 1e-5);

    for x in [0.3, 1.2] {
        let (v, g) = shadowing_and_mutation_grad(x);
        assert_relative_eq!(v, shadowing_and_mutation(x));
        assert_relative_eq!(g, fd(shadowing_and_mutation, x), max_relative = FD_TOL64);
    }
    for x in [-0.7, 0.7] {
        let (v, g) = early_return_grad(x);
        assert_relative_eq!(v, early_return(x));
        assert_relative_eq!(g, fd(early_return, x), max_relative = FD_TOL64);
    }
    for x in [-2.0, 0.3, 2.5] {
        let (v, g) = else_if_chain_grad(x);
        assert_relative_eq!(v, else_if_chain(x));
        assert_relative_eq!(g, fd(else_if_chain, x), max_relative = FD_TOL64);
    }
    let (v, g) = newton_sqrt_grad(2.0);
    assert_relative_eq!(v, 2f64.sqrt(), max_relative = 1e-12);
    assert_relative_eq!(g, 0.5 / 2f64.sqrt(), max_relative = 1e-6);
    for x in [0.1, 0.5, 2.5] {
        let (v, g) = loop_with_return_grad(x);
        assert_relative_eq!(v, loop_with_return(x));
        assert_relative_eq!(g, fd(loop_with_return, x), max_relative = FD_TOL64);
    }
    let (v, (g,)) = (nested_loops_grad(0.4, 4).0, (nested_loops_grad(0.4, 4).1,));
    assert_relative_eq!(v, nested_loops(0.4, 4));
    assert_relative_eq!(g, fd(|x| nested_loops(x, 4), 0.4), max_relative = FD_TOL64);
    for x in [0.5, 3.0] {
        let (v, g) = step_by_and_break_grad(x);
        assert_relative_eq!(v, step_by_and_break(x));
        assert_relative_eq!(g, fd(step_by_and_break, x), max_relative = FD_TOL64);
    }
    let (v, g) = calls_helper_grad(0.4);
    assert_relative_eq!(v, calls_helper(0.4));
    assert_relative_eq!(g, fd(calls_helper, 0.4), max_relative = FD_TOL64);
    let (v, g) = f32_path_call_grad(0.4f32);
    assert_relative_eq!(v, f32_path_call(0.4));
    assert_relative_eq!(g, fd32(f32_path_call, 0.4), max_relative = FD_TOL32);
}
