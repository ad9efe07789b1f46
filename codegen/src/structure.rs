//! Early exits (`return`, `break`, `continue`) → structured blocks.
//!
//! The sweeps want every path through a block to run to its end: the reverse sweep replays
//! a block backwards from its end. So the statements after an `if` that may leave the block
//! move into the arm that falls through:
//!
//! ```text
//! if x < 0.0 { return -x; }        if x < 0.0 { return -x; } else {
//! let y = x.sqrt();          ==>       let y = x.sqrt();
//! return y + 1.0;                      return y + 1.0;
//!                                  }
//! ```
//!
//! When that is not possible without copying code (an exit nested deeper, or a `return`
//! inside a loop), every exit sets a flag, and the rest of the block is wrapped in
//! `if !flag { … }`. A loop left by `break` or `return` stops after the iteration that set
//! its exit flag; the iteration's record is still pushed, so the reverse sweep replays
//! exactly the part that ran. Flags nobody reads are removed at the end.

use crate::error::Errors;
use crate::ir::{Block, Cond, Counts, Function, Inactive, Kind, Role, Stmt, StmtKind, Value, Var, VarId};
use crate::names;
use proc_macro2::Span;
use quote::quote;
use std::collections::HashSet;

/// Restructures `function` so that no block is left early.
pub fn structure(function: &mut Function, errors: &mut Errors, end: Span) {
    let body = std::mem::take(&mut function.body.stmts);
    let returned = new_flag(&mut function.vars, "returned", 0);
    let mut cx = Structurer {
        vars: &mut function.vars,
        counts: &mut function.counts,
        frames: Vec::new(),
        returned,
        flagged_returns: false,
    };
    let (mut stmts, flow) = cx.block(body);
    if flow.falls {
        errors.push(end, "not every path of this function ends in a value; finish each path with a value or `return`");
    }
    function.flagged_returns = cx.flagged_returns;
    let mut declarations = vec![declare(returned, end)];
    declarations.append(&mut stmts);
    let mut read = HashSet::new();
    collect_read_flags(&declarations, &mut read);
    let unread: HashSet<VarId> =
        (0..function.vars.len()).filter(|v| function.vars[*v].role == Role::Flag && !read.contains(v)).collect();
    remove_unread_flags(&mut declarations, &unread);
    function.body.stmts = declarations;
}

/// How a block can end.
#[derive(Clone, Copy, Default)]
struct Flow {
    /// Some path reaches the end of the block.
    falls: bool,
    /// Some path leaves it early (`return`, `break`, `continue`).
    exits: bool,
}

/// The flags of the loop whose body is being restructured.
struct Frame {
    /// Set by `break` and by `return`: the loop stops after this iteration.
    exit: VarId,
    /// Set by every early exit: the rest of the iteration is skipped.
    skip: VarId,
    /// Some `break` leaves the loop (else a `loop` is left only by `return`).
    breaks: bool,
}

struct Structurer<'a> {
    vars: &'a mut Vec<Var>,
    counts: &'a mut Counts,
    frames: Vec<Frame>,
    returned: VarId,
    flagged_returns: bool,
}

