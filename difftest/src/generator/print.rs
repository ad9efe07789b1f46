//! Prints a program tree as Rust, over `f64` (for the macro) or over `Dual` (for the oracle).
//!
//! The two printings differ only in the float type, in literals (`0.5` or `Dual::c(0.5)`)
//! and in casts (`(i as f64)` or `Dual::c(i as f64)`); statements, names and integer code are
//! the same text.

use super::ast::*;
use std::fmt::Write;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Flavor {
    F64,
    Dual,
}

impl Flavor {
    fn float(self) -> &'static str {
        match self {
            Flavor::F64 => "f64",
            Flavor::Dual => "Dual",
        }
    }
}

/// A function as source text, `#[differentiable]` in the `F64` flavor.
pub fn function(f: &Function, flavor: Flavor) -> String {
    let mut p = Printer { flavor, out: String::new(), indent: 1, typed: false };
    if flavor == Flavor::F64 {
        p.out.push_str("#[differentiable]\n");
    }
    let params: Vec<String> = f.params.iter().map(|q| format!("{}: {}", q.name, p.param_ty(q.ty))).collect();
    let _ = writeln!(p.out, "pub fn {}({}) -> {} {{", f.name, params.join(", "), flavor.float());
    p.block(&f.body);
    let tail = p.expr(&f.tail, true);
    p.line(&tail);
    p.out.push_str("}\n");
    p.out
}

struct Printer {
    flavor: Flavor,
    out: String,
    indent: usize,
    /// Literals carry `_f64`: set inside a constant method receiver, whose type Rust could
    /// not infer otherwise (`(0.5 + 0.25).sin()` does not compile).
    typed: bool,
}

impl Printer {
    fn param_ty(&self, ty: ParamTy) -> String {
        match ty {
            ParamTy::Scalar => self.flavor.float().to_string(),
            ParamTy::Slice(_) => format!("&[{}]", self.flavor.float()),
            ParamTy::Int => "usize".to_string(),
        }
    }

    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn block(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    /// `head {`, the indented body, `}`.
    fn nested(&mut self, head: &str, body: &[Stmt], tail: Option<&str>) {
        self.line(&format!("{head} {{"));
        self.indent += 1;
        self.block(body);
        if let Some(t) = tail {
            self.line(t);
        }
        self.indent -= 1;
        self.line("}");
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Let { name, mutable, typed, value } => {
                let m = if *mutable { "mut " } else { "" };
                let t = if *typed || is_const(value) { format!(": {}", self.flavor.float()) } else { String::new() };
                let v = self.expr(value, true);
                self.line(&format!("let {m}{name}{t} = {v};"));
            }
            Stmt::LetInt { name, value } => self.line(&format!("let {name} = {};", value.text)),
            Stmt::Assign { name, op, value } => {
                let v = self.expr(value, true);
                self.line(&format!("{name} {} {v};", assign_op(*op)));
            }
            Stmt::LetBuf { name, len } => {
                let zero = self.lit(0.0, true);
                let t = self.flavor.float();
                self.line(&format!("let mut {name}: Vec<{t}> = vec![{zero}; {}];", len.text));
            }
            Stmt::Write { name, index, add, value } => {
                let (v, i) = (self.expr(value, true), &index.text);
                // `y[i] += e` over `Dual` does not borrow-check when `e` reads `y` (only
                // primitive `+=` gets two-phase borrows); `y[i] = y[i] + e` is the same sum.
                match (add, self.flavor) {
                    (false, _) => self.line(&format!("{name}[{i}] = {v};")),
                    (true, Flavor::F64) => self.line(&format!("{name}[{i}] += {v};")),
                    (true, Flavor::Dual) => self.line(&format!("{name}[{i}] = {name}[{i}] + ({v});")),
                }
            }
            Stmt::LetSum { name, source } => {
                self.line(&format!("let {name}: {} = {source}.iter().sum();", self.flavor.float()));
            }
            Stmt::LetView { name, source, start, len } => {
                self.line(&format!("let {name} = &{source}[{}];", range(start, *len)));
            }
            Stmt::If { cond, then, otherwise } => self.if_stmt(cond, then, otherwise.as_deref()),
            Stmt::For { var, range, body } => self.nested(&format!("for {var} in {range}"), body, None),
            Stmt::While { counter, limit, guard, body } => {
                self.line(&format!("let mut {counter} = 0;"));
                let mut head = format!("while {counter} < {}", limit.text);
                if let Some(g) = guard {
                    let _ = write!(head, " && {}", self.cond(g, true));
                }
                self.nested(&head, body, Some(&format!("{counter} += 1;")));
            }
            Stmt::Return { cond, value } => {
                let c = self.cond(cond, false);
                let v = self.expr(value, true);
                self.line(&format!("if {c} {{"));
                self.indent += 1;
                self.line(&format!("return {v};"));
                self.indent -= 1;
                self.line("}");
            }
        }
    }

