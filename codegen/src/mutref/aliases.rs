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
//! point elsewhere), and bound by no pattern in the statements after it other than a `let` of
//! the same block, which ends the renaming (shadowing). Anything else is left as written.

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::Visit;
use syn::visit_mut::VisitMut;

/// Drops the whole rebindings of `buffers` in `block` and renames their uses.
pub fn inline(block: &mut syn::Block, buffers: &[&syn::Ident]) {
    Inline { buffers }.visit_block_mut(block);
}

struct Inline<'a> {
    buffers: &'a [&'a syn::Ident],
}

impl VisitMut for Inline<'_> {
    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        let mut k = 0;
        while k < block.stmts.len() {
            if let Some((alias, target)) = self.rebinding(&block.stmts[k])
                && renamable(&alias, &block.stmts[k + 1..])
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

/// Whether no pattern in `rest` binds `alias`, a `let` of this block aside (it shadows).
fn renamable(alias: &syn::Ident, rest: &[syn::Stmt]) -> bool {
    for stmt in rest {
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

    // `vec![q.k as f64]`, `assert!(q.v > 0.0)`: the same name inside a macro's tokens.
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        mac.tokens = rename_tokens(mac.tokens.clone(), self.alias, self.target);
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// `alias` → `target` in `tokens`, except after a `.` (a field or method of that name).
fn rename_tokens(tokens: TokenStream, alias: &syn::Ident, target: &syn::Ident) -> TokenStream {
    let mut after_dot = false;
    tokens
        .into_iter()
        .map(|tt| {
            let out = match tt {
                TokenTree::Ident(ident) if ident == *alias && !after_dot => {
                    TokenTree::Ident(syn::Ident::new(&target.to_string(), ident.span()))
                }
                TokenTree::Group(group) => {
                    let mut renamed =
                        proc_macro2::Group::new(group.delimiter(), rename_tokens(group.stream(), alias, target));
                    renamed.set_span(group.span());
                    TokenTree::Group(renamed)
                }
                other => other,
            };
            after_dot = matches!(&out, TokenTree::Punct(p) if p.as_char() == '.');
            out
        })
        .collect()
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
