//! Saving and loading a model's parameters in the [safetensors] format.
//!
//! Every float leaf of the model (as [`Differentiable::visit_named`] walks them) becomes one
//! tensor named by its dotted path (`hidden.w`, `layers.0.b`), of dtype `F32` or `F64` after
//! the leaf's type, and of the leaf's shape: a [`Tensor`](crate::Tensor) keeps its own
//! (`[64, 256]` for the weights of a dense layer from 64 to 256 features), a `Vec` or slice is
//! one-dimensional, a single float has shape `[1]`. Any safetensors reader (Python's
//! `safetensors.numpy.load_file`, the `safetensors` crate) sees the arrays as the model has
//! them. Loading checks names, dtypes and shapes: a tensor of the right number of values but
//! another shape is an error naming both shapes, not a silent reshape.
//!
//! Values round-trip bit for bit. Saving refuses a model holding NaN or an infinity (a
//! diverged run), and writes a temporary file next to the target, flushes it to disk and
//! renames it over the target, so neither a refused nor an interrupted save touches the
//! previous file. Loading checks every leaf before it overwrites any, so a file that does not
//! fit leaves the model unchanged.
//!
//! Checkpoints written before tensors kept their shapes (values flat, under `hidden.w.data`)
//! cannot be checked against the model's shapes, so [`load`] does not guess: it names the
//! layout, and [`load_flat`] reads such a file, checking sizes only; saving the model again
//! writes the current layout.
//!
//! ```
//! use backprop::{Differentiable, Tensor, checkpoint};
//!
//! #[derive(Differentiable, Clone, Debug, PartialEq)]
//! struct Model { w: Tensor, bias: f64 }
//!
//! # fn main() -> backprop::Result<()> {
//! let model = Model { w: Tensor::new(vec![1.0, -2.0, 3.5, 0.0, 1.0, 2.0], &[2, 3])?, bias: 0.25 };
//! let path = std::env::temp_dir().join("backprop-doc-checkpoint.safetensors");
//! checkpoint::save(&model, &path)?;
//!
//! let mut restored = Model { w: Tensor::zeros(&[2, 3]), bias: 0.0 };
//! checkpoint::load(&mut restored, &path)?;
//! assert_eq!(restored, model);
//!
//! // The same number of values in another shape does not load.
//! let mut transposed = Model { w: Tensor::zeros(&[3, 2]), bias: 0.0 };
//! let error = checkpoint::load(&mut transposed, &path).unwrap_err().to_string();
//! assert!(error.contains("tensor `w` has shape [2, 3] in the file, the model's leaf [3, 2]"), "{error}");
//! # std::fs::remove_file(&path).ok();
//! # Ok(())
//! # }
//! ```
//!
//! [safetensors]: https://huggingface.co/docs/safetensors

use crate::error::{Access, Error, Result};
use crate::tangent::Differentiable;
use crate::visit::{NamedSink, NamedSinkMut, NamedVisitor, NamedVisitorMut};
use safetensors::tensor::{Dtype, SafeTensors, TensorView, View};
use std::borrow::Cow;
use std::collections::HashSet;
use std::path::Path;

/// Saves every float leaf of `model` to `path` (creating its folder if needed), replacing
/// the file atomically.
///
/// # Errors
/// [`Error::Checkpoint`] naming the leaf when it holds NaN or an infinity (the previous file
/// is kept), or when two leaves have the same name (a hand-written `visit_named` that repeats
/// one); [`Error::Io`] naming `path` when the file cannot be written.
pub fn save<M: Differentiable + ?Sized>(model: &M, path: impl AsRef<Path>) -> Result<()> {
    let path = path.as_ref();
    let mut leaves = Leaves::default();
    model.visit_named(&mut NamedVisitor::new(&mut leaves, &mut String::new()));
    if let Some(message) = leaves.error {
        return Err(checkpoint_error(path, message));
    }
    let bytes = safetensors::tensor::serialize(leaves.tensors, None)
        .map_err(|e| checkpoint_error(path, format!("cannot serialise the model: {e}")))?;
    crate::atomic::write(path, &bytes)
}