impl Structurer<'_> {
    fn block(&mut self, stmts: Vec<Stmt>) -> (Vec<Stmt>, Flow) {
        let mut out = Vec::new();
        let mut rest = stmts.into_iter();
        while let Some(stmt) = rest.next() {
            let span = stmt.span;
            match stmt.kind {
                StmtKind::Return(_) | StmtKind::Break | StmtKind::Continue => {
                    out.extend(self.exit(stmt));
                    return (out, Flow { falls: false, exits: true });
                }
                StmtKind::If(mut if_stmt) => {
                    let (then_stmts, then_flow) = self.block(std::mem::take(&mut if_stmt.then_block.stmts));
                    let (else_stmts, else_flow) = self.block(std::mem::take(&mut if_stmt.else_block.stmts));
                    if_stmt.then_block.stmts = then_stmts;
                    if_stmt.else_block.stmts = else_stmts;
                    if !then_flow.exits && !else_flow.exits {
                        out.push(Stmt { kind: StmtKind::If(if_stmt), span });
                        continue;
                    }
                    if !then_flow.falls && !else_flow.falls {
                        out.push(Stmt { kind: StmtKind::If(if_stmt), span });
                        return (out, Flow { falls: false, exits: true });
                    }
                    let (rest_stmts, rest_flow) = self.block(rest.collect());
                    let flow = Flow { falls: rest_flow.falls, exits: true };
                    // A guard: one arm always leaves, the other never does. The rest goes there.
                    if !then_flow.falls && !else_flow.exits {
                        if_stmt.else_block.stmts.extend(rest_stmts);
                        out.push(Stmt { kind: StmtKind::If(if_stmt), span });
                        return (out, flow);
                    }
                    if !else_flow.falls && !then_flow.exits {
                        if_stmt.then_block.stmts.extend(rest_stmts);
                        out.push(Stmt { kind: StmtKind::If(if_stmt), span });
                        return (out, flow);
                    }
                    out.push(Stmt { kind: StmtKind::If(if_stmt), span });
                    self.guarded_rest(rest_stmts, span, &mut out);
                    // Paths that left early have left; the others run the rest.
                    return (out, flow);
                }
                StmtKind::Loop(mut loop_stmt) => {
                    let exit = new_flag(self.vars, "exit", loop_stmt.id);
                    let skip = new_flag(self.vars, "skip", loop_stmt.id);
                    self.frames.push(Frame { exit, skip, breaks: false });
                    let returns_before = self.flagged_returns;
                    self.flagged_returns = false;
                    let (body, _) = self.block(std::mem::take(&mut loop_stmt.body.stmts));
                    let returns = self.flagged_returns;
                    self.flagged_returns |= returns_before;
                    let breaks = self.frames.pop().is_some_and(|frame| frame.breaks);
                    let endless = matches!(loop_stmt.head, crate::ir::LoopHead::Forever) && !breaks;
                    loop_stmt.body.stmts = std::iter::once(declare(skip, span)).chain(body).collect();
                    loop_stmt.exit = Some(exit);
                    loop_stmt.count = Some(new_count(self.vars, loop_stmt.id));
                    out.push(declare(exit, span));
                    out.push(Stmt { kind: StmtKind::Loop(loop_stmt), span });
                    if endless {
                        // A `loop` without `break` ends only by `return`: nothing after it
                        // runs, and the end of the block is not reached through it.
                        return (out, Flow { falls: false, exits: returns });
                    }
                    if returns {
                        let (rest_stmts, rest_flow) = self.block(rest.collect());
                        self.guarded_rest(rest_stmts, span, &mut out);
                        return (out, Flow { falls: rest_flow.falls, exits: true });
                    }
                }
                kind => out.push(Stmt { kind, span }),
            }
        }
        (out, Flow { falls: true, exits: false })
    }

    /// Wraps the rest of a block in `if !skip { … }`.
    fn guarded_rest(&mut self, rest: Vec<Stmt>, span: Span, out: &mut Vec<Stmt>) {
        if rest.is_empty() {
            return;
        }
        if self.frames.is_empty() {
            // Outside a loop only a `return` can leave early.
            self.flagged_returns = true;
        }
        let skip = self.frames.last().map(|f| f.skip).unwrap_or(self.returned);
        let id = self.counts.ifs;
        self.counts.ifs += 1;
        let record = new_record(self.vars, id, span);
        let guard = crate::ir::If {
            id,
            cond: Cond::NotFlag(skip),
            then_block: Block { stmts: rest, id: 0 },
            else_block: Block::default(),
            record,
        };
        out.push(Stmt { kind: StmtKind::If(guard), span });
    }

    /// The statements that replace an exit.
    fn exit(&mut self, stmt: Stmt) -> Vec<Stmt> {
        let span = stmt.span;
        let set = |flag: VarId| Stmt { kind: StmtKind::SetFlag(flag), span };
        let mut out = Vec::new();
        match stmt.kind {
            StmtKind::Return(value) => {
                if !self.frames.is_empty() {
                    self.flagged_returns = true;
                }
                for frame in &self.frames {
                    out.push(set(frame.skip));
                    out.push(set(frame.exit));
                }
                out.push(set(self.returned));
                out.push(Stmt { kind: StmtKind::Return(value), span });
            }
            StmtKind::Break => {
                if let Some(frame) = self.frames.last_mut() {
                    frame.breaks = true;
                    out.push(set(frame.skip));
                    out.push(set(frame.exit));
                }
            }
            StmtKind::Continue => {
                if let Some(frame) = self.frames.last() {
                    out.push(set(frame.skip));
                }
            }
            kind => out.push(Stmt { kind, span }),
        }
        out
    }
}

