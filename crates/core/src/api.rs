//! Plain data crossing the boundary to the app (IPC) and the CLI (JSON).
//!
//! Offsets: `start`/`end` of a clause are byte offsets into the document's
//! normalised text; `highlights` are **character** (Unicode scalar) offsets
//! into the string they belong to, so a UI can slice with `Array.from(s)`.

pub use concordia_legal::{ClauseKind, Requirement, Status as RequirementStatus, TermKind};
use serde::{Deserialize, Serialize};

/// Declares a library id: a number in JSON and TypeScript, a type of its own in Rust, so a
/// bookmark id cannot be passed where a correction id is meant.
macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    };
}

id!(
    /// A document in the library.
    DocId
);
id!(
    /// A clause of a document.
    ClauseId
);
id!(
    /// A bookmark.
    BookmarkId
);
id!(
    /// A correction of the alignment.
    CorrectionId
);

/// What happened to one file of an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ImportStatus {
    /// New in the library.
    Imported,
    /// The same bytes were already in the library.
    Unchanged,
    /// Refused; see `error`.
    Error,
}

/// The result for one file.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportOutcome {
    /// Library id, unless refused.
    pub id: Option<DocId>,
    /// The file.
    pub path: String,
    /// Title, unless refused.
    pub title: Option<String>,
    /// Language code, unless refused.
    pub language: Option<String>,
    /// Number of clauses, unless refused.
    pub clauses: Option<u32>,
    /// What happened.
    pub status: ImportStatus,
    /// Why it was refused.
    pub error: Option<String>,
    /// Error code when refused.
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<crate::ErrorCode>,
    /// `error` as a template, for an interface that words it in its own language.
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<crate::Template>,
}

/// The result of an import run.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportReport {
    /// One entry per file handled, in order.
    pub outcomes: Vec<ImportOutcome>,
    /// Whether the user stopped the run; files not reached are not listed.
    pub cancelled: bool,
}

impl ImportReport {
    /// Whether any file was refused.
    pub fn has_errors(&self) -> bool {
        self.outcomes.iter().any(|o| o.status == ImportStatus::Error)
    }
}

/// A long task that reports progress; all hold the library's write lock but `Reread` of key
/// terms and checklists (its reading of topics again, before an import or a rebuild, holds it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Task {
    /// Importing files.
    Import,
    /// Rebuilding the search index.
    Reindex,
    /// Removing a document.
    Remove,
    /// Replacing the library with a backup.
    Restore,
    /// Reading stored documents' topics, key terms or checklists again after their rules changed.
    Reread,
}

/// A step of a long task.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProgressEvent {
    /// What is running.
    pub task: Task,
    /// Items finished.
    pub done: usize,
    /// Items in all.
    pub total: usize,
    /// The item just finished, if any.
    pub current: Option<String>,
    /// Set while the task waits for another process to finish writing, saying so.
    pub waiting: Option<String>,
}

impl ProgressEvent {
    /// A step of `task`: `done` of `total` finished, the last one `current`.
    pub fn step(task: Task, done: usize, total: usize, current: Option<String>) -> ProgressEvent {
        ProgressEvent { task, done, total, current, waiting: None }
    }

    /// `task` has not started: it waits, for the reason given.
    pub fn waiting(task: Task, reason: &str) -> ProgressEvent {
        ProgressEvent { task, done: 0, total: 0, current: None, waiting: Some(reason.to_owned()) }
    }
}

/// A document in the library listing.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocumentSummary {
    /// Library id.
    pub id: DocId,
    /// Where it was imported from.
    pub path: String,
    /// Title.
    pub title: String,
    /// Language code.
    pub language: String,
    /// Source format.
    pub format: String,
    /// Number of clauses.
    pub clauses: u32,
    /// RFC 3339 time of import.
    pub imported_at: String,
    /// Size of the source file.
    pub bytes: u64,
}

/// One page of the library listing to fetch: the app asks for the rows in view, sorted and
/// filtered here, so 100,000 documents cost what a screen costs.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LibraryQuery {
    /// Words the title or the file path must contain, in any case ("" for all).
    #[serde(default)]
    pub text: String,
    /// Only this language.
    #[serde(default)]
    pub language: Option<String>,
    /// The order.
    #[serde(default)]
    pub sort: concordia_store::DocumentOrder,
    /// Largest first.
    #[serde(default)]
    pub descending: bool,
    /// The first row wanted.
    #[serde(default)]
    pub offset: u32,
    /// How many rows (at most [`LibraryQuery::MAX_LIMIT`]).
    pub limit: u32,
}

