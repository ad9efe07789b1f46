//! The program tree: one tree per function, printed twice (over `f64` for the macro, over
//! `Dual` for the oracle), so the two texts cannot drift apart.
//!
//! Integer expressions are the same text in both printings, so they are kept as text with
//! the largest value they can take (what index and bound checks need).

/// A generated program: functions in call order (each may call the ones before it).
pub struct Program {
    pub functions: Vec<Function>,
}

pub struct Function {
    pub name: String,
    pub params: Vec<Param>,
    pub body: Vec<Stmt>,
    pub tail: Expr,
}

pub struct Param {
    pub name: String,
    pub ty: ParamTy,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ParamTy {
    /// `f64`
    Scalar,
    /// `&[f64]`, always called with exactly this many elements
    Slice(usize),
    /// `usize`, a constant of the differentiation, at most `INT_PARAM_MAX`
    Int,
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
    Var(String),
    /// `x[i]` of a slice parameter, a slice view or a local buffer
    Index(String, IntExpr),
    /// `(i as f64)`
    Cast(IntExpr),
    Bin(BinOp, Box<Expr>, Box<Expr>),
    Neg(Box<Expr>),
    Unary(Unary, Form, Box<Expr>),
    Powi(Box<Expr>, i32),
    Binary(Binary, Form, Box<Expr>, Box<Expr>),
    MulAdd(Box<Expr>, Box<Expr>, Box<Expr>),
    Clamp(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `x.iter().sum::<f64>()`
    Sum(String),
    Call(String, Vec<Arg>),
    If(Box<Cond>, Box<Expr>, Box<Expr>),
}

/// An argument of a call, matching the callee's parameter.
#[derive(Clone, Debug)]
pub enum Arg {
    Float(Expr),
    /// `x`, `&buf`, or `&x[start..start + len]`
    Slice {
        name: String,
        owned: bool,
        range: Option<(IntExpr, usize)>,
    },
    Int(IntExpr),
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
    /// `name op value;`
    Assign {
        name: String,
        op: AssignOp,
        value: Expr,
    },
    /// `let mut name: Vec<f64> = vec![0.0; len];` (typed: a buffer only ever written with
    /// its own elements would leave the float type ambiguous)
    LetBuf {
        name: String,
        len: IntExpr,
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
    /// `let name = &source[start..start + len];`
    LetView {
        name: String,
        source: String,
        start: IntExpr,
        len: usize,
    },
    If {
        cond: Cond,
        then: Vec<Stmt>,
        otherwise: Option<Vec<Stmt>>,
    },
    /// `for var in range { body }`, `range` as text
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
    /// `if cond { return value; }`
    Return {
        cond: Cond,
        value: Expr,
    },
}

/// Whether `e` reads no variable, element, integer or call: a constant, whose float type
/// Rust cannot infer.
pub fn is_const(e: &Expr) -> bool {
    match e {
        Expr::Lit(_) => true,
        Expr::Var(_) | Expr::Index(..) | Expr::Cast(_) | Expr::Sum(_) | Expr::Call(..) => false,
        Expr::If(_, a, b) => is_const(a) && is_const(b),
        Expr::Neg(a) | Expr::Unary(_, _, a) | Expr::Powi(a, _) => is_const(a),
        Expr::Bin(_, a, b) | Expr::Binary(_, _, a, b) => is_const(a) && is_const(b),
        Expr::MulAdd(a, b, c) | Expr::Clamp(a, b, c) => is_const(a) && is_const(b) && is_const(c),
    }
}
