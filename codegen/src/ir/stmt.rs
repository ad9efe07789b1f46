//! Statements and blocks, with `if` and loops kept structured.

use super::{Inactive, Operand, Place, Value, VarId};
use proc_macro2::Span;

/// A block of statements.
#[derive(Clone, Default)]
pub struct Block {
    /// The statements, in order.
    pub stmts: Vec<Stmt>,
    /// Unique number of the block (the function body is 0); set by [`number_blocks`].
    pub id: BlockId,
}

/// Number of a [`Block`].
pub type BlockId = usize;

/// Gives every block a unique id, the body first; returns how many there are.
pub fn number_blocks(body: &mut Block) -> usize {
    fn walk(block: &mut Block, next: &mut usize) {
        block.id = *next;
        *next += 1;
        for stmt in &mut block.stmts {
            match &mut stmt.kind {
                StmtKind::If(if_stmt) => {
                    walk(&mut if_stmt.then_block, next);
                    walk(&mut if_stmt.else_block, next);
                }
                StmtKind::Loop(loop_stmt) => walk(&mut loop_stmt.body, next),
                _ => {}
            }
        }
    }
    let mut next = 0;
    walk(body, &mut next);
    next
}

/// A statement with the span of the user's tokens it came from.
#[derive(Clone)]
pub struct Stmt {
    /// What it does.
    pub kind: StmtKind,
    /// The user's tokens.
    pub span: Span,
}

/// What a statement does.
#[derive(Clone)]
pub enum StmtKind {
    /// Defines a variable (`let x = value;`).
    Let { var: VarId, value: Value },
    /// Declares a variable assigned later in every arm of an `if` (`let y;`).
    Declare { var: VarId },
    /// `var = value;` for a mutable variable.
    Assign { var: VarId, value: Operand },
    /// `var += value;` (or `-=` when `subtract`).
    Update { var: VarId, subtract: bool, value: Operand },
    /// `place = value;`, `place += value;` or `place -= value;`.
    Store { place: Place, how: StoreHow, value: Operand },
    /// `place.push(value);`.
    Push { place: Place, value: Operand },
    /// `if`.
    If(If),
    /// A loop.
    Loop(Loop),
    /// The function returns `value` (ends its path).
    Return(Operand),
    /// `break` (removed by `structure`).
    Break,
    /// `continue` (removed by `structure`).
    Continue,
    /// Sets an exit flag to `true` (introduced by `structure`).
    SetFlag(VarId),
    /// A statement that takes no part in differentiation, copied verbatim.
    Inactive(Inactive),
}

/// How a [`StmtKind::Store`] combines with the old value.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum StoreHow {
    /// `=`
    Set,
    /// `+=`
    Add,
    /// `-=`
    Sub,
}

/// An `if` statement. Its value, if any, is assigned to a declared variable in each arm.
#[derive(Clone)]
pub struct If {
    /// Number of the `if`.
    pub id: usize,
    /// The condition.
    pub cond: Cond,
    /// The `if` arm.
    pub then_block: Block,
    /// The `else` arm (empty when there is none).
    pub else_block: Block,
    /// The variable that records which arm ran.
    pub record: VarId,
}

/// The condition of an `if`.
#[derive(Clone)]
pub enum Cond {
    /// A boolean expression in the user's code.
    Expr(Inactive),
    /// `!flag`: the rest of a block runs only while no early exit happened.
    NotFlag(VarId),
}

/// A loop.
#[derive(Clone)]
pub struct Loop {
    /// Number of the loop; its tape is `__tape{id}`.
    pub id: usize,
    /// What drives it.
    pub head: LoopHead,
    /// The body.
    pub body: Block,
    /// Set by `break` or an inner `return`; the loop stops after the iteration that set it.
    pub exit: Option<VarId>,
    /// Counts iterations for loops the reverse sweep cannot replay from their range.
    pub count: Option<VarId>,
}

/// What drives a loop.
#[derive(Clone)]
pub enum LoopHead {
    /// `for index in start..end` (or `..=`, `.rev()`, `.step_by(step)`).
    Range(RangeLoop),
    /// `while cond`.
    While(Inactive),
    /// `loop`.
    Forever,
}

/// A `for` loop over an integer range.
#[derive(Clone)]
pub struct RangeLoop {
    /// The loop variable (`None` for `_`).
    pub index: Option<VarId>,
    /// Inclusive start.
    pub start: Operand,
    /// End, exclusive unless `inclusive`.
    pub end: Operand,
    /// `..=`.
    pub inclusive: bool,
    /// `.rev()` and `.step_by(k)`, in the order written.
    pub adaptors: Vec<RangeAdaptor>,
}

/// An adaptor applied to a range in a `for` loop.
#[derive(Clone)]
pub enum RangeAdaptor {
    /// `.rev()`.
    Rev,
    /// `.step_by(step)`.
    StepBy(Operand),
}

impl RangeLoop {
    /// Whether the reverse sweep can walk the same indices backwards without recording them
    /// (plain ranges and their `.rev()`).
    pub fn replayable(&self) -> bool {
        self.adaptors.iter().all(|a| matches!(a, RangeAdaptor::Rev))
    }
}

impl Loop {
    /// Whether the reverse sweep can walk the loop's indices backwards from its range alone:
    /// a plain range (or its `.rev()`) that no `break` or `return` cuts short.
    pub fn replayable(&self) -> bool {
        matches!(&self.head, LoopHead::Range(r) if r.replayable()) && self.exit.is_none()
    }
}
