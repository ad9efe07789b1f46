//! Forward mode: the function `F(f)` that computes `f` and its directional derivative.
//!
//! `F(f)` is an IR function again, built from `f`'s IR statement by statement: each statement
//! is kept, and after it comes the statement that computes the tangent of what it defines or
//! writes (`let y = x.sin();` is followed by `let dy = dx * x.cos();`). The partials come from
//! the op table, the same entries the reverse sweep uses. Control flow is kept as it is:
//! forward mode needs no tape. A call becomes a call of the callee's forward form, which
//! returns the value and its tangent.
//!
//! ```text
//! fn f(x: f64) -> f64 {                fn f_jvp(x: f64, dx: f64) -> (f64, f64) {
//!     let y = x.sin();                     let y = x.sin();
//!     y * x                 ==>            let dy = dx * x.cos();
//! }                                        (y * x, dy * x + y * dx)
//!                                      }
//! ```
//!
//! Being IR, `F(f)` can be printed (`_jvp`), transformed again (`F(F(f))`, `_jvp_jvp`) and
//! differentiated in reverse (`R(F(f))`, `_jvp_vjp`, from which `_hvp` comes).

use crate::adjoint::{AExpr, BinOp};
use crate::analysis::Facts;
use crate::ir::{
    Arg, Block, Build, Call, Constant, Function, Inactive, Kind, Op, Operand, Param, Place, Role, Stmt, StmtKind,
    Value, Var, VarId,
};
use crate::ops;
use crate::private::Item;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use std::collections::{HashMap, HashSet};

/// `F(f)`: `f`'s parameters followed by one tangent per differentiated parameter, returning
/// the pair (value, tangent). Every parameter of `F(f)` is differentiated (for `R(F(f))`).
pub fn transform(facts: &Facts, user_tokens: &TokenStream) -> Function {
    let f = facts.f;
    // Base names in use (a variable `x` or `__t3` has base `x` or `t3`, its adjoint is
    // `__d_` + base): a new variable's base must differ from all of them.
    let mut taken = HashSet::new();
    collect_idents(user_tokens, &mut taken);
    taken.extend(f.vars.iter().map(|v| base_of(&v.name.to_string()).to_owned()));
    let mut cx = Tangents {
        facts,
        vars: f.vars.clone(),
        dot: HashMap::new(),
        taken,
        next_temp: 0,
        calls: f.counts.calls,
        derefs: HashMap::new(),
        pending_reads: Vec::new(),
    };
    let mut params = f.params.clone();
    for p in f.params.iter().filter(|p| p.differentiated()) {
        let var = cx.tangent_var(p.var);
        cx.vars[var].role = Role::Param(params.len());
        params.push(Param { var, ..p.clone() });
    }
    let mut stmts = cx.tangent_lengths(&params[f.params.len()..]);
    let mut body = cx.block(&f.body);
    // Reads through `&f64` parameters, at the top: the references never change.
    stmts.append(&mut cx.pending_reads);
    stmts.append(&mut body.stmts);
    body.stmts = stmts;
    cx.destructure_tangents();
    let mut counts = f.counts.clone();
    counts.calls = cx.calls;
    Function {
        vars: cx.vars,
        params,
        body,
        counts,
        flagged_returns: f.flagged_returns,
        zero_shapes: HashMap::new(),
        kept_shapes: Default::default(),
    }
}

