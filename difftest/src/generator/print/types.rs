//! Types as either printing writes them.

use super::super::types::{FieldTy, MatTy, ParamTy, SeqTy, Ty};
use super::{Flavor, Printer};

impl Printer<'_> {
    /// `f64`, `f32`, or `D` over dual numbers.
    pub(super) fn float_name(&self) -> &'static str {
        match self.flavor {
            Flavor::Plain if self.generic => "T",
            Flavor::Plain => self.float.name(),
            Flavor::Dual => "D",
        }
    }

    pub(super) fn param_ty(&self, ty: ParamTy) -> String {
        let f = self.float_name();
        match ty {
            ParamTy::Float { by_ref } => format!("{}{f}", if by_ref { "&" } else { "" }),
            ParamTy::Seq { kind, len } => match kind {
                SeqTy::Slice => format!("&[{f}]"),
                SeqTy::Vec => format!("Vec<{f}>"),
                SeqTy::VecRef => format!("&Vec<{f}>"),
                SeqTy::Array => format!("[{f}; {len}]"),
                SeqTy::ArrayRef => format!("&[{f}; {len}]"),
            },
            ParamTy::Matrix { kind, .. } => match kind {
                MatTy::Vec => format!("Vec<Vec<{f}>>"),
                MatTy::VecRef => format!("&Vec<Vec<{f}>>"),
                MatTy::Slice => format!("&[Vec<{f}>]"),
            },
            ParamTy::Struct { id, by_ref } => format!("{}{}", if by_ref { "&" } else { "" }, self.structs[id].name),
            ParamTy::List { id, kind, .. } => {
                let s = &self.structs[id].name;
                match kind {
                    MatTy::Vec => format!("Vec<{s}>"),
                    MatTy::VecRef => format!("&Vec<{s}>"),
                    MatTy::Slice => format!("&[{s}]"),
                }
            }
            ParamTy::Int | ParamTy::Depth { narrow: false } => "usize".to_string(),
            ParamTy::Depth { narrow: true } => "u32".to_string(),
            ParamTy::Opt { float: true } => format!("Option<{f}>"),
            ParamTy::Opt { float: false } => "Option<usize>".to_string(),
            ParamTy::MutSeq { len, array: true } => format!("&mut [{f}; {len}]"),
            ParamTy::MutSeq { array: false, .. } => format!("&mut [{f}]"),
            ParamTy::MutFloat => format!("&mut {f}"),
            ParamTy::DiffOpt => format!("Option<{f}>"),
        }
    }

    pub(super) fn ty(&self, ty: &Ty) -> String {
        let f = self.float_name();
        match ty {
            Ty::Float => f.to_string(),
            Ty::Vec(_) => format!("Vec<{f}>"),
            Ty::Array(n) => format!("[{f}; {n}]"),
            Ty::Tuple(items) => format!("({})", items.iter().map(|t| self.ty(t)).collect::<Vec<_>>().join(", ")),
            Ty::Struct(id) => self.structs[*id].name.clone(),
            Ty::Opt => format!("Option<{f}>"),
        }
    }

    pub(super) fn field_ty(&self, ty: FieldTy) -> String {
        let f = self.float_name();
        match ty {
            FieldTy::Float => f.to_string(),
            FieldTy::Vec(_) => format!("Vec<{f}>"),
            FieldTy::Array(n) => format!("[{f}; {n}]"),
            FieldTy::Struct(id) => self.structs[id].name.clone(),
            FieldTy::Int(_) => "usize".to_string(),
        }
    }
}