impl LibraryQuery {
    /// The most rows one page may hold: a page is for a screen, not for the whole library.
    pub const MAX_LIMIT: u32 = 1000;
}

/// One page of the library listing.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LibraryPage {
    /// The first row's place in the whole filtered listing.
    pub offset: u32,
    /// Documents matching the filter.
    pub matching: u32,
    /// Documents in the library.
    pub total: u32,
    /// How many documents each language has, most first (for the language filter).
    pub languages: Vec<LanguageCount>,
    /// The rows.
    pub documents: Vec<DocumentSummary>,
}

/// How many documents of one language the library holds.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LanguageCount {
    /// Language code.
    pub language: String,
    /// Documents in it.
    pub documents: u32,
}

/// A document with its clauses.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocumentView {
    /// Library id.
    pub id: DocId,
    /// Where it was imported from.
    pub path: String,
    /// Title.
    pub title: String,
    /// Language code.
    pub language: String,
    /// Clauses in order.
    pub clauses: Vec<ClauseView>,
}

/// One clause of a document.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClauseView {
    /// Clause id.
    pub id: ClauseId,
    /// What the clause is: a section, an item, a table of contents, a signature block…
    pub kind: ClauseKind,
    /// Number as written ("11.3", "§ 10", "Artikel 8").
    pub number: Option<String>,
    /// Own heading.
    pub heading: Option<String>,
    /// Parent headings, outermost first.
    pub heading_path: Vec<String>,
    /// The clause text (its heading line included).
    pub text: String,
    /// Byte offset in the document's normalised text.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// Language code of the clause.
    pub language: String,
    /// The page of the original PDF the clause starts on.
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Character ranges in `text` matching the query passed to `show`, if any.
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<[usize; 2]>>", optional))]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub highlights: Vec<[usize; 2]>,
    /// DPA topics of the clause, most confident first.
    pub topics: Vec<TopicView>,
}

/// A topic given to a clause, and why.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TopicView {
    /// Topic id from the fixed taxonomy ("audit", "liability", …).
    pub topic: String,
    /// 0–1.
    pub confidence: f32,
    /// The cues that decided it ("heading: Haftung", "Art. 33", "kontrolle*").
    pub cues: Vec<String>,
}

/// A topic of the taxonomy, for pickers and labels.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TopicInfo {
    /// Stable id.
    pub id: String,
    /// Human label.
    pub label: String,
    /// GDPR anchor.
    pub anchor: String,
}

/// A search.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchRequest {
    /// Words, "phrases", -exclusions.
    pub query: String,
    /// Only this language.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub lang: Option<String>,
    /// Only this document.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub doc: Option<DocId>,
    /// At most this many hits (default 20).
    #[serde(default = "default_limit")]
    #[cfg_attr(feature = "ts", ts(as = "Option<usize>", optional))]
    pub limit: usize,
    /// Only clauses with this topic; the query may then be empty.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub topic: Option<String>,
    /// Also find clauses, in every language, whose topic the query's words stand for.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub cross: bool,
    /// Value filters on key terms, all of which must hold: `audit_notice<30d`, `governing_law=DE`.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub filters: Vec<String>,
}

fn default_limit() -> usize {
    20
}

impl SearchRequest {
    /// A search over everything with the default limit.
    pub fn new(query: &str) -> SearchRequest {
        SearchRequest {
            query: query.to_owned(),
            lang: None,
            doc: None,
            limit: default_limit(),
            topic: None,
            cross: false,
            filters: Vec::new(),
        }
    }
}

/// Hits, best first.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchResults {
    /// The hits.
    pub hits: Vec<SearchHit>,
    /// How many clauses match in all; more than `hits` when the limit cut the list.
    pub total: usize,
}

/// One clause that matches.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHit {
    /// Its document.
    pub doc_id: DocId,
    /// The document's title.
    pub doc_title: String,
    /// The document's path.
    pub path: String,
    /// The clause's language.
    pub language: String,
    /// Clause id.
    pub clause_id: ClauseId,
    /// Clause number.
    pub number: Option<String>,
    /// Nearest heading.
    pub heading: Option<String>,
    /// BM25 score.
    pub score: f32,
    /// An excerpt of the clause around the matches.
    pub snippet: String,
    /// Character ranges in `snippet` that match.
    pub highlights: Vec<[usize; 2]>,
}

