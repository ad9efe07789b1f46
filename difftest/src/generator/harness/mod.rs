//! The code around each generated program: adapters from flat input vectors to the
//! function's arguments and tangents (and from its result, tangent, gradient and
//! Hessian-vector product back to flat vectors), and one `Case` per function for the test to
//! run.

mod shapes;

use super::DEPTH_MAX;
use super::ast::*;
use super::print::{self, Flavor};
use super::types::{FloatTy, ParamTy, StructDef, Ty, param_leaves, struct_leaves, ty_leaves};
use shapes::{Builder, Shape, borrowed, flatten};
use std::fmt::Write;

/// A program as a module: its source (as a string for failure reports), the program under
/// `#[differentiable]`, its dual-number copy in `oracle`, its hyper-dual copy in `hyper` (the
/// same text over `Hyper`, when a function has a float result), and the adapters.
pub fn module(index: usize, seed: u64, program: &Program) -> String {
    let source = print::program(program, Flavor::Plain);
    let oracle = print::program(program, Flavor::Dual);
    let float = program.float.name();
    let mut out = String::new();
    let _ = writeln!(out, "/// Program {index} (seed {seed:#x}).");
    let _ = writeln!(out, "pub mod p{index} {{");
    out.push_str("use backprop::{differentiable, Differentiable};\n");
    out.push_str("use backprop_difftest::custom::*;\n");
    let _ = writeln!(out, "pub const SOURCE: &str = r#\"{source}\"#;");
    out.push_str(&source);
    out.push_str("pub mod oracle {\nuse backprop_difftest::dual::custom::{dot, log_sum_exp, softplus};\n");
    let _ = writeln!(out, "pub type D = backprop_difftest::dual::Dual<{float}>;");
    out.push_str(&oracle);
    out.push_str("}\n");
    if program.functions.iter().any(|f| f.ret == Ty::Float) {
        out.push_str("pub mod hyper {\nuse backprop_difftest::dual::hyper::custom::{dot, log_sum_exp, softplus};\n");
        let _ = writeln!(out, "pub type D = backprop_difftest::dual::Hyper<{float}>;");
        out.push_str(&oracle);
        out.push_str("}\n");
    }
    for f in program.functions.iter().filter(|f| checked(f)) {
        out.push_str(&Adapters { program, f }.all());
    }
    out.push_str("}\n");
    out
}

/// The `Case` entries of a program, for the batch's `CASES` table.
pub fn cases(index: usize, seed: u64, program: &Program) -> String {
    let mut out = String::new();
    for f in program.functions.iter().filter(|f| checked(f)) {
        let a = Adapters { program, f };
        let inputs = a.inputs();
        let floats: usize = inputs.iter().map(|i| i.leaves).sum();
        let ints = f.params.iter().filter(|p| p.ty.uses_int()).count();
        let wrt: Vec<String> = a.wrt_leaves().iter().map(usize::to_string).collect();
        let name = &f.name;
        let scalar = |adapter: &str| match scalar(f) {
            true => format!("Some(p{index}::{name}_{adapter})"),
            false => "None".to_string(),
        };
        let (grad, hvp, hyper) = (scalar("grad_flat"), scalar("hvp_flat"), scalar("hyper"));
        let _ = writeln!(
            out,
            "Case {{ program: {index}, seed: {seed:#x}, function: \"{name}\", source: p{index}::SOURCE, floats: {floats}, \
             ints: {ints}, single: {}, outputs: {}, wrt: &[{}], primal: p{index}::{name}_primal, grad: {grad}, \
             vjp: p{index}::{name}_vjp_flat, dual: p{index}::{name}_dual, jvp: p{index}::{name}_jvp_flat, \
             hvp: {hvp}, hyper: {hyper} }},",
            program.float == FloatTy::F32,
            ty_leaves(&f.ret, &program.structs) + a.lent_leaves(),
            wrt.join(", ")
        );
    }
    out
}

/// Whether the harness checks `f` itself (not yet a function with `&mut` parameters: those
/// are checked through their callers).
fn checked(f: &Function) -> bool {
    f.params.iter().filter(|p| p.ty.is_mut()).count() <= 1
}

