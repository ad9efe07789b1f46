//! Random float expressions that stay inside every function's domain and away from overflow.
//!
//! Each expression carries an estimate `b` of its largest magnitude. Functions with a
//! restricted domain get arguments that are positive (`(e.powi(2) + 0.5)`, `(1.5 + e.tanh())`,
//! `e.hypot(0.5)`, …) or inside (−1, 1) (`e.tanh() * 0.9`) *by construction*, whatever `e`
//! turns out to be; growth-prone functions (`exp`, `sinh`, `powi`, …) get arguments squashed
//! into a small interval. The estimate only decides when to squash.

use super::Gen;
use super::ast::*;
use super::scope::SliceKind;
use rand::RngExt;

/// The bound taken for a local buffer's element read inside a loop (see `element`).
const LOOP_BUFFER_READ_BOUND: f64 = 1e3;

/// Largest magnitude an operand may have before it is squashed.
const OPERAND_LIMIT: f64 = 50.0;
/// Largest magnitude of an argument of `exp`, `sinh`, `cosh`, `exp2`, `exp_m1`.
const EXP_ARG: f64 = 2.5;
/// Largest magnitude of a `powi`/`powf` base.
const POW_BASE: f64 = 2.0;

/// An expression and an estimate of its largest magnitude.
#[derive(Clone, Debug)]
pub struct Ex {
    pub e: Expr,
    pub b: f64,
}

/// An expression known to be at least `lo` (and estimated at most `x.b`).
pub struct Pos {
    pub x: Ex,
    pub lo: f64,
}

fn bx(e: Expr) -> Box<Expr> {
    Box::new(e)
}

fn lit(v: f64) -> Expr {
    Expr::Lit(v)
}

