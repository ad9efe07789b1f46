//! Lowering: `syn::ItemFn` → [`ir::Function`](crate::ir::Function).
//!
//! Active-looking expressions are split into three-address statements; code that cannot
//! carry a gradient is kept as verbatim tokens. Local checks (a construct the macro cannot
//! differentiate, an unsupported parameter type) are reported here, all at once; checks that
//! need the whole function live in `check.rs`.

mod adapted;
mod bind;
mod call;
mod chain;
mod conditions;
mod expr;
mod inactive;
pub(crate) use inactive::is_assignment;
mod iter;
mod matching;
mod memo;
mod place;
mod refutable;
mod signature;
mod stmt;

use crate::args::Args;
use crate::error::Errors;
use crate::ir::{Block, Counts, Function, Kind, Op, Operand, Role, Stmt, StmtKind, Value, Var, VarId};
use crate::names::{self, Names};
use proc_macro2::{Span, TokenStream};
use quote::ToTokens;

pub(crate) use expr::VecRepeat;
pub use place::indices as place_indices;
pub use signature::{Output, OutputShape};

/// Lowers the function; returns every local error at once.
pub fn function(item: &syn::ItemFn, args: &Args) -> syn::Result<(Function, Output)> {
    let mut cx = Lowerer::new(item.to_token_stream());
    cx.fn_name = item.sig.ident.to_string();
    cx.returns_option = matches!(&item.sig.output, syn::ReturnType::Type(_, ty) if signature::is_option(ty));
    let params = cx.params(&item.sig, args);
    let output = cx.output(&item.sig);
    let mut body = Vec::new();
    cx.push_scope();
    let tail = cx.block_stmts(&item.block.stmts, &mut body);
    if let Some(value) = tail {
        body.push(Stmt { kind: StmtKind::Return(value), span: item.block.brace_token.span.close() });
    }
    cx.pop_scope();
    // Only on an otherwise clean body: an error there (a closure call refused in place) is
    // the one to read.
    let body = Block { stmts: body, id: 0 };
    if cx.errors.is_empty() {
        cx.closures_left_verbatim(&body);
    }
    let Lowerer { vars, errors, counts, .. } = cx;
    let function = Function {
        vars,
        params,
        body,
        counts,
        flagged_returns: false,
        zero_shapes: Default::default(),
        kept_shapes: Default::default(),
    };
    errors.finish((function, output))
}

/// Lowers the signature alone (what the generated signatures need); for stand-ins when
/// the body has errors.
pub fn signature(item: &syn::ItemFn, args: &Args) -> syn::Result<(Vec<crate::ir::Param>, Output)> {
    let mut cx = Lowerer::new(item.to_token_stream());
    let params = cx.params(&item.sig, args);
    let output = cx.output(&item.sig);
    cx.errors.finish((params, output))
}

/// State of the lowering of one function.
pub(crate) struct Lowerer {
    vars: Vec<Var>,
    /// Visible bindings, innermost scope last.
    scopes: Scopes,
    errors: Errors,
    names: Names,
    counts: Counts,
    /// How many loops enclose the code being lowered.
    loop_depth: usize,
    /// Snapshots of mutable variables taken in the current statement, reused until the
    /// variable is written (`x * x.sin()` reads `x` once).
    snapshots: Vec<(VarId, VarId)>,
    /// Pure values computed in the current statement, for reuse (`memo`); cleared with
    /// `snapshots`.
    memo: Vec<memo::Memo>,
    /// Parameters taken by reference (`x: &[f64; 2]`, `&self`).
    borrowed_params: Vec<VarId>,
    /// The name of the function being lowered: a call of it is recursive.
    fn_name: String,
    /// Closures bound by `let f = |x| …;`: their name's variable, the closure, and the names
    /// visible where it was written (its body is lowered there, at each call).
    closures: Vec<(VarId, syn::ExprClosure, Scopes)>,
    /// How many `let … else` scrutinees have been named (`__let_else0`, …).
    let_else_count: usize,
    /// How many adapted `for` walks have been rewritten (`__w0`, `__n0`, …).
    adapted_count: usize,
    /// The function returns an `Option`: `?` on an `Option` returns `None`.
    returns_option: bool,
}

/// Visible bindings, innermost scope last.
type Scopes = Vec<Vec<(String, VarId)>>;

impl Lowerer {
    fn new(tokens: TokenStream) -> Lowerer {
        Lowerer {
            vars: Vec::new(),
            scopes: Vec::new(),
            errors: Errors::default(),
            names: Names::avoiding(&tokens),
            counts: Counts::default(),
            loop_depth: 0,
            snapshots: Vec::new(),
            memo: Vec::new(),
            borrowed_params: Vec::new(),
            fn_name: String::new(),
            closures: Vec::new(),
            let_else_count: 0,
            adapted_count: 0,
            returns_option: false,
        }
    }

    /// Snapshots are per scope: one taken inside a block is out of scope after it, and one
    /// taken before may be stale inside (the block may write the variable).
    fn push_scope(&mut self) {
        self.scopes.push(Vec::new());
        self.snapshots.clear();
        self.memo.clear();
    }

    fn pop_scope(&mut self) {
        self.scopes.pop();
        self.snapshots.clear();
        self.memo.clear();
    }

