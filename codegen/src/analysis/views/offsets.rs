//! What indexes a loop's buffers: which indices are fixed while the loop runs, and which move
//! with its index (`j`, `base + j`, `i * m + j`). Shared by the views of reverse loops and the
//! rows of forward loops (`analysis::rows`).

use super::Offset;
use crate::analysis::Facts;
use crate::ir::{Kind, Loop, Op, Operand, Step, Value, VarId};

/// A loop and its index variable.
#[derive(Clone, Copy)]
pub struct LoopIndex<'a> {
    pub facts: &'a Facts<'a>,
    pub l: &'a Loop,
    pub index: VarId,
}

impl LoopIndex<'_> {
    /// For an index `j`, `offset + j` or `j + offset` (through a temporary of the body):
    /// `Some(None)`, `Some(Some(offset))`.
    pub fn offset_of(&self, o: &Operand) -> Option<Option<Offset>> {
        let Operand::Var(t) = o else { return None };
        if *t == self.index {
            return Some(None);
        }
        if !self.within_loop(*t) || self.facts.kinds[*t] != Kind::Int {
            return None;
        }
        let is_index = |o: &Operand| matches!(o, Operand::Var(v) if *v == self.index);
        match self.facts.index.defs.get(t)? {
            Value::Op(Op::Add, args) => match args.as_slice() {
                [a, b] if is_index(b) && self.invariant(a, 8) => Some(Some(Offset::Operand(a.clone()))),
                [a, b] if is_index(a) && self.invariant(b, 8) => Some(Some(Offset::Operand(b.clone()))),
                _ => None,
            },
            Value::Inactive(inactive) if inactive.pure => self.written_offset(inactive),
            _ => None,
        }
    }

    /// `i * m + j` kept as written (integer code is): the side of the top-level `+` that is
    /// not the loop's index, if every other name in it is bound before the loop and the index
    /// occurs once. Names in kept code are the unique names lowering gave them.
    fn written_offset(&self, inactive: &crate::ir::Inactive) -> Option<Option<Offset>> {
        let index_name = &self.facts.f.vars[self.index].name;
        let is_index = |e: &syn::Expr| matches!(e, syn::Expr::Path(p) if p.path.is_ident(index_name));
        let others = inactive.uses.iter().filter(|&&v| v != self.index);
        if !others.clone().all(|&v| self.bound_before(v)) || count_ident(&inactive.tokens, index_name) != 1 {
            return None;
        }
        let syn::Expr::Binary(sum) = syn::parse2::<syn::Expr>(inactive.tokens.clone()).ok()? else { return None };
        if !matches!(sum.op, syn::BinOp::Add(_)) {
            return None;
        }
        let side = if is_index(&sum.right) {
            &sum.left
        } else if is_index(&sum.left) {
            &sum.right
        } else {
            return None;
        };
        Some(Some(Offset::Written(quote::ToTokens::to_token_stream(side))))
    }

    /// Whether an offset keeps its value while the loop runs: a constant, an immutable
    /// variable bound outside the loop, or a value of the body computed from those by integer
    /// arithmetic, a pure constant expression or a field read (printed as its definition,
    /// `depth` levels deep at most).
    fn invariant(&self, o: &Operand, depth: usize) -> bool {
        let Operand::Var(u) = o else { return true };
        if self.facts.f.vars[*u].mutable || *u == self.index {
            return false;
        }
        if !self.within_loop(*u) {
            return true;
        }
        if depth == 0 {
            return false;
        }
        match self.facts.index.defs.get(u) {
            Some(Value::Op(Op::Add | Op::Sub | Op::Mul | Op::Div | Op::Rem, args))
                if self.facts.kinds[*u] == Kind::Int =>
            {
                args.iter().all(|a| self.invariant(a, depth - 1))
            }
            Some(Value::Copy(a)) => self.invariant(a, depth - 1),
            // Printed as written before the loop: what it names must exist there.
            Some(Value::Inactive(inactive)) if inactive.pure => inactive.uses.iter().all(|&v| self.bound_before(v)),
            Some(Value::Read(place)) if place.steps.iter().all(|s| matches!(s, Step::Field(_))) => {
                self.bound_before(place.base)
            }
            _ => false,
        }
    }

    /// Whether an index can be part of a path: a variable bound before the loop that keeps
    /// its value (printed as it is in the view's declaration).
    pub fn fixed(&self, o: &Operand) -> bool {
        matches!(o, Operand::Var(v) if self.bound_before(*v))
    }

    /// Whether `v` is bound before the loop and keeps its value.
    fn bound_before(&self, v: VarId) -> bool {
        !self.facts.f.vars[v].mutable && !self.within_loop(v)
    }

    /// Whether `v` is defined inside the loop (its body, or a block within it; the loop's
    /// index is defined in its body).
    pub fn within_loop(&self, v: VarId) -> bool {
        let scopes = &self.facts.scopes;
        crate::analysis::order::nested_in(&scopes.parent, scopes.def_block[v], self.l.body.id)
    }
}

/// How many times the identifier `name` occurs in `tokens`.
fn count_ident(tokens: &proc_macro2::TokenStream, name: &proc_macro2::Ident) -> usize {
    use proc_macro2::TokenTree;
    tokens
        .clone()
        .into_iter()
        .map(|t| match t {
            TokenTree::Ident(i) => usize::from(&i == name),
            TokenTree::Group(g) => count_ident(&g.stream(), name),
            _ => 0,
        })
        .sum()
}