fn new_flag(vars: &mut Vec<Var>, what: &str, id: usize) -> VarId {
    let name = names::bookkeeping(what, id);
    let v = vars.len();
    vars.push(Var {
        adjoint: name.clone(),
        name,
        kind: Kind::Int,
        mutable: true,
        role: Role::Flag,
        span: Span::call_site(),
        ty: None,
        alias_of: None,
        destructured: None,
    });
    v
}

/// The iteration count of a loop the reverse sweep cannot replay from its range.
fn new_count(vars: &mut Vec<Var>, id: usize) -> VarId {
    let v = new_flag(vars, "n", id);
    vars[v].role = Role::Count;
    v
}

fn new_record(vars: &mut Vec<Var>, id: usize, span: Span) -> VarId {
    let name = names::bookkeeping("b", id);
    let v = vars.len();
    vars.push(Var {
        adjoint: name.clone(),
        name,
        kind: Kind::Int,
        mutable: false,
        role: Role::BranchRecord,
        span,
        ty: None,
        alias_of: None,
        destructured: None,
    });
    v
}

/// `let mut flag = false;`
fn declare(flag: VarId, span: Span) -> Stmt {
    let value = Value::Inactive(Inactive { tokens: quote!(false), uses: Vec::new(), pure: true });
    Stmt { kind: StmtKind::Let { var: flag, value }, span }
}

fn collect_read_flags(stmts: &[Stmt], read: &mut HashSet<VarId>) {
    for stmt in stmts {
        match &stmt.kind {
            StmtKind::If(if_stmt) => {
                if let Cond::NotFlag(flag) = if_stmt.cond {
                    read.insert(flag);
                }
                collect_read_flags(&if_stmt.then_block.stmts, read);
                collect_read_flags(&if_stmt.else_block.stmts, read);
            }
            StmtKind::Loop(loop_stmt) => {
                collect_read_flags(&loop_stmt.body.stmts, read);
                if let Some(exit) = loop_stmt.exit
                    && sets_flag(&loop_stmt.body.stmts, exit)
                {
                    read.insert(exit);
                }
            }
            _ => {}
        }
    }
}

fn sets_flag(stmts: &[Stmt], flag: VarId) -> bool {
    stmts.iter().any(|stmt| match &stmt.kind {
        StmtKind::SetFlag(f) => *f == flag,
        StmtKind::If(if_stmt) => {
            sets_flag(&if_stmt.then_block.stmts, flag) || sets_flag(&if_stmt.else_block.stmts, flag)
        }
        StmtKind::Loop(loop_stmt) => sets_flag(&loop_stmt.body.stmts, flag),
        _ => false,
    })
}

/// Drops flags nobody reads, with their declarations and assignments.
fn remove_unread_flags(stmts: &mut Vec<Stmt>, unread: &HashSet<VarId>) {
    stmts.retain(|stmt| match &stmt.kind {
        StmtKind::SetFlag(flag) => !unread.contains(flag),
        StmtKind::Let { var, .. } => !unread.contains(var),
        _ => true,
    });
    for stmt in stmts.iter_mut() {
        match &mut stmt.kind {
            StmtKind::If(if_stmt) => {
                remove_unread_flags(&mut if_stmt.then_block.stmts, unread);
                remove_unread_flags(&mut if_stmt.else_block.stmts, unread);
            }
            StmtKind::Loop(loop_stmt) => {
                remove_unread_flags(&mut loop_stmt.body.stmts, unread);
                if loop_stmt.exit.is_some_and(|e| unread.contains(&e)) {
                    loop_stmt.exit = None;
                }
            }
            _ => {}
        }
    }
}
