//! A document's key terms: found from its clauses on the import's worker threads, stored beside
//! the document (`key_terms` in the store), and read back for value filters, the matrix and the
//! portfolio without analysing the document again. Stored terms name their clause by position;
//! the ids come from the store when they are read.

use std::sync::LazyLock;

use concordia_legal::{extract_terms, ClauseInput, TermKind};
use serde::{Deserialize, Serialize};

use crate::api::{ClauseId, DocumentView, TermView};
use crate::snippet::char_ranges;

/// What finding key terms reads of a clause.
pub(crate) struct TermClause<'a> {
    pub text: &'a str,
    /// Byte offset in the document's text.
    pub start: usize,
    pub number: Option<&'a str>,
    pub heading_path: &'a [String],
    /// Topic ids.
    pub topics: Vec<String>,
}

/// A key term as stored: its clause by position in the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Found {
    kind: TermKind,
    value: serde_json::Value,
    clause: usize,
    clause_range: [usize; 2],
    value_range: Option<[usize; 2]>,
    quote: String,
    start: usize,
    end: usize,
}

/// The version of everything that decides a stored term: the rules in `concordia-legal` and
/// this file. Labels and value words are not stored (a view words them when read), so editing
/// them finds nothing again.
pub(crate) static VERSION: LazyLock<String> = LazyLock::new(|| {
    let legal = concordia_legal::terms_version();
    concordia_legal::fingerprint("key-terms", [legal.as_str(), include_str!("key_terms.rs")])
});

/// The key terms of a document's clauses, in document order.
pub(crate) fn find(clauses: &[TermClause<'_>]) -> Vec<Found> {
    let inputs: Vec<ClauseInput<'_>> = clauses
        .iter()
        .enumerate()
        .map(|(k, c)| ClauseInput {
            text: c.text,
            start: c.start,
            topics: &c.topics,
            title: is_title(clauses, k),
            headings: c.heading_path,
        })
        .collect();
    extract_terms(&inputs)
        .into_iter()
        .map(|t| {
            let clause = &clauses[t.clause];
            let at = t.start - clause.start;
            let clause_range = char_ranges(clause.text, &[(at, t.end - clause.start)])[0];
            let value_range =
                t.value.span_in(&t.quote).map(|(a, b)| char_ranges(clause.text, &[(at + a, at + b)])[0]);
            Found {
                kind: t.kind,
                value: serde_json::to_value(&t.value).unwrap_or(serde_json::Value::Null),
                clause: t.clause,
                clause_range,
                value_range,
                quote: t.quote,
                start: t.start,
                end: t.end,
            }
        })
        .collect()
}

/// A numbered line this short over the items numbered under it is their title: it names what
/// follows and sets no value.
fn is_title(clauses: &[TermClause<'_>], k: usize) -> bool {
    let (Some(this), Some(next)) = (clauses.get(k), clauses.get(k + 1)) else { return false };
    let (Some(number), Some(below)) = (this.number, next.number) else { return false };
    let extends =
        below.strip_prefix(number).is_some_and(|rest| rest.starts_with([' ', '.']) && rest.len() > 1);
    extends && this.text.split_whitespace().count() <= TITLE_WORDS && !this.text.trim().contains('\n')
}

const TITLE_WORDS: usize = 12;

impl Found {
    /// The term as the API shows it, given the ids of the document's clauses in order.
    fn view(self, clause_ids: &[i64]) -> Option<TermView> {
        let clause_id = ClauseId(*clause_ids.get(self.clause)?);
        Some(TermView {
            kind: self.kind,
            label: crate::report::Labels::english().kind(self.kind.id()).to_owned(),
            display: crate::verdict::describe(&self.value),
            value: self.value,
            clause_id,
            clause_range: self.clause_range,
            value_range: self.value_range,
            quote: self.quote,
            start: self.start,
            end: self.end,
        })
    }
}

/// The key terms of a document read from the store.
pub(crate) fn of_document(doc: &DocumentView) -> Vec<TermView> {
    let ids: Vec<i64> = doc.clauses.iter().map(|c| c.id.0).collect();
    views(find_in_document(doc), &ids)
}

/// A document's key terms found again: their stored form and their views.
pub(crate) fn found_again(doc: &DocumentView) -> (String, Vec<TermView>) {
    let found = find_in_document(doc);
    let ids: Vec<i64> = doc.clauses.iter().map(|c| c.id.0).collect();
    (encode(&found), views(found, &ids))
}

/// Stored terms as the API shows them, given the ids of the document's clauses in order.
pub(crate) fn views(found: Vec<Found>, clause_ids: &[i64]) -> Vec<TermView> {
    found.into_iter().filter_map(|f| f.view(clause_ids)).collect()
}

/// The stored form of the key terms of clauses just read by an import (not stored yet).
pub(crate) fn found_at_import(text: &str, clauses: &[concordia_store::NewClause]) -> String {
    let inputs: Vec<TermClause<'_>> = clauses
        .iter()
        .map(|c| TermClause {
            text: &text[c.start..c.end],
            start: c.start,
            number: c.number.as_deref(),
            heading_path: &c.heading_path,
            topics: c.topics.iter().map(|t| t.topic.clone()).collect(),
        })
        .collect();
    encode(&find(&inputs))
}

/// The key terms of a document read from the store, as stored.
pub(crate) fn find_in_document(doc: &DocumentView) -> Vec<Found> {
    let clauses: Vec<TermClause<'_>> = doc
        .clauses
        .iter()
        .map(|c| TermClause {
            text: &c.text,
            start: c.start,
            number: c.number.as_deref(),
            heading_path: &c.heading_path,
            topics: c.topics.iter().map(|t| t.topic.clone()).collect(),
        })
        .collect();
    find(&clauses)
}

/// Stored form.
pub(crate) fn encode(found: &[Found]) -> String {
    serde_json::to_string(found).unwrap_or_else(|_| "[]".to_owned())
}

/// Read back; `None` when the row cannot be read (it is then found again).
pub(crate) fn decode(json: &str) -> Option<Vec<Found>> {
    serde_json::from_str(json).ok()
}
