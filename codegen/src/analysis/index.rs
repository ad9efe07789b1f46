//! Lookups into the frozen IR, built once: each variable's definition, each loop, `if` and
//! call by number.

use crate::ir::{Call, Function, If, Loop, StmtKind, Value, VarId};
use crate::walk::each_stmt;
use proc_macro2::Span;
use std::collections::HashMap;

/// Where to find things in the function.
pub struct Index<'f> {
    /// The value each `let`-bound variable is defined by.
    pub defs: HashMap<VarId, &'f Value>,
    /// The span of the statement that defines each `let`-bound variable.
    pub def_spans: HashMap<VarId, Span>,
    pub loops: HashMap<usize, &'f Loop>,
    pub ifs: HashMap<usize, &'f If>,
    pub calls: HashMap<usize, &'f Call>,
    /// How many `return` statements there are.
    pub returns: usize,
}

impl<'f> Index<'f> {
    pub fn of(function: &'f Function) -> Index<'f> {
        let mut index = Index {
            defs: HashMap::new(),
            def_spans: HashMap::new(),
            loops: HashMap::new(),
            ifs: HashMap::new(),
            calls: HashMap::new(),
            returns: 0,
        };
        each_stmt(&function.body, &mut |stmt| match &stmt.kind {
            StmtKind::Let { var, value } => {
                if let Value::Call(call) = value {
                    index.calls.insert(call.id, call);
                }
                index.defs.insert(*var, value);
                index.def_spans.insert(*var, stmt.span);
            }
            StmtKind::Loop(l) => {
                index.loops.insert(l.id, l);
            }
            StmtKind::If(i) => {
                index.ifs.insert(i.id, i);
            }
            StmtKind::Return(_) => index.returns += 1,
            _ => {}
        });
        index
    }
}
