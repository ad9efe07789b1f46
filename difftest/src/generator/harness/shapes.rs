//! Text that builds a value of a type from flat leaves (inputs and seeds) and that flattens a
//! value (results and gradients) into leaves, the same for every shape: a float, a
//! collection, a matrix, a struct (its integer fields set to, or checked against, their
//! constants), a tuple.

use super::super::types::{FieldTy, MatTy, ParamTy, SeqTy, StructDef, Ty};

/// The shape of a value, for building and flattening.
#[derive(Clone, Debug)]
pub enum Shape {
    Float,
    /// A `Vec` (or an array when `array`) of `len` floats
    Seq {
        len: usize,
        array: bool,
    },
    Matrix {
        rows: usize,
        cols: usize,
    },
    Struct(usize),
    /// A `Vec` of `len` structs of type `id`
    List {
        id: usize,
        len: usize,
    },
    Tuple(Vec<Shape>),
    /// An integer field of this constant value
    Int(usize),
    /// An `Option<F>` input, `None` when integer input `n[k]` is 0: built from one float
    /// leaf; its gradient (or tangent) must be `None` exactly then, and is flattened to one
    /// leaf (0 for `None`)
    Opt(usize),
    /// An `Option<F>` result: flattened as a collection of zero or one leaf; a seed shaped
    /// like it is `out.map(|_| w)`
    Maybe,
}

impl Shape {
    pub fn of_param(ty: ParamTy) -> Shape {
        match ty {
            ParamTy::Float { .. } => Shape::Float,
            ParamTy::Seq { kind, len } => Shape::Seq { len, array: matches!(kind, SeqTy::Array | SeqTy::ArrayRef) },
            ParamTy::Matrix { rows, cols, .. } => Shape::Matrix { rows, cols },
            ParamTy::Struct { id, .. } => Shape::Struct(id),
            ParamTy::List { id, len, .. } => Shape::List { id, len },
            ParamTy::Int | ParamTy::Opt { .. } | ParamTy::Depth { .. } => Shape::Int(0),
            ParamTy::MutSeq { len, array } => Shape::Seq { len, array },
            ParamTy::MutFloat => Shape::Float,
            // The harness gives the integer's index (`Adapters::shape`).
            ParamTy::DiffOpt => Shape::Opt(0),
        }
    }

    pub fn of_ty(ty: &Ty) -> Shape {
        match ty {
            Ty::Float => Shape::Float,
            Ty::Vec(len) => Shape::Seq { len: *len, array: false },
            Ty::Array(len) => Shape::Seq { len: *len, array: true },
            Ty::Tuple(items) => Shape::Tuple(items.iter().map(Shape::of_ty).collect()),
            Ty::Struct(id) => Shape::Struct(*id),
            Ty::Opt => Shape::Maybe,
        }
    }

    fn of_field(ty: FieldTy) -> Shape {
        match ty {
            FieldTy::Float => Shape::Float,
            FieldTy::Vec(len) => Shape::Seq { len, array: false },
            FieldTy::Array(len) => Shape::Seq { len, array: true },
            FieldTy::Struct(id) => Shape::Struct(id),
            FieldTy::Int(v) => Shape::Int(v),
        }
    }
}

/// Whether a parameter of type `ty` is passed as `&value`.
pub fn borrowed(ty: ParamTy) -> bool {
    match ty {
        ParamTy::Float { by_ref } | ParamTy::Struct { by_ref, .. } => by_ref,
        ParamTy::Seq { kind, .. } => matches!(kind, SeqTy::Slice | SeqTy::VecRef | SeqTy::ArrayRef),
        ParamTy::Matrix { kind, .. } | ParamTy::List { kind, .. } => kind != MatTy::Vec,
        ParamTy::Int
        | ParamTy::Opt { .. }
        | ParamTy::MutSeq { .. }
        | ParamTy::MutFloat
        | ParamTy::DiffOpt
        | ParamTy::Depth { .. } => false,
    }
}

