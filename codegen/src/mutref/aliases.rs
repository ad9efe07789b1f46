//! A `&mut` parameter rebound whole: `let q = p;` or `let q = &mut *p;`, then `q.k += 1`.
//!
//! In the user's function `q` is the same reference. In `_owned`, where `p` is a value
//! (`let mut p = p;`), the same `let` would move the value into an immutable `q` (E0594 on
//! the write, E0382 on returning `p`). So before the rewrite the rebinding is dropped and `q`
//! read as `p` in the statements after it:
//!
//! ```text
//! let q = p;                  // dropped
//! s += a[q.k] * x[j];         s += a[p.k] * x[j];
//! q.k += 1;                   p.k += 1;
//! ```
//!
//! Only where that is plainly the same program: `q` bound without `mut` (so never made to
//! point elsewhere); `p` bound by no pattern after it (else a `p` after it may be another
//! variable); `q` bound by no pattern after it other than a `let` of the same block, which ends
//! the renaming (shadowing); and every macro naming `q` taking expressions (`vec![q[0]]`,
//! `assert!(q.k < 3, "{}", q.k)`), none of them a string that may name `q` where no token
//! shows (`"{q:?}"`). Anything else is left as written (and `_owned` does not compile, as
//! before).

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::visit::Visit;
use syn::visit_mut::VisitMut;

/// Drops the whole rebindings of `buffers` (the `&mut` parameters) in `block` and renames
/// their uses.
pub fn inline(block: &mut syn::Block, buffers: &[syn::Ident]) {
    Inline { buffers }.visit_block_mut(block);
}

struct Inline<'a> {
    buffers: &'a [syn::Ident],
}

impl VisitMut for Inline<'_> {
    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        let mut k = 0;
        while k < block.stmts.len() {
            if let Some((alias, target)) = self.rebinding(&block.stmts[k])
                && renamable(&alias, &target, &block.stmts[k + 1..])
            {
                block.stmts.remove(k);
                rename(&mut block.stmts[k..], &alias, &target);
                // Statement `k` is the next one now (maybe a rebinding of the alias itself).
                continue;
            }
            self.visit_stmt_mut(&mut block.stmts[k]);
            k += 1;
        }
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

impl Inline<'_> {
    /// `(q, p)` of `let q = p;`, `let q: &mut T = p;` or `let q = &mut *p;` of a buffer `p`.
    fn rebinding(&self, stmt: &syn::Stmt) -> Option<(syn::Ident, syn::Ident)> {
        let syn::Stmt::Local(local) = stmt else { return None };
        let init = local.init.as_ref().filter(|init| init.diverge.is_none())?;
        let pat = match &local.pat {
            syn::Pat::Type(typed) => &*typed.pat,
            pat => pat,
        };
        let syn::Pat::Ident(binding) = pat else { return None };
        if binding.by_ref.is_some() || binding.mutability.is_some() || binding.subpat.is_some() {
            return None;
        }
        let source = match &*init.expr {
            syn::Expr::Reference(r) if r.mutability.is_some() => match &*r.expr {
                syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => &*u.expr,
                _ => return None,
            },
            e => e,
        };
        let syn::Expr::Path(path) = source else { return None };
        let target = path.path.get_ident().filter(|i| path.qself.is_none() && self.buffers.contains(i))?;
        Some((binding.ident.clone(), target.clone()))
    }
}

/// Whether `alias` can be read as `target` in `rest` (see the module's conditions).
fn renamable(alias: &syn::Ident, target: &syn::Ident, rest: &[syn::Stmt]) -> bool {
    if rest.iter().any(|stmt| binds_anywhere(target, stmt)) {
        return false;
    }
    for stmt in rest {
        if in_opaque_macro(alias, stmt) {
            return false;
        }
        if let syn::Stmt::Local(local) = stmt {
            if let Some(init) = &local.init
                && (binds_anywhere(alias, &*init.expr)
                    || init.diverge.as_ref().is_some_and(|(_, diverge)| binds_anywhere(alias, &**diverge)))
            {
                return false;
            }
            if binds(alias, &local.pat) {
                return true;
            }
            continue;
        }
        if binds_anywhere(alias, stmt) {
            return false;
        }
    }
    true
}