impl Tangents<'_> {
    /// `tangent_length(x.len(), dx.len(), "x")` for each buffer parameter `x` (not an array,
    /// whose length is in its type) and its tangent `dx`: a tangent of the wrong length is
    /// reported at the top, naming both lengths, and LLVM learns that indexing one in bounds
    /// indexes the other in bounds, which keeps tangent loops as lean as the primal's.
    fn tangent_lengths(&self, tangents: &[Param]) -> Vec<Stmt> {
        let f = self.facts.f;
        let mut out = Vec::new();
        for (p, t) in f.params.iter().filter(|p| p.differentiated()).zip(tangents) {
            if !matches!(f.vars[p.var].kind, Kind::Buffer(_)) || p.array {
                continue;
            }
            let (x, dx) = (self.vars[p.var].name.clone(), self.vars[t.var].name.clone());
            let (check, param) = (Item::TangentLength, x.to_string());
            let tokens = quote!(#check(#x.len(), #dx.len(), #param));
            let check = Inactive { tokens: quote!(#tokens;), uses: vec![p.var, t.var], pure: false };
            out.push(Stmt { kind: StmtKind::Inactive(check), span: x.span() });
        }
        out
    }
}

struct Tangents<'a> {
    facts: &'a Facts<'a>,
    /// `f`'s variables, then the new ones.
    vars: Vec<Var>,
    /// The tangent of each variable that has one.
    dot: HashMap<VarId, VarId>,
    /// Identifiers in use: the user's and every variable's.
    taken: HashSet<String>,
    next_temp: usize,
    /// Calls numbered so far (new forward calls continue the numbering).
    calls: usize,
    /// For a `&f64` variable, the temporary holding `*v`.
    derefs: HashMap<VarId, VarId>,
    /// Those reads, for the top of the body.
    pending_reads: Vec<Stmt>,
}

impl Tangents<'_> {
    /// A value taken apart into fields (a tuple pattern, a forward call's pair) has its tangent
    /// taken apart into the fields' tangents, so that a later reverse sweep assembles the
    /// tangent's adjoint from theirs instead of shaping a zero from a value whose fields were
    /// moved out (a dead `Vec` result of a method's forward entry did not compile).
    fn destructure_tangents(&mut self) {
        let taken_apart: Vec<(VarId, Vec<VarId>)> =
            self.dot.iter().filter_map(|(&v, &d)| Some((d, self.vars[v].destructured.clone()?))).collect();
        for (d, fields) in taken_apart {
            let tangents: Option<Vec<VarId>> = fields.iter().map(|f| self.dot.get(f).copied()).collect();
            if let Some(tangents) = tangents {
                self.vars[d].destructured = Some(tangents);
            }
        }
    }

    /// Whether `v` gets a tangent: it carries a gradient in `f`.
    fn has_tangent(&self, v: VarId) -> bool {
        v < self.facts.f.vars.len() && self.facts.active(v) && self.facts.kinds[v] != Kind::Int
    }

    /// The tangent variable of `v` (created on first use): `dx` for `x`, `__dt3` for `__t3`.
    fn tangent_var(&mut self, v: VarId) -> VarId {
        if let Some(&d) = self.dot.get(&v) {
            return d;
        }
        let primal = &self.vars[v];
        let text = primal.name.to_string();
        let temporary = text.starts_with("__");
        let base = self.fresh_user(&format!("d{}", base_of(&text).trim_start_matches("r#")));
        self.taken.insert(base.clone());
        let name = if temporary { format!("__{base}") } else { base.clone() };
        let primal = &self.vars[v];
        let alias_of = primal.alias_of.clone();
        let var = Var {
            name: format_ident!("{}", name, span = primal.span),
            adjoint: crate::names::adjoint(&base),
            kind: primal.kind,
            mutable: primal.mutable,
            role: if matches!(primal.role, Role::Param(_)) { primal.role } else { Role::Temp },
            span: primal.span,
            ty: primal.ty.clone(),
            alias_of: None,
            destructured: None,
        };
        let d = self.push_var(var);
        self.dot.insert(v, d);
        if let Some(place) = alias_of
            && let Some(dplace) = self.tangent_place(&place)
        {
            self.vars[d].alias_of = Some(dplace);
        }
        d
    }

    /// `name`, or `name_1`, `name_2`, … if taken.
    fn fresh_user(&self, name: &str) -> String {
        if !self.taken.contains(name) && is_identifier(name) {
            return name.to_owned();
        }
        (1..).map(|k| format!("{name}_{k}")).find(|c| !self.taken.contains(c)).unwrap_or_default()
    }

    fn push_var(&mut self, var: Var) -> VarId {
        self.vars.push(var);
        self.vars.len() - 1
    }

    /// A temporary for a partial or a zero (`__p0`), of `kind`.
    fn temp(&mut self, kind: Kind, span: Span) -> VarId {
        let name = loop {
            let candidate = format!("p{}", self.next_temp);
            self.next_temp += 1;
            if !self.taken.contains(&candidate) {
                break candidate;
            }
        };
        self.taken.insert(name.clone());
        self.push_var(Var {
            name: crate::names::temp_value(&name),
            adjoint: crate::names::adjoint(&name),
            kind,
            mutable: false,
            role: Role::Temp,
            span,
            ty: None,
            alias_of: None,
            destructured: None,
        })
    }

    fn let_temp(&mut self, kind: Kind, value: Value, span: Span, out: &mut Vec<Stmt>) -> VarId {
        let var = self.temp(kind, span);
        out.push(Stmt { kind: StmtKind::Let { var, value }, span });
        var
    }

    /// The tangent of an operand, if it has one (else it is zero). The tangent of a `&f64`
    /// parameter is a `&f64`: as a value, it is read through the reference.
    fn tangent_operand(&mut self, o: &Operand) -> Option<Operand> {
        match o {
            Operand::Var(v) if self.has_tangent(*v) => {
                let d = self.tangent_var(*v);
                Some(self.through_reference(d))
            }
            _ => None,
        }
    }

    /// `v` as a float value: `*v` for a `&f64` (read into a temporary), else `v`.
    fn through_reference(&mut self, v: VarId) -> Operand {
        if self.vars[v].kind != Kind::ScalarRef {
            return Operand::Var(v);
        }
        if let Some(&read) = self.derefs.get(&v) {
            return Operand::Var(read);
        }
        let span = self.vars[v].span;
        let read = self.temp(Kind::Scalar, span);
        let place = Place { base: v, steps: vec![crate::ir::Step::Deref] };
        self.pending_reads.push(Stmt { kind: StmtKind::Let { var: read, value: Value::Read(place) }, span });
        self.derefs.insert(v, read);
        Operand::Var(read)
    }

    /// The same place in the tangent of its base, if the base has one.
    fn tangent_place(&mut self, place: &Place) -> Option<Place> {
        if !self.has_tangent(place.base) {
            return None;
        }
        Some(Place { base: self.tangent_var(place.base), steps: place.steps.clone() })
    }

    /// A zero tangent for an operand: `0.0` for a float, the value itself for an integer
    /// (an integer's tangent is a copy), else a zero shaped like it.
    fn zero_for(&mut self, o: &Operand, span: Span, out: &mut Vec<Stmt>) -> Operand {
        let kind = match o {
            Operand::Var(v) => self.facts.kinds[*v],
            Operand::Const(c) => c.kind,
        };
        match kind {
            Kind::Scalar => Operand::constant(crate::names::float_literal(0.0)),
            // Marked as a borrowed float whatever its tokens, so its own tangent is one too.
            Kind::ScalarRef => Operand::Const(crate::ir::Constant {
                kind: Kind::ScalarRef,
                ..crate::ir::Constant::new(crate::names::float_zero_ref())
            }),
            Kind::Int if matches!(o, Operand::Const(_)) => o.clone(),
            _ => {
                // A constant of a type the syntax does not show (`T::ONE`, `SCALE`): its zero
                // as its type defines it (`0.0` for a float, a copy for an integer). Never the
                // constant itself: a float's tangent would then be its value.
                let v = match o {
                    Operand::Var(v) => v,
                    Operand::Const(c) => return self.zero_of_constant(c, span, out),
                };
                Operand::Var(self.zero_like(&Place { base: *v, steps: Vec::new() }, kind, span, out))
            }
        }
    }

    /// The zero tangent of a constant whose type the syntax does not show (`SCALE`, `T::ONE`,
    /// `&SCALE`): `zero_like(&SCALE)`, bound to a temporary and borrowed for a borrowed one.
    fn zero_of_constant(&mut self, c: &crate::ir::Constant, span: Span, out: &mut Vec<Stmt>) -> Operand {
        let zero_like = Item::ZeroLike;
        // `None`'s type is not written: its tangent is `None`, the shape of the value.
        if c.is_none() {
            return Operand::constant(quote!(::core::option::Option::None));
        }
        let Ok(reference) = syn::parse2::<syn::ExprReference>(c.tokens.clone()) else {
            let tokens = &c.tokens;
            return Operand::constant(quote!(#zero_like(&(#tokens))));
        };
        let inner = &reference.expr;
        let zero = Value::Inactive(Inactive { tokens: quote!(#zero_like(&(#inner))), uses: Vec::new(), pure: false });
        let zero = self.let_temp(Kind::Unknown, zero, span, out);
        let (tokens, uses) = self.place_tokens(&Place { base: zero, steps: Vec::new() });
        let borrowed = Value::Inactive(Inactive { tokens: quote!(&#tokens), uses, pure: false });
        Operand::Var(self.let_temp(Kind::Unknown, borrowed, span, out))
    }

    /// `let __p = zero_like(&place);`
    fn zero_like(&mut self, place: &Place, kind: Kind, span: Span, out: &mut Vec<Stmt>) -> VarId {
        let zero_like = Item::ZeroLike;
        let (tokens, uses) = self.place_tokens(place);
        let value = Value::Inactive(Inactive { tokens: quote!(#zero_like(&#tokens)), uses, pure: false });
        self.let_temp(kind, value, span, out)
    }

    /// A place as tokens, with the variables it reads (for a verbatim expression).
    fn place_tokens(&self, place: &Place) -> (TokenStream, Vec<VarId>) {
        let mut uses = vec![place.base];
        let base = &self.vars[place.base].name;
        let mut tokens = quote!(#base);
        for step in &place.steps {
            tokens = match step {
                crate::ir::Step::Field(field) => quote!(#tokens.#field),
                crate::ir::Step::Index(index) => {
                    let i = self.operand_tokens(index, &mut uses);
                    quote!(#tokens[#i])
                }
                crate::ir::Step::Slice(range) => {
                    let lo = range.lo.as_ref().map(|o| self.operand_tokens(o, &mut uses));
                    let hi = range.hi.as_ref().map(|o| self.operand_tokens(o, &mut uses));
                    let dots = if range.inclusive { quote!(..=) } else { quote!(..) };
                    quote!(#tokens[#lo #dots #hi])
                }
                crate::ir::Step::Deref => quote!((*#tokens)),
                crate::ir::Step::Unwrap => quote!((*#tokens.as_ref().unwrap())),
            };
        }
        (tokens, uses)
    }

    fn operand_tokens(&self, o: &Operand, uses: &mut Vec<VarId>) -> TokenStream {
        match o {
            Operand::Var(v) => {
                uses.push(*v);
                let name = &self.vars[*v].name;
                quote!(#name)
            }
            Operand::Const(c) => {
                let tokens = &c.tokens;
                quote!((#tokens))
            }
        }
    }

    fn block(&mut self, block: &Block) -> Block {
        let mut out = Vec::new();
        for stmt in &block.stmts {
            self.stmt(stmt, &mut out);
        }
        Block { stmts: out, id: block.id }
    }

    fn stmt(&mut self, stmt: &Stmt, out: &mut Vec<Stmt>) {
        let span = stmt.span;
        match &stmt.kind {
            StmtKind::Let { var, value: Value::Call(call) } if self.facts.activity.calls.contains(&call.id) => {
                self.call(*var, call, span, out)
            }
            // An operation's partials may read its result, and a constant value's tangent is a
            // zero shaped like it: those tangents come after the statement.
            StmtKind::Let {
                var,
                value: value @ (Value::Op(..) | Value::Inactive(_) | Value::Call(_) | Value::Unsupported(..)),
            } => {
                out.push(stmt.clone());
                if self.has_tangent(*var) {
                    let tangent = self.tangent_value(*var, value, span, out);
                    let d = self.tangent_var(*var);
                    out.push(Stmt { kind: StmtKind::Let { var: d, value: tangent }, span });
                }
            }
            // Any other tangent comes first: the statement may move a value its tangent
            // reads (an integer field of a struct built here is copied into the tangent).
            StmtKind::Let { var, value } => {
                if self.has_tangent(*var) {
                    let tangent = self.tangent_value(*var, value, span, out);
                    let d = self.tangent_var(*var);
                    out.push(Stmt { kind: StmtKind::Let { var: d, value: tangent }, span });
                }
                out.push(stmt.clone());
            }
            StmtKind::Declare { var } => {
                out.push(stmt.clone());
                if self.has_tangent(*var) {
                    let d = self.tangent_var(*var);
                    out.push(Stmt { kind: StmtKind::Declare { var: d }, span });
                }
            }
            StmtKind::Assign { var, value } => {
                if self.has_tangent(*var) {
                    let dvalue = match self.tangent_operand(value) {
                        Some(d) => d,
                        None => self.zero_for(value, span, out),
                    };
                    let d = self.tangent_var(*var);
                    out.push(Stmt { kind: StmtKind::Assign { var: d, value: dvalue }, span });
                }
                out.push(stmt.clone());
            }
            StmtKind::Update { var, subtract, value } => {
                out.push(stmt.clone());
                if self.has_tangent(*var)
                    && let Some(dvalue) = self.tangent_operand(value)
                {
                    let d = self.tangent_var(*var);
                    out.push(Stmt { kind: StmtKind::Update { var: d, subtract: *subtract, value: dvalue }, span });
                }
            }
            StmtKind::Store { place, how, value } => {
                out.push(stmt.clone());
                if let Some(dplace) = self.tangent_place(place) {
                    let dvalue = match (self.tangent_operand(value), how) {
                        (Some(d), _) => Some(d),
                        (None, crate::ir::StoreHow::Set) => Some(self.zero_for(value, span, out)),
                        (None, _) => None,
                    };
                    if let Some(dvalue) = dvalue {
                        out.push(Stmt { kind: StmtKind::Store { place: dplace, how: *how, value: dvalue }, span });
                    }
                }
            }
            StmtKind::Push { place, value } => {
                if let Some(dplace) = self.tangent_place(place) {
                    let dvalue = match self.tangent_operand(value) {
                        Some(d) => d,
                        None => self.zero_for(value, span, out),
                    };
                    out.push(Stmt { kind: StmtKind::Push { place: dplace, value: dvalue }, span });
                }
                out.push(stmt.clone());
            }
            StmtKind::If(if_stmt) => {
                let mut copy = if_stmt.clone();
                copy.then_block = self.block(&if_stmt.then_block);
                copy.else_block = self.block(&if_stmt.else_block);
                out.push(Stmt { kind: StmtKind::If(copy), span });
            }
            StmtKind::Loop(l) => {
                let mut copy = l.clone();
                copy.body = self.block(&l.body);
                out.push(Stmt { kind: StmtKind::Loop(copy), span });
            }
            StmtKind::Return(value) => {
                // The zero first: the value is moved into the pair.
                let dvalue = match self.tangent_operand(value) {
                    Some(d) => d,
                    None => self.zero_for(value, span, out),
                };
                let pair = Value::Build(Build::Tuple(vec![value.clone(), dvalue]));
                let result = self.let_temp(Kind::Composite, pair, span, out);
                out.push(Stmt { kind: StmtKind::Return(Operand::Var(result)), span });
            }
            StmtKind::Break | StmtKind::Continue | StmtKind::SetFlag(_) | StmtKind::Inactive(_) => {
                out.push(stmt.clone())
            }
        }
    }

    /// The value of `var`'s tangent, given `var = value`.
    fn tangent_value(&mut self, var: VarId, value: &Value, span: Span, out: &mut Vec<Stmt>) -> Value {
        match value {
            Value::Op(op, args) => self.op_tangent(var, *op, args, span, out),
            Value::Copy(o) => Value::Copy(self.tangent_or_zero(o, span, out)),
            Value::Read(place) => match self.tangent_place(place) {
                Some(dplace) => Value::Read(dplace),
                None => Value::Copy(self.zero_for(&Operand::Var(var), span, out)),
            },
            Value::Alias(place) => match self.tangent_place(place) {
                Some(dplace) => Value::Alias(dplace),
                None => {
                    let z = self.zero_like(place, self.facts.kinds[var], span, out);
                    Value::Alias(Place { base: z, steps: Vec::new() })
                }
            },
            // An operand not known to be a float may be an integer field of a struct with a
            // gradient, whose tangent field holds the integer itself: `cast_tangent` zeroes it.
            Value::Cast(o, ty) => match (o, self.tangent_operand(o)) {
                (Operand::Var(v), Some(d)) if !self.facts.kinds[*v].is_scalar() => {
                    let through = Value::Op(Op::CastTangent, vec![d]);
                    let t = self.let_temp(self.facts.kinds[*v], through, span, out);
                    Value::Cast(Operand::Var(t), ty.clone())
                }
                (_, Some(d)) => Value::Cast(d, ty.clone()),
                // No tangent: the cast's is a float zero. Not `zero_like(&o) as T`, which for an
                // integer field (`self.n as f32` of a constant struct) is the integer itself.
                (_, None) => Value::Cast(Operand::constant(crate::names::float_literal(0.0)), ty.clone()),
            },
            Value::Build(build) => Value::Build(self.build_tangent(build, span, out)),
            // Inactive values and plain calls carry no gradient: their variables have none.
            Value::Call(_) | Value::Inactive(_) | Value::Unsupported(..) => {
                Value::Copy(self.zero_for(&Operand::Var(var), span, out))
            }
        }
    }

    fn tangent_or_zero(&mut self, o: &Operand, span: Span, out: &mut Vec<Stmt>) -> Operand {
        match self.tangent_operand(o) {
            Some(d) => d,
            None => self.zero_for(o, span, out),
        }
    }

    /// `Σᵢ ∂op/∂argᵢ · dargᵢ`, each partial from the op table.
    fn op_tangent(&mut self, var: VarId, op: Op, args: &[Operand], span: Span, out: &mut Vec<Stmt>) -> Value {
        let site = ops::Site { args, result: var };
        let partials = (ops::def(op).partials)(&site);
        let mut terms = Vec::new();
        for partial in partials {
            let Some(arg) = args.get(partial.arg) else { continue };
            let Some(darg) = self.tangent_operand(arg) else { continue };
            let term = partial.factor.apply(AExpr::operand(&darg));
            terms.push(term);
        }
        let mut terms = terms.into_iter();
        let Some(first) = terms.next() else {
            return Value::Copy(Operand::constant(crate::names::float_literal(0.0)));
        };
        let sum = terms.fold(first, crate::adjoint::add);
        self.expr_value(&sum, span, out)
    }

    /// An expression of partials as IR: its outermost operation as the value, the inner ones
    /// in temporaries before it.
    fn expr_value(&mut self, e: &AExpr, span: Span, out: &mut Vec<Stmt>) -> Value {
        match e {
            AExpr::Bin(op, a, b) => {
                let (a, b) = (self.expr_operand(a, span, out), self.expr_operand(b, span, out));
                let op = match op {
                    BinOp::Add => Op::Add,
                    BinOp::Sub => Op::Sub,
                    BinOp::Mul => Op::Mul,
                    BinOp::Div => Op::Div,
                };
                Value::Op(op, vec![a, b])
            }
            AExpr::Neg(a) => Value::Op(Op::Neg, vec![self.expr_operand(a, span, out)]),
            AExpr::Apply(op, args) => {
                let args = args.iter().map(|a| self.expr_operand(a, span, out)).collect();
                Value::Op(*op, args)
            }
            other => Value::Copy(self.expr_operand(other, span, out)),
        }
    }

    fn expr_operand(&mut self, e: &AExpr, span: Span, out: &mut Vec<Stmt>) -> Operand {
        match e {
            AExpr::Primal(v) => self.through_reference(*v),
            AExpr::Const(c) => Operand::Const(c.clone()),
            AExpr::Bin(..) | AExpr::Neg(_) | AExpr::Apply(..) => {
                let value = self.expr_value(e, span, out);
                Operand::Var(self.let_temp(Kind::Scalar, value, span, out))
            }
            _ => Operand::Const(Constant::new(crate::error::internal_error(
                "a partial of the op table is not an operation on values",
            ))),
        }
    }

    fn build_tangent(&mut self, build: &Build, span: Span, out: &mut Vec<Stmt>) -> Build {
        let mut items = |cx: &mut Self, items: &[Operand]| -> Vec<Operand> {
            items.iter().map(|o| cx.tangent_or_zero(o, span, out)).collect()
        };
        match build {
            Build::VecRepeat { elem, len } => {
                Build::VecRepeat { elem: self.tangent_or_zero(elem, span, out), len: len.clone() }
            }
            Build::ArrayRepeat { elem, len } => {
                Build::ArrayRepeat { elem: self.tangent_or_zero(elem, span, out), len: len.clone() }
            }
            Build::VecList(list) => Build::VecList(items(self, list)),
            Build::ArrayList(list) => Build::ArrayList(items(self, list)),
            Build::Tuple(list) => Build::Tuple(items(self, list)),
            Build::Some(item) => Build::Some(self.tangent_or_zero(item, span, out)),
            Build::Struct { path, fields } => Build::Struct {
                path: path.clone(),
                fields: fields.iter().map(|(name, o)| (name.clone(), self.tangent_or_zero(o, span, out))).collect(),
            },
            Build::Clone(place, method) => match self.tangent_place(place) {
                Some(dplace) => Build::Clone(dplace, method.clone()),
                None => Build::Clone(place.clone(), method.clone()),
            },
            Build::Sum(place) => match self.tangent_place(place) {
                Some(dplace) => Build::Sum(dplace),
                None => Build::Sum(place.clone()),
            },
        }
    }

    /// `let y = g(args);` becomes `let __c = g_jvp(args, tangents); let y = __c.0; let dy = __c.1;`.
    fn call(&mut self, var: VarId, call: &Call, span: Span, out: &mut Vec<Stmt>) {
        let method = matches!(call.target, crate::ir::CallTarget::Method { .. });
        let mut tangents = Vec::new();
        for (i, arg) in call.args.iter().enumerate() {
            let tangent = match self.has_arg_tangent(arg) {
                true => self.arg_tangent(arg, method && i == 0, span, out),
                // A method's forward form makes the zeros it needs itself (`emit::forms`).
                false if method => Arg::Value(Operand::constant(quote!(::core::option::Option::None))),
                false => self.constant_tangent(arg, span, out),
            };
            tangents.push(tangent);
        }
        let id = self.calls;
        self.calls += 1;
        let pullback = self.bookkeeping("pb", id, Role::Pullback, span);
        let markers = self.bookkeeping("args", id, Role::Markers, span);
        let mut args = call.args.clone();
        args.extend(tangents);
        let forward = Call {
            id,
            target: call.target.clone(),
            args,
            span: call.span,
            pullback,
            markers,
            jvp_depth: call.jvp_depth + 1,
            recursive: call.recursive,
        };
        let pair = self.temp(Kind::Composite, span);
        out.push(Stmt { kind: StmtKind::Let { var: pair, value: Value::Call(forward) }, span });
        let field = |k: u32| crate::ir::Step::Field(quote_index(k));
        out.push(Stmt {
            kind: StmtKind::Let { var, value: Value::Read(Place { base: pair, steps: vec![field(0)] }) },
            span,
        });
        let mut fields = vec![var];
        if self.has_tangent(var) {
            let d = self.tangent_var(var);
            out.push(Stmt {
                kind: StmtKind::Let { var: d, value: Value::Read(Place { base: pair, steps: vec![field(1)] }) },
                span,
            });
            fields.push(d);
        } else {
            let unused = self.temp(Kind::Unknown, span);
            out.push(Stmt {
                kind: StmtKind::Let { var: unused, value: Value::Read(Place { base: pair, steps: vec![field(1)] }) },
                span,
            });
            fields.push(unused);
        }
        self.vars[pair].destructured = Some(fields);
    }

    /// Whether an argument carries a tangent here.
    fn has_arg_tangent(&self, arg: &Arg) -> bool {
        match arg {
            Arg::Value(Operand::Var(v)) => self.has_tangent(*v),
            Arg::Value(Operand::Const(_)) => false,
            Arg::Ref(place) | Arg::Receiver(place) => self.has_tangent(place.base),
        }
    }

    /// The tangent passed for a constant argument of a free function: a float's is `0.0`, a
    /// collection's or struct's a zero shaped like it if its type has a gradient, else a
    /// stand-in (`ZeroOf`, see the runtime's `forward` module); an integer passes itself. The
    /// callee's `_jvp` drops those of parameters it does not differentiate.
    fn constant_tangent(&mut self, arg: &Arg, span: Span, out: &mut Vec<Stmt>) -> Arg {
        let (place, by_reference) = match arg {
            Arg::Value(o @ Operand::Const(_)) => return Arg::Value(self.zero_for(o, span, out)),
            // An integer reference (`labels: &[usize]`) passes itself: its tangent is dropped.
            Arg::Value(o @ Operand::Var(v)) if self.facts.kinds[*v] == Kind::Int && self.is_reference(*v) => {
                return Arg::Value(o.clone());
            }
            Arg::Value(o @ Operand::Var(v))
                if self.facts.kinds[*v].is_scalar() || self.facts.kinds[*v] == Kind::Int =>
            {
                return Arg::Value(self.zero_for(o, span, out));
            }
            // A reference parameter's zero is a reference to an owned zero.
            Arg::Value(Operand::Var(v)) => (Place { base: *v, steps: Vec::new() }, self.is_reference(*v)),
            Arg::Ref(place) | Arg::Receiver(place) => (place.clone(), true),
        };
        let zero_of = Item::ZeroOf;
        let (tokens, uses) = self.place_tokens(&place);
        // `ZeroOf` borrows the value: a reference parameter is one already.
        let reference = if place.steps.is_empty() && self.is_reference(place.base) { tokens } else { quote!(&#tokens) };
        let value = Value::Inactive(Inactive { tokens: quote!((&&#zero_of(#reference)).zero()), uses, pure: false });
        let z = self.let_temp(Kind::Unknown, value, span, out);
        let z = Place { base: z, steps: Vec::new() };
        if by_reference { Arg::Ref(z) } else { Arg::Value(Operand::Var(z.base)) }
    }

    /// The tangent passed for an argument that carries one (a `&f64`'s is its `&f64` tangent:
    /// arguments keep their parameters' types).
    fn arg_tangent(&mut self, arg: &Arg, receiver: bool, span: Span, out: &mut Vec<Stmt>) -> Arg {
        match arg {
            Arg::Value(Operand::Var(v)) if self.has_tangent(*v) && self.vars[*v].kind == Kind::ScalarRef => {
                Arg::Value(Operand::Var(self.tangent_var(*v)))
            }
            Arg::Value(o) => match self.tangent_operand(o) {
                Some(d) => Arg::Value(d),
                None => Arg::Value(self.zero_for(o, span, out)),
            },
            Arg::Ref(place) | Arg::Receiver(place) => {
                let dplace = match self.tangent_place(place) {
                    Some(dplace) => dplace,
                    None => {
                        let z = self.zero_like(place, Kind::Unknown, span, out);
                        Place { base: z, steps: Vec::new() }
                    }
                };
                // A receiver's tangent is passed as a reference to it; one that is a reference
                // already (`self` in a `&self` method, a `&Model` parameter) as itself.
                if receiver && dplace.steps.is_empty() && self.is_reference(place.base) {
                    Arg::Value(Operand::Var(dplace.base))
                } else {
                    Arg::Ref(dplace)
                }
            }
        }
    }

    /// Whether `v` holds a reference (a parameter taken by reference).
    fn is_reference(&self, v: VarId) -> bool {
        self.facts.f.params.iter().any(|p| p.var == v && p.borrowed)
    }

    fn bookkeeping(&mut self, what: &str, id: usize, role: Role, span: Span) -> VarId {
        let name = crate::names::bookkeeping(what, id);
        self.push_var(Var {
            adjoint: name.clone(),
            name,
            kind: Kind::Int,
            mutable: false,
            role,
            span,
            ty: None,
            alias_of: None,
            destructured: None,
        })
    }
}

/// Whether `name` can be a variable's name (`do`, the tangent of `o`, is a keyword).
pub fn is_identifier(name: &str) -> bool {
    syn::parse_str::<syn::Ident>(name).is_ok()
}

/// A variable's base name: `t3` for the temporary `__t3`, `x` for `x`.
fn base_of(name: &str) -> &str {
    name.strip_prefix("__").unwrap_or(name)
}

fn quote_index(k: u32) -> TokenStream {
    let index = syn::Index { index: k, span: Span::call_site() };
    quote!(#index)
}

fn collect_idents(tokens: &TokenStream, out: &mut HashSet<String>) {
    for tt in tokens.clone() {
        match tt {
            proc_macro2::TokenTree::Ident(i) => {
                out.insert(i.to_string());
            }
            proc_macro2::TokenTree::Group(g) => collect_idents(&g.stream(), out),
            _ => {}
        }
    }
}
