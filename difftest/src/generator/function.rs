//! Random functions and programs (a few functions, each free to call the ones before it).

use super::ast::*;
use super::expr::Ex;
use super::scope::{FloatVar, IntVar, Scope, SliceKind, SliceVar};
use super::stmt::VAR_LIMIT;
use super::{Features, Gen, INT_PARAM_MAX};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

/// What a caller needs to know about a generated function.
#[derive(Clone, Debug)]
pub struct Signature {
    pub name: String,
    pub params: Vec<ParamTy>,
    /// Estimated largest magnitude of the result.
    pub bound: f64,
}

/// The program of seed `seed`: one to four functions `f0`, `f1`, ….
pub fn program(seed: u64, features: &Features) -> Program {
    let mut rng = StdRng::seed_from_u64(seed);
    let count = rng.random_range(1..=4);
    let mut signatures: Vec<Signature> = Vec::new();
    let mut functions = Vec::new();
    for k in 0..count {
        let mut g = Gen { rng, scope: Scope::default(), callees: &signatures, features, fresh: 0, nest: 0, trips: 1 };
        let (f, sig) = g.function(format!("f{k}"));
        rng = g.rng;
        functions.push(f);
        signatures.push(sig);
    }
    Program { functions }
}

impl Gen<'_> {
    fn function(&mut self, name: String) -> (Function, Signature) {
        let params = self.params();
        self.scope.push();
        for p in &params {
            self.bind_param(p);
        }
        let mut body = Vec::new();
        if self.rng.random_bool(0.7) {
            body.push(self.let_float(true));
        }
        let count = self.rng.random_range(2..=6);
        body.extend(self.stmts(count));
        let tail = self.tail();
        let sig = Signature { name: name.clone(), params: params.iter().map(|p| p.ty).collect(), bound: tail.b };
        (Function { name, params, body, tail: tail.e }, sig)
    }

    /// Zero to two scalars and zero to two slices (at least one float in all), maybe an
    /// integer, in a random order.
    fn params(&mut self) -> Vec<Param> {
        let mut params = Vec::new();
        let scalars = self.rng.random_range(0..=2);
        let slices = self.rng.random_range(if scalars == 0 { 1 } else { 0 }..=2);
        for k in 0..scalars {
            params.push(Param { name: format!("p{k}"), ty: ParamTy::Scalar });
        }
        for k in 0..slices {
            params.push(Param { name: format!("s{k}"), ty: ParamTy::Slice(self.rng.random_range(1..=5)) });
        }
        if self.rng.random_bool(0.5) {
            params.push(Param { name: "n".to_string(), ty: ParamTy::Int });
        }
        for i in (1..params.len()).rev() {
            params.swap(i, self.rng.random_range(0..=i));
        }
        params
    }

    /// Inputs are drawn from [-2, 2] (see `check`), so their bound is 2.
    fn bind_param(&mut self, p: &Param) {
        let name = p.name.clone();
        match p.ty {
            ParamTy::Scalar => self.scope.add_float(FloatVar { name, mutable: false, bound: 2.0 }),
            ParamTy::Slice(len) => {
                self.scope.add_slice(SliceVar { name, len, kind: SliceKind::Param, bound: 2.0, local: false })
            }
            ParamTy::Int => self.scope.add_int(IntVar { name, max: INT_PARAM_MAX }),
        }
    }

    /// The result: the most recent variables combined, so most of the body reaches it.
    fn tail(&mut self) -> Ex {
        let vars: Vec<FloatVar> = self.scope.floats().into_iter().map(|(_, v)| v.clone()).take(3).collect();
        let mut acc = self.expr(1);
        for v in vars {
            if self.rng.random_bool(0.7) {
                let x = Ex { e: Expr::Var(v.name), b: v.bound };
                let op = [BinOp::Add, BinOp::Sub, BinOp::Mul][self.rng.random_range(0..3)];
                let b = if matches!(op, BinOp::Mul) { acc.b * x.b } else { acc.b + x.b };
                acc = Ex { e: Expr::Bin(op, Box::new(x.e), Box::new(acc.e)), b };
            }
        }
        self.squash(acc, VAR_LIMIT * 2.0)
    }
}
