//! The types a generated program uses: its float type, its derived structs, the types of
//! parameters and of results.
//!
//! Every collection has a length fixed when the program is generated (the harness builds
//! arguments of exactly that length), so index and bound checks are decided here, not at run
//! time.

/// The float type of a whole program.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FloatTy {
    F64,
    F32,
}

impl FloatTy {
    pub fn name(self) -> &'static str {
        match self {
            FloatTy::F64 => "f64",
            FloatTy::F32 => "f32",
        }
    }

    /// The other one, for `as` casts between float types.
    pub fn other(self) -> FloatTy {
        match self {
            FloatTy::F64 => FloatTy::F32,
            FloatTy::F32 => FloatTy::F64,
        }
    }
}

/// `#[derive(Differentiable)] struct Sk { … }`.
#[derive(Clone, Debug)]
pub struct StructDef {
    pub name: String,
    pub fields: Vec<Field>,
    /// Also `#[derive(Clone, Copy)]`: no `Vec` field, here or in a nested struct.
    pub copy: bool,
}

#[derive(Clone, Debug)]
pub struct Field {
    pub name: String,
    pub ty: FieldTy,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FieldTy {
    Float,
    Vec(usize),
    Array(usize),
    /// A struct defined earlier in the program (by index).
    Struct(usize),
    /// A `usize` the harness always sets to this value: a shape, a constant of the
    /// differentiation, copied into gradients.
    Int(usize),
}

/// The type of a result (and of a pullback's seed, which has the result's shape).
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Ty {
    Float,
    Vec(usize),
    Array(usize),
    Tuple(Vec<Ty>),
    Struct(usize),
    /// `Option<F>`: checked as a collection of zero or one float
    Opt,
}

/// How a one-dimensional float collection is passed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SeqTy {
    /// `&[F]`
    Slice,
    /// `Vec<F>`
    Vec,
    /// `&Vec<F>`
    VecRef,
    /// `[F; N]`
    Array,
    /// `&[F; N]`
    ArrayRef,
}

/// How a matrix (`Vec` of rows) is passed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MatTy {
    /// `Vec<Vec<F>>`
    Vec,
    /// `&Vec<Vec<F>>`
    VecRef,
    /// `&[Vec<F>]`
    Slice,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ParamTy {
    /// `F` or `&F`
    Float {
        by_ref: bool,
    },
    Seq {
        kind: SeqTy,
        len: usize,
    },
    Matrix {
        kind: MatTy,
        rows: usize,
        cols: usize,
    },
    /// `Sk` or `&Sk`
    Struct {
        id: usize,
        by_ref: bool,
    },
    /// `Vec<Sk>`, `&Vec<Sk>` or `&[Sk]`: a list of structs, read by element fields
    /// (`ls[i].w[j]`, `ls[i].inner.a`)
    List {
        id: usize,
        len: usize,
        kind: MatTy,
    },
    /// `usize`, a constant of the differentiation, at most `INT_PARAM_MAX`
    Int,
    /// `Option<usize>` (at most `INT_PARAM_MAX`) or `Option<F>` when `float`: a constant, left
    /// out by `wrt(…)`
    Opt {
        float: bool,
    },
    /// `&mut [F]`, or `&mut [F; N]` when `array`: a buffer the function writes
    MutSeq {
        len: usize,
        array: bool,
    },
    /// `&mut F`: an accumulator
    MutFloat,
    /// `Option<F>` differentiated (unless `wrt(…)` leaves it out): the harness builds it
    /// from a float input, `None` when its integer input is 0; its gradient is an `Option`
    DiffOpt,
    /// `depth: usize`, or `u32` when `narrow`: a recursive function's depth, a constant of
    /// the differentiation, at most `DEPTH_MAX`; the function calls itself with `depth - 1`
    /// while it is positive
    Depth {
        narrow: bool,
    },
}

impl ParamTy {
    /// Whether the macro differentiates a parameter of this type.
    pub fn differentiable(self) -> bool {
        matches!(
            self,
            ParamTy::Float { .. }
                | ParamTy::Seq { .. }
                | ParamTy::Matrix { .. }
                | ParamTy::Struct { .. }
                | ParamTy::List { .. }
                | ParamTy::DiffOpt
        )
    }

    /// A `&mut` parameter: its final value is an output, its initial value an input.
    pub fn is_mut(self) -> bool {
        matches!(self, ParamTy::MutSeq { .. } | ParamTy::MutFloat)
    }

    /// A parameter the harness builds from the integer inputs.
    pub fn built_from_ints(self) -> bool {
        matches!(self, ParamTy::Int | ParamTy::Opt { .. } | ParamTy::Depth { .. })
    }

    /// A parameter the harness builds with the help of an integer input (`None` when it is
    /// 0).
    pub fn uses_int(self) -> bool {
        self.built_from_ints() || self == ParamTy::DiffOpt
    }
}

/// The number of float leaves of a value of a field type.
pub fn field_leaves(ty: FieldTy, structs: &[StructDef]) -> usize {
    match ty {
        FieldTy::Float => 1,
        FieldTy::Vec(n) | FieldTy::Array(n) => n,
        FieldTy::Struct(id) => struct_leaves(id, structs),
        FieldTy::Int(_) => 0,
    }
}

pub fn struct_leaves(id: usize, structs: &[StructDef]) -> usize {
    structs[id].fields.iter().map(|f| field_leaves(f.ty, structs)).sum()
}

/// The number of float leaves of a parameter.
pub fn param_leaves(ty: ParamTy, structs: &[StructDef]) -> usize {
    match ty {
        ParamTy::Float { .. } => 1,
        ParamTy::Seq { len, .. } => len,
        ParamTy::Matrix { rows, cols, .. } => rows * cols,
        ParamTy::Struct { id, .. } => struct_leaves(id, structs),
        ParamTy::List { id, len, .. } => len * struct_leaves(id, structs),
        ParamTy::Int | ParamTy::Opt { .. } | ParamTy::Depth { .. } => 0,
        ParamTy::MutSeq { len, .. } => len,
        ParamTy::MutFloat | ParamTy::DiffOpt => 1,
    }
}

/// The number of float leaves of a result.
pub fn ty_leaves(ty: &Ty, structs: &[StructDef]) -> usize {
    match ty {
        Ty::Float | Ty::Opt => 1,
        Ty::Vec(n) | Ty::Array(n) => *n,
        Ty::Tuple(items) => items.iter().map(|t| ty_leaves(t, structs)).sum(),
        Ty::Struct(id) => struct_leaves(*id, structs),
    }
}
