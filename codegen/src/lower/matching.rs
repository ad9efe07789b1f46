//! `match`, lowered to the `if` / `else if` chain it means:
//!
//! ```text
//! match n {                                 let __match0 = n;
//!     0 => a,                               if matches!(__match0, 0) { a }
//!     k @ 1..=3 if k != 2 => b(k),    ==>   else if matches!(__match0, k @ 1..=3 if k != 2) { let k = …; b(k) }
//!     _ => c,                               else { c }
//! }
//! ```
//!
//! The scrutinee is evaluated once; each arm's test is the arm's pattern and guard as written
//! (a condition, like any `if`'s, may read values that carry a gradient); the last arm is the
//! `else`, since rustc has checked the `match` exhaustive. A name bound to the whole scrutinee
//! (`v if v < 0.0 => …`) is a copy of it and may carry a gradient; names bound to its parts
//! (`Some(v)`, `Shape::Circle { r }`) are read by a `match` of their own, kept as written, so
//! they must be constants: parts of a value that carries a gradient cannot be bound yet.

use super::Lowerer;
use crate::ir::Stmt;
use quote::format_ident;
use syn::spanned::Spanned;
use syn::{Expr, Pat};

impl Lowerer {
    /// The `if` chain `m` means, with the scrutinee bound first (in `out`, in a scope the
    /// caller opens around the chain); `None` after reporting an error.
    pub(super) fn match_as_if(&mut self, m: &syn::ExprMatch, out: &mut Vec<Stmt>) -> Option<syn::ExprIf> {
        let span = m.match_token.span;
        let Some((last, tests)) = m.arms.split_last() else {
            self.error_at(m, "a `match` without arms cannot be differentiated");
            return None;
        };
        let number = self.vars.iter().filter(|v| v.name.to_string().starts_with("__match")).count();
        let scrutinee = format_ident!("__match{}", number, span = span);
        self.push_scope();
        self.bind_scrutinee(&scrutinee, &m.expr, out);
        let mut chain: Option<Expr> = None;
        // The inside of an `Option` that may carry a gradient is read with `unwrap` (a place
        // whose adjoint is the `Option`'s), not by a `match` of its own.
        let active = self.may_be_active(&m.expr);
        let else_block = self.arm_block(last, &scrutinee, active)?;
        // Built from the last test outwards: `if t1 { … } else if t2 { … } else { last }`.
        let mut tail = Expr::Block(syn::ExprBlock { attrs: Vec::new(), label: None, block: else_block });
        for arm in tests.iter().rev() {
            let block = self.arm_block(arm, &scrutinee, active)?;
            let pat = &arm.pat;
            // A guard runs only when its pattern matches (and reads what it binds): a closure
            // called there cannot be evaluated first, as in an `if` condition.
            if let Pat::Guard(guard) = pat
                && self.calls_closure_in(&guard.guard)
            {
                self.error_at(
                    &guard.guard,
                    "a closure called in a `match` guard is not supported; test its value in the arm (`k if … => if c(x) > 0.0 { … } else { … }`)",
                );
                return None;
            }
            // The pattern holds its guard (`k if k > 2`): `matches!` takes both.
            let cond: Expr = syn::parse_quote_spanned!(arm.pat.span()=> ::core::matches!(#scrutinee, #pat));
            let if_expr = syn::ExprIf {
                attrs: Vec::new(),
                if_token: syn::Token![if](arm.pat.span()),
                cond: Box::new(cond),
                then_branch: block,
                else_branch: Some((syn::Token![else](arm.pat.span()), Box::new(tail))),
            };
            tail = Expr::If(if_expr);
            chain = Some(tail.clone());
        }
        self.pop_scope_keeping_bindings();
        match chain {
            Some(Expr::If(if_expr)) => Some(if_expr),
            // One arm: `if true { … } else { … }` keeps the shapes the callers expect.
            _ => {
                let Expr::Block(block) = tail else { return None };
                Some(syn::parse_quote_spanned!(span=> if true #block else { ::core::unreachable!() }))
            }
        }
    }

    /// `let __matchK = scrutinee;`, visible to the arms.
    fn bind_scrutinee(&mut self, name: &syn::Ident, scrutinee: &Expr, out: &mut Vec<Stmt>) {
        let span = scrutinee.span();
        self.let_binding(name, false, None, scrutinee, span, out);
    }

    /// An arm's body as a block, after the bindings its pattern makes.
    fn arm_block(&mut self, arm: &syn::Arm, scrutinee: &syn::Ident, active: bool) -> Option<syn::Block> {
        let body = &arm.body;
        let bindings = pattern_bindings(&arm.pat);
        let span = arm.pat.span();
        let prelude: Option<syn::Stmt> = match (strip(&arm.pat), bindings.as_slice()) {
            (_, []) => None,
            (pat, _) if active && some_binding(pat).is_some() => {
                some_binding(pat).map(|binding| syn::parse_quote_spanned!(span=> let #binding = #scrutinee.unwrap();))
            }
            // `v`, `k @ 0..=1`: the whole value.
            (Pat::Ident(ident), [_])
                if ident.by_ref.is_none()
                    && ident.subpat.as_ref().is_none_or(|(_, sub)| pattern_bindings(sub).is_empty()) =>
            {
                let name = &ident.ident;
                Some(syn::parse_quote_spanned!(span=> let #name = #scrutinee;))
            }
            // Read by a `match` of their own (see `is_parts_match`), without the guard: the
            // arm's test has passed, and the guard may read values that carry a gradient.
            (unguarded, names) => Some(syn::parse_quote_spanned!(span=>
                let (#(#names,)*) = match #scrutinee { #unguarded => (#(#names,)*), _ => ::core::unreachable!() };
            )),
        };
        // `0 => s += x,`: an assignment is the arm's statement.
        let statement = matches!(&**body, Expr::Assign(_))
            || matches!(&**body, Expr::Binary(b) if super::inactive::is_assignment(&b.op));
        Some(match statement {
            true => syn::parse_quote_spanned!(body.span()=> { #prelude #body; }),
            false => syn::parse_quote_spanned!(body.span()=> { #prelude #body }),
        })
    }

    /// Leaves the scope of the scrutinee: the chain, lowered in a scope of its own, still
    /// needs to see it, so the binding moves to the enclosing scope.
    fn pop_scope_keeping_bindings(&mut self) {
        if let Some(inner) = self.scopes.pop()
            && let Some(outer) = self.scopes.last_mut()
        {
            outer.extend(inner);
        }
    }
}

/// `Some(v)` (or `Some(mut v)`): the binding of the inside of an `Option`, as `v` or `mut v`.
pub(super) fn some_binding(pat: &Pat) -> Option<proc_macro2::TokenStream> {
    let Pat::TupleStruct(some) = strip(pat) else { return None };
    let is_some = some.path.segments.last().is_some_and(|s| s.ident == "Some") && some.qself.is_none();
    match (is_some, some.elems.len(), some.elems.first()) {
        (true, 1, Some(Pat::Ident(ident))) if ident.by_ref.is_none() && ident.subpat.is_none() => {
            let (mutability, name) = (&ident.mutability, &ident.ident);
            Some(quote::quote!(#mutability #name))
        }
        _ => None,
    }
}

/// The pattern without parentheses or guard.
fn strip(pat: &Pat) -> &Pat {
    match pat {
        Pat::Paren(p) => strip(&p.pat),
        Pat::Guard(g) => strip(&g.pat),
        other => other,
    }
}

/// The names a pattern binds (for an or-pattern, its first alternative's: all bind the same).
fn pattern_bindings(pat: &Pat) -> Vec<syn::Ident> {
    let mut names = Vec::new();
    collect_bindings(pat, &mut names);
    names
}

fn collect_bindings(pat: &Pat, names: &mut Vec<syn::Ident>) {
    match pat {
        Pat::Ident(ident) => {
            // A lone capitalised name is a unit variant or constant in scope, not a binding.
            let text = ident.ident.to_string();
            let constant_like = ident.subpat.is_none() && text.chars().next().is_some_and(char::is_uppercase);
            if !constant_like {
                names.push(ident.ident.clone());
            }
            if let Some((_, sub)) = &ident.subpat {
                collect_bindings(sub, names);
            }
        }
        Pat::Or(or) => {
            if let Some(first) = or.cases.first() {
                collect_bindings(first, names);
            }
        }
        Pat::Paren(p) => collect_bindings(&p.pat, names),
        Pat::Reference(r) => collect_bindings(&r.pat, names),
        Pat::Slice(s) => s.elems.iter().for_each(|p| collect_bindings(p, names)),
        Pat::Struct(s) => s.fields.iter().for_each(|f| collect_bindings(&f.pat, names)),
        Pat::Tuple(t) => t.elems.iter().for_each(|p| collect_bindings(p, names)),
        Pat::TupleStruct(t) => t.elems.iter().for_each(|p| collect_bindings(p, names)),
        Pat::Type(t) => collect_bindings(&t.pat, names),
        Pat::Guard(g) => collect_bindings(&g.pat, names),
        _ => {}
    }
}

/// Whether `m` is the `match` an arm's bindings are read by (`match __matchK { P => (a, b),
/// _ => unreachable!() }`): kept as written, an error if the parts it binds carry a gradient.
pub(super) fn is_parts_match(m: &syn::ExprMatch) -> bool {
    let scrutinee_is_ours =
        matches!(&*m.expr, Expr::Path(p) if p.path.get_ident().is_some_and(|i| i.to_string().starts_with("__match")));
    let ends_unreachable = m.arms.len() == 2
        && matches!(&m.arms[1].pat, Pat::Wild(_))
        && matches!(&*m.arms[1].body, Expr::Macro(mac) if mac.mac.path.segments.last().is_some_and(|s| s.ident == "unreachable"));
    scrutinee_is_ours && ends_unreachable
}
