//! The review of a document against GDPR Art. 28: the checklist of `concordia-legal` applied
//! to the stored clauses, each finding tied to its clauses and quote.

use std::sync::LazyLock;

use concordia_legal::{
    check_requirements, checklist_version, names_controller_duties, names_definitions, requirements,
    ChecklistClause, ClauseKind, Finding, Reason, Requirement, Status,
};
use serde::{Deserialize, Serialize};

use crate::api::{ChecklistItem, DocId, DocumentView, Review};
use crate::playbook::Playbook;
use crate::report::Labels;
use crate::snippet::char_ranges;
use crate::{Library, Result};

/// A finding as stored beside its document: clauses by position, so it reads back onto the
/// clause ids the store gives.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Stored {
    pub requirement: Requirement,
    pub status: Status,
    why: Why,
    clauses: Vec<usize>,
    quote: Option<[usize; 3]>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
enum Why {
    Imposed,
    OnlySoft,
    Lacks { parts: Vec<String> },
    OnlyMentioned,
    Blank,
    Absent,
    GeneralInSubstance,
}

impl Stored {
    /// The finding as a checklist item without its words or quote: what a playbook's
    /// must-haves read.
    pub(crate) fn light_item(&self) -> ChecklistItem {
        ChecklistItem {
            requirement: self.requirement,
            label: String::new(),
            article: String::new(),
            statute: String::new(),
            status: self.status,
            clause_ids: Vec::new(),
            quote: String::new(),
            clause_range: None,
            reason: String::new(),
        }
    }
}

/// The version of everything that decides a stored finding.
pub(crate) static VERSION: LazyLock<String> = LazyLock::new(|| {
    concordia_legal::fingerprint("checklist-store", [checklist_version().as_str(), include_str!("review.rs")])
});

/// The stored checklist of clauses just read by an import (not stored yet).
pub(crate) fn found_at_import(text: &str, clauses: &[concordia_store::NewClause]) -> String {
    let inputs = checklist_inputs(clauses.iter().map(|c| Parts {
        text: &text[c.start..c.end],
        kind: ClauseKind::from_name(c.kind),
        first_topic: c.topics.first().map(|t| t.topic.as_str()),
        heading: c.heading.as_deref(),
        heading_path: &c.heading_path,
    }));
    let stored: Vec<Stored> = check_requirements(&inputs).into_iter().map(stored).collect();
    serde_json::to_string(&stored).unwrap_or_else(|_| "[]".to_owned())
}

/// Read back; `None` when the row cannot be read (it is then found again).
pub(crate) fn decode(json: &str) -> Option<Vec<Stored>> {
    serde_json::from_str(json).ok()
}

/// The stored form of a document read from the store.
pub(crate) fn found_in_document(doc: &DocumentView) -> String {
    let stored: Vec<Stored> = check_requirements(&inputs(doc)).into_iter().map(stored).collect();
    serde_json::to_string(&stored).unwrap_or_else(|_| "[]".to_owned())
}

fn stored(f: Finding) -> Stored {
    let why = match f.reason {
        Reason::Imposed => Why::Imposed,
        Reason::OnlySoft => Why::OnlySoft,
        Reason::Lacks(parts) => Why::Lacks { parts: parts.iter().map(|p| (*p).to_owned()).collect() },
        Reason::OnlyMentioned => Why::OnlyMentioned,
        Reason::Blank => Why::Blank,
        Reason::Absent => Why::Absent,
        Reason::GeneralInSubstance => Why::GeneralInSubstance,
    };
    Stored {
        requirement: f.requirement,
        status: f.status,
        why,
        clauses: f.clauses,
        quote: f.quote.map(|(k, a, b)| [k, a, b]),
    }
}

/// A quote over a lead-in and its items, or a table's rows, as one line: "Zweck der Verarbeitung:
/// Speicherplatz (Webhosting). …", "Kategori | Exempel; Kontakt | Namn, e-post".
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push_str(if out.ends_with(['.', ';', ':', ',', '!', '?']) { " " } else { "; " });
        }
        out.push_str(line);
    }
    out
}

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

fn inputs(doc: &DocumentView) -> Vec<ChecklistClause<'_>> {
    checklist_inputs(doc.clauses.iter().map(|c| Parts {
        text: &c.text,
        kind: c.kind,
        first_topic: c.topics.first().map(|t| t.topic.as_str()),
        heading: c.heading.as_deref(),
        heading_path: &c.heading_path,
    }))
}

/// What the checklist needs of a clause, whether just read by an import or read from the store.
struct Parts<'a> {
    text: &'a str,
    kind: ClauseKind,
    first_topic: Option<&'a str>,
    heading: Option<&'a str>,
    heading_path: &'a [String],
}

