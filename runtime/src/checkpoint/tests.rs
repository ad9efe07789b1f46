//! Tests of saving and loading: round trips, refused saves, and files that do not fit.

use super::*;
use crate::scratch::Scratch;
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

/// Values that only a bit-exact round trip preserves: signed zeros, subnormals, the
/// largest floats, and values that decimal printing would round.
fn model() -> Model {
    let odd32 = [0.1, -0.0, f32::MIN_POSITIVE / 3.0, f32::MAX, -f32::MIN_POSITIVE, 1.0 / 3.0];
    let layer = |k: usize| Layer {
        w: Tensor::from_fn(&[2, 3], |i| odd32[(i + k) % odd32.len()]),
        b: vec![k as f32 * 0.7, -1e-30],
    };
    Model {
        layers: vec![layer(0), layer(1)],
        scale: std::f64::consts::PI,
        offsets: vec![f64::MAX, -0.0, 5e-324],
        gain: -2.5,
        steps: 7,
    }
}

fn blank() -> Model {
    let layer = || Layer { w: Tensor::zeros(&[2, 3]), b: vec![0.0; 2] };
    Model { layers: vec![layer(), layer()], scale: 0.0, offsets: vec![0.0; 3], gain: 0.0, steps: 7 }
}

fn bits(m: &Model) -> (Vec<u32>, Vec<u64>) {
    let mut f32s: Vec<u32> = m.layers.iter().flat_map(|l| l.w.data.iter().chain(&l.b)).map(|x| x.to_bits()).collect();
    f32s.push(m.gain.to_bits());
    let f64s = std::iter::once(&m.scale).chain(&m.offsets).map(|x| x.to_bits()).collect();
    (f32s, f64s)
}

/// The error message of `result` without the file name `path` before it.
fn message_after_path<T: std::fmt::Debug>(result: Result<T>, path: &Path) -> String {
    let err = result.unwrap_err();
    assert!(matches!(err, Error::Checkpoint { .. }), "{err}");
    let message = err.to_string();
    let prefix = format!("{}: ", path.display());
    assert!(message.starts_with(&prefix), "{message}");
    message[prefix.len()..].to_string()
}

/// Saves `model()` to a file, lets `corrupt` change the bytes, loads into `target` and
/// returns the error message without the file name (and checks the model is unchanged).
fn load_error(corrupt: impl FnOnce(Vec<u8>) -> Vec<u8>, mut target: Model) -> String {
    let scratch = Scratch::new("checkpoint");
    let path = scratch.path("model.safetensors");
    save(&model(), &path).unwrap();
    std::fs::write(&path, corrupt(std::fs::read(&path).unwrap())).unwrap();
    let before = bits(&target);
    let message = message_after_path(load(&mut target, &path), &path);
    assert_eq!(bits(&target), before, "a failed load changed the model");
    message
}