impl Gen<'_> {
    /// An expression of at most `depth` levels of operations. Operations on constants alone
    /// are mostly replaced by a variable: they only cost compile time.
    pub fn expr(&mut self, depth: u32) -> Ex {
        let x = self.any_expr(depth);
        if !matches!(x.e, Expr::Lit(_)) && is_const(&x.e) && self.rng.random_bool(0.8) {
            return self.var().or_else(|| self.element()).unwrap_or(x);
        }
        x
    }

    fn any_expr(&mut self, depth: u32) -> Ex {
        if depth == 0 || self.rng.random_bool(0.2) {
            return self.leaf();
        }
        let d = depth - 1;
        let x = match self.rng.random_range(0..100) {
            0..28 => self.arith(d),
            28..58 => self.unary(d),
            58..65 => self.powi(d),
            65..76 => self.binary(d),
            76..80 => self.mul_add(d),
            80..84 => self.clamp(d),
            84..92 => self.call(d).unwrap_or_else(|| self.arith(d)),
            92..96 if self.features.if_expr => self.if_expr(d),
            96..98 => {
                let a = self.expr(d);
                Ex { e: Expr::Neg(bx(a.e)), b: a.b }
            }
            _ => self.inline_sum().unwrap_or_else(|| self.arith(d)),
        };
        self.limit(x)
    }

    /// A variable, an element read, a literal or an integer cast.
    pub fn leaf(&mut self) -> Ex {
        match self.rng.random_range(0..100) {
            0..45 => self.var().unwrap_or_else(|| self.literal()),
            45..75 => self.element().unwrap_or_else(|| self.literal()),
            75..90 => self.literal(),
            _ => self.cast().unwrap_or_else(|| self.literal()),
        }
    }

    fn var(&mut self) -> Option<Ex> {
        let vars = self.scope.floats();
        let (_, v) = vars.get(self.rng.random_range(0..vars.len().max(1)))?;
        Some(Ex { e: Expr::Var(v.name.clone()), b: v.bound })
    }

    fn element(&mut self) -> Option<Ex> {
        let slices = self.scope.slices();
        let (_, s) = slices.get(self.rng.random_range(0..slices.len().max(1)))?;
        let (name, len, bound) = (s.name.clone(), s.len, s.bound);
        // Inside a loop, a local buffer's element may have been written by an earlier
        // iteration with a bound this pass has not seen yet (seed 24, program 840:
        // `y3[i] = y3[1].acos()… * 4.0` fed `acos` a 3.9): take it as large, so that
        // functions with a domain squash it.
        let bound = if self.trips > 1 && s.local { bound.max(LOOP_BUFFER_READ_BOUND) } else { bound };
        let i = self.index(len);
        Some(Ex { e: Expr::Index(name, i), b: bound })
    }

    /// A literal of a few bits (quarters up to 3), mostly positive.
    pub fn literal(&mut self) -> Ex {
        let v = f64::from(self.rng.random_range(1..=12)) / 4.0;
        let v = if self.rng.random_bool(0.3) { -v } else { v };
        Ex { e: lit(v), b: v.abs() }
    }

    fn cast(&mut self) -> Option<Ex> {
        let ints = self.scope.ints();
        let v = ints.get(self.rng.random_range(0..ints.len().max(1)))?;
        let i = IntExpr { text: v.name.clone(), max: v.max };
        Some(Ex { e: Expr::Cast(i), b: v.max as f64 })
    }

    /// Squashes anything estimated beyond [`OPERAND_LIMIT`].
    fn limit(&mut self, x: Ex) -> Ex {
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
    fn cap(&mut self, p: Pos, max: f64) -> Pos {
        if p.x.b <= max {
            return p;
        }
        let s = quarter_below(max);
        Pos { x: scaled(Expr::Unary(Unary::Tanh, Form::Method, bx(p.x.e)), s), lo: p.lo.tanh() * s }
    }

    /// An expression at least `min` away from zero and at most `max` in magnitude, of either
    /// sign.
    fn nonzero(&mut self, depth: u32, min: f64, max: f64) -> Pos {
        let p = self.positive(depth, min);
        let p = self.cap(p, max);
        if self.rng.random_bool(0.3) { Pos { x: Ex { e: Expr::Neg(bx(p.x.e)), b: p.x.b }, lo: p.lo } } else { p }
    }

    fn arith(&mut self, d: u32) -> Ex {
        let a = self.expr(d);
        let (op, b) = match self.rng.random_range(0..4) {
            0 => (BinOp::Add, self.expr(d)),
            1 => (BinOp::Sub, self.expr(d)),
            2 => (BinOp::Mul, self.expr(d)),
            _ => {
                let den = self.nonzero(d, 0.25, OPERAND_LIMIT);
                let bound = a.b / den.lo;
                return Ex { e: Expr::Bin(BinOp::Div, bx(a.e), bx(den.x.e)), b: bound };
            }
        };
        let bound = match op {
            BinOp::Mul => a.b * b.b,
            _ => a.b + b.b,
        };
        Ex { e: Expr::Bin(op, bx(a.e), bx(b.e)), b: bound }
    }

    fn form(&mut self) -> Form {
        if self.features.path_form && self.rng.random_bool(0.15) { Form::Path } else { Form::Method }
    }

    fn unary(&mut self, d: u32) -> Ex {
        use Unary::*;
        const ALL: [Unary; 28] = [
            Sin, Cos, Tan, Asin, Acos, Atan, Sinh, Cosh, Tanh, Asinh, Acosh, Atanh, Exp, Exp2, ExpM1, Ln, Ln1p, Log2,
            Log10, Sqrt, Cbrt, Recip, Abs, Signum, Floor, Ceil, Round, Trunc,
        ];
        let m = ALL[self.rng.random_range(0..ALL.len())];
        let (arg, b) = self.unary_arg(m, d);
        let form = self.form();
        Ex { e: Expr::Unary(m, form, bx(arg.e)), b }
    }

    /// The argument `m` gets, inside its domain, and a bound on `m` of it.
    fn unary_arg(&mut self, m: Unary, d: u32) -> (Ex, f64) {
        use Unary::*;
        let pos = |p: &Pos| p.lo.ln().abs().max(p.x.b.ln().abs());
        match m {
            Sin | Cos | Tanh => (self.expr(d), 1.0),
            Atan => (self.expr(d), std::f64::consts::FRAC_PI_2),
            Tan => (self.unit(d, 1.2), 1.2f64.tan()),
            Asin => (self.unit(d, 0.9), std::f64::consts::FRAC_PI_2),
            Acos => (self.unit(d, 0.9), std::f64::consts::PI),
            Atanh => (self.unit(d, 0.9), 0.9f64.atanh()),
            Sinh | Cosh | Exp | Exp2 | ExpM1 => {
                let x = self.expr(d);
                let x = self.squash(x, EXP_ARG);
                let b = x.b.exp();
                (x, b)
            }
            Asinh => {
                let x = self.expr(d);
                let b = x.b.asinh();
                (x, b)
            }
            Acosh => {
                let p = self.positive(d, 1.25);
                let b = p.x.b.acosh();
                (p.x, b)
            }
            Ln | Log2 | Log10 => {
                let p = self.positive(d, 0.25);
                let b = pos(&p);
                (p.x, b)
            }
            Ln1p => {
                let x = self.unit(d, 0.8);
                (x, 0.2f64.ln().abs())
            }
            Sqrt | Cbrt => {
                let p = if m == Sqrt { self.positive(d, 0.25) } else { self.nonzero(d, 0.25, OPERAND_LIMIT) };
                let b = p.x.b.sqrt().max(1.0);
                (p.x, b)
            }
            Recip => {
                let p = self.nonzero(d, 0.25, OPERAND_LIMIT);
                (p.x, 1.0 / p.lo)
            }
            Abs => {
                let x = self.expr(d);
                let b = x.b;
                (x, b)
            }
            Signum => (self.expr(d), 1.0),
            Floor | Ceil | Round | Trunc => {
                let x = self.expr(d);
                let b = x.b + 1.0;
                (x, b)
            }
        }
    }

    fn powi(&mut self, d: u32) -> Ex {
        let k = self.rng.random_range(-2..=4);
        if k < 0 {
            let p = self.nonzero(d, 0.5, POW_BASE * 2.0);
            return Ex { e: Expr::Powi(bx(p.x.e), k), b: p.lo.powi(k) };
        }
        let x = self.expr(d);
        let x = self.squash(x, POW_BASE);
        let b = x.b.powi(k).max(1.0);
        Ex { e: Expr::Powi(bx(x.e), k), b }
    }

    fn binary(&mut self, d: u32) -> Ex {
        let form = self.form();
        let (m, a, b, bound) = match self.rng.random_range(0..6) {
            0 => {
                let (y, x) = (self.expr(d), self.expr(d));
                (Binary::Atan2, y, x, std::f64::consts::PI)
            }
            1 => {
                let base = self.positive(d, 0.5);
                let base = self.cap(base, 3.0);
                let y = self.expr(d);
                let y = self.squash(y, 2.0);
                let b = base.x.b.powf(y.b).max(base.lo.powf(-y.b));
                (Binary::Powf, base.x, y, b)
            }
            2 => {
                let (x, y) = (self.expr(d), self.expr(d));
                let b = x.b + y.b;
                (Binary::Hypot, x, y, b)
            }
            3 | 4 => {
                let (x, y) = (self.expr(d), self.expr(d));
                let b = x.b.max(y.b);
                let m = if self.rng.random_bool(0.5) { Binary::Max } else { Binary::Min };
                (m, x, y, b)
            }
            _ => return self.log(d, form),
        };
        let form = self.receiver_form(form, &a.e);
        Ex { e: Expr::Binary(m, form, bx(a.e), bx(b.e)), b: bound }
    }

    /// `form`, but method form for a constant receiver while `path_form_constant_receiver` is
    /// off.
    fn receiver_form(&self, form: Form, receiver: &Expr) -> Form {
        if self.features.path_form_constant_receiver || !is_const(receiver) { form } else { Form::Method }
    }

    /// `x.log(base)` with a literal base or an active one of at least 1.5.
    fn log(&mut self, d: u32, form: Form) -> Ex {
        let x = self.positive(d, 0.25);
        let ln_x = x.lo.ln().abs().max(x.x.b.ln().abs());
        let (base, ln_base) = if self.rng.random_bool(0.5) {
            let v = [2.0, 3.0, 10.0, 0.5, 1.5][self.rng.random_range(0..5)];
            (lit(v), f64::ln(v).abs())
        } else {
            let p = self.positive(d, 1.5);
            (p.x.e, p.lo.ln())
        };
        let form = self.receiver_form(form, &x.x.e);
        Ex { e: Expr::Binary(Binary::Log, form, bx(x.x.e), bx(base)), b: ln_x / ln_base }
    }

    fn mul_add(&mut self, d: u32) -> Ex {
        let (a, b, c) = (self.expr(d), self.expr(d), self.expr(d));
        let bound = a.b * b.b + c.b;
        Ex { e: Expr::MulAdd(bx(a.e), bx(b.e), bx(c.e)), b: bound }
    }

    /// `x.clamp(lo, hi)`, with literal bounds or bounds around a variable (`v - 0.5`,
    /// `v + 1.0`), which keep `lo <= hi` after rounding too.
    fn clamp(&mut self, d: u32) -> Ex {
        let x = self.expr(d);
        let widths = [0.25, 0.5, 1.0];
        let (w1, w2) = (widths[self.rng.random_range(0..3)], widths[self.rng.random_range(0..3)]);
        let (lo, hi, b) = match self.var() {
            Some(v) if self.rng.random_bool(0.5) => {
                let lo = Expr::Bin(BinOp::Sub, bx(v.e.clone()), bx(lit(w1)));
                let hi = Expr::Bin(BinOp::Add, bx(v.e), bx(lit(w2)));
                (lo, hi, v.b + w1.max(w2))
            }
            _ => {
                let lo = -f64::from(self.rng.random_range(1..=4)) / 4.0;
                (lit(lo), lit(lo + w1 + w2), lo.abs().max(lo + w1 + w2))
            }
        };
        Ex { e: Expr::Clamp(bx(x.e), bx(lo), bx(hi)), b }
    }

    fn if_expr(&mut self, d: u32) -> Ex {
        let c = self.cond(d.min(1));
        let (a, b) = (self.expr(d), self.expr(d));
        let bound = a.b.max(b.b);
        Ex { e: Expr::If(Box::new(c), bx(a.e), bx(b.e)), b: bound }
    }

    fn inline_sum(&mut self) -> Option<Ex> {
        if !self.features.inline_sum {
            return None;
        }
        let slices = self.scope.slices();
        let (_, s) = slices.get(self.rng.random_range(0..slices.len().max(1)))?;
        Some(Ex { e: Expr::Sum(s.name.clone()), b: s.len as f64 * s.bound })
    }

    /// A call of an earlier function whose slice parameters can be fed from what is in
    /// scope; `None` when there is none.
    fn call(&mut self, d: u32) -> Option<Ex> {
        if !self.features.calls || self.callees.is_empty() {
            return None;
        }
        let callee = &self.callees[self.rng.random_range(0..self.callees.len())];
        let (name, params, bound) = (callee.name.clone(), callee.params.clone(), callee.bound);
        let mut args = Vec::new();
        for ty in params {
            args.push(match ty {
                ParamTy::Scalar => {
                    let x = self.expr(d);
                    Arg::Float(self.squash(x, 4.0).e)
                }
                ParamTy::Slice(len) => self.slice_arg(len)?,
                ParamTy::Int => Arg::Int(self.small_int(super::INT_PARAM_MAX)),
            });
        }
        let call = Ex { e: Expr::Call(name, args), b: bound };
        Some(self.limit(call))
    }

    /// A slice of exactly `len` elements: a whole slice or buffer, or a sub-slice of a
    /// longer one.
    fn slice_arg(&mut self, len: usize) -> Option<Arg> {
        let fits: Vec<_> = self
            .scope
            .slices()
            .into_iter()
            .filter(|(_, s)| s.len >= len)
            .filter(|(_, s)| s.len == len || !s.local || self.features.buffer_sub_slice_argument)
            .map(|(_, s)| s.clone())
            .collect();
        let s = fits.get(self.rng.random_range(0..fits.len().max(1)))?;
        let owned = s.kind == SliceKind::Buffer;
        let whole_only = !self.features.views || (s.local && !self.features.buffer_sub_slice_argument);
        if s.len == len && (whole_only || self.rng.random_bool(0.6)) {
            return Some(Arg::Slice { name: s.name.clone(), owned, range: None });
        }
        if !self.features.views {
            return None;
        }
        let start = self.small_int(s.len - len);
        Some(Arg::Slice { name: s.name.clone(), owned, range: Some((start, len)) })
    }
}

/// `f * s`, or `f` when `s` is one.
fn scaled(f: Expr, s: f64) -> Ex {
    if s == 1.0 { Ex { e: f, b: 1.0 } } else { Ex { e: Expr::Bin(BinOp::Mul, bx(f), bx(lit(s))), b: s } }
}

/// The largest multiple of a quarter at most `x` (at least a quarter).
fn quarter_below(x: f64) -> f64 {
    ((x * 4.0).floor() / 4.0).max(0.25)
}

/// Whether repeating `e` costs nothing (so `e * e` may stand for `e.powi(2)`).
fn is_leaf(e: &Expr) -> bool {
    matches!(e, Expr::Var(_) | Expr::Index(..) | Expr::Cast(_))
}
