//! Iterator chains (`.map(…).sum()`, `.fold(…)`, `.collect()`, `.product()`), lowered to
//! loops over integer ranges like `for` loops over collections (`iter.rs`).

use super::Lowerer;
use super::iter::{Items, Source, parse_source, strip_type};
use crate::ir::{Block, Inactive, Kind, LoopHead, Operand, Place, RangeLoop, Role, Step, Stmt, StmtKind, Value};
use proc_macro2::Span;
use quote::{ToTokens, quote};
use syn::spanned::Spanned;
use syn::{Expr, Pat};

impl Lowerer {
    /// `… .sum()`, `… .map(f).sum()`, `… .fold(init, f)`, `… .map(f).collect()`: lowered
    /// to a loop. `None` if `call` is not such a chain.
    pub(super) fn iterator_chain(&mut self, call: &syn::ExprMethodCall, out: &mut Vec<Stmt>) -> Option<Operand> {
        let terminal = call.method.to_string();
        if !matches!(terminal.as_str(), "sum" | "fold" | "collect" | "product") {
            return None;
        }
        if let Some(rewritten) = paths_as_closures(call) {
            return self.iterator_chain(&rewritten, out);
        }
        if let Some(rewritten) = filter_as_branch(call) {
            return self.iterator_chain(&rewritten, out);
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
                    "this iterator chain cannot be differentiated; supported: `x.iter()` (with `.enumerate()`, `.zip(…)`, `.copied()`) or a range, then an optional `.filter(|…| …)` and `.map(|…| …)`, then `.sum()`, `.product()`, `.fold(init, |acc, …| …)` or `.collect()` (not after `.filter`)".into(),
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
                return Some(Operand::constant(crate::names::float_literal(0.0)));
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
                    return Operand::constant(crate::names::float_literal(0.0));
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
                return Operand::constant(crate::names::float_literal(0.0));
            }
        };
        let Some(acc) = self.accumulator(terminal, call, &bounds.1, span, out) else {
            return Operand::constant(crate::names::float_literal(0.0));
        };
        self.scoped(|cx| {
            let index = cx.new_index(span);
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
            "sum" => Value::Copy(Operand::constant(crate::names::float_negative_zero())),
            "product" => Value::Copy(Operand::constant(crate::names::float_literal(1.0))),
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
        // `sum::<f64>()`: the accumulator has that type (its items may be untyped literals).
        if let Some(turbofish) = &call.turbofish
            && let [syn::GenericArgument::Type(ty)] = turbofish.args.iter().collect::<Vec<_>>()[..]
        {
            self.vars[acc].ty = Some(ty.to_token_stream());
        }
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

/// `.map(f64::sin)` → `.map(|__v| f64::sin(__v))` and `.fold(init, f64::max)` →
/// `.fold(init, |__acc, __v| f64::max(__acc, __v))`: a function named by its path (a float
/// method, a `#[differentiable]` function) is the closure that calls it. `None` if the chain
/// names none.
fn paths_as_closures(call: &syn::ExprMethodCall) -> Option<syn::ExprMethodCall> {
    let mut call = call.clone();
    let mut changed = false;
    if call.method == "fold"
        && let Some(Expr::Path(path)) = call.args.iter().nth(1).cloned()
        && let Some(arg) = call.args.iter_mut().nth(1)
    {
        *arg = syn::parse_quote_spanned!(path.span()=> |__acc, __v| #path(__acc, __v));
        // `.fold(0.0, f64::max)`: the path's float type is the start's (a bare `0.0` would be
        // an ambiguous float once `f64::max` is a method call on it).
        let float = path.path.segments.first().map(|s| s.ident.to_string()).filter(|s| s == "f32" || s == "f64");
        if let (Some(float), Some(Expr::Lit(start))) = (float, call.args.first_mut())
            && let syn::Lit::Float(value) = &start.lit
            && value.suffix().is_empty()
        {
            let typed = format!("{}{float}", value.base10_digits());
            start.lit = syn::Lit::Float(syn::LitFloat::new(&typed, value.span()));
        }
        changed = true;
    }
    if let Expr::MethodCall(inner) = &mut *call.receiver
        && inner.method == "map"
        && let Some(Expr::Path(path)) = inner.args.first().cloned()
        && let Some(arg) = inner.args.first_mut()
    {
        *arg = syn::parse_quote_spanned!(path.span()=> |__v| #path(__v));
        changed = true;
    }
    changed.then_some(call)
}

/// `.filter(p)` before `.sum()`, `.product()` or `.fold(…)` (with or without a `.map(f)`
/// between), as the branch it means inside the reduction: an item `p` rejects adds nothing.
///
/// ```text
/// s.filter(p).map(|v| e).sum()           s.map(|v| if keep(&v, p) { e } else { -0.0 }).sum()
/// s.filter(p).fold(a, |acc, v| e)   →    s.fold(a, |acc, v| if keep(&v, p) { e } else { acc })
/// s.filter(p).sum()                      s.fold(-0.0, |__acc, __v| if keep(&__v, p) { __acc + __v } else { __acc })
/// ```
///
/// The predicate is called as written (through `keep`, which types its parameter as `filter`
/// does) on a reference to the item, rebuilt from the closure's
/// pattern (`|&v|` gives `&v`): a condition, evaluated once in the forward sweep. (`collect`
/// after a filter changes the length and is left to the error.)
fn filter_as_branch(call: &syn::ExprMethodCall) -> Option<syn::ExprMethodCall> {
    let terminal = call.method.to_string();
    let (filtered, map) = match &*call.receiver {
        Expr::MethodCall(m) if m.method == "map" && m.args.len() == 1 => match &*m.receiver {
            Expr::MethodCall(f) if f.method == "filter" && f.args.len() == 1 => (f, Some(m)),
            _ => return None,
        },
        Expr::MethodCall(f) if f.method == "filter" && f.args.len() == 1 => (f, None),
        _ => return None,
    };
    let (source, predicate) = (&filtered.receiver, &filtered.args[0]);
    // Called through a function whose bound types the closure's parameter, as `filter` does.
    let keep = crate::private::Item::Keep;
    let span = filtered.method.span();
    let neutral = match terminal.as_str() {
        // Adding `-0.0` leaves every sum as it was, a `-0.0` one included.
        "sum" => crate::names::float_negative_zero(),
        "product" => crate::names::float_literal(1.0),
        _ => proc_macro2::TokenStream::new(),
    };
    let mut rewritten = call.clone();
    match (terminal.as_str(), map) {
        ("sum" | "product", Some(map)) => {
            let Some(Expr::Closure(f)) = map.args.first() else { return None };
            let ((input, item), body) = (item_of(f.inputs.first()?)?, &f.body);
            let branch: Expr =
                syn::parse_quote_spanned!(span=> |#input| if #keep(&#item, #predicate) { #body } else { #neutral });
            let mut map = map.clone();
            map.receiver = source.clone();
            map.args = std::iter::once(branch).collect();
            rewritten.receiver = Box::new(Expr::MethodCall(map));
        }
        ("sum" | "product", None) => {
            let op = if terminal == "sum" { quote!(+) } else { quote!(*) };
            let fold: Expr = syn::parse_quote_spanned!(span=>
                #source.fold(#neutral, |__acc, __v| if #keep(&__v, #predicate) { __acc #op __v } else { __acc })
            );
            let Expr::MethodCall(fold) = fold else { return None };
            return Some(fold);
        }
        ("fold", _) => {
            let Some(Expr::Closure(g)) = call.args.iter().nth(1) else { return None };
            let (Some(acc), Some(item_pat)) = (g.inputs.first(), g.inputs.iter().nth(1)) else { return None };
            let Pat::Ident(acc_ident) = strip_type(acc) else { return None };
            let acc_name = &acc_ident.ident;
            let body = &g.body;
            // With a `.map(|p| e)` between: the fold's item is `e`, bound by the fold's pattern.
            let (inputs, kept): (proc_macro2::TokenStream, Expr) = match map {
                Some(map) => {
                    let Some(Expr::Closure(f)) = map.args.first() else { return None };
                    let (map_pat, item) = item_of(f.inputs.first()?)?;
                    let map_body = &f.body;
                    let kept = syn::parse_quote_spanned!(span=> if #keep(&#item, #predicate) { let #item_pat = #map_body; #body } else { #acc_name });
                    (quote!(#acc, #map_pat), kept)
                }
                None => {
                    let (item_pat, item) = item_of(item_pat)?;
                    (
                        quote!(#acc, #item_pat),
                        syn::parse_quote_spanned!(span=> if #keep(&#item, #predicate) { #body } else { #acc_name }),
                    )
                }
            };
            let closure: Expr = syn::parse_quote_spanned!(span=> |#inputs| #kept);
            rewritten.receiver = source.clone();
            let init = call.args.first()?.clone();
            rewritten.args = [init, closure].into_iter().collect();
        }
        _ => return None,
    }
    Some(rewritten)
}

/// A closure's parameter pattern with every `_` named, and the item it binds as an expression
/// (`&v` for `|&v|`, `(i, v)` for `|(i, _)|`); `None` for patterns that cannot be rebuilt.
fn item_of(pat: &Pat) -> Option<(Pat, Expr)> {
    let mut count = 0;
    rebuild(pat, &mut count)
}

fn rebuild(pat: &Pat, count: &mut usize) -> Option<(Pat, Expr)> {
    Some(match pat {
        Pat::Type(typed) => {
            let (inner, item) = rebuild(&typed.pat, count)?;
            let mut typed = typed.clone();
            typed.pat = Box::new(inner);
            (Pat::Type(typed), item)
        }
        Pat::Ident(ident) if ident.subpat.is_none() && ident.by_ref.is_none() => {
            let name = &ident.ident;
            (pat.clone(), syn::parse_quote!(#name))
        }
        Pat::Wild(wild) => {
            let name = quote::format_ident!("__filtered{}", *count, span = wild.underscore_token.span);
            *count += 1;
            (syn::parse_quote!(#name), syn::parse_quote!(#name))
        }
        Pat::Reference(reference) => {
            let (inner, item) = rebuild(&reference.pat, count)?;
            let mut reference = reference.clone();
            reference.pat = Box::new(inner);
            (Pat::Reference(reference), syn::parse_quote!(&#item))
        }
        Pat::Paren(paren) => rebuild(&paren.pat, count)?,
        Pat::Tuple(tuple) => {
            let parts = tuple.elems.iter().map(|p| rebuild(p, count)).collect::<Option<Vec<_>>>()?;
            let (pats, items): (Vec<Pat>, Vec<Expr>) = parts.into_iter().unzip();
            (syn::parse_quote!((#(#pats,)*)), syn::parse_quote!((#(#items,)*)))
        }
        _ => return None,
    })
}