/// Loads `path` into the float leaves of `model`, matching tensors to leaves by name.
///
/// A file written before checkpoints stored shapes (each tensor's values flat, under
/// `<name>.data`) does not load here; the error says so, and [`load_flat`] reads it.
///
/// # Errors
/// [`Error::Io`] when the file cannot be read, and [`Error::Checkpoint`] naming the file and
/// the tensor when the file is not valid safetensors (truncated, garbage), lacks a leaf of
/// the model, holds a tensor the model does not have, or holds a tensor of another dtype or
/// another shape than its leaf. On error the model is unchanged.
pub fn load<M: Differentiable + ?Sized>(model: &mut M, path: impl AsRef<Path>) -> Result<()> {
    load_with(model, path.as_ref(), Layout::Shaped)
}

/// Loads a checkpoint written before checkpoints stored shapes: each tensor's values flat,
/// under `<name>.data` (`hidden.w.data`, shape `[len]`). Every leaf must find a tensor of its
/// dtype holding as many values as it has, and the file no other tensor. Save the model
/// again to write the file in the current layout, which [`load`] reads.
///
/// ```no_run
/// # use backprop::{Differentiable, Tensor, checkpoint};
/// # #[derive(Differentiable)] struct Model { w: Tensor }
/// # fn main() -> backprop::Result<()> {
/// # let mut model = Model { w: Tensor::zeros(&[2, 3]) };
/// checkpoint::load_flat(&mut model, "models/old.safetensors")?;
/// checkpoint::save(&model, "models/old.safetensors")?; // now in the current layout
/// # Ok(())
/// # }
/// ```
///
/// # Errors
/// As [`load`], with sizes compared instead of shapes.
pub fn load_flat<M: Differentiable + ?Sized>(model: &mut M, path: impl AsRef<Path>) -> Result<()> {
    load_with(model, path.as_ref(), Layout::Flat)
}

fn load_with<M: Differentiable + ?Sized>(model: &mut M, path: &Path, layout: Layout) -> Result<()> {
    let bytes =
        std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), access: Access::Read, source })?;
    let file = SafeTensors::deserialize(&bytes).map_err(|e| {
        checkpoint_error(path, format!("not a valid safetensors file ({e}); check that this is the file `save` wrote"))
    })?;
    let mut check = Check { file: &file, layout, names: HashSet::new(), error: None };
    model.visit_named(&mut NamedVisitor::new(&mut check, &mut String::new()));
    if let Some(message) = check.error {
        return Err(checkpoint_error(path, message));
    }
    let mut extra: Vec<&str> = file.names().into_iter().filter(|name| !check.names.contains(*name)).collect();
    if !extra.is_empty() {
        extra.sort_unstable();
        let list = extra.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ");
        return Err(checkpoint_error(
            path,
            format!("the file holds tensors the model does not have: {list}; {SAME_MODEL}"),
        ));
    }
    model.visit_named_mut(&mut NamedVisitorMut::new(&mut Fill { file: &file, layout }, &mut String::new()));
    Ok(())
}

/// How a file names and shapes the model's leaves.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Layout {
    /// Each leaf under its own name, with its shape: what [`save`] writes.
    Shaped,
    /// The layout before checkpoints stored shapes: a tensor's values under `<name>.data`,
    /// any shape holding the right number of values.
    Flat,
}

impl Layout {
    /// The name in the file of the leaf `name`, an array with a shape (a tensor) or not.
    fn tensor_name(self, name: &str, array: bool) -> String {
        match (self, array) {
            (Layout::Flat, true) if name.is_empty() => "data".to_string(),
            (Layout::Flat, true) => format!("{name}.data"),
            _ => name.to_string(),
        }
    }

    fn fits(self, file_shape: &[usize], shape: &[usize]) -> bool {
        match self {
            // A one-dimensional leaf of one value also takes shape `[]`, other tools' scalar.
            Layout::Shaped => file_shape == shape || (shape == [1] && file_shape.is_empty()),
            Layout::Flat => file_shape.iter().product::<usize>() == shape.iter().product::<usize>(),
        }
    }
}

/// What to do when a file and a model do not match.
const SAME_MODEL: &str = "load it into a model of the same structure and sizes as the one saved";

