//! Bookmarks: the user's notes on clauses, kept through re-imports (see migration 0004).

use rusqlite::{params, OptionalExtension, Row, Transaction};

use crate::{ClauseId, DocId, Result, Store};

const TAG_SEP: char = '\u{1f}';

/// Where a bookmark stands with its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum BookmarkStatus {
    /// On its clause, whose text still holds the quote.
    Anchored,
    /// Its document changed and the quote was not found again: the user should look.
    NeedsReview,
    /// Its document is not in the library (removed, or the bookmark came from elsewhere).
    Detached,
}

impl BookmarkStatus {
    /// Every status.
    pub const ALL: [BookmarkStatus; 3] =
        [BookmarkStatus::Anchored, BookmarkStatus::NeedsReview, BookmarkStatus::Detached];

    /// The name stored and shown ("needs_review").
    pub fn name(self) -> &'static str {
        match self {
            BookmarkStatus::Anchored => "anchored",
            BookmarkStatus::NeedsReview => "needs_review",
            BookmarkStatus::Detached => "detached",
        }
    }

    /// The status of a stored name. A name this build does not know (written by a newer
    /// Concordia) reads as "needs review": the user looks rather than trusts it.
    pub fn from_name(name: &str) -> BookmarkStatus {
        BookmarkStatus::ALL.into_iter().find(|s| s.name() == name).unwrap_or(BookmarkStatus::NeedsReview)
    }
}

impl rusqlite::ToSql for BookmarkStatus {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.name().into())
    }
}

/// One stored bookmark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookmarkRow {
    pub id: i64,
    pub doc_id: Option<DocId>,
    pub clause_id: Option<ClauseId>,
    /// SHA-256 of the document's bytes when bookmarked.
    pub doc_hash: String,
    /// The document's file name.
    pub doc_name: String,
    pub doc_title: String,
    /// The clause's number and heading ("Artikel 8 Aansprakelijkheid").
    pub clause_label: String,
    /// The clause's text when bookmarked: what re-anchoring looks for.
    pub quote: String,
    pub note: String,
    pub tags: Vec<String>,
    /// Where it stands.
    pub status: BookmarkStatus,
    /// RFC 3339 times.
    pub created_at: String,
    pub updated_at: String,
}

const COLUMNS: &str = "id, doc_id, clause_id, doc_hash, doc_name, doc_title, clause_label, quote, note, tags, status, created_at, updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<BookmarkRow> {
    let tags: String = row.get(9)?;
    Ok(BookmarkRow {
        id: row.get(0)?,
        doc_id: row.get(1)?,
        clause_id: row.get(2)?,
        doc_hash: row.get(3)?,
        doc_name: row.get(4)?,
        doc_title: row.get(5)?,
        clause_label: row.get(6)?,
        quote: row.get(7)?,
        note: row.get(8)?,
        tags: tags.split(TAG_SEP).filter(|t| !t.is_empty()).map(str::to_owned).collect(),
        status: BookmarkStatus::from_name(&row.get::<_, String>(10)?),
        created_at: row.get(11)?,
        updated_at: row.get(12)?,
    })
}

