//! The program tree: one tree per function, printed twice (over `f64` for the macro, over
//! `Dual` for the oracle), so the two texts cannot drift apart.
//!
//! Integer expressions are the same text in both printings, so they are kept as text with
//! the largest value they can take (what index and bound checks need). The types are in
//! `types`.

use super::types::{FloatTy, ParamTy, StructDef, Ty};

/// A generated program: its structs, then functions and methods in call order (each may call
/// the ones before it).
pub struct Program {
    pub float: FloatTy,
    pub structs: Vec<StructDef>,
    pub functions: Vec<Function>,
}

pub struct Function {
    pub name: String,
    /// A method's `self`: `&self` or `self` of a struct (by index).
    pub receiver: Option<Receiver>,
    pub params: Vec<Param>,
    /// `#[differentiable(wrt(…))]`'s names (`self` included), or `None` for every
    /// differentiable parameter.
    pub wrt: Option<Vec<String>>,
    pub ret: Ty,
    pub body: Vec<Stmt>,
    pub tail: Expr,
    /// `fn name<T: backprop::Float>(…) -> T`: the float type a parameter `T` (printed over
    /// `D` for the oracle).
    pub generic: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Receiver {
    pub id: usize,
    pub by_ref: bool,
}

pub struct Param {
    pub name: String,
    pub ty: ParamTy,
    /// `mut name: F`: a parameter the body assigns (a recursive function's, reassigned
    /// before it calls itself).
    pub mutable: bool,
}

impl Param {
    pub fn new(name: impl Into<String>, ty: ParamTy) -> Param {
        Param { name: name.into(), ty, mutable: false }
    }
}

impl Function {
    /// Whether parameter `name` (or `self`) is differentiated.
    pub fn differentiates(&self, name: &str) -> bool {
        self.wrt.as_ref().is_none_or(|w| w.iter().any(|n| n == name))
    }
}

/// An integer expression: its text and an upper bound on its value.
#[derive(Clone, Debug)]
pub struct IntExpr {
    pub text: String,
    pub max: usize,
}

#[derive(Clone, Copy, Debug)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
}

/// A float method of one argument (besides the receiver's own).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Unary {
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
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
    Log2,
    Log10,
    Sqrt,
    Cbrt,
    Recip,
    Abs,
    Signum,
    Floor,
    Ceil,
    Round,
    Trunc,
}

/// A float method with one float argument besides the receiver.
#[derive(Clone, Copy, Debug)]
pub enum Binary {
    Atan2,
    Powf,
    Hypot,
    Max,
    Min,
    Log,
}

/// How a method is written: `x.sin()` or `f64::sin(x)`.
#[derive(Clone, Copy, Debug)]
pub enum Form {
    Method,
    Path,
}

