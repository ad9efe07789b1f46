//! Closures called in an `if` or `while` condition. A condition is copied as written (it is
//! evaluated once, in the forward sweep), but a closure bound by `let` exists only where it is
//! inlined: each call is evaluated first, into a name of its own, and the condition reads it.
//!
//! ```text
//! let c = |v: f64| v * x;                      let __closure_value0 = c(x);   // inlined
//! if c(x) > 0.0 && n < 4 { … }          ==>    if __closure_value0 > 0.0 && n < 4 { … }
//! ```
//!
//! Evaluating a call before the condition is what the condition would do, except behind `&&`
//! or `||`, whose right side may not run (`i < n && c(i) > 0.0` must not read past the end):
//! a call there is an error that says to bind the value first.

use super::Lowerer;
use crate::ir::Stmt;
use syn::spanned::Spanned;
use syn::visit_mut::VisitMut;
use syn::{BinOp, Expr};

impl Lowerer {
    /// The condition with every call of a `let` closure replaced by a name bound to its value
    /// (bound in `out`, before the condition).
    pub(super) fn hoist_closure_calls(&mut self, cond: &Expr, out: &mut Vec<Stmt>) -> Expr {
        let mut cond = cond.clone();
        let mut hoister = Hoister { cx: self, out, guarded: false };
        hoister.visit_expr_mut(&mut cond);
        cond
    }

    /// Whether `cond` calls a closure bound by `let` (outside closures written in it).
    pub(super) fn calls_closure_in(&self, cond: &Expr) -> bool {
        struct Finder<'a> {
            cx: &'a Lowerer,
            found: bool,
        }
        impl syn::visit::Visit<'_> for Finder<'_> {
            fn visit_expr(&mut self, expr: &Expr) {
                match expr {
                    Expr::Call(call) if self.cx.calls_let_closure(call) => self.found = true,
                    Expr::Closure(_) => {}
                    _ => syn::visit::visit_expr(self, expr),
                }
            }
        }
        let mut finder = Finder { cx: self, found: false };
        syn::visit::Visit::visit_expr(&mut finder, cond);
        finder.found
    }

    /// Whether `call` calls a closure bound by `let`.
    fn calls_let_closure(&self, call: &syn::ExprCall) -> bool {
        let Expr::Path(func) = &*call.func else { return false };
        let Some(v) = func.path.get_ident().and_then(|i| self.lookup(&i.to_string())) else { return false };
        self.closures.iter().any(|(var, ..)| *var == v)
    }
}

struct Hoister<'a> {
    cx: &'a mut Lowerer,
    out: &'a mut Vec<Stmt>,
    /// Inside the right side of `&&` or `||`.
    guarded: bool,
}

impl VisitMut for Hoister<'_> {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        match expr {
            Expr::Binary(binary) if matches!(binary.op, BinOp::And(_) | BinOp::Or(_)) => {
                self.visit_expr_mut(&mut binary.left);
                let outer = std::mem::replace(&mut self.guarded, true);
                self.visit_expr_mut(&mut binary.right);
                self.guarded = outer;
            }
            Expr::Call(call) if self.cx.calls_let_closure(call) => {
                if self.guarded {
                    self.cx.error_at(
                        &*call,
                        "a closure called after `&&` or `||` in a condition may not run; bind its value before the `if` (`let c1 = c(x);`) and test that",
                    );
                    return;
                }
                let number = self.cx.vars.iter().filter(|v| v.name.to_string().starts_with("__closure_value")).count();
                let name = quote::format_ident!("__closure_value{}", number, span = call.span());
                let value = Expr::Call(call.clone());
                self.cx.let_binding(&name, false, None, &value, call.span(), self.out);
                *expr = syn::parse_quote!(#name);
            }
            // A closure written in the condition has calls of its own, run when it is.
            Expr::Closure(_) => {}
            _ => syn::visit_mut::visit_expr_mut(self, expr),
        }
    }
}
