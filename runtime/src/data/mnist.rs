//! MNIST: 60,000 training and 10,000 test images of handwritten digits, 28x28 grey pixels,
//! read from the four standard gzip'd IDX files (LeCun, Cortes and Burges; CC BY-SA 3.0).
//!
//! The files are too large to bundle: [`find`] looks for a folder that holds them, [`load`]
//! reads them, with pixels scaled to `[0, 1]` and inputs shaped `[n, 1, 28, 28]`
//! (use [`Dataset::into_flat`] for a dense network).
//!
//! ```
//! use backprop::data::mnist;
//!
//! // A program passes its command-line argument, `std::env::args().nth(1).as_deref()`:
//! // the folder named there, else $MNIST_DIR, else ../shared/data/mnist.
//! match mnist::find(None) {
//!     Ok(dir) => {
//!         let (train, test) = mnist::load(&dir)?;
//!         assert_eq!(train.inputs.shape, [60_000, 1, 28, 28]);
//!         assert_eq!(test.len(), 10_000);
//!     }
//!     // The message names the four files and where they were looked for.
//!     Err(e) => eprintln!("{e}"),
//! }
//! # Ok::<(), backprop::Error>(())
//! ```

use super::Dataset;
use super::idx::{self, FETCH_AGAIN};
use crate::error::{Error, Result};
use crate::tensor::Tensor;
use std::path::{Path, PathBuf};

/// The training images (60,000 of 28x28).
pub const TRAIN_IMAGES: &str = "train-images-idx3-ubyte.gz";
/// The training labels.
pub const TRAIN_LABELS: &str = "train-labels-idx1-ubyte.gz";
/// The test images (10,000 of 28x28).
pub const TEST_IMAGES: &str = "t10k-images-idx3-ubyte.gz";
/// The test labels.
pub const TEST_LABELS: &str = "t10k-labels-idx1-ubyte.gz";
/// The four files a MNIST folder holds.
pub const FILES: [&str; 4] = [TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS];
/// The environment variable [`find`] reads.
pub const ENV_VAR: &str = "MNIST_DIR";
/// Number of classes (the digits 0 to 9).
pub const CLASSES: usize = 10;

/// Where [`find`] looks last: `../shared/data/mnist` from the root of the repository.
pub fn default_dir() -> PathBuf {
    let root = super::repository_root();
    root.parent().map_or_else(|| root.join(".."), Path::to_path_buf).join("shared/data/mnist")
}

/// The folder holding the four [`FILES`]: `arg` when given (a command-line argument), else
/// the folder in the environment variable `MNIST_DIR`, else [`default_dir`]. A folder that is
/// named (by `arg` or `MNIST_DIR`) but incomplete is an error rather than skipped, so a typo
/// does not silently load other data.
///
/// # Errors
/// [`Error::Data`] naming the folder and the missing files, or, when nothing was named and
/// the default folder is incomplete, saying where to put the four files.
pub fn find(arg: Option<&str>) -> Result<PathBuf> {
    let env = std::env::var_os(ENV_VAR).filter(|v| !v.is_empty()).map(PathBuf::from);
    find_in(arg.map(PathBuf::from), env, default_dir())
}

fn find_in(arg: Option<PathBuf>, env: Option<PathBuf>, default: PathBuf) -> Result<PathBuf> {
    if let Some(dir) = arg {
        return check_folder(&dir, "").map(|()| dir);
    }
    if let Some(dir) = env {
        return check_folder(&dir, &format!(" (from {ENV_VAR})")).map(|()| dir);
    }
    if missing(&default).is_empty() {
        return Ok(default);
    }
    Err(Error::Data {
        path: default,
        line: None,
        message: format!(
            "MNIST not found: put the four files {} in a folder and pass the folder, or set {ENV_VAR}",
            FILES.join(", ")
        ),
    })
}

