//! The library listing a page at a time: filtered, sorted and counted by SQLite, so a library of
//! 100,000 documents costs the app what one screen of rows costs.

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, ToSql};

use crate::documents::{document_row, DOC_COLUMNS};
use crate::{DocumentRow, Result, Store};

/// The order of the listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum DocumentOrder {
    /// Oldest import first.
    #[default]
    Imported,
    /// By title, case folded.
    Title,
    /// By language code.
    Language,
    /// By number of clauses.
    Clauses,
    /// By source format.
    Format,
    /// By size of the source file.
    Size,
}

impl DocumentOrder {
    /// The SQL sort key; the id breaks ties, so pages never overlap or skip a row.
    fn key(self) -> &'static str {
        match self {
            DocumentOrder::Imported => "d.id",
            DocumentOrder::Title => "fold(d.title)",
            DocumentOrder::Language => "d.language",
            DocumentOrder::Clauses => "(SELECT COUNT(*) FROM clauses c WHERE c.doc_id = d.id)",
            DocumentOrder::Format => "d.format",
            DocumentOrder::Size => "d.byte_size",
        }
    }
}

/// Which documents the listing shows.
#[derive(Debug, Clone, Default)]
pub struct DocumentFilter {
    /// Words the title or the file path must contain, in any case ("" for all).
    pub text: String,
    /// Only this language.
    pub language: Option<String>,
}

/// One page of the listing.
#[derive(Debug, Clone, Default)]
pub struct DocumentListing {
    /// Documents matching the filter.
    pub matching: usize,
    /// The page asked for.
    pub rows: Vec<DocumentRow>,
}

/// `fold(text)`: lower case over all of Unicode, as SQLite's own `lower` is for ASCII only
/// ("ÖVERENSKOMMELSE" must match "överenskommelse").
pub(crate) fn register_fold(conn: &Connection) -> Result<()> {
    conn.create_scalar_function(
        "fold",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(ctx.get_raw(0).as_str().map(str::to_lowercase).unwrap_or_default()),
    )?;
    Ok(())
}

impl Store {
    /// The documents matching `filter`, sorted, from `offset`, at most `limit` of them.
    pub fn document_listing(
        &self,
        filter: &DocumentFilter,
        order: DocumentOrder,
        descending: bool,
        offset: usize,
        limit: usize,
    ) -> Result<DocumentListing> {
        let words: Vec<String> = filter.text.split_whitespace().map(str::to_lowercase).collect();
        let mut conditions = Vec::new();
        let mut params: Vec<&dyn ToSql> = Vec::new();
        for w in &words {
            conditions.push("instr(fold(d.title || ' ' || d.path), ?) > 0");
            params.push(w);
        }
        if let Some(lang) = &filter.language {
            conditions.push("d.language = ?");
            params.push(lang);
        }
        let clause =
            if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
        let matching: i64 = self.conn.query_row(
            &format!("SELECT COUNT(*) FROM documents d {clause}"),
            params.as_slice(),
            |r| r.get(0),
        )?;
        let dir = if descending { "DESC" } else { "ASC" };
        let sql = format!(
            "SELECT {DOC_COLUMNS} FROM documents d {clause} ORDER BY {} {dir}, d.id {dir} LIMIT {} OFFSET {}",
            order.key(),
            limit.min(i64::MAX as usize),
            offset.min(i64::MAX as usize),
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params.as_slice(), document_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(DocumentListing { matching: matching as usize, rows })
    }

    /// How many documents each language has, most first.
    pub fn documents_by_language(&self) -> Result<Vec<(String, usize)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT language, COUNT(*) FROM documents GROUP BY language ORDER BY COUNT(*) DESC, language",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NewDocument;

    fn library(titles: &[(&str, &str)]) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        for (k, (title, lang)) in titles.iter().enumerate() {
            let path = format!("/contracts/{k}-{lang}.md");
            let hash = format!("hash{k}");
            let text = "x".repeat(k + 1);
            store
                .upsert_document(
                    &NewDocument {
                        path: &path,
                        content_hash: &hash,
                        title,
                        language: lang,
                        format: "markdown",
                        imported_at: "2026-12-02T08:00:00Z",
                        text: &text,
                        byte_size: text.len() as u64,
                        reader: "test",
                        key_terms: None,
                        checklist: None,
                    },
                    &[],
                )
                .unwrap();
        }
        store
    }

