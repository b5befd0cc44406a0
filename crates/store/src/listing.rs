//! The library listing a page at a time: filtered, sorted and counted by SQLite, so a library of
//! 100,000 documents costs the app what one screen of rows costs.

use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value;
use rusqlite::vtab::array::Array;
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
            DocumentOrder::Title => "d.title_key",
            DocumentOrder::Language => "d.language",
            DocumentOrder::Clauses => "d.clause_count",
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

/// The SQL functions the listing uses: `fold(text)`, lower case over all of Unicode, as
/// SQLite's own `lower` is for ASCII only ("ÖVERENSKOMMELSE" must match "överenskommelse"), and
/// `rarray()`, through which a page reads the few documents a filter found.
pub(crate) fn register_functions(conn: &Connection) -> Result<()> {
    rusqlite::vtab::array::load_module(conn)?;
    conn.create_scalar_function(
        "fold",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(ctx.get_raw(0).as_str().map(fold).unwrap_or_default()),
    )?;
    Ok(())
}

/// The WHERE clause for `words` words in the names and maybe a language, in that order of
/// parameters. `by_names`: answered from the names index alone (`+` keeps SQLite from looking up
/// every row of the language instead).
fn condition(words: usize, language: bool, by_names: bool) -> String {
    let mut conditions = vec!["instr(d.names, ?) > 0"; words];
    if language {
        conditions.push(if by_names && words > 0 { "+d.language = ?" } else { "d.language = ?" });
    }
    if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    }
}

/// The case folding the listing sorts and filters by, in Rust and in SQL alike.
pub(crate) fn fold(text: &str) -> String {
    text.to_lowercase()
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
        let words: Vec<String> = filter.text.split_whitespace().map(fold).collect();
        let mut params: Vec<&dyn ToSql> = words.iter().map(|w| w as &dyn ToSql).collect();
        params.extend(filter.language.as_ref().map(|l| l as &dyn ToSql));
        let by_names = condition(words.len(), filter.language.is_some(), true);
        // Few matches of the words: found through the names index, and only their rows read.
        // Many (or no words): counted, and the order's index walked until the page is full.
        let few = if words.is_empty() { None } else { self.few_by_names(&by_names, &params)? };
        let (matching, clause) = match &few {
            Some(ids) => (ids.len(), "WHERE d.id IN rarray(?)".to_owned()),
            None => {
                let sql = format!("SELECT COUNT(*) FROM documents d {by_names}");
                let matching: i64 = self.conn.query_row(&sql, params.as_slice(), |r| r.get(0))?;
                (matching as usize, condition(words.len(), filter.language.is_some(), false))
            }
        };
        if let Some(ids) = &few {
            params = vec![ids as &dyn ToSql];
        }
        let dir = if descending { "DESC" } else { "ASC" };
        let sql = format!(
            "SELECT {DOC_COLUMNS} FROM documents d {clause} ORDER BY {} {dir}, d.id {dir} LIMIT {} OFFSET {}",
            order.key(),
            limit.min(i64::MAX as usize),
            offset.min(i64::MAX as usize),
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params.as_slice(), document_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(DocumentListing { matching, rows })
    }

    /// The ids of the documents `by_names` finds, when there are at most a few thousand.
    fn few_by_names(&self, by_names: &str, params: &[&dyn ToSql]) -> Result<Option<Array>> {
        const FEW: usize = 5_000;
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT d.id FROM documents d {by_names} LIMIT ?"))?;
        let limit = FEW as i64 + 1;
        let all: Vec<&dyn ToSql> = params.iter().copied().chain([&limit as &dyn ToSql]).collect();
        let ids: Vec<Value> =
            stmt.query_map(all.as_slice(), |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok((ids.len() <= FEW).then(|| Array::new(ids)))
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

    /// Both ways a filter is answered (its few matches read by id, or the order's index walked
    /// past many) give what filtering every row by hand gives.
    #[test]
    fn a_filter_with_few_or_many_matches_pages_as_a_scan_of_every_row_would() {
        let langs = ["sv", "de", "it", "nl"];
        let names: Vec<(String, &str)> =
            (0..6_000).map(|k| (format!("Avtal {} del {}", k % 7, k % 13), langs[k % 4])).collect();
        let borrowed: Vec<(&str, &str)> = names.iter().map(|(t, l)| (t.as_str(), *l)).collect();
        let store = library(&borrowed);
        // "avtal" is in every title (many), "del 12" in one of 13 (few); "del 1" also in "del 10".
        for (text, language) in
            [("avtal", None), ("avtal", Some("de")), ("del 12", None), ("DEL 1", Some("it"))]
        {
            let matches = |k: usize| {
                let (title, lang) = &names[k];
                let names = fold(&format!("{title} /contracts/{k}-{lang}.md"));
                text.split_whitespace().all(|w| names.contains(&fold(w)))
                    && language.is_none_or(|l| l == *lang)
            };
            let mut expected: Vec<usize> = (0..names.len()).filter(|&k| matches(k)).collect();
            expected.sort_by_key(|&k| (fold(&names[k].0), k));
            let filter = DocumentFilter { text: text.into(), language: language.map(str::to_owned) };
            let page = store.document_listing(&filter, DocumentOrder::Title, false, 40, 30).unwrap();
            assert_eq!(page.matching, expected.len(), "{text} {language:?}");
            let ids: Vec<i64> = page.rows.iter().map(|r| r.id).collect();
            let wanted: Vec<i64> = expected.iter().skip(40).take(30).map(|&k| k as i64 + 1).collect();
            assert_eq!(ids, wanted, "{text} {language:?}");
        }
    }
}
