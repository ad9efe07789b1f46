//! Printing the rows `analysis::rows` chose: their slices before a forward loop, and every
//! indexing of a row inside it as the slice's (`__row4_0[row]`, `__row4_1[row - lo]`).

use super::Emitter;
use crate::analysis::rows::{Row, RowIndex};
use crate::analysis::views::Offset;
use crate::ir::{Kind, Loop, LoopHead, Operand, Place};
use crate::private::Item;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// The rows in force while a forward loop body is printed, innermost loop first.
pub(super) struct RowFrame<'a> {
    pub loop_id: usize,
    pub rows: &'a [Row],
    /// The loop's start: a counter's row is indexed by `index - start`.
    pub start: &'a Operand,
    pub outer: Option<&'a RowFrame<'a>>,
}

impl<'a> Emitter<'a> {
    /// The frame of loop `l`'s rows (if it has some) on top of the ones in force.
    pub(super) fn row_frame(&self, l: &'a Loop) -> Option<RowFrame<'a>> {
        let rows = self.sweep.rows.loops.get(&l.id)?;
        let LoopHead::Range(range) = &l.head else { return None };
        Some(RowFrame { loop_id: l.id, rows, start: &range.start, outer: self.rows })
    }

    /// `if lo < hi { let __row4_0 = &mut qx[..hi]; … <the loop> }`: the slices are taken only
    /// when the loop's first iteration would index them too.
    pub(super) fn loop_with_rows(&self, l: &Loop, looped: TokenStream) -> TokenStream {
        let (Some(rows), LoopHead::Range(range)) = (self.sweep.rows.loops.get(&l.id), &l.head) else {
            return looped;
        };
        let (start, end) = (self.operand(&range.start), self.operand(&range.end));
        let guard = if range.inclusive { quote!(#start <= #end) } else { quote!(#start < #end) };
        let through = |n: TokenStream| if range.inclusive { quote!(..=#n) } else { quote!(..#n) };
        let slices = rows.iter().enumerate().map(|(k, row)| {
            let name = row_name(l.id, k);
            let mut place = self.name(row.base);
            for step in &row.steps {
                place = self.step(place, step);
            }
            let (offset, upto) = match &row.by {
                RowIndex::Index(_) => (None, through(end.clone())),
                RowIndex::Offset { offset: Offset::Operand(o), .. } => {
                    (Some(self.offset(o, false, l.id)), through(end.clone()))
                }
                RowIndex::Offset { offset: Offset::Written(tokens), .. } => {
                    (Some(tokens.clone()), through(end.clone()))
                }
                RowIndex::Offset { offset: Offset::Counter(_), .. } => {
                    return crate::error::internal_error("a row's offset is a counter (`rows` makes those `Counter`)");
                }
                RowIndex::Counter { counter, .. } => {
                    (Some(self.name(*counter)), through(self.position_in_slice(end.clone(), &range.start)))
                }
            };
            let plain = row.steps.is_empty() && matches!(self.facts.kinds[row.base], Kind::Buffer(_));
            let source = (!plain).then(|| format_ident!("__rowsource{}_{}", l.id, k));
            super::views::slice_decl(&name, source, &place, row.write, offset, &upto)
        });
        let traits = rows.iter().any(|r| !r.steps.is_empty() || !matches!(self.facts.kinds[r.base], Kind::Buffer(_)));
        let traits = traits.then(|| {
            let traits = Item::ViewerTraits;
            quote!(
                #[allow(unused_imports)]
                use #traits;
            )
        });
        quote! {
            if #guard {
                #traits
                #(#slices)*
                #looped
            }
        }
    }

    /// If `place` is a row of a loop being printed, indexed by its index: the row's element
    /// (`__row4_0[row]`, `__row4_1[row - lo]`) and how many steps of the place it stands for.
    pub(super) fn row_for(&self, place: &Place) -> Option<(TokenStream, usize)> {
        let mut frame = self.rows;
        while let Some(f) = frame {
            if let Some(k) = f.rows.iter().position(|row| row.indexes(place)) {
                let row = &f.rows[k];
                let name = row_name(f.loop_id, k);
                let element = match row.by {
                    RowIndex::Index(index) | RowIndex::Offset { index, .. } => {
                        let index = self.name(index);
                        quote!(#name[#index])
                    }
                    RowIndex::Counter { index, .. } => {
                        let index = self.position_in_slice(self.name(index), f.start);
                        quote!(#name[#index])
                    }
                };
                return Some((element, row.steps.len() + 1));
            }
            frame = f.outer;
        }
        None
    }
}

impl Emitter<'_> {
    /// `(i - lo) as usize`, or `i as usize` from 0: a counter's position in its slice. The loop's
    /// index may be any integer type; a slice is indexed by `usize`.
    pub(super) fn position_in_slice(&self, i: TokenStream, start: &Operand) -> TokenStream {
        match start {
            // `as` binds tighter than `..`: `..n as usize` is `..(n as usize)`.
            Operand::Const(c) if c.int == Some(0) => quote!(#i as usize),
            _ => {
                let start = self.operand(start);
                quote!((#i - #start) as usize)
            }
        }
    }
}

/// Rows are numbered (`__row{loop}_{k}`), like views.
fn row_name(loop_id: usize, k: usize) -> Ident {
    format_ident!("__row{}_{}", loop_id, k)
}
