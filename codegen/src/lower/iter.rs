//! `for` loops, lowered to loops over integer ranges (iterator chains: `chain.rs`).
//!
//! ```text
//! for (i, &v) in x.iter().enumerate() { … }     for __i0 in 0..x.len() { let i = __i0; let v = x[__i0]; … }
//! x.iter().zip(y).map(|(a, b)| a * b).sum()     let mut __t0 = 0.0; for __i0 in 0..… { …; __t0 += a * b; }
//! ```
//!
//! Walking an index keeps every element read a read of `x[i]`, whose adjoint is
//! `__d_x[i] += …`, and lets the reverse sweep replay the loop without recording anything.

use super::Lowerer;
use crate::ir::{
    Block, Inactive, Kind, LoopHead, Operand, Place, RangeAdaptor, RangeLoop, Role, Step, Stmt, StmtKind, Value,
};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::spanned::Spanned;
use syn::{Expr, Pat};

/// What a `for` loop or iterator chain walks.
pub(super) enum Source {
    /// An integer range with `.rev()` / `.step_by(k)`.
    Range { start: Expr, end: Option<Expr>, inclusive: bool, adaptors: Vec<(String, Option<Expr>)> },
    /// Elements of collections, by index.
    Items(Items),
}

/// The item produced at each index.
pub(super) enum Items {
    /// The index itself (`enumerate`'s first element).
    Index,
    /// An element of a collection, borrowed (`.iter()`) or copied (`.copied()`).
    Element { collection: Expr, by_ref: bool },
    /// A pair, from `zip` or `enumerate`.
    Pair(Box<Items>, Box<Items>),
}

impl Items {
    fn collections<'a>(&'a self, out: &mut Vec<&'a Expr>) {
        match self {
            Items::Index => {}
            Items::Element { collection, .. } => out.push(collection),
            Items::Pair(a, b) => {
                a.collections(out);
                b.collections(out);
            }
        }
    }

    pub(super) fn copied(self) -> Items {
        match self {
            Items::Element { collection, .. } => Items::Element { collection, by_ref: false },
            other => other,
        }
    }
}

impl Lowerer {
    /// `for pat in source { body }`.
    pub(super) fn for_loop(&mut self, f: &syn::ExprForLoop, out: &mut Vec<Stmt>) {
        if self.reject_label(f.label.as_ref()) {
            return;
        }
        if self.adapted_for(f, out) {
            return;
        }
        let Some(source) = parse_source(&f.expr) else {
            let e = Expr::ForLoop(f.clone());
            if self.may_be_active(&e) {
                self.error_at(
                    &f.expr,
                    "a differentiable `for` loop must walk an integer range (`a..b`, `a..=b`, `.rev()`, `.step_by(k)`), a collection (`x.iter()`, `&x`, with `.enumerate()`, `.zip(…)`, `.copied()`), one collection with `.rev()`, `.skip(n)`, `.take(n)`, `.step_by(k)` (then `.enumerate()`), or `x.windows(k)`, `x.chunks(k)`; index the elements for anything else (`for i in 0..n - 1 { x[i] * x[i + 1] }`)",
                );
            } else {
                let inactive = self.inactive(&e);
                out.push(Stmt { kind: StmtKind::Inactive(inactive), span: f.span() });
            }
            return;
        };
        match source {
            Source::Range { start, end, inclusive, adaptors } => {
                self.range_for(f, &start, end.as_ref(), inclusive, &adaptors, out)
            }
            Source::Items(items) => self.items_for(f, &items, out),
        }
    }

    fn range_for(
        &mut self,
        f: &syn::ExprForLoop,
        start: &Expr,
        end: Option<&Expr>,
        inclusive: bool,
        adaptors: &[(String, Option<Expr>)],
        out: &mut Vec<Stmt>,
    ) {
        let Some(end) = end else {
            self.error_at(&f.expr, "a `for` loop in a differentiable function needs a bounded range");
            return;
        };
        let start = self.expr(start, out);
        let end = self.expr(end, out);
        let mut lowered = Vec::new();
        for (name, arg) in adaptors {
            match (name.as_str(), arg) {
                ("rev", None) => lowered.push(RangeAdaptor::Rev),
                ("step_by", Some(step)) => {
                    let step = self.expr(step, out);
                    lowered.push(RangeAdaptor::StepBy(step));
                }
                _ => {}
            }
        }
        let body = self.scoped(|cx| {
            let index = match &*f.pat {
                // The reverse sweep walks the range again, so the body may not change the
                // variable it walks.
                Pat::Ident(ident) if ident.subpat.is_none() && ident.mutability.is_some() => {
                    cx.error_at(
                        &ident.mutability,
                        "the variable of a differentiable `for` loop over a range cannot be `mut`; copy it into a variable of your own: `let mut k = i;`",
                    );
                    None
                }
                Pat::Ident(ident) if ident.subpat.is_none() => {
                    Some(cx.bind_user(&ident.ident, Kind::Int, false, Role::Index))
                }
                Pat::Wild(_) => None,
                other => {
                    cx.error_at(&other, "the variable of a `for` loop over a range must be a name or `_`");
                    None
                }
            };
            let body = cx.loop_body(&f.body);
            (index, body)
        });
        let (index, body) = body;
        let head = LoopHead::Range(RangeLoop { index, start, end, inclusive, adaptors: lowered });
        self.push_loop(head, body, f.span(), out);
    }

