//! Opening data files that may or may not be gzip-compressed: the first two bytes decide
//! (gzip's magic `1f 8b`), not the file name, so `digits.csv` and `digits.csv.gz` both load.

use crate::error::{Access, Error, Result};
use flate2::bufread::MultiGzDecoder;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// A buffered reader over the file's contents, decompressed if the file is gzip.
///
/// Decompression errors surface later, from the reader, as `std::io::Error`s.
pub(super) fn open(path: &Path) -> Result<Box<dyn BufRead>> {
    let file =
        File::open(path).map_err(|source| Error::Io { path: path.to_path_buf(), access: Access::Read, source })?;
    let mut reader = BufReader::new(file);
    let head =
        reader.fill_buf().map_err(|source| Error::Io { path: path.to_path_buf(), access: Access::Read, source })?;
    if head.starts_with(&GZIP_MAGIC) {
        // `Multi`: a file made by concatenating gzip members is still one valid gzip file.
        Ok(Box::new(BufReader::new(MultiGzDecoder::new(reader))))
    } else {
        Ok(Box::new(reader))
    }
}

/// The whole (decompressed) contents of the file.
pub(super) fn read_all(path: &Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open(path)?.read_to_end(&mut bytes).map_err(|e| Error::Data {
        path: path.to_path_buf(),
        line: None,
        message: format!("cannot read: {e}; the file is damaged: fetch it again"),
    })?;
    Ok(bytes)
}
