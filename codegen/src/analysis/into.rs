//! Pullbacks that add into the caller's adjoints, for recursive calls.
//!
//! A pullback returns a fresh gradient, which its caller adds into its own adjoint. For a
//! recursive function that is most of the work: `det_of_minor` takes the `ℓ × ℓ` matrix
//! and touches `m` of its entries a call, yet each of its calls' pullbacks clears a gradient
//! of `ℓ²` entries and its caller adds all of them, once per node of the recursion tree.
//! What a person writes instead hands the caller's adjoint down:
//!
//! ```text
//! let (_, __pullback) = f_vjp(a, &rest);            let (_, __pullback) = f_vjp_into(a, &rest);
//! let (__g0_0,) = split(__flags, __pullback(s)); ==> __pullback(s, &mut __d_a);
//! accumulate(&mut __d_a, __g0_0);
//! ```
//!
//! `f_vjp_into` (printed only for a function with such calls) is `f_vjp` with a pullback that
//! takes `&mut` the caller's adjoint of each differentiated parameter and adds its gradient
//! into it: it moves the caller's adjoint in as its own starting value (a `Vec` is moved, a
//! float copied) and moves it back at the end, instead of starting from zero.
//!
//! That is only right for an adjoint the reverse sweep never reads, resets or declares from
//! a first contribution (*additive*): starting from the caller's value then only adds the
//! caller's value to the result. Only a call of the function itself is known to have the
//! `_into` form (a callee with a hand-written `_vjp` has none), and only a call whose every
//! gradient goes whole into the additive adjoint of the parameter in the same position uses
//! it; any other call keeps `_vjp`.

use super::Facts;
use crate::adjoint::{AExpr, AdjBlock, AdjStmt};
use crate::coalesce::{Renames, resolve};
use crate::ir::{CallTarget, Kind, ParamGradient, VarId};
use std::collections::{HashMap, HashSet};

/// The most differentiated parameters a `_vjp_into` is used for: the runtime boxes its
/// pullbacks with `boxed_into_pullback1` … `4`.
pub const MAX_PARAMS: usize = 4;

/// Which recursive calls pass their caller's adjoints down, and how `_vjp_into` takes them.
#[derive(Default)]
pub struct IntoPlan {
    /// For each call that uses `_vjp_into`: the variables whose adjoints its pullback adds
    /// into, one per differentiated parameter, in order.
    pub calls: HashMap<usize, Vec<VarId>>,
    /// The differentiated parameters `_vjp_into` starts from the caller's adjoint, and how.
    pub taken: HashMap<VarId, TakeIn>,
}

/// How `_vjp_into` takes a parameter's adjoint from its caller's.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TakeIn {
    /// A float: copied in, written back.
    Copy,
    /// A `Vec`: moved out (`mem::take`), moved back.
    Take,
}

impl IntoPlan {
    /// Whether any call uses `_vjp_into` (and so whether it is printed).
    pub fn used(&self) -> bool {
        !self.calls.is_empty()
    }
}

/// Plans the `_into` calls of `facts.f` from its adjoint program.
pub fn plan(facts: &Facts, adjoint: &AdjBlock, final_adjoints: &HashSet<VarId>, renames: &Renames) -> IntoPlan {
    let f = facts.f;
    let recursive: Vec<usize> = facts
        .index
        .calls
        .values()
        .filter(|c| c.recursive && c.jvp_depth == 0 && plain_path(&c.target))
        .map(|c| c.id)
        .collect();
    if recursive.is_empty() || f.params.iter().filter(|p| p.differentiated()).count() > MAX_PARAMS {
        return IntoPlan::default();
    }
    let mut uses = Uses::default();
    uses.block(adjoint, true, renames);
    let differentiated: Vec<(usize, VarId)> =
        f.params.iter().enumerate().filter(|(_, p)| p.differentiated()).map(|(k, p)| (k, p.var)).collect();
    let additive = |v: VarId| {
        let v = resolve(renames, v);
        final_adjoints.contains(&v) && uses.zeroed_at_root.contains(&v) && !uses.not_additive.contains(&v)
    };
    let mut calls = HashMap::new();
    for id in recursive {
        let Some(grads) = uses.grads.get(&id) else { continue };
        // Every gradient the call returns goes whole into the adjoint of the parameter in its
        // own position, exactly once.
        let mut targets = Vec::new();
        for &(position, param) in &differentiated {
            match grads.iter().filter(|g| g.arg == position).collect::<Vec<_>>().as_slice() {
                [GradUse { base: Some(base), .. }]
                    if resolve(renames, *base) == resolve(renames, param) && additive(param) =>
                {
                    targets.push(*base)
                }
                _ => break,
            }
        }
        let all_fused = grads.iter().all(|g| differentiated.iter().any(|&(position, _)| position == g.arg));
        if targets.len() == differentiated.len() && all_fused && !targets.is_empty() {
            calls.insert(id, targets);
        }
    }
    let taken = match calls.is_empty() {
        true => HashMap::new(),
        false => f
            .params
            .iter()
            .filter(|p| additive(p.var))
            .filter_map(|p| take_in(p, facts.kinds[p.var]).map(|how| (p.var, how)))
            .collect(),
    };
    IntoPlan { calls, taken }
}