/// Renames `alias` to `target` in `stmts`, up to a `let` that shadows `alias`.
fn rename(stmts: &mut [syn::Stmt], alias: &syn::Ident, target: &syn::Ident) {
    let mut renamer = Rename { alias, target };
    for stmt in stmts {
        if let syn::Stmt::Local(local) = stmt {
            if let Some(init) = &mut local.init {
                renamer.visit_local_init_mut(init);
            }
            if binds(alias, &local.pat) {
                return;
            }
            continue;
        }
        renamer.visit_stmt_mut(stmt);
    }
}

struct Rename<'a> {
    alias: &'a syn::Ident,
    target: &'a syn::Ident,
}

impl VisitMut for Rename<'_> {
    fn visit_expr_path_mut(&mut self, path: &mut syn::ExprPath) {
        if path.qself.is_none() && path.path.is_ident(self.alias) {
            path.path = self.target.clone().into();
        }
    }

    // `S { q }`: the shorthand names the field too, so it is written out (`S { q: p }`).
    fn visit_field_value_mut(&mut self, field: &mut syn::FieldValue) {
        if field.colon_token.is_none() {
            field.colon_token = Some(Default::default());
        }
        self.visit_expr_mut(&mut field.expr);
    }

    // `vec![q.k as f64]`, `assert!(q.k < 3)`: their arguments are expressions
    // (`in_opaque_macro` keeps any other macro naming the alias out).
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        super::rewrite_vec_arguments(mac, self);
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// Whether `stmt` has a macro naming `alias` (strings included: `"{q:?}"`) whose arguments are
/// not all expressions, or one of them a string naming it.
fn in_opaque_macro(alias: &syn::Ident, stmt: &syn::Stmt) -> bool {
    struct Opaque<'n> {
        alias: &'n syn::Ident,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Opaque<'_> {
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            if !mentions(mac.tokens.clone(), self.alias) {
                return;
            }
            let list = syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
            match syn::parse::Parser::parse2(list, mac.tokens.clone()) {
                Ok(args) => {
                    let named_in_string =
                        |e: &syn::Expr| matches!(e, syn::Expr::Lit(l) if mentions(l.lit.to_token_stream(), self.alias));
                    // Macros among the arguments (`format!("{q}")`) are checked the same way.
                    let mut inner = Opaque { alias: self.alias, found: false };
                    args.iter().for_each(|arg| inner.visit_expr(arg));
                    self.found |= inner.found || args.iter().any(named_in_string);
                }
                Err(_) => self.found = true,
            }
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut opaque = Opaque { alias, found: false };
    opaque.visit_stmt(stmt);
    opaque.found
}

/// Whether `tokens` name `alias`, as an identifier or inside a literal.
fn mentions(tokens: TokenStream, alias: &syn::Ident) -> bool {
    let name = alias.to_string();
    tokens.into_iter().any(|tt| match tt {
        TokenTree::Ident(ident) => ident == name,
        TokenTree::Literal(lit) => lit.to_string().contains(&name),
        TokenTree::Group(group) => mentions(group.stream(), alias),
        TokenTree::Punct(_) => false,
    })
}

/// Whether `pat` binds `name`.
fn binds(name: &syn::Ident, pat: &syn::Pat) -> bool {
    let mut found = Binds { name, found: false };
    found.visit_pat(pat);
    found.found
}

/// Whether any pattern inside `node` (a `for`, a closure, a `match` arm, an `if let`, a
/// nested `let`) binds `name`.
fn binds_anywhere<'a>(name: &syn::Ident, node: &'a impl VisitNode<'a>) -> bool {
    let mut found = Binds { name, found: false };
    node.visit(&mut found);
    found.found
}

struct Binds<'n> {
    name: &'n syn::Ident,
    found: bool,
}

