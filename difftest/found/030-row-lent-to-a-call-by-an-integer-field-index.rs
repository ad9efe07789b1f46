// Found at seed 15324 (1,500 programs), program 413: did not compile, E0277 "the operand is a
// `usize`" on the `+` of `t0.n + self.n`.
// The index of a place lent to a call (`&m0[t0.n + self.n]`) was not known to be an integer:
// kinds inferred integers from the indices of reads and stores only, so the sum of two fields
// of active structs was taken for float arithmetic and guarded. Fixed: the indices of places
// passed to calls (by reference or as receivers), cloned or summed are integers too.
#[derive(Differentiable, Clone, Copy)]
pub struct S0 {
    pub n: usize,
    pub a: f64,
}
impl S0 {
    #[differentiable]
    pub fn m1(&self, m0: &Vec<Vec<f64>>, t0: &S0) -> f64 {
        let a6: f64 = log_sum_exp(&m0[t0.n + self.n]).atan();
        a6
    }
}
