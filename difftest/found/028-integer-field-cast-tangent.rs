// Found by the forward-mode checks (seed 1, programs 0 and 5): `_jvp` gave a tangent of 1 where
// the oracle gave 0, and a first-order error of 0.1% elsewhere.
// `(t0.n) as f32` with `n: usize` a field of a derived struct: the tangent of the cast was
// `dt0.n as f32`, the tangent struct's copy of the integer. Fixed: the tangent of a cast whose
// operand is not known to be a float goes through `rules::cast_tangent`, zero for integers.
#[derive(Differentiable, Clone, Copy)]
pub struct S0 {
    pub n: usize,
    pub a: f32,
    pub b: f32,
}
#[differentiable]
pub fn f(t0: S0) -> f32 {
    t0.a + ((t0.n) as f32)
}