/// A document with its clauses, topics and key terms: what `concordia analyze` prints.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentAnalysis {
    /// Library id.
    pub id: DocId,
    /// Where it was imported from.
    pub path: String,
    /// Title.
    pub title: String,
    /// Language code.
    pub language: String,
    /// Clauses with their topics.
    pub clauses: Vec<ClauseView>,
    /// Key terms the document states; a term it does not state is absent.
    pub terms: Vec<TermView>,
}

/// One key term with its normalised value and the sentence it comes from.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TermView {
    /// Kind ("liability_cap", "audit_notice", …).
    pub kind: TermKind,
    /// The kind in words ("Audit notice").
    pub label: String,
    /// Normalised value, e.g. `{"value":5,"unit":"working_days","approx_days":7.0}`.
    pub value: serde_json::Value,
    /// The value in words ("5 working days"), as the matrix and the reports write it.
    pub display: String,
    /// The clause it comes from.
    pub clause_id: ClauseId,
    /// Character range of the quote within that clause's text, for highlighting.
    pub clause_range: [usize; 2],
    /// Character range of the value itself ("72 Stunden") within that clause's text, when it is
    /// written as a number or a name.
    pub value_range: Option<[usize; 2]>,
    /// The sentence, as written.
    pub quote: String,
    /// Byte offset of the quote in the document's normalised text.
    pub start: usize,
    /// End of the quote.
    pub end: usize,
}

/// Documents compared side by side: aligned rows and the key-terms matrix.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Comparison {
    /// The documents, one column each, in the order asked for.
    pub documents: Vec<ComparedDocument>,
    /// The reference document, if one was marked.
    pub reference: Option<DocId>,
    /// Rows of equivalent clauses, grouped by topic in the reference's order.
    pub rows: Vec<AlignedRow>,
    /// Key terms × documents with verdicts.
    pub matrix: Vec<MatrixRow>,
    /// The user's alignment corrections among these documents, oldest first.
    pub corrections: Vec<CorrectionView>,
    /// The playbook the matrix is also judged against, when one was chosen (its name).
    pub playbook: Option<String>,
}

/// A stored alignment correction.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CorrectionView {
    /// Its id (to undo it).
    pub id: CorrectionId,
    /// Link (moved into the anchor's row), unlink (not equivalent) or confirm.
    pub kind: concordia_align::Fix,
    /// The clause whose row is meant.
    pub anchor_clause_id: ClauseId,
    /// The clause moved, kept out or confirmed.
    pub moved_clause_id: ClauseId,
    /// RFC 3339 time.
    pub created_at: String,
}

/// A correction the user asks for.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CorrectionRequest {
    /// Link, unlink or confirm; any other word is refused when the request is read.
    pub kind: concordia_align::Fix,
    /// The clause whose row is meant.
    pub anchor_clause_id: ClauseId,
    /// The clause to move, keep out or confirm.
    pub moved_clause_id: ClauseId,
}

/// A compared document.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ComparedDocument {
    /// Library id.
    pub id: DocId,
    /// Where it was imported from.
    pub path: String,
    /// Title.
    pub title: String,
    /// Language code.
    pub language: String,
}

/// Whether every document addresses a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum RowStatus {
    /// Every document has clauses in the row.
    Aligned,
    /// Some documents, not all.
    Partial,
    /// Only one document addresses it.
    Missing,
}

/// A row of equivalent clauses.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AlignedRow {
    /// Its main topic, if any.
    pub topic: Option<String>,
    /// One cell per document, in the order of `documents`.
    pub cells: Vec<AlignedCell>,
    /// Whether every document addresses it.
    pub status: RowStatus,
    /// With two documents in one language: the word-level changes from the first to the second.
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redline: Option<Vec<RedlineSegment>>,
    /// With two documents in one language: the clause sits elsewhere in the order of the second.
    pub moved: bool,
}

/// A piece of a redline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RedlineSegment {
    /// Unchanged, deleted from the first or inserted in the second.
    pub op: RedlineOp,
    /// The words, with their spacing.
    pub text: String,
}

