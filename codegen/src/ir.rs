//! The intermediate representation between the user's function and the two sweeps.
//!
//! Lowering turns the function body into three-address statements over named values:
//! every intermediate result gets a variable of its own, and `if`, `for`, `while` stay
//! structured blocks. User code that takes no part in differentiation (comparisons, integer
//! arithmetic, calls on constants) is carried along as verbatim tokens ([`Inactive`]).
//!
//! Variables live in one arena ([`Function::vars`]) and are named by [`VarId`]. Shadowed user
//! bindings get distinct variables, so a name means one value everywhere after lowering.

use proc_macro2::{Ident, Span, TokenStream};

/// Index into [`Function::vars`].
pub type VarId = usize;

/// The lowered function.
pub struct Function {
    /// Every variable: parameters, user bindings, temporaries and bookkeeping.
    pub vars: Vec<Var>,
    /// The parameters, in order (including `self`).
    pub params: Vec<Param>,
    /// The body. Every path ends in [`StmtKind::Return`] once `structure` has run.
    pub body: Block,
    /// How many `if` statements and loops there are (their records are numbered).
    pub counts: Counts,
    /// Whether some `return` is steered by a flag (it sits inside a loop, or code after it
    /// is guarded by `if !returned`): rustc cannot see that the result is assigned once, so
    /// it is an `Option` slot.
    pub flagged_returns: bool,
}

/// Numbering of records.
#[derive(Default)]
pub struct Counts {
    /// `if` statements.
    pub ifs: usize,
    /// Loops.
    pub loops: usize,
    /// Active calls.
    pub calls: usize,
}

/// A function parameter.
pub struct Param {
    /// The variable bound to it.
    pub var: VarId,
    /// Whether its gradient is returned, and of which type.
    pub gradient: ParamGradient,
    /// Whether the parameter is an array (`[T; N]` or `&[T; N]`).
    pub array: bool,
    /// Whether the parameter is a reference (`&T`, `&self`): passing it on copies the
    /// reference and moves nothing.
    pub borrowed: bool,
}

/// What a parameter's gradient is.
pub enum ParamGradient {
    /// Its type has none (integers, `bool`, strings).
    Constant,
    /// Its type has one, which `wrt(...)` leaves out.
    LeftOut,
    /// Returned, of this type (as written in the generated signatures).
    Returned(TokenStream),
}

impl Param {
    /// Whether its gradient is returned.
    pub fn differentiated(&self) -> bool {
        matches!(self.gradient, ParamGradient::Returned(_))
    }
}

/// A variable.
pub struct Var {
    /// Identifier of the value in generated code.
    pub name: Ident,
    /// Identifier of its adjoint in generated code.
    pub adjoint: Ident,
    /// What kind of value it holds, as far as its own syntax tells (`analysis::kinds`
    /// refines it from how the value is used).
    pub kind: Kind,
    /// Declared `mut` (or bookkeeping that is updated in place).
    pub mutable: bool,
    /// Where it came from.
    pub role: Role,
    /// The user's tokens that introduced it; generated code that computes it carries this
    /// span, so that a type error points at the user's expression.
    pub span: Span,
    /// A type written by the user (`let x: f32 = …`), kept in the generated `let`.
    pub ty: Option<TokenStream>,
    /// For `let r = &place;`: the place it borrows, so adjoints reach the place itself.
    pub alias_of: Option<Place>,
    /// For the value of `let (a, b) = e;`: the variables its fields were moved into. Its
    /// adjoint is then the tuple of theirs (the value itself is partly moved).
    pub destructured: Option<Vec<VarId>>,
}

/// What a variable holds. A proc macro sees no types, so this is inferred from the syntax
/// (declared types, literals, the operations that produce and consume the value).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// An `f32` or `f64` value.
    Scalar,
    /// A `&f32` or `&f64` parameter.
    ScalarRef,
    /// A slice, `Vec` or array of floats, nested `depth` times (`&[f64]` is 1).
    Buffer(u8),
    /// A struct, tuple or other composite whose gradient is handled through traits.
    Composite,
    /// An integer, `bool`, `char` or string: never differentiated.
    Int,
    /// Not known; generated code uses trait-based helpers that work for any shape.
    Unknown,
}

impl Kind {
    /// Whether the value can never carry a gradient.
    pub fn is_constant(self) -> bool {
        self == Kind::Int
    }

    /// Whether the value is a float (by value or by reference).
    pub fn is_scalar(self) -> bool {
        matches!(self, Kind::Scalar | Kind::ScalarRef)
    }
}

