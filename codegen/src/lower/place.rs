//! Places: `x`, `x[i]`, `x[i][j]`, `m.w[k]`, `*r`, `*s` — what can be read, written and borrowed.

use super::Lowerer;
use crate::ir::{Kind, Operand, Place, SliceRange, Step, Stmt, Value};
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::{Expr, UnOp};

impl Lowerer {
    /// The place `expr` names, with its indices lowered; `None` if it is not a place.
    pub(super) fn place(&mut self, expr: &Expr, out: &mut Vec<Stmt>) -> Option<Place> {
        match expr {
            Expr::Paren(e) => self.place(&e.expr, out),
            Expr::Group(e) => self.place(&e.expr, out),
            Expr::Path(path) => {
                let v = self.lookup(&path.path.get_ident()?.to_string())?;
                Some(match &self.vars[v].alias_of {
                    Some(place) => place.clone(),
                    None => Place { base: v, steps: Vec::new() },
                })
            }
            Expr::Field(field) => {
                let mut place = self.place(&field.base, out)?;
                place.steps.push(Step::Field(field.member.to_token_stream()));
                Some(place)
            }
            Expr::Index(index) => {
                let mut place = self.place(&index.expr, out)?;
                let step = match &*index.index {
                    Expr::Range(range) => Step::Slice(self.slice_range(range, out)),
                    i => Step::Index(self.expr(i, out)),
                };
                place.steps.push(step);
                Some(place)
            }
            // `o.unwrap()` of an `Option` that may carry a gradient: the inside of `o`.
            Expr::MethodCall(call) if is_unwrap(call) => {
                let mut place = self.place(&call.receiver, out)?;
                place.steps.push(Step::Unwrap);
                Some(place)
            }
            Expr::Unary(unary) if matches!(unary.op, UnOp::Deref(_)) => {
                let inner = match &*unary.expr {
                    Expr::Path(path) => path.path.get_ident().and_then(|i| self.lookup(&i.to_string())),
                    _ => None,
                }?;
                if let Some(place) = &self.vars[inner].alias_of {
                    return Some(place.clone());
                }
                // `*r` on a `&f64` parameter, and `*s` on any other parameter taken by
                // reference (`let p = *s;` copies a `&Point`): the adjoint is the parameter's.
                let through = self.vars[inner].kind == Kind::ScalarRef || self.borrowed_params.contains(&inner);
                through.then(|| Place { base: inner, steps: vec![Step::Deref] })
            }
            _ => None,
        }
    }

    /// `base.field` or `base[index]` for a `base` that is not a place: the base's value in a
    /// temporary, then the step.
    fn place_in_temporary(&mut self, expr: &Expr, out: &mut Vec<Stmt>) -> Option<Place> {
        let (base, step) = match expr {
            Expr::Field(field) => (&*field.base, None),
            Expr::Index(index) => (&*index.expr, Some(&*index.index)),
            Expr::Paren(e) => return self.place_in_temporary(&e.expr, out),
            _ => return None,
        };
        let mut place = self.receiver_place(base, out);
        place.steps.push(match (expr, step) {
            (Expr::Field(field), _) => Step::Field(field.member.to_token_stream()),
            (_, Some(Expr::Range(range))) => Step::Slice(self.slice_range(range, out)),
            (_, Some(i)) => Step::Index(self.expr(i, out)),
            (_, None) => return None,
        });
        Some(place)
    }

    /// The bounds of `v[lo..hi]`.
    fn slice_range(&mut self, range: &syn::ExprRange, out: &mut Vec<Stmt>) -> SliceRange {
        let lo = range.start.as_ref().map(|e| self.expr(e, out));
        let hi = range.end.as_ref().map(|e| self.expr(e, out));
        SliceRange { lo, hi, inclusive: matches!(range.limits, syn::RangeLimits::Closed(_)) }
    }

    /// The receiver of a method call as a place; a computed receiver gets a temporary.
    pub(super) fn receiver_place(&mut self, expr: &Expr, out: &mut Vec<Stmt>) -> Place {
        if let Some(place) = self.place(expr, out) {
            return place;
        }
        match self.expr(expr, out) {
            Operand::Var(base) => Place { base, steps: Vec::new() },
            Operand::Const(c) => {
                let inactive = crate::ir::Inactive { tokens: c.tokens, uses: Vec::new(), pure: true };
                let base = self.new_temp(Kind::Unknown, expr.span());
                out.push(Stmt {
                    kind: crate::ir::StmtKind::Let { var: base, value: Value::Inactive(inactive) },
                    span: expr.span(),
                });
                Place { base, steps: Vec::new() }
            }
        }
    }

    /// Reads the element or field `expr` names. A field or element of a computed value
    /// (`(a * b).re`, `g(x)[0]`) reads from a temporary holding it.
    pub(super) fn read(&mut self, expr: &Expr, out: &mut Vec<Stmt>) -> Operand {
        match self.place(expr, out).or_else(|| self.place_in_temporary(expr, out)) {
            Some(place) => {
                let kind = self.place_kind(&place);
                self.read_place(place, kind, expr.span(), out)
            }
            None => {
                // Only `*` gets here: fields and elements of any value have a place above.
                let what = "`*` can read through a parameter taken by reference or a name bound to `&place`, not through a computed reference; read the place itself (or return the value instead of a reference)".to_string();
                self.unsupported(expr, what, out)
            }
        }
    }

    /// `let t = place;`, or the value this statement read from the place already (`memo`).
    pub(super) fn read_place(
        &mut self,
        place: Place,
        kind: Kind,
        span: proc_macro2::Span,
        out: &mut Vec<Stmt>,
    ) -> Operand {
        // Only a read known to be a float: a field the syntax cannot type (`t.n`) may be an
        // integer used both as one and cast to a float, each use needing its own value.
        let key = super::memo::place_key(&place)
            .filter(|_| kind.is_scalar())
            .map(|(key, reads)| (format!("read {key}"), reads));
        if let Some(value) = key.as_ref().and_then(|(key, _)| self.remembered(key, out)) {
            return value;
        }
        let value = self.define(Value::Read(place), kind, span, out);
        if let Some((key, reads)) = key {
            self.remember(key, &value, reads, out);
        }
        value
    }

    /// What a place holds, as far as the syntax tells.
    pub(super) fn place_kind(&self, place: &Place) -> Kind {
        crate::analysis::kinds::place_kind(self.vars[place.base].kind, &place.steps)
    }
}

/// `.unwrap()` or `.expect(…)`.
pub fn is_unwrap(call: &syn::ExprMethodCall) -> bool {
    (call.method == "unwrap" && call.args.is_empty()) || (call.method == "expect" && call.args.len() == 1)
}

/// The index operands of a place (slice bounds included).
pub fn indices(place: &Place) -> impl Iterator<Item = &Operand> {
    place.steps.iter().flat_map(|s| {
        let (index, range) = match s {
            Step::Index(i) => (Some(i), None),
            Step::Slice(r) => (None, Some(r)),
            Step::Field(_) | Step::Deref | Step::Unwrap => (None, None),
        };
        index.into_iter().chain(range.into_iter().flat_map(SliceRange::bounds))
    })
}
