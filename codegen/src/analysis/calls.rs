//! How each active call gets its gradient in the reverse sweep.
//!
//! A call `g(&h)` becomes `g_vjp(&h)` in the forward sweep, and its pullback is kept for the
//! reverse sweep. A pullback may borrow the call's arguments, so it can only be kept if
//! everything it borrows outlives the reverse sweep:
//! * in `_grad`, the reverse sweep runs at the end of the function body, so parameters and
//!   the body's own locals qualify, but not locals of a loop body or an `if` arm;
//! * in `_vjp`, the reverse sweep runs later, in the returned closure, so only what the
//!   caller lent does: the data behind a reference parameter (`b: &f64`, `w: &[f64]`,
//!   `&self`). A parameter taken by value (`beta: f64`, `xs: Vec<f64>`) is a local of `_vjp`
//!   like any other: the closure gets its own copy, and a pullback borrowing the original
//!   would outlive it.
//!
//! Any other call is *recomputed*: the forward sweep makes the plain call for its value, and
//! the reverse sweep calls `g_vjp` again on the same arguments (which the closure keeps) and
//! applies the pullback at once. That costs one more evaluation of `g`, and only there.

use super::Facts;
use super::kinds::Kinds;
use super::scopes::Scopes;
use crate::ir::{Arg, Block, Build, Call, Function, Operand, Place, Role, Step, Stmt, StmtKind, Value, Var, VarId};
use crate::walk::each_stmt;
use proc_macro2::Span;
use quote::format_ident;
use std::collections::HashSet;

/// Where the reverse sweep runs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Sweep {
    /// In `_grad`, right after the forward sweep, in the same scope.
    Inline,
    /// In the closure `_vjp` returns.
    Closure,
}

/// The active calls whose pullback cannot be kept and which are recomputed instead.
pub fn recomputed(facts: &Facts, sweep: Sweep) -> HashSet<usize> {
    let function = facts.f;
    let mut out = HashSet::new();
    each_stmt(&function.body, &mut |stmt| {
        if let StmtKind::Let { value: Value::Call(call), .. } = &stmt.kind {
            let outlives = |v: VarId| match sweep {
                Sweep::Closure => lent_by_caller(function, v),
                Sweep::Inline => facts.scopes.def_block[v] == 0,
            };
            if facts.activity.calls.contains(&call.id) && !borrowed(function, call).into_iter().all(outlives) {
                out.insert(call.id);
            }
        }
    });
    out
}

/// Whether `v` is a reference parameter: what it points to belongs to the caller and outlives
/// both sweeps, whatever `_vjp` does with its own locals.
pub fn lent_by_caller(function: &Function, v: VarId) -> bool {
    function.params.iter().any(|p| p.var == v && p.borrowed)
}

/// The variables a call's arguments borrow.
pub fn borrowed(function: &Function, call: &Call) -> Vec<VarId> {
    call.args
        .iter()
        .filter_map(|arg| match arg {
            Arg::Ref(place) | Arg::Receiver(place) => Some(place.base),
            Arg::Value(Operand::Var(v)) => function.vars[*v].alias_of.as_ref().map(|p| p.base),
            Arg::Value(Operand::Const(_)) => None,
        })
        .collect()
}

/// Passes a snapshot to every active call that borrows a local the code changes afterwards:
///
/// ```text
/// for i in 0..n {                          for i in 0..n {
///     xc[j] = x[i] - mu;                       xc[j] = x[i] - mu;
///     s += sqnorm(&xc);          ==>           let __s3_0 = xc.clone();
/// }                                            s += sqnorm(&__s3_0);
///                                          }
/// ```
///
/// The pullback (or the call made again in the reverse sweep) then sees the values the call
/// saw, and the snapshot's adjoint flows back into `xc`'s through the rule of `clone`. The last
/// rewrite of the IR: which calls are active is worked out here on the function as it is, and
/// every fact is computed again on the result.
/// Code that must carry a gradient and cannot is reported into `errors` (activity is worked
/// out here first).
pub fn snapshot_changing_arguments(function: &mut Function, blocks: usize, errors: &mut crate::error::Errors) {
    let kinds = Kinds::infer(function);
    let activity = super::activity::analyse(function, &kinds, errors);
    let scopes = Scopes::of(function, &kinds, blocks);
    let mut body = std::mem::take(&mut function.body);
    let mut seq = 0;
    let facts = Before { active_calls: &activity.calls, scopes: &scopes, kinds: &kinds };
    snapshot_block(function, &facts, &mut body, &mut seq);
    function.body = body;
}

/// What the snapshots are decided by: facts of the function before they are inserted.
struct Before<'a> {
    active_calls: &'a HashSet<usize>,
    scopes: &'a Scopes,
    kinds: &'a Kinds,
}

fn snapshot_block(function: &mut Function, facts: &Before, block: &mut Block, seq: &mut usize) {
    let stmts = std::mem::take(&mut block.stmts);
    for mut stmt in stmts {
        let here = *seq;
        *seq += 1;
        let mut before = Vec::new();
        match &mut stmt.kind {
            StmtKind::Let { value: Value::Call(call), .. } if facts.active_calls.contains(&call.id) => {
                let call_id = call.id;
                for (i, arg) in call.args.iter_mut().enumerate() {
                    let (Arg::Ref(place) | Arg::Receiver(place)) = arg else { continue };
                    // Inactive locals too: the pullback borrows them all the same. A parameter
                    // taken by value is a local here (`let ys = xs;` moves it).
                    if !lent_by_caller(function, place.base) && !facts.scopes.read_is_final(place, here) {
                        let kind =
                            if place.steps.is_empty() { facts.kinds[place.base] } else { crate::ir::Kind::Unknown };
                        let snapshot = new_snapshot(function, kind, call_id, i, stmt.span);
                        // A sub-slice `y[a..b]` is unsized: its copy is a `Vec`.
                        let sub_slice = matches!(place.steps.last(), Some(Step::Slice(_)));
                        let method = if sub_slice { format_ident!("to_vec") } else { format_ident!("clone") };
                        let clone = Value::Build(Build::Clone(place.clone(), method));
                        before.push(Stmt { kind: StmtKind::Let { var: snapshot, value: clone }, span: stmt.span });
                        *place = Place { base: snapshot, steps: Vec::new() };
                    }
                }
            }
            StmtKind::If(if_stmt) => {
                snapshot_block(function, facts, &mut if_stmt.then_block, seq);
                snapshot_block(function, facts, &mut if_stmt.else_block, seq);
            }
            StmtKind::Loop(l) => snapshot_block(function, facts, &mut l.body, seq),
            _ => {}
        }
        block.stmts.extend(before);
        block.stmts.push(stmt);
    }
}

/// The variable holding a snapshot of argument `arg` of call `call`: `__s{call}_{arg}`.
fn new_snapshot(function: &mut Function, kind: crate::ir::Kind, call: usize, arg: usize, span: Span) -> VarId {
    let name = format_ident!("__s{}_{}", call, arg);
    let adjoint = format_ident!("__d_s{}_{}", call, arg);
    function.vars.push(Var {
        name,
        adjoint,
        kind,
        mutable: false,
        role: Role::Temp,
        span,
        ty: None,
        alias_of: None,
        destructured: None,
    });
    function.vars.len() - 1
}
