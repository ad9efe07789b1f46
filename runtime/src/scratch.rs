//! Test helper: a fresh folder under the system's temporary directory, removed on drop. The
//! file tests of `data`, `checkpoint`, `plot` and `atomic` write their inputs and outputs
//! there (the runtime has no `tempfile` dev-dependency).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A temporary folder that is deleted with everything in it when dropped.
pub(crate) struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    /// A new, empty folder whose name contains `label`, the process id and a counter, so
    /// tests running in parallel never share one.
    pub(crate) fn new(label: &str) -> Scratch {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("backprop-{label}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        Scratch { dir }
    }

    /// The path of `name` inside the folder.
    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// The folder.
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes `bytes` gzip-compressed to `name` and returns its path.
    #[cfg(feature = "data")]
    pub(crate) fn write_gz(&self, name: &str, bytes: &[u8]) -> PathBuf {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(bytes).unwrap();
        let path = self.path(name);
        std::fs::write(&path, encoder.finish().unwrap()).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
