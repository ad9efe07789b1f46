//! The 8x8 handwritten digits bundled with the repository (1,797 examples, 10 classes).
//!
//! The file is scikit-learn's `digits.csv.gz`: the test set of the UCI "Optical Recognition of
//! Handwritten Digits" data by E. Alpaydin and C. Kaynak (CC BY 4.0), stored under
//! `data/digits/` at the root of the repository with its README and licences. Each line holds
//! 64 pixel counts from 0 to 16 (an 8x8 image, row by row) and then the label, 0 to 9.
//!
//! [`load`] keeps the raw counts (as scikit-learn's `load_digits` does): standardise them
//! with [`Normalizer`](super::Normalizer), or [`scale`](super::Dataset::scale) by `1/16`.
//!
//! ```
//! use backprop::data::digits;
//!
//! let digits = digits::load_default()?;
//! assert_eq!(digits.inputs.shape, [1797, 64]);
//! assert_eq!(digits.class_counts(), [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
//! # Ok::<(), backprop::Error>(())
//! ```

use super::{Dataset, gz};
use crate::error::{Error, Result};
use crate::tensor::Tensor;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// Pixels per image (8x8).
pub const PIXELS: usize = 64;
/// Side of an image, in pixels.
pub const SIDE: usize = 8;
/// The largest pixel value (a count of on pixels in a 4x4 block).
pub const MAX_PIXEL: u8 = 16;
/// Number of classes (the digits 0 to 9).
pub const CLASSES: usize = 10;

/// Comma-separated values on each line: the pixels, then the label.
const COLUMNS: usize = PIXELS + 1;

/// Ends every message about a file's contents: what a valid file holds.
const FORMAT: &str = "; a digits file holds one example per line: 64 pixel counts from 0 to 16, then the label from 0 to 9, \
     separated by commas";

/// Where the bundled file is: `data/digits/digits.csv.gz` at the root of the repository,
/// found from the runtime crate's own directory at compile time.
pub fn default_path() -> PathBuf {
    super::repository_root().join("data/digits/digits.csv.gz")
}

/// Loads the bundled data set (see [`default_path`]), inputs `[1797, 64]`.
///
/// # Errors
/// As [`load`]; [`Error::Io`] names the path when the repository's `data/` folder is absent
/// (the crate was installed without it).
pub fn load_default() -> Result<Dataset> {
    load(default_path())
}

/// Loads a digits CSV file, gzip-compressed or not: inputs `[n, 64]` holding the raw pixel
/// counts `0.0..=16.0`, labels `0..10`. Blank lines are skipped.
///
/// # Errors
/// [`Error::Io`] when the file cannot be opened, and [`Error::Data`] naming the file and the
/// 1-based line (and the 1-based column) for a line without 65 values, a value that is not an
/// integer, a pixel outside `0..=16`, a label outside `0..=9`, a line that cannot be
/// decompressed or decoded, or a file without any example.
pub fn load(path: impl AsRef<Path>) -> Result<Dataset> {
    let path = path.as_ref();
    let data_error = |line, message: String| Error::Data { path: path.to_path_buf(), line, message: message + FORMAT };
    let mut pixels = Vec::new();
    let mut labels = Vec::new();
    for (index, line) in gz::open(path)?.lines().enumerate() {
        let line = line.map_err(|e| data_error(Some(index + 1), format!("cannot read: {e}")))?;
        if line.trim().is_empty() {
            continue;
        }
        let label = parse_row(&line, &mut pixels).map_err(|message| data_error(Some(index + 1), message))?;
        labels.push(label);
    }
    if labels.is_empty() {
        return Err(data_error(None, "no examples: the file holds no line of data".to_string()));
    }
    let inputs = Tensor::new(pixels, &[labels.len(), PIXELS])?;
    Dataset::new(inputs, labels, CLASSES)
}

/// Appends the line's pixels to `pixels` and returns its label, or says what is wrong.
fn parse_row(line: &str, pixels: &mut Vec<f32>) -> std::result::Result<usize, String> {
    let fields: Vec<&str> = line.split(',').collect();
    if fields.len() != COLUMNS {
        let found = fields.len();
        return Err(format!("expected {COLUMNS} comma-separated values (64 pixels, then the label), found {found}"));
    }
    for (column, field) in fields[..PIXELS].iter().enumerate() {
        let value = parse_in_range(field, column, "pixel", i64::from(MAX_PIXEL))?;
        pixels.push(value as f32);
    }
    Ok(parse_in_range(fields[PIXELS], PIXELS, "label", CLASSES as i64 - 1)? as usize)
}