    /// `if c { … } else if … { … } else { … }`: an `else` holding a single `if` prints as
    /// `else if`.
    fn if_stmt(&mut self, cond: &Cond, then: &[Stmt], otherwise: Option<&[Stmt]>) {
        let c = self.cond(cond, false);
        self.line(&format!("if {c} {{"));
        let mut rest = otherwise;
        let mut body = then;
        loop {
            self.indent += 1;
            self.block(body);
            self.indent -= 1;
            match rest {
                None => break,
                Some([Stmt::If { cond, then, otherwise }]) => {
                    let c = self.cond(cond, false);
                    self.line(&format!("}} else if {c} {{"));
                    body = then;
                    rest = otherwise.as_deref();
                }
                Some(other) => {
                    self.line("} else {");
                    body = other;
                    rest = None;
                }
            }
        }
        self.line("}");
    }

    /// A literal; a negative one is parenthesised unless `top`.
    fn lit(&self, v: f64, top: bool) -> String {
        let suffix = if self.typed { "_f64" } else { "" };
        match self.flavor {
            Flavor::F64 if v < 0.0 && !top => format!("({v:?}{suffix})"),
            Flavor::F64 => format!("{v:?}{suffix}"),
            Flavor::Dual => format!("Dual::c({v:?})"),
        }
    }

    /// An expression; `top` leaves out the parentheses an operand would need.
    fn expr(&self, e: &Expr, top: bool) -> String {
        let text = match e {
            Expr::Lit(v) => return self.lit(*v, top),
            Expr::Var(name) => return name.clone(),
            Expr::Index(name, i) => return format!("{name}[{}]", i.text),
            Expr::Cast(i) => return self.cast(i),
            Expr::Bin(op, a, b) => format!("{} {} {}", self.expr(a, false), bin_op(*op), self.expr(b, false)),
            Expr::Neg(a) => format!("-{}", self.expr(a, false)),
            Expr::Unary(m, form, a) => return self.method(unary_name(*m), *form, a, &[]),
            Expr::Powi(a, k) => return format!("{}.powi({k})", self.receiver(a)),
            Expr::Binary(m, form, a, b) => return self.method(binary_name(*m), *form, a, &[b]),
            Expr::MulAdd(a, b, c) => return self.method("mul_add", Form::Method, a, &[b, c]),
            Expr::Clamp(a, lo, hi) => return self.method("clamp", Form::Method, a, &[lo, hi]),
            Expr::Sum(name) => return format!("{name}.iter().sum::<{}>()", self.flavor.float()),
            Expr::Call(name, args) => return self.call(name, args),
            Expr::If(c, a, b) => {
                format!("if {} {{ {} }} else {{ {} }}", self.cond(c, false), self.expr(a, true), self.expr(b, true))
            }
        };
        if top { text } else { format!("({text})") }
    }

    fn cast(&self, i: &IntExpr) -> String {
        let inner = if is_word(&i.text) { i.text.clone() } else { format!("({})", i.text) };
        match self.flavor {
            Flavor::F64 => format!("({inner} as f64)"),
            Flavor::Dual => format!("Dual::c({inner} as f64)"),
        }
    }

