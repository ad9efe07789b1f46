//! Statements and blocks: `if`, loops, `return`, `break`, `continue` (bindings and writes:
//! `bind.rs`).

use super::Lowerer;
use super::inactive::{is_assignment, is_bitwise_assignment};
use crate::ir::{Block, Build, Cond, If, Kind, Loop, LoopHead, Operand, Place, Role, Stmt, StmtKind, Value};
use proc_macro2::Span;
use syn::Expr;
use syn::spanned::Spanned;

impl Lowerer {
    /// Lowers statements in the current scope; returns the tail expression's value.
    pub(super) fn block_stmts(&mut self, stmts: &[syn::Stmt], out: &mut Vec<Stmt>) -> Option<Operand> {
        let mut tail = None;
        for (i, stmt) in stmts.iter().enumerate() {
            let last = i + 1 == stmts.len();
            tail = self.stmt(stmt, out, last);
        }
        tail
    }

    /// Lowers a block in a new scope into its own statement list.
    pub(super) fn sub_block(&mut self, block: &syn::Block) -> (Block, Option<Operand>) {
        let mut stmts = Vec::new();
        let tail = self.scoped(|cx| cx.block_stmts(&block.stmts, &mut stmts));
        (Block { stmts, id: 0 }, tail)
    }

    pub(super) fn stmt(&mut self, stmt: &syn::Stmt, out: &mut Vec<Stmt>, last: bool) -> Option<Operand> {
        // A snapshot is reused only within one statement, and not across a nested block
        // (which may write the variable, and whose temporaries end with it).
        self.snapshots.clear();
        self.memo.clear();
        let value = self.stmt_inner(stmt, out, last);
        self.snapshots.clear();
        self.memo.clear();
        value
    }

    fn stmt_inner(&mut self, stmt: &syn::Stmt, out: &mut Vec<Stmt>, last: bool) -> Option<Operand> {
        match stmt {
            syn::Stmt::Local(local) => {
                self.local(local, out);
                None
            }
            syn::Stmt::Item(_) => {
                let inactive = self.inactive_stmt(stmt);
                out.push(Stmt { kind: StmtKind::Inactive(inactive), span: stmt.span() });
                None
            }
            syn::Stmt::Macro(_) => {
                // `println!`, `assert!`…: side effects only, no gradient.
                let inactive = self.inactive_stmt(stmt);
                out.push(Stmt { kind: StmtKind::Inactive(inactive), span: stmt.span() });
                None
            }
            syn::Stmt::Expr(expr, None) if last => self.tail_expr(expr, out),
            syn::Stmt::Expr(expr, _) => {
                self.expr_stmt(expr, out);
                None
            }
        }
    }

    /// The last expression of a block: its value, unless it is a statement-like `if`,
    /// loop, block or exit.
    fn tail_expr(&mut self, expr: &Expr, out: &mut Vec<Stmt>) -> Option<Operand> {
        let has_value = match expr {
            Expr::If(if_expr) => if_has_value(if_expr),
            Expr::Match(m) => match_has_value(m),
            Expr::Block(block) => block_has_value(&block.block),
            // `if c { r = r * x } else { r = -r }`: an assignment has no value.
            Expr::Assign(_) => false,
            Expr::Binary(b) if is_assignment(&b.op) || is_bitwise_assignment(&b.op) => false,
            Expr::ForLoop(_) | Expr::While(_) | Expr::Loop(_) => false,
            Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => false,
            _ => true,
        };
        if has_value {
            return Some(self.expr(expr, out));
        }
        self.expr_stmt(expr, out);
        None
    }

    pub(super) fn expr_stmt(&mut self, expr: &Expr, out: &mut Vec<Stmt>) {
        let span = expr.span();
        match expr {
            Expr::Assign(assign) => self.assign(&assign.left, &assign.right, None, span, out),
            // `bits |= …`, `k <<= 1`: integer-only operators, kept as written.
            Expr::Binary(bin) if is_bitwise_assignment(&bin.op) => {
                let inactive = self.inactive(expr);
                out.push(Stmt { kind: StmtKind::Inactive(inactive), span });
            }
            Expr::Binary(bin) if is_assignment(&bin.op) => self.assign(&bin.left, &bin.right, Some(&bin.op), span, out),
            Expr::If(if_expr) => self.if_stmt(if_expr, None, out),
            Expr::Match(m) if self.may_be_active(expr) || super::expr::contains_control_flow(expr) => {
                if let Some(if_expr) = self.match_as_if(m, out) {
                    self.scoped(|cx| cx.if_stmt(&if_expr, None, out));
                }
            }
            Expr::ForLoop(for_loop) => self.for_loop(for_loop, out),
            Expr::While(while_loop) => self.while_loop(while_loop, out),
            Expr::Loop(loop_expr) => self.forever_loop(loop_expr, out),
            Expr::Block(block) if block.label.is_none() => {
                self.scoped(|cx| cx.block_stmts(&block.block.stmts, out));
            }
            Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => self.control_flow(expr, out),
            Expr::MethodCall(call) if call.method == "push" && call.args.len() == 1 => self.push(call, out),
            Expr::Macro(_) => {
                let inactive = self.inactive(expr);
                out.push(Stmt { kind: StmtKind::Inactive(inactive), span });
            }
            _ if !self.may_be_active(expr) && !super::expr::contains_control_flow(expr) => {
                let inactive = self.inactive(expr);
                out.push(Stmt { kind: StmtKind::Inactive(inactive), span });
            }
            _ => {
                self.expr(expr, out);
            }
        }
    }