/// Loads `(train, test)` from a folder holding the four [`FILES`]: inputs
/// `[n, 1, rows, cols]` (28x28 for MNIST) with pixels `p / 255` in `[0, 1]`, labels `0..10`.
///
/// # Errors
/// [`Error::Data`] naming the folder and the files when some are missing, and naming the
/// file for a bad header (wrong magic number, truncated or overlong data, overflowing
/// dimensions), images and labels of different counts, a label above 9, training and test
/// images of different sizes, or data that does not decompress; [`Error::Io`] when a file
/// cannot be opened.
pub fn load(dir: impl AsRef<Path>) -> Result<(Dataset, Dataset)> {
    let dir = dir.as_ref();
    check_folder(dir, "")?;
    let train = load_pair(&dir.join(TRAIN_IMAGES), &dir.join(TRAIN_LABELS))?;
    let test = load_pair(&dir.join(TEST_IMAGES), &dir.join(TEST_LABELS))?;
    if test.example_shape() != train.example_shape() {
        return Err(Error::Data {
            path: dir.join(TEST_IMAGES),
            line: None,
            message: format!(
                "the test images have shape {:?}, the training images {:?}{FETCH_AGAIN}",
                test.example_shape(),
                train.example_shape()
            ),
        });
    }
    Ok((train, test))
}

/// One image file with its label file, checked against each other.
fn load_pair(images_path: &Path, labels_path: &Path) -> Result<Dataset> {
    let images = idx::read_images(images_path)?;
    let labels = idx::read_labels(labels_path)?;
    let error =
        |message: String| Error::Data { path: labels_path.to_path_buf(), line: None, message: message + FETCH_AGAIN };
    if labels.len() != images.count {
        let (n, m, other) = (labels.len(), images.count, images_path.display());
        return Err(error(format!("{n} labels for the {m} images of {other}")));
    }
    if let Some(index) = labels.iter().position(|&label| usize::from(label) >= CLASSES) {
        return Err(error(format!("label {} of example {index} is outside 0..=9", labels[index])));
    }
    let pixels = images.pixels.iter().map(|&p| f32::from(p) / 255.0).collect();
    let inputs = Tensor::new(pixels, &[images.count, 1, images.rows, images.cols])?;
    Dataset::new(inputs, labels.into_iter().map(usize::from).collect(), CLASSES)
}

/// The [`FILES`] that `dir` lacks.
fn missing(dir: &Path) -> Vec<&'static str> {
    FILES.into_iter().filter(|file| !dir.join(file).is_file()).collect()
}

