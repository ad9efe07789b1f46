//! Random statements: `let`s, assignments, buffers and their writes, `if`, early `return`;
//! the kind of each is drawn from what the scope offers. Loops are in `loops`, bindings of
//! borrows and of call results in `bindings`.

use super::Gen;
use super::ast::*;
use super::expr::Ex;
use super::scope::{Binding, Container, FloatVar, IntVar, SliceVar};
use rand::RngExt;

/// Magnitude a float variable is kept within when assigned.
pub const VAR_LIMIT: f64 = 8.0;
/// Deepest nesting of blocks (the function body is level 0).
pub const MAX_NEST: usize = 2;

/// What kind of statement to generate next.
#[derive(Clone, Copy)]
enum Kind {
    Let,
    Assign,
    LetInt,
    Buffer,
    Write,
    Sum,
    View,
    If,
    For,
    ForEach,
    While,
    Loop,
    Return,
    Break,
    Continue,
    Borrow,
    LetCall,
    Collect,
    Move,
    Closure,
    IfLet,
    LetElse,
    LetOpt,
    CallMut,
    Try,
    Counted,
}

impl Gen<'_> {
    /// `count` statements in a fresh block (pushed and popped by the caller).
    pub fn stmts(&mut self, count: usize) -> Vec<Stmt> {
        let mut out = Vec::new();
        for _ in 0..count {
            out.extend(self.stmt());
        }
        out
    }

    fn kind(&mut self) -> Kind {
        let f = *self.features;
        let nested = self.nest < MAX_NEST;
        let in_loop = self.trips > 1;
        let has_mut = self.scope.floats().iter().any(|(_, v)| v.mutable);
        let has_buf = self.scope.slices().iter().any(|(_, s)| s.writable && !self.frozen.contains(&s.name));
        let has_slice = !self.seqs().is_empty();
        let has_list = f.struct_lists && !self.scope.lists().is_empty();
        let top = self.nest == 0 && self.trips == 1;
        let has_opt = !self.scope.opts().is_empty();
        let has_mut_callee = self.callees.iter().any(|c| c.params.iter().any(|p| p.ty.is_mut()));
        let on = |flag: bool, w: u32| if flag { w } else { 0 };
        let table = [
            (Kind::Let, 22),
            (Kind::Assign, on(has_mut, if in_loop { 40 } else { 18 })),
            (Kind::LetInt, 3),
            (Kind::Buffer, on(nested, 5)),
            (Kind::Write, on(has_buf, 12)),
            (Kind::Sum, on(has_slice && !self.generic, 4)),
            (Kind::View, on(has_slice && f.views, 3)),
            (Kind::If, on(nested, 9)),
            (Kind::For, on(nested, 9)),
            (Kind::ForEach, on(nested && has_slice && f.loop_forms, if has_list { 9 } else { 5 })),
            (Kind::While, on(nested, 3)),
            (Kind::Loop, on(nested && f.loop_forms, 3)),
            (Kind::Return, on(f.early_return && self.may_return(), 3)),
            (Kind::Break, on(f.loop_forms && self.can_break(), 3)),
            (Kind::Continue, on(f.loop_forms && self.can_continue(), 3)),
            (Kind::Borrow, on(f.references, 4)),
            (Kind::LetCall, on(f.calls && !self.callees.is_empty(), 5)),
            (Kind::Collect, on(has_slice && f.chains && f.collected_binding, 2)),
            (Kind::Move, on(top && f.moves && f.read_then_moved, 2)),
            (Kind::Closure, on(f.let_closures, 4)),
            (Kind::IfLet, on(nested && has_opt, 5)),
            (Kind::LetElse, on(has_opt && f.early_return && self.may_return(), 3)),
            (Kind::LetOpt, on(f.match_option, 2) + on(f.option_params, 3)),
            (Kind::CallMut, on(has_mut_callee, 14)),
            (Kind::Try, on(f.option_results && self.ret == super::types::Ty::Opt, 5)),
            (Kind::Counted, on(nested && has_slice && f.counters, 4)),
        ];
        let total: u32 = table.iter().map(|(_, w)| w).sum();
        let mut pick = self.rng.random_range(0..total);
        for (k, w) in table {
            if pick < w {
                return k;
            }
            pick -= w;
        }
        Kind::Let
    }

    fn stmt(&mut self) -> Vec<Stmt> {
        match self.kind() {
            Kind::Let => vec![self.let_float(false)],
            Kind::Assign => self.assign().into_iter().collect(),
            Kind::LetInt => vec![self.let_int()],
            Kind::Buffer => self.buffer(),
            Kind::Write => self.write().into_iter().collect(),
            Kind::Sum => self.let_sum().into_iter().collect(),
            Kind::View => self.let_view().into_iter().collect(),
            Kind::If => vec![self.if_stmt()],
            Kind::For => vec![self.for_loop()],
            Kind::ForEach => self.for_each().into_iter().collect(),
            Kind::While => vec![self.while_loop()],
            Kind::Loop => vec![self.loop_stmt()],
            Kind::Return => vec![self.early_return()],
            Kind::Break => vec![Stmt::Break(self.cond(1))],
            Kind::Continue => vec![Stmt::Continue(self.cond(1))],
            Kind::Borrow => self.let_borrow().into_iter().collect(),
            Kind::LetCall => self.let_call().into_iter().collect(),
            Kind::Collect => self.let_collect().into_iter().collect(),
            Kind::Move => self.move_param().into_iter().collect(),
            Kind::Closure => self.let_closure(),
            Kind::IfLet => self.if_let_stmt().into_iter().collect(),
            Kind::LetElse if self.features.option_results && self.rng.random_bool(0.4) => {
                self.return_if_none().or_else(|| self.let_else()).into_iter().collect()
            }
            Kind::LetElse => self.let_else().into_iter().collect(),
            Kind::LetOpt if self.features.option_params && (!f_match(self) || self.rng.random_bool(0.6)) => {
                vec![self.let_active_opt()]
            }
            Kind::LetOpt => self.let_opt().into_iter().collect(),
            Kind::CallMut => self.call_mut(),
            Kind::Try => self.let_try().into_iter().collect(),
            Kind::Counted => self.counted_loop().unwrap_or_default(),
        }
    }

    /// Whether a `return` may be generated here: not inside a loop of a function with `&mut`
    /// parameters while found/036 is open.
    fn may_return(&self) -> bool {
        let lends = self.params.iter().any(|p| p == "out" || p == "acc");
        self.features.return_in_loop_with_mut || !lends || self.nest == 0 && self.loops.is_empty() && self.closures == 0
    }

    pub fn fresh(&mut self, prefix: &str) -> String {
        self.fresh += 1;
        format!("{prefix}{}", self.fresh)
    }

    /// `let [mut] a[: f64] = e;`, sometimes shadowing a visible variable with an expression
    /// of itself (`let a = a.sin() * b;`).
    pub fn let_float(&mut self, force_mut: bool) -> Stmt {
        // Shadowing rebinds a plain name: not a field path (`s.a`) or a reference.
        let floats: Vec<FloatVar> = self
            .scope
            .floats()
            .into_iter()
            .filter(|(_, v)| is_word(&v.name) && !v.by_ref && v.name != "self")
            .filter(|(_, v)| !(v.param && self.keeps_params()))
            .map(|(_, v)| v.clone())
            .collect();
        let shadow = match floats.len() {
            0 => None,
            k => self.rng.random_bool(0.25).then(|| floats[self.rng.random_range(0..k)].clone()),
        };
        let value = self.expr(2);
        let value = match &shadow {
            Some(old) => {
                let own = Ex { e: Expr::Var(old.name.clone()), b: old.bound };
                self.combine(own, value)
            }
            None => value,
        };
        let value = self.squash(value, VAR_LIMIT);
        let name = shadow.map_or_else(|| self.fresh("a"), |v| v.name);
        let mutable = force_mut || self.rng.random_bool(0.4);
        let typed = self.rng.random_bool(0.2);
        self.scope.add_float(FloatVar {
            name: name.clone(),
            mutable,
            bound: value.b,
            by_ref: false,
            active: true,
            param: false,
        });
        Stmt::Let { name, mutable, typed, value: value.e }
    }

    /// `let name = value;` of an active float, brought into scope.
    pub fn let_active(&mut self, name: String, value: Ex) -> Stmt {
        self.scope.add_float(FloatVar {
            name: name.clone(),
            mutable: false,
            bound: value.b,
            by_ref: false,
            active: true,
            param: false,
        });
        Stmt::Let { name, mutable: false, typed: false, value: value.e }
    }

    /// `a op b` for a random arithmetic `op` (no division: `b` may be near zero).
    pub fn combine(&mut self, a: Ex, b: Ex) -> Ex {
        let (op, bound) = match self.rng.random_range(0..3) {
            0 => (BinOp::Add, a.b + b.b),
            1 => (BinOp::Sub, a.b + b.b),
            _ => (BinOp::Mul, a.b * b.b),
        };
        Ex { e: Expr::Bin(op, Box::new(a.e), Box::new(b.e)), b: bound }
    }

    /// An assignment to a visible `mut` variable; `=` often reads the variable itself
    /// (`acc = acc * x.sin() + e`), `*=` multiplies by at most one, `/=` divides by at least
    /// one, so loops carry values without blowing them up.
    fn assign(&mut self) -> Option<Stmt> {
        let muts: Vec<_> =
            self.scope.floats().into_iter().filter(|(_, v)| v.mutable).map(|(s, v)| (s, v.clone())).collect();
        let (slot, var) = muts.get(self.rng.random_range(0..muts.len().max(1)))?.clone();
        let (op, value, bound) = match self.rng.random_range(0..10) {
            0..4 => {
                let value = if self.rng.random_bool(0.5) {
                    let k = self.unit(1, 1.0);
                    let own = Ex { e: super::expr::float_read(var.name.clone(), var.by_ref, false), b: var.bound };
                    let carried = self.combine(own, k);
                    let e = self.expr(1);
                    let e = self.squash(e, 4.0);
                    self.combine(carried, e)
                } else {
                    self.expr(2)
                };
                let value = self.squash(value, VAR_LIMIT);
                let b = value.b;
                (AssignOp::Set, value, b)
            }
            4..7 => {
                let e = self.expr(2);
                let e = self.squash(e, 4.0);
                let b = var.bound + e.b;
                (if self.rng.random_bool(0.5) { AssignOp::Add } else { AssignOp::Sub }, e, b)
            }
            7 | 8 => {
                let e = self.unit(2, 1.0);
                (AssignOp::Mul, e, var.bound)
            }
            _ => {
                let p = self.positive(1, 1.0);
                (AssignOp::Div, p.x, var.bound / p.lo)
            }
        };
        let v = self.scope.float_mut(slot);
        v.bound = v.bound.max(bound);
        Some(Stmt::Assign { deref: var.by_ref, name: var.name, op, value: value.e })
    }

    /// `let k = …;` of an integer derived from one in scope or from a length.
    fn let_int(&mut self) -> Stmt {
        let name = self.fresh("k");
        let value = match self.scope.ints().first().map(|v| (*v).clone()) {
            Some(v) if self.rng.random_bool(0.6) => match self.rng.random_range(0..3) {
                0 => IntExpr { text: format!("{} + 1", v.name), max: v.max + 1 },
                1 => IntExpr { text: format!("{} * 2", v.name), max: v.max * 2 },
                _ => IntExpr { text: format!("{} % 3", v.name), max: 2 },
            },
            _ => match self.scope.slices().first().map(|(_, s)| (s.name.clone(), s.len)) {
                Some((s, len)) => IntExpr { text: format!("{s}.len() - 1"), max: len - 1 },
                None => self.small_int(3),
            },
        };
        self.scope.add_int(IntVar { name: name.clone(), max: value.max });
        Stmt::LetInt { name, value }
    }

    /// `let mut y = vec![0.0; len];` or `let mut y = [0.0; N];`, usually filled by a loop
    /// right away.
    fn buffer(&mut self) -> Vec<Stmt> {
        let name = self.fresh("y");
        let slices = self.scope.slices();
        let array = self.features.collections && self.rng.random_bool(0.3);
        let len = match slices.get(self.rng.random_range(0..slices.len() + 2)) {
            Some((_, s)) if !array => IntExpr { text: format!("{}.len()", s.name), max: s.len },
            _ => {
                let k = self.rng.random_range(2..=5);
                IntExpr { text: k.to_string(), max: k }
            }
        };
        let n = len.max;
        let container = if array { Container::Array } else { Container::Vec };
        self.scope.add_slice(local_buffer(name.clone(), n, container, 0.0));
        let mut out = vec![Stmt::LetBuf { name: name.clone(), len, array }];
        if self.rng.random_bool(0.8) {
            out.push(self.fill(&name, n));
        }
        out
    }

    /// Raises a buffer's bound after a write of magnitude `b` (added to it when `add`).
    pub fn grow(&mut self, name: &str, b: f64, add: bool) {
        if let Some((slot, _)) = self.scope.slices().into_iter().find(|(_, s)| s.name == name) {
            let s = self.scope.slice_mut(slot);
            s.bound = if add { s.bound + b } else { s.bound.max(b) };
        }
    }

    /// `y[i] = e;` or `y[i] += e;` into a visible local buffer.
    fn write(&mut self) -> Option<Stmt> {
        let bufs: Vec<_> = self
            .scope
            .slices()
            .into_iter()
            .filter(|(_, s)| s.writable && !self.frozen.contains(&s.name))
            .map(|(_, s)| s.clone())
            .collect();
        let buf = bufs.get(self.rng.random_range(0..bufs.len().max(1)))?.clone();
        let index = self.index(buf.len);
        let e = self.expr(2);
        let value = self.squash(e, 4.0);
        let add = self.rng.random_bool(0.5);
        self.grow(&buf.name, value.b, add);
        Some(Stmt::Write { name: buf.name, index, add, value: value.e })
    }

    /// `let s: f64 = x.iter().sum();`
    fn let_sum(&mut self) -> Option<Stmt> {
        let slices = self.summable();
        let s = slices.get(self.rng.random_range(0..slices.len().max(1)))?;
        let (source, bound) = (s.name.clone(), s.len as f64 * s.bound);
        let name = self.fresh("a");
        self.scope.add_float(FloatVar {
            name: name.clone(),
            mutable: false,
            bound,
            by_ref: false,
            active: true,
            param: false,
        });
        Some(Stmt::LetSum { name, source })
    }

    /// `let v = &x[a..a + len];` (or `&x[a..]`) of a collection that is never written (a view
    /// of a buffer would forbid writing the buffer while the view lives, which the generator
    /// does not track).
    fn let_view(&mut self) -> Option<Stmt> {
        let slices: Vec<_> = self.seqs().into_iter().filter(|s| s.len >= 2 && !s.writable).collect();
        let s = slices.get(self.rng.random_range(0..slices.len().max(1)))?.clone();
        let len = self.rng.random_range(1..s.len);
        let start = self.small_int(s.len - len);
        let open = start.max + len == s.len && start.text.parse::<usize>().is_ok() && self.rng.random_bool(0.4);
        let name = self.fresh("v");
        self.scope.add_slice(SliceVar {
            name: name.clone(),
            len,
            container: Container::Slice,
            binding: Binding::Ref,
            bound: s.bound,
            writable: false,
            local: s.local,
            active: s.active,
            borrows: Some(super::places::root(&s.name)),
            movable: false,
        });
        Some(Stmt::LetBorrow { name, place: Expr::Slice { path: s.name, start, len, open } })
    }

    /// A block of one to three statements in a scope of its own.
    pub fn block(&mut self) -> Vec<Stmt> {
        self.scope.push();
        self.nest += 1;
        let count = self.rng.random_range(1..=3);
        let body = self.stmts(count);
        self.nest -= 1;
        self.scope.pop();
        body
    }

    /// `if`, with an `else`, an `else if` chain or neither.
    fn if_stmt(&mut self) -> Stmt {
        let cond = self.cond(1);
        let then = self.block();
        let otherwise = match self.rng.random_range(0..10) {
            0..4 => None,
            4..8 => Some(self.block()),
            _ => Some(vec![self.if_stmt()]),
        };
        Stmt::If { cond, then, otherwise }
    }

    /// `if c { return e; }`, `e` of the function's result type.
    fn early_return(&mut self) -> Stmt {
        let cond = self.cond(1);
        let ret = self.ret.clone();
        self.returned = true;
        let moving = self.features.return_moves_local;
        let value = self.value_of(&ret, true, moving, 2);
        Stmt::Return { cond, value: value.e }
    }
}

/// Whether the constant options of `match_option` are drawn.
fn f_match(g: &Gen<'_>) -> bool {
    g.features.match_option
}

/// A writable local collection, of `len` elements bounded by `bound`.
pub fn local_buffer(name: String, len: usize, container: Container, bound: f64) -> SliceVar {
    SliceVar {
        name,
        len,
        container,
        binding: Binding::Place,
        bound,
        writable: true,
        local: true,
        active: true,
        borrows: None,
        movable: false,
    }
}

/// Whether `text` is a plain name (not a path or an expression).
pub fn is_word(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}