/// Whether `f` has a float result and no `&mut` parameter: checked with `_grad` and `_hvp`
/// too.
fn scalar(f: &Function) -> bool {
    f.ret == Ty::Float && !f.params.iter().any(|p| p.ty.is_mut())
}

/// One input of a function: the receiver or a parameter.
struct Input {
    /// The local the adapter builds it in.
    local: String,
    ty: ParamTy,
    leaves: usize,
    differentiated: bool,
    /// The index of the integer input it is built from (or with), if any.
    int: Option<usize>,
}

struct Adapters<'a> {
    program: &'a Program,
    f: &'a Function,
}

impl Adapters<'_> {
    fn structs(&self) -> &[StructDef] {
        &self.program.structs
    }

    /// The receiver (as a struct taken by value) and the parameters, in order.
    fn inputs(&self) -> Vec<Input> {
        let mut out = Vec::new();
        if let Some(r) = self.f.receiver {
            let leaves = struct_leaves(r.id, self.structs());
            let ty = ParamTy::Struct { id: r.id, by_ref: false };
            let differentiated = self.f.differentiates("self");
            out.push(Input { local: "receiver".into(), ty, leaves, differentiated, int: None });
        }
        let mut ints = 0;
        for (k, p) in self.f.params.iter().enumerate() {
            let leaves = param_leaves(p.ty, self.structs());
            // A `&mut` parameter's initial value always has an adjoint (and a tangent).
            let differentiated = p.ty.is_mut() || p.ty.differentiable() && self.f.differentiates(&p.name);
            let int = p.ty.uses_int().then(|| {
                ints += 1;
                ints - 1
            });
            out.push(Input { local: format!("a{k}"), ty: p.ty, leaves, differentiated, int });
        }
        out
    }

    /// The shape of an input's value (and of its gradient and tangent).
    fn shape(&self, i: &Input) -> Shape {
        match (i.ty, i.int) {
            (ParamTy::DiffOpt, Some(k)) => Shape::Opt(k),
            _ => Shape::of_param(i.ty),
        }
    }

    /// The `&mut` parameters, with their adapter locals.
    fn lent(&self) -> Vec<Input> {
        self.inputs().into_iter().filter(|i| i.ty.is_mut()).collect()
    }

    /// The leaves of the `&mut` parameters: outputs after the result.
    fn lent_leaves(&self) -> usize {
        self.lent().iter().map(|i| i.leaves).sum()
    }

    /// The flat indices of the differentiated inputs' leaves, in gradient order.
    fn wrt_leaves(&self) -> Vec<usize> {
        let mut at = 0;
        let mut out = Vec::new();
        for i in self.inputs() {
            if i.differentiated {
                out.extend(at..at + i.leaves);
            }
            at += i.leaves;
        }
        out
    }

    /// `let a0 = …;` for every input, each float leaf read by `leaf`, and the call of the
    /// function named `name` (`f`, `f_grad`, …) on them, then on `extra` (the tangents). The
    /// inputs are locals of the adapter itself, as a pullback may borrow them.
    fn call(&self, name: &str, prefix: &str, leaf: &dyn Fn(usize) -> String, extra: &[String]) -> (String, String) {
        let mut out = String::new();
        let mut b = Builder { structs: self.structs(), prefix, leaf, next: 0 };
        let mut args = Vec::new();
        for i in self.inputs() {
            if i.ty.built_from_ints() {
                let ints = i.int.unwrap_or_default();
                let float = self.program.float.name();
                args.push(match (i.ty, prefix) {
                    (ParamTy::Opt { float: false }, _) => format!("(n[{ints}] != 0).then(|| n[{ints}] - 1)"),
                    (ParamTy::Opt { float: true }, "") => {
                        format!("(n[{ints}] != 0).then_some(n[{ints}] as {float} * 0.5 - 1.25)")
                    }
                    (ParamTy::Opt { float: true }, _) => {
                        format!("(n[{ints}] != 0).then(|| {prefix}D::c(n[{ints}] as f64 * 0.5 - 1.25))")
                    }
                    (ParamTy::Depth { narrow: false }, _) => format!("n[{ints}].min({DEPTH_MAX})"),
                    (ParamTy::Depth { narrow: true }, _) => format!("n[{ints}].min({DEPTH_MAX}) as u32"),
                    _ => format!("n[{ints}]"),
                });
                continue;
            }
            let m = if i.ty.is_mut() { "mut " } else { "" };
            let _ = writeln!(out, "    let {m}{} = {};", i.local, b.build(&self.shape(&i)));
            if i.local != "receiver" {
                let lend = if i.ty.is_mut() {
                    "&mut "
                } else if borrowed(i.ty) {
                    "&"
                } else {
                    ""
                };
                args.push(format!("{lend}{}", i.local));
            }
        }
        args.extend(extra.iter().cloned());
        let callee = match self.f.receiver {
            Some(_) => format!("receiver.{name}"),
            None if prefix.is_empty() => name.to_string(),
            None => format!("{prefix}{name}"),
        };
        (out, format!("{callee}({})", args.join(", ")))
    }

    /// `let t0 = …;` for every differentiated input, its tangent shaped like it, each float
    /// leaf read from `u` at the input's own flat index, and the arguments lending or giving
    /// them (`&self`'s tangent is `&Self`, by-value `self`'s is `Self`), in gradient order.
    fn tangents(&self) -> (String, Vec<String>) {
        let float = self.program.float.name();
        let leaf = |k: usize| format!("(u[{k}] as {float})");
        let (mut lets, mut args, mut at) = (String::new(), Vec::new(), 0);
        for i in self.inputs() {
            if i.differentiated {
                let mut b = Builder { structs: self.structs(), prefix: "", leaf: &leaf, next: at };
                let t = format!("t{}", args.len());
                let m = if i.ty.is_mut() { "mut " } else { "" };
                let _ = writeln!(lets, "    let {m}{t} = {};", b.build(&self.shape(&i)));
                let lent = match self.f.receiver {
                    Some(r) if i.local == "receiver" => r.by_ref,
                    _ => borrowed(i.ty),
                };
                let lend = if i.ty.is_mut() {
                    "&mut "
                } else if lent {
                    "&"
                } else {
                    ""
                };
                args.push(format!("{lend}{t}"));
            }
            at += i.leaves;
        }
        (lets, args)
    }

    /// `g0` for one differentiated input, `(g0, g1, …)` for several, and the statements
    /// flattening them into `flat`.
    fn gradient(&self) -> (String, String) {
        self.per_input("g", "flat")
    }

    /// Names `{stem}0`, `{stem}1`, … for a value per differentiated input shaped like it (a
    /// gradient, a Hessian-vector product), the pattern binding them, and the statements
    /// flattening them into `{target}`.
    fn per_input(&self, stem: &str, target: &str) -> (String, String) {
        let mut names = Vec::new();
        let mut flat = String::new();
        let push = |v: &str| format!("{target}.push(f64::from({v}));");
        for i in self.inputs().into_iter().filter(|i| i.differentiated) {
            let g = format!("{stem}{}", names.len());
            flatten(&self.shape(&i), &g, self.structs(), &push, &mut flat);
            names.push(g);
        }
        let pattern = if names.len() == 1 { names[0].clone() } else { format!("({})", names.join(", ")) };
        (pattern, flat)
    }

    fn all(&self) -> String {
        let name = &self.f.name;
        let float = self.program.float.name();
        let plain_leaf = |k: usize| format!("(x[{k}] as {float})");
        let dual_leaf = |k: usize| format!("oracle::D::input(x[{k}], dir[{k}])");
        let hyper_leaf = |k: usize| format!("hyper::D::input(x[{k}], dir == {k}, u[{k}])");
        let seed_leaf = |k: usize| format!("(w[{k}] as {float})");
        let (pattern, grad_flat) = self.gradient();
        let shape = Shape::of_ty(&self.f.ret);
        let mut value_flat = String::new();
        flatten(&shape, "out", self.structs(), &|v| format!("value.push(f64::from({v}));"), &mut value_flat);
        let mut dual_flat = String::new();
        flatten(&shape, "out", self.structs(), &|v| format!("value.push(({v}).parts());"), &mut dual_flat);
        let mut seed_builder = Builder { structs: self.structs(), prefix: "", leaf: &seed_leaf, next: 0 };
        let mut seed = seed_builder.build(&shape);
        let mut tangent_flat = String::new();
        flatten(&shape, "tangent", self.structs(), &|v| format!("flat.push(f64::from({v}));"), &mut tangent_flat);
        let (tangent_lets, tangents) = self.tangents();
        // A `&mut` parameter's final value is an output after the result: its adjoint is a
        // further argument of the pullback, its tangent is written into the `&mut` tangent.
        for i in self.lent() {
            let s = Shape::of_param(i.ty);
            flatten(&s, &i.local, self.structs(), &|v| format!("value.push(f64::from({v}));"), &mut value_flat);
            flatten(&s, &i.local, self.structs(), &|v| format!("value.push(({v}).parts());"), &mut dual_flat);
            let _ = write!(seed, ", {}", seed_builder.build(&s));
            let k = self.inputs().iter().filter(|j| j.differentiated).position(|j| j.local == i.local).unwrap_or(0);
            flatten(
                &s,
                &format!("t{k}"),
                self.structs(),
                &|v| format!("flat.push(f64::from({v}));"),
                &mut tangent_flat,
            );
        }
        let (plain_lets, plain_call) = self.call(name, "", &plain_leaf, &[]);
        let (_, vjp_call) = self.call(&format!("{name}_vjp"), "", &plain_leaf, &[]);
        let (_, jvp_call) = self.call(&format!("{name}_jvp"), "", &plain_leaf, &tangents);
        let (dual_lets, dual_call) = self.call(name, "oracle::", &dual_leaf, &[]);
        let mut out = format!(
            "pub fn {name}_primal(x: &[f64], n: &[usize]) -> Vec<f64> {{
{plain_lets}    let out = {plain_call};
    let mut value = Vec::new();
{value_flat}    value
}}
pub fn {name}_vjp_flat(x: &[f64], n: &[usize], w: &[f64]) -> (Vec<f64>, Vec<f64>) {{
{plain_lets}    let (out, pullback) = {vjp_call};
    let {pattern} = pullback({seed});
    let mut value = Vec::new();
{value_flat}    let mut flat = Vec::new();
{grad_flat}    (value, flat)
}}
pub fn {name}_dual(x: &[f64], n: &[usize], dir: &[f64]) -> Vec<[f64; 4]> {{
{dual_lets}    let out = {dual_call};
    let mut value = Vec::new();
{dual_flat}    value
}}
pub fn {name}_jvp_flat(x: &[f64], n: &[usize], u: &[f64]) -> (Vec<f64>, Vec<f64>) {{
{plain_lets}{tangent_lets}    let (out, tangent) = {jvp_call};
    let mut value = Vec::new();
{value_flat}    let mut flat = Vec::new();
{tangent_flat}    (value, flat)
}}
"
        );
        if scalar(self.f) {
            let (_, grad_call) = self.call(&format!("{name}_grad"), "", &plain_leaf, &[]);
            let (_, hvp_call) = self.call(&format!("{name}_hvp"), "", &plain_leaf, &tangents);
            let (hyper_lets, hyper_call) = self.call(name, "hyper::", &hyper_leaf, &[]);
            let (hvp_pattern, hvp_flat) = self.per_input("h", "hflat");
            let _ = write!(
                out,
                "pub fn {name}_grad_flat(x: &[f64], n: &[usize]) -> (f64, Vec<f64>) {{
{plain_lets}    let (value, {pattern}) = {grad_call};
    let mut flat = Vec::new();
{grad_flat}    (f64::from(value), flat)
}}
pub fn {name}_hvp_flat(x: &[f64], n: &[usize], u: &[f64]) -> (f64, Vec<f64>, Vec<f64>) {{
{plain_lets}{tangent_lets}    let (value, {pattern}, {hvp_pattern}) = {hvp_call};
    let mut flat = Vec::new();
{grad_flat}    let mut hflat = Vec::new();
{hvp_flat}    (f64::from(value), flat, hflat)
}}
pub fn {name}_hyper(x: &[f64], n: &[usize], dir: usize, u: &[f64]) -> [f64; 10] {{
{hyper_lets}    {hyper_call}.parts()
}}
"
            );
        }
        out
    }
}
