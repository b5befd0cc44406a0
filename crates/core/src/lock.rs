//! One writer at a time per library, across processes: the app and any number of `concordia`
//! runs may share a data directory. Whatever changes documents (import, remove, reindex,
//! re-analysis) holds an exclusive lock on `write.lock` from its first write to its index
//! commit, so two imports never interleave and the index's recorded generation always covers
//! exactly what was stored. Readers never take it: they read SQLite (WAL) and the last
//! committed index, and never wait.
//!
//! The lock is the operating system's (`flock`), so it is released when its holder exits or is
//! killed; a stale lock file is harmless.

use std::fs::{File, TryLockError};
use std::path::Path;
use std::time::Duration;

use crate::api::{ProgressEvent, Task};
use crate::{Error, Progress, Result};

/// Held while writing; released when dropped.
pub(crate) struct WriteLock {
    _file: File,
}

/// What a waiting writer tells the user.
pub(crate) const WAITING: &str =
    "waiting for another Concordia window or command to finish changing this library…";

impl WriteLock {
    /// Takes the lock if it is free; `None` when another writer holds it.
    pub(crate) fn try_take(data_dir: &Path) -> Result<Option<WriteLock>> {
        let file = open(data_dir)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(WriteLock { _file: file })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(lock_error(data_dir, e)),
        }
    }

    /// Takes the lock, waiting for another writer to finish; says so once through `progress`.
    /// `None` when the user cancelled while waiting.
    pub(crate) fn take(data_dir: &Path, progress: &Progress, task: Task) -> Result<Option<WriteLock>> {
        let file = open(data_dir)?;
        let mut told = false;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Some(WriteLock { _file: file })),
                Err(TryLockError::Error(e)) => return Err(lock_error(data_dir, e)),
                Err(TryLockError::WouldBlock) if progress.cancelled() => return Ok(None),
                Err(TryLockError::WouldBlock) => {
                    if !told {
                        progress.report(ProgressEvent::waiting(task, WAITING));
                        told = true;
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
            }
        }
    }
}

fn open(data_dir: &Path) -> Result<File> {
    let path = data_dir.join("write.lock");
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| lock_error(data_dir, e))
}

fn lock_error(data_dir: &Path, e: std::io::Error) -> Error {
    Error::DataDir { path: data_dir.to_path_buf(), reason: format!("its write lock could not be taken: {e}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_and_a_cancelled_one_gives_up() {
        let dir = tempfile::tempdir().unwrap();
        let first = WriteLock::try_take(dir.path()).unwrap();
        assert!(first.is_some());
        assert!(WriteLock::try_take(dir.path()).unwrap().is_none(), "one writer at a time");
        let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        let progress = Progress::new(|_| {}, cancel);
        assert!(WriteLock::take(dir.path(), &progress, Task::Import).unwrap().is_none());
        drop(first);
        assert!(WriteLock::try_take(dir.path()).unwrap().is_some(), "free again once dropped");
    }
}
