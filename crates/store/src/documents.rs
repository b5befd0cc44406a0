//! The `documents` and `clauses` tables.

use rusqlite::{params, OptionalExtension, Row};

use crate::bookmarks::{reanchor, Placed};
use crate::{bump_generation, ClauseId, DocId, Result, Store};

/// Separator of heading path elements in the `heading_path` column (ASCII unit separator).
const PATH_SEP: char = '\u{1f}';

/// A document to insert.
#[derive(Debug, Clone)]
pub struct NewDocument<'a> {
    /// Where it was imported from.
    pub path: &'a str,
    /// Hex SHA-256 of the file's bytes.
    pub content_hash: &'a str,
    /// Display title.
    pub title: &'a str,
    /// Language code.
    pub language: &'a str,
    /// Format name.
    pub format: &'a str,
    /// RFC 3339 timestamp.
    pub imported_at: &'a str,
    /// Size of the file in bytes.
    pub byte_size: u64,
    /// The normalised text.
    pub text: &'a str,
    /// The reader that produced the text and clauses (see [`Store::upsert_document`]).
    pub reader: &'a str,
    /// Its key terms, if found already: (version of the rules, the core's JSON).
    pub key_terms: Option<(&'a str, &'a str)>,
    /// Its Art. 28 checklist, if found already: (version of the rules, the core's JSON).
    pub checklist: Option<(&'a str, &'a str)>,
}

/// A clause to insert.
#[derive(Debug, Clone)]
pub struct NewClause {
    /// Kind name (preamble, section, item, continuation).
    pub kind: &'static str,
    /// Number as written.
    pub number: Option<String>,
    /// Own heading.
    pub heading: Option<String>,
    /// Parent headings, outermost first.
    pub heading_path: Vec<String>,
    /// Byte range in the document text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// Language code.
    pub language: String,
    /// The page of the original it starts on (PDF).
    pub page: Option<u32>,
    /// Topics with confidence and cues.
    pub topics: Vec<crate::TopicRow>,
}

/// A stored document (without its text unless asked for).
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentRow {
    /// Its id.
    pub id: DocId,
    /// Where it was imported from.
    pub path: String,
    /// Hex SHA-256 of the file's bytes.
    pub content_hash: String,
    /// Display title.
    pub title: String,
    /// Language code.
    pub language: String,
    /// Format name.
    pub format: String,
    /// RFC 3339 timestamp.
    pub imported_at: String,
    /// Size of the file in bytes.
    pub byte_size: u64,
    /// Number of clauses.
    pub clause_count: u32,
    /// The normalised text; empty in listings.
    pub text: String,
}

/// A stored clause.
#[derive(Debug, Clone, PartialEq)]
pub struct ClauseRow {
    /// Its id.
    pub id: ClauseId,
    /// Its document.
    pub doc_id: DocId,
    /// Position in the document, from 0.
    pub ordinal: u32,
    /// Kind name.
    pub kind: String,
    /// Number as written.
    pub number: Option<String>,
    /// Own heading.
    pub heading: Option<String>,
    /// Parent headings, outermost first.
    pub heading_path: Vec<String>,
    /// Byte range in the document text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// Language code.
    pub language: String,
    /// The page of the original it starts on (PDF).
    pub page: Option<u32>,
}

/// A clause as a search page shows it: with its text and its document's title and path.
#[derive(Debug, Clone, PartialEq)]
pub struct ClauseInFull {
    pub clause: ClauseRow,
    pub text: String,
    pub doc_title: String,
    pub doc_path: String,
}

/// What an insert did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Upsert {
    /// A new document; `replaced` is the older version from the same path it replaced.
    Inserted {
        /// The new id.
        id: DocId,
        /// The document it replaced.
        replaced: Option<DocId>,
        /// The ids given to its clauses, in their order: what indexing them needs, without
        /// reading back what was just written.
        clauses: Vec<ClauseId>,
    },
    /// The same bytes were already stored under this id.
    Unchanged(DocId),
}

pub(crate) const DOC_COLUMNS: &str =
    "d.id, d.path, d.content_hash, d.title, d.language, d.format, d.imported_at, d.byte_size, \
     d.clause_count";

