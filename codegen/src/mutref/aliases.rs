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
//! Only where that is plainly the same program — two helpers asked to break looser versions
//! found silently wrong results, each case now a unit test below:
//! - the rebinding is a statement of the function's body itself (not inside a block or a
//!   closure), and nothing before it binds the parameter's name (so `p` is the parameter);
//! - `q` is bound without `mut` (never made to point elsewhere);
//! - after it, no pattern binds the parameter's name, and none binds `q` but a `let` of the
//!   body (which ends the renaming); no item is declared in any block (an item hides a local
//!   of its name in its whole block: `const q: f64 = 5.0;`, `use … as q;`, a glob `use`);
//! - every macro in the body is one of std's expression macros (`vec!`, `assert!`, `format!`,
//!   …; another may expand to an item), and those naming `q` or `p` have arguments binding
//!   nothing (no closure, no `let`, `match` or `for`) and no string capturing `q` (`"{q:?}"`).
//!
//! Anything else is left as written, and `_owned` does not compile (E0382/E0596), as before.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::visit::Visit;
use syn::visit_mut::VisitMut;

/// Drops the whole rebindings of `buffers` (the `&mut` parameters) among the statements of a
/// function's `body` and renames their uses.
pub fn inline(body: &mut syn::Block, buffers: &[syn::Ident]) {
    let mut k = 0;
    while k < body.stmts.len() {
        if let Some((alias, target)) = rebinding(buffers, &body.stmts[k])
            && !body.stmts[..k].iter().any(|stmt| binds_in_stmt(&target, stmt) || in_opaque_macro(&target, stmt))
            && renamable(&alias, &target, &body.stmts[k + 1..])
        {
            body.stmts.remove(k);
            rename(&mut body.stmts[k..], &alias, &target);
            // Statement `k` is the next one now (maybe a rebinding of the alias itself).
            continue;
        }
        k += 1;
    }
}

/// `(q, p)` of `let q = p;`, `let q: &mut T = p;` or `let q = &mut *p;` of a buffer `p`.
fn rebinding(buffers: &[syn::Ident], stmt: &syn::Stmt) -> Option<(syn::Ident, syn::Ident)> {
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
    let target = path.path.get_ident().filter(|i| path.qself.is_none() && buffers.contains(i))?;
    Some((binding.ident.clone(), target.clone()))
}