/// What happened to a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum RedlineOp {
    /// In both.
    Equal,
    /// Only in the first.
    Delete,
    /// Only in the second.
    Insert,
}

/// One document's clauses in a row; empty when the document does not address it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AlignedCell {
    /// The document.
    pub doc_id: DocId,
    /// Its clauses in this row, in document order.
    pub clause_ids: Vec<ClauseId>,
    /// Their texts.
    pub texts: Vec<String>,
    /// Their numbers and headings, for labels ("§ 7 Haftung").
    pub labels: Vec<String>,
    /// How sure the alignment is (0–1), the weakest link of the cell; `None` when empty.
    /// Calibrated: links shown at 80 % were right about 80 % of the time on labelled DPAs.
    pub confidence: Option<f32>,
    /// The similarity score of that weakest link, for calibrating the confidence; not sent.
    #[serde(skip)]
    pub score: Option<f32>,
    /// Whether the row was built around this cell's clause (it is no link, so has no confidence
    /// of its own to show).
    pub anchor: bool,
    /// Whether the user placed or confirmed a clause of this cell.
    pub corrected: bool,
    /// When the cell is empty but the document deals with the row's topic in a clause that
    /// stands in another row: that clause. Different contracts only.
    pub elsewhere: Option<CrossReference>,
    /// For each text: character ranges of the numbers ("28", "72", "5.000") that another cell
    /// of the row writes too, so the eye finds what the clauses share.
    pub shared_numbers: Vec<Vec<[usize; 2]>>,
    /// The clause a correction of this cell's clauses names as the other side: the reference's
    /// first clause in the row if it has one, else the first clause of another document; else
    /// (to move a clause into the row or split one off) the row's own first clause.
    pub correct_against: Option<ClauseId>,
}

/// A clause named from a row it does not stand in ("see 4 Aard en doel, under subject matter").
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CrossReference {
    /// The clause.
    pub clause_id: ClauseId,
    /// Its number and heading ("§ 7 Haftung"), or its first words.
    pub label: String,
    /// Its text.
    pub text: String,
    /// The topic of the row it stands in.
    pub row_topic: Option<String>,
}

/// One key-term kind across the documents.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MatrixRow {
    /// Kind ("liability_cap", …).
    pub kind: TermKind,
    /// The kind in words ("Liability cap"), as the reports name it.
    pub label: String,
    /// One cell per document, in the order of `documents`.
    pub cells: Vec<MatrixCell>,
    /// The chosen playbook's position on this term, in words ("acceptable: ≤ 30d; negotiable:
    /// ≤ 60d"); `None` without a playbook or when it takes no position on the term.
    pub position: Option<String>,
}

/// One document's value of a key term, judged.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MatrixCell {
    /// The document.
    pub doc_id: DocId,
    /// The normalised value, or `None` when the document states none.
    pub value: Option<serde_json::Value>,
    /// The value in words ("24 hours", "EUR 5,000").
    pub display: Option<String>,
    /// The sentence it comes from.
    pub quote: Option<String>,
    /// The clause it comes from.
    pub clause_id: Option<ClauseId>,
    /// Character range of the quote in that clause's text.
    pub clause_range: Option<[usize; 2]>,
    /// Character range of the value itself in that clause's text, when written as a number or name.
    pub value_range: Option<[usize; 2]>,
    /// Against the reference, or the others without one.
    pub verdict: Verdict,
    /// Why, in words ("24 hours is shorter than the reference's 72 hours").
    pub reason: String,
    /// Why, as data: a report words it in its own language.
    #[serde(skip)]
    pub why: crate::verdict::Reason,
    /// Against the chosen playbook's position, when there is one on this term.
    pub playbook: Option<PositionJudgement>,
}

/// A value against a playbook's position.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PositionJudgement {
    /// Acceptable, negotiable, unacceptable or not stated.
    pub result: PositionResult,
    /// Why, in words.
    pub reason: String,
}

/// How a value compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Verdict {
    /// More protective for the controller.
    Stricter,
    /// Less protective.
    Looser,
    /// Equal.
    Same,
    /// Not stated.
    Missing,
    /// Cannot be ranked (different kinds of value, currencies, places).
    NotComparable,
    /// The reference's own value.
    Reference,
}

