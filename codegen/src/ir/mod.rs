//! The intermediate representation between the user's function and the two sweeps.
//!
//! Lowering turns the function body into three-address statements over named values:
//! every intermediate result gets a variable of its own, and `if`, `for`, `while` stay
//! structured blocks. User code that takes no part in differentiation (comparisons, integer
//! arithmetic, calls on constants) is carried along as verbatim tokens ([`Inactive`]).
//!
//! Variables live in one arena ([`Function::vars`]) and are named by [`VarId`]. Shadowed user
//! bindings get distinct variables, so a name means one value everywhere after lowering.

mod stmt;
mod value;

pub use stmt::*;
pub use value::*;

use proc_macro2::{Ident, Span, TokenStream};

/// Index into [`Function::vars`].
pub type VarId = usize;

/// The lowered function.
#[derive(Clone)]
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
    /// For a collection or struct the function moves away: the variable holding its zero
    /// gradient, taken where it is defined (see `analysis::shapes`).
    pub zero_shapes: std::collections::HashMap<VarId, VarId>,
    /// Those of its variables that are kept shapes (`KeepShape`, picked by autoref).
    pub kept_shapes: std::collections::HashSet<VarId>,
}

impl Function {
    /// Whether `v` holds the zero shape of a moved value (see [`Function::zero_shapes`]).
    pub fn is_zero_shape(&self, v: VarId) -> bool {
        self.zero_shapes.values().any(|&shape| shape == v)
    }
}

/// Numbering of records.
#[derive(Clone, Default)]
pub struct Counts {
    /// `if` statements.
    pub ifs: usize,
    /// Loops.
    pub loops: usize,
    /// Active calls.
    pub calls: usize,
}

/// A function parameter.
#[derive(Clone)]
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
#[derive(Clone)]
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
#[derive(Clone)]
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