/// A file holding `tensors` (name, dtype, shape, zero values) as written by another tool.
fn file_with(tensors: &[(&str, Dtype, &[usize])]) -> Vec<u8> {
    let views = tensors.iter().map(|&(name, dtype, shape)| {
        let bytes = vec![0; shape.iter().product::<usize>() * dtype.bitsize() / 8];
        (name, Encoded { dtype, shape: shape.to_vec(), bytes })
    });
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
fn the_safetensors_reader_sees_each_leaf_with_its_shape() {
    let scratch = Scratch::new("checkpoint");
    let path = scratch.path("model.safetensors");
    save(&model(), &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let file = SafeTensors::deserialize(&bytes).unwrap();
    let mut names = file.names();
    names.sort_unstable();
    assert_eq!(names, ["gain", "layers.0.b", "layers.0.w", "layers.1.b", "layers.1.w", "offsets", "scale"]);
    let w = file.tensor("layers.1.w").unwrap();
    assert_eq!((w.dtype(), w.shape()), (Dtype::F32, [2, 3].as_slice()));
    assert_eq!(w.data(), f32::encode(&model().layers[1].w.data), "row-major, as the tensor holds them");
    let offsets = file.tensor("offsets").unwrap();
    assert_eq!((offsets.dtype(), offsets.shape()), (Dtype::F64, [3].as_slice()));
    assert_eq!(file.tensor("gain").unwrap().shape(), [1]);
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
fn non_finite_weights_are_not_saved_and_the_old_file_is_kept() {
    let scratch = Scratch::new("checkpoint");
    let path = scratch.path("model.safetensors");
    save(&model(), &path).unwrap();
    let good = std::fs::read(&path).unwrap();
    let mut diverged = model();
    diverged.layers[1].w.data[4] = f32::NAN;
    let message = message_after_path(save(&diverged, &path), &path);
    assert!(
        message.starts_with("not saved: leaf `layers.1.w` holds NaN (value 4 of 6), and the previous file is kept"),
        "{message}"
    );
    assert!(message.contains("lower the learning rate"), "{message}");
    diverged.layers[1].w.data[4] = 0.0;
    diverged.offsets[2] = f64::NEG_INFINITY;
    let message = message_after_path(save(&diverged, &path), &path);
    assert!(message.starts_with("not saved: leaf `offsets` holds -inf (value 2 of 3)"), "{message}");
    assert_eq!(std::fs::read(&path).unwrap(), good);
    let files: Vec<_> = std::fs::read_dir(scratch.dir()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(files, ["model.safetensors"]);
}

#[test]
fn a_failed_write_keeps_the_old_file() {
    let scratch = Scratch::new("checkpoint");
    let path = scratch.path("model.safetensors");
    save(&blank(), &path).unwrap();
    let good = std::fs::read(&path).unwrap();
    // A folder that cannot be written to makes the temporary file fail.
    let mut permissions = std::fs::metadata(scratch.dir()).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(scratch.dir(), permissions.clone()).unwrap();
    let result = save(&model(), &path);
    #[allow(clippy::permissions_set_readonly_false, reason = "restores the folder for its removal")]
    permissions.set_readonly(false);
    std::fs::set_permissions(scratch.dir(), permissions).unwrap();
    // As root, a read-only folder can be written to: the save then succeeds, and that is
    // the only case where the file may change.
    if let Err(err) = result {
        assert!(matches!(err, Error::Io { access: Access::Write, .. }), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), good);
    }
}

#[test]
fn an_unwritable_path_is_an_io_error_naming_it() {
    let scratch = Scratch::new("checkpoint");
    std::fs::write(scratch.path("file"), b"").unwrap();
    let path = scratch.path("file/model.safetensors"); // a folder that is a file
    let err = save(&model(), &path).unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err}");
    assert!(err.to_string().starts_with(&format!("cannot write {}: ", path.display())), "{err}");
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
    assert!(message.starts_with("not a valid safetensors file ("), "{message}");
    assert!(message.ends_with("); check that this is the file `save` wrote"), "{message}");
}

#[test]
fn garbage_is_an_error() {
    let message = load_error(|_| b"this is not a safetensors file at all".to_vec(), blank());
    assert!(message.starts_with("not a valid safetensors file ("), "{message}");
    let message = load_error(|_| Vec::new(), blank());
    assert!(message.starts_with("not a valid safetensors file ("), "{message}");
}

#[test]
fn a_missing_tensor_is_named() {
    let mut bigger = blank();
    bigger.layers.push(bigger.layers[0].clone());
    let message = load_error(|b| b, bigger);
    assert!(message.starts_with("tensor `layers.2.w` is missing (the file holds 7 tensors: `gain`, "), "{message}");
    assert!(message.ends_with(SAME_MODEL), "{message}");
}

#[test]
fn an_extra_tensor_is_named() {
    let mut smaller = blank();
    smaller.layers.pop();
    let message = load_error(|b| b, smaller);
    assert_eq!(
        message,
        format!("the file holds tensors the model does not have: `layers.1.b`, `layers.1.w`; {SAME_MODEL}")
    );
}

#[test]
fn a_wrong_length_names_both_shapes() {
    let mut wider = blank();
    wider.offsets.push(0.0);
    let message = load_error(|b| b, wider);
    assert_eq!(message, format!("tensor `offsets` has shape [3] in the file, the model's leaf [4]; {SAME_MODEL}"));
}

#[test]
fn the_same_count_in_another_shape_names_both_shapes() {
    let mut transposed = blank();
    transposed.layers[0].w = Tensor::zeros(&[3, 2]);
    let message = load_error(|b| b, transposed);
    assert_eq!(
        message,
        format!("tensor `layers.0.w` has shape [2, 3] in the file, the model's leaf [3, 2]; {SAME_MODEL}")
    );
}

#[test]
fn a_wrong_dtype_is_named() {
    let scratch = Scratch::new("checkpoint");
    let path = scratch.path("other.safetensors");
    std::fs::write(&path, file_with(&[("gain", Dtype::F64, &[1]), ("w", Dtype::F16, &[2])])).unwrap();
    #[derive(Differentiable)]
    struct Small {
        gain: f32,
    }
    let message = message_after_path(load(&mut Small { gain: 1.0 }, &path), &path);
    assert_eq!(
        message,
        "tensor `gain` is F64 in the file, the model's leaf is f32; give the model's field the file's float type"
    );
}

#[test]
fn a_matrix_from_another_tool_loads_into_a_tensor_of_its_shape() {
    let scratch = Scratch::new("checkpoint");
    let path = scratch.path("matrix.safetensors");
    let bytes: Vec<u8> = [1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0].iter().flat_map(|x| x.to_le_bytes()).collect();
    let matrix = TensorView::new(Dtype::F32, vec![3, 2], &bytes).unwrap();
    let scalar = TensorView::new(Dtype::F64, vec![], &[0, 0, 0, 0, 0, 0, 0xf0, 0x3f]).unwrap();
    let file = safetensors::tensor::serialize([("w", matrix), ("bias", scalar)], None).unwrap();
    std::fs::write(&path, file).unwrap();
    #[derive(Differentiable)]
    struct Affine {
        w: Tensor,
        bias: f64,
    }
    let mut affine = Affine { w: Tensor::zeros(&[3, 2]), bias: 0.0 };
    load(&mut affine, &path).unwrap();
    assert_eq!((affine.w.data.as_slice(), affine.bias), ([1.0, 2.0, 3.0, 4.0, 5.0, 6.0].as_slice(), 1.0));
}

/// `model()` in the layout checkpoints had before they stored shapes: tensors flat under
/// `<name>.data`, every other leaf as now.
fn old_layout_file() -> Vec<u8> {
    let m = model();
    let f32s = |name: &str, values: &[f32]| {
        (name.to_string(), Encoded { dtype: Dtype::F32, shape: vec![values.len()], bytes: f32::encode(values) })
    };
    let f64s = |name: &str, values: &[f64]| {
        (name.to_string(), Encoded { dtype: Dtype::F64, shape: vec![values.len()], bytes: f64::encode(values) })
    };
    let mut tensors = vec![f64s("scale", &[m.scale]), f64s("offsets", &m.offsets), f32s("gain", &[m.gain])];
    for (i, layer) in m.layers.iter().enumerate() {
        tensors.push(f32s(&format!("layers.{i}.w.data"), &layer.w.data));
        tensors.push(f32s(&format!("layers.{i}.b"), &layer.b));
    }
    safetensors::tensor::serialize(tensors, None).unwrap()
}

#[test]
fn an_old_flat_checkpoint_is_named_as_such_and_loads_with_load_flat() {
    let scratch = Scratch::new("checkpoint");
    let path = scratch.path("old.safetensors");
    std::fs::write(&path, old_layout_file()).unwrap();
    let mut target = blank();
    let message = message_after_path(load(&mut target, &path), &path);
    assert_eq!(
        message,
        "tensor `layers.0.w` is stored flat as `layers.0.w.data`, as checkpoints were before they kept shapes; read \
         the file with `checkpoint::load_flat`, then `checkpoint::save` writes it in the current layout"
    );
    assert_eq!(bits(&target), bits(&blank()));
    load_flat(&mut target, &path).unwrap();
    assert_eq!(bits(&target), bits(&model()));
    // Saved again, it is in the current layout, which `load` reads and `load_flat` does not.
    save(&target, &path).unwrap();
    let mut again = blank();
    load(&mut again, &path).unwrap();
    assert_eq!(bits(&again), bits(&model()));
    let message = message_after_path(load_flat(&mut blank(), &path), &path);
    assert!(message.starts_with("tensor `layers.0.w.data` is missing (the file holds 7 tensors"), "{message}");
}

#[test]
fn load_flat_compares_sizes_and_names_extra_tensors() {
    let scratch = Scratch::new("checkpoint");
    let path = scratch.path("old.safetensors");
    std::fs::write(&path, old_layout_file()).unwrap();
    let mut wider = blank();
    wider.layers[1].w = Tensor::zeros(&[2, 4]);
    let message = message_after_path(load_flat(&mut wider, &path), &path);
    assert_eq!(
        message,
        format!("tensor `layers.1.w.data` has shape [6] in the file, the model's leaf [2, 4]; {SAME_MODEL}")
    );
    let mut fewer = blank();
    fewer.layers.pop();
    let message = message_after_path(load_flat(&mut fewer, &path), &path);
    assert!(
        message.starts_with("the file holds tensors the model does not have: `layers.1.b`, `layers.1.w.data`"),
        "{message}"
    );
    // The same values in another shape of the same size: the old layout kept no shape.
    let mut transposed = blank();
    transposed.layers[0].w = Tensor::zeros(&[3, 2]);
    load_flat(&mut transposed, &path).unwrap();
    assert_eq!(transposed.layers[0].w.data, model().layers[0].w.data);
}

#[test]
fn an_f64_tensor_is_stored_as_f64_with_its_shape() {
    use crate::tensor::Tensor64;
    #[derive(Differentiable, Clone, Debug, PartialEq)]
    struct Precise {
        w: Tensor64,
        b: Tensor,
    }
    let scratch = Scratch::new("checkpoint");
    let path = scratch.path("precise.safetensors");
    let model = Precise { w: Tensor64::from_fn(&[2, 3], |i| 0.1 * i as f64 - 1e-300), b: Tensor::zeros(&[3]) };
    save(&model, &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let file = SafeTensors::deserialize(&bytes).unwrap();
    let w = file.tensor("w").unwrap();
    assert_eq!((w.dtype(), w.shape()), (Dtype::F64, [2, 3].as_slice()));
    let mut loaded = Precise { w: Tensor64::zeros(&[2, 3]), b: Tensor::zeros(&[3]) };
    load(&mut loaded, &path).unwrap();
    assert_eq!(loaded, model);
    let mut transposed = Precise { w: Tensor64::zeros(&[3, 2]), b: Tensor::zeros(&[3]) };
    let message = message_after_path(load(&mut transposed, &path), &path);
    assert_eq!(message, format!("tensor `w` has shape [2, 3] in the file, the model's leaf [3, 2]; {SAME_MODEL}"));
    #[derive(Differentiable)]
    struct Single {
        w: Tensor,
    }
    let message = message_after_path(load(&mut Single { w: Tensor::zeros(&[2, 3]) }, &path), &path);
    assert!(message.starts_with("tensor `w` is F64 in the file, the model's leaf is f32"), "{message}");
}

#[test]
fn a_tensor_whose_values_do_not_fill_its_shape_is_not_saved() {
    let scratch = Scratch::new("checkpoint");
    let path = scratch.path("bad.safetensors");
    let broken = Tensor { data: vec![1.0; 5], shape: vec![2, 3] };
    let message = message_after_path(save(&broken, &path), &path);
    assert!(message.starts_with("leaf `` holds 5 values but its shape [2, 3] asks for 6"), "{message}");
    assert!(!path.exists());
}
