//! The derived structs of a program: one or two, the second may nest the first; fields are
//! floats, `Vec`s and arrays of fixed lengths, and integers the harness sets to a constant.

use super::types::{Field, FieldTy, StructDef};
use rand::RngExt;
use rand::rngs::StdRng;

/// One or two struct definitions, each with at least one float leaf.
pub fn defs(rng: &mut StdRng) -> Vec<StructDef> {
    let count = rng.random_range(1..=2);
    let mut defs: Vec<StructDef> = Vec::new();
    for k in 0..count {
        let def = def(rng, k, &defs);
        defs.push(def);
    }
    defs
}

fn def(rng: &mut StdRng, k: usize, earlier: &[StructDef]) -> StructDef {
    // One field of each kind at most, each name telling its kind (`a` a float, `w` a `Vec`,
    // `c` an array, `inner` a struct, `n` an integer); the float comes first so every struct
    // has a leaf.
    let mut fields = vec![Field { name: "a".to_string(), ty: FieldTy::Float }];
    if rng.random_bool(0.4) {
        fields.push(Field { name: "b".to_string(), ty: FieldTy::Float });
    }
    if rng.random_bool(0.5) {
        fields.push(Field { name: "w".to_string(), ty: FieldTy::Vec(rng.random_range(1..=4)) });
    }
    if rng.random_bool(0.5) {
        fields.push(Field { name: "c".to_string(), ty: FieldTy::Array(rng.random_range(1..=3)) });
    }
    if !earlier.is_empty() && rng.random_bool(0.6) {
        fields.push(Field { name: "inner".to_string(), ty: FieldTy::Struct(rng.random_range(0..earlier.len())) });
    }
    if rng.random_bool(0.5) {
        fields.push(Field { name: "n".to_string(), ty: FieldTy::Int(rng.random_range(1..=4)) });
    }
    for i in (1..fields.len()).rev() {
        fields.swap(i, rng.random_range(0..=i));
    }
    let copy = fields.iter().all(|f| match f.ty {
        FieldTy::Vec(_) => false,
        FieldTy::Struct(j) => earlier[j].copy,
        _ => true,
    });
    StructDef { name: format!("S{k}"), fields, copy }
}