pub(crate) fn document_row(row: &Row<'_>) -> rusqlite::Result<DocumentRow> {
    Ok(DocumentRow {
        id: row.get(0)?,
        path: row.get(1)?,
        content_hash: row.get(2)?,
        title: row.get(3)?,
        language: row.get(4)?,
        format: row.get(5)?,
        imported_at: row.get(6)?,
        byte_size: row.get::<_, i64>(7)? as u64,
        clause_count: row.get(8)?,
        text: String::new(),
    })
}

/// A clause's bytes as text. Offsets are char boundaries by construction; lossy only guards a
/// corrupt file.
fn utf8(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn clause_row(row: &Row<'_>) -> rusqlite::Result<ClauseRow> {
    let path: String = row.get(6)?;
    Ok(ClauseRow {
        id: row.get(0)?,
        doc_id: row.get(1)?,
        ordinal: row.get(2)?,
        kind: row.get(3)?,
        number: row.get(4)?,
        heading: row.get(5)?,
        heading_path: if path.is_empty() {
            Vec::new()
        } else {
            path.split(PATH_SEP).map(str::to_owned).collect()
        },
        start: row.get::<_, i64>(7)? as usize,
        end: row.get::<_, i64>(8)? as usize,
        language: row.get(9)?,
        page: row.get(10)?,
    })
}

const CLAUSE_COLUMNS: &str =
    "id, doc_id, ordinal, kind, number, heading, heading_path, start, end, language, page";

impl Store {
    /// Stores a document and its clauses in one transaction.
    ///
    /// Identical bytes already stored by the same reader are left alone ([`Upsert::Unchanged`]);
    /// the same bytes read by an older reader are read again, and a different version from the
    /// same path replaces the older one (bookmarks and corrections follow, as for any new version).
    pub fn upsert_document(&mut self, doc: &NewDocument<'_>, clauses: &[NewClause]) -> Result<Upsert> {
        let tx = self.conn.transaction()?;
        let existing: Option<(DocId, String)> = tx
            .query_row("SELECT id, reader FROM documents WHERE content_hash = ?1", [doc.content_hash], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let replaced: Option<DocId> = match existing {
            Some((id, reader)) if reader == doc.reader => return Ok(Upsert::Unchanged(id)),
            Some((id, _)) => Some(id),
            None => tx
                .query_row("SELECT id FROM documents WHERE path = ?1", [doc.path], |r| r.get(0))
                .optional()?,
        };
        let mut bookmarked: Vec<i64> = Vec::new();
        let mut corrected = Vec::new();
        if let Some(old) = replaced {
            corrected = crate::corrections::save(&tx, old)?;
            let mut of_old = tx.prepare_cached("SELECT id FROM bookmarks WHERE doc_id = ?1")?;
            bookmarked = of_old.query_map([old], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            drop(of_old);
            tx.execute("DELETE FROM documents WHERE id = ?1", [old])?;
        }
        tx.execute(
            "INSERT INTO documents (path, content_hash, title, language, format, imported_at, byte_size, reader,
                                    title_key, names, clause_count)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                doc.path,
                doc.content_hash,
                doc.title,
                doc.language,
                doc.format,
                doc.imported_at,
                doc.byte_size as i64,
                doc.reader,
                crate::listing::fold(doc.title),
                crate::listing::fold(&format!("{} {}", doc.title, doc.path)),
                clauses.len() as i64
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.execute("INSERT INTO document_texts (doc_id, text) VALUES (?1, ?2)", params![id, doc.text])?;
        let mut placed = Vec::with_capacity(clauses.len());
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO clauses (doc_id, ordinal, kind, number, heading, heading_path, start, end, language, topics, page)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?;
            for (ordinal, c) in clauses.iter().enumerate() {
                let path = c.heading_path.join(&PATH_SEP.to_string());
                insert.execute(params![
                    id,
                    ordinal as i64,
                    c.kind,
                    c.number,
                    c.heading,
                    path,
                    c.start as i64,
                    c.end as i64,
                    c.language,
                    crate::topics::encode(&c.topics),
                    c.page
                ])?;
                placed.push(Placed { id: tx.last_insert_rowid(), text: &doc.text[c.start..c.end] });
            }
        }
        let name =
            std::path::Path::new(doc.path).file_name().map_or(doc.path.into(), |n| n.to_string_lossy());
        reanchor(&tx, &bookmarked, id, doc.content_hash, &name, &placed)?;
        crate::corrections::restore(&tx, corrected, &placed)?;
        if let Some((version, terms)) = doc.key_terms {
            tx.execute(
                "INSERT INTO key_terms (doc_id, version, terms) VALUES (?1, ?2, ?3)",
                params![id, version, terms],
            )?;
        }
        if let Some((version, findings)) = doc.checklist {
            tx.execute(
                "INSERT INTO checklists (doc_id, version, findings) VALUES (?1, ?2, ?3)",
                params![id, version, findings],
            )?;
        }
        bump_generation(&tx)?;
        tx.commit()?;
        let clauses = placed.iter().map(|p| p.id).collect();
        Ok(Upsert::Inserted { id, replaced, clauses })
    }

    /// The ids of all documents, oldest first.
    pub fn document_ids(&self) -> Result<Vec<DocId>> {
        let mut stmt = self.conn.prepare_cached("SELECT id FROM documents ORDER BY id")?;
        let ids = stmt.query_map([], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// All documents, oldest first, without their text.
    pub fn documents(&self) -> Result<Vec<DocumentRow>> {
        let mut stmt = self.conn.prepare(&format!("SELECT {DOC_COLUMNS} FROM documents d ORDER BY d.id"))?;
        let rows = stmt.query_map([], document_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One document with its text.
    pub fn document(&self, id: DocId) -> Result<Option<DocumentRow>> {
        let sql = format!("SELECT {DOC_COLUMNS}, t.text FROM documents d JOIN document_texts t ON t.doc_id = d.id WHERE d.id = ?1");
        let row = self
            .conn
            .query_row(&sql, [id], |r| {
                let mut doc = document_row(r)?;
                doc.text = r.get(9)?;
                Ok(doc)
            })
            .optional()?;
        Ok(row)
    }

    /// One document without its text.
    pub fn document_summary(&self, id: DocId) -> Result<Option<DocumentRow>> {
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT {DOC_COLUMNS} FROM documents d WHERE d.id = ?1"))?;
        Ok(stmt.query_row([id], document_row).optional()?)
    }

    /// The id of the document with these exact bytes.
    pub fn document_id_by_hash(&self, content_hash: &str) -> Result<Option<DocId>> {
        let mut stmt = self.conn.prepare_cached("SELECT id FROM documents WHERE content_hash = ?1")?;
        Ok(stmt.query_row([content_hash], |r| r.get(0)).optional()?)
    }

    /// The document with these bytes and the reader that read it.
    pub fn document_by_hash(&self, content_hash: &str) -> Result<Option<(DocId, String)>> {
        document_by_hash(&self.conn, content_hash)
    }

    /// How many documents a reader other than `reader` produced.
    pub fn documents_read_by_other(&self, reader: &str) -> Result<usize> {
        let count: i64 =
            self.conn
                .query_row("SELECT COUNT(*) FROM documents WHERE reader <> ?1", [reader], |r| r.get(0))?;
        Ok(count as usize)
    }

    /// The id of the newest document imported from `path`.
    pub fn document_id_by_path(&self, path: &str) -> Result<Option<DocId>> {
        let id = self
            .conn
            .query_row("SELECT id FROM documents WHERE path = ?1 ORDER BY id DESC LIMIT 1", [path], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(id)
    }

    /// The clauses of a document, in order.
    pub fn clauses(&self, doc_id: DocId) -> Result<Vec<ClauseRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CLAUSE_COLUMNS} FROM clauses WHERE doc_id = ?1 ORDER BY ordinal"
        ))?;
        let rows = stmt.query_map([doc_id], clause_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Clauses by id, in no particular order; unknown ids are skipped.
    pub fn clauses_by_id(&self, ids: &[ClauseId]) -> Result<Vec<ClauseRow>> {
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT {CLAUSE_COLUMNS} FROM clauses WHERE id = ?1"))?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(row) = stmt.query_row([id], clause_row).optional()? {
                out.push(row);
            }
        }
        Ok(out)
    }

    /// Clauses by id with their text and their document's title and path, in one statement
    /// (a search page once took three per hit); unknown ids are skipped, the order is not kept.
    pub fn clauses_in_full(&self, ids: &[ClauseId]) -> Result<Vec<ClauseInFull>> {
        static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
            let columns: Vec<String> = CLAUSE_COLUMNS.split(", ").map(|c| format!("c.{c}")).collect();
            format!(
                "SELECT {}, substr(CAST(t.text AS BLOB), c.start + 1, c.end - c.start), d.title, d.path
                   FROM clauses c JOIN documents d ON d.id = c.doc_id
                   JOIN document_texts t ON t.doc_id = c.doc_id
                  WHERE c.id IN rarray(?1)",
                columns.join(", ")
            )
        });
        let mut stmt = self.conn.prepare_cached(&SQL)?;
        let ids = crate::id_array(ids);
        // The text, title and path come after the clause's own columns.
        let after = CLAUSE_COLUMNS.split(", ").count();
        let rows = stmt.query_map([ids], |r| {
            Ok(ClauseInFull {
                clause: clause_row(r)?,
                text: utf8(r.get(after)?),
                doc_title: r.get(after + 1)?,
                doc_path: r.get(after + 2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The text of a clause: its byte range of the document's text.
    pub fn clause_text(&self, clause: &ClauseRow) -> Result<String> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(CAST(text AS BLOB), ?2, ?3) FROM document_texts WHERE doc_id = ?1",
        )?;
        let bytes: Vec<u8> = stmt
            .query_row(
                params![clause.doc_id, clause.start as i64 + 1, (clause.end - clause.start) as i64],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_default();
        Ok(utf8(bytes))
    }

    /// Removes a document and its clauses (its bookmarks stay, detached); returns whether it existed.
    pub fn delete_document(&mut self, id: DocId) -> Result<bool> {
        let tx = self.conn.transaction()?;
        // Bookmarks stay, detached, until the document comes back.
        tx.execute("UPDATE bookmarks SET status = 'detached' WHERE doc_id = ?1", [id])?;
        let n = tx.execute("DELETE FROM documents WHERE id = ?1", [id])?;
        if n > 0 {
            bump_generation(&tx)?;
        }
        tx.commit()?;
        Ok(n > 0)
    }
}

/// The document with these bytes and its reader, on either connection.
fn document_by_hash(conn: &rusqlite::Connection, content_hash: &str) -> Result<Option<(DocId, String)>> {
    let mut stmt = conn.prepare_cached("SELECT id, reader FROM documents WHERE content_hash = ?1")?;
    Ok(stmt.query_row([content_hash], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
}

/// A read-only connection that looks documents up by their bytes beside the one writing: in
/// WAL mode it reads while an import's writer holds the [`Store`] (whose lock the import's
/// workers waited for before each file).
pub struct HashLookup {
    conn: rusqlite::Connection,
}

impl HashLookup {
    /// Opens the library database at `path` for reading only.
    pub fn open(path: &std::path::Path) -> Result<HashLookup> {
        use rusqlite::OpenFlags;
        let conn = rusqlite::Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(crate::OPEN_PATIENCE)?;
        Ok(HashLookup { conn })
    }

    /// The document with these bytes and the reader that read it, as [`Store::document_by_hash`].
    pub fn document_by_hash(&self, content_hash: &str) -> Result<Option<(DocId, String)>> {
        document_by_hash(&self.conn, content_hash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(path: &'a str, hash: &'a str) -> NewDocument<'a> {
        NewDocument {
            path,
            content_hash: hash,
            title: "Verwerkersovereenkomst",
            language: "nl",
            format: "text",
            imported_at: "2026-11-23T10:00:00Z",
            byte_size: 42,
            text: "Artikel 8 Aansprakelijkheid\n\nHooguit €5.000.",
            reader: "r1",
            key_terms: Some(("t1", "[]")),
            checklist: None,
        }
    }

    fn clause(start: usize, end: usize) -> NewClause {
        NewClause {
            kind: "section",
            number: Some("Artikel 8".into()),
            heading: Some("Aansprakelijkheid".into()),
            heading_path: vec!["Verwerkersovereenkomst".into(), "Deel A".into()],
            start,
            end,
            language: "nl".into(),
            page: Some(3),
            topics: vec![crate::TopicRow {
                topic: "liability".into(),
                confidence: 0.7,
                cues: vec!["heading: aansprakelijk*".into()],
            }],
        }
    }

    #[test]
    fn a_document_round_trips_with_its_clauses() -> Result<()> {
        let mut store = Store::open_in_memory()?;
        let Upsert::Inserted { id, replaced: None, .. } =
            store.upsert_document(&doc("a.txt", "h1"), &[clause(0, 46)])?
        else {
            panic!("expected a fresh insert");
        };
        let stored = store.document(id)?.expect("document is stored");
        assert_eq!(stored.clause_count, 1);
        assert!(stored.text.contains("€5.000"));
        let clauses = store.clauses(id)?;
        assert_eq!(clauses[0].heading_path, ["Verwerkersovereenkomst", "Deel A"]);
        assert_eq!(clauses[0].page, Some(3), "the page survives the round trip");
        assert_eq!((clauses[0].start, clauses[0].end), (0, 46));
        assert_eq!(store.clause_text(&clauses[0])?, "Artikel 8 Aansprakelijkheid\n\nHooguit €5.000.");
        Ok(())
    }

    #[test]
    fn one_read_sees_one_state_of_the_library() -> Result<()> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("library.sqlite");
        let mut reader = Store::open(&path)?;
        reader.upsert_document(&doc("a.txt", "h1"), &[clause(0, 5)])?;
        let mut writer = Store::open(&path)?;
        let seen = reader.in_one_read(|store| -> Result<_> {
            let before = store.documents()?.len();
            writer.upsert_document(&doc("b.txt", "h2"), &[])?;
            Ok((before, store.documents()?.len()))
        })?;
        assert_eq!(seen, (1, 1), "the other process's document comes after the read");
        assert_eq!(reader.documents()?.len(), 2);
        // A failed read ends its transaction too: the connection writes again.
        let failed =
            reader.in_one_read(|_| -> Result<()> { Err(crate::Error::NotALibrary("a test".into())) });
        assert!(failed.is_err());
        reader.upsert_document(&doc("c.txt", "h3"), &[])?;
        assert_eq!(reader.in_one_read(Store::documents)?.len(), 3);
        Ok(())
    }

    /// An import's worker looks a file's bytes up on a connection of its own while the writer
    /// is in the middle of a transaction, and sees each document once it is committed.
    #[test]
    fn a_hash_lookup_reads_beside_a_writer() -> Result<()> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("library.sqlite");
        let mut store = Store::open(&path)?;
        let Upsert::Inserted { id, .. } = store.upsert_document(&doc("a.txt", "h1"), &[clause(0, 5)])? else {
            panic!("expected a fresh insert");
        };
        let lookup = HashLookup::open(&path)?;
        assert_eq!(lookup.document_by_hash("h1")?, Some((id, "r1".to_owned())));
        assert_eq!(lookup.document_by_hash("h2")?, None);
        // A writer in the middle of its transaction (as the import's, between files).
        let writer = rusqlite::Connection::open(&path)?;
        writer.execute_batch("BEGIN IMMEDIATE; UPDATE documents SET reader = 'r2';")?;
        let started = std::time::Instant::now();
        assert_eq!(lookup.document_by_hash("h1")?, Some((id, "r1".to_owned())), "not yet committed");
        // Had it waited for the writer, it would have waited out its busy timeout (10 s).
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "the lookup did not wait");
        writer.execute_batch("COMMIT;")?;
        assert_eq!(lookup.document_by_hash("h1")?, Some((id, "r2".to_owned())), "committed");
        Ok(())
    }

    #[test]
    fn same_bytes_are_not_stored_twice() -> Result<()> {
        let mut store = Store::open_in_memory()?;
        let first = store.upsert_document(&doc("a.txt", "h1"), &[])?;
        let again = store.upsert_document(&doc("copy/a.txt", "h1"), &[])?;
        let Upsert::Inserted { id, .. } = first else { panic!("first insert") };
        assert_eq!(again, Upsert::Unchanged(id));
        assert_eq!(store.documents()?.len(), 1);
        Ok(())
    }

    #[test]
    fn the_same_bytes_read_by_a_newer_reader_replace_what_an_older_one_stored() -> Result<()> {
        let mut store = Store::open_in_memory()?;
        let Upsert::Inserted { id: old, .. } = store.upsert_document(&doc("a.txt", "h1"), &[clause(0, 5)])?
        else {
            panic!("first insert")
        };
        let bookmark = store.add_bookmark(&bookmark_on(&store, old, "Artikel"))?;
        assert_eq!(store.documents_read_by_other("r2")?, 1);
        let newer = NewDocument { reader: "r2", ..doc("elsewhere/a.txt", "h1") };
        let Upsert::Inserted { id, replaced, .. } = store.upsert_document(&newer, &[clause(0, 46)])? else {
            panic!("read again")
        };
        assert_eq!(replaced, Some(old), "the older reading is replaced, wherever the file now is");
        assert_eq!(store.documents()?.len(), 1);
        assert_eq!(store.documents_read_by_other("r2")?, 0);
        let moved = store.bookmark(bookmark)?.expect("the bookmark is kept");
        assert_eq!(moved.doc_id, Some(id), "and follows the new reading");
        assert_eq!(store.upsert_document(&newer, &[])?, Upsert::Unchanged(id));
        Ok(())
    }

    #[test]
    fn a_new_version_from_the_same_path_replaces_the_old() -> Result<()> {
        let mut store = Store::open_in_memory()?;
        let Upsert::Inserted { id: old, .. } = store.upsert_document(&doc("a.txt", "h1"), &[clause(0, 5)])?
        else {
            panic!()
        };
        let second = store.upsert_document(&doc("a.txt", "h2"), &[])?;
        assert!(matches!(second, Upsert::Inserted { replaced: Some(r), .. } if r == old));
        assert_eq!(store.documents()?.len(), 1);
        assert!(store.clauses(old)?.is_empty(), "old clauses go with the old version");
        Ok(())
    }

    #[test]
    fn deleting_cascades_and_bumps_the_generation() -> Result<()> {
        let mut store = Store::open_in_memory()?;
        let Upsert::Inserted { id, .. } = store.upsert_document(&doc("a.txt", "h1"), &[clause(0, 5)])? else {
            panic!()
        };
        let before = store.generation()?;
        assert!(store.delete_document(id)?);
        assert!(!store.delete_document(id)?, "second delete finds nothing");
        assert_eq!(store.generation()?, before + 1);
        assert!(store.clauses(id)?.is_empty());
        Ok(())
    }

    #[test]
    fn a_file_database_reopens_with_its_data_and_schema() -> Result<()> {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("library.sqlite");
        {
            let mut store = Store::open(&path)?;
            store.upsert_document(&doc("a.txt", "h1"), &[])?;
        }
        let store = Store::open(&path)?;
        assert_eq!(store.documents()?.len(), 1);
        assert_eq!(store.schema_version()?, 9);
        Ok(())
    }

    #[test]
    fn many_processes_opening_a_new_library_at_once_all_get_it() {
        // Threads stand in for processes: each has its own connection and SQLite file locks.
        for round in 0..20 {
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join("library.sqlite");
            let start = std::sync::Arc::new(std::sync::Barrier::new(6));
            let openers: Vec<_> = (0..6)
                .map(|_| {
                    let (path, start) = (path.clone(), start.clone());
                    std::thread::spawn(move || {
                        start.wait();
                        Store::open(&path).map(|s| s.schema_version().unwrap())
                    })
                })
                .collect();
            for opener in openers {
                let opened = opener.join().expect("no panic");
                assert_eq!(opened.map_err(|e| e.to_string()), Ok(9), "round {round}");
            }
        }
    }

    fn bookmark_on(store: &Store, doc_id: DocId, quote: &str) -> crate::BookmarkRow {
        let clause = store.clauses(doc_id).unwrap()[0].id;
        crate::BookmarkRow {
            id: 0,
            doc_id: Some(doc_id),
            clause_id: Some(clause),
            doc_hash: "h1".into(),
            doc_name: "a.txt".into(),
            doc_title: "Verwerkersovereenkomst".into(),
            clause_label: "Artikel 8 Aansprakelijkheid".into(),
            quote: quote.into(),
            note: "cap too low".into(),
            tags: vec!["liability".into(), "to negotiate".into()],
            status: crate::BookmarkStatus::Anchored,
            created_at: "2026-11-23T10:00:00Z".into(),
            updated_at: "2026-11-23T10:00:00Z".into(),
        }
    }

    #[test]
    fn bookmarks_follow_a_changed_re_import_and_a_removal() -> Result<()> {
        let mut store = Store::open_in_memory()?;
        let Upsert::Inserted { id, .. } = store.upsert_document(&doc("/x/a.txt", "h1"), &[clause(0, 46)])?
        else {
            panic!("inserted")
        };
        let b = bookmark_on(&store, id, "Hooguit €5.000.");
        let kept = store.add_bookmark(&b)?;
        let lost = store.add_bookmark(&crate::BookmarkRow { quote: "Geen plafond.".into(), ..b.clone() })?;
        // Same path, new bytes: the old version is replaced; its bookmarks move with it.
        let Upsert::Inserted { id: new, .. } =
            store.upsert_document(&doc("/x/a.txt", "h2"), &[clause(0, 46)])?
        else {
            panic!("replaced")
        };
        let found = store.bookmark(kept)?.unwrap();
        assert_eq!((found.doc_id, found.status.name()), (Some(new), "anchored"));
        assert_eq!(found.clause_id, Some(store.clauses(new)?[0].id));
        assert_eq!(found.tags, ["liability", "to negotiate"]);
        let review = store.bookmark(lost)?.unwrap();
        assert_eq!((review.doc_id, review.status.name()), (Some(new), "needs_review"));
        // Removing the document detaches its bookmarks; importing it again brings them back.
        store.delete_document(new)?;
        let detached = store.bookmark(kept)?.unwrap();
        assert_eq!((detached.doc_id, detached.clause_id, detached.status.name()), (None, None, "detached"));
        let Upsert::Inserted { id: again, .. } =
            store.upsert_document(&doc("/y/a.txt", "h3"), &[clause(0, 46)])?
        else {
            panic!("inserted")
        };
        assert_eq!(store.bookmark(kept)?.unwrap().doc_id, Some(again));
        assert_eq!(store.bookmarks()?.len(), 2);
        Ok(())
    }

    #[test]
    fn a_detached_bookmark_does_not_move_to_another_file_of_the_same_name() -> Result<()> {
        let mut store = Store::open_in_memory()?;
        let Upsert::Inserted { id, .. } = store.upsert_document(&doc("/x/a.txt", "h1"), &[clause(0, 46)])?
        else {
            panic!("inserted")
        };
        let kept = store.add_bookmark(&bookmark_on(&store, id, "Hooguit €5.000."))?;
        store.delete_document(id)?;
        let other_text = "Artikel 1 Onderwerp\n\nIets heel anders.";
        let other = NewDocument { text: other_text, ..doc("/vendor-b/a.txt", "h9") };
        store.upsert_document(&other, &[clause(0, other_text.len())])?;
        let still = store.bookmark(kept)?.unwrap();
        assert_eq!((still.doc_id, still.status.name()), (None, "detached"));
        Ok(())
    }

    #[test]
    fn corrections_follow_a_re_import_when_their_clauses_read_the_same() -> Result<()> {
        let mut store = Store::open_in_memory()?;
        let inserted = |u: Upsert| match u {
            Upsert::Inserted { id, .. } => id,
            Upsert::Unchanged(_) => panic!("inserted"),
        };
        let a = inserted(store.upsert_document(&doc("/x/a.txt", "h1"), &[clause(0, 46)])?);
        let b = inserted(store.upsert_document(&doc("/x/b.txt", "h2"), &[clause(0, 46)])?);
        let (ca, cb) = (store.clauses(a)?[0].id, store.clauses(b)?[0].id);
        store.add_correction(cb, ca, "unlink", "2026-11-23T10:00:00Z")?;
        // A new version of a.txt that adds a clause but keeps the corrected one word for word.
        let longer = "Artikel 8 Aansprakelijkheid\n\nHooguit €5.000.\n\nArtikel 9 Recht\n\nNederlands recht.";
        let v2 = inserted(store.upsert_document(
            &NewDocument { text: longer, ..doc("/x/a.txt", "h3") },
            &[clause(0, 46), clause(48, longer.len())],
        )?);
        let kept = store.corrections(&[v2, b])?;
        assert_eq!(kept.len(), 1);
        assert_eq!(
            (kept[0].anchor_id, kept[0].moved_id, kept[0].kind.as_str()),
            (cb, store.clauses(v2)?[0].id, "unlink")
        );
        // A version where that clause changed: the judgement was about other words, so it goes.
        let changed = "Artikel 8 Aansprakelijkheid\n\nHooguit €9.000.";
        store.upsert_document(
            &NewDocument { text: changed, ..doc("/x/a.txt", "h4") },
            &[clause(0, changed.len())],
        )?;
        let all: Vec<i64> = store.documents()?.iter().map(|d| d.id).collect();
        assert!(store.corrections(&all)?.is_empty());
        Ok(())
    }
}
