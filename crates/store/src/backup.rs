//! A copy of the whole library in one file, and putting such a copy back.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::{Error, Result, Store};

impl Store {
    /// Writes a consistent, compact copy of the library to `path`, which must not exist yet.
    /// Other processes may go on reading and writing meanwhile.
    pub fn backup_to(&self, path: &Path) -> Result<()> {
        let target = path.to_str().ok_or_else(|| Error::NotALibrary("the path is not valid UTF-8".into()))?;
        self.conn.execute("VACUUM INTO ?1", [target])?;
        Ok(())
    }

    /// Replaces everything in the library with the copy at `path`, once it is checked to be a
    /// whole Concordia library this build can read. The generation moves past both, so every
    /// process sees the change and rebuilds its index.
    pub fn restore_from(&mut self, path: &Path) -> Result<()> {
        check_copy(path)?;
        let before = self.generation()?;
        self.conn.restore(rusqlite::MAIN_DB, path, None::<fn(rusqlite::backup::Progress)>)?;
        crate::migrate::run(&mut self.conn)?;
        let after = self.generation()?;
        self.set_meta("generation", &(before.max(after) + 1).to_string())?;
        Ok(())
    }
}

/// Whether the file at `path` is an intact Concordia library of a schema this build knows.
fn check_copy(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| Error::NotALibrary(format!("it cannot be opened as a database ({e})")))?;
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| Error::NotALibrary(format!("it is not a database ({e})")))?;
    if integrity != "ok" {
        return Err(Error::NotALibrary(format!("it is damaged ({integrity})")));
    }
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let known = crate::migrate::known();
    if found > known {
        return Err(Error::NewerSchema { found, known });
    }
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('documents', 'clauses', 'meta')",
        [],
        |r| r.get(0),
    )?;
    if found == 0 || tables < 3 {
        return Err(Error::NotALibrary("it is a database, but not a Concordia library".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_restores_what_was_there_and_moves_the_generation_on() -> Result<()> {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("a.sqlite"))?;
        store.set_meta("marker", "backed up")?;
        let copy = dir.path().join("copy.sqlite");
        store.backup_to(&copy)?;
        store.set_meta("marker", "changed later")?;
        let mut store = store;
        let before = store.generation()?;
        store.restore_from(&copy)?;
        assert_eq!(store.meta("marker")?.as_deref(), Some("backed up"));
        assert!(store.generation()? > before);
        Ok(())
    }

    #[test]
    fn a_file_that_is_no_library_is_refused_and_nothing_changes() -> Result<()> {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("a.sqlite"))?;
        store.set_meta("marker", "kept")?;
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "not a database at all, just some text").unwrap();
        let other = dir.path().join("other.sqlite");
        Connection::open(&other)?.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")?;
        for bad in [&text, &other, &dir.path().join("missing.sqlite")] {
            let err = store.restore_from(bad).unwrap_err();
            assert!(matches!(err, Error::NotALibrary(_)), "{}: {err}", bad.display());
        }
        assert_eq!(store.meta("marker")?.as_deref(), Some("kept"));
        Ok(())
    }
}
