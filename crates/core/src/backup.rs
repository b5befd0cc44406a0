//! `concordia backup FILE` / `restore FILE`, and the app's menu entries: the whole library
//! (documents, bookmarks, corrections) in one SQLite file. The index is not in it: it is
//! rebuilt from the store after a restore.

use std::path::{Path, PathBuf};

use crate::lock::WriteLock;
use crate::{Error, Library, Progress, Result};

impl Library {
    /// Writes a copy of the whole library to `path`. Without `overwrite`, an existing file is
    /// an [`Error::Exists`]; with it, the file is replaced only once the copy is complete.
    pub fn backup(&self, path: &Path, overwrite: bool) -> Result<()> {
        let fail = |reason: String| Error::Write { path: path.to_path_buf(), reason };
        if !overwrite && path.exists() {
            return Err(Error::Exists { path: path.to_path_buf() });
        }
        let name = path.file_name().ok_or_else(|| fail("that is a folder, not a file name".to_owned()))?;
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let temp = dir.join(format!(".{}.{}.part", name.to_string_lossy(), std::process::id()));
        let _ = std::fs::remove_file(&temp);
        if let Err(e) = self.store().backup_to(&temp) {
            let _ = std::fs::remove_file(&temp);
            return Err(fail(e.to_string()));
        }
        std::fs::rename(&temp, path).map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            fail(e.to_string())
        })
    }

    /// Replaces the whole library with the copy at `path` (see [`Library::backup`]), then
    /// rebuilds the index with progress. A file that is not an intact library is refused and
    /// nothing changes. Returns the number of documents restored.
    pub fn restore(&self, path: &Path, progress: &Progress) -> Result<usize> {
        if !path.is_file() {
            return Err(Error::Invalid(format!("{} is not a file", path.display())));
        }
        let Some(_lock) = WriteLock::take(self.data_dir(), progress, crate::api::Task::Restore)? else {
            return Err(Error::Invalid("the restore was cancelled before it began; nothing changed".into()));
        };
        self.store().restore_from(path).map_err(|e| match e {
            concordia_store::Error::NotALibrary(why) => {
                Error::Invalid(format!("{} is not a Concordia library: {why}", path.display()))
            }
            other => other.into(),
        })?;
        self.after_restore(progress)?;
        Ok(self.store().documents()?.len())
    }
}
