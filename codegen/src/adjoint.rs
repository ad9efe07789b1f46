//! The adjoint program: the reverse sweep as data, built by `reverse.rs` and printed by
//! `emit/`. It mirrors the block structure of the forward code.

use crate::ir::{BlockId, Operand, VarId};
use proc_macro2::{Span, TokenStream};

/// The reverse sweep of one block.
#[derive(Default)]
pub struct AdjBlock {
    /// The forward block this is the reverse of.
    pub block: BlockId,
    /// Adjoints declared as zero when the block's reverse starts (they receive
    /// contributions from nested code or element by element).
    pub zero_init: Vec<VarId>,
    /// Statements in execution order (the forward block's statements, last first).
    pub stmts: Vec<AdjStmt>,
    /// For each statement, the span of the user's code it is the reverse of: the printed
    /// statement is located there, so that rustc reports a type error in it on that code.
    /// Kept in step with `stmts` by [`AdjBlock::remove`].
    pub spans: Vec<Span>,
}

impl AdjBlock {
    /// Removes statement `k`.
    pub fn remove(&mut self, k: usize) {
        self.stmts.remove(k);
        self.spans.remove(k);
    }

    /// The span of statement `k`.
    pub fn span(&self, k: usize) -> Span {
        self.spans.get(k).copied().unwrap_or_else(Span::call_site)
    }
}

/// One statement of the reverse sweep.
pub enum AdjStmt {
    /// `let mut __d_v = expr;` — the first contribution declares the adjoint.
    Init { var: VarId, expr: AExpr },
    /// `__d_v = expr;` — the adjoint was known to be zero.
    Set { var: VarId, expr: AExpr },
    /// `target += expr;` (or `accumulate(&mut target, expr)` for non-scalars).
    Add { target: Target, expr: AExpr },
    /// `__d_v = 0.0;` (or a zero of `v`'s shape).
    Zero { var: VarId },
    /// `add_to_each(&mut target, expr)`: reverse of a sum over a buffer.
    AddEach { target: Target, expr: AExpr },
    /// `let _ = expr;`: evaluated for its effect on an adjoint (popping a pushed element).
    Discard(AExpr),
    /// `let (__g{call}_0, …) = split(markers, pullback(seed));`
    Pullback { call: usize, pullback: VarId, markers: VarId, seed: AExpr, args: usize },
    /// Reverse of an `if`: dispatch on the record of which arm ran.
    If { id: usize, record: VarId, then_block: AdjBlock, else_block: AdjBlock },
    /// Reverse of a loop: its iterations, last first.
    Loop { id: usize, body: AdjBlock },
}

/// Where a contribution goes: an adjoint, or an element or field of one.
#[derive(Clone)]
pub struct Target {
    /// The variable whose adjoint this is.
    pub base: VarId,
    /// Fields and indices into the adjoint.
    pub steps: Vec<TargetStep>,
    /// Whether the target holds a float (`+=`) rather than a collection or struct.
    pub scalar: bool,
}

/// A step into an adjoint.
#[derive(Clone)]
pub enum TargetStep {
    /// `.field`
    Field(TokenStream),
    /// `[index]`
    Index(Operand),
    /// `[lo..hi]`
    Slice(crate::ir::SliceRange),
    /// Inside an `Option`'s adjoint, which has the value's shape.
    Unwrap,
}

/// An expression of the reverse sweep.
#[derive(Clone)]
pub enum AExpr {
    /// The adjoint of a variable, `__d_v`.
    Adj(VarId),
    /// An element or field of an adjoint, copied: `__d_y[i]`.
    Elem(Target),
    /// An element of an adjoint, taken (left zero): `::core::mem::take(&mut __d_y[i])` of a
    /// float, `take_adjoint(&mut __d_y[i])` of a collection or struct.
    TakeElem(Target),
    /// The last element of an adjoint buffer, removed: reverse of `push`.
    PopElem(Target),
    /// `expr.field` (a tuple index or a named field of an adjoint).
    Field(Box<AExpr>, TokenStream),
    /// The primal value of a variable (as it was where the forward statement ran).
    Primal(VarId),
    /// A constant from the user's code or a literal.
    Const(crate::ir::Constant),
    /// `-e`
    Neg(Box<AExpr>),
    /// `a op b`
    Bin(BinOp, Box<AExpr>, Box<AExpr>),
    /// An operation of the op table applied to its operands (receiver first), spelled as the
    /// table says: `x.cos()`, `rules::atan2_da(a, b)`.
    Apply(crate::ir::Op, Vec<AExpr>),
    /// `::backprop::__private::rules::name(args)`.
    Rule(crate::private::Rule, Vec<AExpr>),
    /// `::backprop::__private::name(args)`.
    Private(crate::private::Item, Vec<AExpr>),
    /// `&e`
    Ref(Box<AExpr>),
    /// The output adjoint passed to the pullback.
    Seed,
    /// The gradient a callee returned for argument `arg` of call `call`.
    Grad { call: usize, arg: usize },
    /// `(a, b, …)`.
    Tuple(Vec<AExpr>),
    /// A state an earlier phase rules out, printed as a compile error (see
    /// `error::internal_error`).
    Internal(&'static str),
}

/// Arithmetic in adjoint expressions.
#[derive(Clone, Copy)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
}

