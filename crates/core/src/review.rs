//! The review of a document against GDPR Art. 28: the checklist of `concordia-legal` applied
//! to the stored clauses, each finding tied to its clauses and quote.

use concordia_legal::{check_requirements, requirements, ChecklistClause, Finding, Reason};

use crate::api::{ChecklistItem, DocId, DocumentView, Review};
use crate::{Library, Result};

/// The longest quote shown: a sentence, not a page.
const QUOTE_CHARS: usize = 400;

impl Library {
    /// The Art. 28 checklist of one document.
    pub fn review(&self, id: DocId) -> Result<Review> {
        Ok(review_of(&self.document(id, None)?))
    }
}

pub(crate) fn review_of(doc: &DocumentView) -> Review {
    let clauses: Vec<ChecklistClause<'_>> = doc
        .clauses
        .iter()
        .map(|c| ChecklistClause {
            text: &c.text,
            is_terms: c.kind.is_terms(),
            is_definition: c.topics.first().is_some_and(|t| t.topic == "definitions"),
        })
        .collect();
    let checklist = check_requirements(&clauses).into_iter().map(|f| item(doc, f)).collect();
    Review {
        id: doc.id,
        path: doc.path.clone(),
        title: doc.title.clone(),
        language: doc.language.clone(),
        checklist,
    }
}

fn item(doc: &DocumentView, f: Finding) -> ChecklistItem {
    let info =
        requirements().iter().find(|r| r.id == f.requirement).expect("every finding has its requirement");
    let quote = f.quote.map_or(String::new(), |(k, a, b)| shortened(&doc.clauses[k].text[a..b]));
    ChecklistItem {
        requirement: f.requirement,
        label: info.label.clone(),
        article: info.article.clone(),
        status: f.status,
        clause_ids: f.clauses.iter().map(|&k| doc.clauses[k].id).collect(),
        quote,
        reason: reason(&f.reason),
    }
}

fn reason(reason: &Reason) -> String {
    match reason {
        Reason::Imposed => "The contract provides for it.".to_owned(),
        Reason::OnlySoft => {
            "Mentioned, but not imposed: the words allow it or hedge it (\u{201c}may\u{201d}, \u{201c}where possible\u{201d}).".to_owned()
        }
        Reason::Lacks(parts) => format!("Only in part: not found: {}.", parts.join("; ")),
        Reason::OnlyMentioned => "The matter is mentioned, but the obligation is not there.".to_owned(),
        Reason::Absent => "Not found in the contract.".to_owned(),
    }
}

fn shortened(text: &str) -> String {
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}
