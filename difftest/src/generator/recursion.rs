//! Recursive functions (`recursion`): a `depth: usize` (or `u32`) parameter, a base case that
//! returns without recursing, and calls of the function itself with `depth - 1` where
//! `depth > 0` holds — after `if depth == 0 { return …; }`, inside `if depth > 0 { … }`, or
//! as `if depth > 0 { f(…, depth - 1) } else { … }` — in a `let`, in a loop, in an `if`,
//! twice in one expression (`f(…) * f(…)`), and anywhere later in the body the fan-out
//! allows.
//!
//! How the arguments are passed decides whether the macro takes its `_vjp_into` path (every
//! differentiated parameter passed on whole in its own position, never assigned) or the
//! ordinary `_vjp`: whole, two parameters swapped, a sub-slice (`&s[1..]`, the body reading
//! `s` through a view of the prefix every level has), a float modified (`x * 0.5`), a local
//! buffer lent (`&y`), a `mut x` reassigned before the call, or arguments drawn like any
//! call's. The oracle's copy of the function calls itself the same way, over duals.

use super::ast::*;
use super::expr::{Ex, float_read};
use super::function::{SigParam, Signature, signature};
use super::loops::LoopKind;
use super::scope::{Binding, Container, FloatVar, IntVar, SliceVar};
use super::stmt::{VAR_LIMIT, is_word, local_buffer};
use super::types::{MatTy, ParamTy, SeqTy, Ty};
use super::{DEPTH_MAX, Features, Gen};
use rand::RngExt;

/// Most calls of itself one run of a recursive function makes, summed over its call sites,
/// each counted by the loop trips around it: at most `FAN_OUT^DEPTH_MAX` leaves.
const FAN_OUT: usize = 4;
/// The bound taken for the function's own result (its tail is squashed to it).
const OWN_BOUND: f64 = VAR_LIMIT * 2.0;
/// The name of the depth parameter.
const DEPTH: &str = "depth";
/// Most arguments a call through the macro takes, a receiver counting (the runtime's
/// `prefix8`; a `_jvp_jvp` takes three tangents per argument, 32 in all): a recursive function
/// calls itself with all of its parameters, so it has no more.
const MAX_ARGS: usize = 8;

/// How a recursive function passes its parameters on to itself (the others whole).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Style {
    /// Each as it is (`x`, `s`, `v.clone()`, `t`): every differentiated parameter in its own
    /// position, the macro's `_vjp_into` path.
    Whole,
    /// Two parameters of one type, each in the other's position.
    Swapped(String, String),
    /// A slice as `&s[1..]` or `&s[..s.len() - 1]`: the body reads it through a view of its
    /// first `len - DEPTH_MAX` elements, which every level has.
    Shrunk(String),
    /// A float modified: `x * 0.5`, `0.75 * x + 0.25`, `-x`, `x.sin()`, `x + e`.
    Scaled(String),
    /// A collection given a local one of its length (`&y`, `y`, `y.clone()`).
    Buffer(String),
    /// A float parameter `mut x`, assigned before the call, passed on.
    Reassigned(String),
    /// Arguments drawn like any call's (`call_of`).
    Drawn,
}

impl Style {
    /// Whether parameter `name` is passed on shrunk (and read through a prefix view).
    pub fn shrinks(&self, name: &str) -> bool {
        matches!(self, Style::Shrunk(s) if s == name)
    }

    /// The parameters the style passes in its own way.
    fn names(&self) -> Vec<&str> {
        match self {
            Style::Swapped(a, b) => vec![a, b],
            Style::Shrunk(x) | Style::Scaled(x) | Style::Buffer(x) | Style::Reassigned(x) => vec![x],
            Style::Whole | Style::Drawn => Vec::new(),
        }
    }
}

/// What generating a recursive function needs to know about itself.
pub struct Recursion {
    sig: Signature,
    /// The parameters' names, in the signature's order.
    names: Vec<String>,
    style: Style,
    /// `depth: u32` (not in scope as an index).
    narrow: bool,
    /// `depth > 0` holds where the statement being generated runs.
    positive: bool,
    /// Calls of itself still allowed, counted by trips (see [`FAN_OUT`]).
    budget: usize,
    /// A parameter is left out of `wrt(…)` while found/017 is open: the differentiated ones
    /// must get parameters' values, so none is shadowed.
    strict: bool,
    /// The call being generated may move a `Vec` parameter into its own position (it runs
    /// once, at the top level, and nothing reads the parameter after it).
    moving: bool,
}

