//! Values that are not single floats, built to a type: results (`Vec`s, arrays, tuples,
//! structs) and by-value arguments. A `Vec` is `vec![…]`, a collection cloned or collected, or
//! a local buffer moved out as the result; an array `[…]` or a copy; a struct a literal of
//! its fields (integer fields set to their constant), a clone or a copy.

use super::Gen;
use super::ast::*;
use super::expr::Ex;
use super::scope::{Binding, Container, SliceVar};
use super::stmt::VAR_LIMIT;
use super::types::{FieldTy, Ty};
use rand::RngExt;

impl Gen<'_> {
    /// A value of type `ty` (literal floats unless `active_ok`), with a bound on its
    /// elements. `moving`: a whole local buffer may be moved out (the value is a result).
    pub fn value_of(&mut self, ty: &Ty, active_ok: bool, moving: bool, d: u32) -> Ex {
        match ty {
            Ty::Float => {
                let x = self.float_value(active_ok, d);
                self.squash(x, VAR_LIMIT * 2.0)
            }
            Ty::Vec(n) => self.vec_value(*n, active_ok, moving, d),
            Ty::Array(n) => self.array_value(*n, active_ok, d),
            Ty::Tuple(items) => {
                let parts: Vec<Ex> = items.iter().map(|t| self.value_of(t, active_ok, false, d)).collect();
                let b = parts.iter().map(|p| p.b).fold(0.0, f64::max);
                Ex { e: Expr::Tuple(parts.into_iter().map(|p| p.e).collect()), b }
            }
            Ty::Struct(id) => self.struct_value(*id, active_ok, d),
            Ty::Opt => self.opt_value(active_ok, d),
        }
    }

    /// Collections of length `n` in scope, of `container` if given.
    fn seqs_of(&mut self, n: usize, container: Option<Container>, active_ok: bool) -> Vec<SliceVar> {
        self.seqs()
            .into_iter()
            .filter(|s| s.len == n && container.is_none_or(|c| s.container == c) && (active_ok || !s.active))
            .collect()
    }

    fn vec_value(&mut self, n: usize, active_ok: bool, moving: bool, d: u32) -> Ex {
        let sources = self.seqs_of(n, None, active_ok);
        let pick = sources.get(self.rng.random_range(0..sources.len() + 1)).cloned();
        match (pick, self.rng.random_range(0..4)) {
            (Some(s), 0) if moving && self.movable(&s) => Ex { e: Expr::Var(s.name), b: s.bound },
            (Some(s), 0 | 1) if s.container == Container::Vec => Ex { e: Expr::Clone(s.name), b: s.bound },
            (Some(s), 2) if self.features.array_to_vec || s.container != Container::Array => {
                Ex { e: Expr::ToVec(s.name), b: s.bound }
            }
            (Some(_), _) if active_ok && self.features.chains => {
                self.collect(n, d).unwrap_or_else(|| self.literal_value(n, true, active_ok, d))
            }
            _ => self.literal_value(n, true, active_ok, d),
        }
    }

    /// Whether `s` may be moved out as the result: a local buffer or a `Vec` parameter taken
    /// by value (not while found/012 is open), not walked by an enclosing loop.
    fn movable(&self, s: &SliceVar) -> bool {
        let param = s.movable && self.features.read_then_moved;
        s.container == Container::Vec && (s.writable || param) && !self.frozen.contains(&s.name)
    }

    fn array_value(&mut self, n: usize, active_ok: bool, d: u32) -> Ex {
        let sources = self.seqs_of(n, Some(Container::Array), active_ok);
        match sources.get(self.rng.random_range(0..sources.len() + 1)).cloned() {
            Some(s) if s.binding == Binding::Place => Ex { e: Expr::Var(s.name), b: s.bound },
            Some(s) => Ex { e: Expr::Clone(s.name), b: s.bound },
            None => self.literal_value(n, false, active_ok, d),
        }
    }

    /// `vec![…]` or `[…]` of `n` expressions.
    fn literal_value(&mut self, n: usize, vec: bool, active_ok: bool, d: u32) -> Ex {
        let e = self.seq_literal(n, vec, active_ok, d);
        Ex { e, b: 4.0 }
    }

    /// A struct literal, or a struct of the type in scope, copied or cloned.
    fn struct_value(&mut self, id: usize, active_ok: bool, d: u32) -> Ex {
        let sources = self.structs_of(id, active_ok);
        let copy = self.structs[id].copy;
        if let Some(s) = sources.get(self.rng.random_range(0..sources.len() * 2 + 2)).cloned() {
            let e = match s.binding {
                Binding::Place if copy => Expr::Var(s.name),
                _ => Expr::Clone(s.name),
            };
            return Ex { e, b: 2.0 };
        }
        let mut fields = Vec::new();
        let mut b: f64 = 0.0;
        for f in self.structs[id].fields.clone() {
            let x = match f.ty {
                FieldTy::Float => self.value_of(&Ty::Float, active_ok, false, d),
                FieldTy::Vec(n) => self.value_of(&Ty::Vec(n), active_ok, false, d),
                FieldTy::Array(n) => self.value_of(&Ty::Array(n), active_ok, false, d),
                FieldTy::Struct(inner) => self.struct_value(inner, active_ok, d),
                FieldTy::Int(v) => Ex { e: Expr::Int(IntExpr { text: v.to_string(), max: v }), b: 0.0 },
            };
            b = b.max(x.b);
            fields.push(x.e);
        }
        Ex { e: Expr::StructLit(id, fields), b }
    }
}