#[derive(Clone, Debug)]
pub enum Expr {
    Lit(f64),
    /// A float binding or field (`a`, `s.w`), or any binding passed on as it is.
    Var(String),
    /// A binding that holds `&F`: `*v`, or `v` itself where an operand or receiver allows
    /// (`v * 2.0`, `v.sin()`) when `bare`.
    RefVar {
        name: String,
        bare: bool,
    },
    /// `x[i]` of anything indexable (`s.w[i]`, `m[i][j]` with the row in the path)
    Index(String, IntExpr),
    /// `(i as f64)`
    Cast(IntExpr),
    Bin(BinOp, Box<Expr>, Box<Expr>),
    Neg(Box<Expr>),
    Unary(Unary, Form, Box<Expr>),
    /// `((e as f32).sin() as f64)`: a method in the other float type
    Recast(Unary, Box<Expr>),
    Powi(Box<Expr>, i32),
    Binary(Binary, Form, Box<Expr>, Box<Expr>),
    MulAdd(Box<Expr>, Box<Expr>, Box<Expr>),
    Clamp(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `x.iter().sum::<f64>()`
    Sum(String),
    Chain(Box<Chain>),
    Call(String, Vec<Arg>),
    /// `receiver.name(args)`
    Method(String, String, Vec<Arg>),
    /// A read of part of a computed value: `f1(x)[2]`, `f1(x).a`, `f1(x).1[0]` (the suffix
    /// as text)
    Project(Box<Expr>, String),
    If(Box<Cond>, Box<Expr>, Box<Expr>),
    /// `x[start..start + len]`, or `x[start..]` when `open` (under a borrow only)
    Slice {
        path: String,
        start: IntExpr,
        len: usize,
        open: bool,
    },
    /// An integer where a value needs one (a struct's integer field)
    Int(IntExpr),
    VecLit(Vec<Expr>),
    ArrayLit(Vec<Expr>),
    Tuple(Vec<Expr>),
    /// `Sk { field: value, … }` of struct `k`, fields in definition order
    StructLit(usize, Vec<Expr>),
    /// `path.clone()`
    Clone(String),
    /// `path.to_vec()`
    ToVec(String),
    /// `f(e)` of a closure bound by `let f = |v: f64| …;`
    CallClosure(String, Box<Expr>),
    /// `match k { pattern [if guard] => value, …, _ => value }` on an integer
    Match(IntExpr, Vec<Arm>),
    /// `None`, `Some(e)` (an integer `Expr::Int` or a float)
    Opt(Option<Box<Expr>>),
    /// `match e { Some(l) [if guard] => value, …, None => value }` on an `Option` computed by
    /// `e` (a name, a call)
    MatchOpt(Box<Expr>, Vec<Arm>),
    /// `e.unwrap_or(default)` of an `Option<F>`
    UnwrapOr(Box<Expr>, Box<Expr>),
    /// `o.unwrap()`, or `o.expect("…")` when the flag is set, of an `Option<F>` binding known
    /// to be `Some` there
    Unwrap(String, bool),
    /// `e?` of an `Option<F>`, in a function returning one
    Try(Box<Expr>),
}

/// An arm of a `match` on an integer: the pattern as text, an optional guard, the value.
#[derive(Clone, Debug)]
pub struct Arm {
    pub pattern: String,
    pub guard: Option<Cond>,
    pub value: Expr,
}

/// An iterator chain: a source, an optional `.map(|pat| body)`, and a reduction.
#[derive(Clone, Debug)]
pub struct Chain {
    /// `x.iter()`, `x.iter().copied()`, `x.iter().enumerate()`, `x.iter().zip(y.iter())`,
    /// `(0..n)`: the same text in both printings.
    pub source: String,
    /// `.filter(|pattern| cond)` before the map and the reduction
    pub filter: Option<(String, Cond)>,
    pub map: Option<(String, Expr)>,
    pub end: ChainEnd,
}

#[derive(Clone, Debug)]
pub enum ChainEnd {
    /// `.sum::<f64>()`
    Sum,
    /// `.fold(init, |acc, item| body)`
    Fold { init: Box<Expr>, acc: String, item: String, body: Box<Expr> },
    /// `.collect()` into a `Vec` whose type the context gives
    Collect,
    /// `.fold(f64::NEG_INFINITY, f64::max)` of items that are values
    FoldMax,
    /// `.product::<f64>()`
    Product,
}

/// An argument of a call, matching the callee's parameter.
#[derive(Clone, Debug)]
pub enum Arg {
    /// Passed as it is: a float expression, a reference binding, a value built or cloned.
    Value(Expr),
    /// `&e`: a place (`&x`, `&m[i]`, `&x[a..b]`) or a temporary (`&(2.0 * a)`).
    Borrow(Expr),
    Int(IntExpr),
    /// `&mut name` of a local buffer or a `let mut` float
    MutBorrow(String),
}

#[derive(Clone, Copy, Debug)]
pub enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Clone, Debug)]
pub enum Cond {
    /// A comparison of floats: an active condition.
    Float(Expr, Cmp, Expr),
    /// A condition on integers, as text: an inactive one.
    Int(String),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
    /// `let pattern = value` of `if let` (joined by `&&` only as the first of a let chain,
    /// `if let Some(l) = o && l > 0.0`)
    Let(String, Box<Expr>),
    /// `o.is_some()`, or `o.is_none()` when `false`, of an `Option` binding: an inactive
    /// condition
    IsSome(String, bool),
}