impl Gen<'_> {
    /// Adds `depth` to a recursive function's parameters (a method's when `method`) and draws
    /// how it passes them on, adjusting them for that (two of one type to swap, a slice long
    /// enough to shrink, a float to modify or reassign) and leaving out others beyond
    /// [`MAX_ARGS`].
    pub fn recursive_params(&mut self, params: &mut Vec<Param>, method: bool) -> Style {
        let style = self.recursive_style(params);
        while params.len() + usize::from(method) > MAX_ARGS {
            // At least one differentiable parameter stays (`self` counting).
            let differentiable = params.iter().filter(|p| p.ty.differentiable()).count() + usize::from(method);
            let removable: Vec<usize> = (0..params.len())
                .filter(|&k| !matches!(params[k].ty, ParamTy::Depth { .. }))
                .filter(|&k| !style.names().contains(&params[k].name.as_str()))
                .filter(|&k| !params[k].ty.differentiable() || differentiable > 1)
                .collect();
            let Some(&k) = removable.get(self.rng.random_range(0..removable.len().max(1))) else { break };
            params.remove(k);
        }
        style
    }

    fn recursive_style(&mut self, params: &mut Vec<Param>) -> Style {
        let narrow = self.rng.random_bool(0.35);
        let at = self.rng.random_range(0..=params.len());
        params.insert(at, Param::new(DEPTH, ParamTy::Depth { narrow }));
        let seqs: Vec<String> =
            params.iter().filter(|p| matches!(p.ty, ParamTy::Seq { .. })).map(|p| p.name.clone()).collect();
        match self.rng.random_range(0..100) {
            0..30 => Style::Whole,
            30..42 => self.swappable(params),
            42..54 if self.features.views => {
                let s = match seqs.get(self.rng.random_range(0..seqs.len().max(1))) {
                    Some(s) => s.clone(),
                    None => self.add_param(params, "s", ParamTy::Seq { kind: SeqTy::Slice, len: 1 }),
                };
                let len = DEPTH_MAX + self.rng.random_range(1..=2);
                set_ty(params, &s, ParamTy::Seq { kind: SeqTy::Slice, len });
                Style::Shrunk(s)
            }
            54..66 => Style::Scaled(self.float_param(params)),
            66..76 if !seqs.is_empty() => Style::Buffer(seqs[self.rng.random_range(0..seqs.len())].clone()),
            76..88 => {
                let x = self.float_param(params);
                set_ty(params, &x, ParamTy::Float { by_ref: false });
                if let Some(p) = params.iter_mut().find(|p| p.name == x) {
                    p.mutable = true;
                }
                Style::Reassigned(x)
            }
            _ => Style::Drawn,
        }
    }

    /// The style `style` as `wrt` allows it: a swap of a differentiated parameter with one
    /// left out would give the latter an active value, a reassigned parameter left out would
    /// take one, a buffer is active (or, while found/017 is open beside a parameter left out,
    /// maybe constant, as a reassigned parameter may become); those pass their parameters
    /// whole instead.
    pub fn settle(&mut self, style: Style, params: &mut [Param], wrt: Option<&[String]>, method: bool) -> Style {
        let diff = |name: &str| wrt.is_none_or(|w| w.iter().any(|n| n == name));
        let partial = params.iter().any(|p| !diff(&p.name) && (p.ty.differentiable() || is_option(p.ty)))
            || method && !diff("self");
        let strict = partial && !self.features.maybe_constant_to_wrt;
        match style {
            Style::Swapped(a, b) if diff(&a) != diff(&b) => Style::Whole,
            Style::Reassigned(x) if !diff(&x) || strict => {
                params.iter_mut().filter(|p| p.name == x).for_each(|p| p.mutable = false);
                Style::Whole
            }
            Style::Buffer(s) if !diff(&s) || strict => Style::Whole,
            other => other,
        }
    }

    /// `let v = &s[0..len - DEPTH_MAX];`: the view a shrunk slice is read through, bound in
    /// its place.
    pub fn bind_prefix(&mut self, p: &Param, active: bool) -> Stmt {
        let ParamTy::Seq { len, .. } = p.ty else { unreachable!("only a slice is shrunk") };
        let keep = len - DEPTH_MAX;
        let name = self.fresh("v");
        self.scope.add_slice(SliceVar {
            name: name.clone(),
            len: keep,
            container: Container::Slice,
            binding: Binding::Ref,
            bound: 2.0,
            writable: false,
            local: false,
            active,
            borrows: Some(p.name.clone()),
            movable: false,
        });
        let start = IntExpr { text: "0".to_string(), max: 0 };
        Stmt::LetBorrow { name, place: Expr::Slice { path: p.name.clone(), start, len: keep, open: false } }
    }

    /// Starts generating the body of `f`, which calls itself passing its parameters by
    /// `style`.
    pub fn start_recursion(&mut self, f: &Function, style: Style) {
        let narrow = f.params.iter().any(|p| p.ty == ParamTy::Depth { narrow: true });
        let sig = signature(f, OWN_BOUND, 0.0);
        let strict = strict(&sig, self.features);
        self.rec = Some(Recursion {
            sig,
            names: f.params.iter().map(|p| p.name.clone()).collect(),
            style,
            narrow,
            positive: false,
            budget: FAN_OUT,
            strict,
            moving: false,
        });
    }

    /// Whether `callee` is the function being generated (a call of itself).
    pub fn calls_itself(&self, callee: &Signature) -> bool {
        self.rec.as_ref().is_some_and(|r| r.sig.name == callee.name)
    }

    /// Whether the parameters keep their names (no `let p0 = …;` shadowing them): in a
    /// recursive function passing them on under found/017's rule.
    pub fn keeps_params(&self) -> bool {
        self.rec.as_ref().is_some_and(|r| r.strict)
    }

    /// `count` statements around the base case and a first call of itself: `if depth == 0 {
    /// return …; }` then the call (and later statements that may call it again), or `let mut
    /// r = …; if depth > 0 { …; r = … }`, or `let r = if depth > 0 { f(…) } else { … };`.
    pub fn recursive_body(&mut self, count: usize) -> Vec<Stmt> {
        let before = self.rng.random_range(0..=count.min(2));
        let mut out = self.stmts(before);
        match self.rng.random_range(0..10) {
            0..5 => {
                let cond = self.depth_cond(false);
                let value = self.value_of(&Ty::Float, true, false, 2);
                self.returned = true;
                out.push(Stmt::Return { cond, value: value.e });
                self.set_positive(true);
                out.extend(self.site().0);
            }
            5..8 => out.extend(self.guarded_site()),
            _ => out.extend(self.guarded_value()),
        }
        out.extend(self.stmts(count - before));
        out
    }

    /// A call of itself where a call may be (`Gen::call`), now and then, if `depth > 0`
    /// holds here and the fan-out allows; not in a closure or a literal, nor where it may not
    /// run or may run more often than counted (after `&&`/`||`, in a guard).
    pub fn maybe_recursive_call(&mut self, d: u32) -> Option<Ex> {
        let here = self.closures == 0 && self.short_circuit == 0 && self.in_literal == 0;
        if !here || !self.rec.as_ref().is_some_and(|r| r.positive) || !self.rng.random_bool(0.3) {
            return None;
        }
        let x = self.recursive_call(d)?;
        Some(self.limit(x))
    }

    /// The depth argument of a call of a recursive function: a literal or an integer in scope
    /// of at most `DEPTH_MAX` (a `u32`: a literal, or the caller's own `u32` depth).
    pub fn depth_arg(&mut self, narrow: bool) -> IntExpr {
        if !narrow {
            return self.small_int(DEPTH_MAX);
        }
        if self.rec.as_ref().is_some_and(|r| r.narrow) && self.rng.random_bool(0.3) {
            return IntExpr { text: DEPTH.to_string(), max: DEPTH_MAX };
        }
        let k = self.rng.random_range(0..=DEPTH_MAX);
        IntExpr { text: k.to_string(), max: k }
    }

    fn set_positive(&mut self, positive: bool) {
        if let Some(r) = &mut self.rec {
            r.positive = positive;
        }
    }

    /// `depth == 0` (`depth < 1`, maybe `|| c`) for the base case, or `depth > 0`
    /// (`depth >= 1`, `0 < depth`, maybe `&& c`) for the recursive one.
    fn depth_cond(&mut self, positive: bool) -> Cond {
        let text = match (positive, self.rng.random_range(0..3)) {
            (false, 0) => format!("{DEPTH} < 1"),
            (false, _) => format!("{DEPTH} == 0"),
            (true, 0) => format!("{DEPTH} >= 1"),
            (true, 1) => format!("0 < {DEPTH}"),
            (true, _) => format!("{DEPTH} > 0"),
        };
        let own = Cond::Int(text);
        if !self.rng.random_bool(0.25) {
            return own;
        }
        self.short_circuit += 1;
        let other = self.float_cond(1);
        self.short_circuit -= 1;
        match positive {
            true => Cond::And(Box::new(own), Box::new(other)),
            false => Cond::Or(Box::new(own), Box::new(other)),
        }
    }

    /// Takes one call of itself at the current trips from the budget, if it allows.
    fn spend(&mut self) -> bool {
        let trips = self.trips;
        match &mut self.rec {
            Some(r) if r.positive && trips <= r.budget => {
                r.budget -= trips;
                true
            }
            _ => false,
        }
    }

    /// `f(…, depth - 1)`, its arguments passed by the function's style, if `depth > 0`
    /// holds here and the budget allows.
    fn recursive_call(&mut self, d: u32) -> Option<Ex> {
        let r = self.rec.as_ref()?;
        if !r.positive || self.trips > r.budget {
            return None;
        }
        let (sig, names, style) = (r.sig.clone(), r.names.clone(), r.style.clone());
        // Only this call may move a parameter, not one nested in its arguments.
        let moving = self.rec.as_mut().is_some_and(|r| std::mem::replace(&mut r.moving, false));
        let minus_one = Arg::Int(IntExpr { text: format!("{DEPTH} - 1"), max: DEPTH_MAX - 1 });
        let at = sig.params.iter().position(|p| matches!(p.ty, ParamTy::Depth { .. }))?;
        // Drawn arguments that cannot be found (found/017 wants a parameter's value for a
        // differentiated one) are passed whole.
        let drawn = match style == Style::Drawn {
            true => self.call_of(&sig, d),
            false => None,
        };
        let call = if let Some(mut call) = drawn {
            if let Expr::Call(_, args) | Expr::Method(_, _, args) = &mut call {
                args[at] = minus_one;
            }
            call
        } else {
            let strict = strict(&sig, self.features);
            let mut args = Vec::new();
            for (p, name) in sig.params.iter().zip(&names) {
                let arg = match &style {
                    _ if matches!(p.ty, ParamTy::Depth { .. }) => minus_one.clone(),
                    Style::Swapped(a, b) if name == a => self.whole(b, false, *p, strict, d)?,
                    Style::Swapped(a, b) if name == b => self.whole(a, false, *p, strict, d)?,
                    Style::Shrunk(s) if name == s => shrunk(s, self.rng.random_bool(0.5)),
                    Style::Scaled(x) if name == x => self.scaled(x, *p, strict, d)?,
                    Style::Buffer(s) if name == s => match self.local_collection(p.ty) {
                        Some(arg) => arg,
                        None => self.whole(name, false, *p, strict, d)?,
                    },
                    _ => self.whole(name, moving, *p, strict, d)?,
                };
                args.push(arg);
            }
            match sig.receiver {
                None => Expr::Call(self.callee_name(&sig, &args), args),
                // A method on its own receiver, by method call or by path (`Self::m(self, …)`,
                // which the macro knows for a call of itself).
                Some(_) if self.rng.random_bool(0.5) => Expr::Method("self".to_string(), sig.name.clone(), args),
                Some(_) => {
                    args.insert(0, Arg::Value(Expr::Var("self".to_string())));
                    Expr::Call(format!("Self::{}", sig.name), args)
                }
            }
        };
        if !self.spend() {
            return None;
        }
        Some(Ex { e: call, b: OWN_BOUND })
    }

    /// The argument passing parameter `source` on as it is, for a parameter `p` of its type
    /// (a `Vec` cloned, or moved when `moving`); if it was shadowed or moved, one drawn like
    /// any call's.
    fn whole(&mut self, source: &str, moving: bool, p: SigParam, strict: bool, d: u32) -> Option<Arg> {
        let var = || Expr::Var(source.to_string());
        let found = match p.ty {
            ParamTy::Float { .. } => {
                self.scope.floats().into_iter().any(|(_, v)| v.name == source && v.param).then(|| Arg::Value(var()))
            }
            ParamTy::Seq { kind, .. } => {
                let visible = self.scope.slices().into_iter().any(|(_, s)| s.name == source && !s.local);
                match kind {
                    SeqTy::Vec if moving => visible.then(|| Arg::Value(var())),
                    SeqTy::Vec => visible.then(|| Arg::Value(Expr::Clone(source.to_string()))),
                    _ => visible.then(|| Arg::Value(var())),
                }
            }
            ParamTy::Matrix { kind, .. } => {
                self.scope.mats().into_iter().any(|m| m.name == source).then(|| match kind {
                    MatTy::Vec => Arg::Value(Expr::Clone(source.to_string())),
                    _ => Arg::Value(var()),
                })
            }
            ParamTy::Struct { id, by_ref } => {
                let copy = self.structs[id].copy;
                self.scope.structs().into_iter().any(|s| s.name == source).then(|| match by_ref || copy {
                    true => Arg::Value(var()),
                    false => Arg::Value(Expr::Clone(source.to_string())),
                })
            }
            ParamTy::Int => self
                .scope
                .ints()
                .into_iter()
                .find(|v| v.name == source)
                .map(|v| Arg::Int(IntExpr { text: v.name.clone(), max: v.max })),
            ParamTy::Opt { .. } | ParamTy::DiffOpt => {
                self.scope.opts().into_iter().any(|o| o.name == source).then(|| Arg::Value(var()))
            }
            _ => None,
        };
        match found {
            Some(arg) => Some(arg),
            None if strict && p.wrt => self.active_arg(p.ty, d),
            None => self.arg(p.ty, p.wrt, false, d),
        }
    }

    /// `x * 0.5`, `0.75 * x + 0.25`, `-x`, `x.sin()` or (given an active value) `x + e` of
    /// float parameter `x`, borrowed for a `&F` parameter.
    fn scaled(&mut self, x: &str, p: SigParam, strict: bool, d: u32) -> Option<Arg> {
        let Some(v) = self.scope.floats().into_iter().map(|(_, v)| v.clone()).find(|v| v.name == x && v.param) else {
            return self.whole(x, false, p, strict, d);
        };
        let read = || Box::new(float_read(v.name.clone(), v.by_ref, false));
        let lit = |c: f64| Box::new(Expr::Lit(c));
        let e = match self.rng.random_range(0..5) {
            0 => Expr::Bin(BinOp::Mul, read(), lit(0.5)),
            1 => Expr::Bin(BinOp::Add, Box::new(Expr::Bin(BinOp::Mul, lit(0.75), read())), lit(0.25)),
            2 => Expr::Neg(read()),
            3 => Expr::Unary(Unary::Sin, Form::Method, read()),
            _ if p.wrt => {
                let e = self.expr(d);
                let e = self.squash(e, 1.0);
                Expr::Bin(BinOp::Add, read(), Box::new(e.e))
            }
            _ => Expr::Bin(BinOp::Mul, read(), lit(0.5)),
        };
        Some(if v.by_ref { Arg::Borrow(e) } else { Arg::Value(e) })
    }

    /// A local collection in scope of the length and kind of parameter type `ty`, lent,
    /// copied or cloned.
    fn local_collection(&mut self, ty: ParamTy) -> Option<Arg> {
        let ParamTy::Seq { kind, len } = ty else { return None };
        let fits: Vec<SliceVar> = self
            .scope
            .slices()
            .into_iter()
            .map(|(_, s)| s.clone())
            .filter(|s| s.local && s.binding == Binding::Place && s.len == len && is_word(&s.name))
            .filter(|s| !self.lent_mut(&s.name))
            .filter(|s| match kind {
                SeqTy::Slice => true,
                SeqTy::Vec | SeqTy::VecRef => s.container == Container::Vec,
                SeqTy::Array | SeqTy::ArrayRef => s.container == Container::Array,
            })
            .collect();
        let s = fits.get(self.rng.random_range(0..fits.len().max(1)))?.name.clone();
        Some(match kind {
            SeqTy::Slice | SeqTy::VecRef | SeqTy::ArrayRef => Arg::Borrow(Expr::Var(s)),
            SeqTy::Array => Arg::Value(Expr::Var(s)),
            SeqTy::Vec => Arg::Value(Expr::Clone(s)),
        })
    }

    /// What the first call needs before it: the local buffer a `Buffer` style lends, the
    /// reassignment of a `Reassigned` style's parameter.
    fn prepare(&mut self) -> Vec<Stmt> {
        let Some(r) = &self.rec else { return Vec::new() };
        let at = |name: &String| r.names.iter().position(|n| n == name);
        match r.style.clone() {
            Style::Buffer(s) => {
                let Some(ParamTy::Seq { kind, len }) = at(&s).map(|k| r.sig.params[k].ty) else {
                    return Vec::new();
                };
                let array = match kind {
                    SeqTy::Array | SeqTy::ArrayRef => true,
                    SeqTy::Vec | SeqTy::VecRef => false,
                    SeqTy::Slice => self.rng.random_bool(0.3),
                };
                let name = self.fresh("y");
                let container = if array { Container::Array } else { Container::Vec };
                self.scope.add_slice(local_buffer(name.clone(), len, container, 0.0));
                let len_text = IntExpr { text: len.to_string(), max: len };
                vec![Stmt::LetBuf { name: name.clone(), len: len_text, array }, self.fill(&name, len)]
            }
            Style::Reassigned(x) => {
                let Some((slot, v)) =
                    self.scope.floats().into_iter().find(|(_, v)| v.name == x && v.param).map(|(s, v)| (s, v.clone()))
                else {
                    return Vec::new();
                };
                let own = Ex { e: Expr::Var(x.clone()), b: v.bound };
                let (op, value) = match self.rng.random_range(0..3) {
                    0 => (AssignOp::Mul, Ex { e: Expr::Lit(0.5), b: v.bound }),
                    1 => {
                        let e = self.expr(1);
                        let e = self.squash(e, 1.0);
                        let value = self.combine(own, e);
                        (AssignOp::Set, self.squash(value, VAR_LIMIT))
                    }
                    _ => {
                        let scaled = Expr::Bin(BinOp::Mul, Box::new(own.e), Box::new(Expr::Lit(1.5)));
                        (AssignOp::Set, Ex { e: scaled, b: v.bound * 1.5 })
                    }
                };
                let bound = self.scope.float_mut(slot);
                bound.bound = bound.bound.max(value.b);
                vec![Stmt::Assign { deref: false, name: x, op, value: value.e }]
            }
            _ => Vec::new(),
        }
    }

    /// The first call of itself where `depth > 0` holds, after what it needs: in a `let`
    /// (once or twice in its value), in a loop adding into an accumulator, or in an `if`.
    /// Returns the statements and the float local holding what the calls gave.
    fn site(&mut self) -> (Vec<Stmt>, Option<String>) {
        let mut out = self.prepare();
        let vec_param = |p: &SigParam| matches!(p.ty, ParamTy::Seq { kind: SeqTy::Vec, .. });
        let movable = self.rec.as_ref().is_some_and(|r| r.style == Style::Whole && r.sig.params.iter().any(vec_param));
        // No closure in scope: one may have captured a borrow of the parameter.
        let top = self.nest == 0 && self.trips == 1 && movable && self.scope.fns().is_empty();
        let (stmts, name) = match self.rng.random_range(0..100) {
            _ if top && self.rng.random_bool(0.5) => self.moving_site(),
            0..30 => self.let_site(false),
            30..50 => self.let_site(true),
            50..75 => self.loop_site(),
            _ => self.branch_site(),
        };
        out.extend(stmts);
        (out, name)
    }

    /// Binds a fresh float local of bound `bound` and returns its name.
    fn bind_float(&mut self, mutable: bool, bound: f64) -> String {
        let name = self.fresh("a");
        self.scope.add_float(FloatVar {
            name: name.clone(),
            mutable,
            bound,
            by_ref: false,
            active: true,
            param: false,
        });
        name
    }

    /// A value holding one call of itself (`f(…)`, `f(…) * e`) or two (`f(…) * f(…)`, the
    /// second the same call or another).
    fn call_value(&mut self, twice: bool) -> Option<Ex> {
        let a = self.recursive_call(1)?;
        let value = match twice {
            true if self.rng.random_bool(0.5) && self.spend() => {
                let b = a.clone();
                self.combine(a, b)
            }
            true => match self.recursive_call(1) {
                Some(b) => self.combine(a, b),
                None => a,
            },
            false if self.rng.random_bool(0.5) => {
                let e = self.expr(1);
                let e = self.squash(e, 4.0);
                self.combine(a, e)
            }
            false => a,
        };
        Some(self.squash(value, VAR_LIMIT))
    }

    /// `let a = f(…);`, `let a = f(…) * f(…);`.
    fn let_site(&mut self, twice: bool) -> (Vec<Stmt>, Option<String>) {
        let Some(value) = self.call_value(twice) else { return (Vec::new(), None) };
        let name = self.bind_float(false, value.b);
        let typed = self.rng.random_bool(0.2);
        (vec![Stmt::Let { name: name.clone(), mutable: false, typed, value: value.e }], Some(name))
    }

    /// `let a = f(s, …);` moving the `Vec` parameters passed whole (cloned instead where
    /// another argument reads them), which are then gone from the scope (with the borrows of
    /// them; no closure is in scope to hold one).
    fn moving_site(&mut self) -> (Vec<Stmt>, Option<String>) {
        let vecs: Vec<String> = match &self.rec {
            Some(r) => r
                .sig
                .params
                .iter()
                .zip(&r.names)
                .filter(|(p, _)| matches!(p.ty, ParamTy::Seq { kind: SeqTy::Vec, .. }))
                .map(|(_, n)| n.clone())
                .collect(),
            None => Vec::new(),
        };
        if let Some(r) = &mut self.rec {
            r.moving = true;
        }
        let call = self.recursive_call(1);
        if let Some(r) = &mut self.rec {
            r.moving = false;
        }
        let Some(mut call) = call else { return (Vec::new(), None) };
        if let Expr::Call(_, args) | Expr::Method(_, _, args) = &mut call.e {
            for k in 0..args.len() {
                let Arg::Value(Expr::Var(name)) = &args[k] else { continue };
                if !vecs.contains(name) {
                    continue;
                }
                let name = name.clone();
                let others: Vec<&Arg> = args.iter().enumerate().filter(|(j, _)| *j != k).map(|(_, a)| a).collect();
                if super::forms::mentions(&format!("{others:?}"), &name) {
                    args[k] = Arg::Value(Expr::Clone(name));
                } else {
                    self.scope.moved(&name);
                }
            }
        }
        let value = self.squash(call, VAR_LIMIT);
        let name = self.bind_float(false, value.b);
        (vec![Stmt::Let { name: name.clone(), mutable: false, typed: false, value: value.e }], Some(name))
    }

    /// `let mut a = 0.0; for i in 0..2 { [stmt] a += f(…) [* e]; }` (or `0..depth`, `1..=2`,
    /// `(0..2).rev()`), the arguments free to read `i`.
    fn loop_site(&mut self) -> (Vec<Stmt>, Option<String>) {
        let room = self.rec.as_ref().map_or(0, |r| r.budget) / self.trips.max(1);
        let narrow = self.rec.as_ref().is_some_and(|r| r.narrow);
        let (range, trips) = match self.rng.random_range(0..4) {
            _ if room < 2 => ("0..1".to_string(), 1),
            0 if !narrow && room >= DEPTH_MAX => (format!("0..{DEPTH}"), DEPTH_MAX),
            1 => ("1..=2".to_string(), 2),
            2 => ("(0..2).rev()".to_string(), 2),
            _ => ("0..2".to_string(), 2),
        };
        let acc = self.bind_float(true, 0.0);
        let var = ["i", "j", "l"][self.nest.min(2)].to_string();
        let body = self.in_loop(LoopKind::For, trips, |g| {
            g.scope.add_int(IntVar { name: var.clone(), max: trips });
            let mut body = Vec::new();
            if g.rng.random_bool(0.3) {
                body.extend(g.stmts(1));
                // A statement may shadow the accumulator (`let a = a * …;`); the `+=` below
                // then updates the shadow, which must be `mut` for it.
                for stmt in &mut body {
                    if let Stmt::Let { name, mutable, .. } = stmt
                        && *name == acc
                    {
                        *mutable = true;
                    }
                }
            }
            if let Some(value) = g.call_value(false) {
                let value = g.squash(value, 4.0);
                if let Some((slot, _)) = g.scope.floats().into_iter().find(|(_, v)| v.name == acc) {
                    g.scope.float_mut(slot).bound += value.b;
                }
                body.push(Stmt::Assign { deref: false, name: acc.clone(), op: AssignOp::Add, value: value.e });
            }
            body
        });
        let init = Stmt::Let { name: acc.clone(), mutable: true, typed: false, value: Expr::Lit(0.0) };
        (vec![init, Stmt::For { var, range, body }], Some(acc))
    }

    /// `let mut a = e; if c { a = a * f(…); } [else { … }]`.
    fn branch_site(&mut self) -> (Vec<Stmt>, Option<String>) {
        let e = self.expr(1);
        let init = self.squash(e, 4.0);
        let acc = self.bind_float(true, init.b);
        let cond = self.cond(1);
        self.scope.push();
        self.nest += 1;
        let then = match self.call_value(false) {
            Some(value) => {
                let own = Ex { e: Expr::Var(acc.clone()), b: init.b };
                let value = self.combine(own, value);
                let value = self.squash(value, VAR_LIMIT);
                vec![Stmt::Assign { deref: false, name: acc.clone(), op: AssignOp::Set, value: value.e }]
            }
            None => Vec::new(),
        };
        self.nest -= 1;
        self.scope.pop();
        if let Some((slot, _)) = self.scope.floats().into_iter().find(|(_, v)| v.name == acc) {
            self.scope.float_mut(slot).bound = VAR_LIMIT;
        }
        let otherwise = self.rng.random_bool(0.4).then(|| self.block());
        let init = Stmt::Let { name: acc.clone(), mutable: true, typed: false, value: init.e };
        (vec![init, Stmt::If { cond, then, otherwise }], Some(acc))
    }

    /// `let mut r = e; if depth > 0 { …; r = r + a; } [else { … }]`: the base case a value the
    /// recursive branch replaces or adds to.
    fn guarded_site(&mut self) -> Vec<Stmt> {
        let base = self.value_of(&Ty::Float, true, false, 2);
        let r = self.bind_float(true, base.b);
        let cond = self.depth_cond(true);
        self.scope.push();
        self.nest += 1;
        self.set_positive(true);
        let (mut then, got) = self.site();
        if let Some(a) = got {
            let own = Ex { e: Expr::Var(r.clone()), b: base.b };
            let value = match self.rng.random_bool(0.5) {
                true => Ex { e: Expr::Var(a), b: VAR_LIMIT },
                false => {
                    let a = Ex { e: Expr::Var(a), b: VAR_LIMIT };
                    self.combine(own, a)
                }
            };
            let value = self.squash(value, VAR_LIMIT);
            then.push(Stmt::Assign { deref: false, name: r.clone(), op: AssignOp::Set, value: value.e });
        }
        self.set_positive(false);
        self.nest -= 1;
        self.scope.pop();
        if let Some((slot, _)) = self.scope.floats().into_iter().find(|(_, v)| v.name == r) {
            let v = self.scope.float_mut(slot);
            v.bound = v.bound.max(VAR_LIMIT);
        }
        let otherwise = self.rng.random_bool(0.3).then(|| self.block());
        let init = Stmt::Let { name: r, mutable: true, typed: false, value: base.e };
        vec![init, Stmt::If { cond, then, otherwise }]
    }

    /// `let r = if depth > 0 { f(…) } else { e };` (after what the call needs).
    fn guarded_value(&mut self) -> Vec<Stmt> {
        // What the call needs runs whatever the depth: no call of itself in it.
        let mut out = self.prepare();
        let cond = self.depth_cond(true);
        self.set_positive(true);
        let twice = self.rng.random_bool(0.4);
        let call = self.call_value(twice);
        self.set_positive(false);
        let Some(call) = call else { return out };
        let base = self.expr(2);
        let base = self.squash(base, VAR_LIMIT);
        let bound = call.b.max(base.b);
        let name = self.bind_float(false, bound);
        let value = Expr::If(Box::new(cond), Box::new(call.e), Box::new(base.e));
        out.push(Stmt::Let { name, mutable: false, typed: false, value });
        out
    }

    /// A parameter `p0`, `p1`, … of a fresh name and type `ty` at a random position.
    fn add_param(&mut self, params: &mut Vec<Param>, stem: &str, ty: ParamTy) -> String {
        let name =
            (0..).map(|k| format!("{stem}{k}")).find(|n| params.iter().all(|p| &p.name != n)).unwrap_or_default();
        let at = self.rng.random_range(0..=params.len());
        params.insert(at, Param::new(name.clone(), ty));
        name
    }

    /// A float parameter (added if there is none).
    fn float_param(&mut self, params: &mut Vec<Param>) -> String {
        let floats: Vec<String> =
            params.iter().filter(|p| matches!(p.ty, ParamTy::Float { .. })).map(|p| p.name.clone()).collect();
        match floats.get(self.rng.random_range(0..floats.len().max(1))) {
            Some(x) => x.clone(),
            None => {
                let by_ref = self.features.references && self.rng.random_bool(0.3);
                self.add_param(params, "p", ParamTy::Float { by_ref })
            }
        }
    }

    /// Two parameters of one type to swap: two floats or two collections made alike, or a
    /// float added beside one (two if there is none).
    fn swappable(&mut self, params: &mut Vec<Param>) -> Style {
        let of = |params: &[Param], seq: bool| -> Vec<(String, ParamTy)> {
            params
                .iter()
                .filter(|p| match seq {
                    true => matches!(p.ty, ParamTy::Seq { .. }),
                    false => matches!(p.ty, ParamTy::Float { .. }),
                })
                .map(|p| (p.name.clone(), p.ty))
                .collect()
        };
        let (floats, seqs) = (of(params, false), of(params, true));
        let pair = if floats.len() >= 2 {
            floats
        } else if seqs.len() >= 2 && self.rng.random_bool(0.7) {
            seqs
        } else if let Some(x) = floats.first().cloned() {
            let y = self.add_param(params, "p", x.1);
            vec![x.clone(), (y, x.1)]
        } else {
            let ty = ParamTy::Float { by_ref: self.features.references && self.rng.random_bool(0.3) };
            let x = self.add_param(params, "p", ty);
            let y = self.add_param(params, "p", ty);
            vec![(x, ty), (y, ty)]
        };
        set_ty(params, &pair[1].0, pair[0].1);
        Style::Swapped(pair[0].0.clone(), pair[1].0.clone())
    }
}

