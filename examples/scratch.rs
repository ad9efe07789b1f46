use backprop::differentiable;

#[differentiable]
pub fn f(x: f64, y: f64) -> f64 {
    let t = x * y;
    let u = t.sin() + x;
    u * u
}

#[differentiable]
pub fn g(x: f64, n: usize) -> f64 {
    let mut acc = x;
    for i in 0..n {
        acc = acc * acc.sin() + (i as f64);
    }
    if acc > 0.0 { acc.sqrt() } else { -acc }
}

fn main() {
    println!("{:?}", f_grad(1.0, 2.0));
    println!("{:?}", g_grad(1.0, 3));
    fd();
}
#[allow(dead_code)]
fn fd() {
    let h = 1e-6;
    println!("fd g: {}", (g(1.0 + h, 3) - g(1.0 - h, 3)) / (2.0 * h));
}
