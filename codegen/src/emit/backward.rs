//! The reverse sweep: printing the adjoint program.

use super::tokens::{grad_name, located};
use super::views::Frame;
use super::{Emitter, Printing};
use crate::adjoint::{AExpr, AdjBlock, AdjStmt};
use crate::analysis::record::Redo;
use crate::error::internal_error;
use crate::ir::{LoopHead, VarId};
use crate::names;
use crate::private::Item;
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

impl Emitter<'_> {
    /// A block's reverse: values computed again, zero adjoints, then the adjoint statements.
    pub(super) fn reverse_block(&self, block: &AdjBlock) -> TokenStream {
        let recompute = self.sweep.avail.recompute[block.block].iter().map(|redo| match redo {
            Redo::Value(v) if self.dropped(*v) => TokenStream::new(),
            Redo::Value(v) => match self.facts.index.defs.get(v) {
                Some(value) => self.let_stmt(*v, value),
                None => internal_error(
                    "a value to compute again has no `let` (`analysis::record` recomputes definitions only)",
                ),
            },
            Redo::Fill(id) => match self.facts.index.loops.get(id) {
                Some(l) => self.refill(l),
                None => {
                    internal_error("a buffer to fill again names no loop (`analysis::record` takes fills from loops)")
                }
            },
        });
        let root = block.block == self.f.body.id;
        let zeros = block.zero_init.iter().map(|v| {
            let start = root.then(|| self.taken_in(*v)).flatten();
            let (name, zero) = (self.adjoint_name(*v), start.unwrap_or_else(|| self.zero(*v)));
            quote!(let mut #name = #zero;)
        });
        let stmts = block.stmts.iter().enumerate().map(|(k, s)| {
            let tokens = self.reverse_stmt(s);
            match s {
                AdjStmt::If { .. } | AdjStmt::Loop { .. } => tokens,
                _ => located(tokens, block.span(k)),
            }
        });
        quote!(#(#recompute)* #(#zeros)* #(#stmts)*)
    }

    /// A loop that fills a scratch buffer, run again as the forward sweep ran it (it records
    /// nothing), so that the reads after it see what they saw then.
    fn refill(&self, l: &crate::ir::Loop) -> TokenStream {
        let forward = self.printing(Printing::Forward);
        let (head, body) = (forward.loop_head(&l.head), forward.forward_block(&l.body));
        quote!(#head { #body })
    }

    /// A zero adjoint shaped like `v`.
    pub(super) fn zero(&self, v: VarId) -> TokenStream {
        if self.facts.kinds[v].is_scalar() {
            crate::names::float_literal(0.0)
        } else {
            // Spanned on the variable: a type without a gradient is reported there.
            let shape = self.f.zero_shapes.get(&v).copied().unwrap_or(v);
            let (name, span) = (self.name(shape), self.f.vars[v].span);
            let zero_like = Item::ZeroLike.at(span);
            quote_spanned!(span=> #zero_like(&#name))
        }
    }

    fn reverse_stmt(&self, stmt: &AdjStmt) -> TokenStream {
        let accumulate = Item::Accumulate;
        match stmt {
            AdjStmt::Init { var, expr } => {
                let (name, expr) = (self.adjoint_name(*var), self.aexpr(expr));
                quote!(let mut #name = #expr;)
            }
            AdjStmt::Set { var, expr } => {
                let (name, expr) = (self.adjoint_name(*var), self.aexpr(expr));
                quote!(#name = #expr;)
            }
            // Added by the call's `_vjp_into` pullback already.
            AdjStmt::Add { expr: AExpr::Grad { call, .. }, .. } if self.plans.into.calls.contains_key(call) => {
                TokenStream::new()
            }
            AdjStmt::Add { target, expr } => {
                if let Some(acc) = self.accumulator_of(target) {
                    let e = self.aexpr(expr);
                    return quote!(#acc += #e;);
                }
                let t = self.target(target);
                if target.scalar {
                    let e = self.aexpr(expr);
                    quote!(#t += #e;)
                } else {
                    // A callee's gradient is added as it comes: a lazy one computes in place.
                    let e = match expr {
                        AExpr::Grad { call, arg } => grad_name(*call, *arg),
                        other => self.aexpr(other),
                    };
                    quote!(#accumulate(&mut #t, #e);)
                }
            }
            AdjStmt::Zero { var } => {
                let (name, zero) = (self.adjoint_name(*var), self.zero(*var));
                quote!(#name = #zero;)
            }
            AdjStmt::AddEach { target, expr } => {
                let (t, e) = (self.target(target), self.aexpr(expr));
                let add_to_each = Item::AddToEach;
                quote!(#add_to_each(&mut #t, #e);)
            }
            AdjStmt::Discard(expr) => {
                let e = self.aexpr(expr);
                quote!(let _ = #e;)
            }
            AdjStmt::Pullback { call, pullback, seed, .. } if self.plans.into.calls.contains_key(call) => {
                self.pullback_into(*call, *pullback, seed)
            }
            AdjStmt::Pullback { call, pullback, markers, seed, args } => {
                let grads = (0..*args).map(|i| grad_name(*call, i));
                let seed = self.aexpr(seed);
                match self.facts.index.calls.get(call).filter(|_| self.sweep.avail.recomputed_calls.contains(call)) {
                    // The pullback could not be kept: call `_vjp` again on the same arguments.
                    Some(c) => {
                        let (flags, vjp) = (self.argument_flags(c), self.vjp_call(c));
                        let split = Item::Split.at(c.span);
                        let split = quote_spanned!(c.span=> #split(__flags, __pullback(#seed)));
                        // The flags first: the call may move its arguments.
                        quote! {
                            let __flags = #flags;
                            let (_, __pullback) = #vjp;
                            let (#(#grads,)*) = #split;
                        }
                    }
                    None => {
                        let (pullback, markers) = (self.name(*pullback), self.name(*markers));
                        // Spanned on the user's call: a gradient-count mismatch is reported there.
                        let span =
                            self.facts.index.calls.get(call).map_or_else(proc_macro2::Span::call_site, |c| c.span);
                        let split = Item::Split.at(span);
                        let split = quote_spanned!(span=> #split(#markers, #pullback(#seed)));
                        quote!(let (#(#grads,)*) = #split;)
                    }
                }
            }
            AdjStmt::If { id, record, then_block, else_block } => {
                let record_name = self.name(*record);
                let then_rec = &self.sweep.avail.record[then_block.block];
                let else_rec = &self.sweep.avail.record[else_block.block];
                let (then_code, else_code) = (self.reverse_block(then_block), self.reverse_block(else_block));
                if let Some(cond) = self.recomputed_condition(*id) {
                    quote!(if #cond { #then_code } else { #else_code })
                } else if then_rec.is_empty() && else_rec.is_empty() {
                    quote!(if #record_name { #then_code } else { #else_code })
                } else {
                    let (t, e) = (self.tuple(then_rec), self.tuple(else_rec));
                    let (then_arm, else_arm) = (Item::ArmThen, Item::ArmElse);
                    quote! {
                        match #record_name {
                            #then_arm(#t) => { #then_code }
                            #else_arm(#e) => { #else_code }
                        }
                    }
                }
            }
            AdjStmt::Loop { id, body } => self.reverse_loop(*id, body),
        }
    }

    /// A recursive call's pullback adding into this function's adjoints (`analysis::into`):
    /// `__pullback(seed, &mut __d_a, …)`, after calling `_vjp_into` again if it could not be
    /// kept.
    fn pullback_into(&self, call: usize, pullback: VarId, seed: &AExpr) -> TokenStream {
        let targets = self.plans.into.calls.get(&call).map(Vec::as_slice).unwrap_or_default();
        let into = targets.iter().map(|v| {
            let name = self.adjoint_name(*v);
            quote!(&mut #name)
        });
        let seed = self.aexpr(seed);
        match self.facts.index.calls.get(&call).filter(|_| self.sweep.avail.recomputed_calls.contains(&call)) {
            Some(c) => {
                let (vjp, span) = (self.vjp_call(c), c.span);
                quote_spanned! {span=>
                    let (_, __pullback) = #vjp;
                    __pullback(#seed, #(#into),*);
                }
            }
            None => {
                let pullback = self.name(pullback);
                quote!(#pullback(#seed, #(#into),*);)
            }
        }
    }

    /// For a loop whose reverse computes a recurrence again (`analysis::record::replay`): the
    /// carried variables set to their definitions, and the statements run again at the start
    /// of each iteration, as the forward sweep printed them. Empty for other loops.
    fn replay(&self, l: &crate::ir::Loop) -> (TokenStream, TokenStream) {
        let Some(replay) = self.sweep.avail.replays.get(&l.id) else { return Default::default() };
        let forward = self.printing(Printing::Forward);
        let entry = replay.carried.iter().map(|&c| match self.facts.index.defs.get(&c) {
            Some(value) => forward.let_stmt(c, value),
            None => internal_error("a replayed variable has no `let` (`replay` takes definitions only)"),
        });
        let stmts = replay.stmts.iter().map(|&k| forward.forward_stmt(&l.body.stmts[k]));
        (quote!(#(#entry)*), quote!(#(#stmts)*))
    }

    /// The condition of an `if` whose reverse evaluates it again, if it is one.
    fn recomputed_condition(&self, id: usize) -> Option<TokenStream> {
        if !self.sweep.avail.recomputed_conditions.contains(&id) {
            return None;
        }
        match self.facts.index.ifs.get(&id).map(|i| &i.cond) {
            Some(crate::ir::Cond::Expr(cond)) => Some(cond.tokens.clone()),
            _ => None,
        }
    }

    fn reverse_loop(&self, id: usize, body: &AdjBlock) -> TokenStream {
        let Some(l) = self.facts.index.loops.get(&id) else {
            return internal_error(
                "the reverse of a loop names no forward loop (`reverse` reverses the loops of the IR)",
            );
        };
        let record = &self.sweep.avail.record[body.block];
        let pop = (!record.is_empty()).then(|| {
            let tape = names::bookkeeping("tape", id);
            let tuple = self.tuple(record);
            let pop = Item::Pop;
            quote!(let #tuple = #pop(&mut #tape);)
        });
        if let (LoopHead::Range(range), true) = (&l.head, l.replayable()) {
            let backwards = !self.sweep.avail.free_order_loops.contains(&id);
            let stop = if backwards { self.stop_when_zero(id, range, body) } else { None };
            let pop = quote!(#stop #pop);
            let iter = self.range(range, backwards);
            let index = range.index.map(|v| self.name(v)).unwrap_or_else(|| quote!(_));
            let head = quote!(for #index in #iter);
            let frame = range.index.zip(self.sweep.views.loops.get(&id)).map(|(index, views)| Frame {
                loop_id: id,
                views,
                index,
                outer: self.frame,
            });
            let accs = self.accumulators(body);
            let inner = Emitter { frame: frame.as_ref().or(self.frame), accumulating: Some((id, &accs)), ..*self };
            let code = inner.reverse_block(body);
            let (entry, replay) = self.replay(l);
            let looped = self.loop_with_views(l, range, head, quote!(#pop #replay #code));
            let looped = if entry.is_empty() { looped } else { quote!({ #entry #looped }) };
            let looped = self.skipped_when_zero(body, looped);
            return self.around_accumulators(id, &accs, looped);
        }
        let accs = self.accumulators(body);
        let code = Emitter { accumulating: Some((id, &accs)), ..*self }.reverse_block(body);
        let head = match l.count {
            Some(count) => {
                let count = self.name(count);
                quote!(for _ in 0..#count)
            }
            None => internal_error(
                "a loop whose iterations cannot be replayed has no counter (`structure` gives every loop one)",
            ),
        };
        self.around_accumulators(id, &accs, quote!(#head { #pop #code }))
    }

    /// At the top of a backwards reverse iteration: once every adjoint the loop carries and
    /// reads is zero, drop the remaining iterations' records and stop (see
    /// `stoppable_when_zero`). Only for a plain range (`lo..hi`, `lo..=hi`), whose remaining
    /// iterations are `index - lo + 1`, with a tape.
    fn stop_when_zero(&self, id: usize, range: &crate::ir::RangeLoop, body: &AdjBlock) -> Option<TokenStream> {
        let index = range.index?;
        if !range.adaptors.is_empty() || self.sweep.avail.record[body.block].is_empty() {
            return None;
        }
        let incoming = self.stoppable_when_zero(body)?;
        let zero = names::float_literal(0.0);
        let tests = incoming.iter().map(|v| {
            let name = self.adjoint_name(*v);
            quote!(#name == #zero)
        });
        let (tape, drop_last) = (names::bookkeeping("tape", id), Item::DropLast);
        let index = self.name(index);
        let remaining = match &range.start {
            crate::ir::Operand::Const(c) if c.int == Some(0) => quote!(#index + 1),
            start => {
                let start = self.operand(start);
                quote!(#index - #start + 1)
            }
        };
        Some(quote! {
            if #(#tests)&&* {
                #drop_last(&mut #tape, #remaining);
                break;
            }
        })
    }

    /// A loop's reverse guarded by `if` any adjoint flowing into it is nonzero, where nothing
    /// happens otherwise (see `skip`).
    fn skipped_when_zero(&self, body: &AdjBlock, looped: TokenStream) -> TokenStream {
        match self.skippable_when_zero(body) {
            Some(incoming) => {
                let zero = names::float_literal(0.0);
                let tests = incoming.iter().map(|v| {
                    let name = self.adjoint_name(*v);
                    quote!(#name != #zero)
                });
                quote!(if #(#tests)||* { #looped })
            }
            None => looped,
        }
    }
}