fn checklist_inputs<'a>(clauses: impl Iterator<Item = Parts<'a>>) -> Vec<ChecklistClause<'a>> {
    let parts: Vec<Parts<'a>> = clauses.collect();
    let lead_ins = lead_ins(parts.iter().map(|c| c.kind));
    parts
        .into_iter()
        .zip(lead_ins)
        .map(|(c, lead_in)| ChecklistClause {
            text: c.text,
            is_terms: c.kind.is_terms(),
            is_definition: c.first_topic == Some("definitions")
                || under_definitions(c.heading, c.heading_path),
            controller_duties: controller_duties(c.heading, c.heading_path),
            lead_in,
        })
        .collect()
}

/// For each list item or continuation, the section or preamble before it, which introduces it.
fn lead_ins(kinds: impl Iterator<Item = ClauseKind>) -> Vec<Option<usize>> {
    let mut last = None;
    kinds
        .enumerate()
        .map(|(k, kind)| match kind {
            ClauseKind::Item | ClauseKind::Continuation => last,
            ClauseKind::Section | ClauseKind::Preamble => {
                last = Some(k);
                None
            }
            ClauseKind::Contents | ClauseKind::Signature => {
                last = None;
                None
            }
        })
        .collect()
}

/// Whether a clause is a section of definitions or stands right under one's title: a glossary's
/// entry whose words lean to another topic ("Register: … categorieën betrokkenen") still defines.
fn under_definitions(heading: Option<&str>, path: &[String]) -> bool {
    heading.into_iter().chain(path.last().map(String::as_str)).any(names_definitions)
}

/// Whether a clause's own heading, or one it stands under, is on the controller's obligations.
fn controller_duties(heading: Option<&str>, path: &[String]) -> bool {
    heading.into_iter().chain(path.iter().map(String::as_str)).any(names_controller_duties)
}

pub(crate) fn review_of(doc: &DocumentView, labels: &Labels) -> Review {
    let checklist = check_requirements(&inputs(doc)).into_iter().map(|f| item(doc, f, labels)).collect();
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
        article: labels.article(&requirement_id(f.requirement), &info.article).to_owned(),
        statute: concordia_legal::statute(f.requirement, labels.lang())
            .or_else(|| concordia_legal::statute(f.requirement, &doc.language))
            .unwrap_or_default(),
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
        Reason::Blank => labels.checklist("checklist_blank").to_owned(),
        Reason::Absent => labels.checklist("checklist_absent").to_owned(),
        Reason::GeneralInSubstance => labels.checklist("checklist_general_in_substance").to_owned(),
    }
}

/// A requirement's id as the CLI and the labels spell it ("assistance_32_36").
pub(crate) fn requirement_id(requirement: concordia_legal::Requirement) -> String {
    serde_json::to_value(requirement).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn shortened(text: &str) -> String {
    let text = one_line(text);
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::{checklist_inputs, shortened, ClauseKind, Parts, QUOTE_CHARS};

    #[test]
    fn a_quote_over_a_lead_in_and_its_items_reads_as_one_line() {
        let quote = "Zweck der Verarbeitung:\n\n  Speicherplatz (Webhosting).\nTelekommunikation\nDomains";
        assert_eq!(
            shortened(quote),
            "Zweck der Verarbeitung: Speicherplatz (Webhosting). Telekommunikation; Domains"
        );
        assert_eq!(shortened("Kategori | Exempel\nLön | Grundlön"), "Kategori | Exempel; Lön | Grundlön");
        let long = "a".repeat(QUOTE_CHARS + 5);
        assert_eq!(shortened(&long).chars().count(), QUOTE_CHARS + 1, "cut, with an ellipsis");
    }

    /// A glossary's entry whose words lean to another topic still defines, under its section's
    /// title, as does that title's own clause; the next article is terms again.
    #[test]
    fn what_stands_under_a_definitions_title_defines() {
        let path = |p: &[&str]| p.iter().map(|s| (*s).to_owned()).collect::<Vec<String>>();
        let (above, under, next) = (
            path(&["Overeenkomst"]),
            path(&["Overeenkomst", "Artikel 1. Definities"]),
            path(&["Overeenkomst", "Artikel 2. Beveiliging"]),
        );
        let parts = [
            ("Artikel 1. Definities", Some("Definities"), &above),
            (
                "Register\n\nhet register met categorieën persoonsgegevens en betrokkenen.",
                Some("Register"),
                &under,
            ),
            ("2.1 De verwerker beveiligt de gegevens.", None, &next),
        ];
        let inputs = checklist_inputs(parts.iter().map(|(text, heading, path)| Parts {
            text,
            kind: ClauseKind::Section,
            first_topic: Some("security"),
            heading: *heading,
            heading_path: path,
        }));
        let defines: Vec<bool> = inputs.iter().map(|c| c.is_definition).collect();
        assert_eq!(defines, [true, true, false]);
    }
}
