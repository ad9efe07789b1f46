//! Keeping values inside every function's domain and away from overflow, whatever values flow
//! in: squashing what may be large, and expressions that are positive, nonzero or inside
//! `[-r, r]` *by construction*.

use super::Gen;
use super::ast::*;
use super::expr::{Ex, Pos};
use rand::RngExt;

fn bx(e: Expr) -> Box<Expr> {
    Box::new(e)
}

fn lit(v: f64) -> Expr {
    Expr::Lit(v)
}

/// Largest magnitude an operand may have before it is squashed.
pub const OPERAND_LIMIT: f64 = 50.0;

impl Gen<'_> {
    /// Squashes anything estimated beyond [`OPERAND_LIMIT`].
    pub fn limit(&mut self, x: Ex) -> Ex {
        if x.b > OPERAND_LIMIT { self.squash(x, 8.0) } else { x }
    }

    /// `x` itself if its estimate is within `limit`, else `x` mapped into `[-limit, limit]`.
    pub fn squash(&mut self, x: Ex, limit: f64) -> Ex {
        if x.b <= limit {
            return x;
        }
        if limit >= 1.6 && self.rng.random_bool(0.25) {
            return Ex { e: Expr::Unary(Unary::Atan, Form::Method, bx(x.e)), b: std::f64::consts::FRAC_PI_2 };
        }
        let f = if self.rng.random_bool(0.6) { Unary::Tanh } else { Unary::Sin };
        scaled(Expr::Unary(f, Form::Method, bx(x.e)), quarter_below(limit))
    }

    /// An expression in `[-r, r]`.
    pub fn unit(&mut self, depth: u32, r: f64) -> Ex {
        let x = self.expr(depth);
        if x.b <= r && self.rng.random_bool(0.5) {
            return x;
        }
        let f = [Unary::Tanh, Unary::Sin, Unary::Cos][self.rng.random_range(0..3)];
        scaled(Expr::Unary(f, Form::Method, bx(x.e)), r)
    }

    /// An expression of at least `min`, by one of several shapes.
    pub fn positive(&mut self, depth: u32, min: f64) -> Pos {
        let x = self.expr(depth);
        let pad = [0.0, 0.25, 0.5][self.rng.random_range(0..3)];
        let c = min.max(0.25) + pad;
        match self.rng.random_range(0..5) {
            0 => {
                let x = self.squash(x, 3.0);
                let square = if is_leaf(&x.e) && self.rng.random_bool(0.5) {
                    Expr::Bin(BinOp::Mul, bx(x.e.clone()), bx(x.e))
                } else {
                    Expr::Powi(bx(x.e), 2)
                };
                Pos { x: Ex { e: Expr::Bin(BinOp::Add, bx(square), bx(lit(c))), b: x.b * x.b + c }, lo: c }
            }
            1 => {
                let c = 1.0 + c;
                let t = Expr::Unary(Unary::Tanh, Form::Method, bx(x.e));
                Pos { x: Ex { e: Expr::Bin(BinOp::Add, bx(lit(c)), bx(t)), b: c + 1.0 }, lo: c - 1.0 }
            }
            2 => {
                let x = self.squash(x, 8.0);
                Pos { x: Ex { e: Expr::Binary(Binary::Hypot, Form::Method, bx(x.e), bx(lit(c))), b: x.b + c }, lo: c }
            }
            3 if min <= 0.125 => {
                let x = self.squash(x, 2.0);
                Pos { x: Ex { e: Expr::Unary(Unary::Exp, Form::Method, bx(x.e)), b: 2f64.exp() }, lo: (-2f64).exp() }
            }
            _ => {
                let x = self.squash(x, 2.0);
                let cosh = Expr::Unary(Unary::Cosh, Form::Method, bx(x.e));
                let shift = (min - 1.0).max(0.0) + pad;
                let e = if shift > 0.0 { Expr::Bin(BinOp::Add, bx(cosh), bx(lit(shift))) } else { cosh };
                Pos { x: Ex { e, b: 2f64.cosh() + shift }, lo: 1.0 + shift }
            }
        }
    }

    /// `p` mapped into `(0, max]` if its estimate exceeds `max`, by `tanh(p) * max`, which
    /// keeps it positive (squashing by `sin` would not).
    pub fn cap(&mut self, p: Pos, max: f64) -> Pos {
        if p.x.b <= max {
            return p;
        }
        let s = quarter_below(max);
        Pos { x: scaled(Expr::Unary(Unary::Tanh, Form::Method, bx(p.x.e)), s), lo: p.lo.tanh() * s }
    }

    /// An expression at least `min` away from zero and at most `max` in magnitude, of either
    /// sign.
    pub fn nonzero(&mut self, depth: u32, min: f64, max: f64) -> Pos {
        let p = self.positive(depth, min);
        let p = self.cap(p, max);
        if self.rng.random_bool(0.3) { Pos { x: Ex { e: Expr::Neg(bx(p.x.e)), b: p.x.b }, lo: p.lo } } else { p }
    }
}

/// `f * s`, or `f` when `s` is one.
pub fn scaled(f: Expr, s: f64) -> Ex {
    if s == 1.0 { Ex { e: f, b: 1.0 } } else { Ex { e: Expr::Bin(BinOp::Mul, bx(f), bx(lit(s))), b: s } }
}

/// The largest multiple of a quarter at most `x` (at least a quarter).
pub fn quarter_below(x: f64) -> f64 {
    ((x * 4.0).floor() / 4.0).max(0.25)
}

/// Whether repeating `e` costs nothing (so `e * e` may stand for `e.powi(2)`).
pub fn is_leaf(e: &Expr) -> bool {
    matches!(e, Expr::Var(_) | Expr::RefVar { .. } | Expr::Index(..) | Expr::Cast(_))
}
