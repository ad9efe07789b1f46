//! Values: operands, places, operations, calls and collections built from operands.

use super::{Kind, VarId};
use proc_macro2::{Ident, Span, TokenStream};

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
    /// A negated literal (`-0.0`, the start of a sum): needs parentheses only where a prefix
    /// operator does not bind (a receiver, an indexed place).
    pub negated_literal: bool,
}

impl Constant {
    /// Reads what the tokens say.
    pub fn new(tokens: TokenStream) -> Constant {
        let lit = syn::parse2::<syn::Lit>(tokens.clone()).ok();
        let borrowed_lit = match syn::parse2::<syn::ExprReference>(tokens.clone()) {
            Ok(syn::ExprReference { expr, mutability: None, .. }) => signed_literal(&expr),
            _ => None,
        };
        let kind = match (&lit, &borrowed_lit) {
            // `&0.5`, `&-0.5`, `&(-0.25_f32)`: a borrowed float literal.
            (_, Some(syn::Lit::Float(_))) => Kind::ScalarRef,
            // `f64::NEG_INFINITY`, `std::f32::consts::PI`: a float constant by its path.
            _ if is_float_constant_path(&tokens) => Kind::Scalar,
            _ => Kind::Unknown,
        };
        let negated = match syn::parse2::<syn::ExprUnary>(tokens.clone()) {
            Ok(unary) if matches!(unary.op, syn::UnOp::Neg(_)) && matches!(*unary.expr, syn::Expr::Lit(_)) => {
                signed_literal(&unary.expr)
            }
            _ => None,
        };
        let kind = match (&lit, &negated) {
            _ if kind != Kind::Unknown => kind,
            (Some(syn::Lit::Float(_)), _) | (_, Some(syn::Lit::Float(_))) => Kind::Scalar,
            (Some(syn::Lit::Int(int)), _) if matches!(int.suffix(), "f32" | "f64") => Kind::Scalar,
            (Some(syn::Lit::Int(_) | syn::Lit::Bool(_)), _) => Kind::Int,
            _ => Kind::Unknown,
        };
        let int = match &lit {
            Some(syn::Lit::Int(int)) if matches!(int.suffix(), "" | "usize") => int.base10_parse().ok(),
            _ => None,
        };
        let atomic = crate::walk::is_atomic(&tokens);
        Constant { tokens, kind, int, atomic, negated_literal: negated.is_some() }
    }
}

impl Constant {
    /// `None` (or `Option::None`): an `Option` whose type the tokens do not say.
    pub fn is_none(&self) -> bool {
        syn::parse2::<syn::Path>(self.tokens.clone()).is_ok_and(|p| {
            p.segments.last().is_some_and(|s| s.ident == "None")
                && p.segments
                    .iter()
                    .rev()
                    .skip(1)
                    .all(|s| matches!(s.ident.to_string().as_str(), "Option" | "option" | "core" | "std"))
        })
    }
}

/// The literal of `0.5`, `-0.5`, `(-0.5)`: a literal, maybe negated, maybe parenthesised.
fn signed_literal(expr: &syn::Expr) -> Option<syn::Lit> {
    match expr {
        syn::Expr::Lit(lit) => Some(lit.lit.clone()),
        syn::Expr::Paren(paren) => signed_literal(&paren.expr),
        syn::Expr::Group(group) => signed_literal(&group.expr),
        syn::Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(_), expr, .. }) => signed_literal(expr),
        _ => None,
    }
}

/// A path to an associated constant of `f32` or `f64` (`f64::EPSILON`, `core::f64::consts::PI`).
fn is_float_constant_path(tokens: &TokenStream) -> bool {
    let Ok(path) = syn::parse2::<syn::Path>(tokens.clone()) else { return false };
    let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let is_constant =
        names.last().is_some_and(|n| n.chars().all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit()));
    let in_float = names[..names.len().saturating_sub(1)].iter().any(|n| n == "f64" || n == "f32");
    is_constant && in_float
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
    /// `.unwrap()` (or `.expect(…)`) of an `Option`: its adjoint and tangent are the same
    /// `Option`'s inside (a gradient has the value's shape, `Some` where the value is).
    Unwrap,
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
    // Derivative rules, which the tangent of a derivative reaches (`ops/table.rs`).
    Atan2Da,
    Atan2Db,
    Exp2Dx,
    Log2Dx,
    Log10Dx,
    LogDx,
    LogDb,
    PowiDk,
    PowfDx,
    PowfDp,
    HypotDx,
    AbsDx,
    MaxDx,
    MinDx,
    ClampDx,
    ClampDlo,
    ClampDhi,
    CopysignDx,
    /// The tangent of a value cast with `as` to a float, in the value's own type: itself for a
    /// float, zero for an integer (a struct's field the macro cannot type; see `tangent`).
    CastTangent,
}

/// How a value is computed.
#[derive(Clone)]
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
#[derive(Clone)]
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
    /// How many times forward mode has been applied: 0 for the function itself, 1 for its
    /// `_jvp`, 2 for `_jvp_jvp`. The arguments are then `2^depth` groups of equal length: the
    /// function's own arguments (a method's receiver first), then the tangents of each.
    pub jvp_depth: u8,
    /// A call of the function being differentiated (by its own name): its pullback is boxed,
    /// since a pullback's type cannot contain itself (rustc's E0720).
    pub recursive: bool,
}

impl Call {
    /// The number of arguments of the function itself.
    pub fn group_len(&self) -> usize {
        self.args.len() >> self.jvp_depth
    }
}

/// What is called.
#[derive(Clone)]
pub enum CallTarget {
    /// A path to a free function or associated function (`g`, `module::g`, `Type::g`).
    Path {
        /// The path without its last segment (`module::`), empty for a plain name.
        prefix: TokenStream,
        /// The function's name; `_vjp` is appended to it.
        name: Ident,
        /// Explicit generic arguments (`::<T>`), passed on to every form (a generic function's
        /// forms have its generic parameters, in order); empty without.
        generics: TokenStream,
    },
    /// A method called on a receiver, which counts as the first argument.
    Method {
        /// The method's name; `_vjp` is appended to it.
        name: Ident,
        /// For an operator on a user type (`a * b`), its trait (`Mul`): the plain call is
        /// `::core::ops::Mul::mul(a, b)`, the forms the inherent `a.mul_vjp(b)`.
        operator: Option<Ident>,
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
#[derive(Clone)]
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
    /// `Some(a)` of a value that may carry a gradient.
    Some(Operand),
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