    fn items_for(&mut self, f: &syn::ExprForLoop, items: &Items, out: &mut Vec<Stmt>) {
        let Some((len, places)) = self.items_len(items, f.expr.span(), out) else { return };
        self.scoped(|cx| {
            let index = cx.new_index(f.span());
            let mut body = Vec::new();
            let mut places = places.into_iter();
            cx.bind_items(&f.pat, items, index, &mut places, &mut body);
            cx.loop_depth += 1;
            let (rest, _) = cx.sub_block(&f.body);
            cx.loop_depth -= 1;
            body.extend(rest.stmts);
            let head = index_range(index, len);
            cx.push_loop(head, Block { stmts: body, id: 0 }, f.span(), out);
        });
    }

    /// The loop variable of a loop over collections (`__i3`), numbered apart from the loops: a
    /// loop takes its number once its body is lowered, and the walks nested in it have theirs.
    pub(super) fn new_index(&mut self, span: Span) -> usize {
        let number = self.vars.iter().filter(|v| v.role == Role::Index).count();
        let v = self.new_bookkeeping("i", number, Role::Index, span);
        self.vars[v].mutable = false;
        v
    }

    /// The places of the walked collections and the number of items (the shortest length).
    pub(super) fn items_len(
        &mut self,
        items: &Items,
        span: Span,
        out: &mut Vec<Stmt>,
    ) -> Option<(Operand, Vec<Place>)> {
        let mut collections = Vec::new();
        items.collections(&mut collections);
        let mut places = Vec::new();
        for collection in &collections {
            match self.place(collection, out) {
                Some(place) => places.push(place),
                None => {
                    self.error_at(&collection, "only a named collection (a variable, field or element) can be walked here; bind it to a variable first");
                    return None;
                }
            }
        }
        // The lengths are read from the collections as written (`m[1 - c].len()`): their
        // uses include every variable an index reads, so the reverse sweep knows when it may
        // compute them again.
        let mut uses = Vec::new();
        let lens: Vec<TokenStream> = collections
            .iter()
            .map(|c| {
                let renamed = self.inactive(c);
                uses.extend(renamed.uses);
                let tokens = renamed.tokens;
                quote!(#tokens.len())
            })
            .collect();
        let len_tokens = match lens.as_slice() {
            [] => {
                self.error(span, "`enumerate()` needs a collection to walk");
                return None;
            }
            [one] => one.clone(),
            [first, rest @ ..] => rest.iter().fold(first.clone(), |acc, l| quote!(::core::cmp::min(#acc, #l))),
        };
        for place in &places {
            uses.push(place.base);
        }
        let inactive = Inactive { tokens: len_tokens, uses, pure: true };
        let len = self.define(Value::Inactive(inactive), Kind::Int, span, out);
        Some((len, places))
    }

    /// Binds a loop or closure pattern to the items at `index`.
    pub(super) fn bind_items(
        &mut self,
        pat: &Pat,
        items: &Items,
        index: usize,
        places: &mut impl Iterator<Item = Place>,
        out: &mut Vec<Stmt>,
    ) {
        let pat = strip_type(pat);
        match (items, pat) {
            (Items::Pair(a, b), Pat::Tuple(tuple)) if tuple.elems.len() == 2 => {
                self.bind_items(&tuple.elems[0], a, index, places, out);
                self.bind_items(&tuple.elems[1], b, index, places, out);
            }
            (Items::Pair(a, b), Pat::Wild(_)) => {
                self.skip_items(a, places);
                self.skip_items(b, places);
            }
            (Items::Index, Pat::Ident(ident)) => {
                // A copy of the position, so `mut` is the user's own to change.
                let var = self.bind_user(&ident.ident, Kind::Int, ident.mutability.is_some(), Role::User);
                out.push(Stmt {
                    kind: StmtKind::Let { var, value: Value::Copy(Operand::Var(index)) },
                    span: ident.span(),
                });
            }
            (Items::Index, Pat::Wild(_)) => {}
            (Items::Element { by_ref, .. }, _) => {
                let Some(mut place) = places.next() else { return };
                place.steps.push(Step::Index(Operand::Var(index)));
                self.bind_element(pat, place, *by_ref, out);
            }
            (_, other) => {
                self.error_at(&other, "this pattern does not match the items walked (use a name, `&name`, `_`, or a pair `(a, b)` for `zip`/`enumerate`)");
            }
        }
    }

    fn skip_items(&mut self, items: &Items, places: &mut impl Iterator<Item = Place>) {
        match items {
            Items::Index => {}
            Items::Element { .. } => {
                places.next();
            }
            Items::Pair(a, b) => {
                self.skip_items(a, places);
                self.skip_items(b, places);
            }
        }
    }

    /// Binds one element: `v` borrows it (from `.iter()`) or copies it, `&v` copies it.
    fn bind_element(&mut self, pat: &Pat, place: Place, by_ref: bool, out: &mut Vec<Stmt>) {
        let span = pat.span();
        let kind = self.place_kind(&place);
        match pat {
            Pat::Ident(ident) if ident.subpat.is_none() && ident.by_ref.is_none() => {
                let mutable = ident.mutability.is_some();
                if by_ref && !mutable {
                    let alias_kind = if kind == Kind::Scalar { Kind::ScalarRef } else { kind };
                    let var = self.bind_user(&ident.ident, alias_kind, false, Role::User);
                    self.vars[var].alias_of = Some(place.clone());
                    out.push(Stmt { kind: StmtKind::Let { var, value: Value::Alias(place) }, span });
                } else {
                    let var = self.bind_user(&ident.ident, kind, mutable, Role::User);
                    out.push(Stmt { kind: StmtKind::Let { var, value: Value::Read(place) }, span });
                }
            }
            Pat::Reference(reference) => self.bind_element(&reference.pat, place, false, out),
            Pat::Wild(_) => {}
            other => self.error_at(&other, "bind each element to a name, `&name` or `_`"),
        }
    }
}

/// `for index in 0..len`.
pub(super) fn index_range(index: usize, len: Operand) -> LoopHead {
    LoopHead::Range(RangeLoop {
        index: Some(index),
        start: Operand::constant(quote!(0)),
        end: len,
        inclusive: false,
        adaptors: Vec::new(),
    })
}

pub(super) fn strip_type(pat: &Pat) -> &Pat {
    match pat {
        Pat::Type(typed) => &typed.pat,
        Pat::Paren(paren) => strip_type(&paren.pat),
        other => other,
    }
}

/// Recognises the iterator of a `for` loop or chain.
pub(super) fn parse_source(expr: &Expr) -> Option<Source> {
    match expr {
        Expr::Paren(p) => parse_source(&p.expr),
        Expr::Group(g) => parse_source(&g.expr),
        Expr::Range(range) => Some(Source::Range {
            start: range.start.as_deref().cloned()?,
            end: range.end.as_deref().cloned(),
            inclusive: matches!(range.limits, syn::RangeLimits::Closed(_)),
            adaptors: Vec::new(),
        }),
        Expr::Reference(reference) if reference.mutability.is_none() => {
            Some(Source::Items(Items::Element { collection: (*reference.expr).clone(), by_ref: true }))
        }
        Expr::Path(_) | Expr::Field(_) | Expr::Index(_) => {
            Some(Source::Items(Items::Element { collection: expr.clone(), by_ref: true }))
        }
        Expr::MethodCall(call) => parse_adaptor(call),
        _ => None,
    }
}

fn parse_adaptor(call: &syn::ExprMethodCall) -> Option<Source> {
    let name = call.method.to_string();
    let arg = call.args.first().cloned();
    match (name.as_str(), call.args.len()) {
        ("iter" | "into_iter", 0) => {
            let collection = (*call.receiver).clone();
            if let Expr::Range(_) | Expr::Paren(_) = collection {
                return parse_source(&collection);
            }
            Some(Source::Items(Items::Element { collection, by_ref: true }))
        }
        ("rev" | "step_by", _) => match parse_source(&call.receiver)? {
            Source::Range { start, end, inclusive, mut adaptors } => {
                adaptors.push((name, arg));
                Some(Source::Range { start, end, inclusive, adaptors })
            }
            Source::Items(_) => None,
        },
        ("copied" | "cloned", 0) => match parse_source(&call.receiver)? {
            Source::Items(items) => Some(Source::Items(items.copied())),
            Source::Range { .. } => None,
        },
        ("enumerate", 0) => match parse_source(&call.receiver)? {
            Source::Items(items) => Some(Source::Items(Items::Pair(Box::new(Items::Index), Box::new(items)))),
            Source::Range { .. } => None,
        },
        ("zip", 1) => {
            let Source::Items(left) = parse_source(&call.receiver)? else { return None };
            let Source::Items(right) = parse_source(arg.as_ref()?)? else { return None };
            Some(Source::Items(Items::Pair(Box::new(left), Box::new(right))))
        }
        _ => None,
    }
}
