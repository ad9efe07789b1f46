//! Spellings rewritten into the ones the lowering knows, before lowering:
//!
//! ```text
//! *x.first().unwrap()            x[0]
//! x.last().copied().unwrap()     x[x.len() - 1]
//! x.first().unwrap()             &x[0]
//! ```
//!
//! (`expect(…)` as `unwrap()`; `.cloned()` as `.copied()`.) The element is then read by
//! position, so its gradient lands there; an empty collection panics at the index, as
//! `unwrap` would.

use syn::visit_mut::VisitMut;

/// Rewrites every such spelling in `block`.
pub fn rewrite(block: &mut syn::Block) {
    Sugar.visit_block_mut(block);
}

struct Sugar;

impl VisitMut for Sugar {
    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        syn::visit_mut::visit_expr_mut(self, expr);
        let replacement = match &*expr {
            // `*x.first().unwrap()`, whose operand is `&x[0]` by now: the element itself.
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => match &*u.expr {
                syn::Expr::Reference(r) if r.mutability.is_none() && matches!(*r.expr, syn::Expr::Index(_)) => {
                    Some((*r.expr).clone())
                }
                _ => None,
            },
            other => end_element(other).map(|(place, copied)| {
                if copied { place } else { syn::parse_quote_spanned!(syn::spanned::Spanned::span(other)=> &#place) }
            }),
        };
        if let Some(replacement) = replacement {
            *expr = replacement;
        }
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// `x.first().unwrap()` → (`x[0]`, false); with `.copied()` before `unwrap`, true.
fn end_element(expr: &syn::Expr) -> Option<(syn::Expr, bool)> {
    let syn::Expr::MethodCall(unwrap) = expr else { return None };
    let unwraps =
        (unwrap.method == "unwrap" && unwrap.args.is_empty()) || (unwrap.method == "expect" && unwrap.args.len() == 1);
    if !unwraps {
        return None;
    }
    let (end, copied) = match &*unwrap.receiver {
        syn::Expr::MethodCall(c) if (c.method == "copied" || c.method == "cloned") && c.args.is_empty() => {
            (&*c.receiver, true)
        }
        other => (other, false),
    };
    let syn::Expr::MethodCall(end) = end else { return None };
    if !end.args.is_empty() {
        return None;
    }
    let collection = &end.receiver;
    let span = syn::spanned::Spanned::span(expr);
    let place: syn::Expr = match end.method.to_string().as_str() {
        "first" => syn::parse_quote_spanned!(span=> #collection[0]),
        "last" => syn::parse_quote_spanned!(span=> #collection[#collection.len() - 1]),
        _ => return None,
    };
    Some((place, copied))
}
