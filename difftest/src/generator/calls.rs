//! Calls in float expressions: of earlier generated functions, of methods on structs in scope
//! (`s.m(x)`, `s.inner.m(x)`), of the hand-written helpers with custom `_vjp`s; a result that
//! is not a float is read in part (`f1(x)[2]`, `f1(x).a`, `f1(x).1[0]`).

use super::Gen;
use super::ast::*;
use super::expr::Ex;
use super::function::Signature;
use super::types::{FieldTy, MatTy, ParamTy, SeqTy, StructDef, Ty};
use rand::RngExt;

impl Gen<'_> {
    /// A call of an earlier function, method or helper whose arguments can be found in
    /// scope; `None` when there is none.
    pub fn call(&mut self, d: u32) -> Option<Ex> {
        if let Some(x) = self.maybe_recursive_call(d) {
            return Some(x);
        }
        if !self.features.calls || self.callees.is_empty() {
            return None;
        }
        let callee = self.callees[self.rng.random_range(0..self.callees.len())].clone();
        if callee.flexible && !self.features.custom_vjp || callee.params.iter().any(|p| p.ty.is_mut()) {
            return None;
        }
        let call = self.call_of(&callee, d)?;
        if callee.ret == Ty::Opt {
            let o = super::scope::OptVar {
                name: String::new(),
                float: true,
                max: 0,
                active: true,
                bound: callee.bound,
                known_some: false,
            };
            return Some(self.read_opt(call, &o, false, d));
        }
        let path = self.float_leaf(&callee.ret);
        let e = if path.is_empty() { call } else { Expr::Project(Box::new(call), path) };
        Some(self.limit(Ex { e, b: callee.bound }))
    }

    /// The call expression (`f(…)` or `recv.m(…)`) with arguments for every parameter.
    pub fn call_of(&mut self, callee: &Signature, d: u32) -> Option<Expr> {
        // found/034: no call of a function taking an `Option` while the bug is open.
        if !self.features.option_argument && callee.params.iter().any(|p| matches!(p.ty, ParamTy::Opt { .. })) {
            return None;
        }
        if !self.features.moved_argument_beside_borrow && moves_beside_borrow(callee, self.structs) {
            return None;
        }
        let receiver = match callee.receiver {
            Some(r) => {
                let sources = self.structs_of(r.id, callee.self_wrt);
                Some(sources.get(self.rng.random_range(0..sources.len().max(1)))?.name.clone())
            }
            None => None,
        };
        // found/017: beside a parameter left out of `wrt`, the others get a parameter's
        // value (known active) while the bug is open.
        // (An `Option` left out, `Option<usize>` too, is a left-out parameter like any other:
        // the constant given to it counts.)
        let partial =
            callee.params.iter().any(|p| !p.wrt && (p.ty.differentiable() || matches!(p.ty, ParamTy::Opt { .. })))
                || callee.receiver.is_some() && !callee.self_wrt;
        let strict = partial && !self.features.maybe_constant_to_wrt;
        // found/057: a recursive function (another than this one) is lent nothing of this
        // function's reference parameters where it differentiates a reference while the bug
        // is open.
        let owned = !self.features.input_borrow_to_recursive
            && callee.params.iter().any(|p| matches!(p.ty, ParamTy::Depth { .. }))
            && !self.calls_itself(callee);
        let mut args = Vec::new();
        for p in &callee.params {
            let arg = match (strict && p.wrt, owned && p.wrt && by_reference(p.ty)) {
                (_, true) => self.owned_arg(p.ty, strict, d)?,
                (true, false) => self.active_arg(p.ty, d)?,
                (false, false) => self.arg(p.ty, p.wrt, callee.flexible, d)?,
            };
            args.push(arg);
        }
        let name = self.callee_name(callee, &args);
        Some(match receiver {
            Some(r) => Expr::Method(r, name, args),
            None => Expr::Call(name, args),
        })
    }

    /// A generic callee by inference or as `f::<F>(…)` (`_F` is the caller's float type,
    /// which the printer writes).
    pub fn callee_name(&mut self, callee: &Signature, args: &[Arg]) -> String {
        // Arguments that are all literals fix no float type: the call names it (`f::<F>`).
        let fixed_by_args = !args.iter().all(literal_only);
        match callee.generic && (!fixed_by_args || self.rng.random_bool(0.5)) {
            true => format!("{}::<_F>", callee.name),
            false => callee.name.clone(),
        }
    }

    /// A path from a value of type `ty` to one of its float leaves: `` for a float, `[2]`,
    /// `.1[0]`, `.inner.a`.
    pub fn float_leaf(&mut self, ty: &Ty) -> String {
        match ty {
            // An `Option` is read by `read_opt`, not projected.
            Ty::Float | Ty::Opt => String::new(),
            Ty::Vec(n) | Ty::Array(n) => format!("[{}]", self.rng.random_range(0..*n)),
            Ty::Tuple(items) => {
                let open_bug = !self.features.tuple_collection_projection;
                let fits: Vec<usize> = (0..items.len()).filter(|&k| !open_bug || items[k] == Ty::Float).collect();
                let k = fits[self.rng.random_range(0..fits.len())];
                format!(".{k}{}", self.float_leaf(&items[k]))
            }
            Ty::Struct(id) => self.field_leaf(*id),
        }
    }

    fn field_leaf(&mut self, id: usize) -> String {
        // found/014: not into a collection of a computed value while the bug is open.
        let open_bug = !self.features.tuple_collection_projection;
        let fields: Vec<_> = self.structs[id]
            .fields
            .iter()
            .filter(|f| !matches!(f.ty, FieldTy::Int(_)))
            .filter(|f| !open_bug || matches!(f.ty, FieldTy::Float))
            .cloned()
            .collect();
        let f = &fields[self.rng.random_range(0..fields.len())];
        let rest = match f.ty {
            FieldTy::Float | FieldTy::Int(_) => String::new(),
            FieldTy::Vec(n) | FieldTy::Array(n) => format!("[{}]", self.rng.random_range(0..n)),
            FieldTy::Struct(inner) => self.field_leaf(inner),
        };
        format!(".{}{rest}", f.name)
    }
}

