//! The SQLite store: the source of truth for documents and clauses.
//!
//! Every write is one transaction and bumps a *generation* counter; the search
//! index records the generation it was built from, so a stale index is noticed
//! and rebuilt (see `concordia-core`).

mod backup;
mod bookmarks;
mod corrections;
mod documents;
mod key_terms;
pub use key_terms::StoredFindings;
mod listing;
mod migrate;
mod topics;

use std::path::Path;

use rusqlite::Connection;

pub use bookmarks::{BookmarkRow, BookmarkStatus};
pub use corrections::CorrectionRow;
pub use documents::{ClauseInFull, ClauseRow, DocumentRow, HashLookup, NewClause, NewDocument, Upsert};
pub use listing::{DocumentFilter, DocumentListing, DocumentOrder};
pub use topics::TopicRow;

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database file was written by a newer Concordia.
    #[error(
        "the library was created by a newer version of Concordia (schema {found}, this build knows {known})"
    )]
    NewerSchema {
        /// Version found in the file.
        found: i64,
        /// Newest version this build knows.
        known: i64,
    },
    /// A file offered as a library copy is not one.
    #[error("that file is not a Concordia library: {0}")]
    NotALibrary(String),
    /// Anything SQLite reports.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl Error {
    /// Whether another connection held a lock SQLite would not wait for.
    pub fn is_busy(&self) -> bool {
        self.sqlite_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
    }

    /// Whether SQLite could not write because the disk is full.
    pub fn is_disk_full(&self) -> bool {
        self.sqlite_code() == Some(rusqlite::ErrorCode::DiskFull)
    }

    fn sqlite_code(&self) -> Option<rusqlite::ErrorCode> {
        match self {
            Error::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => Some(e.code),
            _ => None,
        }
    }
}

/// Result alias of the store.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A document id.
pub type DocId = i64;
/// A clause id.
pub type ClauseId = i64;

/// How long opening a library keeps trying while another process holds it.
const OPEN_PATIENCE: std::time::Duration = std::time::Duration::from_secs(10);

/// Ids as one `rarray(?)` parameter: a statement reads many rows by id at once.
pub(crate) fn id_array(ids: &[i64]) -> rusqlite::vtab::array::Array {
    std::rc::Rc::new(ids.iter().map(|&id| rusqlite::types::Value::from(id)).collect())
}

/// An open library database.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (or creates) the database at `path`, in WAL mode, migrated to the current schema.
    pub fn open(path: &Path) -> Result<Store> {
        // Two processes turning a new file into WAL at once each hold a read lock and want the
        // write lock: SQLite answers one of them "busy" at once, without waiting. Try again.
        let deadline = std::time::Instant::now() + OPEN_PATIENCE;
        loop {
            match Store::open_once(path) {
                Err(e) if e.is_busy() && std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(25));
                }
                opened => return opened,
            }
        }
    }

    fn open_once(path: &Path) -> Result<Store> {
        let conn = Connection::open(path)?;
        // Wait for another process (an import, a migration) rather than fail at once.
        conn.busy_timeout(OPEN_PATIENCE)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: an import acknowledged to the user survives a power cut, not only a crash.
        conn.pragma_update(None, "synchronous", "FULL")?;
        Store::init(conn)
    }

    /// An in-memory database with the same schema, for tests.
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?)
    }

    fn init(mut conn: Connection) -> Result<Store> {
        conn.busy_timeout(OPEN_PATIENCE)?;
        // Every write transaction takes the write lock when it begins. A deferred one that read
        // first and then wrote would fail at once ("database is locked") whenever another
        // process wrote in between, instead of waiting its turn.
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Also registers the SQL functions the migrations and the listing use.
        migrate::run(&mut conn)?;
        Ok(Store { conn })
    }

    /// Runs `read` in one read transaction: its statements see one state of the library and
    /// take SQLite's shared lock once rather than once each (a search page reads about thirty
    /// rows, and locking, a few system calls a statement, was a third of its time). Inside a
    /// transaction already, `read` simply runs in it.
    pub fn in_one_read<T, E: From<Error>>(
        &self,
        read: impl FnOnce(&Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        if !self.conn.is_autocommit() {
            return read(self);
        }
        self.conn.execute_batch("BEGIN DEFERRED").map_err(Error::from)?;
        let result = read(self);
        // A read changed nothing, so ending it cannot lose work; an error in `read` comes first.
        let ended = self.conn.execute_batch("COMMIT");
        let value = result?;
        ended.map_err(Error::from)?;
        Ok(value)
    }

    /// The generation counter: bumped by every change to documents or clauses.
    pub fn generation(&self) -> Result<u64> {
        let value: String =
            self.conn.query_row("SELECT value FROM meta WHERE key = 'generation'", [], |r| r.get(0))?;
        Ok(value.parse().unwrap_or(0))
    }

    /// Commits from now on reach the disk at the next [`Store::sync`] rather than each on its
    /// own (an import of many files; SQLite's WAL keeps them whole either way).
    pub fn defer_sync(&self) -> Result<()> {
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(())
    }

    /// Makes every commit so far durable with one flush of the WAL (a commit under `FULL`
    /// syncs the whole log), and each later commit durable on its own again.
    pub fn sync(&self) -> Result<()> {
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.set_meta("synced", "1")
    }

    /// SQLite's own check of the whole file: `None` when intact, else what it found.
    pub fn integrity_problem(&self) -> Result<Option<String>> {
        let found: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok((found != "ok").then_some(found))
    }

    /// How many clauses the library holds (the index must hold as many).
    pub fn clause_count(&self) -> Result<u64> {
        let n: i64 = self.conn.query_row("SELECT count(*) FROM clauses", [], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// A value from the meta table.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self.conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    /// Sets a value in the meta table.
    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// The schema version (SQLite `user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }
}

pub(crate) fn bump_generation(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    tx.execute(
        "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'generation'",
        [],
    )?;
    Ok(())
}
