//! Replacing a file so that no failure loses the previous version: the new contents go to a
//! temporary file beside the target, are flushed to disk, and only then renamed over it.
//!
//! A rename within one file system is atomic: readers see the old file or the new one, never
//! half of one, and a failure at any step (a full disk, a killed process, an unwritable
//! folder) leaves the old file as it was. Checkpoints, plots and CSV histories are all saved
//! this way.

use crate::error::{Access, Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Writes `bytes` to `path`, atomically (see the module documentation). Creates the folder
/// when needed.
///
/// # Errors
/// [`Error::Io`] naming `path` (with the system's error as its source) when the folder, the
/// temporary file or the rename fails; the previous file at `path` is then unchanged and the
/// temporary file removed.
pub(crate) fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let io_error = |source| Error::Io { path: path.to_path_buf(), access: Access::Write, source };
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(io_error)?;
    }
    let temporary = temporary_path(path);
    let written = write_synced(&temporary, bytes).and_then(|()| std::fs::rename(&temporary, path));
    if let Err(source) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(io_error(source));
    }
    sync_folder(path);
    Ok(())
}

/// Creates `path` (which must not exist: a left-over temporary is an error rather than a
/// file to clobber), writes `bytes` and flushes them to the disk.
fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::File::create_new(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Flushes the folder entry of the rename, so that the new name survives a power cut. Best
/// effort: some systems cannot open a folder for this, and the data itself is already safe.
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(folder) = path.parent() {
        let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
        if let Ok(dir) = std::fs::File::open(folder) {
            let _ = dir.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// `dir/.name.tmp-<pid>-<n>`: beside the target (a rename is atomic only within one file
/// system), hidden, and distinct for two processes or two threads saving to the same path.
fn temporary_path(path: &Path) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp-{}-{n}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scratch::Scratch;

    fn files_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let scratch = Scratch::new("atomic");
        let path = scratch.path("a/b/file.txt");
        write(&path, b"old").unwrap();
        write(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(files_in(&scratch.path("a/b")), ["file.txt"]);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let scratch = Scratch::new("atomic");
        // The target is a non-empty folder: the rename fails after the data was written.
        let path = scratch.path("target");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("keep.txt"), b"old data").unwrap();
        let err = write(&path, b"new data").unwrap_err();
        assert!(matches!(err, Error::Io { access: Access::Write, .. }), "{err}");
        assert!(err.to_string().starts_with(&format!("cannot write {}", path.display())), "{err}");
        assert_eq!(std::fs::read(path.join("keep.txt")).unwrap(), b"old data");
        assert_eq!(files_in(scratch.dir()), ["target"], "the temporary file was left behind");
    }

    #[test]
    fn an_unwritable_folder_is_an_error_naming_the_path() {
        let scratch = Scratch::new("atomic");
        std::fs::write(scratch.path("file"), b"").unwrap();
        let path = scratch.path("file/inside.txt"); // a folder that is a file
        let err = write(&path, b"x").unwrap_err();
        assert!(err.to_string().starts_with(&format!("cannot write {}", path.display())), "{err}");
        assert!(std::error::Error::source(&err).is_some(), "the system's error is the source");
    }

    #[test]
    fn temporary_names_differ_between_calls() {
        let path = Path::new("dir/model.safetensors");
        let (a, b) = (temporary_path(path), temporary_path(path));
        assert_ne!(a, b);
        assert_eq!(a.parent(), Some(Path::new("dir")));
        assert!(a.file_name().unwrap().to_string_lossy().starts_with(".model.safetensors.tmp-"));
    }
}
