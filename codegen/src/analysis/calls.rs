//! How each active call gets its gradient in the reverse sweep.
//!
//! A call `g(&h)` becomes `g_vjp(&h)` in the forward sweep, and its pullback is kept for the
//! reverse sweep. A pullback may borrow the call's arguments, so it can only be kept if
//! everything it borrows outlives the reverse sweep:
//! * in `_grad`, the reverse sweep runs at the end of the function body, so parameters and
//!   the body's own locals qualify, but not locals of a loop body or an `if` arm;
//! * in `_vjp`, the reverse sweep runs later, in the returned closure, so only parameters do.
//!
//! Any other call is *recomputed*: the forward sweep makes the plain call for its value, and
//! the reverse sweep calls `g_vjp` again on the same arguments (which the closure keeps) and
//! applies the pullback at once. That costs one more evaluation of `g`, and only there.

use super::scopes::Scopes;
use crate::ir::{Arg, Call, Function, Operand, Role, StmtKind, Value, VarId};
use crate::walk::each_stmt;
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
pub fn recomputed(function: &Function, scopes: &Scopes, sweep: Sweep) -> HashSet<usize> {
    let mut out = HashSet::new();
    each_stmt(&function.body, &mut |stmt| {
        if let StmtKind::Let { value: Value::Call(call), .. } = &stmt.kind {
            let outlives = |v: VarId| {
                matches!(function.vars[v].role, Role::Param(_)) || (sweep == Sweep::Inline && scopes.def_block[v] == 0)
            };
            if function.active_calls.contains(&call.id) && !borrowed(function, call).into_iter().all(outlives) {
                out.insert(call.id);
            }
        }
    });
    out
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
