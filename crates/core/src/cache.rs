//! The search index as a cache of the store: opened without trusting it, checked, and rebuilt
//! beside the old one so that a failed or cancelled rebuild leaves the old index in place.
//!
//! A damaged index never keeps the library from opening: the check reads every index file
//! against its checksum (and contains tantivy's panics on damaged files); a damaged index is
//! replaced by an empty one in memory, flagged, until it is rebuilt. Reading, listing and
//! removing documents need only the store.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, RwLock, RwLockReadGuard};

use concordia_index::SearchIndex;

use crate::contain::contain;

/// The index in use, and what is known to be wrong with it.
pub(crate) struct IndexCache {
    dir: PathBuf,
    current: RwLock<SearchIndex>,
    /// Why search cannot be trusted right now, if so (damaged; or behind, and not rebuildable).
    fault: Mutex<Option<String>>,
}

/// How the index stands against the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Health {
    /// It reflects the store.
    Current,
    /// It misses changes made to the store (an interrupted import, another process's work).
    Behind,
    /// It cannot be used; why.
    Damaged(String),
}

impl IndexCache {
    /// Opens the index in `dir`; when it cannot be opened, an empty one in memory stands in,
    /// flagged as damaged.
    pub(crate) fn open(dir: &Path) -> IndexCache {
        let (index, fault) = match contain(|| SearchIndex::open_or_create(dir)) {
            Ok(Ok(index)) => (index, None),
            Ok(Err(e)) => (placeholder(), Some(format!("the search index could not be opened ({e})"))),
            Err(panic) => (placeholder(), Some(format!("the search index is damaged ({panic})"))),
        };
        IndexCache { dir: dir.to_path_buf(), current: RwLock::new(index), fault: Mutex::new(fault) }
    }

    pub(crate) fn get(&self) -> RwLockReadGuard<'_, SearchIndex> {
        self.current.read().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(crate) fn fault(&self) -> Option<String> {
        self.fault.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    pub(crate) fn set_fault(&self, fault: Option<String>) {
        *self.fault.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = fault;
    }

    /// Checks the index against the store: its files against their checksums, its generation
    /// and its number of clauses. `full` reads every file; otherwise only the cheap checks run.
    pub(crate) fn health(&self, generation: u64, clauses: u64, full: bool) -> Health {
        if let Some(fault) = self.fault() {
            return Health::Damaged(fault);
        }
        let index = self.get();
        let checked = contain(|| -> Result<Health, concordia_index::Error> {
            let stamp = full.then(|| self.stamp()).flatten();
            if full && (stamp.is_none() || stamp != self.verified()) {
                let damaged = index.damaged_files(&self.dir)?;
                if !damaged.is_empty() {
                    return Ok(Health::Damaged(format!("damaged index files: {}", damaged.join(", "))));
                }
                if let Some(stamp) = &stamp {
                    self.remember_verified(stamp);
                }
            }
            // A new library's index has no commit yet: generation 0, like its store.
            if index.generation()?.unwrap_or(0) != generation {
                return Ok(Health::Behind);
            }
            let held = index.len();
            Ok(if held == clauses {
                Health::Current
            } else {
                Health::Damaged(format!("the index holds {held} clauses, the library {clauses}"))
            })
        });
        match checked {
            Ok(Ok(health)) => health,
            Ok(Err(e)) => Health::Damaged(e.to_string()),
            Err(panic) => Health::Damaged(format!("the search index is damaged ({panic})")),
        }
    }

    /// The index's files as they stand: name, size and modification time of each. Reading every
    /// byte against its checksum is only needed when this changed since the last check: a file
    /// garbled, truncated, deleted or replaced changes it.
    fn stamp(&self) -> Option<String> {
        let mut files: Vec<String> = std::fs::read_dir(&self.dir)
            .ok()?
            .filter_map(|entry| {
                let entry = entry.ok()?;
                let meta = entry.metadata().ok()?;
                let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
                Some(format!(
                    "{} {} {}",
                    entry.file_name().to_string_lossy(),
                    meta.len(),
                    modified.as_nanos()
                ))
            })
            .collect();
        files.sort();
        Some(files.join("\n"))
    }

    fn verified_path(&self) -> PathBuf {
        self.dir.with_extension("verified")
    }

    fn verified(&self) -> Option<String> {
        std::fs::read_to_string(self.verified_path()).ok()
    }

    /// Notes that the index's files, as they stand, passed the checksum check. A failure to
    /// write it only costs a check next time.
    fn remember_verified(&self, stamp: &str) {
        let temp = self.dir.with_extension(format!("verified.{}", std::process::id()));
        if std::fs::write(&temp, stamp).is_ok() && std::fs::rename(&temp, self.verified_path()).is_err() {
            let _ = std::fs::remove_file(&temp);
        }
    }

    /// Where a rebuild writes, beside the index in use.
    pub(crate) fn rebuild_dir(&self) -> PathBuf {
        self.dir.with_extension("rebuild")
    }

    /// Puts the index rebuilt in [`IndexCache::rebuild_dir`] in place of the current one.
    pub(crate) fn install_rebuilt(&self) -> std::io::Result<()> {
        let mut current = self.current.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        *current = placeholder(); // Let go of the old files before they are removed.
        if self.dir.exists() {
            std::fs::remove_dir_all(&self.dir)?;
        }
        std::fs::rename(self.rebuild_dir(), &self.dir)?;
        *current = SearchIndex::open_or_create(&self.dir).map_err(std::io::Error::other)?;
        drop(current);
        self.set_fault(None);
        Ok(())
    }

    /// Opens the index on disk again: another process may have replaced it.
    pub(crate) fn reopen(&self) {
        let current = self.current.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        self.replace(current);
    }

    /// [`IndexCache::reopen`], unless this process is using the index (an import holds it for
    /// its whole run): then it is current by its own doing, and waiting would stall the caller.
    pub(crate) fn reopen_unless_busy(&self) {
        if let Ok(current) = self.current.try_write() {
            self.replace(current);
        }
    }

    fn replace(&self, mut current: std::sync::RwLockWriteGuard<'_, SearchIndex>) {
        let reopened = IndexCache::open(&self.dir);
        *current = reopened.current.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        self.set_fault(reopened.fault.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner));
    }
}

fn placeholder() -> SearchIndex {
    SearchIndex::in_memory().expect("an empty index in memory can always be made")
}