fn checkpoint_error(path: &Path, message: String) -> Error {
    Error::Checkpoint { path: path.to_path_buf(), message }
}

/// The float types stored, with their safetensors dtype and little-endian encoding.
trait Element: Copy {
    const DTYPE: Dtype;
    const NAME: &'static str;
    fn encode(values: &[Self]) -> Vec<u8>;
    fn decode(bytes: &[u8], out: &mut [Self]);
    /// The position and value of the first NaN or infinity, as text.
    fn first_non_finite(values: &[Self]) -> Option<(usize, String)>;
}

macro_rules! element {
    ($t:ident, $dtype:ident, $size:literal) => {
        impl Element for $t {
            const DTYPE: Dtype = Dtype::$dtype;
            const NAME: &'static str = stringify!($t);
            fn encode(values: &[$t]) -> Vec<u8> {
                values.iter().flat_map(|x| x.to_le_bytes()).collect()
            }
            fn decode(bytes: &[u8], out: &mut [$t]) {
                for (x, chunk) in out.iter_mut().zip(bytes.chunks_exact($size)) {
                    let mut le = [0u8; $size];
                    le.copy_from_slice(chunk);
                    *x = $t::from_le_bytes(le);
                }
            }
            fn first_non_finite(values: &[$t]) -> Option<(usize, String)> {
                values.iter().position(|x| !x.is_finite()).map(|i| (i, values[i].to_string()))
            }
        }
    };
}
element!(f32, F32, 4);
element!(f64, F64, 8);

/// One leaf, encoded for the file.
struct Encoded {
    dtype: Dtype,
    shape: Vec<usize>,
    bytes: Vec<u8>,
}

impl View for Encoded {
    fn dtype(&self) -> Dtype {
        self.dtype
    }
    fn shape(&self) -> &[usize] {
        &self.shape
    }
    fn data(&self) -> Cow<'_, [u8]> {
        Cow::Borrowed(&self.bytes)
    }
    fn data_len(&self) -> usize {
        self.bytes.len()
    }
}

/// Collects the leaves to save, and the first reason not to.
#[derive(Default)]
struct Leaves {
    tensors: Vec<(String, Encoded)>,
    names: HashSet<String>,
    error: Option<String>,
}

impl Leaves {
    fn push<T: Element>(&mut self, name: &str, value: &[T], shape: &[usize]) {
        if self.error.is_some() {
            return;
        }
        if !self.names.insert(name.to_string()) {
            self.error =
                Some(format!("two float leaves are both named `{name}`; give each leaf its own name in `visit_named`"));
        } else if shape.iter().product::<usize>() != value.len() {
            self.error = Some(format!(
                "leaf `{name}` holds {} values but its shape {shape:?} asks for {}; build tensors with `Tensor::new`, \
                 which checks this",
                value.len(),
                shape.iter().product::<usize>()
            ));
        } else if let Some((index, found)) = T::first_non_finite(value) {
            self.error = Some(format!(
                "not saved: leaf `{name}` holds {found} (value {index} of {}), and the previous file is kept; the \
                 training that produced these weights diverged: lower the learning rate and save a model whose loss \
                 is finite",
                value.len()
            ));
        } else {
            let encoded = Encoded { dtype: T::DTYPE, shape: shape.to_vec(), bytes: T::encode(value) };
            self.tensors.push((name.to_string(), encoded));
        }
    }
}

impl NamedSink for Leaves {
    fn f32s(&mut self, name: &str, value: &[f32]) {
        self.push(name, value, &[value.len()]);
    }
    fn f64s(&mut self, name: &str, value: &[f64]) {
        self.push(name, value, &[value.len()]);
    }
    fn f32_array(&mut self, name: &str, value: &[f32], shape: &[usize]) {
        self.push(name, value, shape);
    }
    fn f64_array(&mut self, name: &str, value: &[f64], shape: &[usize]) {
        self.push(name, value, shape);
    }
}