/// Where a variable came from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Role {
    /// The i-th parameter.
    Param(usize),
    /// A `let` binding or pattern variable in the user's code.
    User,
    /// An intermediate value introduced by lowering.
    Temp,
    /// The variable of a `for` loop over an integer range.
    Index,
    /// An inactive `bool` that steers early exits (`break`, `return` inside loops).
    Flag,
    /// The number of iterations a loop ran, for loops that cannot be replayed from their range.
    Count,
    /// Which arm an `if` took, with the values its reverse sweep needs.
    BranchRecord,
    /// A callee's pullback closure.
    Pullback,
    /// Zero-sized markers of a call's argument types.
    Markers,
}

/// A value used by an operation: a variable or a constant written in the code.
#[derive(Clone)]
pub enum Operand {
    /// A variable.
    Var(VarId),
    /// A literal or a constant path (`2.0`, `3`, `PI`), copied verbatim.
    Const(Constant),
}

/// A constant written in the code, with what its tokens say about it (read once, here).
#[derive(Clone)]
pub struct Constant {
    /// The tokens, as written.
    pub tokens: TokenStream,
    /// A float literal (`2.0`, `2f32`), an integer or `bool` literal, or anything else.
    pub kind: Kind,
    /// The value of an unsuffixed or `usize` integer literal.
    pub int: Option<usize>,
    /// One token or a path (`PI`, `f64::EPSILON`): needs no parentheses anywhere.
    pub atomic: bool,
}

impl Constant {
    /// Reads what the tokens say.
    pub fn new(tokens: TokenStream) -> Constant {
        let lit = syn::parse2::<syn::Lit>(tokens.clone()).ok();
        let kind = match &lit {
            Some(syn::Lit::Float(_)) => Kind::Scalar,
            Some(syn::Lit::Int(int)) if matches!(int.suffix(), "f32" | "f64") => Kind::Scalar,
            Some(syn::Lit::Int(_) | syn::Lit::Bool(_)) => Kind::Int,
            _ => Kind::Unknown,
        };
        let int = match &lit {
            Some(syn::Lit::Int(int)) if matches!(int.suffix(), "" | "usize") => int.base10_parse().ok(),
            _ => None,
        };
        let atomic = crate::walk::is_atomic(&tokens);
        Constant { tokens, kind, int, atomic }
    }
}

impl Operand {
    /// A constant operand from its tokens.
    pub fn constant(tokens: TokenStream) -> Operand {
        Operand::Const(Constant::new(tokens))
    }

    /// The variable, if this is one.
    pub fn var(&self) -> Option<VarId> {
        match self {
            Operand::Var(v) => Some(*v),
            Operand::Const(_) => None,
        }
    }
}

/// A place in memory: a variable followed by field accesses and indexing.
#[derive(Clone)]
pub struct Place {
    /// The variable the place starts from.
    pub base: VarId,
    /// Fields and indices, outermost first (`m.w[i]` is `[Field(w), Index(i)]`).
    pub steps: Vec<Step>,
}

/// One step of a [`Place`].
#[derive(Clone)]
pub enum Step {
    /// `.name` or `.0`.
    Field(TokenStream),
    /// `[index]`; the index is always inactive.
    Index(Operand),
    /// `[lo..hi]` (or `lo..=hi`, `lo..`, `..hi`, `..`): a sub-slice, whose adjoint is the same
    /// range of the adjoint.
    Slice(SliceRange),
    /// `*` through a `&f32`/`&f64` parameter.
    Deref,
}

/// The bounds of a [`Step::Slice`], always inactive integers.
#[derive(Clone)]
pub struct SliceRange {
    /// The start, if written.
    pub lo: Option<Operand>,
    /// The end, if written.
    pub hi: Option<Operand>,
    /// `..=`.
    pub inclusive: bool,
}

impl SliceRange {
    /// The bounds that are written.
    pub fn bounds(&self) -> impl Iterator<Item = &Operand> {
        self.lo.iter().chain(self.hi.iter())
    }
}

/// An elementary operation, described in `ops.rs` (in the same order).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Neg,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Atan2,
    Sinh,
    Cosh,
    Tanh,
    Asinh,
    Acosh,
    Atanh,
    Exp,
    Exp2,
    ExpM1,
    Ln,
    Ln1p,
    Log,
    Log2,
    Log10,
    Sqrt,
    Cbrt,
    Powi,
    Powf,
    Recip,
    Abs,
    Hypot,
    Max,
    Min,
    MulAdd,
    Clamp,
    ToDegrees,
    ToRadians,
    Midpoint,
    Copysign,
    Fract,
    RemEuclid,
    DivEuclid,
    Floor,
    Ceil,
    Round,
    RoundTiesEven,
    Trunc,
    Signum,
}