#[derive(Clone, Copy, Debug)]
pub enum AssignOp {
    Set,
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Clone, Debug)]
pub enum Stmt {
    /// `let [mut] name[: f64] = value;`
    Let {
        name: String,
        mutable: bool,
        typed: bool,
        value: Expr,
    },
    /// `let name = value;` of an integer
    LetInt {
        name: String,
        value: IntExpr,
    },
    /// `let mut name = 0;`: a counter the loops after it increment (`Bump`)
    Counter(String),
    /// `name += 1;` of a counter
    Bump(String),
    /// `name op value;` (`*name op value;` of a `&mut f64` when `deref`)
    Assign {
        deref: bool,
        name: String,
        op: AssignOp,
        value: Expr,
    },
    /// `let mut name: Vec<f64> = vec![0.0; len];` (typed: a buffer only ever written with
    /// its own elements would leave the float type ambiguous), or `[0.0; len]` when `array`
    LetBuf {
        name: String,
        len: IntExpr,
        array: bool,
    },
    /// `name[index] = value;` or `name[index] += value;`
    Write {
        name: String,
        index: IntExpr,
        add: bool,
        value: Expr,
    },
    /// `let name: f64 = source.iter().sum();`
    LetSum {
        name: String,
        source: String,
    },
    /// `let name = &place;`: a view `&x[a..b]`, a row `&m[i]`, `&c`, `&xs`
    LetBorrow {
        name: String,
        place: Expr,
    },
    /// `let [mut] name[: ty] = value;` of a value that is not a float: a call's result, a
    /// collected chain, a moved parameter
    LetValue {
        name: String,
        mutable: bool,
        ty: Option<Ty>,
        value: Expr,
    },
    /// `let (a, b) = value;`
    LetTuple {
        names: Vec<String>,
        value: Expr,
    },
    If {
        cond: Cond,
        then: Vec<Stmt>,
        otherwise: Option<Vec<Stmt>>,
    },
    /// `for pattern in source { body }`, both as text
    For {
        var: String,
        range: String,
        body: Vec<Stmt>,
    },
    /// `let mut counter = 0; while counter < limit [&& guard] { body counter += 1; }`
    While {
        counter: String,
        limit: IntExpr,
        guard: Option<Cond>,
        body: Vec<Stmt>,
    },
    /// `let mut counter = 0; loop { counter += 1; if counter > limit [|| guard] { break; }
    /// body }`
    Loop {
        counter: String,
        limit: IntExpr,
        guard: Option<Cond>,
        body: Vec<Stmt>,
    },
    /// `if cond { break; }`
    Break(Cond),
    /// `if cond { continue; }`
    Continue(Cond),
    /// `if cond { return value; }`
    Return {
        cond: Cond,
        value: Expr,
    },
    /// `let name = |param: F| body;`
    LetClosure {
        name: String,
        param: String,
        body: Expr,
    },
    /// `let name: Option<usize> = if cond { Some(value) } else { None };` (`Option<F>` when
    /// `float`)
    LetOpt {
        name: String,
        float: bool,
        cond: Cond,
        value: Expr,
    },
    /// `e;`: a call whose result is dropped
    Expr(Expr),
    /// `let pattern = value else { return ret; };`
    LetElse {
        pattern: String,
        value: Expr,
        ret: Expr,
    },
}

/// Whether `e` reads no variable, element, integer or call: a constant, whose float type
/// Rust cannot infer.
pub fn is_const(e: &Expr) -> bool {
    match e {
        Expr::Lit(_) => true,
        Expr::If(_, a, b) => is_const(a) && is_const(b),
        Expr::Neg(a) | Expr::Unary(_, _, a) | Expr::Powi(a, _) | Expr::Recast(_, a) => is_const(a),
        Expr::Bin(_, a, b) | Expr::Binary(_, _, a, b) => is_const(a) && is_const(b),
        Expr::MulAdd(a, b, c) | Expr::Clamp(a, b, c) => is_const(a) && is_const(b) && is_const(c),
        Expr::Match(_, arms) | Expr::MatchOpt(_, arms) => arms.iter().all(|a| is_const(&a.value)),
        _ => false,
    }
}