/// The tensor of `file` (named `stored`, as the layout names the leaf `name`) that fits a
/// leaf of `shape` and values of type `T`, or why none does.
fn matching<'a, T: Element>(
    file: &SafeTensors<'a>,
    layout: Layout,
    name: &str,
    stored: &str,
    shape: &[usize],
) -> std::result::Result<TensorView<'a>, String> {
    let tensor = file.tensor(stored).map_err(|_| missing(file, layout, name, stored))?;
    if tensor.dtype() != T::DTYPE {
        return Err(format!(
            "tensor `{stored}` is {} in the file, the model's leaf is {}; give the model's field the file's float type",
            tensor.dtype(),
            T::NAME
        ));
    }
    if !layout.fits(tensor.shape(), shape) {
        return Err(format!(
            "tensor `{stored}` has shape {:?} in the file, the model's leaf {shape:?}; {SAME_MODEL}",
            tensor.shape()
        ));
    }
    Ok(tensor)
}

fn missing(file: &SafeTensors<'_>, layout: Layout, name: &str, stored: &str) -> String {
    let flat = Layout::Flat.tensor_name(name, true);
    if layout == Layout::Shaped && file.tensor(&flat).is_ok() {
        return format!(
            "tensor `{name}` is stored flat as `{flat}`, as checkpoints were before they kept shapes; read the file \
             with `checkpoint::load_flat`, then `checkpoint::save` writes it in the current layout"
        );
    }
    let name = stored;
    let mut names = file.names();
    names.sort_unstable();
    let shown: Vec<String> = names.iter().take(8).map(|n| format!("`{n}`")).collect();
    let more = if names.len() > shown.len() { ", …" } else { "" };
    format!(
        "tensor `{name}` is missing (the file holds {} tensors: {}{more}); {SAME_MODEL}",
        names.len(),
        shown.join(", ")
    )
}

/// First pass of [`load`]: checks every leaf against the file, touching nothing.
struct Check<'f, 'a> {
    file: &'f SafeTensors<'a>,
    layout: Layout,
    /// The names in the file of the leaves checked.
    names: HashSet<String>,
    error: Option<String>,
}

impl Check<'_, '_> {
    fn check<T: Element>(&mut self, name: &str, shape: &[usize], array: bool) {
        let stored = self.layout.tensor_name(name, array);
        if self.error.is_none() {
            self.error = matching::<T>(self.file, self.layout, name, &stored, shape).err();
        }
        self.names.insert(stored);
    }
}

impl NamedSink for Check<'_, '_> {
    fn f32s(&mut self, name: &str, value: &[f32]) {
        self.check::<f32>(name, &[value.len()], false);
    }
    fn f64s(&mut self, name: &str, value: &[f64]) {
        self.check::<f64>(name, &[value.len()], false);
    }
    fn f32_array(&mut self, name: &str, _value: &[f32], shape: &[usize]) {
        self.check::<f32>(name, shape, true);
    }
    fn f64_array(&mut self, name: &str, _value: &[f64], shape: &[usize]) {
        self.check::<f64>(name, shape, true);
    }
}

/// Second pass of [`load`]: copies each tensor into its leaf (all checked by [`Check`]).
struct Fill<'f, 'a> {
    file: &'f SafeTensors<'a>,
    layout: Layout,
}

impl Fill<'_, '_> {
    fn copy<T: Element>(&mut self, name: &str, value: &mut [T], shape: &[usize], array: bool) {
        let stored = self.layout.tensor_name(name, array);
        if let Ok(tensor) = matching::<T>(self.file, self.layout, name, &stored, shape) {
            T::decode(tensor.data(), value);
        }
    }
}

impl NamedSinkMut for Fill<'_, '_> {
    fn f32s(&mut self, name: &str, value: &mut [f32]) {
        let shape = [value.len()];
        self.copy(name, value, &shape, false);
    }
    fn f64s(&mut self, name: &str, value: &mut [f64]) {
        let shape = [value.len()];
        self.copy(name, value, &shape, false);
    }
    fn f32_array(&mut self, name: &str, value: &mut [f32], shape: &[usize]) {
        self.copy(name, value, shape, true);
    }
    fn f64_array(&mut self, name: &str, value: &mut [f64], shape: &[usize]) {
        self.copy(name, value, shape, true);
    }
}

// The tests save models holding tensors.
#[cfg(all(test, feature = "nn"))]
mod tests;
