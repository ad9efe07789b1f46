//! `for` loops and iterator chains, lowered to loops over integer ranges.
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
use quote::{ToTokens, quote};
use syn::spanned::Spanned;
use syn::{Expr, Pat};

/// What a `for` loop or iterator chain walks.
enum Source {
    /// An integer range with `.rev()` / `.step_by(k)`.
    Range { start: Expr, end: Option<Expr>, inclusive: bool, adaptors: Vec<(String, Option<Expr>)> },
    /// Elements of collections, by index.
    Items(Items),
}

/// The item produced at each index.
enum Items {
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

    fn copied(self) -> Items {
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
        let Some(source) = parse_source(&f.expr) else {
            let e = Expr::ForLoop(f.clone());
            if self.may_be_active(&e) {
                self.error_at(
                    &f.expr,
                    "a differentiable `for` loop must walk an integer range (`a..b`, `a..=b`, `.rev()`, `.step_by(k)`) or a collection (`x.iter()`, `&x`, with `.enumerate()`, `.zip(…)`, `.copied()`)",
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
        let loop_id = self.counts.loops;
        self.scoped(|cx| {
            let index = cx.new_index(loop_id, f.span());
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

    /// The loop variable of a loop over collections (`__i3`).
    fn new_index(&mut self, loop_id: usize, span: Span) -> usize {
        let v = self.new_bookkeeping("i", loop_id, Role::Index, span);
        self.vars[v].mutable = false;
        v
    }

    /// The places of the walked collections and the number of items (the shortest length).
    fn items_len(&mut self, items: &Items, span: Span, out: &mut Vec<Stmt>) -> Option<(Operand, Vec<Place>)> {
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
        let lens: Vec<TokenStream> = collections
            .iter()
            .map(|c| {
                let renamed = self.inactive(c).tokens;
                quote!(#renamed.len())
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
        let mut uses = Vec::new();
        for place in &places {
            uses.push(place.base);
        }
        let inactive = Inactive { tokens: len_tokens, uses, pure: true };
        let len = self.define(Value::Inactive(inactive), Kind::Int, span, out);
        Some((len, places))
    }

    /// Binds a loop or closure pattern to the items at `index`.
    fn bind_items(
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

    /// `… .sum()`, `… .map(f).sum()`, `… .fold(init, f)`, `… .map(f).collect()`: lowered
    /// to a loop. `None` if `call` is not such a chain.
    pub(super) fn iterator_chain(&mut self, call: &syn::ExprMethodCall, out: &mut Vec<Stmt>) -> Option<Operand> {
        let terminal = call.method.to_string();
        if !matches!(terminal.as_str(), "sum" | "fold" | "collect" | "product") {
            return None;
        }
        let (source_expr, map) = match &*call.receiver {
            Expr::MethodCall(inner) if inner.method == "map" && inner.args.len() == 1 => {
                (&*inner.receiver, inner.args.first())
            }
            other => (other, None),
        };
        let Some(source) = parse_source(source_expr) else {
            if self.may_be_active(&Expr::MethodCall(call.clone())) {
                let e = Expr::MethodCall(call.clone());
                return Some(self.unsupported(
                    &e,
                    "this iterator chain cannot be differentiated; supported: `x.iter()` (with `.enumerate()`, `.zip(…)`, `.copied()`) or a range, then an optional `.map(|…| …)`, then `.sum()`, `.fold(init, |acc, …| …)` or `.collect()`".into(),
                    out,
                ));
            }
            return None;
        };
        let span = call.span();
        if terminal == "sum"
            && map.is_none()
            && let Source::Items(Items::Element { collection, .. }) = &source
            && let Some(place) = self.place(collection, out)
            && self.place_kind(&place) == Kind::Buffer(1)
        {
            return Some(self.define(Value::Build(crate::ir::Build::Sum(place)), Kind::Scalar, span, out));
        }
        let map = match map {
            Some(Expr::Closure(closure)) => Some(closure),
            Some(other) => {
                self.error_at(&other, "`.map(...)` takes a closure here (`|v| …`)");
                return Some(Operand::constant(quote!(0.0)));
            }
            None => None,
        };
        Some(self.reduce(&terminal, call, source, map, out))
    }

    /// Emits the loop of an iterator chain and returns the accumulated value.
    fn reduce(
        &mut self,
        terminal: &str,
        call: &syn::ExprMethodCall,
        source: Source,
        map: Option<&syn::ExprClosure>,
        out: &mut Vec<Stmt>,
    ) -> Operand {
        let span = call.span();
        let (bounds, items, places) = match source {
            Source::Items(items) => {
                let Some((len, places)) = self.items_len(&items, span, out) else {
                    return Operand::constant(quote!(0.0));
                };
                ((Operand::constant(quote!(0)), len), items, places)
            }
            Source::Range { start, end: Some(end), inclusive: false, adaptors } if adaptors.is_empty() => {
                let start = self.expr(&start, out);
                let end = self.expr(&end, out);
                ((start, end), Items::Index, Vec::new())
            }
            Source::Range { .. } => {
                self.error(span, "an iterator chain over a range must use a plain `a..b` range");
                return Operand::constant(quote!(0.0));
            }
        };
        let Some(acc) = self.accumulator(terminal, call, &bounds.1, span, out) else {
            return Operand::constant(quote!(0.0));
        };
        let loop_id = self.counts.loops;
        self.scoped(|cx| {
            let index = cx.new_index(loop_id, span);
            let mut places = places.into_iter();
            let mut body = Vec::new();
            cx.loop_depth += 1;
            match (map, terminal) {
                (Some(closure), _) => {
                    if let Some(item) = cx.map_closure(closure, &items, index, &mut places, &mut body) {
                        cx.fold_step(terminal, call, acc, Some(item), &items, index, &mut places, &mut body);
                    }
                }
                (None, "fold") => cx.fold_step(terminal, call, acc, None, &items, index, &mut places, &mut body),
                (None, _) => {
                    let item = cx.plain_item(&items, index, &mut places, span, &mut body);
                    cx.fold_step(terminal, call, acc, item, &items, index, &mut places, &mut body);
                }
            }
            cx.loop_depth -= 1;
            let (start, end) = bounds;
            let head =
                LoopHead::Range(RangeLoop { index: Some(index), start, end, inclusive: false, adaptors: Vec::new() });
            cx.push_loop(head, Block { stmts: body, id: 0 }, span, out);
        });
        self.read_var(acc, span, out)
    }

    /// The accumulator of a reduction, initialised before the loop.
    fn accumulator(
        &mut self,
        terminal: &str,
        call: &syn::ExprMethodCall,
        len: &Operand,
        span: Span,
        out: &mut Vec<Stmt>,
    ) -> Option<usize> {
        let init = match terminal {
            "sum" => Value::Copy(Operand::constant(quote!(0.0))),
            "product" => Value::Copy(Operand::constant(quote!(1.0))),
            "fold" => {
                let Some(init) = call.args.first() else {
                    self.error_at(call, "`fold` takes an initial value and a closure");
                    return None;
                };
                Value::Copy(self.expr(init, out))
            }
            _ => {
                let len_tokens = match len {
                    Operand::Var(v) => self.vars[*v].name.to_token_stream(),
                    Operand::Const(c) => c.tokens.clone(),
                };
                let uses = len.var().into_iter().collect();
                Value::Inactive(Inactive {
                    tokens: quote!(::std::vec::Vec::with_capacity(#len_tokens)),
                    uses,
                    pure: false,
                })
            }
        };
        let kind = match (&init, terminal) {
            (Value::Copy(v), "fold") => self.kind_of(v),
            (_, "collect") => Kind::Buffer(1),
            _ => Kind::Scalar,
        };
        let acc = self.new_temp(kind, span);
        self.vars[acc].mutable = true;
        out.push(Stmt { kind: StmtKind::Let { var: acc, value: init }, span });
        Some(acc)
    }

    /// Binds the closure of `.map(...)` to the items and returns its value.
    fn map_closure(
        &mut self,
        closure: &syn::ExprClosure,
        items: &Items,
        index: usize,
        places: &mut impl Iterator<Item = Place>,
        out: &mut Vec<Stmt>,
    ) -> Option<Operand> {
        let [pat] = closure.inputs.iter().collect::<Vec<_>>()[..] else {
            self.error_at(&closure, "the closure of `.map(...)` takes one parameter");
            return None;
        };
        self.bind_items(pat, items, index, places, out);
        Some(self.expr(&closure.body, out))
    }

    /// The item itself, when no closure maps it: the index or one element, copied.
    fn plain_item(
        &mut self,
        items: &Items,
        index: usize,
        places: &mut impl Iterator<Item = Place>,
        span: Span,
        out: &mut Vec<Stmt>,
    ) -> Option<Operand> {
        match items {
            Items::Index => Some(Operand::Var(index)),
            Items::Element { .. } => {
                let mut place = places.next()?;
                place.steps.push(Step::Index(Operand::Var(index)));
                let kind = self.place_kind(&place);
                Some(self.define(Value::Read(place), kind, span, out))
            }
            Items::Pair(..) => {
                self.error(
                    span,
                    "a reduction over `enumerate()`/`zip(…)` pairs needs a `.map(|(a, b)| …)` to one value first",
                );
                None
            }
        }
    }

    /// One step of the reduction: `acc += item`, `acc *= item`, `acc = f(acc, item)` or
    /// `acc.push(item)`.
    #[allow(clippy::too_many_arguments)]
    fn fold_step(
        &mut self,
        terminal: &str,
        call: &syn::ExprMethodCall,
        acc: usize,
        item: Option<Operand>,
        items: &Items,
        index: usize,
        places: &mut impl Iterator<Item = Place>,
        out: &mut Vec<Stmt>,
    ) {
        let span = call.span();
        match (terminal, item) {
            ("fold", item) => self.fold_closure(call, acc, item, items, index, places, out),
            ("sum", Some(item)) => {
                out.push(Stmt { kind: StmtKind::Update { var: acc, subtract: false, value: item }, span })
            }
            ("product", Some(item)) => {
                let old = self.read_var(acc, span, out);
                let new = self.op(crate::ir::Op::Mul, vec![old, item], span, out);
                out.push(Stmt { kind: StmtKind::Assign { var: acc, value: new }, span });
            }
            (_, Some(item)) => {
                let place = Place { base: acc, steps: Vec::new() };
                out.push(Stmt { kind: StmtKind::Push { place, value: item }, span });
            }
            (_, None) => {}
        }
    }

    /// `acc = body` for `.fold(init, |acc, item| body)`.
    #[allow(clippy::too_many_arguments)]
    fn fold_closure(
        &mut self,
        call: &syn::ExprMethodCall,
        acc: usize,
        mapped: Option<Operand>,
        items: &Items,
        index: usize,
        places: &mut impl Iterator<Item = Place>,
        out: &mut Vec<Stmt>,
    ) {
        let span = call.span();
        let Some(Expr::Closure(closure)) = call.args.iter().nth(1) else {
            self.error_at(call, "`.fold(init, f)` takes a closure `|acc, item| …` here");
            return;
        };
        let params: Vec<&Pat> = closure.inputs.iter().collect();
        let [acc_pat, item_pat] = params[..] else {
            self.error_at(&closure, "the closure of `.fold(...)` takes two parameters");
            return;
        };
        let value = self.scoped(|cx| {
            let current = cx.read_var(acc, span, out);
            match strip_type(acc_pat) {
                Pat::Ident(ident) => {
                    let var = cx.bind_user(&ident.ident, cx.vars[acc].kind, false, Role::User);
                    out.push(Stmt { kind: StmtKind::Let { var, value: Value::Copy(current) }, span });
                }
                other => cx.error_at(&other, "the accumulator of `.fold(...)` must be a name"),
            }
            match mapped {
                Some(item) => match strip_type(item_pat) {
                    Pat::Ident(ident) => {
                        let kind = cx.kind_of(&item);
                        let var = cx.bind_user(&ident.ident, kind, false, Role::User);
                        out.push(Stmt { kind: StmtKind::Let { var, value: Value::Copy(item) }, span });
                    }
                    Pat::Wild(_) => {}
                    other => cx.error_at(&other, "after `.map(...)`, the item of `.fold(...)` must be a name; destructure it in the closure body"),
                },
                None => cx.bind_items(item_pat, items, index, places, out),
            }
            cx.expr(&closure.body, out)
        });
        out.push(Stmt { kind: StmtKind::Assign { var: acc, value }, span });
    }
}

/// `for index in 0..len`.
fn index_range(index: usize, len: Operand) -> LoopHead {
    LoopHead::Range(RangeLoop {
        index: Some(index),
        start: Operand::constant(quote!(0)),
        end: len,
        inclusive: false,
        adaptors: Vec::new(),
    })
}

fn strip_type(pat: &Pat) -> &Pat {
    match pat {
        Pat::Type(typed) => &typed.pat,
        Pat::Paren(paren) => strip_type(&paren.pat),
        other => other,
    }
}

/// Recognises the iterator of a `for` loop or chain.
fn parse_source(expr: &Expr) -> Option<Source> {
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
