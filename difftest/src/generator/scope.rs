//! What a generated statement may refer to: the bindings visible at that point, with what the
//! generator knows about them (mutability, a bound on their magnitude, a slice's length, an
//! integer's largest value).
//!
//! Bounds are estimates, not guarantees: they steer the generator away from overflow and
//! ill-conditioning; the oracle detects what slips through.

/// A float binding.
#[derive(Clone, Debug)]
pub struct FloatVar {
    pub name: String,
    pub mutable: bool,
    pub bound: f64,
}

/// An integer binding: a parameter, a loop variable, a counter or an integer `let`.
#[derive(Clone, Debug)]
pub struct IntVar {
    pub name: String,
    pub max: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SliceKind {
    /// A `&[f64]` parameter.
    Param,
    /// `let v = &x[a..b];`
    View,
    /// `let mut y = vec![0.0; n];`, the only kind that is written.
    Buffer,
}

/// Anything indexable: a slice parameter, a view or a local buffer.
#[derive(Clone, Debug)]
pub struct SliceVar {
    pub name: String,
    pub len: usize,
    pub kind: SliceKind,
    pub bound: f64,
    /// A buffer, or a view of one: borrowed from a local of the function.
    pub local: bool,
}

#[derive(Default)]
struct Frame {
    floats: Vec<FloatVar>,
    ints: Vec<IntVar>,
    slices: Vec<SliceVar>,
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

    /// Visible float bindings with their slots, innermost first.
    pub fn floats(&self) -> Vec<(Slot, &FloatVar)> {
        visible(&self.frames, |f| &f.floats, |v| &v.name)
    }

    pub fn ints(&self) -> Vec<&IntVar> {
        visible(&self.frames, |f| &f.ints, |v| &v.name).into_iter().map(|(_, v)| v).collect()
    }

    pub fn slices(&self) -> Vec<(Slot, &SliceVar)> {
        visible(&self.frames, |f| &f.slices, |v| &v.name)
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
