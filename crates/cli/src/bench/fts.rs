//! SQLite FTS5 over the same clauses, in the same process: the yardstick search is measured by.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

/// An in-memory FTS5 table of every clause of a library, tokenised as FTS5 does by default
/// (unicode61, diacritics folded): no stemming.
pub struct Fts5 {
    db: Connection,
}

impl Fts5 {
    /// Reads the clauses from the library's SQLite file (read-only) into a new FTS5 table.
    pub fn build(library_file: &Path) -> anyhow::Result<Fts5> {
        let source = Connection::open_with_flags(library_file, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let db = Connection::open_in_memory()?;
        db.execute_batch(
            "CREATE VIRTUAL TABLE clause USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')",
        )?;
        let tx = db.unchecked_transaction()?;
        {
            let mut insert = tx.prepare("INSERT INTO clause(rowid, text) VALUES (?1, ?2)")?;
            let mut documents = source.prepare("SELECT doc_id, text FROM document_texts")?;
            let mut clauses = source.prepare("SELECT id, start, end FROM clauses WHERE doc_id = ?1")?;
            let mut rows = documents.query([])?;
            while let Some(row) = rows.next()? {
                let (doc, text): (i64, String) = (row.get(0)?, row.get(1)?);
                let mut ranges = clauses.query([doc])?;
                while let Some(range) = ranges.next()? {
                    let (id, start, end): (i64, i64, i64) = (range.get(0)?, range.get(1)?, range.get(2)?);
                    let clause = usize::try_from(start)
                        .ok()
                        .zip(usize::try_from(end).ok())
                        .and_then(|(s, e)| text.get(s..e));
                    insert.execute(rusqlite::params![id, clause.unwrap_or("")])?;
                }
            }
        }
        tx.commit()?;
        Ok(Fts5 { db })
    }

    /// The best `limit` clauses with a snippet each, as a search page shows them.
    pub fn page(&self, query: &str, limit: usize) -> anyhow::Result<usize> {
        let mut statement = self.db.prepare_cached(
            "SELECT rowid, snippet(clause, 0, '[', ']', '…', 24) FROM clause WHERE clause MATCH ?1 ORDER BY rank LIMIT ?2",
        )?;
        let rows = statement
            .query_map(rusqlite::params![query, i64::try_from(limit)?], |r| r.get::<_, String>(1))?;
        Ok(rows.filter_map(Result::ok).count())
    }

    /// How many clauses match.
    pub fn count(&self, query: &str) -> anyhow::Result<usize> {
        let mut statement = self.db.prepare_cached("SELECT count(*) FROM clause WHERE clause MATCH ?1")?;
        Ok(statement.query_row([query], |r| r.get::<_, i64>(0))? as usize)
    }

    /// The ids of every matching clause.
    pub fn all(&self, query: &str) -> anyhow::Result<Vec<i64>> {
        let mut statement = self.db.prepare_cached("SELECT rowid FROM clause WHERE clause MATCH ?1")?;
        let ids = statement.query_map([query], |r| r.get::<_, i64>(0))?;
        Ok(ids.collect::<Result<_, _>>()?)
    }
}