/// The integer in `field` (0-based `column`), checked to lie in `0..=max`.
fn parse_in_range(field: &str, column: usize, what: &str, max: i64) -> std::result::Result<i64, String> {
    let field = field.trim();
    let value: i64 = field.parse().map_err(|_| format!("column {}: {what} `{field}` is not an integer", column + 1))?;
    if (0..=max).contains(&value) {
        Ok(value)
    } else {
        Err(format!("column {}: {what} {value} is outside 0..={max}", column + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scratch::Scratch;

    /// A valid line: pixels `0, 1, ..., 15, 16, 0, 1, ...` and the label.
    fn line(label: usize) -> String {
        let pixels: Vec<String> = (0..PIXELS).map(|i| (i % 17).to_string()).collect();
        format!("{},{label}", pixels.join(","))
    }

    /// Loads `text` from a gzip file and returns the error message.
    fn error_of(text: &str) -> String {
        let scratch = Scratch::new("digits");
        let path = scratch.write_gz("bad.csv.gz", text.as_bytes());
        let err = load(&path).unwrap_err().to_string();
        let prefix = format!("{}:", path.display());
        assert!(err.starts_with(&prefix), "{err}");
        assert!(err.ends_with(FORMAT), "{err}");
        err[prefix.len()..err.len() - FORMAT.len()].to_string()
    }

    #[test]
    fn loads_the_bundled_file() {
        let digits = load_default().unwrap();
        assert_eq!(digits.inputs.shape, [1797, 64]);
        assert_eq!(digits.class_counts(), [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
        // The first row of sklearn's load_digits(): a 0.
        assert_eq!(digits.inputs.data[..8], [0.0, 0.0, 5.0, 13.0, 9.0, 1.0, 0.0, 0.0]);
        assert_eq!(digits.targets[..3], [0, 1, 2]);
        assert!(digits.inputs.data.iter().all(|&p| (0.0..=16.0).contains(&p)));
    }

    #[test]
    fn reads_an_uncompressed_file_and_skips_blank_lines() {
        let scratch = Scratch::new("digits");
        let path = scratch.path("plain.csv");
        std::fs::write(&path, format!("{}\r\n\n{}\n", line(3), line(9))).unwrap();
        let digits = load(&path).unwrap();
        assert_eq!(digits.targets[..], [3, 9]);
        assert_eq!(digits.inputs.data[16..18], [16.0, 0.0]);
    }

    #[test]
    fn wrong_column_count_names_the_line() {
        let text = format!("{}\n{}\n1,2,3\n", line(0), line(1));
        assert_eq!(error_of(&text), "3: expected 65 comma-separated values (64 pixels, then the label), found 3");
    }

    #[test]
    fn non_number_names_line_and_column() {
        let text = format!("{}\n{}\n", line(0), line(1).replacen("0,1,2", "0,x1,2", 1));
        assert_eq!(error_of(&text), "2: column 2: pixel `x1` is not an integer");
    }

    #[test]
    fn pixel_out_of_range_names_line_and_column() {
        let text = format!("{}\n", line(0).replacen("0,1,2", "0,17,2", 1));
        assert_eq!(error_of(&text), "1: column 2: pixel 17 is outside 0..=16");
        let text = format!("{}\n", line(0).replacen("0,1,2", "0,-1,2", 1));
        assert_eq!(error_of(&text), "1: column 2: pixel -1 is outside 0..=16");
    }

    #[test]
    fn label_out_of_range_names_line_and_column() {
        let text = format!("{}\n{}\n", line(0), line(10));
        assert_eq!(error_of(&text), "2: column 65: label 10 is outside 0..=9");
    }

    #[test]
    fn empty_file_is_an_error() {
        assert_eq!(error_of("\n\n"), " no examples: the file holds no line of data");
    }

    #[test]
    fn corrupt_gzip_is_an_error_not_a_panic() {
        let scratch = Scratch::new("digits");
        let good = scratch.write_gz("good.csv.gz", format!("{}\n", line(1)).repeat(50).as_bytes());
        let bytes = std::fs::read(&good).unwrap();
        let path = scratch.path("truncated.csv.gz");
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        let err = load(&path).unwrap_err().to_string();
        assert!(err.starts_with(&format!("{}:", path.display())) && err.contains("cannot read"), "{err}");
    }

    #[test]
    fn binary_garbage_is_an_error_not_a_panic() {
        let scratch = Scratch::new("digits");
        let path = scratch.path("garbage.csv");
        std::fs::write(&path, [0xff, 0xfe, 0x00, 0x80, b'\n']).unwrap();
        let err = load(&path).unwrap_err().to_string();
        assert!(err.starts_with(&format!("{}:1: cannot read", path.display())), "{err}");
    }

    #[test]
    fn missing_file_is_an_io_error_naming_it() {
        let err = load("/nonexistent/digits.csv.gz").unwrap_err();
        assert!(matches!(err, Error::Io { access: crate::error::Access::Read, .. }));
        assert!(err.to_string().starts_with("cannot read /nonexistent/digits.csv.gz: "), "{err}");
    }
}
