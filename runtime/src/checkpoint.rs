//! Saving and loading a model's parameters in the [safetensors] format.
//!
//! Every float leaf of the model (as [`Differentiable::visit_named`] walks them) becomes one
//! tensor named by its dotted path (`hidden.w.data`, `layers.0.b.data`), of dtype `F32` or
//! `F64` after the leaf's type, stored **flat**: its shape in the file is `[len]`, whatever the
//! leaf's shape in the model (a [`Tensor`](crate::Tensor)'s shape is an integer field of the
//! model, not a parameter). Loading accepts any shape with the right number of values, so a
//! file written by another tool loads when its names and sizes match.
//!
//! Values round-trip bit for bit. Saving writes a temporary file next to the target, flushes
//! it to disk and renames it over the target, so an interrupted save leaves the previous file
//! intact. Loading checks every leaf before it overwrites any, so a file that does not fit
//! leaves the model unchanged.
//!
//! ```
//! use backprop::{Differentiable, Tensor, checkpoint};
//!
//! #[derive(Differentiable, Clone, Debug, PartialEq)]
//! struct Model { w: Tensor, bias: f64 }
//!
//! # fn main() -> backprop::Result<()> {
//! let model = Model { w: Tensor::new(vec![1.0, -2.0, 3.5], &[3])?, bias: 0.25 };
//! let path = std::env::temp_dir().join("backprop-doc-checkpoint.safetensors");
//! checkpoint::save(&model, &path)?;
//!
//! let mut restored = Model { w: Tensor::zeros(&[3]), bias: 0.0 };
//! checkpoint::load(&mut restored, &path)?;
//! assert_eq!(restored, model);
//! # std::fs::remove_file(&path).ok();
//! # Ok(())
//! # }
//! ```
//!
//! [safetensors]: https://huggingface.co/docs/safetensors

use crate::error::{Error, Result};
use crate::tangent::Differentiable;
use crate::visit::{NamedSink, NamedSinkMut, NamedVisitor, NamedVisitorMut};
use safetensors::tensor::{Dtype, SafeTensors, TensorView, View};
use std::borrow::Cow;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Saves every float leaf of `model` to `path` (creating its folder if needed), replacing
/// the file atomically.
///
/// # Errors
/// [`Error::Io`] naming `path` when the file cannot be written; [`Error::Checkpoint`] when
/// two leaves have the same name (a hand-written `visit_named` that repeats one).
pub fn save<M: Differentiable + ?Sized>(model: &M, path: impl AsRef<Path>) -> Result<()> {
    let path = path.as_ref();
    let mut leaves = Leaves::default();
    model.visit_named(&mut NamedVisitor::new(&mut leaves, &mut String::new()));
    if let Some(name) = leaves.duplicate {
        return Err(checkpoint_error(path, format!("two float leaves are both named `{name}`")));
    }
    let bytes = safetensors::tensor::serialize(leaves.tensors, None)
        .map_err(|e| checkpoint_error(path, format!("cannot serialise the model: {e}")))?;
    write_atomically(path, &bytes)
}

/// Loads `path` into the float leaves of `model`, matching tensors to leaves by name.
///
/// # Errors
/// [`Error::Io`] when the file cannot be read, and [`Error::Checkpoint`] naming the file and
/// the tensor when the file is not valid safetensors (truncated, garbage), lacks a leaf of
/// the model, holds a tensor the model does not have, or holds a tensor of another dtype or
/// another number of values than its leaf. On error the model is unchanged.
pub fn load<M: Differentiable + ?Sized>(model: &mut M, path: impl AsRef<Path>) -> Result<()> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    let file = SafeTensors::deserialize(&bytes)
        .map_err(|e| checkpoint_error(path, format!("not a valid safetensors file: {e}")))?;
    let mut check = Check { file: &file, names: HashSet::new(), error: None };
    model.visit_named(&mut NamedVisitor::new(&mut check, &mut String::new()));
    if let Some(message) = check.error {
        return Err(checkpoint_error(path, message));
    }
    let mut extra: Vec<&str> = file.names().into_iter().filter(|name| !check.names.contains(*name)).collect();
    if !extra.is_empty() {
        extra.sort_unstable();
        let list = extra.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ");
        return Err(checkpoint_error(path, format!("the file holds tensors the model does not have: {list}")));
    }
    model.visit_named_mut(&mut NamedVisitorMut::new(&mut Fill { file: &file }, &mut String::new()));
    Ok(())
}

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk and renames it to
/// `path`, so that readers see the old file or the new one, never half of one. Creates the
/// folder when needed.
///
/// # Errors
/// [`Error::Io`] naming `path`.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let io_error = |source| Error::Io { path: path.to_path_buf(), source };
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(io_error)?;
    }
    let temporary = temporary_path(path);
    let written = std::fs::File::create(&temporary)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
        .and_then(|()| std::fs::rename(&temporary, path));
    written.map_err(|source| {
        let _ = std::fs::remove_file(&temporary);
        io_error(source)
    })
}

