//! Arguments for a callee's parameters, by the parameter's type: floats by value or by
//! reference (`&x`, `&(2.0 * a.cos())`, `&y.atan()`, `q`, `&row[1]`), collections whole, as
//! sub-slices, cloned, copied or built, matrices, structs by value or by reference.
//!
//! A parameter the callee leaves out of its `wrt(…)` gets a constant (a literal, or a binding
//! known to carry no gradient): passing it an active value is a compile error by design.

use super::ast::*;
use super::expr::{Ex, float_read};
use super::scope::{Binding, Container, SliceVar};
use super::stmt::is_word;
use super::types::{MatTy, ParamTy, SeqTy, Ty};
use super::{Gen, INT_PARAM_MAX};
use rand::RngExt;

impl Gen<'_> {
    /// An argument for a parameter of type `ty`; `active_ok` unless the callee leaves it out
    /// of `wrt`; `flexible` for a hand-written helper, whose slices may have any length.
    pub fn arg(&mut self, ty: ParamTy, active_ok: bool, flexible: bool, d: u32) -> Option<Arg> {
        match ty {
            ParamTy::Int => Some(Arg::Int(self.small_int(INT_PARAM_MAX))),
            ParamTy::Depth { narrow } => Some(Arg::Int(self.depth_arg(narrow))),
            ParamTy::Float { by_ref: false } => {
                let x = self.float_value(active_ok, d);
                Some(Arg::Value(self.squash(x, 4.0).e))
            }
            ParamTy::Float { by_ref: true } => self.float_ref_arg(active_ok, d),
            ParamTy::Seq { kind, len } => self.seq_arg(kind, len, active_ok, flexible, d),
            ParamTy::Matrix { kind, rows, cols } => self.mat_arg(kind, rows, cols, active_ok),
            ParamTy::Struct { id, by_ref } => Some(self.struct_arg(id, by_ref, active_ok, d)),
            ParamTy::List { id, len, kind } => Some(self.list_arg(id, len, kind, active_ok, d)),
            ParamTy::Opt { float } => Some(self.opt_arg(float)),
            ParamTy::DiffOpt => Some(self.diff_opt_arg(active_ok, d)),
            // Lent by `call_mut` only.
            ParamTy::MutSeq { .. } | ParamTy::MutFloat => None,
        }
    }

    /// An argument built on a differentiated parameter of this function (so known active):
    /// `p0 + e` for a float, a parameter itself for anything else; `None` if there is none.
    pub fn active_arg(&mut self, ty: ParamTy, d: u32) -> Option<Arg> {
        match ty {
            ParamTy::Float { by_ref: false } => {
                let params: Vec<_> = self
                    .scope
                    .floats()
                    .into_iter()
                    .filter(|(_, v)| v.active && v.param)
                    .map(|(_, v)| v.clone())
                    .collect();
                let v = params.get(self.rng.random_range(0..params.len().max(1)))?.clone();
                let e = self.expr(d);
                let e = self.squash(e, 2.0);
                let own = float_read(v.name, v.by_ref, false);
                Some(Arg::Value(Expr::Bin(BinOp::Add, Box::new(own), Box::new(e.e))))
            }
            ParamTy::Float { by_ref: true } => {
                let params: Vec<_> = self
                    .scope
                    .floats()
                    .into_iter()
                    .filter(|(_, v)| v.active && v.param && !self.lent_mut(&v.name))
                    .map(|(_, v)| v.clone())
                    .collect();
                let v = params.get(self.rng.random_range(0..params.len().max(1)))?.clone();
                Some(if v.by_ref { Arg::Value(Expr::Var(v.name)) } else { Arg::Borrow(Expr::Var(v.name)) })
            }
            ParamTy::DiffOpt => self.active_opt_arg(d),
            _ => None,
        }
    }

    /// An argument for a reference parameter of type `ty` that borrows nothing of this
    /// function's reference parameters (found/057): a temporary `&(e * 1.0)`, a literal
    /// `&[…]`, `&vec![…]` or `&S0 { … }`, or a local or by-value parameter lent (`&y`, `&p0`,
    /// `&t0`); when `strict` (found/017), `&p0` of a float parameter taken by value only.
    pub fn owned_arg(&mut self, ty: ParamTy, strict: bool, d: u32) -> Option<Arg> {
        let owned = |s: &SliceVar| s.binding == Binding::Place && s.borrows.is_none() && is_word(&s.name);
        match ty {
            ParamTy::Float { .. } if strict => {
                let params: Vec<String> = self
                    .scope
                    .floats()
                    .into_iter()
                    .filter(|(_, v)| v.active && v.param && !v.by_ref && !v.mutable)
                    .map(|(_, v)| v.name.clone())
                    .collect();
                let v = params.get(self.rng.random_range(0..params.len().max(1)))?.clone();
                Some(Arg::Borrow(Expr::Var(v)))
            }
            ParamTy::Float { .. } => {
                let x = self.expr(d);
                let x = self.squash(x, 4.0);
                Some(Arg::Borrow(Expr::Bin(BinOp::Mul, Box::new(x.e), Box::new(Expr::Lit(1.0)))))
            }
            _ if strict => None,
            ParamTy::Seq { kind, len } => {
                let fits: Vec<SliceVar> = self
                    .seqs()
                    .into_iter()
                    .filter(|s| owned(s) && s.len == len && !self.lent_mut(&s.name))
                    .filter(|s| match kind {
                        SeqTy::VecRef => s.container == Container::Vec,
                        SeqTy::ArrayRef => s.container == Container::Array,
                        _ => true,
                    })
                    .collect();
                match fits.get(self.rng.random_range(0..fits.len() + 1)) {
                    Some(s) => Some(Arg::Borrow(Expr::Var(s.name.clone()))),
                    None => Some(Arg::Borrow(self.seq_literal(len, kind == SeqTy::VecRef, true, d))),
                }
            }
            ParamTy::Matrix { rows, cols, .. } => {
                let fits: Vec<String> = self
                    .scope
                    .mats()
                    .into_iter()
                    .filter(|m| m.binding == Binding::Place && m.rows == rows && m.cols == cols)
                    .map(|m| m.name.clone())
                    .collect();
                match fits.get(self.rng.random_range(0..fits.len() + 1)) {
                    Some(m) => Some(Arg::Borrow(Expr::Var(m.clone()))),
                    None => {
                        let rows = (0..rows).map(|_| self.seq_literal(cols, true, true, d.min(1))).collect();
                        Some(Arg::Borrow(Expr::VecLit(rows)))
                    }
                }
            }
            ParamTy::Struct { id, .. } => {
                let fits: Vec<String> = self
                    .structs_of(id, true)
                    .into_iter()
                    .filter(|s| s.binding == Binding::Place && is_word(&s.name))
                    .map(|s| s.name)
                    .collect();
                match fits.get(self.rng.random_range(0..fits.len() + 1)) {
                    Some(s) => Some(Arg::Borrow(Expr::Var(s.clone()))),
                    // A copy of a field (`t0.inner`) would lend the field: cloned instead.
                    None => Some(Arg::Borrow(match self.value_of(&Ty::Struct(id), true, false, d.min(1)).e {
                        Expr::Var(path) => Expr::Clone(path),
                        e => e,
                    })),
                }
            }
            _ => None,
        }
    }

    /// A float expression, or a constant one unless `active_ok`.
    pub fn float_value(&mut self, active_ok: bool, d: u32) -> Ex {
        if active_ok {
            return self.expr(d);
        }
        let consts: Vec<_> =
            self.scope.floats().into_iter().filter(|(_, v)| !v.active).map(|(_, v)| v.clone()).collect();
        match consts.get(self.rng.random_range(0..consts.len() + 2)) {
            Some(v) => Ex { e: float_read(v.name.clone(), v.by_ref, false), b: v.bound },
            None => self.literal(),
        }
    }

    /// `&x` of a float binding or field, `q` of a reference binding, `&x[i]` of an element,
    /// or `&(e)` of a temporary.
    fn float_ref_arg(&mut self, active_ok: bool, d: u32) -> Option<Arg> {
        let vars: Vec<_> = self
            .scope
            .floats()
            .into_iter()
            .filter(|(_, v)| (active_ok || !v.active) && !self.lent_mut(&v.name))
            .map(|(_, v)| v.clone())
            .collect();
        match self.rng.random_range(0..4) {
            0 | 1 if !vars.is_empty() => {
                let v = &vars[self.rng.random_range(0..vars.len())];
                let name = Expr::Var(v.name.clone());
                Some(if v.by_ref { Arg::Value(name) } else { Arg::Borrow(name) })
            }
            2 if active_ok => match self.element() {
                Some(x) => Some(Arg::Borrow(x.e)),
                None => self.temporary_ref(active_ok, d),
            },
            _ => self.temporary_ref(active_ok, d),
        }
    }

    /// `&(e)`, `&e.m()` or `&0.5` (not a constant while found/011 is open: then a binding
    /// known constant, or none).
    fn temporary_ref(&mut self, active_ok: bool, d: u32) -> Option<Arg> {
        let x = self.float_value(active_ok, d);
        let mut e = self.squash(x, 4.0).e;
        if is_const(&e) && !self.features.borrowed_constant {
            e = match active_ok {
                true => self.var()?.e,
                false => return None,
            };
        }
        if let Expr::RefVar { name, .. } = &e
            && self.lent_mut(name)
        {
            return None;
        }
        Some(match e {
            Expr::RefVar { name, .. } => Arg::Value(Expr::Var(name)),
            Expr::Var(name) => Arg::Borrow(Expr::Var(name)),
            e => Arg::Borrow(e),
        })
    }

    /// The collections in scope that may be passed where activity is `active_ok`.
    fn seq_sources(&mut self, active_ok: bool) -> Vec<SliceVar> {
        self.seqs().into_iter().filter(|s| (active_ok || !s.active) && !self.lent_mut(&s.name)).collect()
    }

    fn seq_arg(&mut self, kind: SeqTy, len: usize, active_ok: bool, flexible: bool, d: u32) -> Option<Arg> {
        let sources = self.seq_sources(active_ok);
        let fits = |s: &&SliceVar, c: Option<Container>| s.len == len && c.is_none_or(|c| s.container == c);
        let pick = |g: &mut Self, list: Vec<&SliceVar>| -> Option<SliceVar> {
            list.get(g.rng.random_range(0..list.len() + 1)).map(|s| (*s).clone())
        };
        let lend = |s: SliceVar| match s.binding {
            Binding::Ref => Arg::Value(Expr::Var(s.name)),
            Binding::Place => Arg::Borrow(Expr::Var(s.name)),
        };
        Some(match kind {
            SeqTy::Slice => return self.slice_arg(len, active_ok, flexible, d),
            SeqTy::Vec => {
                let arrays = self.features.array_to_vec;
                let same: Vec<_> =
                    sources.iter().filter(|s| fits(s, None) && (arrays || s.container != Container::Array)).collect();
                match pick(self, same) {
                    Some(s) if s.container == Container::Vec && self.rng.random_bool(0.5) => {
                        Arg::Value(Expr::Clone(s.name))
                    }
                    Some(s) => Arg::Value(Expr::ToVec(s.name)),
                    None => Arg::Value(self.seq_literal(len, true, active_ok, d)),
                }
            }
            SeqTy::VecRef => {
                let same: Vec<_> = sources.iter().filter(|s| fits(s, Some(Container::Vec))).collect();
                match pick(self, same) {
                    Some(s) => lend(s),
                    None => Arg::Borrow(self.seq_literal(len, true, active_ok, d)),
                }
            }
            SeqTy::Array => {
                let same: Vec<_> = sources.iter().filter(|s| fits(s, Some(Container::Array))).collect();
                match pick(self, same) {
                    Some(s) if s.binding == Binding::Place => Arg::Value(Expr::Var(s.name)),
                    // `*a` of an array reference is refused by the macro (it reads through
                    // `&f64` and named borrows only); `a.clone()` is the same copy.
                    Some(s) => Arg::Value(Expr::Clone(s.name)),
                    None => Arg::Value(self.seq_literal(len, false, active_ok, d)),
                }
            }
            SeqTy::ArrayRef => {
                let same: Vec<_> = sources.iter().filter(|s| fits(s, Some(Container::Array))).collect();
                match pick(self, same) {
                    Some(s) => lend(s),
                    None => Arg::Borrow(self.seq_literal(len, false, active_ok, d)),
                }
            }
        })
    }

    /// `vec![a, b]` (`vec`) or `[a, b]` of `len` floats, literals unless `active_ok`.
    pub fn seq_literal(&mut self, len: usize, vec: bool, active_ok: bool, d: u32) -> Expr {
        self.in_literal += 1;
        let items = (0..len)
            .map(|_| {
                let x = self.float_value(active_ok, d.min(1));
                self.squash(x, 4.0).e
            })
            .collect();
        self.in_literal -= 1;
        if vec { Expr::VecLit(items) } else { Expr::ArrayLit(items) }
    }

    /// A slice of exactly `len` elements (any length for a helper): a whole collection, a
    /// sub-slice `&x[a..b]` or `&x[a..]` of a longer one, or `&[0.5, 1.0]`.
    fn slice_arg(&mut self, len: usize, active_ok: bool, flexible: bool, d: u32) -> Option<Arg> {
        let features = *self.features;
        let fits: Vec<SliceVar> = self
            .seq_sources(active_ok)
            .into_iter()
            .filter(|s| s.len >= len || flexible)
            .filter(|s| s.len == len || flexible || !s.local || features.buffer_sub_slice_argument)
            .collect();
        let Some(s) = fits.get(self.rng.random_range(0..fits.len().max(1))).cloned() else {
            return (!active_ok).then(|| Arg::Borrow(self.seq_literal(len.max(1), false, false, d)));
        };
        let whole_only = !features.views || (s.local && !features.buffer_sub_slice_argument);
        if flexible || (s.len == len && (whole_only || self.rng.random_bool(0.6))) {
            return Some(match s.binding {
                Binding::Ref => Arg::Value(Expr::Var(s.name)),
                Binding::Place => Arg::Borrow(Expr::Var(s.name)),
            });
        }
        if whole_only {
            return None;
        }
        let start = self.small_int(s.len - len);
        let open = start.max + len == s.len && start.text.parse::<usize>().is_ok() && self.rng.random_bool(0.4);
        Some(Arg::Borrow(Expr::Slice { path: s.name, start, len, open }))
    }

    /// A matrix of the right shape in scope, or a literal one.
    fn mat_arg(&mut self, kind: MatTy, rows: usize, cols: usize, active_ok: bool) -> Option<Arg> {
        let mats: Vec<_> = self
            .scope
            .mats()
            .into_iter()
            .filter(|m| m.rows == rows && m.cols == cols && (active_ok || !m.active))
            .filter(|m| kind != MatTy::VecRef || m.container == Container::Vec)
            .cloned()
            .collect();
        let Some(m) = mats.get(self.rng.random_range(0..mats.len() + 1)).cloned() else {
            let lit = Expr::VecLit((0..rows).map(|_| self.seq_literal(cols, true, false, 0)).collect());
            return Some(if kind == MatTy::Vec { Arg::Value(lit) } else { Arg::Borrow(lit) });
        };
        Some(match (kind, m.binding) {
            (MatTy::Vec, _) => Arg::Value(Expr::Clone(m.name)),
            (_, Binding::Ref) => Arg::Value(Expr::Var(m.name)),
            (_, Binding::Place) => Arg::Borrow(Expr::Var(m.name)),
        })
    }

    /// A list of `len` structs of type `id` in scope (lent, or cloned for a `Vec`), or one built
    /// on the spot (`vec![S0 { … }, …]`).
    fn list_arg(&mut self, id: usize, len: usize, kind: MatTy, active_ok: bool, d: u32) -> Arg {
        let lists: Vec<_> = self
            .scope
            .lists()
            .into_iter()
            .filter(|l| l.id == id && l.len == len && (active_ok || !l.active))
            // `clone()` of a `&[Sk]` is the reference again, and a `&Vec<Sk>` wants a `Vec`.
            .filter(|l| kind == MatTy::Slice || l.container == Container::Vec)
            .cloned()
            .collect();
        let Some(l) = lists.get(self.rng.random_range(0..lists.len() + 1)).cloned() else {
            let items = (0..len).map(|_| self.value_of(&Ty::Struct(id), active_ok, false, d.min(1)).e).collect();
            let lit = Expr::VecLit(items);
            return if kind == MatTy::Vec { Arg::Value(lit) } else { Arg::Borrow(lit) };
        };
        match (kind, l.binding) {
            (MatTy::Vec, _) => Arg::Value(Expr::Clone(l.name)),
            (_, Binding::Ref) => Arg::Value(Expr::Var(l.name)),
            (_, Binding::Place) => Arg::Borrow(Expr::Var(l.name)),
        }
    }

    /// A struct of type `id` in scope (lent, copied or cloned), or one built on the spot.
    fn struct_arg(&mut self, id: usize, by_ref: bool, active_ok: bool, d: u32) -> Arg {
        let sources = self.structs_of(id, active_ok);
        let copy = self.structs[id].copy;
        let Some(s) = sources.get(self.rng.random_range(0..sources.len() + 1)).cloned() else {
            let built = self.value_of(&Ty::Struct(id), active_ok, false, d.min(1)).e;
            return if by_ref { Arg::Borrow(built) } else { Arg::Value(built) };
        };
        match (by_ref, s.binding) {
            (true, Binding::Ref) => Arg::Value(Expr::Var(s.name)),
            (true, Binding::Place) => Arg::Borrow(Expr::Var(s.name)),
            (false, Binding::Place) if copy => Arg::Value(Expr::Var(s.name)),
            // A reference (copied or not) is cloned: the macro refuses `*s` of a struct.
            (false, _) => Arg::Value(Expr::Clone(s.name)),
        }
    }
}
