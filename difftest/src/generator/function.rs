//! Random functions, methods and programs (a few functions, each free to call the ones before
//! it and the hand-written helpers), with their signatures: parameters, `wrt(…)`, result.

use super::ast::*;
use super::expr::{Ex, float_read};
use super::scope::{Binding, Container, FloatVar, IntVar, ListVar, MatVar, OptVar, Scope, SliceVar};
use super::stmt::VAR_LIMIT;
use super::types::{FloatTy, MatTy, ParamTy, SeqTy, Ty};
use super::{DEPTH_MAX, Features, Gen, INT_PARAM_MAX, rewrite, structs};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

/// What a caller needs to know about a function it may call.
#[derive(Clone, Debug)]
pub struct Signature {
    pub name: String,
    pub receiver: Option<Receiver>,
    /// Whether the method differentiates `self` (so whether its receiver may be active).
    pub self_wrt: bool,
    pub params: Vec<SigParam>,
    pub ret: Ty,
    /// Estimated largest magnitude of the result's elements.
    pub bound: f64,
    /// A hand-written helper: its slices take any length.
    pub flexible: bool,
    /// Generic over the float type (`fn f<T: backprop::Float>`).
    pub generic: bool,
    /// Estimated largest magnitude of what it leaves in its `&mut` parameters.
    pub mut_bound: f64,
}

#[derive(Clone, Copy, Debug)]
pub struct SigParam {
    pub ty: ParamTy,
    /// In the callee's `wrt(…)` (may be given an active value).
    pub wrt: bool,
}

/// What a caller of `f` needs to know, with `bound` on its result and `mut_bound` on what it
/// leaves in its `&mut` parameters.
pub fn signature(f: &Function, bound: f64, mut_bound: f64) -> Signature {
    Signature {
        name: f.name.clone(),
        receiver: f.receiver,
        self_wrt: f.differentiates("self"),
        params: f.params.iter().map(|p| SigParam { ty: p.ty, wrt: f.differentiates(&p.name) }).collect(),
        ret: f.ret.clone(),
        bound,
        flexible: false,
        generic: f.generic,
        mut_bound,
    }
}

/// The hand-written helpers with custom `_vjp`s (see `crate::custom`).
fn helpers() -> Vec<Signature> {
    let helper = |name: &str, params: Vec<ParamTy>, bound| Signature {
        name: name.to_string(),
        receiver: None,
        self_wrt: false,
        params: params.into_iter().map(|ty| SigParam { ty, wrt: true }).collect(),
        ret: Ty::Float,
        bound,
        flexible: true,
        generic: false,
        mut_bound: 0.0,
    };
    let slice = ParamTy::Seq { kind: SeqTy::Slice, len: 1 };
    vec![
        helper("softplus", vec![ParamTy::Float { by_ref: false }], 5.0),
        helper("dot", vec![slice, slice], 60.0),
        helper("log_sum_exp", vec![slice], 10.0),
    ]
}

/// The program of seed `seed`: maybe structs, then one to four functions and methods.
pub fn program(seed: u64, features: &Features) -> Program {
    let mut rng = StdRng::seed_from_u64(seed);
    let float = if features.f32_programs && rng.random_bool(0.25) { FloatTy::F32 } else { FloatTy::F64 };
    let structs = if features.structs && rng.random_bool(0.4) { structs::defs(&mut rng) } else { Vec::new() };
    let count = rng.random_range(1..=4);
    let mut signatures: Vec<Signature> = if features.custom_vjp { helpers() } else { Vec::new() };
    let mut functions = Vec::new();
    for k in 0..count {
        let receiver = (!structs.is_empty() && features.methods && rng.random_bool(0.35)).then(|| {
            let id = rng.random_range(0..structs.len());
            Receiver { id, by_ref: !structs[id].copy || rng.random_bool(0.5) }
        });
        let name = if receiver.is_some() { format!("m{k}") } else { format!("f{k}") };
        let generic = receiver.is_none() && features.generics && rng.random_bool(0.3);
        let mutating = receiver.is_none() && !generic && features.mut_params && rng.random_bool(0.35);
        let recursive = !mutating && features.recursion && rng.random_bool(0.25);
        // A generic function calls generic functions only (its `T` is no `f64`).
        let visible: Vec<Signature> = signatures.iter().filter(|s| !generic || s.generic).cloned().collect();
        let mut g = Gen {
            rng,
            scope: Scope::default(),
            callees: &visible,
            structs: &structs,
            features,
            fresh: 0,
            nest: 0,
            trips: 1,
            ret: Ty::Float,
            loops: Vec::new(),
            frozen: Vec::new(),
            returned: false,
            closures: 0,
            params: Vec::new(),
            stepped: 0,
            generic,
            in_cond: 0,
            short_circuit: 0,
            in_chain_closure: 0,
            in_literal: 0,
            rec: None,
        };
        let (mut f, sig) = g.function(name, receiver, mutating, recursive);
        rewrite::function(&mut f, features);
        rng = g.rng;
        functions.push(f);
        signatures.push(sig);
    }
    Program { float, structs, functions }
}

