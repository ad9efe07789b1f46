//! The code around each generated program: adapters from flat input vectors to the
//! function's arguments (and from its result and gradient back to flat vectors), and one
//! `Case` per function for the test to run.

mod shapes;

use super::ast::*;
use super::print::{self, Flavor};
use super::types::{FloatTy, ParamTy, StructDef, Ty, param_leaves, struct_leaves, ty_leaves};
use shapes::{Builder, Shape, borrowed, flatten};
use std::fmt::Write;

/// A program as a module: its source (as a string for failure reports), the program under
/// `#[differentiable]`, its dual-number copy in `oracle`, and the adapters.
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
    for f in &program.functions {
        out.push_str(&Adapters { program, f }.all());
    }
    out.push_str("}\n");
    out
}

/// The `Case` entries of a program, for the batch's `CASES` table.
pub fn cases(index: usize, seed: u64, program: &Program) -> String {
    let mut out = String::new();
    for f in &program.functions {
        let a = Adapters { program, f };
        let inputs = a.inputs();
        let floats: usize = inputs.iter().map(|i| i.leaves).sum();
        let ints = f.params.iter().filter(|p| p.ty == ParamTy::Int).count();
        let wrt: Vec<String> = a.wrt_leaves().iter().map(usize::to_string).collect();
        let name = &f.name;
        let grad = if f.ret == Ty::Float { format!("Some(p{index}::{name}_grad_flat)") } else { "None".to_string() };
        let _ = writeln!(
            out,
            "Case {{ program: {index}, seed: {seed:#x}, function: \"{name}\", source: p{index}::SOURCE, floats: {floats}, \
             ints: {ints}, single: {}, outputs: {}, wrt: &[{}], primal: p{index}::{name}_primal, grad: {grad}, \
             vjp: p{index}::{name}_vjp_flat, dual: p{index}::{name}_dual }},",
            program.float == FloatTy::F32,
            ty_leaves(&f.ret, &program.structs),
            wrt.join(", ")
        );
    }
    out
}

/// One input of a function: the receiver or a parameter.
struct Input {
    /// The local the adapter builds it in.
    local: String,
    ty: ParamTy,
    leaves: usize,
    differentiated: bool,
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
            out.push(Input { local: "receiver".into(), ty, leaves, differentiated: self.f.differentiates("self") });
        }
        for (k, p) in self.f.params.iter().enumerate() {
            let leaves = param_leaves(p.ty, self.structs());
            let differentiated = p.ty.differentiable() && self.f.differentiates(&p.name);
            out.push(Input { local: format!("a{k}"), ty: p.ty, leaves, differentiated });
        }
        out
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
    /// function named `name` (`f`, `f_grad`, …) on them. The inputs are locals of the
    /// adapter itself, as a pullback may borrow them.
    fn call(&self, name: &str, prefix: &str, leaf: &dyn Fn(usize) -> String) -> (String, String) {
        let mut out = String::new();
        let mut b = Builder { structs: self.structs(), prefix, leaf, next: 0 };
        let (mut args, mut ints) = (Vec::new(), 0);
        for i in self.inputs() {
            if i.ty == ParamTy::Int {
                args.push(format!("n[{ints}]"));
                ints += 1;
                continue;
            }
            let _ = writeln!(out, "    let {} = {};", i.local, b.build(&Shape::of_param(i.ty)));
            if i.local != "receiver" {
                args.push(format!("{}{}", if borrowed(i.ty) { "&" } else { "" }, i.local));
            }
        }
        let callee = match self.f.receiver {
            Some(_) => format!("receiver.{name}"),
            None if prefix.is_empty() => name.to_string(),
            None => format!("{prefix}{name}"),
        };
        (out, format!("{callee}({})", args.join(", ")))
    }

    /// `g0` for one differentiated input, `(g0, g1, …)` for several, and the statements
    /// flattening them into `flat`.
    fn gradient(&self) -> (String, String) {
        let mut names = Vec::new();
        let mut flat = String::new();
        let push = |v: &str| format!("flat.push(f64::from({v}));");
        for i in self.inputs().into_iter().filter(|i| i.differentiated) {
            let g = format!("g{}", names.len());
            flatten(&Shape::of_param(i.ty), &g, self.structs(), &push, &mut flat);
            names.push(g);
        }
        let pattern = if names.len() == 1 { names[0].clone() } else { format!("({})", names.join(", ")) };
        (pattern, flat)
    }

    fn all(&self) -> String {
        let name = &self.f.name;
        let float = self.program.float.name();
        let plain_leaf = |k: usize| format!("(x[{k}] as {float})");
        let dual_leaf = |k: usize| format!("oracle::D::input(x[{k}], dir == {k})");
        let seed_leaf = |k: usize| format!("(w[{k}] as {float})");
        let (pattern, grad_flat) = self.gradient();
        let shape = Shape::of_ty(&self.f.ret);
        let mut value_flat = String::new();
        flatten(&shape, "out", self.structs(), &|v| format!("value.push(f64::from({v}));"), &mut value_flat);
        let mut dual_flat = String::new();
        flatten(&shape, "out", self.structs(), &|v| format!("value.push(({v}).parts());"), &mut dual_flat);
        let seed = Builder { structs: self.structs(), prefix: "", leaf: &seed_leaf, next: 0 }.build(&shape);
        let (plain_lets, plain_call) = self.call(name, "", &plain_leaf);
        let (_, vjp_call) = self.call(&format!("{name}_vjp"), "", &plain_leaf);
        let (dual_lets, dual_call) = self.call(name, "oracle::", &dual_leaf);
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
pub fn {name}_dual(x: &[f64], n: &[usize], dir: usize) -> Vec<[f64; 4]> {{
{dual_lets}    let out = {dual_call};
    let mut value = Vec::new();
{dual_flat}    value
}}
"
        );
        if self.f.ret == Ty::Float {
            let (_, grad_call) = self.call(&format!("{name}_grad"), "", &plain_leaf);
            let _ = write!(
                out,
                "pub fn {name}_grad_flat(x: &[f64], n: &[usize]) -> (f64, Vec<f64>) {{
{plain_lets}    let (value, {pattern}) = {grad_call};
    let mut flat = Vec::new();
{grad_flat}    (f64::from(value), flat)
}}
"
            );
        }
        out
    }
}
