//! `for` loops over adapted walks, rewritten into loops over index ranges before lowering:
//!
//! ```text
//! for v in x.iter().rev() { … }          for __walk0 in (0..x.len()).rev() { let v = &x[__walk0]; … }
//! for (i, &v) in x.iter().skip(1).enumerate() { … }
//!                                         let mut __count0 = 0;
//!                                         for __walk0 in lo..hi { let i = __count0; __count0 += 1; let v = x[__walk0]; … }
//! for w in x.windows(2) { … }            for __walk0 in 0..(x.len() + 1).saturating_sub(2) { let w = &x[__walk0..__walk0 + 2]; … }
//! for c in x.chunks(3) { … }             for __walk0 in 0..x.len().div_ceil(3) { let c = &x[3 * __walk0..(3 * __walk0 + 3).min(x.len())]; … }
//! ```
//!
//! `skip(n)` and `take(n)` narrow the range `lo..hi` of positions walked, `rev()` walks it
//! backwards, `step_by(k)` steps it; `enumerate()` after them counts the items walked. Each
//! element is then read by position, so its gradient lands there as for any `x[i]`. Run-time
//! cost: none beyond the loop itself.

use super::Lowerer;
use crate::ir::Stmt;
use quote::{format_ident, quote, quote_spanned};
use syn::Expr;
use syn::spanned::Spanned;

/// One collection walked with adaptors.
struct Walk {
    collection: Expr,
    /// Elements are copied (`.copied()`, `.cloned()`) rather than borrowed.
    copied: bool,
    /// `rev`, `skip`, `take`, `step_by` with their argument, in order.
    adaptors: Vec<(String, Option<Expr>)>,
    enumerated: bool,
    /// `windows(k)` or `chunks(k)`/`chunks_exact(k)`: the walk yields sub-slices.
    slices: Option<(String, Expr)>,
}

