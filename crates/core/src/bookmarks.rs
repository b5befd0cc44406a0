//! Bookmarks: add, edit, list with filters, export and import (JSON, CSV).

use std::collections::BTreeSet;

use concordia_store::{BookmarkRow, BookmarkStatus};
use serde::{Deserialize, Serialize};

use crate::api::{BookmarkFilter, BookmarkId, BookmarkView, ClauseId, DocId};
use crate::error::Missing;
use crate::{Error, Library, Result};

/// One bookmark as written to an export file: everything needed to find its clause again on
/// another machine (the document's hash and file name, the clause's quote), and nothing local.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookmarkRecord {
    /// SHA-256 of the document's bytes.
    pub doc_sha256: String,
    /// The document's file name.
    pub doc_file: String,
    /// The document's title.
    pub doc_title: String,
    /// The clause's number and heading.
    pub clause: String,
    /// The clause's text as bookmarked.
    pub quote: String,
    /// The user's note.
    pub note: String,
    /// Tags; in CSV one cell, separated by "; ".
    pub tags: Vec<String>,
    /// Its status when exported ("anchored", "needs_review", "detached"); an import reads it
    /// again from where the document stands.
    pub status: String,
    /// When it was made (RFC 3339).
    pub created_at: String,
    /// When it was last changed (RFC 3339).
    pub updated_at: String,
}

/// What importing a bookmark file did.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BookmarkImport {
    /// New bookmarks stored.
    pub added: usize,
    /// Records identical to a bookmark already here (same document, quote and note).
    pub duplicates: usize,
    /// Of the added, those whose document is in the library.
    pub attached: usize,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookmarkFormat {
    /// JSON array.
    Json,
    /// CSV with a header row.
    Csv,
}

impl BookmarkFormat {
    /// From a name ("json", "csv") or a file extension.
    pub fn parse(name: &str) -> Result<BookmarkFormat> {
        match name.trim_start_matches('.').to_ascii_lowercase().as_str() {
            "json" => Ok(BookmarkFormat::Json),
            "csv" => Ok(BookmarkFormat::Csv),
            other => Err(Error::Invalid(format!("unknown bookmark format {other:?}; use json or csv"))),
        }
    }
}

const MAX_NOTE_CHARS: usize = 20_000;
const MAX_TAG_CHARS: usize = 60;

impl Library {
    /// Bookmarks a clause with a note and tags.
    pub fn add_bookmark(&self, clause_id: ClauseId, note: &str, tags: &[String]) -> Result<BookmarkView> {
        let (note, tags) = (clean_note(note)?, clean_tags(tags)?);
        let id = {
            let mut store = self.store();
            let clause = store
                .clauses_by_id(&[clause_id.0])?
                .pop()
                .ok_or_else(|| Error::NotFound(Missing::Clause(clause_id)))?;
            let doc = store
                .document_summary(clause.doc_id)?
                .ok_or_else(|| Error::NotFound(Missing::Document(clause.doc_id.to_string())))?;
            let quote = store.clause_text(&clause)?.trim().to_owned();
            let at = crate::library::now();
            store.add_bookmark(&BookmarkRow {
                id: 0,
                doc_id: Some(doc.id),
                clause_id: Some(clause.id),
                doc_hash: doc.content_hash.clone(),
                doc_name: file_name(&doc.path),
                doc_title: doc.title.clone(),
                clause_label: label(clause.number.as_deref(), clause.heading.as_deref(), &quote),
                quote,
                note,
                tags,
                status: BookmarkStatus::Anchored,
                created_at: at.clone(),
                updated_at: at,
            })?
        };
        self.bookmark(BookmarkId(id))
    }

    /// Changes a bookmark's note and tags.
    pub fn update_bookmark(&self, id: BookmarkId, note: &str, tags: &[String]) -> Result<BookmarkView> {
        let (note, tags) = (clean_note(note)?, clean_tags(tags)?);
        if !self.store().update_bookmark(id.0, &note, &tags, &crate::library::now())? {
            return Err(Error::NotFound(Missing::Bookmark(id)));
        }
        self.bookmark(id)
    }

