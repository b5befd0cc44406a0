//! The GDPR in sv, de, it and nl (../shared/parallel, line-aligned: line k is the same
//! paragraph in every language) must segment into the same clause structure, and every
//! clause must be detected in its file's language. Skipped when ../shared is absent.

mod common;

use std::path::PathBuf;

use concordia_core::{Library, Progress};

fn parallel() -> Option<PathBuf> {
    common::shared("parallel")
}

/// The last number in a clause number: "Artikel 28 (3)" → 28's paragraph 3 → "3"; "3" → "3".
fn last_number(number: &str) -> String {
    let digits: Vec<&str> = number
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    digits.last().map_or_else(String::new, |d| (*d).to_owned())
}

#[test]
fn the_four_gdpr_versions_segment_alike() {
    let Some(dir) = parallel() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::open(tmp.path()).unwrap();
    let mut skeletons = Vec::new();
    for lang in ["de", "it", "nl", "sv"] {
        let report = library
            .import(&[dir.join(format!("gdpr.{lang}.txt"))], &Progress::none())
            .unwrap();
        let doc = library
            .document(report.outcomes[0].id.unwrap(), None)
            .unwrap();
        assert_eq!(doc.language, lang);
        let wrong: Vec<_> = doc
            .clauses
            .iter()
            .filter(|c| c.language != lang)
            .map(|c| c.number.clone())
            .collect();
        assert!(
            wrong.is_empty(),
            "{lang}: clauses detected in another language: {wrong:?}"
        );
        let skeleton: Vec<String> = doc
            .clauses
            .iter()
            .map(|c| last_number(c.number.as_deref().unwrap_or("")))
            .collect();
        assert!(skeleton.len() > 400, "{lang}: {} clauses", skeleton.len());
        skeletons.push((lang, skeleton));
    }
    let (_, reference) = &skeletons[0];
    for (lang, skeleton) in &skeletons[1..] {
        assert_eq!(
            skeleton.len(),
            reference.len(),
            "{lang} has as many clauses as de"
        );
        let differ = skeleton
            .iter()
            .zip(reference)
            .filter(|(a, b)| a != b)
            .count();
        assert_eq!(
            differ, 0,
            "{lang}: {differ} clauses numbered differently from de"
        );
    }
}