/// How a value is computed.
pub enum Value {
    /// A primitive operation on operands.
    Op(Op, Vec<Operand>),
    /// A copy of an operand (`let y = x;`, or a snapshot of a mutable variable).
    Copy(Operand),
    /// A read of an element or field.
    Read(Place),
    /// A shared borrow `&place` of an element, row or field.
    Alias(Place),
    /// `operand as f32` / `as f64` between float types.
    Cast(Operand, TokenStream),
    /// A call to another differentiable function or method.
    Call(Call),
    /// A new collection or struct built from operands.
    Build(Build),
    /// An expression that is constant with respect to differentiation.
    Inactive(Inactive),
    /// Code the macro cannot differentiate. Fine while it stays inactive; the stored error
    /// is reported if analysis finds that a gradient must flow through it.
    Unsupported(Inactive, Unsupported),
}

/// Why a piece of code cannot be differentiated.
#[derive(Clone)]
pub struct Unsupported {
    /// The offending tokens.
    pub tokens: TokenStream,
    /// The message: what the construct is and what to write instead.
    pub message: String,
    /// Reported whenever the construct reads a value that carries a gradient, even if its
    /// own value is never used: it changes a variable or binds a name behind the analysis's
    /// back (`v.reverse()`, `(y += x)`, `let` in a condition), or holds floats in a way no
    /// gradient can follow (a range of floats).
    pub strict: bool,
}

/// A call that chains through the callee's `_vjp`.
pub struct Call {
    /// Number of the call; its gradients are `__g{id}_{arg}`.
    pub id: usize,
    /// The function or method called.
    pub target: CallTarget,
    /// The arguments, in order.
    pub args: Vec<Arg>,
    /// The user's call expression, for spans.
    pub span: Span,
    /// Holds the pullback closure returned by `_vjp`.
    pub pullback: VarId,
    /// Holds the markers of the argument types (see the runtime's `chain` module).
    pub markers: VarId,
}

/// What is called.
pub enum CallTarget {
    /// A path to a free function or associated function (`g`, `module::g`, `Type::g`).
    Path {
        /// The path without its last segment (`module::`), empty for a plain name.
        prefix: TokenStream,
        /// The function's name; `_vjp` is appended to it.
        name: Ident,
    },
    /// A method called on a receiver, which counts as the first argument.
    Method {
        /// The method's name; `_vjp` is appended to it.
        name: Ident,
    },
}

/// An argument of a call.
#[derive(Clone)]
pub enum Arg {
    /// Passed by value.
    Value(Operand),
    /// Passed by shared reference `&place`.
    Ref(Place),
    /// A method receiver, passed as the place itself (Rust auto-borrows it).
    Receiver(Place),
}

/// A collection or struct built from operands.
pub enum Build {
    /// `vec![elem; len]`.
    VecRepeat { elem: Operand, len: Operand },
    /// `[elem; LEN]`.
    ArrayRepeat { elem: Operand, len: TokenStream },
    /// `vec![a, b, c]`.
    VecList(Vec<Operand>),
    /// `[a, b, c]`.
    ArrayList(Vec<Operand>),
    /// `(a, b)`.
    Tuple(Vec<Operand>),
    /// `Path { field: a, … }`.
    Struct { path: TokenStream, fields: Vec<(TokenStream, Operand)> },
    /// `place.clone()`, `place.to_vec()` or `place.to_owned()` (the method as written).
    Clone(Place, proc_macro2::Ident),
    /// `place.iter().sum()` over floats.
    Sum(Place),
}

/// Verbatim tokens that compute a constant (with respect to differentiation) value.
#[derive(Clone)]
pub struct Inactive {
    /// The user's tokens with local names rewritten to their unique names.
    pub tokens: TokenStream,
    /// The variables the tokens read.
    pub uses: Vec<VarId>,
    /// Free of side effects and cheap, so the reverse sweep may evaluate it again.
    pub pure: bool,
}

impl Inactive {
    /// One token or a path: needs no parentheses anywhere.
    pub fn atomic(&self) -> bool {
        crate::walk::is_atomic(&self.tokens)
    }
}

/// A block of statements.
#[derive(Default)]
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
pub struct Stmt {
    /// What it does.
    pub kind: StmtKind,
    /// The user's tokens.
    pub span: Span,
}

/// What a statement does.
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
pub enum Cond {
    /// A boolean expression in the user's code.
    Expr(Inactive),
    /// `!flag`: the rest of a block runs only while no early exit happened.
    NotFlag(VarId),
}

/// A loop.
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
pub enum LoopHead {
    /// `for index in start..end` (or `..=`, `.rev()`, `.step_by(step)`).
    Range(RangeLoop),
    /// `while cond`.
    While(Inactive),
    /// `loop`.
    Forever,
}

/// A `for` loop over an integer range.
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
