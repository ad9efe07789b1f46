//! Prints a program tree as Rust, plain (for the macro) or over dual numbers (for the
//! oracle).
//!
//! The two printings differ only in the float type (`f64`/`f32` or `D`, the oracle's dual
//! type), in literals (`0.5` or `D::c(0.5)`), in casts (`(i as f64)` or `D::c(i as f64)`,
//! `as f32` or `.cast::<f32>()`) and in the attributes; statements, names and integer code
//! are the same text.

mod expr;
mod types;

use super::ast::*;
use super::types::{FloatTy, StructDef};
use std::fmt::Write;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Flavor {
    /// Over the program's float type, under `#[differentiable]`.
    Plain,
    /// Over `D`, the oracle's dual-number type.
    Dual,
}

/// A whole program: its structs, then its functions, each method in an `impl` block of its
/// own.
pub fn program(p: &Program, flavor: Flavor) -> String {
    let mut printer = Printer::new(flavor, p.float, &p.structs);
    for def in &p.structs {
        printer.struct_def(def);
    }
    for f in &p.functions {
        printer.function(f);
    }
    printer.out
}

struct Printer<'a> {
    flavor: Flavor,
    float: FloatTy,
    structs: &'a [StructDef],
    out: String,
    indent: usize,
    /// Literals carry `_f64`: set inside a constant method receiver, whose type Rust could
    /// not infer otherwise (`(0.5 + 0.25).sin()` does not compile).
    typed: bool,
    /// Inside a function generic over its float type `T` (plain printing only).
    generic: bool,
}