/// Whether a call of `callee` takes a non-`Copy` value by value beside a reference (`&self`
/// included) (found/009).
pub fn moves_beside_borrow(callee: &Signature, structs: &[StructDef]) -> bool {
    let moved = |ty: ParamTy| match ty {
        ParamTy::Seq { kind, .. } => kind == SeqTy::Vec,
        ParamTy::Matrix { kind, .. } | ParamTy::List { kind, .. } => kind == MatTy::Vec,
        ParamTy::Struct { id, by_ref } => !by_ref && !structs[id].copy,
        _ => false,
    };
    let lent = |ty: ParamTy| match ty {
        ParamTy::Float { by_ref } | ParamTy::Struct { by_ref, .. } => by_ref,
        ParamTy::Seq { kind, .. } => matches!(kind, SeqTy::Slice | SeqTy::VecRef | SeqTy::ArrayRef),
        ParamTy::Matrix { kind, .. } | ParamTy::List { kind, .. } => kind != MatTy::Vec,
        ParamTy::MutSeq { .. } | ParamTy::MutFloat => true,
        ParamTy::Int | ParamTy::Opt { .. } | ParamTy::DiffOpt | ParamTy::Depth { .. } => false,
    };
    // `&self` lends the receiver; `self` by value on a by-value parameter makes the call be
    // evaluated again too.
    let receiver_lent = callee.receiver.is_some();
    callee.params.iter().any(|p| moved(p.ty)) && (receiver_lent || callee.params.iter().any(|p| lent(p.ty)))
}

/// Whether a parameter of type `ty` takes a reference (a receiver aside).
fn by_reference(ty: ParamTy) -> bool {
    match ty {
        ParamTy::Float { by_ref } | ParamTy::Struct { by_ref, .. } => by_ref,
        ParamTy::Seq { kind, .. } => matches!(kind, SeqTy::Slice | SeqTy::VecRef | SeqTy::ArrayRef),
        ParamTy::Matrix { kind, .. } | ParamTy::List { kind, .. } => kind != MatTy::Vec,
        _ => false,
    }
}

/// Whether an argument holds only literals (`-0.75`, `[0.5, 1.0]`, `Some(2.0)`, an integer),
/// so that a generic callee's float type cannot be inferred from it.
fn literal_only(arg: &Arg) -> bool {
    fn expr(e: &Expr) -> bool {
        match e {
            Expr::Lit(_) | Expr::Int(_) | Expr::Opt(None) => true,
            Expr::Neg(e) | Expr::Unary(_, _, e) | Expr::Powi(e, _) | Expr::Recast(_, e) => expr(e),
            Expr::Bin(_, a, b) | Expr::Binary(_, _, a, b) => expr(a) && expr(b),
            Expr::Opt(Some(e)) => expr(e),
            Expr::ArrayLit(items) | Expr::VecLit(items) | Expr::Tuple(items) => items.iter().all(expr),
            _ => false,
        }
    }
    match arg {
        Arg::Value(e) | Arg::Borrow(e) => expr(e),
        Arg::Int(_) => true,
        Arg::MutBorrow(_) => false,
    }
}
