//! Random float expressions that stay inside every function's domain and away from overflow.
//!
//! Each expression carries an estimate `b` of its largest magnitude. Functions with a
//! restricted domain get arguments that are positive (`(e.powi(2) + 0.5)`, `(1.5 + e.tanh())`,
//! `e.hypot(0.5)`, …) or inside (−1, 1) (`e.tanh() * 0.9`) *by construction*, whatever `e`
//! turns out to be; growth-prone functions (`exp`, `sinh`, `powi`, …) get arguments squashed
//! into a small interval. The estimate only decides when to squash.

use super::Gen;
use super::ast::*;
use super::domain::OPERAND_LIMIT;
use super::scope::FloatVar;
use rand::RngExt;

/// The bound taken for a local buffer's element read inside a loop (see `element`).
const LOOP_BUFFER_READ_BOUND: f64 = 1e3;

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
        let f = *self.features;
        if f.let_closures
            && self.rng.random_bool(0.1)
            && let Some(x) = self.closure_call(d)
        {
            return self.limit(x);
        }
        if f.match_option && self.rng.random_bool(0.06) {
            let x = if self.rng.random_bool(0.6) { self.match_expr(d) } else { self.if_let_expr(d) };
            if let Some(x) = x {
                return self.limit(x);
            }
        }
        if (f.option_results || f.option_params)
            && self.rng.random_bool(0.07)
            && let Some(x) = self.opt_expr(d)
        {
            return self.limit(x);
        }
        let x = match self.rng.random_range(0..100) {
            0..26 => self.arith(d),
            26..53 => self.unary(d),
            53..59 => self.powi(d),
            59..69 => self.binary(d),
            69..72 => self.mul_add(d),
            72..75 => self.clamp(d),
            75..86 => self.call(d).unwrap_or_else(|| self.arith(d)),
            86..90 if self.features.if_expr => self.if_expr(d),
            90..92 => {
                let a = self.expr(d);
                Ex { e: Expr::Neg(bx(a.e)), b: a.b }
            }
            92..97 => self.chain(d).unwrap_or_else(|| self.arith(d)),
            97..99 if self.features.float_casts && !self.generic => self.recast(d),
            _ => self.inline_sum().unwrap_or_else(|| self.arith(d)),
        };
        self.limit(x)
    }

    /// A variable, an element read, a literal or an integer cast.
    pub fn leaf(&mut self) -> Ex {
        if self.rng.random_bool(0.15)
            && let Some(x) = self.unwrapped()
        {
            return x;
        }
        match self.rng.random_range(0..100) {
            0..45 => self.var().unwrap_or_else(|| self.literal()),
            45..75 => self.element().unwrap_or_else(|| self.literal()),
            75..90 => self.literal(),
            _ => self.cast().unwrap_or_else(|| self.literal()),
        }
    }

    pub fn var(&mut self) -> Option<Ex> {
        // found/035: no accumulator read in a closure or a collection loop.
        let hide = (self.closures > 0 || self.in_literal > 0) && !self.features.accumulator_in_closure;
        let elements = self.list_elements().floats;
        let vars: Vec<FloatVar> = self
            .scope
            .floats()
            .into_iter()
            .map(|(_, v)| v.clone())
            .filter(|v| !(hide && v.by_ref && v.mutable))
            .chain(elements)
            .collect();
        let v = vars.get(self.rng.random_range(0..vars.len().max(1)))?;
        let (name, bound, by_ref) = (v.name.clone(), v.bound, v.by_ref);
        // `acc * 2.0` of an `&mut F` does not compile: an accumulator is read as `*acc`.
        let bare = !v.mutable && self.rng.random_bool(0.5);
        Some(Ex { e: float_read(name, by_ref, bare), b: bound })
    }

    /// `x[i]` of any collection in scope (a matrix's row `m[k]` included).
    pub fn element(&mut self) -> Option<Ex> {
        let seqs = self.seqs();
        let s = seqs.get(self.rng.random_range(0..seqs.len().max(1)))?;
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

    /// `((e as f32).m() as f64)`: a method computed in the other float type.
    fn recast(&mut self, d: u32) -> Ex {
        let m = [Unary::Sin, Unary::Tanh, Unary::Exp, Unary::Sqrt, Unary::Atan, Unary::Ln][self.rng.random_range(0..6)];
        let (arg, b) = self.unary_arg(m, d);
        Ex { e: Expr::Recast(m, bx(arg.e)), b }
    }

    pub fn cast(&mut self) -> Option<Ex> {
        let ints = self.scope.ints();
        let v = ints.get(self.rng.random_range(0..ints.len().max(1)))?;
        let i = IntExpr { text: v.name.clone(), max: v.max };
        Some(Ex { e: Expr::Cast(i), b: v.max as f64 })
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
        // found/033: no `T::sin(x)` in a generic function while the bug is open.
        if self.generic && !self.features.generic_path_form {
            return Form::Method;
        }
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
}

/// A read of a float binding: `v`, or `*v` / `v` (when `bare`) of a reference.
pub fn float_read(name: String, by_ref: bool, bare: bool) -> Expr {
    if by_ref { Expr::RefVar { name, bare } } else { Expr::Var(name) }
}
