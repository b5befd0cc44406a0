//! Numbered SQL migrations embedded in the binary, each applied in its own transaction.

use rusqlite::Connection;

use crate::{Error, Result};

const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_documents.sql"),
    include_str!("../migrations/0002_topics.sql"),
    include_str!("../migrations/0003_alignment_corrections.sql"),
    include_str!("../migrations/0004_bookmarks.sql"),
    include_str!("../migrations/0005_clause_pages.sql"),
    include_str!("../migrations/0006_reader.sql"),
    include_str!("../migrations/0007_key_terms.sql"),
    include_str!("../migrations/0008_checklists.sql"),
    include_str!("../migrations/0009_document_texts.sql"),
];

/// The newest schema version this build knows.
pub(crate) fn known() -> i64 {
    MIGRATIONS.len() as i64
}

/// Brings the schema up to date. Each step reads the version and applies the next migration in
/// one IMMEDIATE transaction, so two processes opening a new library at once take turns instead
/// of both creating its tables.
pub(crate) fn run(conn: &mut Connection) -> Result<()> {
    // The migrations fold titles as the listing does.
    crate::listing::register_functions(conn)?;
    let known = known();
    loop {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let found: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > known {
            return Err(Error::NewerSchema { found, known });
        }
        let Some(sql) = MIGRATIONS.get(found as usize) else {
            return Ok(()); // Up to date; the transaction ends unchanged.
        };
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", found + 1)?;
        tx.commit()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_stored_before_pages_existed_keep_their_data_and_have_no_page() {
        let mut conn = Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..4] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 4).unwrap();
        conn.execute_batch(
            "INSERT INTO documents VALUES (1, 'a.pdf', 'h', 'AVV', 'de', 'pdf', 'now', 3, 'abc');
             INSERT INTO clauses (doc_id, ordinal, kind, heading_path, start, end, language)
                 VALUES (1, 0, 'section', '', 0, 3, 'de');",
        )
        .unwrap();
        run(&mut conn).unwrap();
        let (end, page): (i64, Option<i64>) =
            conn.query_row("SELECT end, page FROM clauses", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert_eq!((end, page), (3, None));
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(version, MIGRATIONS.len() as i64);
    }

    #[test]
    fn texts_stored_in_the_documents_rows_move_to_their_own_table_whole() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        for sql in &MIGRATIONS[..8] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 8).unwrap();
        let long = "Artikel 8 Aansprakelijkheid – €5.000. ".repeat(500);
        conn.execute(
            "INSERT INTO documents (id, path, content_hash, title, language, format, imported_at, byte_size, text)
             VALUES (7, 'a.md', 'h', 'ÖVERENSKOMMELSE', 'nl', 'markdown', 'now', 3, ?1)",
            [&long],
        )
        .unwrap();
        conn.execute_batch(
            "INSERT INTO clauses (doc_id, ordinal, kind, heading_path, start, end, language)
                 VALUES (7, 0, 'section', '', 0, 3, 'nl'), (7, 1, 'section', '', 3, 9, 'nl');",
        )
        .unwrap();
        run(&mut conn).unwrap();
        // The listing's sort keys are filled in for what was stored before them.
        let keys: (String, String, i64) = conn
            .query_row("SELECT title_key, names, clause_count FROM documents WHERE id = 7", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!(keys, ("överenskommelse".to_owned(), "överenskommelse a.md".to_owned(), 2));
        let moved: String =
            conn.query_row("SELECT text FROM document_texts WHERE doc_id = 7", [], |r| r.get(0)).unwrap();
        assert_eq!(moved, long);
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info('documents')")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(!columns.contains(&"text".to_owned()), "{columns:?}");
        // Removing the document removes its text.
        conn.execute("DELETE FROM documents WHERE id = 7", []).unwrap();
        let left: i64 = conn.query_row("SELECT COUNT(*) FROM document_texts", [], |r| r.get(0)).unwrap();
        assert_eq!(left, 0);
    }
}
