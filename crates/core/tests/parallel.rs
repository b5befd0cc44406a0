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
    let digits: Vec<&str> = number.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).collect();
    digits.last().map_or_else(String::new, |d| (*d).to_owned())
}

#[test]
fn the_four_gdpr_versions_segment_alike() {
    let Some(dir) = parallel() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::open(tmp.path()).unwrap();
    let mut skeletons = Vec::new();
    for lang in ["de", "it", "nl", "sv"] {
        let report = library.import(&[dir.join(format!("gdpr.{lang}.txt"))], &Progress::none()).unwrap();
        let doc = library.document(report.outcomes[0].id.unwrap(), None).unwrap();
        assert_eq!(doc.language, lang);
        let wrong: Vec<_> =
            doc.clauses.iter().filter(|c| c.language != lang).map(|c| c.number.clone()).collect();
        assert!(wrong.is_empty(), "{lang}: clauses detected in another language: {wrong:?}");
        let skeleton: Vec<String> =
            doc.clauses.iter().map(|c| last_number(c.number.as_deref().unwrap_or(""))).collect();
        assert!(skeleton.len() > 400, "{lang}: {} clauses", skeleton.len());
        skeletons.push((lang, skeleton));
    }
    let (_, reference) = &skeletons[0];
    for (lang, skeleton) in &skeletons[1..] {
        assert_eq!(skeleton.len(), reference.len(), "{lang} has as many clauses as de");
        let differ = skeleton.iter().zip(reference).filter(|(a, b)| a != b).count();
        assert_eq!(differ, 0, "{lang}: {differ} clauses numbered differently from de");
    }
}

/// Topics of GDPR Articles 28, 32, 33, 44–49 and 82 must agree across sv/de/it/nl for ≥ 95 % of paragraphs.
#[test]
fn gdpr_topics_agree_across_languages() {
    let Some(dir) = parallel() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::open(tmp.path()).unwrap();
    let articles = [28, 32, 33, 44, 45, 46, 47, 48, 49, 82];
    // Segmentation is identical across the four files (see above), so clause k is the same paragraph.
    let mut per_lang = Vec::new();
    for lang in ["de", "it", "nl", "sv"] {
        let report = library.import(&[dir.join(format!("gdpr.{lang}.txt"))], &Progress::none()).unwrap();
        let doc = library.document(report.outcomes[0].id.unwrap(), None).unwrap();
        per_lang.push((lang, doc));
    }
    let reference = &per_lang[0].1;
    let mut article = 0;
    let (mut total, mut agree) = (0, 0);
    let mut disagreements = Vec::new();
    for (k, clause) in reference.clauses.iter().enumerate() {
        if clause.heading.is_some() {
            article = last_number(clause.number.as_deref().unwrap_or("")).parse().unwrap_or(0);
        }
        if !articles.contains(&article) {
            continue;
        }
        total += 1;
        let sets: Vec<(&str, Vec<&str>)> = per_lang
            .iter()
            .map(|(lang, doc)| {
                let mut topics: Vec<&str> = doc.clauses[k].topics.iter().map(|t| t.topic.as_str()).collect();
                topics.sort_unstable();
                (*lang, topics)
            })
            .collect();
        if sets.iter().all(|(_, t)| *t == sets[0].1) {
            agree += 1;
        } else {
            let cues: Vec<String> = per_lang
                .iter()
                .map(|(lang, doc)| {
                    let t: Vec<String> =
                        doc.clauses[k].topics.iter().map(|t| format!("{}{:?}", t.topic, t.cues)).collect();
                    format!("{lang}={t:?}")
                })
                .collect();
            disagreements.push(format!("{:?}: {}", clause.number, cues.join(" ")));
        }
    }
    let share = f64::from(agree) / f64::from(total);
    println!(
        "GDPR topic agreement (Art. 28, 32, 33, 44–49, 82; sv/de/it/nl): {agree}/{total} = {:.1} %",
        share * 100.0
    );
    for d in &disagreements {
        println!("  {d}");
    }
    assert!(total > 40, "the articles were found: {total}");
    assert!(share >= 0.95, "agreement {:.1} % is below 95 %", share * 100.0);
}