fn check_folder(dir: &Path, origin: &str) -> Result<()> {
    let missing = missing(dir);
    if missing.is_empty() {
        return Ok(());
    }
    Err(Error::Data {
        path: dir.to_path_buf(),
        line: None,
        message: format!(
            "missing {}{origin}: MNIST needs the four files {} in this folder",
            missing.join(", "),
            FILES.join(", ")
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::idx::idx;
    use crate::scratch::Scratch;

    /// A fake MNIST folder with `train` and `test` examples of 2x3 pixels.
    fn fake(scratch: &Scratch, train: u32, train_labels: u32, test: u32) {
        scratch.write_gz(TRAIN_IMAGES, &idx(2051, &[train, 2, 3], 6 * train as usize));
        scratch.write_gz(TRAIN_LABELS, &idx(2049, &[train_labels], train_labels as usize));
        scratch.write_gz(TEST_IMAGES, &idx(2051, &[test, 2, 3], 6 * test as usize));
        scratch.write_gz(TEST_LABELS, &idx(2049, &[test], test as usize));
    }

    #[test]
    fn loads_a_small_folder_with_scaled_pixels() {
        let scratch = Scratch::new("mnist");
        fake(&scratch, 4, 4, 2);
        let (train, test) = load(scratch.dir()).unwrap();
        assert_eq!(train.inputs.shape, [4, 1, 2, 3]);
        assert_eq!(test.inputs.shape, [2, 1, 2, 3]);
        assert_eq!(train.targets[..], [0, 1, 2, 3]);
        assert_eq!(train.inputs.data[..3], [0.0, 1.0 / 255.0, 2.0 / 255.0]);
    }

    #[test]
    fn count_mismatch_names_both_files() {
        let scratch = Scratch::new("mnist");
        fake(&scratch, 4, 3, 2);
        let err = load(scratch.dir()).unwrap_err().to_string();
        let (labels, images) = (scratch.path(TRAIN_LABELS), scratch.path(TRAIN_IMAGES));
        let expected = format!("{}: 3 labels for the 4 images of {}{FETCH_AGAIN}", labels.display(), images.display());
        assert_eq!(err, expected);
    }

    #[test]
    fn wrong_magic_names_the_file() {
        let scratch = Scratch::new("mnist");
        fake(&scratch, 2, 2, 2);
        scratch.write_gz(TEST_LABELS, &idx(2051, &[2, 2, 3], 12));
        let err = load(scratch.dir()).unwrap_err().to_string();
        let expected = "magic number 2051 where 2049 was expected (this is an image file)";
        assert_eq!(err, format!("{}: {expected}{FETCH_AGAIN}", scratch.path(TEST_LABELS).display()));
    }

    #[test]
    fn truncated_file_names_the_file() {
        let scratch = Scratch::new("mnist");
        fake(&scratch, 2, 2, 2);
        scratch.write_gz(TRAIN_IMAGES, &idx(2051, &[2, 2, 3], 11));
        let err = load(scratch.dir()).unwrap_err().to_string();
        assert!(err.starts_with(&format!("{}: truncated:", scratch.path(TRAIN_IMAGES).display())), "{err}");
    }

    #[test]
    fn label_above_nine_is_an_error() {
        let scratch = Scratch::new("mnist");
        fake(&scratch, 2, 2, 2);
        let mut labels = idx(2049, &[2], 0);
        labels.extend([3, 12]);
        scratch.write_gz(TRAIN_LABELS, &labels);
        let err = load(scratch.dir()).unwrap_err().to_string();
        assert!(err.ends_with(&format!("label 12 of example 1 is outside 0..=9{FETCH_AGAIN}")), "{err}");
    }

    #[test]
    fn missing_files_are_all_named() {
        let scratch = Scratch::new("mnist");
        scratch.write_gz(TRAIN_IMAGES, &idx(2051, &[0, 2, 3], 0));
        let err = load(scratch.dir()).unwrap_err().to_string();
        let expected = format!(
            "{}: missing train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz: MNIST needs \
             the four files train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, \
             t10k-labels-idx1-ubyte.gz in this folder",
            scratch.dir().display()
        );
        assert_eq!(err, expected);
    }

    #[test]
    fn find_prefers_the_argument_then_the_environment_then_the_default() {
        let (a, b, c) = (Scratch::new("mnist"), Scratch::new("mnist"), Scratch::new("mnist"));
        for scratch in [&a, &b, &c] {
            fake(scratch, 1, 1, 1);
        }
        let (pa, pb, pc) = (a.dir().to_path_buf(), b.dir().to_path_buf(), c.dir().to_path_buf());
        assert_eq!(find_in(Some(pa.clone()), Some(pb.clone()), pc.clone()).unwrap(), pa);
        assert_eq!(find_in(None, Some(pb.clone()), pc.clone()).unwrap(), pb);
        assert_eq!(find_in(None, None, pc.clone()).unwrap(), pc);
    }

    #[test]
    fn find_does_not_fall_back_from_a_named_folder() {
        let (empty, full) = (Scratch::new("mnist"), Scratch::new("mnist"));
        fake(&full, 1, 1, 1);
        let err = find_in(None, Some(empty.dir().to_path_buf()), full.dir().to_path_buf()).unwrap_err();
        assert!(err.to_string().contains("missing train-images-idx3-ubyte.gz, "), "{err}");
        assert!(err.to_string().contains("(from MNIST_DIR): MNIST needs the four files"), "{err}");
    }

    #[test]
    fn find_names_the_four_files_when_nothing_is_found() {
        let empty = Scratch::new("mnist");
        let err = find_in(None, None, empty.dir().to_path_buf()).unwrap_err().to_string();
        assert!(err.starts_with(&empty.dir().display().to_string()), "{err}");
        for file in FILES {
            assert!(err.contains(file), "{err}");
        }
    }

    #[test]
    fn loads_the_real_files_when_present() {
        let dir = default_dir();
        if !missing(&dir).is_empty() {
            eprintln!("skipped: MNIST is not in {}", dir.display());
            return;
        }
        let (train, test) = load(&dir).unwrap();
        assert_eq!(train.inputs.shape, [60_000, 1, 28, 28]);
        assert_eq!(test.inputs.shape, [10_000, 1, 28, 28]);
        let train_counts = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
        assert_eq!(train.class_counts(), train_counts);
        assert_eq!(test.class_counts(), [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
        assert!(train.inputs.data.iter().all(|p| (0.0..=1.0).contains(p)));
        assert_eq!(train.inputs.data.iter().copied().fold(0.0, f32::max), 1.0);
    }
}