impl<'a> Printer<'a> {
    fn new(flavor: Flavor, float: FloatTy, structs: &'a [StructDef]) -> Printer<'a> {
        Printer { flavor, float, structs, out: String::new(), indent: 0, typed: false, generic: false }
    }

    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// `#[derive(…)] pub struct Sk { pub field: type, … }`
    fn struct_def(&mut self, def: &StructDef) {
        let copy = if def.copy { ", Copy" } else { "" };
        match self.flavor {
            Flavor::Plain => self.line(&format!("#[derive(Differentiable, Clone{copy})]")),
            Flavor::Dual => self.line(&format!("#[derive(Clone{copy})]")),
        }
        self.line(&format!("pub struct {} {{", def.name));
        self.indent += 1;
        for f in &def.fields {
            let ty = self.field_ty(f.ty);
            self.line(&format!("pub {}: {ty},", f.name));
        }
        self.indent -= 1;
        self.line("}");
    }

    fn function(&mut self, f: &Function) {
        self.generic = f.generic && self.flavor == Flavor::Plain;
        if let Some(r) = f.receiver {
            self.line(&format!("impl {} {{", self.structs[r.id].name));
            self.indent += 1;
        }
        if self.flavor == Flavor::Plain {
            match &f.wrt {
                Some(names) => self.line(&format!("#[differentiable(wrt({}))]", names.join(", "))),
                None => self.line("#[differentiable]"),
            }
        }
        let mut params: Vec<String> =
            f.receiver.iter().map(|r| (if r.by_ref { "&self" } else { "self" }).to_string()).collect();
        params.extend(f.params.iter().map(|q| {
            let m = if q.mutable { "mut " } else { "" };
            format!("{m}{}: {}", q.name, self.param_ty(q.ty))
        }));
        let ret = self.ty(&f.ret);
        let generics = if self.generic { "<T: backprop::Float>" } else { "" };
        self.line(&format!("pub fn {}{generics}({}) -> {ret} {{", f.name, params.join(", ")));
        self.indent += 1;
        self.block(&f.body);
        let tail = self.expr(&f.tail, true);
        self.line(&tail);
        self.indent -= 1;
        self.line("}");
        if f.receiver.is_some() {
            self.indent -= 1;
            self.line("}");
        }
        self.generic = false;
    }

    fn block(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    /// `head {`, the indented body, `}`.
    fn nested(&mut self, head: &str, first: Option<&str>, body: &[Stmt], last: Option<&str>) {
        self.line(&format!("{head} {{"));
        self.indent += 1;
        if let Some(t) = first {
            self.line(t);
        }
        self.block(body);
        if let Some(t) = last {
            self.line(t);
        }
        self.indent -= 1;
        self.line("}");
    }

    /// `if c {`, one statement, `}`.
    fn guarded(&mut self, cond: &str, statement: &str) {
        self.line(&format!("if {cond} {{"));
        self.indent += 1;
        self.line(statement);
        self.indent -= 1;
        self.line("}");
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Let { name, mutable, typed, value } => {
                let m = if *mutable { "mut " } else { "" };
                let t = if *typed || is_const(value) { format!(": {}", self.float_name()) } else { String::new() };
                let v = self.expr(value, true);
                self.line(&format!("let {m}{name}{t} = {v};"));
            }
            Stmt::LetInt { name, value } => self.line(&format!("let {name} = {};", value.text)),
            Stmt::Assign { deref, name, op, value } => {
                let v = self.expr(value, true);
                let star = if *deref { "*" } else { "" };
                self.line(&format!("{star}{name} {} {v};", assign_op(*op)));
            }
            Stmt::LetClosure { name, param, body } => {
                // A constant body is typed: the closure's result is a receiver (`c(x).cos()`).
                let b = if is_const(body) { self.typed().expr(body, true) } else { self.expr(body, true) };
                self.line(&format!("let {name} = |{param}: {}| {b};", self.float_name()));
            }
            Stmt::LetOpt { name, float, cond, value } => {
                let t = if *float { self.float_name() } else { "usize" };
                let (c, v) = (self.cond(cond, false), self.expr(value, true));
                self.line(&format!("let {name}: Option<{t}> = if {c} {{ Some({v}) }} else {{ None }};"));
            }
            Stmt::Expr(e) => {
                let e = self.expr(e, true);
                self.line(&format!("{e};"));
            }
            Stmt::LetElse { pattern, value, ret } => {
                let (v, r) = (self.expr(value, true), self.expr(ret, true));
                self.line(&format!("let {pattern} = {v} else {{ return {r}; }};"));
            }
            Stmt::LetBuf { name, len, array } => {
                let zero = self.lit(0.0, true);
                let t = self.float_name();
                match array {
                    true => self.line(&format!("let mut {name}: [{t}; {0}] = [{zero}; {0}];", len.text)),
                    false => self.line(&format!("let mut {name}: Vec<{t}> = vec![{zero}; {}];", len.text)),
                }
            }
            Stmt::Write { name, index, add, value } => {
                let (v, i) = (self.expr(value, true), &index.text);
                // `y[i] += e` over `Dual` does not borrow-check when `e` reads `y` (only
                // primitive `+=` gets two-phase borrows); `y[i] = y[i] + e` is the same sum.
                match (add, self.flavor) {
                    (false, _) => self.line(&format!("{name}[{i}] = {v};")),
                    // Nor over a generic `T` (its `+=` is a trait method's).
                    (true, Flavor::Plain) if !self.generic => self.line(&format!("{name}[{i}] += {v};")),
                    (true, Flavor::Plain) => self.line(&format!("{name}[{i}] = {name}[{i}] + ({v});")),
                    (true, Flavor::Dual) => self.line(&format!("{name}[{i}] = {name}[{i}] + ({v});")),
                }
            }
            Stmt::Counter(name) => self.line(&format!("let mut {name} = 0;")),
            Stmt::Bump(name) => self.line(&format!("{name} += 1;")),
            Stmt::LetSum { name, source } => {
                self.line(&format!("let {name}: {} = {source}.iter().sum();", self.float_name()));
            }
            Stmt::LetBorrow { name, place } => {
                let p = self.expr(place, false);
                self.line(&format!("let {name} = &{p};"));
            }
            Stmt::LetValue { name, mutable, ty, value } => {
                let m = if *mutable { "mut " } else { "" };
                let t = ty.as_ref().map(|t| format!(": {}", self.ty(t))).unwrap_or_default();
                let v = self.expr(value, true);
                self.line(&format!("let {m}{name}{t} = {v};"));
            }
            Stmt::LetTuple { names, value } => {
                let v = self.expr(value, true);
                self.line(&format!("let ({}) = {v};", names.join(", ")));
            }
            Stmt::If { cond, then, otherwise } => self.if_stmt(cond, then, otherwise.as_deref()),
            Stmt::For { var, range, body } => self.nested(&format!("for {var} in {range}"), None, body, None),
            Stmt::While { counter, limit, guard, body } => {
                self.line(&format!("let mut {counter} = 0;"));
                let mut head = format!("while {counter} < {}", limit.text);
                if let Some(g) = guard {
                    let _ = write!(head, " && {}", self.cond(g, true));
                }
                self.nested(&head, None, body, Some(&format!("{counter} += 1;")));
            }
            Stmt::Loop { counter, limit, guard, body } => {
                self.line(&format!("let mut {counter} = 0;"));
                self.line("loop {");
                self.indent += 1;
                self.line(&format!("{counter} += 1;"));
                let mut stop = format!("{counter} > {}", limit.text);
                if let Some(g) = guard {
                    let _ = write!(stop, " || {}", self.cond(g, true));
                }
                self.guarded(&stop, "break;");
                self.block(body);
                self.indent -= 1;
                self.line("}");
            }
            Stmt::Break(cond) => {
                let c = self.cond(cond, false);
                self.guarded(&c, "break;");
            }
            Stmt::Continue(cond) => {
                let c = self.cond(cond, false);
                self.guarded(&c, "continue;");
            }
            Stmt::Return { cond, value } => {
                let c = self.cond(cond, false);
                let v = self.expr(value, true);
                self.guarded(&c, &format!("return {v};"));
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