    /// Runs `f` in a new scope.
    fn scoped<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        self.push_scope();
        let out = f(self);
        self.pop_scope();
        out
    }

    /// The variable a name refers to, if it is a local binding.
    fn lookup(&self, name: &str) -> Option<VarId> {
        self.scopes.iter().rev().flat_map(|s| s.iter().rev()).find(|(n, _)| n == name).map(|(_, v)| *v)
    }

    /// A new variable named after a user binding, made visible in the current scope.
    fn bind_user(&mut self, ident: &syn::Ident, kind: Kind, mutable: bool, role: Role) -> VarId {
        let user_name = ident.to_string();
        let base = self.names.user(&user_name);
        let id = self.vars.len();
        self.vars.push(Var {
            name: names::user_value(&base, ident.span()),
            adjoint: names::adjoint(&base),
            kind,
            mutable,
            role,
            span: ident.span(),
            ty: None,
            alias_of: None,
            destructured: None,
        });
        if let Some(scope) = self.scopes.last_mut() {
            scope.push((user_name, id));
        }
        id
    }

    /// A new temporary.
    fn new_temp(&mut self, kind: Kind, span: Span) -> VarId {
        let base = self.names.temp();
        let id = self.vars.len();
        self.vars.push(Var {
            name: names::temp_value(&base),
            adjoint: names::adjoint(&base),
            kind,
            mutable: false,
            role: Role::Temp,
            span,
            ty: None,
            alias_of: None,
            destructured: None,
        });
        id
    }

    /// A new bookkeeping variable (`__b3`, `__pb2`, …).
    fn new_bookkeeping(&mut self, what: &str, id: usize, role: Role, span: Span) -> VarId {
        let var = self.vars.len();
        let name = names::bookkeeping(what, id);
        self.vars.push(Var {
            adjoint: name.clone(),
            name,
            kind: Kind::Int,
            mutable: matches!(role, Role::Flag | Role::Count),
            role,
            span,
            ty: None,
            alias_of: None,
            destructured: None,
        });
        var
    }

    /// Defines a temporary holding `value` and returns it as an operand.
    fn define(&mut self, value: Value, kind: Kind, span: Span, out: &mut Vec<Stmt>) -> Operand {
        let var = self.new_temp(kind, span);
        out.push(Stmt { kind: StmtKind::Let { var, value }, span });
        Operand::Var(var)
    }

    /// Applies a primitive operation. Float methods give floats; arithmetic gives whatever
    /// its operands are (`len / batch` is integer arithmetic), settled by `refine_kinds`.
    fn op(&mut self, op: Op, mut args: Vec<Operand>, span: Span, out: &mut Vec<Stmt>) -> Operand {
        self.merge_same_reads(&mut args, out);
        let kind = if crate::walk::exists_on_integers(op) {
            let kinds: Vec<Kind> = args.iter().map(|a| self.kind_of(a)).collect();
            if kinds.contains(&Kind::Int) {
                Kind::Int
            } else if kinds.iter().any(|k| k.is_scalar()) {
                Kind::Scalar
            } else {
                Kind::Unknown
            }
        } else {
            Kind::Scalar
        };
        // Reused only where the kind is known (a float or an integer; see `read_place`).
        if kind == Kind::Unknown {
            return self.define(Value::Op(op, args), kind, span, out);
        }
        let key = format!("{op:?}({})", args.iter().map(memo::operand_key).collect::<Vec<_>>().join(","));
        if let Some(value) = self.remembered(&key, out) {
            return value;
        }
        let reads = args.iter().filter_map(Operand::var).collect();
        let value = self.define(Value::Op(op, args), kind, span, out);
        self.remember(key, &value, reads, out);
        value
    }

    /// The kind of an operand.
    fn kind_of(&self, operand: &Operand) -> Kind {
        match operand {
            Operand::Var(v) => self.vars[*v].kind,
            Operand::Const(c) => c.kind,
        }
    }

    fn error(&mut self, span: Span, message: impl std::fmt::Display) {
        self.errors.push(span, message);
    }

    /// A `let` closure is inlined where it is called; code copied as it is (an iterator
    /// chain's own closure in a condition, `(0..4).map(|i| f(x)).fold(…)`) cannot call it, as
    /// the closure itself is not emitted: reports each such call.
    fn closures_left_verbatim(&mut self, body: &Block) {
        let closures: Vec<VarId> = self.closures.iter().map(|(v, ..)| *v).collect();
        let mut found = Vec::new();
        let mut check = |inactive: &crate::ir::Inactive| {
            if let Some(&v) = inactive.uses.iter().find(|u| closures.contains(u)) {
                found.push((inactive.tokens.clone(), v));
            }
        };
        crate::walk::each_stmt(body, &mut |stmt| match &stmt.kind {
            StmtKind::Let { value: crate::ir::Value::Inactive(inactive), .. } | StmtKind::Inactive(inactive) => {
                check(inactive)
            }
            StmtKind::If(if_stmt) => {
                if let crate::ir::Cond::Expr(inactive) = &if_stmt.cond {
                    check(inactive)
                }
            }
            StmtKind::Loop(l) => {
                if let crate::ir::LoopHead::While(inactive) = &l.head {
                    check(inactive)
                }
            }
            _ => {}
        });
        for (tokens, v) in found {
            let name = self.vars[v].name.to_string();
            let call = inactive::call_of(tokens.clone(), &self.vars[v].name).unwrap_or(tokens);
            self.error_at(
                &call,
                format!("`{name}` is a closure defined with `let`, which `#[differentiable]` inlines where it is called; here it is called inside code kept as written (the closure of an iterator chain in a condition or an integer expression), where it does not exist: compute the chain's value in a `let` before the condition, or write it as a `for` loop"),
            );
        }
    }

    /// Reports an error underlining all of `tokens`.
    fn error_at(&mut self, tokens: &impl ToTokens, message: impl std::fmt::Display) {
        self.errors.push_spanned(tokens, message);
    }
}