impl AExpr {
    /// A literal such as `1.0`.
    pub fn lit(tokens: TokenStream) -> AExpr {
        AExpr::Const(crate::ir::Constant::new(tokens))
    }

    /// The operand as an expression of the reverse sweep.
    pub fn operand(o: &Operand) -> AExpr {
        match o {
            Operand::Var(v) => AExpr::Primal(*v),
            Operand::Const(c) => AExpr::Const(c.clone()),
        }
    }

    /// Every primal variable the expression reads.
    pub fn primals(&self, out: &mut Vec<VarId>) {
        match self {
            AExpr::Primal(v) => out.push(*v),
            AExpr::Elem(t) | AExpr::TakeElem(t) | AExpr::PopElem(t) => t.primals(out),
            AExpr::Field(e, _) | AExpr::Neg(e) | AExpr::Ref(e) => e.primals(out),
            AExpr::Bin(_, a, b) => {
                a.primals(out);
                b.primals(out);
            }
            AExpr::Apply(_, args) | AExpr::Rule(_, args) | AExpr::Private(_, args) | AExpr::Tuple(args) => {
                args.iter().for_each(|a| a.primals(out))
            }
            AExpr::Adj(_) | AExpr::Const(_) | AExpr::Seed | AExpr::Grad { .. } | AExpr::Internal(_) => {}
        }
    }

    /// Every variable whose adjoint (or an element of it) the expression reads or takes.
    pub fn adjoints(&self, out: &mut Vec<VarId>) {
        match self {
            AExpr::Adj(v) => out.push(*v),
            AExpr::Elem(t) | AExpr::TakeElem(t) | AExpr::PopElem(t) => out.push(t.base),
            AExpr::Field(e, _) | AExpr::Neg(e) | AExpr::Ref(e) => e.adjoints(out),
            AExpr::Bin(_, a, b) => {
                a.adjoints(out);
                b.adjoints(out);
            }
            AExpr::Apply(_, args) | AExpr::Rule(_, args) | AExpr::Private(_, args) | AExpr::Tuple(args) => {
                args.iter().for_each(|a| a.adjoints(out))
            }
            AExpr::Primal(_) | AExpr::Const(_) | AExpr::Seed | AExpr::Grad { .. } | AExpr::Internal(_) => {}
        }
    }
}

impl Target {
    /// Primal variables used as indices.
    pub fn primals(&self, out: &mut Vec<VarId>) {
        for step in &self.steps {
            match step {
                TargetStep::Index(i) => out.extend(i.var()),
                TargetStep::Slice(range) => out.extend(range.bounds().filter_map(Operand::var)),
                TargetStep::Field(_) | TargetStep::Unwrap => {}
            }
        }
    }
}

macro_rules! bin {
    ($name:ident, $op:ident) => {
        /// Builds the binary expression.
        pub fn $name(a: AExpr, b: AExpr) -> AExpr {
            AExpr::Bin(BinOp::$op, Box::new(a), Box::new(b))
        }
    };
}
bin!(add, Add);
bin!(sub, Sub);
bin!(mul, Mul);
bin!(div, Div);

/// `-e`
pub fn neg(e: AExpr) -> AExpr {
    AExpr::Neg(Box::new(e))
}

/// `recv.op(args)` (or however `op` is spelled).
pub fn method(recv: AExpr, op: crate::ir::Op, args: Vec<AExpr>) -> AExpr {
    AExpr::Apply(op, std::iter::once(recv).chain(args).collect())
}