impl Lowerer {
    /// `for pat in walk { body }` for an adapted walk, as a loop over positions; `false` if
    /// `f` is not such a loop.
    pub(super) fn adapted_for(&mut self, f: &syn::ExprForLoop, out: &mut Vec<Stmt>) -> bool {
        let Some(walk) = parse_walk(&f.expr) else { return false };
        if walk.adaptors.is_empty() && walk.slices.is_none() {
            return false;
        }
        let number = self.adapted_count;
        self.adapted_count += 1;
        let span = f.span();
        let (position, counter) = (format_ident!("__walk{}", number), format_ident!("__count{}", number));
        let collection = &walk.collection;
        let Some((range, bindings)) = self.walk_range(&walk, &position, f) else { return true };
        let (pat, body) = (&f.pat, &f.body.stmts);
        let (counted, item_pat) = match (&walk.enumerated, &**pat) {
            (true, syn::Pat::Tuple(t)) if t.elems.len() == 2 => (Some(&t.elems[0]), &t.elems[1]),
            (true, other) => {
                self.error_at(other, "the items of `enumerate()` are pairs: bind them as `(i, v)`");
                return true;
            }
            (false, other) => (None, other),
        };
        let count = counted.map(|i| quote_spanned!(span=> let #i = #counter; #counter += 1;));
        let item = match &walk.slices {
            Some(_) => quote!(let #item_pat = #bindings;),
            None => element_binding(item_pat, collection, &position, walk.copied),
        };
        let declare = counted.map(|_| quote!(let mut #counter: usize = 0;));
        let rewritten: Expr = syn::parse_quote_spanned! {span=>
            {
                #declare
                for #position in #range {
                    #count
                    #item
                    #(#body)*
                }
            }
        };
        self.expr_stmt(&rewritten, out);
        true
    }

    /// The range of positions walked, and for a walk of sub-slices the slice at `position`.
    fn walk_range(
        &mut self,
        walk: &Walk,
        position: &syn::Ident,
        f: &syn::ExprForLoop,
    ) -> Option<(proc_macro2::TokenStream, proc_macro2::TokenStream)> {
        let c = &walk.collection;
        let (mut lo, mut hi) = (quote!(0usize), quote!(#c.len()));
        let mut slice = quote!();
        if let Some((kind, k)) = &walk.slices {
            if kind == "windows" {
                hi = quote!((#c.len() + 1).saturating_sub(#k));
                slice = quote!(&#c[#position..#position + #k]);
            } else if kind == "chunks_exact" {
                hi = quote!(#c.len() / (#k));
                slice = quote!(&#c[(#k) * #position..(#k) * #position + (#k)]);
            } else {
                hi = quote!(#c.len().div_ceil(#k));
                slice = quote!(&#c[(#k) * #position..((#k) * #position + (#k)).min(#c.len())]);
            }
        }
        let (mut reversed, mut step) = (false, None);
        for (name, arg) in &walk.adaptors {
            // `skip` and `take` take a `usize`; said so, the bound is integer arithmetic even
            // where the argument's type is not written (a struct's field, `t.n`).
            let arg: Option<Expr> = arg.as_ref().map(|n| syn::parse_quote!((#n) as usize));
            match (name.as_str(), &arg, reversed, &step) {
                ("rev", None, false, None) => reversed = true,
                ("skip", Some(n), false, None) => lo = quote!(::core::cmp::min(#lo + (#n), #hi)),
                ("take", Some(n), false, None) => hi = quote!(::core::cmp::min(#hi, #lo + (#n))),
                ("skip", Some(n), true, None) => hi = quote!(::core::cmp::max(#hi.saturating_sub(#n), #lo)),
                ("take", Some(n), true, None) => lo = quote!(::core::cmp::max(#lo, #hi.saturating_sub(#n))),
                ("step_by", Some(k), _, None) => step = Some(k.clone()),
                _ => {
                    self.error_at(
                        &f.expr,
                        "this order of adaptors is not supported in a differentiable `for` loop: `skip`, `take`, then `rev`, with `step_by` last",
                    );
                    return None;
                }
            }
        }
        let mut range = quote!((#lo..#hi));
        if reversed {
            range = quote!(#range.rev());
        }
        if let Some(k) = step {
            range = quote!(#range.step_by(#k));
        }
        Some((range, slice))
    }
}

/// `let v = &x[w];` (borrowed), `let v = x[w];` (copied, or `&v`), nothing for `_`.
fn element_binding(pat: &syn::Pat, collection: &Expr, position: &syn::Ident, copied: bool) -> proc_macro2::TokenStream {
    match pat {
        syn::Pat::Wild(_) => quote!(),
        syn::Pat::Reference(r) => {
            let inner = &r.pat;
            quote!(let #inner = #collection[#position];)
        }
        other if copied => quote!(let #other = #collection[#position];),
        other => quote!(let #other = &#collection[#position];),
    }
}

/// `x.iter()` / `&x` / `x.windows(k)` followed by adaptors.
fn parse_walk(expr: &Expr) -> Option<Walk> {
    match expr {
        Expr::Paren(p) => parse_walk(&p.expr),
        Expr::Reference(r) if r.mutability.is_none() => Some(Walk::of((*r.expr).clone())),
        Expr::MethodCall(call) => {
            let name = call.method.to_string();
            let arg = call.args.first().cloned();
            match (name.as_str(), call.args.len()) {
                ("iter", 0) if !matches!(*call.receiver, Expr::Range(_)) => Some(Walk::of((*call.receiver).clone())),
                ("windows" | "chunks" | "chunks_exact", 1) => {
                    let mut walk = Walk::of((*call.receiver).clone());
                    walk.slices = Some((name, arg?));
                    Some(walk)
                }
                ("copied" | "cloned", 0) => {
                    let mut walk = parse_walk(&call.receiver)?;
                    walk.copied = true;
                    Some(walk)
                }
                ("rev" | "skip" | "take" | "step_by", _) => {
                    let mut walk = parse_walk(&call.receiver)?;
                    if walk.enumerated {
                        return None;
                    }
                    walk.adaptors.push((name, arg));
                    Some(walk)
                }
                ("enumerate", 0) => {
                    let mut walk = parse_walk(&call.receiver)?;
                    walk.enumerated = true;
                    Some(walk)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

impl Walk {
    fn of(collection: Expr) -> Walk {
        Walk { collection, copied: false, adaptors: Vec::new(), enumerated: false, slices: None }
    }
}
