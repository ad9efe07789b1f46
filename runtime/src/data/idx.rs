//! The IDX format of MNIST: a big-endian header (a magic number, then one `u32` per
//! dimension) followed by the `u8` values, row-major. Every length is checked against the
//! header before anything is indexed, so a truncated or forged file is an error, not a panic.

use super::gz;
use crate::error::{Error, Result};
use std::path::Path;

/// Magic number of an IDX file of `u8` images: type `0x08` (unsigned byte), 3 dimensions.
pub(super) const IMAGES_MAGIC: u32 = 0x0803;
/// Magic number of an IDX file of `u8` labels: type `0x08`, 1 dimension.
pub(super) const LABELS_MAGIC: u32 = 0x0801;

/// Ends every message about a damaged file: what to do.
pub(super) const FETCH_AGAIN: &str =
    "; MNIST needs its four original IDX files, gzip-compressed or not: fetch them again";

/// The images of an IDX file: `count` images of `rows x cols` pixels, `0..=255`.
pub(super) struct Images {
    pub(super) count: usize,
    pub(super) rows: usize,
    pub(super) cols: usize,
    pub(super) pixels: Vec<u8>,
}

/// Reads an IDX image file (gzip-compressed or not).
pub(super) fn read_images(path: &Path) -> Result<Images> {
    let mut bytes = gz::read_all(path)?;
    let dims = parse(path, &bytes, IMAGES_MAGIC, 3, "images")?;
    bytes.drain(..header_len(3));
    Ok(Images { count: dims[0], rows: dims[1], cols: dims[2], pixels: bytes })
}

/// Reads an IDX label file (gzip-compressed or not).
pub(super) fn read_labels(path: &Path) -> Result<Vec<u8>> {
    let mut bytes = gz::read_all(path)?;
    parse(path, &bytes, LABELS_MAGIC, 1, "labels")?;
    bytes.drain(..header_len(1));
    Ok(bytes)
}

fn header_len(dims: usize) -> usize {
    4 + 4 * dims
}

/// Checks the header of `bytes` and that the values after it are exactly as many as it
/// announces; returns the dimensions.
fn parse(path: &Path, bytes: &[u8], magic: u32, dims: usize, what: &str) -> Result<Vec<usize>> {
    let error = |message: String| Error::Data { path: path.to_path_buf(), line: None, message: message + FETCH_AGAIN };
    let header = header_len(dims);
    if bytes.len() < header {
        return Err(error(format!(
            "too short for an IDX header of {what}: {} bytes, the header alone has {header}",
            bytes.len()
        )));
    }
    let words: Vec<u32> =
        bytes[..header].chunks_exact(4).map(|w| u32::from_be_bytes([w[0], w[1], w[2], w[3]])).collect();
    if words[0] != magic {
        return Err(error(wrong_magic(words[0], magic)));
    }
    let shape: Vec<usize> = words[1..].iter().map(|&d| d as usize).collect();
    let values = shape.iter().try_fold(1usize, |n, &d| n.checked_mul(d));
    let expected = values.and_then(|v| v.checked_add(header));
    match expected {
        Some(expected) if expected == bytes.len() => Ok(shape),
        Some(expected) => Err(error(format!(
            "{}: the header announces {} ({expected} bytes with the header), the file has {} bytes",
            if expected > bytes.len() { "truncated" } else { "too long" },
            describe(&shape, what),
            bytes.len()
        ))),
        None => Err(error(format!("the header's dimensions {shape:?} overflow"))),
    }
}

/// `60000 images of 28x28`, `10000 labels`.
fn describe(shape: &[usize], what: &str) -> String {
    let item: Vec<String> = shape[1..].iter().map(usize::to_string).collect();
    if item.is_empty() { format!("{} {what}", shape[0]) } else { format!("{} {what} of {}", shape[0], item.join("x")) }
}

fn wrong_magic(found: u32, expected: u32) -> String {
    let hint = match found {
        IMAGES_MAGIC => " (this is an image file)",
        LABELS_MAGIC => " (this is a label file)",
        _ => " (not an IDX file of bytes)",
    };
    format!("magic number {found} where {expected} was expected{hint}")
}

/// Test helper: an IDX file holding the magic number, the dimensions, then `values` bytes
/// counting `0, 1, ..., 9, 0, 1, ...`.
#[cfg(test)]
pub(super) fn idx(magic: u32, dims: &[u32], values: usize) -> Vec<u8> {
    let mut bytes = magic.to_be_bytes().to_vec();
    for d in dims {
        bytes.extend(d.to_be_bytes());
    }
    bytes.extend((0..values).map(|i| (i % 10) as u8));
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scratch::Scratch;

    fn error_of(bytes: &[u8], read: fn(&Path) -> Result<()>) -> String {
        let scratch = Scratch::new("idx");
        let path = scratch.write_gz("file.gz", bytes);
        let err = read(&path).unwrap_err().to_string();
        let prefix = format!("{}: ", path.display());
        assert!(err.starts_with(&prefix) && err.ends_with(FETCH_AGAIN), "{err}");
        err[prefix.len()..err.len() - FETCH_AGAIN.len()].to_string()
    }

    fn images(path: &Path) -> Result<()> {
        read_images(path).map(drop)
    }

    fn labels(path: &Path) -> Result<()> {
        read_labels(path).map(drop)
    }

    #[test]
    fn reads_images_and_labels() {
        let scratch = Scratch::new("idx");
        let path = scratch.write_gz("images.gz", &idx(2051, &[2, 3, 4], 24));
        let images = read_images(&path).unwrap();
        assert_eq!((images.count, images.rows, images.cols), (2, 3, 4));
        assert_eq!(images.pixels[..12], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
        let path = scratch.write_gz("labels.gz", &idx(2049, &[3], 3));
        assert_eq!(read_labels(&path).unwrap(), [0, 1, 2]);
    }

    #[test]
    fn wrong_magic_says_what_the_file_is() {
        let err = error_of(&idx(2049, &[2, 3, 4], 24), images);
        assert_eq!(err, "magic number 2049 where 2051 was expected (this is a label file)");
        let err = error_of(&idx(7, &[2], 2), labels);
        assert_eq!(err, "magic number 7 where 2049 was expected (not an IDX file of bytes)");
    }

    #[test]
    fn truncated_values_are_an_error() {
        let err = error_of(&idx(2051, &[2, 3, 4], 23), images);
        assert_eq!(
            err,
            "truncated: the header announces 2 images of 3x4 (40 bytes with the header), the file has 39 bytes"
        );
    }

    #[test]
    fn extra_values_are_an_error() {
        let err = error_of(&idx(2049, &[2], 3), labels);
        assert_eq!(err, "too long: the header announces 2 labels (10 bytes with the header), the file has 11 bytes");
    }

    #[test]
    fn truncated_header_is_an_error() {
        let err = error_of(&idx(2051, &[2], 0), images);
        assert_eq!(err, "too short for an IDX header of images: 8 bytes, the header alone has 16");
    }

    #[test]
    fn overflowing_dimensions_are_an_error() {
        let err = error_of(&idx(2051, &[u32::MAX, u32::MAX, u32::MAX], 0), images);
        assert_eq!(err, "the header's dimensions [4294967295, 4294967295, 4294967295] overflow");
    }

    #[test]
    fn a_file_that_is_not_gzip_is_read_as_is() {
        let scratch = Scratch::new("idx");
        let path = scratch.path("labels");
        std::fs::write(&path, idx(2049, &[4], 4)).unwrap();
        assert_eq!(read_labels(&path).unwrap(), [0, 1, 2, 3]);
    }
}