    /// A method receiver, as an operand; a constant one gets its literals typed
    /// (`(0.5_f64).sin()`), since `(0.5).sin()` does not type-check.
    fn receiver(&self, a: &Expr) -> String {
        match a {
            Expr::Lit(_) if self.flavor == Flavor::F64 => {
                format!("({})", Printer { typed: true, out: String::new(), ..*self }.expr(a, true))
            }
            _ if is_const(a) => Printer { typed: true, out: String::new(), ..*self }.expr(a, false),
            _ => self.expr(a, false),
        }
    }

    fn method(&self, name: &str, form: Form, a: &Expr, args: &[&Expr]) -> String {
        let args: Vec<String> = args.iter().map(|x| self.expr(x, true)).collect();
        match form {
            Form::Method => format!("{}.{name}({})", self.receiver(a), args.join(", ")),
            Form::Path => {
                let first = std::iter::once(self.expr(a, true));
                let all: Vec<String> = first.chain(args).collect();
                format!("{}::{name}({})", self.flavor.float(), all.join(", "))
            }
        }
    }

    fn call(&self, name: &str, args: &[Arg]) -> String {
        let args: Vec<String> = args
            .iter()
            .map(|a| match a {
                Arg::Float(e) => self.expr(e, true),
                Arg::Slice { name, owned, range: None } => {
                    if *owned {
                        format!("&{name}")
                    } else {
                        name.clone()
                    }
                }
                Arg::Slice { name, range: Some((start, len)), .. } => format!("&{name}[{}]", range(start, *len)),
                Arg::Int(i) => i.text.clone(),
            })
            .collect();
        format!("{name}({})", args.join(", "))
    }

    /// A condition; `operand` parenthesises `&&`/`||` so it can sit beside another.
    fn cond(&self, c: &Cond, operand: bool) -> String {
        let text = match c {
            Cond::Float(a, cmp, b) => {
                return format!("{} {} {}", self.expr(a, false), cmp_op(*cmp), self.expr(b, false));
            }
            Cond::Int(text) => return text.clone(),
            Cond::And(a, b) => format!("{} && {}", self.cond(a, true), self.cond(b, true)),
            Cond::Or(a, b) => format!("{} || {}", self.cond(a, true), self.cond(b, true)),
        };
        if operand { format!("({text})") } else { text }
    }
}

/// `start..start + len`, folded when `start` is a literal.
fn range(start: &IntExpr, len: usize) -> String {
    match start.text.parse::<usize>() {
        Ok(s) => format!("{s}..{}", s + len),
        Err(_) => format!("{0}..{0} + {len}", start.text),
    }
}

fn is_word(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn bin_op(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
    }
}

fn cmp_op(c: Cmp) -> &'static str {
    match c {
        Cmp::Lt => "<",
        Cmp::Le => "<=",
        Cmp::Gt => ">",
        Cmp::Ge => ">=",
    }
}

fn assign_op(op: AssignOp) -> &'static str {
    match op {
        AssignOp::Set => "=",
        AssignOp::Add => "+=",
        AssignOp::Sub => "-=",
        AssignOp::Mul => "*=",
        AssignOp::Div => "/=",
    }
}

pub fn unary_name(m: Unary) -> &'static str {
    use Unary::*;
    match m {
        Sin => "sin",
        Cos => "cos",
        Tan => "tan",
        Asin => "asin",
        Acos => "acos",
        Atan => "atan",
        Sinh => "sinh",
        Cosh => "cosh",
        Tanh => "tanh",
        Asinh => "asinh",
        Acosh => "acosh",
        Atanh => "atanh",
        Exp => "exp",
        Exp2 => "exp2",
        ExpM1 => "exp_m1",
        Ln => "ln",
        Ln1p => "ln_1p",
        Log2 => "log2",
        Log10 => "log10",
        Sqrt => "sqrt",
        Cbrt => "cbrt",
        Recip => "recip",
        Abs => "abs",
        Signum => "signum",
        Floor => "floor",
        Ceil => "ceil",
        Round => "round",
        Trunc => "trunc",
    }
}

fn binary_name(m: Binary) -> &'static str {
    match m {
        Binary::Atan2 => "atan2",
        Binary::Powf => "powf",
        Binary::Hypot => "hypot",
        Binary::Max => "max",
        Binary::Min => "min",
        Binary::Log => "log",
    }
}
