//! The review of a document against GDPR Art. 28: the checklist of `concordia-legal` applied
//! to the stored clauses, each finding tied to its clauses and quote.

use concordia_legal::{check_requirements, requirements, ChecklistClause, Finding, Reason};

use crate::api::{ChecklistItem, DocId, DocumentView, Review};
use crate::playbook::Playbook;
use crate::report::Labels;
use crate::snippet::char_ranges;
use crate::{Library, Result};

/// The longest quote shown: a sentence, not a page.
const QUOTE_CHARS: usize = 400;

impl Library {
    /// The Art. 28 checklist of one document, in English.
    pub fn review(&self, id: DocId) -> Result<Review> {
        self.review_in(id, Labels::english())
    }

    /// The Art. 28 checklist of one document, its names and reasons in the labels' language.
    pub fn review_in(&self, id: DocId, labels: &Labels) -> Result<Review> {
        self.review_against(id, labels, None)
    }

    /// The checklist and, when given, the playbook's positions on the document's key terms.
    pub fn review_against(&self, id: DocId, labels: &Labels, playbook: Option<&Playbook>) -> Result<Review> {
        let mut review = review_of(&self.document(id, None)?, labels);
        if let Some(playbook) = playbook {
            let terms = crate::report::terms_worded_in(self.terms(id)?, labels);
            review.playbook = Some(playbook.judge(&review.checklist, &terms, labels));
        }
        Ok(review)
    }
}

pub(crate) fn review_of(doc: &DocumentView, labels: &Labels) -> Review {
    let clauses: Vec<ChecklistClause<'_>> = doc
        .clauses
        .iter()
        .map(|c| ChecklistClause {
            text: &c.text,
            is_terms: c.kind.is_terms(),
            is_definition: c.topics.first().is_some_and(|t| t.topic == "definitions"),
        })
        .collect();
    let checklist = check_requirements(&clauses).into_iter().map(|f| item(doc, f, labels)).collect();
    Review {
        id: doc.id,
        path: doc.path.clone(),
        title: doc.title.clone(),
        language: doc.language.clone(),
        checklist,
        playbook: None,
    }
}

fn item(doc: &DocumentView, f: Finding, labels: &Labels) -> ChecklistItem {
    let info =
        requirements().iter().find(|r| r.id == f.requirement).expect("every finding has its requirement");
    let quote = f.quote.map_or(String::new(), |(k, a, b)| shortened(&doc.clauses[k].text[a..b]));
    ChecklistItem {
        requirement: f.requirement,
        label: labels.requirement(&requirement_id(f.requirement), &info.label).to_owned(),
        article: info.article.clone(),
        status: f.status,
        clause_ids: f.clauses.iter().map(|&k| doc.clauses[k].id).collect(),
        quote,
        clause_range: f.quote.map(|(k, a, b)| char_ranges(&doc.clauses[k].text, &[(a, b)])[0]),
        reason: reason(&f.reason, labels),
    }
}

fn reason(reason: &Reason, labels: &Labels) -> String {
    match reason {
        Reason::Imposed => labels.checklist("checklist_imposed").to_owned(),
        Reason::OnlySoft => labels.checklist("checklist_soft").to_owned(),
        Reason::Lacks(parts) => {
            let named: Vec<&str> = parts.iter().map(|p| labels.part(p)).collect();
            labels.checklist("checklist_lacks").replace("{parts}", &named.join("; "))
        }
        Reason::OnlyMentioned => labels.checklist("checklist_mentioned").to_owned(),
        Reason::Absent => labels.checklist("checklist_absent").to_owned(),
    }
}

/// A requirement's id as the CLI and the labels spell it ("assistance_32_36").
pub(crate) fn requirement_id(requirement: concordia_legal::Requirement) -> String {
    serde_json::to_value(requirement).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn shortened(text: &str) -> String {
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}