    /// Marks a bookmark that needed review as checked: it now quotes its clause as it reads today.
    pub fn review_bookmark(&self, id: BookmarkId) -> Result<BookmarkView> {
        if !self.store().mark_bookmark_reviewed(id.0, &crate::library::now())? {
            return Err(Error::Invalid(format!(
                "bookmark {id} is not on a clause; open its document and bookmark the right clause again"
            )));
        }
        self.bookmark(id)
    }

    /// Deletes a bookmark; returns whether it existed.
    pub fn remove_bookmark(&self, id: BookmarkId) -> Result<bool> {
        Ok(self.store().delete_bookmark(id.0)?)
    }

    /// One bookmark.
    pub fn bookmark(&self, id: BookmarkId) -> Result<BookmarkView> {
        let row = self.store().bookmark(id.0)?.ok_or_else(|| Error::NotFound(Missing::Bookmark(id)))?;
        Ok(self.views(vec![row])?.remove(0))
    }

    /// Bookmarks matching the filter, oldest first.
    pub fn bookmarks(&self, filter: &BookmarkFilter) -> Result<Vec<BookmarkView>> {
        let rows = self.store().bookmarks()?;
        let views = self.views(rows)?;
        Ok(views.into_iter().filter(|b| matches(b, filter)).collect())
    }

    /// All bookmarks as an export file's text.
    pub fn export_bookmarks(&self, format: BookmarkFormat) -> Result<String> {
        let records: Vec<BookmarkRecord> = self.store().bookmarks()?.into_iter().map(record).collect();
        match format {
            BookmarkFormat::Json => Ok(serde_json::to_string_pretty(&records).expect("records serialise")),
            BookmarkFormat::Csv => {
                let mut writer = csv::Writer::from_writer(Vec::new());
                for r in records {
                    writer
                        .serialize(CsvRow::from(r))
                        .map_err(|e| Error::Invalid(format!("could not write CSV: {e}")))?;
                }
                let bytes =
                    writer.into_inner().map_err(|e| Error::Invalid(format!("could not write CSV: {e}")))?;
                Ok(String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8"))
            }
        }
    }

    /// Imports an export file's text; bookmarks on documents not in the library wait, detached,
    /// until those documents are imported.
    pub fn import_bookmarks(&self, text: &str, format: BookmarkFormat) -> Result<BookmarkImport> {
        let records = parse_records(text, format)?;
        let mut report = BookmarkImport::default();
        let mut store = self.store();
        let existing: BTreeSet<(String, String, String)> =
            store.bookmarks()?.into_iter().map(|b| (b.doc_hash, b.quote, b.note)).collect();
        for r in records {
            if existing.contains(&(r.doc_sha256.clone(), r.quote.clone(), r.note.clone())) {
                report.duplicates += 1;
                continue;
            }
            store.add_bookmark(&BookmarkRow {
                id: 0,
                doc_id: None,
                clause_id: None,
                doc_hash: r.doc_sha256,
                doc_name: r.doc_file,
                doc_title: r.doc_title,
                clause_label: r.clause,
                quote: r.quote,
                note: clean_note(&r.note)?,
                tags: clean_tags(&r.tags)?,
                status: BookmarkStatus::Detached,
                created_at: r.created_at,
                updated_at: r.updated_at,
            })?;
            report.added += 1;
        }
        for doc in store.documents()? {
            report.attached += store.attach_waiting_bookmarks(doc.id)?;
        }
        Ok(report)
    }

    fn views(&self, rows: Vec<BookmarkRow>) -> Result<Vec<BookmarkView>> {
        let store = self.store();
        let mut views = Vec::with_capacity(rows.len());
        for row in rows {
            let language = match row.doc_id {
                Some(id) => store.document_summary(id)?.map(|d| d.language),
                None => None,
            };
            let topics = match (row.doc_id, row.clause_id) {
                (Some(doc), Some(clause)) => {
                    let mut all = store.document_topics(doc)?;
                    all.remove(&clause).unwrap_or_default().into_iter().map(|t| t.topic).collect()
                }
                _ => Vec::new(),
            };
            views.push(BookmarkView {
                id: BookmarkId(row.id),
                doc_id: row.doc_id.map(DocId),
                clause_id: row.clause_id.map(ClauseId),
                doc_title: row.doc_title,
                doc_file: row.doc_name,
                language,
                clause_label: row.clause_label,
                quote: row.quote,
                note: row.note,
                tags: row.tags,
                topics,
                status: row.status,
                created_at: row.created_at,
                updated_at: row.updated_at,
            });
        }
        Ok(views)
    }
}

fn matches(b: &BookmarkView, f: &BookmarkFilter) -> bool {
    f.tag.as_ref().is_none_or(|t| b.tags.iter().any(|x| x.eq_ignore_ascii_case(t)))
        && f.doc_id.is_none_or(|d| b.doc_id == Some(d))
        && f.language.as_ref().is_none_or(|l| b.language.as_deref() == Some(l.as_str()))
        && f.topic.as_ref().is_none_or(|t| b.topics.contains(t))
        && f.status.is_none_or(|s| b.status == s)
}

fn record(b: BookmarkRow) -> BookmarkRecord {
    BookmarkRecord {
        doc_sha256: b.doc_hash,
        doc_file: b.doc_name,
        doc_title: b.doc_title,
        clause: b.clause_label,
        quote: b.quote,
        note: b.note,
        tags: b.tags,
        status: b.status.name().to_owned(),
        created_at: b.created_at,
        updated_at: b.updated_at,
    }
}

fn parse_records(text: &str, format: BookmarkFormat) -> Result<Vec<BookmarkRecord>> {
    let records: Vec<BookmarkRecord> = match format {
        BookmarkFormat::Json => serde_json::from_str(text)
            .map_err(|e| Error::Invalid(format!("not a Concordia bookmark file (JSON): {e}")))?,
        BookmarkFormat::Csv => csv::Reader::from_reader(text.as_bytes())
            .deserialize::<CsvRow>()
            .map(|row| row.map(BookmarkRecord::from))
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| Error::Invalid(format!("not a Concordia bookmark file (CSV): {e}")))?,
    };
    if let Some(bad) = records.iter().find(|r| r.quote.trim().is_empty() || r.doc_sha256.trim().is_empty()) {
        return Err(Error::Invalid(format!(
            "a bookmark on {:?} has no quote or document hash",
            bad.doc_file
        )));
    }
    Ok(records)
}

