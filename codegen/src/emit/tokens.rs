//! Printing operands, places and adjoint expressions as Rust tokens.

use super::{Emitter, Printing};
use crate::adjoint::{AExpr, BinOp, Target, TargetStep};
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
            Operand::Const(tokens) => atom(tokens.clone()),
        }
    }

    /// A primal place: `x[i]`, `m.w[k]`, `*x`.
    pub(super) fn place(&self, place: &Place) -> TokenStream {
        let mut out = self.name(place.base);
        for step in &place.steps {
            out = match step {
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
            };
        }
        out
    }

    /// `lo..hi`, `lo..=hi`, `lo..`, `..hi` or `..`.
    fn slice_range(&self, range: &crate::ir::SliceRange) -> TokenStream {
        let lo = range.lo.as_ref().map(|o| self.operand_at(o, Prec::Lowest));
        let hi = range.hi.as_ref().map(|o| self.operand_at(o, Prec::Lowest));
        if range.inclusive { quote!(#lo..=#hi) } else { quote!(#lo..#hi) }
    }

    /// An adjoint place: `__d_x[i]`, `__d_m.w[k]`.
    pub(super) fn target(&self, target: &Target) -> TokenStream {
        let mut out = self.adjoint_name(target.base);
        for step in &target.steps {
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
            };
        }
        out
    }

    /// Whether a call's argument is a float, whose gradient is a float.
    fn scalar_argument(&self, call: usize, arg: usize) -> bool {
        let Some(arg) = self.facts.index.calls.get(&call).and_then(|c| c.args.get(arg)) else { return false };
        let kind = match arg {
            crate::ir::Arg::Value(Operand::Var(v)) => self.facts.kinds[*v],
            crate::ir::Arg::Value(Operand::Const(tokens)) => crate::lower::literal_kind(tokens),
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
            AExpr::TakeElem(t) => {
                let t = self.target(t);
                (quote!(::core::mem::take(&mut #t)), Prec::Atom)
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
            AExpr::Const(tokens) => (atom(tokens.clone()), Prec::Atom),
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
            AExpr::Method(recv, op, args) => {
                let recv = self.aexpr_at(recv, Prec::Atom);
                let name = match crate::ops::def(*op).spelling {
                    crate::ops::Spelling::Method(name) => format_ident!("{}", name),
                    _ => return (crate::error::internal_error("an operator used as a method in a rule"), Prec::Atom),
                };
                let args = args.iter().map(|a| self.aexpr(a));
                (quote!(#recv.#name(#(#args),*)), Prec::Atom)
            }
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

/// Wraps tokens in parentheses unless they are a single token (a name or a literal) or a path.
pub(super) fn atom(tokens: TokenStream) -> TokenStream {
    if is_atom(&tokens) { tokens } else { quote!((#tokens)) }
}

/// Whether tokens are a single token (a name, a literal, a group) or a path.
pub(super) fn is_atom(tokens: &TokenStream) -> bool {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let path_token = |t: &TokenTree| match t {
        TokenTree::Ident(_) => true,
        TokenTree::Punct(p) => p.as_char() == ':',
        _ => false,
    };
    // Two names in a row are not a path: `n as f64`.
    let adjacent_names = trees.windows(2).any(|w| matches!(w, [TokenTree::Ident(_), TokenTree::Ident(_)]));
    trees.len() <= 1 || (trees.iter().all(path_token) && !adjacent_names)
}

/// The same tokens located at `span` (so that rustc reports an error about them there),
/// each keeping its own name resolution: hygiene is unchanged, only the location moves.
///
/// A `vec![…]` invocation keeps its own location: clippy's `useless_vec` merges what it sees
/// of every `vec!` by the invocation's location, and one in generated code placed where the
/// user wrote theirs would be linted as the user's.
pub(super) fn located(tokens: TokenStream, span: proc_macro2::Span) -> TokenStream {
    let mut out = Vec::new();
    let mut trees = tokens.into_iter().peekable();
    while let Some(mut tree) = trees.next() {
        let vec_macro = matches!(&tree, TokenTree::Ident(i) if i == "vec")
            && matches!(trees.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '!');
        if vec_macro {
            out.push(tree);
            out.extend(trees.next());
            out.extend(trees.next());
            continue;
        }
        if let TokenTree::Group(group) = &tree {
            let mut inner = proc_macro2::Group::new(group.delimiter(), located(group.stream(), span));
            inner.set_span(group.span().located_at(span));
            tree = TokenTree::Group(inner);
        } else {
            tree.set_span(tree.span().located_at(span));
        }
        out.push(tree);
    }
    out.into_iter().collect()
}