/// Whether `alias` can be read as `target` in `rest` (see the module's conditions).
fn renamable(alias: &syn::Ident, target: &syn::Ident, rest: &[syn::Stmt]) -> bool {
    if rest.iter().any(|stmt| binds_in_stmt(target, stmt) || in_opaque_macro(target, stmt)) {
        return false;
    }
    for stmt in rest {
        if in_opaque_macro(alias, stmt) {
            return false;
        }
        if let syn::Stmt::Local(local) = stmt {
            if let Some(init) = &local.init
                && (binds_in(alias, |b| b.visit_expr(&init.expr))
                    || init.diverge.as_ref().is_some_and(|(_, diverge)| binds_in(alias, |b| b.visit_expr(diverge))))
            {
                return false;
            }
            if binds(alias, &local.pat) {
                return true;
            }
            continue;
        }
        if binds_in_stmt(alias, stmt) {
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
        if mentions(mac.tokens.clone(), self.alias) {
            super::rewrite_vec_arguments(mac, self);
        }
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// Whether `stmt` has a macro other than std's expression macros, or one of those naming
/// `name` (an identifier, or a string capturing it: `"{q:?}"`) with arguments that bind.
fn in_opaque_macro(name: &syn::Ident, stmt: &syn::Stmt) -> bool {
    struct Opaque<'n> {
        name: &'n syn::Ident,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Opaque<'_> {
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            // Any other macro may expand to an item naming it without a token saying so.
            let known = EXPRESSION_MACROS.iter().any(|m| mac.path.is_ident(m));
            self.found |= !known || mentions(mac.tokens.clone(), self.name) && !transparent(mac, self.name);
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut opaque = Opaque { name, found: false };
    opaque.visit_stmt(stmt);
    opaque.found
}

/// std's macros whose arguments are expressions (renamed as such by `Rename`).
const EXPRESSION_MACROS: &[&str] = &[
    "vec",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "format",
    "print",
    "println",
    "eprint",
    "eprintln",
    "panic",
    "unreachable",
];

/// Whether `mac` is an expression macro whose arguments bind nothing (no `|`, `let`, `match`,
/// `for`, nested macros) and whose strings do not capture `name`.
fn transparent(mac: &syn::Macro, name: &syn::Ident) -> bool {
    fn binds_nothing(tokens: TokenStream) -> bool {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        tokens.iter().enumerate().all(|(k, tt)| match tt {
            // A nested macro (`name!(…)`), whose tokens may mean anything (`stringify!(q)`).
            TokenTree::Punct(p) if p.as_char() == '!' => !matches!(tokens.get(k + 1), Some(TokenTree::Group(_))),
            TokenTree::Punct(p) => p.as_char() != '|',
            TokenTree::Ident(i) => !["let", "match", "for", "while", "loop"].iter().any(|w| i == w),
            TokenTree::Group(g) => binds_nothing(g.stream()),
            TokenTree::Literal(_) => true,
        })
    }
    let known = EXPRESSION_MACROS.iter().any(|m| mac.path.is_ident(m));
    let list = syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
    let Ok(args) = syn::parse::Parser::parse2(list, mac.tokens.clone()) else { return false };
    let captures = format!("{{{name}");
    let captured = args.iter().any(|arg| {
        matches!(arg, syn::Expr::Lit(l) if {
            let text = l.lit.to_token_stream().to_string();
            text.match_indices(&captures).any(|(at, _)| {
                matches!(text[at + captures.len()..].chars().next(), Some('}' | ':'))
            })
        })
    });
    known && binds_nothing(mac.tokens.clone()) && !captured
}

/// Whether `tokens` name `name`, as an identifier or inside a literal.
fn mentions(tokens: TokenStream, name: &syn::Ident) -> bool {
    let text = name.to_string();
    tokens.into_iter().any(|tt| match tt {
        TokenTree::Ident(ident) => ident == text,
        TokenTree::Literal(lit) => lit.to_string().contains(&text),
        TokenTree::Group(group) => mentions(group.stream(), name),
        TokenTree::Punct(_) => false,
    })
}

/// Whether `pat` binds `name`.
fn binds(name: &syn::Ident, pat: &syn::Pat) -> bool {
    binds_in(name, |b| b.visit_pat(pat))
}

/// Whether any pattern inside `stmt` (a `for`, a closure, a `match` arm, an `if let`, a
/// nested `let`) or any item binds `name`.
fn binds_in_stmt(name: &syn::Ident, stmt: &syn::Stmt) -> bool {
    binds_in(name, |b| b.visit_stmt(stmt))
}

/// Whether what `walk` visits binds `name`.
fn binds_in(name: &syn::Ident, walk: impl FnOnce(&mut Binds<'_>)) -> bool {
    let mut found = Binds { name, found: false };
    walk(&mut found);
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

    // An item in a block hides a local of its name in the whole block (`const q: f64 = 5.0;`,
    // `use … as q;`, a glob `use` naming nothing): any item counts as binding the name.
    fn visit_item(&mut self, _: &'ast syn::Item) {
        self.found = true;
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

    // The second helper's wrong results: `p` already shadowed before the rebinding (so `q`
    // copies a local), the rebinding inside a closure, names bound inside a macro's
    // arguments, a macro that does not take expressions.
    #[test]
    fn a_rebinding_that_may_not_alias_the_parameter_is_kept() {
        for block in [
            quote!({
                p[0] = p[0] * x;
                let mut p = p[0] + x;
                let q = p;
                p *= 3.0;
                q + p
            }),
            quote!({
                let s: f64 = x
                    .iter()
                    .map(|&v| {
                        let mut p = v;
                        let q = p;
                        p *= 2.0;
                        q * p
                    })
                    .sum();
                p[0] = s;
                s
            }),
            quote!({
                let a = acc;
                *a += x[0];
                let v = vec![x.iter().map(|a| a * 2.0).sum::<f64>(), *a];
                *a = v[0];
                v[0]
            }),
            quote!({
                let a = acc;
                *a += 1.0;
                let v = vec![x.iter().map(|acc| acc * *a).sum::<f64>()];
                *a = v[0];
                v[0]
            }),
            quote!({
                let qq = p;
                let n = stringify!(qq).len() as f64;
                qq[0] = x * n;
                qq[0]
            }),
            quote!({
                let qq = p;
                let v = vec![stringify!(qq).len() as f64];
                qq[0] = v[0];
                qq[0]
            }),
        ] {
            assert_eq!(inlined(block.clone(), &["p", "acc"]), block.to_string());
        }
    }

    // The third helper's: an item in a nested block hides the alias or the parameter there.
    #[test]
    fn an_item_or_an_unknown_macro_in_the_body_keeps_the_rebinding() {
        for block in [
            quote!({
                let r = &mut *acc;
                *r += x * x;
                let mut s = *r;
                {
                    const r: f64 = 5.0;
                    s = s + r * x;
                }
                s
            }),
            quote!({
                let r = &mut *acc;
                *r += x * x;
                let mut s = 0.0;
                {
                    const acc: f64 = 5.0;
                    s = *r * x;
                }
                s
            }),
            quote!({
                let r = &mut *acc;
                *r += 1.0;
                {
                    use std::f64::consts::PI as r;
                    *acc += r;
                }
                0.0
            }),
            quote!({
                let q = p;
                for j in 0..2 {
                    static q: C = C { v: 3.0 };
                    s += q.v;
                }
                q.v = s;
                s
            }),
            quote!({
                let q = p;
                {
                    make_item!();
                    q.v = 1.0;
                }
                0.0
            }),
        ] {
            assert_eq!(inlined(block.clone(), &["p", "acc"]), block.to_string());
        }
    }

    #[test]
    fn a_message_that_only_contains_the_letter_is_renamed() {
        let got = inlined(
            quote!({
                let q = p;
                assert!(q.len() == 2, "requires two");
                q[1] = q[0];
                q[1]
            }),
            &["p"],
        );
        assert_eq!(
            got,
            quote!({
                assert!(p.len() == 2, "requires two");
                p[1] = p[0];
                p[1]
            })
            .to_string()
        );
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
