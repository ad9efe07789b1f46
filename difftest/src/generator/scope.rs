//! What a generated statement may refer to: the bindings visible at that point, with what the
//! generator knows about them (mutability, a bound on their magnitude, a collection's length,
//! an integer's largest value, whether it is a reference, whether it carries a gradient).
//!
//! A struct binding brings its fields in as bindings of their own, named by their paths
//! (`s.w`, `self.inner.a`), so everything that reads a float or a collection reads fields too.
//!
//! Bounds are estimates, not guarantees: they steer the generator away from overflow and
//! ill-conditioning; the oracle detects what slips through.

/// A float binding (or field).
#[derive(Clone, Debug)]
pub struct FloatVar {
    pub name: String,
    pub mutable: bool,
    pub bound: f64,
    /// Holds `&F` (a `&f64` parameter, `let q = &c;`, an element of `x.iter()`).
    pub by_ref: bool,
    /// May carry a gradient; `false` only for what is known constant (a parameter left out
    /// of `wrt`, its fields), which is what a callee's non-`wrt` parameters may be given.
    pub active: bool,
    /// A parameter of the function (so known active when `active`).
    pub param: bool,
}

/// An integer binding: a parameter, a loop variable, a counter, an integer `let`, a field.
#[derive(Clone, Debug)]
pub struct IntVar {
    pub name: String,
    pub max: usize,
}

/// What a one-dimensional collection is underneath its binding.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Container {
    Slice,
    Vec,
    Array,
}

/// Whether a binding is the collection itself (a place, lent as `&x`) or a reference to one
/// (passed on as `x`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Binding {
    Place,
    Ref,
}

/// Anything indexable: a slice, `Vec` or array parameter, a view, a row, a field, a local
/// buffer.
#[derive(Clone, Debug)]
pub struct SliceVar {
    pub name: String,
    pub len: usize,
    pub container: Container,
    pub binding: Binding,
    pub bound: f64,
    /// A local buffer of this function (`vec![0.0; n]`, `[0.0; n]`, `let mut y = f(…)`):
    /// the only kind that is written.
    pub writable: bool,
    /// Borrowed from or owned by a local of the function (not a parameter).
    pub local: bool,
    pub active: bool,
    /// The binding it borrows from, if any: moving that one ends this one.
    pub borrows: Option<String>,
    /// A `Vec` parameter taken by value that may be moved (`let ys = xs;`).
    pub movable: bool,
}

/// A matrix: `Vec<Vec<F>>`, `&Vec<Vec<F>>` or `&[Vec<F>]`.
#[derive(Clone, Debug)]
pub struct MatVar {
    pub name: String,
    pub rows: usize,
    pub cols: usize,
    pub container: Container,
    pub binding: Binding,
    pub active: bool,
}

/// A derived struct (or a struct field).
#[derive(Clone, Debug)]
pub struct StructVar {
    pub name: String,
    pub id: usize,
    pub binding: Binding,
    pub active: bool,
}

/// A list of structs: `Vec<Sk>`, `&Vec<Sk>` or `&[Sk]` of `len` elements.
#[derive(Clone, Debug)]
pub struct ListVar {
    pub name: String,
    pub id: usize,
    pub len: usize,
    pub container: Container,
    pub binding: Binding,
    pub active: bool,
}

/// A closure bound by `let f = |v: f64| …;`: its argument is squashed into `[-4, 4]`.
#[derive(Clone, Debug)]
pub struct FnVar {
    pub name: String,
    /// Bound on the closure's value.
    pub bound: f64,
}

/// An `Option<usize>` (largest value `max`) or `Option<F>` binding.
#[derive(Clone, Debug)]
pub struct OptVar {
    pub name: String,
    pub float: bool,
    pub max: usize,
    /// An `Option<F>` that may carry a gradient (a differentiated parameter, a local built
    /// from active values, a call's result); else a constant.
    pub active: bool,
    /// Bound on the value inside.
    pub bound: f64,
    /// Known to be `Some` here (inside `if o.is_some()`, after `if o.is_none() { return … }`
    /// or `let Some(l) = o else { … }`): `o.unwrap()` may be read.
    pub known_some: bool,
}

#[derive(Default)]
struct Frame {
    fns: Vec<FnVar>,
    opts: Vec<OptVar>,
    floats: Vec<FloatVar>,
    ints: Vec<IntVar>,
    slices: Vec<SliceVar>,
    mats: Vec<MatVar>,
    structs: Vec<StructVar>,
    lists: Vec<ListVar>,
    /// Names moved out of in this frame: no longer visible.
    moved: Vec<String>,
}

/// Bindings by block: the innermost frame is last; a name shadows the same name further out.
#[derive(Default)]
pub struct Scope {
    frames: Vec<Frame>,
}

/// Where a binding lives, to update its bound in place.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Slot {
    frame: usize,
    index: usize,
}

/// The bounds of every float and buffer binding, before a loop body runs.
pub struct Snapshot {
    floats: Vec<(Slot, f64)>,
    slices: Vec<(Slot, f64)>,
}