/// Sets the type of parameter `name`.
fn set_ty(params: &mut [Param], name: &str, ty: ParamTy) {
    params.iter_mut().filter(|p| p.name == name).for_each(|p| p.ty = ty);
}

/// Whether a call of `sig` must give its differentiated parameters known active values
/// (found/017): it leaves out one (an `Option`, `self`) while the bug is open.
fn strict(sig: &Signature, features: &Features) -> bool {
    let partial = sig.params.iter().any(|p| !p.wrt && (p.ty.differentiable() || is_option(p.ty)))
        || sig.receiver.is_some() && !sig.self_wrt;
    partial && !features.maybe_constant_to_wrt
}

/// An `Option` parameter (constant, so left out by `wrt(…)`).
fn is_option(ty: ParamTy) -> bool {
    matches!(ty, ParamTy::Opt { .. })
}

/// `&s[1..]`, or `&s[..s.len() - 1]` unless `front`.
fn shrunk(s: &str, front: bool) -> Arg {
    match front {
        true => Arg::Borrow(Expr::Slice {
            path: s.to_string(),
            start: IntExpr { text: "1".to_string(), max: 1 },
            len: 0,
            open: true,
        }),
        false => Arg::Borrow(Expr::Var(format!("{s}[..{s}.len() - 1]"))),
    }
}
