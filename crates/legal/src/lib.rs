//! Legal structure of contract text: clause segmentation for sv, de, it, nl and en.
//!
//! Pure: blocks in, clauses out. A clause starts at a heading (Markdown/HTML
//! headings, "Artikel 8 …", "§ 10 …", "Klausul 6:", "13. Responsabilità",
//! title lines) or at a numbered item ("11.3 …", "1.", "a)", "(i)"); the
//! paragraphs and bullet items that follow belong to it.

mod boundary;
mod checklist;
mod parties;
mod placeholders;
mod prefilter;
mod segment;
mod terms;
mod topics;
pub mod values;
mod version;
pub use version::version as fingerprint;

pub use checklist::{
    check as check_requirements, checklist_version, names_definitions, requirements, statute,
    warm_up as warm_up_checklist, ChecklistClause, Finding, Reason, Requirement, RequirementInfo, Status,
};
pub use parties::{names_controller_duties, names_processor};
pub use placeholders::{mask_placeholders, placeholders};
pub use segment::{
    in_annex, is_short_title, parents, reader_version, segment, split_mixed_lists, Clause, ClauseKind,
};
pub use terms::{extract_terms, law_countries, terms_version, ClauseInput, KeyTerm, TermKind, TermValue};
pub use topics::{analysis_version, Cue, CueSource, Lexicon, Place, Topic, TopicMatch, LEXICON_LANGS};

/// German as typed without umlauts ("Löschung" → "Loeschung"), for tests that hold both
/// spellings to the same findings.
#[cfg(test)]
pub(crate) fn without_umlauts(text: &str) -> String {
    text.chars()
        .map(|c| crate::boundary::umlaut_spelled_out(c).map_or_else(|| c.to_string(), str::to_owned))
        .collect()
}

/// The texts of the files in these folders of `../shared` (none when it is missing), for tests
/// that hold a fast reader to a plain one on real contracts.
#[cfg(test)]
pub(crate) fn shared_texts(dirs: &[&str]) -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    dirs.iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).into_iter().flatten().flatten())
        .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
        .collect()
}
