//! The user's corrections of clause alignment.

use rusqlite::params;

use crate::bookmarks::Placed;
use crate::{ClauseId, DocId, Result, Store};

/// One stored correction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectionRow {
    /// Its id.
    pub id: i64,
    /// The clause whose row is meant.
    pub anchor_id: ClauseId,
    /// The clause moved into (or kept out of, or confirmed in) that row.
    pub moved_id: ClauseId,
    /// "link", "unlink" or "confirm".
    pub kind: String,
    /// RFC 3339 time.
    pub created_at: String,
}

impl Store {
    /// Records a correction; a newer one about the same moved clause and anchor replaces the older.
    pub fn add_correction(
        &mut self,
        anchor_id: ClauseId,
        moved_id: ClauseId,
        kind: &str,
        at: &str,
    ) -> Result<i64> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM alignment_corrections WHERE (anchor_id = ?1 AND moved_id = ?2) OR (anchor_id = ?2 AND moved_id = ?1)",
            params![anchor_id, moved_id],
        )?;
        if kind == "link" {
            // A clause sits in one row: an older move of the same clause no longer holds.
            tx.execute(
                "DELETE FROM alignment_corrections WHERE moved_id = ?1 AND kind = 'link'",
                [moved_id],
            )?;
        }
        tx.execute(
            "INSERT INTO alignment_corrections (anchor_id, moved_id, kind, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![anchor_id, moved_id, kind, at],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// Corrections among clauses of these documents, oldest first.
    pub fn corrections(&self, doc_ids: &[i64]) -> Result<Vec<CorrectionRow>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT c.id, c.anchor_id, c.moved_id, c.kind, c.created_at
               FROM alignment_corrections c
               JOIN clauses a ON a.id = c.anchor_id
               JOIN clauses m ON m.id = c.moved_id
              WHERE a.doc_id IN (SELECT value FROM json_each(?1)) AND m.doc_id IN (SELECT value FROM json_each(?1))
              ORDER BY c.id",
        )?;
        let ids = format!("[{}]", doc_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","));
        let rows = statement.query_map([ids], |r| {
            Ok(CorrectionRow {
                id: r.get(0)?,
                anchor_id: r.get(1)?,
                moved_id: r.get(2)?,
                kind: r.get(3)?,
                created_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Removes a correction; false when there was none with this id.
    pub fn remove_correction(&mut self, id: i64) -> Result<bool> {
        Ok(self.conn.execute("DELETE FROM alignment_corrections WHERE id = ?1", [id])? > 0)
    }
}

/// One end of a correction kept across a re-import: a clause of another document, or the text of
/// a clause of the version being replaced.
enum End {
    Kept(ClauseId),
    Replaced(String),
}

/// A correction touching a document that is being replaced.
pub(crate) struct Saved {
    anchor: End,
    moved: End,
    kind: String,
    created_at: String,
}

/// Inside the import's transaction, before the old version is deleted: its corrections, with
/// the text of its clauses so they can be found again.
pub(crate) fn save(tx: &rusqlite::Transaction<'_>, old: DocId) -> Result<Vec<Saved>> {
    let mut statement = tx.prepare_cached(
        "SELECT a.doc_id, a.id, substr(CAST(da.text AS BLOB), a.start + 1, a.end - a.start),
                m.doc_id, m.id, substr(CAST(dm.text AS BLOB), m.start + 1, m.end - m.start),
                c.kind, c.created_at
           FROM alignment_corrections c
           JOIN clauses a ON a.id = c.anchor_id JOIN document_texts da ON da.doc_id = a.doc_id
           JOIN clauses m ON m.id = c.moved_id JOIN document_texts dm ON dm.doc_id = m.doc_id
          WHERE a.doc_id = ?1 OR m.doc_id = ?1
          ORDER BY c.id",
    )?;
    let end = |doc: DocId, id: ClauseId, text: Vec<u8>| {
        if doc == old {
            End::Replaced(String::from_utf8_lossy(&text).into_owned())
        } else {
            End::Kept(id)
        }
    };
    let rows = statement.query_map([old], |r| {
        Ok(Saved {
            anchor: end(r.get(0)?, r.get(1)?, r.get(2)?),
            moved: end(r.get(3)?, r.get(4)?, r.get(5)?),
            kind: r.get(6)?,
            created_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// After the new version's clauses are stored: each saved correction whose clauses of the old
/// version are found again, word for word, in the new one is stored again on those clauses.
/// A correction on a changed clause is dropped: the user's judgement was about the old words.
pub(crate) fn restore(
    tx: &rusqlite::Transaction<'_>,
    saved: Vec<Saved>,
    clauses: &[Placed<'_>],
) -> Result<usize> {
    // A new document has nothing to restore: its clauses need not be read again.
    if saved.is_empty() {
        return Ok(0);
    }
    let squeeze = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let texts: Vec<(ClauseId, String)> = clauses.iter().map(|c| (c.id, squeeze(c.text))).collect();
    let find = |end: &End| match end {
        End::Kept(id) => Some(*id),
        End::Replaced(text) => {
            let wanted = squeeze(text);
            texts.iter().find(|(_, t)| *t == wanted).map(|(id, _)| *id)
        }
    };
    let mut restored = 0;
    for s in saved {
        let (Some(anchor), Some(moved)) = (find(&s.anchor), find(&s.moved)) else { continue };
        if anchor != moved {
            tx.execute(
                "INSERT INTO alignment_corrections (anchor_id, moved_id, kind, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![anchor, moved, s.kind, s.created_at],
            )?;
            restored += 1;
        }
    }
    Ok(restored)
}

#[cfg(test)]
mod tests {
    use crate::{NewClause, NewDocument, Store};

    fn store_with_two_documents() -> (Store, Vec<i64>) {
        let mut store = Store::open_in_memory().unwrap();
        let clause = |start| NewClause {
            kind: "section",
            number: None,
            heading: None,
            heading_path: vec![],
            start,
            end: start + 1,
            language: "de".into(),
            page: None,
            topics: vec![],
        };
        for (hash, path) in [("a", "a.txt"), ("b", "b.txt")] {
            let doc = NewDocument {
                path,
                content_hash: hash,
                title: "t",
                language: "de",
                format: "txt",
                imported_at: "2026-11-23T00:00:00Z",
                byte_size: 2,
                text: "ab",
                reader: "r1",
                key_terms: None,
                checklist: None,
            };
            store.upsert_document(&doc, &[clause(0), clause(1)]).unwrap();
        }
        let ids = [1, 2].iter().flat_map(|&d| store.clauses(d).unwrap()).map(|c| c.id).collect();
        (store, ids)
    }

    #[test]
    fn corrections_are_kept_and_a_newer_move_replaces_an_older_one() {
        let (mut store, c) = store_with_two_documents();
        store.add_correction(c[0], c[2], "link", "t1").unwrap();
        store.add_correction(c[1], c[2], "link", "t2").unwrap();
        store.add_correction(c[0], c[3], "unlink", "t3").unwrap();
        let kept: Vec<(i64, i64, String)> = store
            .corrections(&[1, 2])
            .unwrap()
            .into_iter()
            .map(|r| (r.anchor_id, r.moved_id, r.kind))
            .collect();
        assert_eq!(kept, vec![(c[1], c[2], "link".into()), (c[0], c[3], "unlink".into())]);
        assert!(store.corrections(&[1]).unwrap().is_empty(), "only corrections among the given documents");
    }

    #[test]
    fn removing_a_document_removes_its_corrections() {
        let (mut store, c) = store_with_two_documents();
        let id = store.add_correction(c[0], c[2], "confirm", "t").unwrap();
        assert!(store.delete_document(2).unwrap());
        assert!(store.corrections(&[1, 2]).unwrap().is_empty());
        assert!(!store.remove_correction(id).unwrap());
    }
}
