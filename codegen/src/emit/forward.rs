//! The forward sweep: the user's computation, statement by statement, plus the records the
//! reverse sweep needs (loop tapes, `if` records, pullbacks of calls).

use super::tokens::{Prec, located, next};
use super::{Emitter, Printing};
use crate::ir::{
    Arg, Block, Build, Cond, If, Loop, LoopHead, Op, Operand, RangeAdaptor, RangeLoop, Stmt, StmtKind, StoreHow, Value,
    VarId,
};
use crate::names;
use crate::ops::Spelling;
use crate::private::Item;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

impl Emitter<'_> {
    /// The statements of a block.
    pub(super) fn forward_block(&self, block: &Block) -> TokenStream {
        let stmts = block.stmts.iter().map(|s| self.forward_stmt(s));
        quote!(#(#stmts)*)
    }

    /// A statement. Its tokens are located at the user's code it comes from (compound ones
    /// through their inner statements), so that a type error in it is reported there.
    ///
    /// A statement that builds a `vec![…]` keeps its own location: clippy's `useless_vec`
    /// merges what it sees of every `vec!` by the invocation's location, and one in generated
    /// code placed where the user wrote theirs would be linted as the user's.
    pub(super) fn forward_stmt(&self, stmt: &Stmt) -> TokenStream {
        match &stmt.kind {
            StmtKind::If(_) | StmtKind::Loop(_) => self.forward_stmt_tokens(stmt),
            StmtKind::Let { value, .. } if self.builds_vec(value) => self.forward_stmt_tokens(stmt),
            // The user's own tokens are where the user wrote them already.
            StmtKind::Inactive(_) | StmtKind::Let { value: Value::Inactive(_) | Value::Unsupported(..), .. } => {
                self.forward_stmt_tokens(stmt)
            }
            _ => located(self.forward_stmt_tokens(stmt), stmt.span),
        }
    }

    /// Whether `v` is the zero shape of a moved value (`analysis::shapes`) that the reverse
    /// sweep does not read.
    fn unread_shape(&self, v: VarId) -> bool {
        self.f.is_zero_shape(v) && !self.sweep.avail.needed.contains(&v)
    }

    /// Whether the value as printed invokes `vec!` (itself, or a temporary folded into it).
    fn builds_vec(&self, value: &Value) -> bool {
        let folded_vec = |o: &Operand| match o {
            Operand::Var(v) if self.sweep.folded.contains(v) => {
                self.facts.index.defs.get(v).is_some_and(|value| self.builds_vec(value))
            }
            _ => false,
        };
        match value {
            Value::Build(Build::VecRepeat { .. } | Build::VecList(_)) => true,
            Value::Op(_, args) => args.iter().any(folded_vec),
            Value::Copy(o) | Value::Cast(o, _) => folded_vec(o),
            Value::Build(Build::ArrayList(items) | Build::Tuple(items)) => items.iter().any(folded_vec),
            Value::Build(Build::Struct { fields, .. }) => fields.iter().any(|(_, o)| folded_vec(o)),
            Value::Build(Build::Some(o)) => folded_vec(o),
            Value::Call(call) => call.args.iter().any(|a| matches!(a, Arg::Value(o) if folded_vec(o))),
            _ => false,
        }
    }

    fn forward_stmt_tokens(&self, stmt: &Stmt) -> TokenStream {
        match &stmt.kind {
            StmtKind::Let { var, .. } if self.sweep.folded.contains(var) || self.unread_shape(*var) => {
                TokenStream::new()
            }
            StmtKind::Let { var, value } => self.let_stmt(*var, value),
            StmtKind::Declare { var } => {
                let name = self.name(*var);
                let ty = self.f.vars[*var].ty.as_ref().map(|ty| quote!(: #ty));
                if deferred_needs_value(self.f, *var) {
                    quote!(let mut #name #ty = ::core::default::Default::default();)
                } else {
                    quote!(let #name #ty;)
                }
            }
            StmtKind::Assign { var, value } => {
                let (name, value) = (self.name(*var), self.operand(value));
                quote!(#name = #value;)
            }
            StmtKind::Update { var, subtract, value } => {
                let (name, value) = (self.name(*var), self.operand(value));
                if *subtract { quote!(#name -= #value;) } else { quote!(#name += #value;) }
            }
            StmtKind::Store { place, how, value } => {
                let (place, value) = (self.place(place), self.operand(value));
                match how {
                    StoreHow::Set => quote!(#place = #value;),
                    StoreHow::Add => quote!(#place += #value;),
                    StoreHow::Sub => quote!(#place -= #value;),
                }
            }
            StmtKind::Push { place, value } => {
                let (place, value) = (self.place(place), self.operand(value));
                quote!(#place.push(#value);)
            }
            StmtKind::If(if_stmt) => self.if_stmt(if_stmt),
            StmtKind::Loop(loop_stmt) => self.loop_stmt(loop_stmt),
            StmtKind::Return(value) => {
                let value = self.operand(value);
                if self.direct_return {
                    quote!(let __value = #value;)
                } else if self.f.flagged_returns {
                    quote!(__result = ::core::option::Option::Some(#value);)
                } else {
                    quote!(__result = #value;)
                }
            }
            StmtKind::SetFlag(flag) => {
                let flag = self.name(*flag);
                quote!(#flag = true;)
            }
            StmtKind::Break | StmtKind::Continue => {
                crate::error::internal_error("a `break` or `continue` is left after `structure` replaced them by flags")
            }
            StmtKind::Inactive(inactive) => {
                let tokens = &inactive.tokens;
                quote!(#tokens;)
            }
        }
    }

    /// `let name = value;` (also used to compute a value again in the reverse sweep).
    pub(super) fn let_stmt(&self, var: VarId, value: &Value) -> TokenStream {
        let v = &self.f.vars[var];
        let name = self.name(var);
        let mutability = v.mutable.then(|| quote!(mut));
        let ty = v.ty.as_ref().map(|ty| quote!(: #ty));
        if let Value::Call(call) = value
            && self.facts.activity.calls.contains(&call.id)
            && !self.sweep.avail.recomputed_calls.contains(&call.id)
        {
            return self.active_call(var, call);
        }
        let value = self.value_prec(var, value).0;
        let span = v.span;
        quote_spanned!(span=> let #mutability #name #ty = #value;)
    }

    /// The tokens of `var`'s value and how tightly they bind.
    pub(super) fn value_prec(&self, var: VarId, value: &Value) -> (TokenStream, Prec) {
        match value {
            Value::Op(op, args) => self.op(*op, args, self.plans.guards.operators.get(&var).copied()),
            Value::Copy(Operand::Const(c)) if c.negated_literal => (c.tokens.clone(), Prec::Prefix),
            Value::Copy(o) => {
                let tokens = self.operand_at(o, Prec::Atom);
                (tokens, Prec::Atom)
            }
            Value::Read(place) => (self.place(place), Prec::Atom),
            Value::Alias(place) => {
                let place = self.place(place);
                (quote!(&#place), Prec::Prefix)
            }
            Value::Cast(o, ty) => {
                let o = self.operand_at(o, Prec::Prefix);
                (quote!(#o as #ty), Prec::Cast)
            }
            Value::Call(call) => (self.plain_call(call), Prec::Atom),
            Value::Build(build) => (self.build(build), Prec::Atom),
            Value::Inactive(inactive) | Value::Unsupported(inactive, _) => {
                (inactive.tokens.clone(), if inactive.atomic() { Prec::Atom } else { Prec::Lowest })
            }
        }
    }

    /// A primitive operation; `guard` is the operator's span if an operand needs a check.
    fn op(&self, op: Op, args: &[Operand], guard: Option<proc_macro2::Span>) -> (TokenStream, Prec) {
        let arg = |i: usize, min: Prec| match args.get(i) {
            Some(o) => self.float_operand(o, min, guard),
            None => crate::error::internal_error("an operation is missing an argument (`lower` checks the arity)"),
        };
        let binary = |symbol: TokenStream, prec: Prec| {
            let (a, b) = (arg(0, prec), arg(1, next(prec)));
            (quote!(#a #symbol #b), prec)
        };
        match crate::ops::def(op).spelling {
            Spelling::Infix("+") => binary(quote!(+), Prec::Sum),
            Spelling::Infix("-") => binary(quote!(-), Prec::Sum),
            Spelling::Infix("*") => binary(quote!(*), Prec::Product),
            Spelling::Infix("/") => binary(quote!(/), Prec::Product),
            Spelling::Infix("%") => binary(quote!(%), Prec::Product),
            Spelling::Prefix(_) => {
                let x = arg(0, Prec::Prefix);
                (quote!(-#x), Prec::Prefix)
            }
            Spelling::Method(name) => {
                let name = format_ident!("{}", name);
                let recv = arg(0, Prec::Atom);
                let rest = (1..args.len()).map(|i| arg(i, Prec::Lowest));
                (quote!(#recv.#name(#(#rest),*)), Prec::Atom)
            }
            Spelling::Rule(name) => {
                let (rules, name) = (crate::private::rules(), format_ident!("{}", name));
                let all = (0..args.len()).map(|i| arg(i, Prec::Lowest));
                (quote!(#rules::#name(#(#all),*)), Prec::Atom)
            }
            Spelling::Infix(_) => {
                (crate::error::internal_error("an infix operator the printer does not know"), Prec::Atom)
            }
        }
    }

    /// An operand of a primitive operation. One whose type the syntax does not show to be a
    /// float goes through `__private::float` in the forward sweep (see `analysis::floats`),
    /// spanned on the operator, so that a non-float is an error there and not a silently
    /// wrong rule.
    /// The argument is spanned on the operator too: rustc reports the failed bound on the
    /// argument expression.
    fn float_operand(&self, o: &Operand, min: Prec, guard: Option<proc_macro2::Span>) -> TokenStream {
        match (o, guard) {
            (Operand::Var(v), Some(span))
                if self.plans.guards.operands.contains(v) && self.printing == Printing::Forward =>
            {
                let tokens = located(self.operand_at(o, Prec::Lowest), span);
                let float = Item::Float.at(span);
                quote_spanned!(span=> #float(#tokens))
            }
            _ => self.operand_at(o, min),
        }
    }

    fn build(&self, build: &Build) -> TokenStream {
        match build {
            Build::VecRepeat { elem, len } => {
                let (elem, len) = (self.operand(elem), self.operand(len));
                quote!(::std::vec![#elem; #len])
            }
            Build::ArrayRepeat { elem, len } => {
                let elem = self.operand(elem);
                quote!([#elem; #len])
            }
            Build::VecList(items) => {
                let items = items.iter().map(|o| self.operand(o));
                quote!(::std::vec![#(#items),*])
            }
            Build::ArrayList(items) => {
                let items = items.iter().map(|o| self.operand(o));
                quote!([#(#items),*])
            }
            Build::Tuple(items) => {
                let items = items.iter().map(|o| self.operand(o));
                quote!((#(#items,)*))
            }
            // A collection or struct put in an `Option` is duplicated: the reverse sweep reads
            // it again for the zero of its adjoint (`some_adjoint`).
            // (A temporary folded into the `Some` is not read again.)
            Build::Some(Operand::Var(v)) if self.moved_by_value(*v) && !self.sweep.folded.contains(v) => {
                let (duplicate, item) = (Item::Duplicate, self.name(*v));
                quote!(::core::option::Option::Some(#duplicate(&#item)))
            }
            Build::Some(item) => {
                let item = self.operand(item);
                quote!(::core::option::Option::Some(#item))
            }
            Build::Struct { path, fields } => {
                let fields = fields.iter().map(|(member, o)| {
                    let o = self.operand(o);
                    quote!(#member: #o)
                });
                quote!(#path { #(#fields),* })
            }
            Build::Clone(place, method) if method == crate::mutref::LEND => {
                let place = self.place(place);
                quote!(::backprop::__private::lend(&#place))
            }
            Build::Clone(place, method) => {
                let place = self.place(place);
                quote!(#place.#method())
            }
            Build::Sum(place) => {
                let place = self.place(place);
                let sum_of = Item::SumOf;
                quote!(#sum_of(&#place))
            }
        }
    }

    fn if_stmt(&self, if_stmt: &If) -> TokenStream {
        let cond = match &if_stmt.cond {
            Cond::Expr(inactive) => inactive.tokens.clone(),
            Cond::NotFlag(flag) => {
                let flag = self.name(*flag);
                quote!(!#flag)
            }
        };
        let then_block = self.forward_block(&if_stmt.then_block);
        let else_block = self.forward_block(&if_stmt.else_block);
        let recorded = self.sweep.avail.reverse_ifs.contains(&if_stmt.id)
            && !self.sweep.avail.recomputed_conditions.contains(&if_stmt.id);
        if !recorded {
            if if_stmt.else_block.stmts.is_empty() {
                return quote!(if #cond { #then_block });
            }
            return quote!(if #cond { #then_block } else { #else_block });
        }
        let record = self.name(if_stmt.record);
        let then_record = &self.sweep.avail.record[if_stmt.then_block.id];
        let else_record = &self.sweep.avail.record[if_stmt.else_block.id];
        let (then_value, else_value) = if then_record.is_empty() && else_record.is_empty() {
            (quote!(true), quote!(false))
        } else {
            let (t, e) = (self.tuple(then_record), self.tuple(else_record));
            let (then_arm, else_arm) = (Item::ArmThen, Item::ArmElse);
            (quote!(#then_arm(#t)), quote!(#else_arm(#e)))
        };
        quote! {
            let #record = if #cond { #then_block #then_value } else { #else_block #else_value };
        }
    }

    /// `(a, b,)` of recorded values.
    pub(super) fn tuple(&self, vars: &[VarId]) -> TokenStream {
        let names = vars.iter().map(|v| self.name(*v));
        quote!((#(#names,)*))
    }

    fn loop_stmt(&self, l: &Loop) -> TokenStream {
        let reversed = self.sweep.avail.reverse_loops.contains(&l.id);
        let frame = self.row_frame(l);
        let body = Emitter { rows: frame.as_ref().or(self.rows), ..*self }.forward_block(&l.body);
        let record = &self.sweep.avail.record[l.body.id];
        let push = (reversed && !record.is_empty()).then(|| {
            let tape = names::bookkeeping("tape", l.id);
            let tuple = self.tuple(record);
            let record = Item::Record;
            quote!(#record(&mut #tape, #tuple);)
        });
        let count = l.count.filter(|_| reversed && !l.replayable()).map(|c| self.name(c));
        let (declare_count, increment) = match &count {
            Some(c) => (quote!(let mut #c: usize = 0;), quote!(#c += 1;)),
            None => (TokenStream::new(), TokenStream::new()),
        };
        let exit = l.exit.map(|flag| {
            let flag = self.name(flag);
            quote!(if #flag { break; })
        });
        let head = self.loop_head(&l.head);
        // A range knows its length: the tape grows once, not once per doubling (a stack tape
        // has its room already).
        let reserve = match (&l.head, &push) {
            (LoopHead::Range(range), Some(_)) if !self.plans.fixed_tapes.contains_key(&l.id) => {
                let tape = names::bookkeeping("tape", l.id);
                let iter = self.range(range, false);
                let reserve = Item::Reserve;
                Some(quote!(#reserve(&mut #tape, &(#iter));))
            }
            _ => None,
        };
        let looped = quote! {
            #head {
                #body
                #push
                #increment
                #exit
            }
        };
        let looped = self.loop_with_rows(l, looped);
        quote! {
            #declare_count
            #reserve
            #looped
        }
    }

    pub(super) fn loop_head(&self, head: &LoopHead) -> TokenStream {
        match head {
            LoopHead::Range(range) => {
                let index = range.index.map(|v| self.name(v)).unwrap_or_else(|| quote!(_));
                let iter = self.range(range, false);
                quote!(for #index in #iter)
            }
            LoopHead::While(cond) => {
                let cond = &cond.tokens;
                quote!(while #cond)
            }
            LoopHead::Forever => quote!(loop),
        }
    }

    /// The range of a `for` loop, walked forwards (as written) or backwards.
    pub(super) fn range(&self, range: &RangeLoop, backwards: bool) -> TokenStream {
        let (start, end) = (self.operand(&range.start), self.operand(&range.end));
        let bare = range.adaptors.is_empty() && !backwards;
        let mut iter = match (range.inclusive, bare) {
            (false, true) => return quote!(#start..#end),
            (true, true) => return quote!(#start..=#end),
            (false, false) => quote!((#start..#end)),
            (true, false) => quote!((#start..=#end)),
        };
        for adaptor in &range.adaptors {
            iter = match adaptor {
                RangeAdaptor::Rev => quote!(#iter.rev()),
                RangeAdaptor::StepBy(step) => {
                    let step = self.operand(step);
                    quote!(#iter.step_by(#step))
                }
            };
        }
        if backwards { quote!(#iter.rev()) } else { iter }
    }
}

/// Whether a deferred `let x;` is printed with a value (and `mut`): rustc proves a deferred
/// variable assigned once before it is read only where the code shows it; the loops and flags
/// the structure phase writes (a `break` or an early `return` becomes a flag) hide that, so an
/// assignment in a loop reads as a second assignment and a read after a flag's test as a
/// possibly uninitialised one.
fn deferred_needs_value(f: &crate::ir::Function, var: crate::ir::VarId) -> bool {
    let mut needs = false;
    crate::walk::each_stmt(&f.body, &mut |stmt| match &stmt.kind {
        StmtKind::SetFlag(_) => needs = true,
        StmtKind::Loop(l) => crate::walk::each_stmt(&l.body, &mut |inner| {
            if matches!(&inner.kind, StmtKind::Assign { var: v, .. } if *v == var) {
                needs = true;
            }
        }),
        _ => {}
    });
    needs
}
