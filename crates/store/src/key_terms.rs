//! Key terms found at import, stored as the core's JSON with the version of the rules that
//! found them; a row of another version is ignored (the core finds the terms again).

use std::collections::HashMap;

use rusqlite::OptionalExtension;

use crate::{DocId, Result, Store};

/// A document's stored key terms and Art. 28 findings (JSON), where the versions asked for
/// found them.
pub type StoredFindings = (DocId, Option<String>, Option<String>);

impl Store {
    /// A document's stored key terms, if the given version found them.
    pub fn key_terms(&self, doc_id: DocId, version: &str) -> Result<Option<String>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT terms FROM key_terms WHERE doc_id = ?1 AND version = ?2")?;
        Ok(stmt.query_row(rusqlite::params![doc_id, version], |r| r.get(0)).optional()?)
    }

    /// Stores (or replaces) a document's key terms; a document removed meanwhile is left alone.
    pub fn put_key_terms(&self, doc_id: DocId, version: &str, terms: &str) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT OR REPLACE INTO key_terms (doc_id, version, terms)
             SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?1)",
        )?;
        stmt.execute(rusqlite::params![doc_id, version, terms])?;
        Ok(())
    }

    /// Stores (or replaces) many documents' key terms in one transaction: one flush to disk,
    /// not one per document. Documents removed meanwhile are left alone.
    pub fn put_many_key_terms(&mut self, version: &str, terms: &[(DocId, String)]) -> Result<()> {
        self.put_many("key_terms", "terms", version, terms)
    }

    /// A document's stored Art. 28 checklist, if the given version found it.
    pub fn checklist(&self, doc_id: DocId, version: &str) -> Result<Option<String>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT findings FROM checklists WHERE doc_id = ?1 AND version = ?2")?;
        Ok(stmt.query_row(rusqlite::params![doc_id, version], |r| r.get(0)).optional()?)
    }

    /// The stored key terms and Art. 28 findings of those of these documents still stored, where
    /// the given versions found them: asked a few at a time, so a library of 100,000 is never in
    /// memory whole.
    pub fn findings_of(
        &self,
        ids: &[DocId],
        terms_version: &str,
        checklist_version: &str,
    ) -> Result<Vec<StoredFindings>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, k.terms, c.findings FROM documents d
               LEFT JOIN key_terms k ON k.doc_id = d.id AND k.version = ?2
               LEFT JOIN checklists c ON c.doc_id = d.id AND c.version = ?3
              WHERE d.id IN rarray(?1)",
        )?;
        let ids = crate::id_array(ids);
        let rows = stmt.query_map(rusqlite::params![ids, terms_version, checklist_version], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The documents whose key terms or Art. 28 findings were not found by these versions of
    /// the rules (or not stored at all), in id order: what an update of the rules leaves to read
    /// again.
    pub fn outdated_findings(&self, terms_version: &str, checklist_version: &str) -> Result<Vec<DocId>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id FROM documents d
              WHERE NOT EXISTS (SELECT 1 FROM key_terms k WHERE k.doc_id = d.id AND k.version = ?1)
                 OR NOT EXISTS (SELECT 1 FROM checklists c WHERE c.doc_id = d.id AND c.version = ?2)
              ORDER BY d.id",
        )?;
        let rows = stmt.query_map(rusqlite::params![terms_version, checklist_version], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The ids of these documents' clauses in order, by document.
    pub fn clause_ids_of(&self, ids: &[DocId]) -> Result<HashMap<DocId, Vec<i64>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT doc_id, id FROM clauses WHERE doc_id IN rarray(?1) ORDER BY doc_id, ordinal",
        )?;
        let ids = crate::id_array(ids);
        let mut out: HashMap<DocId, Vec<i64>> = HashMap::new();
        for row in stmt.query_map([ids], |r| Ok((r.get::<_, DocId>(0)?, r.get::<_, i64>(1)?)))? {
            let (doc, id) = row?;
            out.entry(doc).or_default().push(id);
        }
        Ok(out)
    }

    /// Stores (or replaces) many documents' checklists in one transaction; documents removed
    /// meanwhile are left alone.
    pub fn put_many_checklists(&mut self, version: &str, findings: &[(DocId, String)]) -> Result<()> {
        self.put_many("checklists", "findings", version, findings)
    }

    /// Stores many documents' rows of a per-document cache table in one transaction.
    fn put_many(&mut self, table: &str, column: &str, version: &str, rows: &[(DocId, String)]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached(&format!(
                "INSERT OR REPLACE INTO {table} (doc_id, version, {column})
                 SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?1)"
            ))?;
            for (doc_id, json) in rows {
                stmt.execute(rusqlite::params![doc_id, version, json])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::{DocId, NewDocument, Store, Upsert};

    /// A two-byte document at `path` with the key terms and checklist given (version, JSON).
    fn stored(
        store: &mut Store,
        path: &str,
        key_terms: Option<(&str, &str)>,
        checklist: Option<(&str, &str)>,
    ) -> DocId {
        let doc = NewDocument {
            path,
            content_hash: path,
            title: "t",
            language: "de",
            format: "text",
            imported_at: "2026-12-04T00:00:00Z",
            byte_size: 2,
            text: "ab",
            reader: "r1",
            key_terms,
            checklist,
        };
        let Upsert::Inserted { id, .. } = store.upsert_document(&doc, &[]).unwrap() else {
            panic!("inserted")
        };
        id
    }

    #[test]
    fn key_terms_are_stored_with_their_document_and_read_back_by_version() {
        let mut store = Store::open_in_memory().unwrap();
        let id = stored(&mut store, "/x/a.txt", Some(("v1", r#"[{"kind":"breach_notice"}]"#)), None);
        assert_eq!(store.key_terms(id, "v1").unwrap().as_deref(), Some(r#"[{"kind":"breach_notice"}]"#));
        assert_eq!(store.key_terms(id, "v2").unwrap(), None, "another version's terms are not these");
        store.put_key_terms(id, "v2", "[]").unwrap();
        assert_eq!(store.findings_of(&[id], "v2", "c1").unwrap(), vec![(id, Some("[]".to_owned()), None)]);
        store.put_key_terms(id + 1, "v2", "[]").unwrap();
        assert_eq!(store.key_terms(id + 1, "v2").unwrap(), None, "no row for a document that is not there");
        store.put_many_key_terms("v3", &[(id, "[1]".to_owned()), (id + 7, "[]".to_owned())]).unwrap();
        assert_eq!(
            store.findings_of(&[id, id + 7], "v3", "c1").unwrap(),
            vec![(id, Some("[1]".to_owned()), None)]
        );
        assert_eq!(
            store.key_terms(id, "v2").unwrap(),
            None,
            "one row a document: the newer version replaced it"
        );
        store.delete_document(id).unwrap();
        assert_eq!(store.key_terms(id, "v3").unwrap(), None, "removed with the document");
    }

    #[test]
    fn documents_read_by_older_rules_are_listed_until_both_their_rows_are_current() {
        let mut store = Store::open_in_memory().unwrap();
        let ids = [
            stored(&mut store, "/x/0.txt", Some(("t1", "[]")), Some(("c1", "[]"))),
            stored(&mut store, "/x/1.txt", Some(("t1", "[]")), None),
            stored(&mut store, "/x/2.txt", None, None),
        ];
        assert_eq!(store.outdated_findings("t1", "c1").unwrap(), ids[1..], "no checklist, or nothing stored");
        assert_eq!(store.outdated_findings("t2", "c1").unwrap(), ids, "the key-term rules changed");
        store.put_many_checklists("c1", &[(ids[1], "[]".to_owned()), (ids[2], "[]".to_owned())]).unwrap();
        store.put_many_key_terms("t1", &[(ids[2], "[]".to_owned())]).unwrap();
        assert!(store.outdated_findings("t1", "c1").unwrap().is_empty());
    }
}