/// A bookmark with where it stands.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BookmarkView {
    /// Its id.
    pub id: BookmarkId,
    /// Its document, unless that is not in the library (status "detached").
    pub doc_id: Option<DocId>,
    /// Its clause, unless the document changed and no clause holds the quote any more.
    pub clause_id: Option<ClauseId>,
    /// The document's title.
    pub doc_title: String,
    /// The document's file name.
    pub doc_file: String,
    /// The document's language, when it is in the library.
    pub language: Option<String>,
    /// "Artikel 8 Aansprakelijkheid".
    pub clause_label: String,
    /// The clause's text as bookmarked.
    pub quote: String,
    /// The user's note.
    pub note: String,
    /// The user's tags.
    pub tags: Vec<String>,
    /// Topics of its clause.
    pub topics: Vec<String>,
    /// Anchored, needs review or detached ("anchored", "needs_review", "detached" in JSON).
    pub status: concordia_store::BookmarkStatus,
    /// When it was made (RFC 3339).
    pub created_at: String,
    /// When it was last changed (RFC 3339).
    pub updated_at: String,
}

/// Which bookmarks to list; every field narrows.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
pub struct BookmarkFilter {
    /// Only with this tag.
    pub tag: Option<String>,
    /// Only on this document.
    pub doc_id: Option<DocId>,
    /// Only on documents in this language.
    pub language: Option<String>,
    /// Only on clauses with this topic.
    pub topic: Option<String>,
    /// Only with this status; any other word is refused when the filter is read.
    pub status: Option<concordia_store::BookmarkStatus>,
}

/// `concordia check`: whether the library is whole and every document can be found.
#[derive(Debug, Clone, Serialize)]
pub struct LibraryCheck {
    /// What SQLite's integrity check found, if anything.
    pub store_problem: Option<String>,
    /// Documents in the library.
    pub documents: usize,
    /// How the index stands: "current", "behind" (it will be brought up to date), or why it is damaged.
    pub index: String,
    /// Documents whose clauses the index does not hold, all or in part.
    pub unsearchable: Vec<DocId>,
}

impl LibraryCheck {
    /// Whether nothing is wrong.
    pub fn is_ok(&self) -> bool {
        self.store_problem.is_none() && self.index == "current" && self.unsearchable.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_correction_kind_is_one_of_three_words_and_nothing_else() {
        let read = |kind: &str| {
            let json = format!(r#"{{"kind":"{kind}","anchor_clause_id":1,"moved_clause_id":2}}"#);
            serde_json::from_str::<CorrectionRequest>(&json)
        };
        for fix in concordia_align::Fix::ALL {
            assert_eq!(read(fix.name()).unwrap().kind, fix);
        }
        // Once read as a confirmation; now refused, saying which words are allowed.
        let refused = read("merge").unwrap_err().to_string();
        assert!(refused.contains("unknown variant `merge`") && refused.contains("`unlink`"), "{refused}");
    }
}

/// Where the library lives and how big it is.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LibraryInfo {
    /// The library folder.
    pub data_dir: String,
    /// Documents in it.
    pub documents: usize,
}

/// `concordia review`: one document checked against GDPR Art. 28.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Review {
    /// Library id.
    pub id: DocId,
    /// Where it was imported from.
    pub path: String,
    /// Title.
    pub title: String,
    /// Language code.
    pub language: String,
    /// Each requirement of Art. 28, in the order of the article.
    pub checklist: Vec<ChecklistItem>,
    /// The document against a playbook, when one was asked for.
    pub playbook: Option<PlaybookReview>,
}

/// Where a document stands against a playbook's position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum PositionResult {
    /// Within what the firm accepts.
    Acceptable,
    /// Outside it, within what the firm would negotiate.
    Negotiable,
    /// Outside what the firm would negotiate (or a must-have missing).
    Unacceptable,
    /// The contract does not state it.
    NotStated,
}

impl PositionResult {
    /// Its name in JSON and in the labels ("not_stated").
    pub fn id(self) -> &'static str {
        match self {
            PositionResult::Acceptable => "acceptable",
            PositionResult::Negotiable => "negotiable",
            PositionResult::Unacceptable => "unacceptable",
            PositionResult::NotStated => "not_stated",
        }
    }
}

/// One document against one playbook.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlaybookReview {
    /// The playbook's name.
    pub name: String,
    /// Each position on a key term.
    pub positions: Vec<PositionReview>,
    /// Each must-have requirement of the checklist.
    pub required: Vec<RequirementReview>,
}