    fn titles(listing: &DocumentListing) -> Vec<&str> {
        listing.rows.iter().map(|r| r.title.as_str()).collect()
    }

    #[test]
    fn filters_in_any_case_and_sorts_with_the_id_breaking_ties() {
        let store = library(&[
            ("Personuppgiftsbiträdesavtal Öresund", "sv"),
            ("Auftragsverarbeitung", "de"),
            ("ÖVERENSKOMMELSE om behandling", "sv"),
            ("Verwerkersovereenkomst", "nl"),
        ]);
        let sv = DocumentFilter { text: "ö".into(), language: None };
        let found = store.document_listing(&sv, DocumentOrder::Title, false, 0, 10).unwrap();
        // Letters beyond z sort after it, as å, ä and ö do in Swedish.
        assert_eq!(titles(&found), ["Personuppgiftsbiträdesavtal Öresund", "ÖVERENSKOMMELSE om behandling"]);
        assert_eq!(found.matching, 2);

        let by_path = DocumentFilter { text: "3-NL".into(), language: None };
        assert_eq!(
            titles(&store.document_listing(&by_path, DocumentOrder::Imported, false, 0, 10).unwrap()),
            ["Verwerkersovereenkomst"]
        );

        let all = DocumentFilter::default();
        let desc = store.document_listing(&all, DocumentOrder::Size, true, 0, 10).unwrap();
        assert_eq!(titles(&desc)[0], "Verwerkersovereenkomst");
        let by_lang = store.document_listing(&all, DocumentOrder::Language, false, 0, 10).unwrap();
        assert_eq!(
            titles(&by_lang),
            [
                "Auftragsverarbeitung",
                "Verwerkersovereenkomst",
                "Personuppgiftsbiträdesavtal Öresund",
                "ÖVERENSKOMMELSE om behandling"
            ]
        );
        assert_eq!(
            store.documents_by_language().unwrap(),
            [("sv".to_owned(), 2), ("de".to_owned(), 1), ("nl".to_owned(), 1)]
        );
    }

    #[test]
    fn pages_cover_every_row_once() {
        let names: Vec<(String, &str)> = (0..25).map(|k| (format!("Avtal {}", k % 4), "sv")).collect();
        let borrowed: Vec<(&str, &str)> = names.iter().map(|(t, l)| (t.as_str(), *l)).collect();
        let store = library(&borrowed);
        let all = DocumentFilter::default();
        let mut seen = Vec::new();
        for offset in (0..25).step_by(7) {
            let page = store.document_listing(&all, DocumentOrder::Title, false, offset, 7).unwrap();
            assert_eq!(page.matching, 25);
            seen.extend(page.rows.iter().map(|r| r.id));
        }
        let mut unique = seen.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!((seen.len(), unique.len()), (25, 25));
        // Every word must match, in the title or the path: "Avtal 3" (k = 3, 7, … 23) and the
        // paths "/contracts/13-sv.md" (titled "Avtal 1").
        let only = DocumentFilter { text: "avtal 3".into(), language: Some("sv".into()) };
        assert_eq!(
            store.document_listing(&only, DocumentOrder::Imported, false, 0, 100).unwrap().matching,
            7
        );
        let other = DocumentFilter { text: String::new(), language: Some("de".into()) };
        assert_eq!(
            store.document_listing(&other, DocumentOrder::Imported, false, 0, 100).unwrap().matching,
            0
        );
    }
}
