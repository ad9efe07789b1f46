//! `let` statements that bind something other than a computed float: names bound to borrows
//! (`let q = &c;`, `let row = &m[i];`, `let r = &xs;`, `let t = &s;`), results of calls that
//! are collections, tuples or structs, collected chains, and moves (`let ys = xs;`).

use super::Gen;
use super::ast::*;
use super::scope::{Binding, Container, FloatVar, SliceVar};
use super::stmt::local_buffer;
use super::types::Ty;
use rand::RngExt;

impl Gen<'_> {
    /// `let q = &…;` of a float, an element, a collection, a row or a struct that is never
    /// written (a borrow of something written later would not borrow-check).
    pub fn let_borrow(&mut self) -> Option<Stmt> {
        let name = self.fresh("q");
        match self.rng.random_range(0..4) {
            0 => {
                let by_value = self.by_value_structs();
                let floats: Vec<_> = self
                    .scope
                    .floats()
                    .into_iter()
                    .filter(|(_, v)| !v.mutable && !v.by_ref)
                    .filter(|(_, v)| !by_value.contains(&super::places::root(&v.name)))
                    .map(|(_, v)| v.clone())
                    .collect();
                let v = floats.get(self.rng.random_range(0..floats.len().max(1)))?.clone();
                self.scope.add_float(FloatVar {
                    name: name.clone(),
                    mutable: false,
                    by_ref: true,
                    param: false,
                    ..v.clone()
                });
                Some(Stmt::LetBorrow { name, place: Expr::Var(v.name) })
            }
            1 => {
                // Not of a `Vec` that may be moved later: a float borrow does not end with it.
                let by_value = self.by_value_structs();
                let seqs: Vec<_> = self
                    .seqs()
                    .into_iter()
                    .filter(|s| !s.writable && !s.movable && !by_value.contains(&super::places::root(&s.name)))
                    .collect();
                let s = seqs.get(self.rng.random_range(0..seqs.len().max(1)))?.clone();
                let element = self.element_of(&s);
                self.scope.add_float(FloatVar {
                    name: name.clone(),
                    mutable: false,
                    bound: s.bound,
                    by_ref: true,
                    active: s.active,
                    param: false,
                });
                Some(Stmt::LetBorrow { name, place: element })
            }
            2 => {
                let seqs: Vec<_> =
                    self.seqs().into_iter().filter(|s| !s.writable && s.binding == Binding::Place).collect();
                let s = seqs.get(self.rng.random_range(0..seqs.len().max(1)))?.clone();
                let root = super::places::root(&s.name);
                let var = SliceVar {
                    name: name.clone(),
                    binding: Binding::Ref,
                    borrows: Some(root),
                    movable: false,
                    ..s.clone()
                };
                self.scope.add_slice(var);
                Some(Stmt::LetBorrow { name, place: Expr::Var(s.name) })
            }
            _ => {
                let structs: Vec<_> =
                    self.scope.structs().into_iter().filter(|s| s.binding == Binding::Place).cloned().collect();
                let s = structs.get(self.rng.random_range(0..structs.len().max(1)))?.clone();
                self.bind_struct(&name, s.id, Binding::Ref, s.active, 2.0);
                Some(Stmt::LetBorrow { name, place: Expr::Var(s.name) })
            }
        }
    }

    /// The structs bound by value whose fields may not be borrowed by name while found/027
    /// is open (none when it is fixed).
    fn by_value_structs(&self) -> Vec<String> {
        if self.features.borrowed_field_of_by_value_struct {
            return Vec::new();
        }
        self.scope.structs().into_iter().filter(|s| s.binding == Binding::Place).map(|s| s.name.clone()).collect()
    }

    /// `x[i]` of collection `s`.
    fn element_of(&mut self, s: &SliceVar) -> Expr {
        let i = self.index(s.len);
        Expr::Index(s.name.clone(), i)
    }

    /// `let [mut] y = f(…);` of a call whose result is not a float (`let (a, b) = f(…);` of a
    /// tuple): the result is bound like a local of its type.
    pub fn let_call(&mut self) -> Option<Stmt> {
        let arrays = self.features.array_result_binding;
        let callees: Vec<_> =
            self.callees.iter().filter(|c| c.ret != Ty::Float && (arrays || !has_array(&c.ret))).cloned().collect();
        let callee = callees.get(self.rng.random_range(0..callees.len().max(1)))?.clone();
        let call = self.call_of(&callee, 1)?;
        let bound = callee.bound;
        // found/024: in a block (a loop, a branch) or after an early return.
        let exits = self.nest > 0 || self.closures > 0 || self.returned;
        if matches!(callee.ret, Ty::Tuple(_)) && exits && !self.features.tuple_binding_in_loop {
            return None;
        }
        if let Ty::Tuple(items) = &callee.ret {
            let names: Vec<String> = items.iter().map(|t| self.bind_result(t, bound, false)).collect();
            return Some(Stmt::LetTuple { names, value: call });
        }
        let mutable = matches!(callee.ret, Ty::Vec(_) | Ty::Array(_)) && self.rng.random_bool(0.5);
        let name = self.bind_result(&callee.ret, bound, mutable);
        Some(Stmt::LetValue { name, mutable, ty: None, value: call })
    }

    /// Binds a fresh name to a value of type `ty` (writable when `mutable`) and returns it.
    fn bind_result(&mut self, ty: &Ty, bound: f64, mutable: bool) -> String {
        let name = self.fresh("r");
        match ty {
            Ty::Float => self.scope.add_float(FloatVar {
                name: name.clone(),
                mutable: false,
                bound,
                by_ref: false,
                active: true,
                param: false,
            }),
            Ty::Vec(n) | Ty::Array(n) => {
                let container = if matches!(ty, Ty::Vec(_)) { Container::Vec } else { Container::Array };
                let var = SliceVar { writable: mutable, ..local_buffer(name.clone(), *n, container, bound) };
                self.scope.add_slice(var);
            }
            Ty::Struct(id) => self.bind_struct(&name, *id, Binding::Place, true, bound),
            Ty::Opt => self.scope.add_opt(super::scope::OptVar {
                name: name.clone(),
                float: true,
                max: 0,
                active: true,
                bound,
                known_some: false,
            }),
            // Tuples are destructured by `let_call`; a nested one is not generated.
            Ty::Tuple(_) => {}
        }
        name
    }

    /// `let [mut] y: Vec<f64> = x.iter().map(|v| …).collect();`
    pub fn let_collect(&mut self) -> Option<Stmt> {
        let seqs = self.seqs();
        let n = seqs.get(self.rng.random_range(0..seqs.len().max(1)))?.len;
        let value = self.collect(n, 2)?;
        let mutable = self.rng.random_bool(0.5);
        let name = self.fresh("y");
        let var = SliceVar { writable: mutable, ..local_buffer(name.clone(), n, Container::Vec, value.b) };
        self.scope.add_slice(var);
        Some(Stmt::LetValue { name, mutable, ty: Some(Ty::Vec(n)), value: value.e })
    }

    /// `let [mut] ys = xs;` of a `Vec` parameter taken by value or a local buffer, in the
    /// function's own block (a move in a loop or a branch would leave it moved or not).
    pub fn move_param(&mut self) -> Option<Stmt> {
        let movable: Vec<_> = self
            .scope
            .slices()
            .into_iter()
            .filter(|(_, s)| s.container == Container::Vec && (s.movable || s.writable) && !s.name.contains('.'))
            .map(|(_, s)| s.clone())
            .collect();
        let s = movable.get(self.rng.random_range(0..movable.len().max(1)))?.clone();
        let mutable = self.rng.random_bool(0.4);
        let name = self.fresh("y");
        self.scope.moved(&s.name);
        self.scope.add_slice(SliceVar {
            name: name.clone(),
            writable: mutable,
            movable: true,
            borrows: None,
            ..s.clone()
        });
        Some(Stmt::LetValue { name, mutable, ty: None, value: Expr::Var(s.name) })
    }
}

/// Whether a result is or holds an array (found/013).
fn has_array(ty: &Ty) -> bool {
    match ty {
        Ty::Array(_) => true,
        Ty::Tuple(items) => items.iter().any(has_array),
        _ => false,
    }
}
