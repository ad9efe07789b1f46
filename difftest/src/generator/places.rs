//! The collections and structs in scope as a statement sees them, and the binding of a
//! struct's fields as bindings of their own.

use super::Gen;
use super::loops::LoopKind;
use super::scope::{Binding, Container, FloatVar, IntVar, ListVar, MatVar, SliceVar, StructVar};
use super::types::{FieldTy, StructDef};

impl Gen<'_> {
    /// Every collection in scope, with one row of each matrix (`m[k]`, at a random `k`).
    pub fn seqs(&mut self) -> Vec<SliceVar> {
        let mut out: Vec<SliceVar> = self.scope.slices().into_iter().map(|(_, s)| s.clone()).collect();
        let mats: Vec<MatVar> = self.scope.mats().into_iter().cloned().collect();
        for m in mats {
            let i = self.index(m.rows);
            out.push(SliceVar {
                name: format!("{}[{}]", m.name, i.text),
                len: m.cols,
                container: Container::Vec,
                binding: Binding::Place,
                bound: 2.0,
                writable: false,
                local: false,
                active: m.active,
                borrows: Some(m.name.clone()),
                movable: false,
            });
        }
        out.extend(self.list_elements().seqs);
        out
    }

    /// One element of each list of structs in scope (`ls0[i]`, at a random index `i`) and its
    /// fields by their paths (`ls0[i].a`, `ls0[i].w`, `ls0[i].inner.w`), as `bind_struct`
    /// brings in a struct parameter's.
    pub fn list_elements(&mut self) -> Elements {
        let mut out = Elements::default();
        let lists: Vec<ListVar> = self.scope.lists().into_iter().cloned().collect();
        for l in lists {
            let i = self.index(l.len);
            let path = format!("{}[{}]", l.name, i.text);
            out.add_struct(self.structs, &path, l.id, (l.active, 2.0), &l.name);
        }
        out
    }

    /// The collections a loop or chain may walk here: not a named borrow inside a block
    /// while found/018 is open, nor a local after an early return while found/015 is.
    pub fn walkable(&mut self) -> Vec<SliceVar> {
        let nested = !self.features.nested_walk_of_borrow && self.nest > 0;
        // found/015: after an early return, parameters and their fields only.
        let after_return = !self.features.walk_after_return && self.returned;
        // found/020 and 025: no row inside a `loop`, a `while` or a `.step_by(k)` loop.
        let counted = !self.features.row_walk_in_counted_loop && self.loops.iter().any(|k| *k != LoopKind::For)
            || !self.features.row_walk_in_step_by && self.stepped > 0;
        // A field of a named borrow of a struct (`let q = &t; … q.w`) counts as a borrow.
        let borrowed_structs: Vec<String> = self
            .scope
            .structs()
            .into_iter()
            .filter(|s| s.binding == Binding::Ref && !self.params.contains(&s.name) && s.name != "self")
            .map(|s| s.name.clone())
            .collect();
        self.seqs()
            .into_iter()
            .filter(|s| !(nested && s.binding == Binding::Ref && s.borrows.is_some()))
            .filter(|s| !(nested && borrowed_structs.contains(&root(&s.name))))
            .filter(|s| !(counted && s.name.contains('[')))
            .filter(|s| !(after_return && (s.name.contains('[') || !self.params.contains(&root(&s.name)))))
            .filter(|s| !(after_return && s.binding == Binding::Ref && s.borrows.is_some()))
            .collect()
    }

    /// The collections a map-less `.iter().sum()` may walk: not an array reference while
    /// found/010 is open.
    pub fn summable(&mut self) -> Vec<SliceVar> {
        let open_bug = !self.features.array_reference_sum;
        self.walkable()
            .into_iter()
            .filter(|s| !(open_bug && s.container == Container::Array && s.binding == Binding::Ref))
            .collect()
    }

    /// The structs of type `id` in scope (fields included) that may be given where a value
    /// must be constant unless `active_ok`.
    pub fn structs_of(&mut self, id: usize, active_ok: bool) -> Vec<StructVar> {
        let elements = self.list_elements().structs;
        self.scope
            .structs()
            .into_iter()
            .cloned()
            .chain(elements)
            .filter(|s| s.id == id && (active_ok || !s.active))
            .collect()
    }

    /// Binds a struct and, by their paths, its fields: `s.a` as a float, `s.w` as a
    /// collection, `s.inner` as a struct, `s.n` as an integer of known value.
    pub fn bind_struct(&mut self, name: &str, id: usize, binding: Binding, active: bool, bound: f64) {
        let mut parts = Elements::default();
        parts.add_struct(self.structs, name, id, (active, bound), &root(name));
        parts.structs[0].binding = binding;
        parts.structs.into_iter().for_each(|s| self.scope.add_struct(s));
        parts.floats.into_iter().for_each(|v| self.scope.add_float(v));
        parts.seqs.into_iter().for_each(|s| self.scope.add_slice(s));
        parts.ints.into_iter().for_each(|v| self.scope.add_int(v));
    }
}

/// A struct and its fields by their paths (`bind_struct`, `list_elements`).
#[derive(Default)]
pub struct Elements {
    pub floats: Vec<FloatVar>,
    pub seqs: Vec<SliceVar>,
    pub structs: Vec<StructVar>,
    pub ints: Vec<IntVar>,
}

impl Elements {
    /// Struct `id` at `path` (borrowed from `root`), whose floats may carry a gradient when
    /// `active` and are at most `bound`.
    fn add_struct(&mut self, defs: &[StructDef], path: &str, id: usize, (active, bound): (bool, f64), root: &str) {
        self.structs.push(StructVar { name: path.to_string(), id, binding: Binding::Place, active });
        for field in &defs[id].fields {
            let name = format!("{path}.{}", field.name);
            let seq = |len, container| SliceVar {
                name: name.clone(),
                len,
                container,
                binding: Binding::Place,
                bound,
                writable: false,
                local: false,
                active,
                borrows: Some(root.to_string()),
                movable: false,
            };
            match field.ty {
                FieldTy::Float => {
                    self.floats.push(FloatVar { name, mutable: false, bound, by_ref: false, active, param: false })
                }
                FieldTy::Vec(len) => self.seqs.push(seq(len, Container::Vec)),
                FieldTy::Array(len) => self.seqs.push(seq(len, Container::Array)),
                FieldTy::Struct(inner) => self.add_struct(defs, &name, inner, (active, bound), root),
                FieldTy::Int(value) => self.ints.push(IntVar { name, max: value }),
            }
        }
    }
}

/// The variable a path starts from (`s` of `s.inner.w`).
pub fn root(path: &str) -> String {
    path.split(['.', '[']).next().unwrap_or(path).to_string()
}
