//! Printing the views `analysis::views` chose: their declarations before a reverse loop, and
//! every indexing of a viewed path inside it as the view's (`__view4_0[j]`).

use super::Emitter;
use super::tokens::Prec;
use crate::analysis::views::{LoopViews, Offset, Path, PathStep, StepRef, View};
use crate::ir::{Loop, Operand, RangeLoop, Value, VarId};
use crate::private::Item;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// The views in force while a reverse loop body is printed, innermost loop first.
#[derive(Clone, Copy)]
pub(super) struct Frame<'a> {
    pub loop_id: usize,
    pub views: &'a LoopViews,
    /// The loop's index variable.
    pub index: VarId,
    pub outer: Option<&'a Frame<'a>>,
}

impl Emitter<'_> {
    /// `if lo < hi { <view declarations> for … { body } }` for a loop with views; the loop as it
    /// is otherwise.
    pub(super) fn loop_with_views(
        &self,
        l: &Loop,
        range: &RangeLoop,
        head: TokenStream,
        body: TokenStream,
    ) -> TokenStream {
        let Some(views) = self.sweep.views.loops.get(&l.id) else {
            return quote!(#head { #body });
        };
        let (start, end) = (self.operand(&range.start), self.operand(&range.end));
        let (guard, upto) = if range.inclusive {
            (quote!(#start <= #end), quote!(..=#end))
        } else {
            (quote!(#start < #end), quote!(..#end))
        };
        // A counter's view is indexed from 0 (by `index - lo`).
        let count = self.position_in_slice(end.clone(), &range.start);
        let count = if range.inclusive { quote!(..=#count) } else { quote!(..#count) };
        let decls = views.views.iter().enumerate().map(|(k, view)| {
            let upto = if matches!(view.offset, Some(Offset::Counter(_))) { &count } else { &upto };
            self.view_decl(l, k, view, upto)
        });
        let traits = views.views.iter().any(|v| !v.path.steps.is_empty()).then(|| {
            let traits = Item::ViewerTraits;
            quote!(
                #[allow(unused_imports)]
                use #traits;
            )
        });
        quote! {
            if #guard {
                #traits
                #(#decls)*
                #head { #body }
            }
        }
    }

    /// `let __view3_0 = &a[base..][..hi];`, or through `Viewer` for a struct field (whose type
    /// decides what the view is, see `runtime::private::views`).
    fn view_decl(&self, l: &Loop, k: usize, view: &View, upto: &TokenStream) -> TokenStream {
        let name = view_name(l.id, k);
        let place = self.path(&view.path);
        let offset = view.offset.as_ref().map(|o| match o {
            Offset::Operand(o) => self.offset(o, false, l.id),
            Offset::Written(tokens) => tokens.clone(),
            Offset::Counter(counter) => self.name(*counter),
        });
        let source = (!view.path.steps.is_empty()).then(|| format_ident!("__source{}_{}", l.id, k));
        slice_decl(&name, source, &place, view.write, offset, upto)
    }

    /// A path as printed: the root's value or adjoint, then its fields and indices.
    fn path(&self, path: &Path) -> TokenStream {
        let root = if path.adjoint { self.adjoint_name(path.root) } else { self.name(path.root) };
        let steps = path.steps.iter().map(|step| match step {
            // A tuple's field (`t.0`) is a number, not an identifier.
            PathStep::Field(f) => match f.parse::<usize>() {
                Ok(n) => {
                    let n = syn::Index::from(n);
                    quote!(.#n)
                }
                Err(_) => {
                    let f = crate::names::ident_from(f, proc_macro2::Span::call_site());
                    quote!(.#f)
                }
            },
            PathStep::Index(v) => {
                let v = self.name(*v);
                quote!([#v])
            }
        });
        quote!(#root #(#steps)*)
    }

    /// An offset, evaluated before the loop: a value of the body is printed as its
    /// definition (`__t5` → `(o * layer.inputs)`), which `analysis::views` made sure is made
    /// of names bound before the loop.
    /// `nested`: an operand of an operation (parenthesized if it is one itself).
    pub(super) fn offset(&self, o: &Operand, nested: bool, loop_id: usize) -> TokenStream {
        let Operand::Var(u) = o else { return self.operand(o) };
        let within = self.defined_in_loop(*u, loop_id);
        match self.facts.index.defs.get(u).filter(|_| within) {
            Some(Value::Op(op, args)) => {
                let Some(symbol) = super::tokens::infix(*op) else {
                    return crate::error::internal_error(
                        "a view's offset is not integer arithmetic (`analysis::views`)",
                    );
                };
                let (a, b) = match args.as_slice() {
                    [a, b] => (self.offset(a, true, loop_id), self.offset(b, true, loop_id)),
                    _ => return crate::error::internal_error("a view's offset is not a binary operation"),
                };
                if nested { quote!((#a #symbol #b)) } else { quote!(#a #symbol #b) }
            }
            Some(Value::Copy(a)) => self.offset(a, nested, loop_id),
            Some(value) => {
                let (tokens, prec) = self.value_prec(*u, value);
                if nested && prec < Prec::Atom { quote!((#tokens)) } else { tokens }
            }
            None => self.name(*u),
        }
    }

    /// Whether `v` is defined in the body of loop `id` (or deeper).
    fn defined_in_loop(&self, v: VarId, id: usize) -> bool {
        let scopes = &self.facts.scopes;
        self.facts
            .index
            .loops
            .get(&id)
            .is_some_and(|l| crate::analysis::order::nested_in(&scopes.parent, scopes.def_block[v], l.body.id))
    }

    /// If a place of `root` with these steps is indexed through a view of a loop being
    /// printed: the view's element (`__view4_0[j]`, or `__view4_0[j - lo]` for a counter's
    /// view), and how many steps of the place it stands for.
    pub(super) fn view_for<'s>(
        &self,
        adjoint: bool,
        root: VarId,
        steps: impl Iterator<Item = StepRef<'s>>,
    ) -> Option<(TokenStream, usize)> {
        let steps: Vec<StepRef<'s>> = steps.collect();
        let mut frame = self.frame;
        while let Some(f) = frame {
            let found = f.views.views.iter().enumerate().find_map(|(k, v)| {
                let matches = v.path.adjoint == adjoint && v.path.root == root;
                matches.then(|| v.path.starts(&steps)).flatten().map(|n| (k, v, n))
            });
            if let Some((k, view, n)) = found {
                let (name, index) = (view_name(f.loop_id, k), self.name(f.index));
                let element = match (&view.offset, self.facts.index.loops.get(&f.loop_id).map(|l| &l.head)) {
                    (Some(Offset::Counter(_)), Some(crate::ir::LoopHead::Range(range))) => {
                        let index = self.position_in_slice(index, &range.start);
                        quote!(#name[#index])
                    }
                    _ => quote!(#name[#index]),
                };
                return Some((element, n + 1));
            }
            frame = f.outer;
        }
        None
    }

    /// Whether the reverse of the loop being printed no longer computes `v` (an index its
    /// views replaced).
    pub(super) fn dropped(&self, v: VarId) -> bool {
        self.frame.is_some_and(|f| f.views.dropped.contains(&v))
    }
}

/// `let name = &[mut] place[offset..][upto];` for a buffer whose type is known to slice; through
/// `Viewer` (held in `source`) for one whose type is not, a struct's field or an element, which
/// picks the slice by the type (see `runtime::private::views`). Views and rows alike.
pub(super) fn slice_decl(
    name: &Ident,
    source: Option<Ident>,
    place: &TokenStream,
    write: bool,
    offset: Option<TokenStream>,
    upto: &TokenStream,
) -> TokenStream {
    let borrow = if write { quote!(&mut) } else { quote!(&) };
    let Some(source) = source else {
        // `..` binds loosest: `a[i * m..]` is `a[(i * m)..]`.
        return match offset {
            Some(offset) => quote!(let #name = #borrow #place[#offset..][#upto];),
            None => quote!(let #name = #borrow #place[#upto];),
        };
    };
    let offset = offset.unwrap_or_else(|| quote!(0));
    let window = if write { quote!(__backprop_window) } else { quote!(__backprop_window_ref) };
    let viewer = Item::Viewer;
    // `mut` for the fallback `Offset`, which is indexed through `IndexMut`.
    quote! {
        let mut #source = #viewer(#borrow #place);
        let mut #name = #source.#window(#offset, #upto);
    }
}

/// Views are numbered (`__view{loop}_{k}`), never named after their buffer: `m.w` and `m_w`,
/// `x` and `_x`, `__d_x` and a user's `d_x` would print alike.
fn view_name(loop_id: usize, k: usize) -> Ident {
    format_ident!("__view{}_{}", loop_id, k)
}