/// A document's key term against a playbook's position.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PositionReview {
    /// The key term.
    pub kind: TermKind,
    /// Its name.
    pub label: String,
    /// Where the document stands.
    pub result: PositionResult,
    /// The document's value, in words (none when not stated).
    pub value: Option<String>,
    /// The sentence that states it.
    pub quote: String,
    /// Its clause.
    pub clause_id: Option<ClauseId>,
    /// Where the quote is in the clause's text, in characters.
    pub clause_range: Option<[usize; 2]>,
    /// Why, in words.
    pub reason: String,
    /// Where the position comes from.
    pub source: String,
}

/// A must-have requirement of a playbook in one document.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RequirementReview {
    /// Which requirement.
    pub requirement: Requirement,
    /// Its name.
    pub label: String,
    /// Acceptable when met, negotiable when partly, unacceptable when missing.
    pub result: PositionResult,
    /// Why, in words.
    pub reason: String,
}

/// One requirement of Art. 28 in one document.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChecklistItem {
    /// Which requirement.
    pub requirement: Requirement,
    /// Its name.
    pub label: String,
    /// Where the GDPR asks for it ("Art. 28(3)(a)"), cited in the labels' language.
    pub article: String,
    /// The GDPR's own words for it, in the labels' language or else the document's; empty when
    /// neither is one the statute file holds (English).
    pub statute: String,
    /// Met, partly or missing.
    pub status: RequirementStatus,
    /// The clauses that decide it, the quoted one first.
    pub clause_ids: Vec<ClauseId>,
    /// The deciding sentence ("" when missing).
    pub quote: String,
    /// Where the quote is in the first clause's text, in characters.
    pub clause_range: Option<[usize; 2]>,
    /// Why, in words.
    pub reason: String,
}

/// The order of the portfolio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum PortfolioSort {
    /// Oldest import first.
    #[default]
    Imported,
    /// By title.
    Title,
    /// By language.
    Language,
    /// By requirements met.
    Met,
    /// By positions and must-haves the playbook finds unacceptable.
    Unacceptable,
}

/// A page of the portfolio to fetch.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PortfolioQuery {
    /// Conditions every row must meet (see `concordia portfolio --help`).
    #[serde(default)]
    pub conditions: Vec<String>,
    /// A playbook to hold each document against: a shipped one's name or a file.
    #[serde(default)]
    pub playbook: Option<String>,
    /// The order.
    #[serde(default)]
    pub sort: PortfolioSort,
    /// Largest first.
    #[serde(default)]
    pub descending: bool,
    /// The first row wanted.
    #[serde(default)]
    pub offset: u32,
    /// How many rows.
    pub limit: u32,
}

/// One page of the portfolio.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PortfolioPage {
    /// The first row's place among the matching rows.
    pub offset: u32,
    /// Documents meeting the conditions.
    pub matching: u32,
    /// Documents in the library.
    pub total: u32,
    /// Requirements in the checklist (a row's score is out of this).
    pub requirements: u32,
    /// The rows.
    pub rows: Vec<PortfolioRow>,
}

/// A document in the portfolio.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PortfolioRow {
    /// Library id.
    pub id: DocId,
    /// Title.
    pub title: String,
    /// Where it was imported from.
    pub path: String,
    /// Language code.
    pub language: String,
    /// RFC 3339 time of import.
    pub imported_at: String,
    /// Requirements met.
    pub met: u32,
    /// Requirements not met (partly or missing).
    pub lacking: Vec<Requirement>,
    /// Its key terms, in words.
    pub terms: Vec<PortfolioTerm>,
    /// Where it stands against the playbook, when one was asked for.
    pub playbook: Option<ResultCounts>,
}

/// A key term in a portfolio row.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PortfolioTerm {
    /// The kind.
    pub kind: TermKind,
    /// The value, in words.
    pub display: String,
    /// The clause that states it.
    pub clause_id: ClauseId,
}

/// A document's positions and must-haves counted by result.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResultCounts {
    /// Acceptable.
    pub acceptable: u32,
    /// Negotiable.
    pub negotiable: u32,
    /// Unacceptable.
    pub unacceptable: u32,
    /// Not stated.
    pub not_stated: u32,
}
