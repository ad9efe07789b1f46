//! Which paths of a loop get a view, with what offset, and which index temporaries that
//! makes dead.

use super::scan::Scan;
use super::{LoopIndex, Mention, Offset, Path, View};
use crate::adjoint::AdjBlock;
use crate::analysis::record::Redo;
use crate::coalesce::resolve;
use crate::ir::{Kind, Operand, VarId};
use std::collections::HashSet;

impl Scan<'_> {
    /// The loop and its index, which decide what is fixed and what moves.
    pub(super) fn at(&self) -> LoopIndex<'_> {
        LoopIndex { facts: self.facts, l: self.l, index: self.index }
    }

    /// `offset_of` of [`LoopIndex`], and a counter's copy (`analysis::rows`).
    pub(super) fn offset_of(&self, o: &Operand) -> Option<Option<Offset>> {
        if let Operand::Var(t) = o
            && let Some(&counter) = self.counters.get(t)
        {
            return Some(Some(Offset::Counter(counter)));
        }
        self.at().offset_of(o)
    }

    pub(super) fn fixed(&self, o: &Operand) -> bool {
        self.at().fixed(o)
    }

    pub(super) fn within_loop(&self, v: VarId) -> bool {
        self.at().within_loop(v)
    }

    /// The paths that get a view (see the module documentation).
    pub(super) fn choose(&self) -> Vec<View> {
        let mut candidates: Vec<&Path> =
            self.mentions.iter().filter(|(_, m)| m.indexed.is_some()).map(|(p, _)| p).collect();
        candidates.sort();
        candidates.dedup();
        // Adjoints first: a primal field gets a view only beside its adjoint's (below).
        candidates.sort_by_key(|p| !p.adjoint);
        let mut views: Vec<View> = Vec::new();
        for path in candidates {
            let kind = self.facts.kinds[path.root];
            if kind.is_scalar() || kind.is_constant() || self.within_loop(path.root) {
                continue;
            }
            if path.steps.is_empty() && !matches!(kind, Kind::Buffer(_)) {
                continue;
            }
            // A field's type is not known. One that carries a gradient is a `Vec`, an array or
            // a type of the user's with `Differentiable` and `Index<usize>`, which `Viewer` all
            // handles; any other (an `Rc<[f64]>` of constants, indexed through `Deref`) keeps
            // its indexing.
            let twin = Path { adjoint: true, root: resolve(self.renames, path.root), steps: path.steps.clone() };
            if !path.steps.is_empty() && !path.adjoint && !views.iter().any(|v| v.path == twin) {
                continue;
            }
            // Every mention that borrows any part of the path must be one of its indexings.
            let overlapping: Vec<&Mention> =
                self.mentions.iter().filter(|(p, _)| p.overlaps(path)).map(|(_, m)| m).collect();
            let exact: Vec<&Mention> = self.mentions.iter().filter(|(p, _)| p == path).map(|(_, m)| m).collect();
            if exact.len() != overlapping.len() || exact.iter().any(|m| m.indexed.is_none()) {
                continue;
            }
            let Some(first) = exact.first().and_then(|m| m.indexed.clone()) else { continue };
            let same_offset = exact.iter().all(|m| same(m.indexed.as_ref(), Some(&first)));
            let anchored = exact.iter().any(|m| m.unconditional);
            let write = exact.iter().any(|m| m.write);
            // A primal buffer written in the reverse sweep (a restored element) keeps its own
            // indexing: a `&mut` view of it could conflict with other borrows. Adjoints are
            // always `let mut` and always get `&mut` views.
            if same_offset && anchored && (path.adjoint || !write) {
                views.push(View { path: path.clone(), offset: first, write: path.adjoint });
            }
        }
        views
    }

    /// The index temporaries the views make dead: values the reverse computes again whose
    /// every use is the index of a viewed path, or the definition of another such value (to a
    /// fixed point: `__t6 = __t5 + j` dropped, then `__t5 = o * n` too).
    pub(super) fn dropped(&self, views: &[View], body: &AdjBlock) -> HashSet<VarId> {
        let viewed: HashSet<&Path> = views.iter().map(|v| &v.path).collect();
        let redone: HashSet<VarId> = self
            .sweep
            .avail
            .recompute
            .get(body.block)
            .into_iter()
            .flatten()
            .filter_map(|r| match r {
                Redo::Value(v) => Some(*v),
                Redo::Fill(_) => None,
            })
            .collect();
        let mut dropped: HashSet<VarId> = HashSet::new();
        loop {
            let more: Vec<VarId> = redone
                .iter()
                .copied()
                .filter(|t| !dropped.contains(t))
                .filter(|t| {
                    let indices = self.index_uses.get(t).map_or(&[][..], Vec::as_slice);
                    let others = self.var_uses.iter().filter(|(v, _)| v == t);
                    let used = !indices.is_empty() || self.var_uses.iter().any(|(v, _)| v == t);
                    used && indices.iter().all(|p| viewed.contains(p))
                        && others.clone().all(|(_, inside)| inside.is_some_and(|d| dropped.contains(&d)))
                })
                .collect();
            if more.is_empty() {
                return dropped;
            }
            dropped.extend(more);
        }
    }
}

/// Whether two offsets are the same: the same variable, or the same tokens.
fn same(a: Option<&Option<Offset>>, b: Option<&Option<Offset>>) -> bool {
    match (a, b) {
        (Some(None), Some(None)) => true,
        (Some(Some(Offset::Operand(Operand::Var(x)))), Some(Some(Offset::Operand(Operand::Var(y))))) => x == y,
        (Some(Some(Offset::Operand(Operand::Const(x)))), Some(Some(Offset::Operand(Operand::Const(y))))) => {
            same_tokens(&x.tokens, &y.tokens)
        }
        (Some(Some(Offset::Written(x))), Some(Some(Offset::Written(y)))) => same_tokens(x, y),
        (Some(Some(Offset::Counter(x))), Some(Some(Offset::Counter(y)))) => x == y,
        _ => false,
    }
}

/// Whether two token streams are the same tokens (spans aside).
fn same_tokens(a: &proc_macro2::TokenStream, b: &proc_macro2::TokenStream) -> bool {
    use proc_macro2::TokenTree;
    let (a, b): (Vec<TokenTree>, Vec<TokenTree>) = (a.clone().into_iter().collect(), b.clone().into_iter().collect());
    a.len() == b.len()
        && a.iter().zip(&b).all(|pair| match pair {
            (TokenTree::Ident(x), TokenTree::Ident(y)) => x == y,
            (TokenTree::Punct(x), TokenTree::Punct(y)) => x.as_char() == y.as_char() && x.spacing() == y.spacing(),
            (TokenTree::Literal(x), TokenTree::Literal(y)) => x.to_string() == y.to_string(),
            (TokenTree::Group(x), TokenTree::Group(y)) => {
                x.delimiter() == y.delimiter() && same_tokens(&x.stream(), &y.stream())
            }
            _ => false,
        })
}
