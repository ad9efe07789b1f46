//! Printing operands, places and adjoint expressions as Rust tokens.

use super::{Emitter, Printing};
use crate::adjoint::{AExpr, BinOp, Target, TargetStep};
use crate::analysis::views::{place_steps, target_steps};
use crate::ir::{Kind, Operand, Place, Step, VarId};
use proc_macro2::{TokenStream, TokenTree};
use quote::{format_ident, quote};

/// Binding strength of an expression, to decide where parentheses are needed.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Prec {
    /// A position that needs no parentheses (an argument, a right-hand side).
    Lowest,
    Sum,
    Product,
    Cast,
    Prefix,
    Atom,
}

impl Emitter<'_> {
    /// A variable's value.
    pub(super) fn name(&self, v: VarId) -> TokenStream {
        let name = &self.f.vars[v].name;
        quote!(#name)
    }

    /// A variable's adjoint.
    pub(super) fn adjoint_name(&self, v: VarId) -> TokenStream {
        let name = &self.f.vars[crate::coalesce::resolve(&self.plans.renames, v)].adjoint;
        quote!(#name)
    }

    /// An operand as the forward code writes it, in a position that needs no parentheses.
    pub(super) fn operand(&self, o: &Operand) -> TokenStream {
        self.operand_at(o, Prec::Lowest)
    }

    /// An operand in a position that binds at least as tightly as `min`. A folded temporary
    /// is printed as its definition, in parentheses if it binds less tightly.
    pub(super) fn operand_at(&self, o: &Operand, min: Prec) -> TokenStream {
        match o {
            Operand::Var(v) if self.sweep.folded.contains(v) && self.printing == Printing::Forward => {
                match self.facts.index.defs.get(v) {
                    Some(value) => {
                        let (tokens, prec) = self.value_prec(*v, value);
                        if prec < min { quote!((#tokens)) } else { tokens }
                    }
                    None => self.name(*v),
                }
            }
            Operand::Var(v) => self.name(*v),
            Operand::Const(c) if c.atomic => c.tokens.clone(),
            Operand::Const(c) if c.negated_literal && min <= Prec::Prefix => c.tokens.clone(),
            Operand::Const(c) => {
                let tokens = &c.tokens;
                quote!((#tokens))
            }
        }
    }

    /// A primal place: `x[i]`, `m.w[k]`, `*x`.
    /// Inside a reverse loop with views, an indexing of a viewed path is the view's.
    /// Inside a forward loop with rows, a place starting with a row is the row's.
    pub(super) fn place(&self, place: &Place) -> TokenStream {
        let (mut out, skip) = self
            .view_for(false, place.base, place_steps(place))
            .or_else(|| self.row_for(place))
            .unwrap_or_else(|| (self.name(place.base), 0));
        for step in &place.steps[skip..] {
            out = self.step(out, step);
        }
        out
    }

    /// `out.field`, `out[i]`, …: one step of a primal place.
    pub(super) fn step(&self, out: TokenStream, step: &Step) -> TokenStream {
        match step {
            Step::Field(member) => quote!(#out.#member),
            Step::Index(i) => {
                let i = self.operand(i);
                quote!(#out[#i])
            }
            Step::Slice(range) => {
                let range = self.slice_range(range);
                quote!(#out[#range])
            }
            Step::Deref => quote!((*#out)),
            Step::Unwrap => quote!((*#out.as_ref().unwrap())),
        }
    }

    /// `lo..hi`, `lo..=hi`, `lo..`, `..hi` or `..`.
    fn slice_range(&self, range: &crate::ir::SliceRange) -> TokenStream {
        let lo = range.lo.as_ref().map(|o| self.operand_at(o, Prec::Lowest));
        let hi = range.hi.as_ref().map(|o| self.operand_at(o, Prec::Lowest));
        if range.inclusive { quote!(#lo..=#hi) } else { quote!(#lo..#hi) }
    }

    /// An adjoint place: `__d_x[i]`, `__d_m.w[k]`.
    pub(super) fn target(&self, target: &Target) -> TokenStream {
        let root = crate::coalesce::resolve(&self.plans.renames, target.base);
        let (mut out, skip) = match self.view_for(true, root, target_steps(target)) {
            Some(viewed) => viewed,
            None => (self.adjoint_name(target.base), 0),
        };
        for step in &target.steps[skip..] {
            out = match step {
                TargetStep::Field(member) => quote!(#out.#member),
                TargetStep::Index(i) => {
                    let i = self.operand(i);
                    quote!(#out[#i])
                }
                TargetStep::Slice(range) => {
                    let range = self.slice_range(range);
                    quote!(#out[#range])
                }
                TargetStep::Unwrap => {
                    let some_mut = crate::private::Item::SomeMut;
                    quote!((*#some_mut(&mut #out)))
                }
            };
        }
        out
    }

    /// Whether a call's argument is a float, whose gradient is a float.
    fn scalar_argument(&self, call: usize, arg: usize) -> bool {
        let Some(arg) = self.facts.index.calls.get(&call).and_then(|c| c.args.get(arg)) else { return false };
        let kind = match arg {
            crate::ir::Arg::Value(Operand::Var(v)) => self.facts.kinds[*v],
            crate::ir::Arg::Value(Operand::Const(c)) => c.kind,
            crate::ir::Arg::Ref(place) | crate::ir::Arg::Receiver(place) => {
                if place.steps.is_empty() {
                    self.facts.kinds[place.base]
                } else {
                    crate::ir::Kind::Unknown
                }
            }
        };
        kind.is_scalar()
    }

    /// An adjoint expression.
    pub(super) fn aexpr(&self, e: &AExpr) -> TokenStream {
        self.aexpr_prec(e).0
    }

    fn aexpr_at(&self, e: &AExpr, min: Prec) -> TokenStream {
        let (tokens, prec) = self.aexpr_prec(e);
        if prec < min { quote!((#tokens)) } else { tokens }
    }

    fn aexpr_prec(&self, e: &AExpr) -> (TokenStream, Prec) {
        use crate::private::Item;
        match e {
            AExpr::Adj(v) => (self.adjoint_name(*v), Prec::Atom),
            AExpr::Elem(t) => (self.target(t), Prec::Atom),
            // A float is `Default`; a derived struct need not be.
            AExpr::TakeElem(t) if t.scalar => {
                let t = self.target(t);
                (quote!(::core::mem::take(&mut #t)), Prec::Atom)
            }
            AExpr::TakeElem(t) => {
                let t = self.target(t);
                let take_adjoint = Item::TakeAdjoint;
                (quote!(#take_adjoint(&mut #t)), Prec::Atom)
            }
            AExpr::PopElem(t) => {
                let t = self.target(t);
                let pop_adjoint = Item::PopAdjoint;
                (quote!(#pop_adjoint(&mut #t)), Prec::Atom)
            }
            AExpr::Field(inner, member) => {
                let inner = self.aexpr_at(inner, Prec::Atom);
                (quote!(#inner.#member), Prec::Atom)
            }
            AExpr::Primal(v) => {
                let name = self.name(*v);
                if self.facts.kinds[*v] == Kind::ScalarRef {
                    (quote!((*#name)), Prec::Atom)
                } else {
                    (name, Prec::Atom)
                }
            }
            AExpr::Const(c) if c.negated_literal => (c.tokens.clone(), Prec::Prefix),
            AExpr::Const(c) => {
                let tokens = &c.tokens;
                (if c.atomic { tokens.clone() } else { quote!((#tokens)) }, Prec::Atom)
            }
            AExpr::Neg(inner) => {
                let inner = self.aexpr_at(inner, Prec::Prefix);
                (quote!(-#inner), Prec::Prefix)
            }
            AExpr::Bin(op, a, b) => {
                let prec = match op {
                    BinOp::Add | BinOp::Sub => Prec::Sum,
                    BinOp::Mul | BinOp::Div => Prec::Product,
                };
                let a = self.aexpr_at(a, prec);
                let b = self.aexpr_at(b, next(prec));
                let tokens = match op {
                    BinOp::Add => quote!(#a + #b),
                    BinOp::Sub => quote!(#a - #b),
                    BinOp::Mul => quote!(#a * #b),
                    BinOp::Div => quote!(#a / #b),
                };
                (tokens, prec)
            }
            AExpr::Apply(op, args) => match (crate::ops::def(*op).spelling, args.split_first()) {
                (crate::ops::Spelling::Method(name), Some((recv, rest))) => {
                    let (recv, name) = (self.aexpr_at(recv, Prec::Atom), format_ident!("{}", name));
                    let rest = rest.iter().map(|a| self.aexpr(a));
                    (quote!(#recv.#name(#(#rest),*)), Prec::Atom)
                }
                (crate::ops::Spelling::Rule(name), _) => {
                    let (rules, name) = (crate::private::rules(), format_ident!("{}", name));
                    let args = args.iter().map(|a| self.aexpr(a));
                    (quote!(#rules::#name(#(#args),*)), Prec::Atom)
                }
                _ => (
                    crate::error::internal_error(
                        "an operator applied like a method in a rule (`ops` spells rules with methods)",
                    ),
                    Prec::Atom,
                ),
            },
            AExpr::Rule(rule, args) => {
                let args = args.iter().map(|a| self.aexpr(a));
                (quote!(#rule(#(#args),*)), Prec::Atom)
            }
            AExpr::Private(item, args) => {
                let args = args.iter().map(|a| self.aexpr(a));
                (quote!(#item(#(#args),*)), Prec::Atom)
            }
            AExpr::Ref(inner) => {
                let inner = self.aexpr_at(inner, Prec::Prefix);
                (quote!(&#inner), Prec::Prefix)
            }
            AExpr::Seed => {
                if self.f.flagged_returns {
                    let take_seed = Item::TakeSeed;
                    (quote!(#take_seed(&mut __seed)), Prec::Atom)
                } else {
                    (quote!(__seed), Prec::Atom)
                }
            }
            AExpr::Grad { call, arg } => {
                let grad = grad_name(*call, *arg);
                if self.scalar_argument(*call, *arg) {
                    (grad, Prec::Atom)
                } else {
                    // A lazy gradient (a matrix product's) becomes a tangent of its own here.
                    let own = Item::Own;
                    (quote!(#own(#grad)), Prec::Atom)
                }
            }
            AExpr::Tuple(items) => {
                let items = items.iter().map(|a| self.aexpr(a));
                (quote!((#(#items,)*)), Prec::Atom)
            }
            AExpr::Internal(fact) => (crate::error::internal_error(fact), Prec::Atom),
        }
    }
}

/// Name of the gradient a call returned for one argument: `__g{call}_{arg}`.
pub(super) fn grad_name(call: usize, arg: usize) -> TokenStream {
    let name = format_ident!("__g{}_{}", call, arg);
    quote!(#name)
}

/// The binding strength required of the right operand of a left-associative operator.
pub(super) fn next(prec: Prec) -> Prec {
    match prec {
        Prec::Lowest => Prec::Sum,
        Prec::Sum => Prec::Product,
        Prec::Product => Prec::Cast,
        Prec::Cast => Prec::Prefix,
        Prec::Prefix | Prec::Atom => Prec::Atom,
    }
}

/// The same tokens located at `span` (so that rustc reports an error about them there),
/// each keeping its own name resolution: hygiene is unchanged, only the location moves.
pub(super) fn located(tokens: TokenStream, span: proc_macro2::Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tree| {
            if let TokenTree::Group(group) = &tree {
                let mut inner = proc_macro2::Group::new(group.delimiter(), located(group.stream(), span));
                inner.set_span(group.span().located_at(span));
                tree = TokenTree::Group(inner);
            } else {
                tree.set_span(tree.span().located_at(span));
            }
            tree
        })
        .collect()
}

/// The tokens of an infix operator (`+`, `*`, …), if `op` is one.
pub(super) fn infix(op: crate::ir::Op) -> Option<TokenStream> {
    match crate::ops::def(op).spelling {
        crate::ops::Spelling::Infix("+") => Some(quote!(+)),
        crate::ops::Spelling::Infix("-") => Some(quote!(-)),
        crate::ops::Spelling::Infix("*") => Some(quote!(*)),
        crate::ops::Spelling::Infix("/") => Some(quote!(/)),
        crate::ops::Spelling::Infix("%") => Some(quote!(%)),
        _ => None,
    }
}