impl Gen<'_> {
    fn function(
        &mut self,
        name: String,
        receiver: Option<Receiver>,
        mutating: bool,
        recursive: bool,
    ) -> (Function, Signature) {
        let mut params = self.params(receiver.is_some());
        if mutating {
            self.mut_params(&mut params);
            // Callers lend it buffers: by-value `Vec`s beside them would meet found/009.
            if !self.features.moved_argument_beside_borrow {
                for p in &mut params {
                    match &mut p.ty {
                        ParamTy::Seq { kind, .. } if *kind == SeqTy::Vec => *kind = SeqTy::Slice,
                        ParamTy::Matrix { kind, .. } | ParamTy::List { kind, .. } if *kind == MatTy::Vec => {
                            *kind = MatTy::Slice
                        }
                        ParamTy::Struct { by_ref, .. } => *by_ref = true,
                        _ => {}
                    }
                }
            }
        }
        let style = recursive.then(|| self.recursive_params(&mut params, receiver.is_some()));
        let wrt = self.wrt(&params, receiver.is_some());
        let style = style.map(|s| self.settle(s, &mut params, wrt.as_deref(), receiver.is_some()));
        let ret = if mutating || recursive { Ty::Float } else { self.result_ty() };
        self.ret = ret.clone();
        let generic = self.generic;
        let mut f = Function { name, receiver, params, wrt, ret, body: Vec::new(), tail: Expr::Lit(0.0), generic };
        self.scope.push();
        self.params = f.params.iter().map(|p| p.name.clone()).chain(receiver.map(|_| "self".to_string())).collect();
        if let Some(r) = receiver {
            let binding = if r.by_ref { Binding::Ref } else { Binding::Place };
            self.bind_struct("self", r.id, binding, f.differentiates("self"), 2.0);
        }
        for p in &f.params {
            match &style {
                // Read through a view of the length every level has (`recursion`).
                Some(s) if s.shrinks(&p.name) => f.body.push(self.bind_prefix(p, f.differentiates(&p.name))),
                _ => self.bind_param(p, f.differentiates(&p.name)),
            }
        }
        if let Some(style) = style {
            self.start_recursion(&f, style);
        }
        if self.rng.random_bool(0.7) {
            f.body.push(self.let_float(true));
        }
        let count = self.rng.random_range(2..=6);
        match self.rec.is_some() {
            true => f.body.extend(self.recursive_body(count)),
            false => f.body.extend(self.stmts(count)),
        }
        // A buffer is filled (or added to), an accumulator updated, at least once.
        let lent: Vec<(String, ParamTy)> = f.params.iter().map(|p| (p.name.clone(), p.ty)).collect();
        for (name, ty) in lent {
            match ty {
                ParamTy::MutSeq { len, .. } if self.rng.random_bool(0.8) => f.body.push(self.fill(&name, len)),
                ParamTy::MutFloat => f.body.extend(self.assign_to(&name)),
                _ => {}
            }
        }
        let mut_bound = self
            .scope
            .slices()
            .into_iter()
            .filter(|(_, s)| f.params.iter().any(|p| p.name == s.name && p.ty.is_mut()))
            .map(|(_, s)| s.bound)
            .chain(
                self.scope
                    .floats()
                    .into_iter()
                    .filter(|(_, v)| f.params.iter().any(|p| p.name == v.name && p.ty.is_mut()))
                    .map(|(_, v)| v.bound),
            )
            .fold(0.0, f64::max);
        // found/022: no local moved out as the result after an early return.
        let moving = self.features.return_moves_local || !self.returned;
        let tail = match f.ret {
            Ty::Float => self.tail(),
            Ty::Opt => self.opt_tail(),
            _ => self.value_of(&f.ret.clone(), true, moving, 2),
        };
        f.tail = tail.e;
        self.rec = None;
        let sig = signature(&f, tail.b, mut_bound);
        (f, sig)
    }

    /// Zero to two floats, zero to two collections, maybe a matrix and a struct (at least one
    /// differentiable parameter in all, `self` counting), maybe an integer, in a random order.
    fn params(&mut self, method: bool) -> Vec<Param> {
        let f = *self.features;
        let mut params = Vec::new();
        let scalars = self.rng.random_range(0..=2);
        for k in 0..scalars {
            let by_ref = f.references && self.rng.random_bool(0.3);
            params.push(Param::new(format!("p{k}"), ParamTy::Float { by_ref }));
        }
        let slices = self.rng.random_range(if scalars == 0 && !method { 1 } else { 0 }..=2);
        for k in 0..slices {
            let kinds = [SeqTy::Slice, SeqTy::Slice, SeqTy::Vec, SeqTy::VecRef, SeqTy::Array, SeqTy::ArrayRef];
            let kind = if f.collections { kinds[self.rng.random_range(0..kinds.len())] } else { SeqTy::Slice };
            params.push(Param::new(format!("s{k}"), ParamTy::Seq { kind, len: self.rng.random_range(1..=5) }));
        }
        if f.collections && !self.generic && self.rng.random_bool(0.15) {
            let kind = [MatTy::Vec, MatTy::VecRef, MatTy::Slice][self.rng.random_range(0..3)];
            let (rows, cols) = (self.rng.random_range(1..=3), self.rng.random_range(1..=3));
            params.push(Param::new("m0", ParamTy::Matrix { kind, rows, cols }));
        }
        if !self.structs.is_empty() && !self.generic && self.rng.random_bool(0.5) {
            let id = self.rng.random_range(0..self.structs.len());
            params.push(Param::new("t0", ParamTy::Struct { id, by_ref: self.rng.random_bool(0.6) }));
        }
        if f.struct_lists && !self.structs.is_empty() && !self.generic && self.rng.random_bool(0.25) {
            let id = self.rng.random_range(0..self.structs.len());
            let kind = [MatTy::Vec, MatTy::VecRef, MatTy::Slice, MatTy::Slice][self.rng.random_range(0..4)];
            params.push(Param::new("ls0", ParamTy::List { id, len: self.rng.random_range(1..=3), kind }));
        }
        if self.rng.random_bool(0.5) {
            params.push(Param::new("n", ParamTy::Int));
        }
        if f.match_option && self.rng.random_bool(0.3) {
            let float = self.rng.random_bool(0.5);
            params.push(Param::new("o0", ParamTy::Opt { float }));
        }
        if f.option_params && self.rng.random_bool(0.25) {
            params.push(Param::new("o1", ParamTy::DiffOpt));
        }
        for i in (1..params.len()).rev() {
            params.swap(i, self.rng.random_range(0..=i));
        }
        params
    }

    /// `&mut` parameters added to `params`: a buffer `out` (`&mut [F]` or `&mut [F; N]`), an
    /// accumulator `acc` (`&mut F`), or both.
    fn mut_params(&mut self, params: &mut Vec<Param>) {
        // Both only while found/040 is fixed (its callers lend two variables).
        let which = self.rng.random_range(0..if self.features.two_lent_buffers { 3 } else { 2 });
        if which != 1 {
            let ty = ParamTy::MutSeq { len: self.rng.random_range(1..=4), array: self.rng.random_bool(0.3) };
            let at = self.rng.random_range(0..=params.len());
            params.insert(at, Param::new("out", ty));
        }
        if which != 0 {
            let at = self.rng.random_range(0..=params.len());
            params.insert(at, Param::new("acc", ParamTy::MutFloat));
        }
    }

    /// `wrt(…)`: sometimes a proper, nonempty subset of the differentiable parameters; all of
    /// them, named, beside an `Option` (which `wrt(…)` must leave out).
    fn wrt(&mut self, params: &[Param], method: bool) -> Option<Vec<String>> {
        let mut names: Vec<String> = params.iter().filter(|p| p.ty.differentiable()).map(|p| p.name.clone()).collect();
        if method {
            names.insert(0, "self".to_string());
        }
        let option = params.iter().any(|p| matches!(p.ty, ParamTy::Opt { .. }));
        if !self.features.wrt || names.len() < 2 || !self.rng.random_bool(0.25) {
            return option.then_some(names);
        }
        let keep: Vec<String> = names.iter().filter(|_| self.rng.random_bool(0.5)).cloned().collect();
        if keep.is_empty() || keep.len() == names.len() {
            let k = self.rng.random_range(0..names.len());
            return Some(vec![names[k].clone()]);
        }
        Some(keep)
    }

    /// A float most of the time; a `Vec`, an array, a tuple or a struct otherwise.
    fn result_ty(&mut self) -> Ty {
        if self.features.option_results && self.rng.random_bool(0.2) {
            return Ty::Opt;
        }
        if !self.features.outputs || self.generic || self.rng.random_bool(0.65) {
            return Ty::Float;
        }
        let mut n = || self.rng.random_range(1..=4);
        let (a, b) = (n(), n());
        match self.rng.random_range(0..5) {
            0 => Ty::Vec(a),
            1 => Ty::Array(a),
            2 => Ty::Tuple(vec![Ty::Float, Ty::Vec(b)]),
            3 if !self.structs.is_empty() => Ty::Struct(self.rng.random_range(0..self.structs.len())),
            _ => Ty::Tuple(vec![Ty::Array(a), Ty::Float]),
        }
    }

    /// Inputs are drawn from [-2, 2] (see `check`), so their bound is 2.
    fn bind_param(&mut self, p: &Param, active: bool) {
        let name = p.name.clone();
        let seq = |container, binding, len, movable| SliceVar {
            name: name.clone(),
            len,
            container,
            binding,
            bound: 2.0,
            writable: false,
            local: false,
            active,
            borrows: None,
            movable,
        };
        match p.ty {
            ParamTy::Float { by_ref } => {
                // A `mut` parameter (one a recursive call passes on reassigned) is not borrowed:
                // `let q = &p0;` before `p0 = …` does not borrow-check.
                self.scope.add_float(FloatVar { name, mutable: p.mutable, bound: 2.0, by_ref, active, param: true })
            }
            ParamTy::Seq { kind, len } => self.scope.add_slice(match kind {
                SeqTy::Slice => seq(Container::Slice, Binding::Ref, len, false),
                SeqTy::Vec => seq(Container::Vec, Binding::Place, len, true),
                SeqTy::VecRef => seq(Container::Vec, Binding::Ref, len, false),
                SeqTy::Array => seq(Container::Array, Binding::Place, len, false),
                SeqTy::ArrayRef => seq(Container::Array, Binding::Ref, len, false),
            }),
            ParamTy::Matrix { kind, rows, cols } => {
                let (container, binding) = match kind {
                    MatTy::Vec => (Container::Vec, Binding::Place),
                    MatTy::VecRef => (Container::Vec, Binding::Ref),
                    MatTy::Slice => (Container::Slice, Binding::Ref),
                };
                self.scope.add_mat(MatVar { name, rows, cols, container, binding, active })
            }
            ParamTy::List { id, len, kind } => {
                let (container, binding) = match kind {
                    MatTy::Vec => (Container::Vec, Binding::Place),
                    MatTy::VecRef => (Container::Vec, Binding::Ref),
                    MatTy::Slice => (Container::Slice, Binding::Ref),
                };
                self.scope.add_list(ListVar { name, id, len, container, binding, active })
            }
            ParamTy::Struct { id, by_ref } => {
                let binding = if by_ref { Binding::Ref } else { Binding::Place };
                self.bind_struct(&name, id, binding, active, 2.0)
            }
            ParamTy::Int => self.scope.add_int(IntVar { name, max: INT_PARAM_MAX }),
            // A `u32` is no index: only the recursion reads it.
            ParamTy::Depth { narrow: false } => self.scope.add_int(IntVar { name, max: DEPTH_MAX }),
            ParamTy::Depth { narrow: true } => {}
            ParamTy::Opt { float } => {
                let bound = if float { super::forms::OPT_FLOAT } else { 0.0 };
                self.scope.add_opt(OptVar {
                    name,
                    float,
                    max: INT_PARAM_MAX - 1,
                    active: false,
                    bound,
                    known_some: false,
                })
            }
            ParamTy::DiffOpt => self.scope.add_opt(OptVar {
                name,
                float: true,
                max: 0,
                active,
                bound: super::options::OPT_PARAM,
                known_some: false,
            }),
            ParamTy::MutSeq { len, array } => {
                let container = if array { Container::Array } else { Container::Slice };
                let buffer = super::stmt::local_buffer(name, len, container, 2.0);
                self.scope.add_slice(SliceVar { binding: Binding::Ref, ..buffer })
            }
            ParamTy::MutFloat => self.scope.add_float(FloatVar {
                name,
                mutable: true,
                bound: 2.0,
                by_ref: true,
                active: true,
                param: true,
            }),
        }
    }

    /// A float result: the most recent variables combined, so most of the body reaches it.
    pub fn tail(&mut self) -> Ex {
        let vars: Vec<FloatVar> = self.scope.floats().into_iter().map(|(_, v)| v.clone()).take(3).collect();
        let mut acc = self.expr(1);
        for v in vars {
            if self.rng.random_bool(0.7) {
                let bare = !v.mutable && self.rng.random_bool(0.5);
                let x = Ex { e: float_read(v.name, v.by_ref, bare), b: v.bound };
                let op = [BinOp::Add, BinOp::Sub, BinOp::Mul][self.rng.random_range(0..3)];
                let b = if matches!(op, BinOp::Mul) { acc.b * x.b } else { acc.b + x.b };
                acc = Ex { e: Expr::Bin(op, Box::new(x.e), Box::new(acc.e)), b };
            }
        }
        self.squash(acc, VAR_LIMIT * 2.0)
    }
}