/// A call of the function by its own name (`f(…)`, `Self::f(…)`): a method of the same name
/// may be another type's.
fn plain_path(target: &CallTarget) -> bool {
    match target {
        CallTarget::Path { prefix, .. } => {
            let prefix = prefix.to_string().replace(' ', "");
            prefix.is_empty() || prefix == "Self::"
        }
        CallTarget::Method { .. } => false,
    }
}

/// How a parameter's adjoint is taken from the caller's, if it can be without a zero to
/// leave behind: a float is copied, a `Vec` (a slice's or a `Vec`'s gradient) moved.
fn take_in(param: &crate::ir::Param, kind: Kind) -> Option<TakeIn> {
    let ParamGradient::Returned(ty) = &param.gradient else { return None };
    if kind.is_scalar() {
        return Some(TakeIn::Copy);
    }
    let ty = ty.to_string().replace(' ', "");
    (ty.starts_with("::std::vec::Vec<") && !param.array).then_some(TakeIn::Take)
}

/// One use of a callee's gradient in the adjoint program.
struct GradUse {
    /// The argument position it is the gradient of.
    arg: usize,
    /// The variable whose adjoint receives it, if it is added whole.
    base: Option<VarId>,
}

/// How the adjoint program uses adjoints and callees' gradients.
#[derive(Default)]
struct Uses {
    /// Adjoints declared zero where the whole reverse sweep starts.
    zeroed_at_root: HashSet<VarId>,
    /// Adjoints read, reset or declared by a first contribution somewhere (resolved).
    not_additive: HashSet<VarId>,
    /// Each call's gradients, as they are used.
    grads: HashMap<usize, Vec<GradUse>>,
}

impl Uses {
    fn block(&mut self, block: &AdjBlock, root: bool, renames: &Renames) {
        for &v in &block.zero_init {
            let v = resolve(renames, v);
            if root {
                self.zeroed_at_root.insert(v);
            } else {
                self.not_additive.insert(v);
            }
        }
        for stmt in &block.stmts {
            self.stmt(stmt, renames);
        }
    }

    fn stmt(&mut self, stmt: &AdjStmt, renames: &Renames) {
        match stmt {
            AdjStmt::Init { var, expr } | AdjStmt::Set { var, expr } => {
                self.not_additive.insert(resolve(renames, *var));
                self.expr(expr, renames);
            }
            AdjStmt::Zero { var } => {
                self.not_additive.insert(resolve(renames, *var));
            }
            AdjStmt::Add { target, expr: AExpr::Grad { call, arg } } if target.steps.is_empty() => {
                self.grads.entry(*call).or_default().push(GradUse { arg: *arg, base: Some(target.base) });
            }
            // Adding into an element is additive; its indices are primal values.
            AdjStmt::Add { expr, .. } | AdjStmt::AddEach { expr, .. } => self.expr(expr, renames),
            AdjStmt::Discard(expr) | AdjStmt::Pullback { seed: expr, .. } => self.expr(expr, renames),
            AdjStmt::If { then_block, else_block, .. } => {
                self.block(then_block, false, renames);
                self.block(else_block, false, renames);
            }
            AdjStmt::Loop { body, .. } => self.block(body, false, renames),
        }
    }

    fn expr(&mut self, expr: &AExpr, renames: &Renames) {
        let mut read = Vec::new();
        expr.adjoints(&mut read);
        self.not_additive.extend(read.into_iter().map(|v| resolve(renames, v)));
        self.grads_in(expr);
    }

    /// A gradient used inside an expression is not added whole.
    fn grads_in(&mut self, expr: &AExpr) {
        match expr {
            AExpr::Grad { call, arg } => self.grads.entry(*call).or_default().push(GradUse { arg: *arg, base: None }),
            AExpr::Field(e, _) | AExpr::Neg(e) | AExpr::Ref(e) => self.grads_in(e),
            AExpr::Bin(_, a, b) => {
                self.grads_in(a);
                self.grads_in(b);
            }
            AExpr::Apply(_, args) | AExpr::Rule(_, args) | AExpr::Private(_, args) | AExpr::Tuple(args) => {
                args.iter().for_each(|a| self.grads_in(a))
            }
            AExpr::Adj(_)
            | AExpr::Elem(_)
            | AExpr::TakeElem(_)
            | AExpr::PopElem(_)
            | AExpr::Primal(_)
            | AExpr::Const(_)
            | AExpr::Seed
            | AExpr::Internal(_) => {}
        }
    }
}
