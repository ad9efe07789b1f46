//! Every loop form.
use backprop::differentiable;

#[differentiable]
pub fn iterate(x: f64, n: usize) -> f64 {
    let mut v = x;
    for _ in 0..n {
        v = v * v.sin() + 0.5;
    }
    v
}

#[differentiable]
pub fn literal_nest(x: f64) -> f64 {
    let mut v = x;
    for i in 0..3 {
        for j in (0..=4).rev().step_by(2) {
            v = v * v.cos() + (i * j) as f64;
        }
    }
    v
}

#[differentiable]
pub fn while_counter(x: f64) -> f64 {
    let mut v = x;
    let mut k = 0;
    while k < 5 && v < 10.0 {
        v = v * 1.5 + v.sin();
        k += 1;
    }
    v
}

#[differentiable]
pub fn loop_break_continue(x: &[f64]) -> f64 {
    let mut acc = 0.0;
    let mut i = 0;
    loop {
        if i >= x.len() {
            break;
        }
        i += 1;
        if x[i - 1] < 0.0 {
            continue;
        }
        acc = acc * 0.5 + x[i - 1].exp();
    }
    acc
}
