//! Rewrites of a finished function tree that keep constructs with an open bug out of a batch
//! where that is simpler than not generating them (each names its find).

use super::Features;
use super::ast::*;

/// Applies every rewrite whose bug is open.
pub fn function(f: &mut Function, features: &Features) {
    if !features.method_result_with_mut && f.params.iter().any(|p| p.ty.is_mut()) {
        times_one(&mut f.tail);
        f.body.iter_mut().for_each(returns_times_one);
    }
    if !features.clamp_on_borrowed_field_element {
        for s in &mut f.body {
            stmt(s, &mut deref_receiver);
        }
        expr(&mut f.tail, &mut deref_receiver);
    }
}

/// found/037: `e * 1.0` for a result `e` that is not already a sum, difference or product
/// (a method call, a quotient, …).
fn times_one(e: &mut Expr) {
    if !matches!(e, Expr::Bin(BinOp::Add | BinOp::Sub | BinOp::Mul, ..)) {
        let inner = std::mem::replace(e, Expr::Lit(0.0));
        *e = Expr::Bin(BinOp::Mul, Box::new(inner), Box::new(Expr::Lit(1.0)));
    }
}

/// `times_one` on every value returned early, in every block.
fn returns_times_one(s: &mut Stmt) {
    match s {
        Stmt::Return { value, .. } => times_one(value),
        Stmt::LetElse { ret, .. } => times_one(ret),
        Stmt::If { then, otherwise, .. } => {
            then.iter_mut().chain(otherwise.iter_mut().flatten()).for_each(returns_times_one)
        }
        Stmt::For { body, .. } | Stmt::While { body, .. } | Stmt::Loop { body, .. } => {
            body.iter_mut().for_each(returns_times_one)
        }
        _ => {}
    }
}

/// found/023: `(*q).hypot(x)` for `q.hypot(x)` (and `powi`, `max`, `clamp`, `mul_add`, …)
/// on a reference.
fn deref_receiver(e: &mut Expr) {
    let receiver = match e {
        Expr::Binary(_, _, a, _) | Expr::Powi(a, _) | Expr::MulAdd(a, _, _) | Expr::Clamp(a, _, _) => a,
        _ => return,
    };
    if let Expr::RefVar { bare, .. } = &mut **receiver {
        *bare = false;
    }
}

fn stmt(s: &mut Stmt, f: &mut dyn FnMut(&mut Expr)) {
    match s {
        Stmt::Let { value, .. }
        | Stmt::Assign { value, .. }
        | Stmt::Write { value, .. }
        | Stmt::LetValue { value, .. }
        | Stmt::LetTuple { value, .. } => expr(value, f),
        Stmt::LetBorrow { place, .. } => expr(place, f),
        Stmt::If { cond: c, then, otherwise } => {
            cond(c, f);
            then.iter_mut().chain(otherwise.iter_mut().flatten()).for_each(|s| stmt(s, f));
        }
        Stmt::For { body, .. } => body.iter_mut().for_each(|s| stmt(s, f)),
        Stmt::While { guard, body, .. } | Stmt::Loop { guard, body, .. } => {
            if let Some(g) = guard {
                cond(g, f);
            }
            body.iter_mut().for_each(|s| stmt(s, f));
        }
        Stmt::Break(c) | Stmt::Continue(c) => cond(c, f),
        Stmt::Return { cond: c, value } => {
            cond(c, f);
            expr(value, f);
        }
        Stmt::LetClosure { body, .. } | Stmt::Expr(body) => expr(body, f),
        Stmt::LetOpt { cond: c, value, .. } => {
            cond(c, f);
            expr(value, f);
        }
        Stmt::LetElse { value, ret, .. } => {
            expr(value, f);
            expr(ret, f);
        }
        Stmt::LetInt { .. } | Stmt::Counter(_) | Stmt::Bump(_) | Stmt::LetBuf { .. } | Stmt::LetSum { .. } => {}
    }
}

fn cond(c: &mut Cond, f: &mut dyn FnMut(&mut Expr)) {
    match c {
        Cond::Float(a, _, b) => {
            expr(a, f);
            expr(b, f);
        }
        Cond::Let(_, value) => expr(value, f),
        Cond::Int(_) | Cond::IsSome(..) => {}
        Cond::And(a, b) | Cond::Or(a, b) => {
            cond(a, f);
            cond(b, f);
        }
    }
}

/// Calls `f` on `e` and every expression inside it.
fn expr(e: &mut Expr, f: &mut dyn FnMut(&mut Expr)) {
    f(e);
    match e {
        Expr::Bin(_, a, b) | Expr::Binary(_, _, a, b) => {
            expr(a, f);
            expr(b, f);
        }
        Expr::Neg(a) | Expr::Unary(_, _, a) | Expr::Recast(_, a) | Expr::Powi(a, _) | Expr::Project(a, _) => expr(a, f),
        Expr::MulAdd(a, b, c) | Expr::Clamp(a, b, c) => {
            expr(a, f);
            expr(b, f);
            expr(c, f);
        }
        Expr::Chain(chain) => {
            if let Some((_, c)) = &mut chain.filter {
                cond(c, f);
            }
            if let Some((_, body)) = &mut chain.map {
                expr(body, f);
            }
            if let ChainEnd::Fold { init, body, .. } = &mut chain.end {
                expr(init, f);
                expr(body, f);
            }
        }
        Expr::Call(_, args) | Expr::Method(_, _, args) => {
            for a in args {
                if let Arg::Value(x) | Arg::Borrow(x) = a {
                    expr(x, f);
                }
            }
        }
        Expr::If(c, a, b) => {
            cond(c, f);
            expr(a, f);
            expr(b, f);
        }
        Expr::CallClosure(_, a) => expr(a, f),
        Expr::Match(_, arms) => arms_of(arms, f),
        Expr::MatchOpt(value, arms) => {
            expr(value, f);
            arms_of(arms, f);
        }
        Expr::UnwrapOr(a, b) => {
            expr(a, f);
            expr(b, f);
        }
        Expr::Try(a) => expr(a, f),
        Expr::Opt(Some(a)) => expr(a, f),
        Expr::Opt(None) => {}
        Expr::VecLit(items) | Expr::ArrayLit(items) | Expr::Tuple(items) | Expr::StructLit(_, items) => {
            items.iter_mut().for_each(|x| expr(x, f))
        }
        Expr::Lit(_)
        | Expr::Var(_)
        | Expr::RefVar { .. }
        | Expr::Index(..)
        | Expr::Cast(_)
        | Expr::Sum(_)
        | Expr::Slice { .. }
        | Expr::Int(_)
        | Expr::Clone(_)
        | Expr::ToVec(_)
        | Expr::Unwrap(..) => {}
    }
}

/// `expr` on every guard and value of `arms`.
fn arms_of(arms: &mut [Arm], f: &mut dyn FnMut(&mut Expr)) {
    for arm in arms {
        if let Some(g) = &mut arm.guard {
            cond(g, f);
        }
        expr(&mut arm.value, f);
    }
}