/// Builds values from leaves: `leaf(k)` is the text of the `k`-th float leaf; struct names
/// get `prefix` (`oracle::` for the dual copies).
pub struct Builder<'a> {
    pub structs: &'a [StructDef],
    pub prefix: &'a str,
    pub leaf: &'a dyn Fn(usize) -> String,
    pub next: usize,
}

impl Builder<'_> {
    pub fn build(&mut self, shape: &Shape) -> String {
        match shape {
            Shape::Float => {
                self.next += 1;
                (self.leaf)(self.next - 1)
            }
            Shape::Seq { len, array } => {
                let items = self.items(*len, &Shape::Float);
                if *array { format!("[{items}]") } else { format!("vec![{items}]") }
            }
            Shape::Matrix { rows, cols } => {
                format!("vec![{}]", self.items(*rows, &Shape::Seq { len: *cols, array: false }))
            }
            Shape::Struct(id) => {
                let def = &self.structs[*id];
                let fields: Vec<String> =
                    def.fields.iter().map(|f| format!("{}: {}", f.name, self.build(&Shape::of_field(f.ty)))).collect();
                format!("{}{} {{ {} }}", self.prefix, def.name, fields.join(", "))
            }
            Shape::List { id, len } => format!("vec![{}]", self.items(*len, &Shape::Struct(*id))),
            Shape::Tuple(items) => {
                let parts: Vec<String> = items.iter().map(|s| self.build(s)).collect();
                format!("({})", parts.join(", "))
            }
            Shape::Int(v) => v.to_string(),
            Shape::Opt(k) => format!("(n[{k}] != 0).then(|| {})", self.build(&Shape::Float)),
            Shape::Maybe => format!("out.map(|_| {})", self.build(&Shape::Float)),
        }
    }

    fn items(&mut self, n: usize, shape: &Shape) -> String {
        (0..n).map(|_| self.build(shape)).collect::<Vec<_>>().join(", ")
    }
}

/// Statements pushing every float leaf of `value` (an expression of shape `shape`) with
/// `push`, and asserting every integer field equals its constant (a gradient or a tangent
/// copies them).
pub fn flatten(shape: &Shape, value: &str, structs: &[StructDef], push: &dyn Fn(&str) -> String, out: &mut String) {
    match shape {
        Shape::Float => out.push_str(&format!("    {}\n", push(value))),
        Shape::Seq { .. } | Shape::Maybe => {
            out.push_str(&format!("    for v in {value}.iter() {{ {} }}\n", push("*v")))
        }
        Shape::Matrix { .. } => {
            out.push_str(&format!("    for row in {value}.iter() {{ for v in row.iter() {{ {} }} }}\n", push("*v")))
        }
        Shape::Struct(id) => {
            for f in &structs[*id].fields {
                flatten(&Shape::of_field(f.ty), &format!("{value}.{}", f.name), structs, push, out);
            }
        }
        Shape::List { id, .. } => {
            // Lists are parameters only, never nested: one name serves.
            out.push_str(&format!("    for e in {value}.iter() {{\n"));
            flatten(&Shape::Struct(*id), "e", structs, push, out);
            out.push_str("    }\n");
        }
        Shape::Tuple(items) => {
            for (k, s) in items.iter().enumerate() {
                flatten(s, &format!("{value}.{k}"), structs, push, out);
            }
        }
        Shape::Int(v) => {
            out.push_str(&format!("    assert_eq!({value}, {v}, \"an integer field of a gradient or tangent\");\n"))
        }
        Shape::Opt(k) => {
            out.push_str(&format!(
                "    assert_eq!({value}.is_some(), n[{k}] != 0, \"an Option gradient or tangent has its input's shape\");\n"
            ));
            out.push_str(&format!("    {}\n", push(&format!("{value}.unwrap_or_default()"))));
        }
    }
}