    /// An `if` statement; `result`, if given, is assigned each arm's value.
    pub(super) fn if_stmt(&mut self, if_expr: &syn::ExprIf, result: Option<usize>, out: &mut Vec<Stmt>) {
        let span = if_expr.span();
        // `if let P = e { a } else { b }` is `match e { P => a, _ => b }`, and the let chain
        // `if let P = e && c { a } else { b }` is `match e { P if c => a, _ => b }`.
        if let Some((let_expr, guard)) = super::expr::leading_let(&if_expr.cond) {
            let then_branch = &if_expr.then_branch;
            let else_arm: Expr = match &if_expr.else_branch {
                Some((_, else_expr)) => (**else_expr).clone(),
                None => syn::parse_quote!({}),
            };
            let (pat, scrutinee) = (&let_expr.pat, &let_expr.expr);
            let guard = guard.map(|g| quote::quote!(if #g));
            let m: syn::ExprMatch =
                syn::parse_quote_spanned!(span=> match #scrutinee { #pat #guard => #then_branch, _ => #else_arm });
            self.scoped(|cx| {
                if let Some(chain) = cx.match_as_if(&m, out) {
                    cx.if_stmt(&chain, result, out);
                }
            });
            return;
        }
        if super::expr::contains_let(&if_expr.cond) {
            self.error_at(&if_expr.cond, super::expr::LET_IN_CONDITION);
            return;
        }
        // The condition is evaluated once, in the forward sweep; the record says which arm ran.
        let cond = self.hoist_closure_calls(&if_expr.cond, out);
        let cond = Cond::Expr(self.inactive(&cond));
        let then_block = self.arm(&if_expr.then_branch, result);
        let else_block = match &if_expr.else_branch {
            None => {
                if result.is_some() {
                    self.error_at(if_expr, "an `if` used as a value needs an `else`");
                }
                Block::default()
            }
            Some((_, else_expr)) => match &**else_expr {
                Expr::If(nested) => {
                    let mut stmts = Vec::new();
                    self.scoped(|cx| cx.if_stmt(nested, result, &mut stmts));
                    Block { stmts, id: 0 }
                }
                Expr::Block(block) => self.arm(&block.block, result),
                other => {
                    self.error_at(&other, "unexpected `else` branch");
                    Block::default()
                }
            },
        };
        let id = self.counts.ifs;
        self.counts.ifs += 1;
        let record = self.new_bookkeeping("b", id, Role::BranchRecord, span);
        out.push(Stmt { kind: StmtKind::If(If { id, cond, then_block, else_block, record }), span });
    }

    /// One arm of an `if`; its value, if any, is assigned to `result`.
    fn arm(&mut self, block: &syn::Block, result: Option<usize>) -> Block {
        let (mut arm, tail) = self.sub_block(block);
        if let (Some(r), Some(value)) = (result, tail) {
            if self.vars[r].kind == Kind::Unknown {
                self.vars[r].kind = self.kind_of(&value);
            }
            arm.stmts.push(Stmt { kind: StmtKind::Assign { var: r, value }, span: block.span() });
        }
        arm
    }

    fn while_loop(&mut self, w: &syn::ExprWhile, out: &mut Vec<Stmt>) {
        if self.reject_label(w.label.as_ref()) {
            return;
        }
        if let Expr::Let(let_expr) = &*w.cond {
            self.while_let(w, let_expr, out);
            return;
        }
        if super::expr::contains_let(&w.cond) {
            self.error_at(&w.cond, super::expr::LET_IN_CONDITION);
            return;
        }
        // `while c(x) > 0.0 { … }` is `loop { if !(c(x) > 0.0) { break; } … }`: the closure's
        // value is taken at every test.
        if self.calls_closure_in(&w.cond) {
            let (cond, body) = (&w.cond, &w.body);
            let looped: syn::ExprLoop = syn::parse_quote_spanned!(w.span()=> loop { if !(#cond) { break; } #body });
            self.forever_loop(&looped, out);
            return;
        }
        let cond = self.inactive(&w.cond);
        let body = self.loop_body(&w.body);
        self.push_loop(LoopHead::While(cond), body, w.span(), out);
    }

    fn forever_loop(&mut self, l: &syn::ExprLoop, out: &mut Vec<Stmt>) {
        if self.reject_label(l.label.as_ref()) {
            return;
        }
        let body = self.loop_body(&l.body);
        self.push_loop(LoopHead::Forever, body, l.span(), out);
    }

    /// Lowers a loop body, one level deeper.
    pub(super) fn loop_body(&mut self, body: &syn::Block) -> Block {
        self.loop_depth += 1;
        let (block, _) = self.sub_block(body);
        self.loop_depth -= 1;
        block
    }

    pub(super) fn push_loop(&mut self, head: LoopHead, body: Block, span: Span, out: &mut Vec<Stmt>) {
        let id = self.counts.loops;
        self.counts.loops += 1;
        out.push(Stmt { kind: StmtKind::Loop(Loop { id, head, body, exit: None, count: None }), span });
    }

    pub(super) fn reject_label(&mut self, label: Option<&syn::Label>) -> bool {
        if let Some(label) = label {
            self.error_at(&label, "labeled loops are not supported in a differentiable function; use a flag variable");
            return true;
        }
        false
    }

    /// The value a `return` gives. Inside a loop the `return` becomes flags (`structure`), and
    /// rustc sees the loop go on after the value moves (E0382): a variable that may not be
    /// `Copy` is returned as a clone, made once, on the path that returns.
    fn returned_from_loop(&mut self, value: Operand, span: Span, out: &mut Vec<Stmt>) -> Operand {
        let Operand::Var(v) = value else { return value };
        let var = &self.vars[v];
        let owned = matches!(var.kind, Kind::Buffer(_) | Kind::Composite | Kind::Unknown)
            && var.alias_of.is_none()
            && !self.borrowed_params.contains(&v);
        if self.loop_depth == 0 || !owned {
            return value;
        }
        let clone =
            |base| Value::Build(Build::Clone(Place { base, steps: Vec::new() }, syn::Ident::new("clone", span)));
        // A read of a `let mut` variable is a snapshot of it (`let __t4 = y;`), a move here:
        // the snapshot becomes the clone.
        if let Some(Stmt { kind: StmtKind::Let { var, value: snapshot }, .. }) = out.last_mut()
            && *var == v
            && let Value::Copy(Operand::Var(source)) = *snapshot
        {
            *snapshot = clone(source);
            return value;
        }
        let kind = var.kind;
        self.define(clone(v), kind, span, out)
    }

    /// `return`, `break`, `continue`.
    pub(super) fn control_flow(&mut self, expr: &Expr, out: &mut Vec<Stmt>) {
        let span = expr.span();
        match expr {
            Expr::Return(ret) => match &ret.expr {
                Some(value) => {
                    let value = self.expr(value, out);
                    let value = self.returned_from_loop(value, span, out);
                    out.push(Stmt { kind: StmtKind::Return(value), span });
                }
                None => self.error_at(
                    expr,
                    "`return` without a value: a differentiable function returns a value with a gradient",
                ),
            },
            Expr::Break(brk) => {
                if brk.label.is_some() || brk.expr.is_some() {
                    self.error_at(expr, "`break` with a label or a value is not supported in a differentiable function; use a flag variable");
                } else if self.loop_depth == 0 {
                    self.error_at(expr, "`break` outside of a loop");
                } else {
                    out.push(Stmt { kind: StmtKind::Break, span });
                }
            }
            Expr::Continue(cont) => {
                if cont.label.is_some() {
                    self.error_at(expr, "`continue` with a label is not supported in a differentiable function");
                } else {
                    out.push(Stmt { kind: StmtKind::Continue, span });
                }
            }
            _ => {}
        }
    }
}

/// Whether an `if` has a value: one of its arms ends in an expression that has one.
fn if_has_value(if_expr: &syn::ExprIf) -> bool {
    let else_has_value = match if_expr.else_branch.as_ref().map(|(_, e)| &**e) {
        Some(Expr::If(nested)) => if_has_value(nested),
        Some(Expr::Block(block)) => block_has_value(&block.block),
        _ => false,
    };
    block_has_value(&if_expr.then_branch) || else_has_value
}

/// Whether a block ends in an expression with a value.
fn block_has_value(block: &syn::Block) -> bool {
    match block.stmts.last() {
        Some(syn::Stmt::Expr(expr, None)) => match expr {
            Expr::If(if_expr) => if_has_value(if_expr),
            Expr::Match(m) => match_has_value(m),
            Expr::Block(inner) => block_has_value(&inner.block),
            Expr::Assign(_) => false,
            Expr::Binary(b) if is_assignment(&b.op) || is_bitwise_assignment(&b.op) => false,
            Expr::ForLoop(_) | Expr::While(_) | Expr::Loop(_) => false,
            Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => false,
            _ => true,
        },
        _ => false,
    }
}

/// Whether some arm of a `match` has a value (not `()`, an assignment or an exit).
fn match_has_value(m: &syn::ExprMatch) -> bool {
    m.arms.iter().any(|arm| match &*arm.body {
        Expr::Block(block) => block_has_value(&block.block),
        Expr::If(if_expr) => if_has_value(if_expr),
        Expr::Match(inner) => match_has_value(inner),
        Expr::Tuple(t) => !t.elems.is_empty(),
        Expr::Assign(_) => false,
        Expr::Binary(b) => !is_assignment(&b.op) && !is_bitwise_assignment(&b.op),
        Expr::ForLoop(_) | Expr::While(_) | Expr::Loop(_) => false,
        Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => false,
        _ => true,
    })
}
