//! The code around each generated program: adapters from flat input vectors to the
//! function's parameters (and from its gradient back to a flat vector), and one `Case` per
//! function for the test to run.

use super::ast::*;
use super::print::{self, Flavor};
use std::fmt::Write;

/// A program as a module: its source (as a string for failure reports), the functions under
/// `#[differentiable]`, their dual-number copies in `oracle`, and the adapters.
pub fn module(index: usize, seed: u64, program: &Program) -> String {
    let source: String =
        program.functions.iter().map(|f| print::function(f, Flavor::F64)).collect::<Vec<_>>().join("\n");
    let oracle: String =
        program.functions.iter().map(|f| print::function(f, Flavor::Dual)).collect::<Vec<_>>().join("\n");
    let mut out = String::new();
    let _ = writeln!(out, "/// Program {index} (seed {seed:#x}).");
    let _ = writeln!(out, "pub mod p{index} {{");
    out.push_str("use backprop::differentiable;\n");
    let _ = writeln!(out, "pub const SOURCE: &str = r#\"{source}\"#;");
    out.push_str(&source);
    out.push_str("mod oracle {\nuse backprop_difftest::dual::Dual;\n");
    out.push_str(&oracle);
    out.push_str("}\n");
    for f in &program.functions {
        out.push_str(&adapters(f));
    }
    out.push_str("}\n");
    out
}

/// The `Case` entries of a program, for the batch's `CASES` table.
pub fn cases(index: usize, seed: u64, program: &Program) -> String {
    let mut out = String::new();
    for f in &program.functions {
        let floats: usize = f.params.iter().map(|p| float_len(p.ty)).sum();
        let ints = f.params.iter().filter(|p| p.ty == ParamTy::Int).count();
        let name = &f.name;
        let _ = writeln!(
            out,
            "Case {{ program: {index}, seed: {seed:#x}, function: \"{name}\", source: p{index}::SOURCE, floats: {floats}, \
             ints: {ints}, primal: p{index}::{name}_primal, grad: p{index}::{name}_grad_flat, \
             vjp: p{index}::{name}_vjp_flat, dual: p{index}::{name}_dual }},"
        );
    }
    out
}

fn float_len(ty: ParamTy) -> usize {
    match ty {
        ParamTy::Scalar => 1,
        ParamTy::Slice(n) => n,
        ParamTy::Int => 0,
    }
}

/// The call's arguments read from `x` (floats, flattened) and `n` (integers).
fn arguments(f: &Function) -> String {
    let (mut at, mut int) = (0, 0);
    let mut args = Vec::new();
    for p in &f.params {
        args.push(match p.ty {
            ParamTy::Scalar => format!("x[{at}]"),
            ParamTy::Slice(len) => format!("&x[{at}..{}]", at + len),
            ParamTy::Int => {
                int += 1;
                format!("n[{}]", int - 1)
            }
        });
        at += float_len(p.ty);
    }
    args.join(", ")
}

/// `g0` for one differentiated parameter, `(g0, g1, …)` for several: the gradient's shape.
fn gradient_pattern(f: &Function) -> (String, String) {
    let mut names = Vec::new();
    let mut flatten = String::new();
    for p in f.params.iter().filter(|p| p.ty != ParamTy::Int) {
        let g = format!("g{}", names.len());
        let _ = match p.ty {
            ParamTy::Scalar => writeln!(flatten, "    flat.push({g});"),
            _ => writeln!(flatten, "    flat.extend_from_slice(&{g});"),
        };
        names.push(g);
    }
    let pattern = if names.len() == 1 { names[0].clone() } else { format!("({})", names.join(", ")) };
    (pattern, flatten)
}

fn adapters(f: &Function) -> String {
    let name = &f.name;
    let args = arguments(f);
    let (pattern, flatten) = gradient_pattern(f);
    format!(
        "pub fn {name}_primal(x: &[f64], n: &[usize]) -> f64 {{
    {name}({args})
}}
pub fn {name}_grad_flat(x: &[f64], n: &[usize]) -> (f64, Vec<f64>) {{
    let (value, {pattern}) = {name}_grad({args});
    let mut flat = Vec::new();
{flatten}    (value, flat)
}}
pub fn {name}_vjp_flat(x: &[f64], n: &[usize], seed: f64) -> (f64, Vec<f64>) {{
    let (value, pullback) = {name}_vjp({args});
    let {pattern} = pullback(seed);
    let mut flat = Vec::new();
{flatten}    (value, flat)
}}
pub fn {name}_dual(x: &[backprop_difftest::dual::Dual], n: &[usize]) -> backprop_difftest::dual::Dual {{
    oracle::{name}({args})
}}
"
    )
}
