// Found by a batch of 800 programs on seed 2 (program 662): the expansion did not compile
// (E0382, use of partially moved value `__dp2`) in the third-order form `f1_jvp_jvp_vjp`.
// The method's result dies (the variable is overwritten), so the reverse sweep called the
// forward call's pullback with a zero shaped from the call's tangent pair, whose fields had
// been moved out. Fixed: the tangent of a value taken apart is taken apart too, and its adjoint
// is assembled from the fields' (tests/regressions_found.rs, 029).
#[derive(Differentiable, Clone)]
pub struct S0 {
    pub w: Vec<f64>,
    pub n: usize,
    pub a: f64,
}
impl S0 {
    #[differentiable]
    pub fn m0(&self, p0: f64) -> Vec<f64> {
        vec![-self.w[1] * p0]
    }
}
#[differentiable]
pub fn f1(p0: f64, t0: &S0) -> f64 {
    let mut p0 = p0 - t0.m0(p0)[0].sin();
    p0 = t0.a.sin();
    p0
}