/// `dir/.name.tmp-<pid>`: beside the target (a rename is atomic only within one file
/// system), hidden, and distinct for two processes saving to the same path.
fn temporary_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

fn checkpoint_error(path: &Path, message: String) -> Error {
    Error::Checkpoint { path: path.to_path_buf(), message }
}

/// The float types stored, with their safetensors dtype and little-endian encoding.
trait Element: Copy {
    const DTYPE: Dtype;
    const NAME: &'static str;
    fn encode(values: &[Self]) -> Vec<u8>;
    fn decode(bytes: &[u8], out: &mut [Self]);
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
        }
    };
}
element!(f32, F32, 4);
element!(f64, F64, 8);

/// One leaf, encoded for the file.
struct Encoded {
    dtype: Dtype,
    shape: [usize; 1],
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

/// Collects the leaves to save.
#[derive(Default)]
struct Leaves {
    tensors: Vec<(String, Encoded)>,
    names: HashSet<String>,
    duplicate: Option<String>,
}

impl Leaves {
    fn push<T: Element>(&mut self, name: &str, value: &[T]) {
        if !self.names.insert(name.to_string()) {
            self.duplicate.get_or_insert_with(|| name.to_string());
        }
        let encoded = Encoded { dtype: T::DTYPE, shape: [value.len()], bytes: T::encode(value) };
        self.tensors.push((name.to_string(), encoded));
    }
}

impl NamedSink for Leaves {
    fn f32s(&mut self, name: &str, value: &[f32]) {
        self.push(name, value);
    }
    fn f64s(&mut self, name: &str, value: &[f64]) {
        self.push(name, value);
    }
}

/// The tensor of `file` that fits a leaf of `len` values of type `T`, or why none does.
fn matching<'a, T: Element>(
    file: &SafeTensors<'a>,
    name: &str,
    len: usize,
) -> std::result::Result<TensorView<'a>, String> {
    let tensor = file.tensor(name).map_err(|_| missing(file, name))?;
    if tensor.dtype() != T::DTYPE {
        return Err(format!("tensor `{name}` is {} in the file, the model's leaf is {}", tensor.dtype(), T::NAME));
    }
    let found = tensor.data().len() / std::mem::size_of::<T>();
    if found != len {
        return Err(format!("tensor `{name}` holds {found} values in the file, the model's leaf has {len}"));
    }
    Ok(tensor)
}

fn missing(file: &SafeTensors<'_>, name: &str) -> String {
    let mut names = file.names();
    names.sort_unstable();
    let shown: Vec<String> = names.iter().take(8).map(|n| format!("`{n}`")).collect();
    let more = if names.len() > shown.len() { ", …" } else { "" };
    format!("tensor `{name}` is missing (the file holds {} tensors: {}{more})", names.len(), shown.join(", "))
}

/// First pass of [`load`]: checks every leaf against the file, touching nothing.
struct Check<'f, 'a> {
    file: &'f SafeTensors<'a>,
    names: HashSet<String>,
    error: Option<String>,
}

impl Check<'_, '_> {
    fn check<T: Element>(&mut self, name: &str, len: usize) {
        self.names.insert(name.to_string());
        if self.error.is_none() {
            self.error = matching::<T>(self.file, name, len).err();
        }
    }
}

impl NamedSink for Check<'_, '_> {
    fn f32s(&mut self, name: &str, value: &[f32]) {
        self.check::<f32>(name, value.len());
    }
    fn f64s(&mut self, name: &str, value: &[f64]) {
        self.check::<f64>(name, value.len());
    }
}

/// Second pass of [`load`]: copies each tensor into its leaf (all checked by [`Check`]).
struct Fill<'f, 'a> {
    file: &'f SafeTensors<'a>,
}

impl Fill<'_, '_> {
    fn copy<T: Element>(&mut self, name: &str, value: &mut [T]) {
        if let Ok(tensor) = matching::<T>(self.file, name, value.len()) {
            T::decode(tensor.data(), value);
        }
    }
}