impl Store {
    /// Stores a bookmark as given (its anchor and status decided by the caller); returns its id.
    pub fn add_bookmark(&mut self, b: &BookmarkRow) -> Result<i64> {
        self.conn.execute(
            &format!("INSERT INTO bookmarks ({COLUMNS}) VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"),
            params![
                b.doc_id,
                b.clause_id,
                b.doc_hash,
                b.doc_name,
                b.doc_title,
                b.clause_label,
                b.quote,
                b.note,
                join_tags(&b.tags),
                b.status,
                b.created_at,
                b.updated_at
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Every bookmark, oldest first.
    pub fn bookmarks(&self) -> Result<Vec<BookmarkRow>> {
        let mut statement =
            self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM bookmarks ORDER BY id"))?;
        let rows = statement.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// One bookmark.
    pub fn bookmark(&self, id: i64) -> Result<Option<BookmarkRow>> {
        let sql = format!("SELECT {COLUMNS} FROM bookmarks WHERE id = ?1");
        Ok(self.conn.query_row(&sql, [id], from_row).optional()?)
    }

    /// Changes a bookmark's note and tags; returns whether it exists.
    pub fn update_bookmark(&mut self, id: i64, note: &str, tags: &[String], at: &str) -> Result<bool> {
        let n = self.conn.execute(
            "UPDATE bookmarks SET note = ?2, tags = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, note, join_tags(tags), at],
        )?;
        Ok(n > 0)
    }

    /// The user has looked at a bookmark that needed review: it now quotes its clause as it is.
    pub fn mark_bookmark_reviewed(&mut self, id: i64, at: &str) -> Result<bool> {
        let tx = self.conn.transaction()?;
        // Offsets are bytes: cut the text as a blob, not as characters.
        let clause: Option<(Option<ClauseId>, Option<Vec<u8>>)> = tx
            .query_row(
                "SELECT b.clause_id, substr(CAST(d.text AS BLOB), c.start + 1, c.end - c.start)
                   FROM bookmarks b LEFT JOIN clauses c ON c.id = b.clause_id LEFT JOIN document_texts d ON d.doc_id = c.doc_id
                  WHERE b.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((Some(_), Some(bytes))) = clause else { return Ok(false) };
        let text = String::from_utf8_lossy(&bytes);
        tx.execute(
            "UPDATE bookmarks SET quote = ?2, status = 'anchored', updated_at = ?3 WHERE id = ?1",
            params![id, text.trim(), at],
        )?;
        tx.commit()?;
        Ok(true)
    }

    /// Attaches the detached bookmarks that name this stored document (by hash or file name),
    /// each on the clause holding its quote or marked for review; returns how many.
    pub fn attach_waiting_bookmarks(&mut self, doc_id: DocId) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let (path, hash, text): (String, String, String) =
            tx.query_row("SELECT path, content_hash, text FROM documents d JOIN document_texts t ON t.doc_id = d.id WHERE d.id = ?1", [doc_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        let ranges: Vec<(ClauseId, usize, usize)> = {
            let mut statement =
                tx.prepare_cached("SELECT id, start, end FROM clauses WHERE doc_id = ?1 ORDER BY ordinal")?;
            let rows = statement.query_map([doc_id], |r| {
                Ok((r.get(0)?, r.get::<_, i64>(1)? as usize, r.get::<_, i64>(2)? as usize))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let placed: Vec<Placed<'_>> = ranges
            .iter()
            .filter_map(|&(id, start, end)| Some(Placed { id, text: text.get(start..end)? }))
            .collect();
        let name = std::path::Path::new(&path)
            .file_name()
            .map_or(path.clone(), |n| n.to_string_lossy().into_owned());
        let before: i64 =
            tx.query_row("SELECT count(*) FROM bookmarks WHERE doc_id = ?1", [doc_id], |r| r.get(0))?;
        reanchor(&tx, &[], doc_id, &hash, &name, &placed)?;
        let after: i64 =
            tx.query_row("SELECT count(*) FROM bookmarks WHERE doc_id = ?1", [doc_id], |r| r.get(0))?;
        tx.commit()?;
        Ok((after - before) as usize)
    }

    /// Deletes a bookmark; returns whether it existed.
    pub fn delete_bookmark(&mut self, id: i64) -> Result<bool> {
        Ok(self.conn.execute("DELETE FROM bookmarks WHERE id = ?1", [id])? > 0)
    }
}

fn join_tags(tags: &[String]) -> String {
    tags.iter().map(|t| t.replace(TAG_SEP, " ")).collect::<Vec<_>>().join(&TAG_SEP.to_string())
}

/// A clause of a freshly stored document, for re-anchoring.
pub(crate) struct Placed<'a> {
    pub id: ClauseId,
    pub text: &'a str,
}

/// Inside the import's transaction: the bookmarks of the replaced document (`previous`) and the
/// detached ones made on this very document (same hash) move to `doc_id`, each on the clause that
/// holds its quote, or marked for review on the most similar clause. A detached bookmark that only
/// shares the file name moves only when its quote is found: another vendor's "dpa.txt" is no home.
pub(crate) fn reanchor(
    tx: &Transaction<'_>,
    previous: &[i64],
    doc_id: DocId,
    hash: &str,
    name: &str,
    clauses: &[Placed<'_>],
) -> Result<()> {
    let mut candidates: Vec<(i64, bool)> = previous.iter().map(|&id| (id, true)).collect();
    let mut waiting = tx.prepare_cached(
        "SELECT id, doc_hash = ?1 FROM bookmarks WHERE doc_id IS NULL AND (doc_hash = ?1 OR doc_name = ?2)",
    )?;
    let rows = waiting.query_map(params![hash, name], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, bool>(1)?)))?;
    candidates.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
    // A bookmark of the replaced version is also detached by now: keep it as ours.
    candidates.sort_unstable_by_key(|&(id, ours)| (id, !ours));
    candidates.dedup_by_key(|(id, _)| *id);
    for (id, ours) in candidates {
        let quote: String = tx.query_row("SELECT quote FROM bookmarks WHERE id = ?1", [id], |r| r.get(0))?;
        let (clause, status) = anchor(&quote, clauses);
        if !ours && status != BookmarkStatus::Anchored {
            continue;
        }
        tx.execute(
            "UPDATE bookmarks SET doc_id = ?2, clause_id = ?3, status = ?4 WHERE id = ?1",
            params![id, doc_id, clause, status],
        )?;
    }
    Ok(())
}

/// The clause holding `quote` (spacing aside), or else the most similar one to review.
pub(crate) fn anchor(quote: &str, clauses: &[Placed<'_>]) -> (Option<ClauseId>, BookmarkStatus) {
    let wanted = squeeze(quote);
    if !wanted.is_empty() {
        if let Some(c) = clauses.iter().find(|c| squeeze(c.text).contains(&wanted)) {
            return (Some(c.id), BookmarkStatus::Anchored);
        }
    }
    const SIMILAR: f64 = 0.3;
    let best = clauses
        .iter()
        .map(|c| (c.id, word_overlap(quote, c.text)))
        .filter(|(_, s)| *s >= SIMILAR)
        .max_by(|a, b| a.1.total_cmp(&b.1));
    (best.map(|(id, _)| id), BookmarkStatus::NeedsReview)
}

/// Text with runs of whitespace as one space: a re-wrapped line is the same text.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Jaccard overlap of lowercase word sets.
fn word_overlap(a: &str, b: &str) -> f64 {
    use std::collections::HashSet;
    let words = |t: &str| -> HashSet<String> {
        t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let (a, b) = (words(a), words(b));
    let union = a.union(&b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_is_found_again_or_sent_for_review() {
        let clauses = [
            Placed { id: 1, text: "Artikel 7 Audit\nVerwerker staat audits toe,\neenmaal per jaar." },
            Placed { id: 2, text: "Artikel 8 Aansprakelijkheid\nHooguit €5.000 per jaar." },
        ];
        assert_eq!(
            anchor("Verwerker staat audits toe, eenmaal per jaar.", &clauses),
            (Some(1), BookmarkStatus::Anchored)
        );
        let changed = "Artikel 8 Aansprakelijkheid\nHooguit €10.000 per jaar.";
        assert_eq!(anchor(changed, &clauses), (Some(2), BookmarkStatus::NeedsReview));
        assert_eq!(
            anchor("Iets heel anders over bewaartermijnen.", &clauses),
            (None, BookmarkStatus::NeedsReview)
        );
    }
}
