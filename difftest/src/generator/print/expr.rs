//! Expressions, arguments and conditions as either printing writes them.

use super::super::ast::*;
use super::{Flavor, Printer};

impl Printer<'_> {
    /// A literal; a negative one is parenthesised unless `top`.
    pub(super) fn lit(&self, v: f64, top: bool) -> String {
        let suffix = if self.typed { format!("_{}", self.float.name()) } else { String::new() };
        match self.flavor {
            Flavor::Plain if self.generic && v == 0.0 => "T::ZERO".to_string(),
            Flavor::Plain if self.generic => format!("T::from_f64({v:?})"),
            Flavor::Plain if v < 0.0 && !top => format!("({v:?}{suffix})"),
            Flavor::Plain => format!("{v:?}{suffix}"),
            Flavor::Dual => format!("D::c({v:?})"),
        }
    }

    /// A copy of this printer that types its literals (see `typed`).
    pub(super) fn typed(&self) -> Printer<'_> {
        Printer { typed: true, out: String::new(), ..*self }
    }

    /// An expression; `top` leaves out the parentheses an operand would need.
    pub(super) fn expr(&self, e: &Expr, top: bool) -> String {
        let text = match e {
            Expr::Lit(v) => return self.lit(*v, top),
            Expr::Var(name) => return name.clone(),
            Expr::RefVar { name, .. } => return format!("*{name}"),
            Expr::Call(name, args) if name.contains("::<_F>") => {
                let name = match self.flavor {
                    Flavor::Plain => name.replace("_F", self.float_name()),
                    Flavor::Dual => name.replace("::<_F>", ""),
                };
                return format!("{name}({})", self.args(args));
            }
            Expr::Index(name, i) => return format!("{name}[{}]", i.text),
            Expr::Cast(i) => return self.cast(i),
            Expr::Bin(op, a, b) => format!("{} {} {}", self.operand(a), bin_op(*op), self.operand(b)),
            Expr::Neg(a) => format!("-{}", self.operand(a)),
            Expr::Unary(m, form, a) => return self.method(unary_name(*m), *form, a, &[]),
            Expr::Recast(m, a) => return self.recast(*m, a),
            Expr::Powi(a, k) => return format!("{}.powi({k})", self.receiver(a)),
            Expr::Binary(m, form, a, b) => return self.method(binary_name(*m), *form, a, &[b]),
            Expr::MulAdd(a, b, c) => return self.method("mul_add", Form::Method, a, &[b, c]),
            Expr::Clamp(a, lo, hi) => return self.method("clamp", Form::Method, a, &[lo, hi]),
            Expr::Sum(name) => return format!("{name}.iter().sum::<{}>()", self.float_name()),
            Expr::Chain(chain) => return self.chain(chain),
            Expr::Call(name, args) => return format!("{name}({})", self.args(args)),
            Expr::Method(receiver, name, args) => return format!("{receiver}.{name}({})", self.args(args)),
            Expr::Project(value, suffix) => return format!("{}{suffix}", self.expr(value, false)),
            Expr::If(c, a, b) => {
                format!("if {} {{ {} }} else {{ {} }}", self.cond(c, false), self.expr(a, true), self.expr(b, true))
            }
            Expr::Slice { path, start, len, open } => return format!("{path}[{}]", range(start, *len, *open)),
            Expr::Int(i) => return i.text.clone(),
            Expr::VecLit(items) => return format!("vec![{}]", self.list(items)),
            Expr::ArrayLit(items) => return format!("[{}]", self.list(items)),
            Expr::Tuple(items) => return format!("({})", self.list(items)),
            Expr::StructLit(id, fields) => return self.struct_lit(*id, fields),
            Expr::Clone(path) => return format!("{path}.clone()"),
            Expr::ToVec(path) => return format!("{path}.to_vec()"),
            Expr::CallClosure(name, a) => return format!("{name}({})", self.expr(a, true)),
            Expr::Opt(None) => return "None".to_string(),
            Expr::Opt(Some(a)) => return format!("Some({})", self.expr(a, true)),
            Expr::Match(scrutinee, arms) => format!("match {} {{ {} }}", scrutinee.text, self.arms(arms)),
            Expr::MatchOpt(scrutinee, arms) => {
                format!("match {} {{ {} }}", self.expr(scrutinee, true), self.arms(arms))
            }
            Expr::UnwrapOr(value, default) => {
                return format!("{}.unwrap_or({})", self.expr(value, false), self.expr(default, true));
            }
            Expr::Unwrap(name, false) => return format!("{name}.unwrap()"),
            Expr::Unwrap(name, true) => return format!("{name}.expect(\"checked\")"),
            Expr::Try(value) => return format!("{}?", self.expr(value, false)),
        };
        if top { text } else { format!("({text})") }
    }

    /// The arms of a `match`, each `pattern [if guard] => value,`.
    fn arms(&self, arms: &[Arm]) -> String {
        let arms: Vec<String> = arms
            .iter()
            .map(|arm| {
                let guard = arm.guard.as_ref().map(|g| format!(" if {}", self.cond(g, false))).unwrap_or_default();
                format!("{}{guard} => {},", arm.pattern, self.expr(&arm.value, true))
            })
            .collect();
        arms.join(" ")
    }

    /// An operand of an arithmetic operator: a reference binding may stand bare
    /// (`v * 2.0`), as `&f64` and `&Dual` implement the operators.
    fn operand(&self, e: &Expr) -> String {
        match e {
            // `&T * T` is not among `T: backprop::Float`'s bounds.
            Expr::RefVar { name, bare: true } if !self.generic => name.clone(),
            _ => self.expr(e, false),
        }
    }

    fn list(&self, items: &[Expr]) -> String {
        items.iter().map(|e| self.expr(e, true)).collect::<Vec<_>>().join(", ")
    }

    /// `Sk { a: …, w: …, n: 3 }`
    fn struct_lit(&self, id: usize, values: &[Expr]) -> String {
        let def = &self.structs[id];
        let fields: Vec<String> =
            def.fields.iter().zip(values).map(|(f, v)| format!("{}: {}", f.name, self.expr(v, true))).collect();
        format!("{} {{ {} }}", def.name, fields.join(", "))
    }

    fn cast(&self, i: &IntExpr) -> String {
        let inner = if super::super::stmt::is_word(&i.text) { i.text.clone() } else { format!("({})", i.text) };
        match self.flavor {
            Flavor::Plain if self.generic => format!("T::from_usize({})", i.text),
            Flavor::Plain => format!("({inner} as {})", self.float.name()),
            Flavor::Dual => format!("D::c({inner} as f64)"),
        }
    }

    /// `((e as f32).sin() as f64)`, or over duals `e.cast::<f32>().sin().cast::<f64>()`.
    fn recast(&self, m: Unary, a: &Expr) -> String {
        let (own, other) = (self.float.name(), self.float.other().name());
        match self.flavor {
            Flavor::Plain => format!("(({} as {other}).{}() as {own})", self.expr(a, false), unary_name(m)),
            Flavor::Dual => {
                format!("{}.cast::<{other}>().{}().cast::<{own}>()", self.receiver(a), unary_name(m))
            }
        }
    }

    /// A method receiver, as an operand; a constant one gets its literals typed
    /// (`(0.5_f64).sin()`), since `(0.5).sin()` does not type-check; a reference binding
    /// is dereferenced by the method call itself when bare.
    fn receiver(&self, a: &Expr) -> String {
        match a {
            Expr::Lit(_) if self.flavor == Flavor::Plain => format!("({})", self.typed().expr(a, true)),
            Expr::RefVar { name, bare: true } => name.clone(),
            Expr::RefVar { name, bare: false } => format!("(*{name})"),
            _ if is_const(a) => self.typed().expr(a, false),
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
                format!("{}::{name}({})", self.float_name(), all.join(", "))
            }
        }
    }

    fn args(&self, args: &[Arg]) -> String {
        let args: Vec<String> = args
            .iter()
            .map(|a| match a {
                // A constant argument is typed: a generic callee (`softplus`) would leave
                // its float type open.
                Arg::Value(e) if is_const(e) => self.typed().expr(e, true),
                Arg::Value(e) => self.expr(e, true),
                Arg::Borrow(e) if is_const(e) => format!("&{}", self.typed().expr(e, false)),
                Arg::Borrow(e) => format!("&{}", self.expr(e, false)),
                Arg::Int(i) => i.text.clone(),
                Arg::MutBorrow(name) => format!("&mut {name}"),
            })
            .collect();
        args.join(", ")
    }

    /// `source[.map(|pat| body)].sum::<F>()`, `.fold(init, |acc, item| body)`, `.collect()`.
    fn chain(&self, c: &Chain) -> String {
        let mut text = c.source.clone();
        if let Some((pattern, cond)) = &c.filter {
            text.push_str(&format!(".filter(|{pattern}| {})", self.cond(cond, false)));
        }
        if let Some((pattern, body)) = &c.map {
            // A constant body is typed too: a `.fold(…)` after it calls methods on its items.
            let body = if is_const(body) { self.typed().expr(body, true) } else { self.expr(body, true) };
            text.push_str(&format!(".map(|{pattern}| {body})"));
        }
        match &c.end {
            ChainEnd::Sum => text.push_str(&format!(".sum::<{}>()", self.float_name())),
            ChainEnd::Fold { init, acc, item, body } => {
                // A literal start would leave the accumulator's float type open inside the
                // closure (`acc.max(…)` on `{float}` does not compile): it is typed.
                let init = if is_const(init) { self.typed().expr(init, true) } else { self.expr(init, true) };
                text.push_str(&format!(".fold({init}, |{acc}, {item}| {})", self.expr(body, true)));
            }
            ChainEnd::Collect => text.push_str(".collect()"),
            ChainEnd::Product => text.push_str(&format!(".product::<{}>()", self.float_name())),
            ChainEnd::FoldMax => match self.flavor {
                Flavor::Plain => {
                    let f = self.float_name();
                    text.push_str(&format!(".fold({f}::NEG_INFINITY, {f}::max)"));
                }
                Flavor::Dual => text.push_str(".fold(D::neg_infinity(), D::max)"),
            },
        }
        text
    }

    /// A condition; `operand` parenthesises `&&`/`||` so it can sit beside another.
    pub(super) fn cond(&self, c: &Cond, operand: bool) -> String {
        let text = match c {
            Cond::Float(a, cmp, b) => {
                return format!("{} {} {}", self.expr(a, false), cmp_op(*cmp), self.expr(b, false));
            }
            Cond::Int(text) => return text.clone(),
            Cond::Let(pattern, value) => return format!("let {pattern} = {}", self.expr(value, true)),
            Cond::IsSome(name, true) => return format!("{name}.is_some()"),
            Cond::IsSome(name, false) => return format!("{name}.is_none()"),
            Cond::And(a, b) => format!("{} && {}", self.cond(a, true), self.cond(b, true)),
            Cond::Or(a, b) => format!("{} || {}", self.cond(a, true), self.cond(b, true)),
        };
        if operand { format!("({text})") } else { text }
    }
}

/// `start..start + len` (folded when `start` is a literal), or `start..` when `open`.
fn range(start: &IntExpr, len: usize, open: bool) -> String {
    match (start.text.parse::<usize>(), open) {
        (_, true) => format!("{}..", start.text),
        (Ok(s), false) => format!("{s}..{}", s + len),
        (Err(_), false) => format!("{0}..{0} + {len}", start.text),
    }
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