fn clean_note(note: &str) -> Result<String> {
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(Error::Invalid(format!("a note may have at most {MAX_NOTE_CHARS} characters")));
    }
    Ok(note.trim().to_owned())
}

/// Tags are trimmed, deduplicated and kept in the order given.
fn clean_tags(tags: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        if tag.chars().count() > MAX_TAG_CHARS || tag.contains(';') {
            return Err(Error::Invalid(format!(
                "tag {tag:?}: a tag has at most {MAX_TAG_CHARS} characters and no semicolon"
            )));
        }
        if !out.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            out.push(tag.to_owned());
        }
    }
    Ok(out)
}

fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned())
}

/// "Artikel 8 Aansprakelijkheid", or the clause's first words when it has neither.
pub(crate) fn label(number: Option<&str>, heading: Option<&str>, text: &str) -> String {
    let parts: Vec<&str> = [number, heading].into_iter().flatten().collect();
    if parts.is_empty() {
        text.split_whitespace().take(6).collect::<Vec<_>>().join(" ")
    } else {
        parts.join(" ")
    }
}

/// A CSV row: CSV has no lists, so the tags are one cell, "a; b".
#[derive(Serialize, Deserialize)]
struct CsvRow {
    doc_sha256: String,
    doc_file: String,
    doc_title: String,
    clause: String,
    quote: String,
    note: String,
    tags: String,
    status: String,
    created_at: String,
    updated_at: String,
}

impl From<BookmarkRecord> for CsvRow {
    fn from(r: BookmarkRecord) -> CsvRow {
        CsvRow {
            doc_sha256: r.doc_sha256,
            doc_file: r.doc_file,
            doc_title: r.doc_title,
            clause: r.clause,
            quote: r.quote,
            note: r.note,
            tags: r.tags.join("; "),
            status: r.status,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

impl From<CsvRow> for BookmarkRecord {
    fn from(r: CsvRow) -> BookmarkRecord {
        BookmarkRecord {
            doc_sha256: r.doc_sha256,
            doc_file: r.doc_file,
            doc_title: r.doc_title,
            clause: r.clause,
            quote: r.quote,
            note: r.note,
            tags: r.tags.split(';').map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect(),
            status: r.status,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}
