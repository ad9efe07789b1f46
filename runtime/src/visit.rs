//! Walking the float leaves of a model: each parameter with its gradient (for optimisers),
//! or each parameter with its name (for saving and loading).
//!
//! `#[derive(Differentiable)]` implements the walk field by field; names are the field
//! path, `layer1.w`, with indices for elements of collections of structs (`layers.0.w`).
//! A leaf that has a shape beyond its length (a [`Tensor`](crate::Tensor)'s values) is handed
//! over with it, so that [checkpoints](crate::checkpoint) store it as an array of that shape.
//!
//! ```
//! use backprop::Differentiable;
//! use backprop::visit::{NamedSink, NamedVisitor};
//!
//! #[derive(Differentiable)]
//! struct Layer { w: Vec<f64>, b: f64 }
//!
//! /// Collects the name and length of every leaf.
//! struct Names(Vec<String>);
//! impl NamedSink for Names {
//!     fn f32s(&mut self, name: &str, value: &[f32]) {
//!         self.0.push(format!("{name}: {} f32", value.len()));
//!     }
//!     fn f64s(&mut self, name: &str, value: &[f64]) {
//!         self.0.push(format!("{name}: {} f64", value.len()));
//!     }
//! }
//!
//! let layer = Layer { w: vec![1.0, 2.0], b: 0.5 };
//! let mut names = Names(Vec::new());
//! layer.visit_named(&mut NamedVisitor::new(&mut names, &mut String::new()));
//! assert_eq!(names.0, ["w: 2 f64", "b: 1 f64"]);
//! ```

/// Receives each float leaf of a value together with the same leaf of its gradient.
pub trait PairSink {
    /// An `f32` parameter slice and its gradient.
    fn f32s(&mut self, name: &str, value: &mut [f32], grad: &[f32]);
    /// An `f64` parameter slice and its gradient.
    fn f64s(&mut self, name: &str, value: &mut [f64], grad: &[f64]);
}

/// Receives each float leaf of a value with its name.
pub trait NamedSink {
    /// An `f32` slice.
    fn f32s(&mut self, name: &str, value: &[f32]);
    /// An `f64` slice.
    fn f64s(&mut self, name: &str, value: &[f64]);
    /// The `f32` values of an array of `shape` (row-major; the shape's product is
    /// `value.len()`). By default handed to [`f32s`](Self::f32s) as a flat slice.
    fn f32_array(&mut self, name: &str, value: &[f32], shape: &[usize]) {
        let _ = shape;
        self.f32s(name, value);
    }
    /// The `f64` values of an array of `shape`, as [`f32_array`](Self::f32_array). By
    /// default handed to [`f64s`](Self::f64s) as a flat slice.
    fn f64_array(&mut self, name: &str, value: &[f64], shape: &[usize]) {
        let _ = shape;
        self.f64s(name, value);
    }
}

/// Receives each float leaf of a value with its name, to overwrite it.
pub trait NamedSinkMut {
    /// An `f32` slice.
    fn f32s(&mut self, name: &str, value: &mut [f32]);
    /// An `f64` slice.
    fn f64s(&mut self, name: &str, value: &mut [f64]);
    /// The `f32` values of an array of `shape`, as [`NamedSink::f32_array`]. By default
    /// handed to [`f32s`](Self::f32s) as a flat slice.
    fn f32_array(&mut self, name: &str, value: &mut [f32], shape: &[usize]) {
        let _ = shape;
        self.f32s(name, value);
    }
    /// The `f64` values of an array of `shape`, as [`NamedSink::f64_array`]. By default
    /// handed to [`f64s`](Self::f64s) as a flat slice.
    fn f64_array(&mut self, name: &str, value: &mut [f64], shape: &[usize]) {
        let _ = shape;
        self.f64s(name, value);
    }
}

