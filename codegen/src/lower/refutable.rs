//! Refutable bindings: `let PAT = e else { … };` and `while let PAT = e { … }`, lowered to the
//! forms they mean, built from constructs the lowering has:
//!
//! ```text
//! let Some(v) = o else { return 0.0 };     let __let_else0 = o;
//!                                      →   if !matches!(__let_else0, Some(v)) { return 0.0 }
//!                                          let v = match __let_else0 { Some(v) => v, _ => unreachable!() };
//!
//! while let Some(v) = next(i) { body }  →  loop { let Some(v) = next(i) else { break }; body }
//! ```
//!
//! The names the pattern binds are read by a `match` of their own, as `match` arms bind parts
//! (`matching`): fine while the value is a constant (an `Option` or enum passed as one, an
//! integer), a compile error naming the pattern if a gradient would have to flow through it.

use super::Lowerer;
use crate::ir::Stmt;
use quote::{format_ident, quote_spanned};
use syn::spanned::Spanned;
use syn::visit::Visit;

impl Lowerer {
    /// `let PAT = init else diverge;`
    pub(super) fn let_else(&mut self, pat: &syn::Pat, init: &syn::Expr, diverge: &syn::Expr, out: &mut Vec<Stmt>) {
        let span = pat.span();
        let scrutinee = format_ident!("__let_else{}", self.let_else_count, span = span);
        self.let_else_count += 1;
        let names = bound_names(pat);
        let check: syn::Stmt = syn::parse_quote_spanned! {span=>
            if !::core::matches!(#scrutinee, #pat) #diverge
        };
        let mut stmts: Vec<syn::Stmt> = vec![syn::parse_quote_spanned!(span=> let #scrutinee = #init;), check];
        let some = super::matching::some_binding(pat).filter(|_| self.may_be_active(init));
        let bind = match names.as_slice() {
            [] => None,
            // The inside of an `Option` that may carry a gradient (see `matching`).
            [_] if some.is_some() => some.map(|binding| quote_spanned!(span=> let #binding = #scrutinee.unwrap();)),
            [one] => {
                Some(quote_spanned!(span=> let #one = match #scrutinee { #pat => #one, _ => ::core::unreachable!() };))
            }
            many => Some(quote_spanned! {span=>
                let (#(#many),*) = match #scrutinee { #pat => (#(#many),*), _ => ::core::unreachable!() };
            }),
        };
        if let Some(bind) = bind {
            match syn::parse2::<syn::Stmt>(bind) {
                Ok(stmt) => stmts.push(stmt),
                Err(error) => {
                    self.error(
                        error.span(),
                        "this `let … else` pattern could not be rewritten; bind its parts with `match`",
                    );
                    return;
                }
            }
        }
        // The names stay visible after the statement: no scope of their own.
        for stmt in &stmts {
            self.stmt(stmt, out, false);
        }
    }

    /// `while let PAT = e { body }` as `loop { let PAT = e else { break }; body }`.
    pub(super) fn while_let(&mut self, w: &syn::ExprWhile, let_expr: &syn::ExprLet, out: &mut Vec<Stmt>) {
        let span = w.span();
        let (pat, init) = (&let_expr.pat, &let_expr.expr);
        let body = &w.body.stmts;
        let looped: syn::Expr = syn::parse_quote_spanned! {span=>
            loop {
                let #pat = #init else { break };
                #(#body)*
            }
        };
        self.expr_stmt(&looped, out);
    }
}

/// The names a pattern binds (`Some((a, b))` → `a`, `b`), in order. A capitalised name is a
/// unit variant or constant (`None`, `MAX`), not a binding.
fn bound_names(pat: &syn::Pat) -> Vec<syn::Ident> {
    struct Names(Vec<syn::Ident>);
    impl<'ast> Visit<'ast> for Names {
        fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
            let first = p.ident.to_string().trim_start_matches('_').chars().next();
            if first.is_some_and(|c| c.is_lowercase()) || p.subpat.is_some() {
                self.0.push(p.ident.clone());
            }
            syn::visit::visit_pat_ident(self, p);
        }
        // `Path { field: pat }`, `Enum::Variant(..)`: only the sub-patterns bind.
        fn visit_expr(&mut self, _: &'ast syn::Expr) {}
    }
    let mut names = Names(Vec::new());
    names.visit_pat(pat);
    names.0
}