impl NamedSinkMut for Fill<'_, '_> {
    fn f32s(&mut self, name: &str, value: &mut [f32]) {
        self.copy(name, value);
    }
    fn f64s(&mut self, name: &str, value: &mut [f64]) {
        self.copy(name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::scratch::Scratch;
    use crate::tensor::Tensor;
    use backprop_macros::Differentiable;

    #[derive(Differentiable, Clone, Debug, PartialEq)]
    struct Layer {
        w: Tensor,
        b: Vec<f32>,
    }

    #[derive(Differentiable, Clone, Debug, PartialEq)]
    struct Model {
        layers: Vec<Layer>,
        scale: f64,
        offsets: Vec<f64>,
        gain: f32,
        steps: usize,
    }

    /// Values that only a bit-exact round trip preserves: signed zeros, subnormals,
    /// infinities, a NaN with a payload, and values that decimal printing would round.
    fn model() -> Model {
        let odd32 = [0.1, -0.0, f32::MIN_POSITIVE / 3.0, f32::INFINITY, f32::from_bits(0x7fc0_1234), 1.0 / 3.0];
        let layer = |k: usize| Layer {
            w: Tensor::from_fn(&[2, 3], |i| odd32[(i + k) % odd32.len()]),
            b: vec![k as f32 * 0.7, -1e-30],
        };
        Model {
            layers: vec![layer(0), layer(1)],
            scale: std::f64::consts::PI,
            offsets: vec![f64::from_bits(0x7ff8_0000_0000_beef), -0.0, 5e-324],
            gain: -2.5,
            steps: 7,
        }
    }

    fn blank() -> Model {
        let layer = || Layer { w: Tensor::zeros(&[2, 3]), b: vec![0.0; 2] };
        Model { layers: vec![layer(), layer()], scale: 0.0, offsets: vec![0.0; 3], gain: 0.0, steps: 7 }
    }

    fn bits(m: &Model) -> (Vec<u32>, Vec<u64>) {
        let mut f32s: Vec<u32> =
            m.layers.iter().flat_map(|l| l.w.data.iter().chain(&l.b)).map(|x| x.to_bits()).collect();
        f32s.push(m.gain.to_bits());
        let f64s = std::iter::once(&m.scale).chain(&m.offsets).map(|x| x.to_bits()).collect();
        (f32s, f64s)
    }

    /// Saves `model()` to a file, lets `corrupt` change the bytes, loads into `target` and
    /// returns the error message without the file name (and checks the model is unchanged).
    fn load_error(corrupt: impl FnOnce(Vec<u8>) -> Vec<u8>, mut target: Model) -> String {
        let scratch = Scratch::new("checkpoint");
        let path = scratch.path("model.safetensors");
        save(&model(), &path).unwrap();
        std::fs::write(&path, corrupt(std::fs::read(&path).unwrap())).unwrap();
        let before = bits(&target);
        let err = load(&mut target, &path).unwrap_err();
        assert!(matches!(err, Error::Checkpoint { .. }), "{err}");
        assert_eq!(bits(&target), before, "a failed load changed the model");
        let message = err.to_string();
        let prefix = format!("{}: ", path.display());
        assert!(message.starts_with(&prefix), "{message}");
        message[prefix.len()..].to_string()
    }

    /// A file holding `tensors` (name, dtype, values) as written by another tool.
    fn file_with(tensors: &[(&str, Dtype, usize)]) -> Vec<u8> {
        let views = tensors
            .iter()
            .map(|&(name, dtype, n)| (name, Encoded { dtype, shape: [n], bytes: vec![0; n * dtype.bitsize() / 8] }));
        safetensors::tensor::serialize(views, None).unwrap()
    }

    #[test]
    fn round_trip_is_bit_exact() {
        let scratch = Scratch::new("checkpoint");
        let path = scratch.path("nested/dir/model.safetensors");
        save(&model(), &path).unwrap();
        let mut loaded = blank();
        load(&mut loaded, &path).unwrap();
        assert_eq!(bits(&loaded), bits(&model()));
        assert_eq!(loaded.layers[1].w.shape, [2, 3]);
    }

    #[test]
    fn names_dtypes_and_flat_shapes_follow_the_leaves() {
        let scratch = Scratch::new("checkpoint");
        let path = scratch.path("model.safetensors");
        save(&model(), &path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let file = SafeTensors::deserialize(&bytes).unwrap();
        let mut names = file.names();
        names.sort_unstable();
        assert_eq!(
            names,
            ["gain", "layers.0.b", "layers.0.w.data", "layers.1.b", "layers.1.w.data", "offsets", "scale"]
        );
        let w = file.tensor("layers.1.w.data").unwrap();
        assert_eq!((w.dtype(), w.shape()), (Dtype::F32, [6].as_slice()));
        assert_eq!(file.tensor("offsets").unwrap().dtype(), Dtype::F64);
    }

    #[test]
    fn a_bare_vector_round_trips() {
        let scratch = Scratch::new("checkpoint");
        let path = scratch.path("v.safetensors");
        save(&vec![1.5f32, -2.0], &path).unwrap();
        let mut v = vec![0.0f32; 2];
        load(&mut v, &path).unwrap();
        assert_eq!(v, [1.5, -2.0]);
    }

    #[test]
    fn save_replaces_the_file_and_leaves_no_temporary() {
        let scratch = Scratch::new("checkpoint");
        let path = scratch.path("model.safetensors");
        save(&blank(), &path).unwrap();
        save(&model(), &path).unwrap();
        let mut loaded = blank();
        load(&mut loaded, &path).unwrap();
        assert_eq!(bits(&loaded), bits(&model()));
        let files: Vec<_> = std::fs::read_dir(scratch.dir()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(files, ["model.safetensors"]);
    }

    #[test]
    fn an_unwritable_path_is_an_io_error_naming_it() {
        let scratch = Scratch::new("checkpoint");
        std::fs::write(scratch.path("file"), b"").unwrap();
        let path = scratch.path("file/model.safetensors"); // a folder that is a file
        let err = save(&model(), &path).unwrap_err();
        assert!(matches!(err, Error::Io { .. }), "{err}");
        assert!(err.to_string().starts_with(&format!("{}: ", path.display())), "{err}");
    }

    #[test]
    fn a_truncated_file_is_an_error() {
        let message = load_error(
            |mut b| {
                b.truncate(b.len() - 5);
                b
            },
            blank(),
        );
        assert!(message.starts_with("not a valid safetensors file: "), "{message}");
    }

    #[test]
    fn garbage_is_an_error() {
        let message = load_error(|_| b"this is not a safetensors file at all".to_vec(), blank());
        assert!(message.starts_with("not a valid safetensors file: "), "{message}");
        let message = load_error(|_| Vec::new(), blank());
        assert!(message.starts_with("not a valid safetensors file: "), "{message}");
    }

    #[test]
    fn a_missing_tensor_is_named() {
        let mut bigger = blank();
        bigger.layers.push(bigger.layers[0].clone());
        let message = load_error(|b| b, bigger);
        assert!(
            message.starts_with("tensor `layers.2.w.data` is missing (the file holds 7 tensors: `gain`, "),
            "{message}"
        );
    }

    #[test]
    fn an_extra_tensor_is_named() {
        let mut smaller = blank();
        smaller.layers.pop();
        let message = load_error(|b| b, smaller);
        assert_eq!(message, "the file holds tensors the model does not have: `layers.1.b`, `layers.1.w.data`");
    }

    #[test]
    fn a_wrong_length_is_named() {
        let mut wider = blank();
        wider.offsets.push(0.0);
        let message = load_error(|b| b, wider);
        assert_eq!(message, "tensor `offsets` holds 3 values in the file, the model's leaf has 4");
    }

    #[test]
    fn a_wrong_dtype_is_named() {
        let scratch = Scratch::new("checkpoint");
        let path = scratch.path("other.safetensors");
        std::fs::write(&path, file_with(&[("gain", Dtype::F64, 1), ("w", Dtype::F16, 2)])).unwrap();
        #[derive(Differentiable)]
        struct Small {
            gain: f32,
        }
        let err = load(&mut Small { gain: 1.0 }, &path).unwrap_err().to_string();
        assert_eq!(err, format!("{}: tensor `gain` is F64 in the file, the model's leaf is f32", path.display()));
    }

    #[test]
    fn a_file_from_another_tool_with_a_matrix_shape_loads() {
        let scratch = Scratch::new("checkpoint");
        let path = scratch.path("matrix.safetensors");
        let bytes: Vec<u8> = [1.0f32, 2.0, 3.0, 4.0].iter().flat_map(|x| x.to_le_bytes()).collect();
        let view = Encoded { dtype: Dtype::F32, shape: [4], bytes };
        let matrix = TensorView::new(Dtype::F32, vec![2, 2], view.bytes.as_slice()).unwrap();
        std::fs::write(&path, safetensors::tensor::serialize([("data", matrix)], None).unwrap()).unwrap();
        let mut t = Tensor::zeros(&[2, 2]);
        load(&mut t, &path).unwrap();
        assert_eq!(t.data, [1.0, 2.0, 3.0, 4.0]);
    }
}