macro_rules! visitor {
    ($(#[$doc:meta])* $name:ident, $sink:ident) => {
        $(#[$doc])*
        pub struct $name<'a> {
            sink: &'a mut dyn $sink,
            path: &'a mut String,
            restore: usize,
        }

        impl<'a> $name<'a> {
            /// A visitor at the root of a value, with names starting empty.
            pub fn new(sink: &'a mut dyn $sink, path: &'a mut String) -> Self {
                let restore = path.len();
                $name { sink, path, restore }
            }

            /// A visitor for the member `label` (`w`, `0`); its name is this one's plus `.label`.
            pub fn enter(&mut self, label: &str) -> $name<'_> {
                let restore = self.path.len();
                if !self.path.is_empty() {
                    self.path.push('.');
                }
                self.path.push_str(label);
                $name { sink: &mut *self.sink, path: &mut *self.path, restore }
            }

            /// A visitor for element `index` of a collection (`layers.0`), without allocating.
            pub fn enter_index(&mut self, index: usize) -> $name<'_> {
                use std::fmt::Write;
                let restore = self.path.len();
                if !self.path.is_empty() {
                    self.path.push('.');
                }
                // Writing to a `String` cannot fail.
                let _ = write!(self.path, "{index}");
                $name { sink: &mut *self.sink, path: &mut *self.path, restore }
            }

            /// The name of the current leaf.
            pub fn name(&self) -> &str {
                self.path
            }
        }

        impl Drop for $name<'_> {
            fn drop(&mut self) {
                self.path.truncate(self.restore);
            }
        }
    };
}

visitor!(
    /// Walks a value and its gradient together.
    PairVisitor,
    PairSink
);
visitor!(
    /// Walks a value's float leaves.
    NamedVisitor,
    NamedSink
);
visitor!(
    /// Walks a value's float leaves, mutably.
    NamedVisitorMut,
    NamedSinkMut
);

impl PairVisitor<'_> {
    /// Hands an `f32` leaf to the sink.
    pub fn f32s(&mut self, value: &mut [f32], grad: &[f32]) {
        self.sink.f32s(self.path, value, grad);
    }
    /// Hands an `f64` leaf to the sink.
    pub fn f64s(&mut self, value: &mut [f64], grad: &[f64]) {
        self.sink.f64s(self.path, value, grad);
    }
}

impl NamedVisitor<'_> {
    /// Hands an `f32` leaf to the sink.
    pub fn f32s(&mut self, value: &[f32]) {
        self.sink.f32s(self.path, value);
    }
    /// Hands an `f32` leaf that is an array of `shape` to the sink.
    pub fn f32_array(&mut self, value: &[f32], shape: &[usize]) {
        self.sink.f32_array(self.path, value, shape);
    }
    /// Hands an `f64` leaf to the sink.
    pub fn f64s(&mut self, value: &[f64]) {
        self.sink.f64s(self.path, value);
    }
    /// Hands an `f64` leaf that is an array of `shape` to the sink.
    pub fn f64_array(&mut self, value: &[f64], shape: &[usize]) {
        self.sink.f64_array(self.path, value, shape);
    }
}

impl NamedVisitorMut<'_> {
    /// Hands an `f32` leaf to the sink.
    pub fn f32s(&mut self, value: &mut [f32]) {
        self.sink.f32s(self.path, value);
    }
    /// Hands an `f32` leaf that is an array of `shape` to the sink.
    pub fn f32_array(&mut self, value: &mut [f32], shape: &[usize]) {
        self.sink.f32_array(self.path, value, shape);
    }
    /// Hands an `f64` leaf to the sink.
    pub fn f64s(&mut self, value: &mut [f64]) {
        self.sink.f64s(self.path, value);
    }
    /// Hands an `f64` leaf that is an array of `shape` to the sink.
    pub fn f64_array(&mut self, value: &mut [f64], shape: &[usize]) {
        self.sink.f64_array(self.path, value, shape);
    }
}
