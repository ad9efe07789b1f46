//! Walking the IR: every statement, and the variables a value depends on.

use crate::ir::{Arg, Block, Build, Op, Operand, Stmt, StmtKind, Value, VarId};
use proc_macro2::{TokenStream, TokenTree};

/// Calls `f` on every statement, outer before inner.
pub fn each_stmt<'a>(block: &'a Block, f: &mut impl FnMut(&'a Stmt)) {
    for stmt in &block.stmts {
        f(stmt);
        match &stmt.kind {
            StmtKind::If(if_stmt) => {
                each_stmt(&if_stmt.then_block, f);
                each_stmt(&if_stmt.else_block, f);
            }
            StmtKind::Loop(loop_stmt) => each_stmt(&loop_stmt.body, f),
            _ => {}
        }
    }
}

/// The variables whose gradient flows into `value` (not indices, not exponents).
pub fn inputs(value: &Value) -> Vec<VarId> {
    let mut out = Vec::new();
    let operand = |o: &Operand, out: &mut Vec<VarId>| {
        if let Some(v) = o.var() {
            out.push(v);
        }
    };
    match value {
        Value::Op(op, args) => {
            for (i, a) in args.iter().enumerate() {
                if differentiable_position(*op, i) {
                    operand(a, &mut out);
                }
            }
        }
        Value::Copy(o) | Value::Cast(o, _) => operand(o, &mut out),
        Value::Read(place) | Value::Alias(place) => out.push(place.base),
        Value::Call(call) => {
            for arg in &call.args {
                match arg {
                    Arg::Value(o) => operand(o, &mut out),
                    Arg::Ref(place) | Arg::Receiver(place) => out.push(place.base),
                }
            }
        }
        Value::Build(build) => match build {
            Build::VecRepeat { elem, .. } | Build::ArrayRepeat { elem, .. } | Build::Some(elem) => {
                operand(elem, &mut out)
            }
            Build::VecList(items) | Build::ArrayList(items) | Build::Tuple(items) => {
                items.iter().for_each(|o| operand(o, &mut out))
            }
            Build::Struct { fields, .. } => fields.iter().for_each(|(_, o)| operand(o, &mut out)),
            Build::Clone(place, _) | Build::Sum(place) => out.push(place.base),
        },
        Value::Inactive(_) | Value::Unsupported(..) => {}
    }
    out
}

pub use crate::ops::{differentiable_position, is_arithmetic};

/// Whether integers have `op` too (arithmetic, `min`, `max`, `clamp`, …): its kind is then
/// that of its operands.
pub fn exists_on_integers(op: Op) -> bool {
    crate::ops::def(op).on_integers
}

/// Whether tokens are a single token (a name, a literal, a group) or a path.
pub fn is_atomic(tokens: &TokenStream) -> bool {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let path_token = |t: &TokenTree| match t {
        TokenTree::Ident(_) => true,
        TokenTree::Punct(p) => p.as_char() == ':',
        _ => false,
    };
    // Two names in a row are not a path: `n as f64`.
    let adjacent_names = trees.windows(2).any(|w| matches!(w, [TokenTree::Ident(_), TokenTree::Ident(_)]));
    trees.len() <= 1 || (trees.iter().all(path_token) && !adjacent_names)
}
