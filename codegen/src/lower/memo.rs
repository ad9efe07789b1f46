//! Values computed once per statement: `(b - a) * (b - a)` and `q[j] * q[j]` read the elements
//! and subtract once, as a person writes them (`let d = b - a; d * d`). The reverse sweep then
//! adds one contribution per element instead of two, and the forward sweep records one value.
//!
//! An entry holds a pure operation or an element read, keyed by what it computes (the operation
//! and its operands, or the place), and is reused within the same statement while nothing
//! written since changes what it read. Entries end with the statement, as snapshots do.

use super::Lowerer;
use crate::ir::{Operand, Place, Step, Stmt, StmtKind, VarId};

/// A value computed in the current statement.
pub(super) struct Memo {
    key: String,
    value: VarId,
    /// The variables it read.
    reads: Vec<VarId>,
    /// How many statements `out` held when it was computed: a write after that ends it.
    from: usize,
}

impl Lowerer {
    /// A value this statement computed already, if nothing it read has been written since.
    pub(super) fn remembered(&self, key: &str, out: &[Stmt]) -> Option<Operand> {
        let memo = self.memo.iter().rev().find(|m| m.key == key)?;
        // The value's own `let` must be in this list where it was made: a nested list (a
        // block's) is not the one the entry counts in.
        let defined_here = memo
            .from
            .checked_sub(1)
            .and_then(|k| out.get(k))
            .is_some_and(|stmt| matches!(stmt.kind, StmtKind::Let { var, .. } if var == memo.value));
        let since = out.get(memo.from..)?;
        (defined_here && !writes_any(since, &memo.reads)).then_some(Operand::Var(memo.value))
    }

    /// Remembers `value` (defined last in `out`) as computing `key` from `reads`.
    pub(super) fn remember(&mut self, key: String, value: &Operand, reads: Vec<VarId>, out: &[Stmt]) {
        if let Operand::Var(value) = value {
            self.memo.push(Memo { key, value: *value, reads, from: out.len() });
        }
    }
}

impl Lowerer {
    /// For the operands of one operation: when the second is a read of the element the first
    /// read, with nothing written between (`q[j] * q[j]` of a buffer whose element type the
    /// syntax does not tell, which `read_place` does not reuse), the first, and the second's
    /// `let` removed if it is the last statement. Both operands of one operation have the same
    /// type, so unlike a read reused across uses, this cannot give an integer to a cast.
    pub(super) fn merge_same_reads(&self, args: &mut [Operand], out: &mut Vec<Stmt>) {
        let [Operand::Var(a), Operand::Var(b)] = *args else { return };
        let read_at = |v: VarId| {
            out.iter().enumerate().rev().find_map(|(k, stmt)| match &stmt.kind {
                StmtKind::Let { var, value: crate::ir::Value::Read(place) } if *var == v => {
                    place_key(place).map(|key| (k, key))
                }
                _ => None,
            })
        };
        let (Some((ka, (key_a, reads))), Some((kb, (key_b, _)))) = (read_at(a), read_at(b)) else { return };
        if a == b || key_a != key_b || ka > kb || writes_any(&out[ka + 1..kb], &reads) {
            return;
        }
        args[1] = Operand::Var(a);
        // The second read's `let` goes only if nothing else holds it: a read this statement
        // reused (`s[0] / (v * s[0])`, the memo) is an operand elsewhere too.
        let reused = self.memo.iter().any(|m| m.value == b);
        if kb + 1 == out.len() && !reused {
            out.pop();
        }
    }
}

/// The key of an operand (`v12`, or a constant's tokens).
pub(super) fn operand_key(o: &Operand) -> String {
    match o {
        Operand::Var(v) => format!("v{v}"),
        Operand::Const(c) => c.tokens.to_string(),
    }
}

/// The key of a place and the variables it reads (its base and its indices).
pub(super) fn place_key(place: &Place) -> Option<(String, Vec<VarId>)> {
    let mut key = format!("v{}", place.base);
    let mut reads = vec![place.base];
    for step in &place.steps {
        match step {
            Step::Field(f) => key.push_str(&format!(".{f}")),
            Step::Index(i) => {
                key.push_str(&format!("[{}]", operand_key(i)));
                reads.extend(i.var());
            }
            // Sub-slices, `*` and `unwrap` are left as they are.
            Step::Slice(_) | Step::Deref | Step::Unwrap => return None,
        }
    }
    Some((key, reads))
}

/// Whether any statement (nested ones included) assigns, updates or stores into one of `vars`.
fn writes_any(stmts: &[Stmt], vars: &[VarId]) -> bool {
    stmts.iter().any(|stmt| match &stmt.kind {
        StmtKind::Assign { var, .. } | StmtKind::Update { var, .. } | StmtKind::Declare { var } => vars.contains(var),
        StmtKind::Store { place, .. } | StmtKind::Push { place, .. } => vars.contains(&place.base),
        StmtKind::If(if_stmt) => {
            writes_any(&if_stmt.then_block.stmts, vars) || writes_any(&if_stmt.else_block.stmts, vars)
        }
        StmtKind::Loop(l) => writes_any(&l.body.stmts, vars),
        // Verbatim code may change anything it names (`v.reverse()`).
        StmtKind::Inactive(inactive) => inactive.uses.iter().any(|u| vars.contains(u)),
        StmtKind::Let { .. } | StmtKind::Return(_) | StmtKind::Break | StmtKind::Continue | StmtKind::SetFlag(_) => {
            false
        }
    })
}