impl<'ast> Visit<'ast> for Binds<'_> {
    fn visit_pat_ident(&mut self, pat: &'ast syn::PatIdent) {
        self.found |= pat.ident == *self.name;
        syn::visit::visit_pat_ident(self, pat);
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// A statement or an expression, walked by [`Binds`].
trait VisitNode<'a> {
    fn visit(&'a self, visitor: &mut Binds<'_>);
}

impl<'a> VisitNode<'a> for syn::Stmt {
    fn visit(&'a self, visitor: &mut Binds<'_>) {
        visitor.visit_stmt(self);
    }
}

impl<'a> VisitNode<'a> for syn::Expr {
    fn visit(&'a self, visitor: &mut Binds<'_>) {
        visitor.visit_expr(self);
    }
}

#[cfg(test)]
mod tests {
    use super::inline;
    use quote::{ToTokens, quote};

    fn inlined(block: proc_macro2::TokenStream, buffers: &[&str]) -> String {
        let Ok(mut block) = syn::parse2::<syn::Block>(block) else { return "not a block".into() };
        let buffers: Vec<syn::Ident> =
            buffers.iter().map(|b| syn::Ident::new(b, proc_macro2::Span::call_site())).collect();
        inline(&mut block, &buffers);
        block.to_token_stream().to_string()
    }

    #[test]
    fn a_whole_rebinding_is_read_as_the_parameter() {
        let got = inlined(
            quote!({
                let q = p;
                q.k += 1;
                let r: &mut f64 = &mut *acc;
                *r += q.v;
                vec![q.v, 1.0]
            }),
            &["p", "acc"],
        );
        let want = quote!({
            p.k += 1;
            *acc += p.v;
            vec![p.v, 1.0]
        })
        .to_string();
        assert_eq!(got, want);
    }

    #[test]
    fn a_shadowing_let_ends_the_renaming() {
        let got = inlined(
            quote!({
                let q = p;
                q[0] = 1.0;
                let q = q[0] * 2.0;
                q
            }),
            &["p"],
        );
        assert_eq!(
            got,
            quote!({
                p[0] = 1.0;
                let q = p[0] * 2.0;
                q
            })
            .to_string()
        );
    }

    // Each of these was a wrong value (the helper's reviews): the rebinding is left as
    // written, so `_owned` does not compile rather than read another variable.
    #[test]
    fn the_parameter_bound_again_keeps_the_rebinding() {
        // `let cur = next;` after `let prev = cur;`: a later `cur` is `next`.
        let swap = quote!({
            let prev = cur;
            let cur = next;
            cur[0] = prev[0];
            cur[0]
        });
        assert!(inlined(swap, &["cur", "next"]).contains("let prev = cur"));
        // An inner local named like the parameter.
        let inner = quote!({
            let o = out;
            for i in 0..2 {
                let mut out = vec![x[i]; 2];
                o[i] = out[0];
            }
            o[0]
        });
        assert_eq!(inlined(inner.clone(), &["out"]), inner.to_string());
    }

    #[test]
    fn an_alias_bound_by_another_pattern_or_named_in_a_string_is_kept() {
        for block in [
            quote!({
                let q = p;
                for i in 0..2 {
                    let q = q[i] * 2.0;
                }
                q[0]
            }),
            quote!({
                let q = p;
                let s: f64 = x.iter().map(|q| q * q).sum();
                q[0] = s;
                s
            }),
            quote!({
                let q = p;
                q[0] = 1.0;
                println!("{q:?}");
                0.0
            }),
            quote!({
                let q = p;
                q[0] = 1.0;
                assert!(x > 0.0, "{}", format!("{q:?}"));
                0.0
            }),
            quote!({
                let mut q = p;
                q[0] = 1.0;
                0.0
            }),
        ] {
            assert_eq!(inlined(block.clone(), &["p"]), block.to_string());
        }
    }

    #[test]
    fn a_field_named_like_the_alias_is_not_renamed() {
        let got = inlined(
            quote!({
                let q = p;
                vec![Pt { q: q[0], r: 1.0 }, Pt { q }]
            }),
            &["p"],
        );
        assert_eq!(got, quote!({ vec![Pt { q: p[0], r: 1.0 }, Pt { q: p }] }).to_string());
    }
}
