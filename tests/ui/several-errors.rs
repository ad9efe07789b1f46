// Every problem in one function is reported at once.
use backprop::differentiable;

#[differentiable(wrt(y))]
fn f(x: &mut f64, v: Vec<f64>) -> f64 {
    let a = unsafe { core::ptr::read(&*x) };
    let b = v.iter().map(|e| e * 2.0).filter(|e| *e > 0.0).count();
    let c = match b { 0 => 1.0, _ => 2.0 };
    a * c
}

fn main() {}