impl Scope {
    pub fn push(&mut self) {
        self.frames.push(Frame::default());
    }

    pub fn pop(&mut self) {
        self.frames.pop();
    }

    fn top(&mut self) -> &mut Frame {
        if self.frames.is_empty() {
            self.push();
        }
        let last = self.frames.len() - 1;
        &mut self.frames[last]
    }

    pub fn add_float(&mut self, var: FloatVar) {
        self.top().floats.push(var);
    }

    pub fn add_int(&mut self, var: IntVar) {
        self.top().ints.push(var);
    }

    pub fn add_slice(&mut self, var: SliceVar) {
        self.top().slices.push(var);
    }

    pub fn add_mat(&mut self, var: MatVar) {
        self.top().mats.push(var);
    }

    pub fn add_list(&mut self, var: ListVar) {
        self.top().lists.push(var);
    }

    pub fn lists(&self) -> Vec<&ListVar> {
        visible(&self.frames, |f| &f.lists, |v| &v.name).into_iter().map(|(_, v)| v).collect()
    }

    pub fn add_fn(&mut self, var: FnVar) {
        self.top().fns.push(var);
    }

    pub fn add_opt(&mut self, var: OptVar) {
        self.top().opts.push(var);
    }

    pub fn fns(&self) -> Vec<&FnVar> {
        visible(&self.frames, |f| &f.fns, |v| &v.name).into_iter().map(|(_, v)| v).collect()
    }

    pub fn opts(&self) -> Vec<&OptVar> {
        visible(&self.frames, |f| &f.opts, |v| &v.name).into_iter().map(|(_, v)| v).collect()
    }

    pub fn add_struct(&mut self, var: StructVar) {
        self.top().structs.push(var);
    }

    /// Ends `name` and everything that borrows from it (`let ys = xs;`).
    pub fn moved(&mut self, name: &str) {
        let dependents: Vec<String> = self
            .slices()
            .into_iter()
            .filter(|(_, s)| s.borrows.as_deref() == Some(name))
            .map(|(_, s)| s.name.clone())
            .collect();
        let top = self.top();
        top.moved.push(name.to_string());
        top.moved.extend(dependents);
    }

    fn is_moved(&self, name: &str) -> bool {
        self.frames.iter().any(|f| f.moved.iter().any(|m| m == name))
    }

    /// Visible float bindings with their slots, innermost first.
    pub fn floats(&self) -> Vec<(Slot, &FloatVar)> {
        visible(&self.frames, |f| &f.floats, |v| &v.name)
    }

    pub fn ints(&self) -> Vec<&IntVar> {
        visible(&self.frames, |f| &f.ints, |v| &v.name).into_iter().map(|(_, v)| v).collect()
    }

    pub fn slices(&self) -> Vec<(Slot, &SliceVar)> {
        let all = visible(&self.frames, |f| &f.slices, |v| &v.name);
        all.into_iter().filter(|(_, s)| !self.is_moved(&s.name)).collect()
    }

    pub fn mats(&self) -> Vec<&MatVar> {
        visible(&self.frames, |f| &f.mats, |v| &v.name).into_iter().map(|(_, v)| v).collect()
    }

    pub fn structs(&self) -> Vec<&StructVar> {
        visible(&self.frames, |f| &f.structs, |v| &v.name).into_iter().map(|(_, v)| v).collect()
    }

    pub fn float_mut(&mut self, slot: Slot) -> &mut FloatVar {
        &mut self.frames[slot.frame].floats[slot.index]
    }

    pub fn slice_mut(&mut self, slot: Slot) -> &mut SliceVar {
        &mut self.frames[slot.frame].slices[slot.index]
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            floats: self.floats().into_iter().map(|(s, v)| (s, v.bound)).collect(),
            slices: self.slices().into_iter().map(|(s, v)| (s, v.bound)).collect(),
        }
    }

    /// After one pass of a loop body that may run `trips` times: a binding that grew by `g`
    /// in that pass is taken to grow by `trips · g`.
    pub fn extrapolate(&mut self, before: &Snapshot, trips: usize) {
        let trips = trips.max(1) as f64;
        for &(slot, b0) in &before.floats {
            let v = self.float_mut(slot);
            v.bound = b0 + (v.bound - b0).max(0.0) * trips;
        }
        for &(slot, b0) in &before.slices {
            let v = self.slice_mut(slot);
            v.bound = b0 + (v.bound - b0).max(0.0) * trips;
        }
    }
}

/// The bindings of all frames, innermost first, each name only once.
fn visible<'a, T>(
    frames: &'a [Frame],
    list: impl Fn(&'a Frame) -> &'a Vec<T>,
    name: impl Fn(&T) -> &String,
) -> Vec<(Slot, &'a T)> {
    let mut seen: Vec<&String> = Vec::new();
    let mut out = Vec::new();
    for (fi, frame) in frames.iter().enumerate().rev() {
        for (vi, var) in list(frame).iter().enumerate().rev() {
            let n = name(var);
            if !seen.contains(&n) {
                seen.push(n);
                out.push((Slot { frame: fi, index: vi }, var));
            }
        }
    }
    out
}
