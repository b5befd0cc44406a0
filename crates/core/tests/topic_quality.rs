//! Topic quality on DPA fixtures the lexicon was not tuned on (tests/fixtures/topics),
//! against hand-written gold labels: prints precision, recall and F1 (goal: F1 ≥ 90 %).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use concordia_core::{Library, Progress};

mod common;

type Gold = BTreeMap<String, BTreeMap<String, BTreeMap<String, Vec<String>>>>;

#[test]
fn topic_f1_on_unseen_fixtures() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/topics");
    let gold: Gold = toml::from_str(&std::fs::read_to_string(dir.join("gold.toml")).unwrap()).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::open(tmp.path()).unwrap();
    let (f1, _) = measure(&library, &dir, &gold["fixtures"], "unseen fixtures");
    // The goal is 90 % on text not tuned on: round 7 measured 92.4 % the one time it was unseen
    // (see ARCHITECTURE.md); these development fixtures must stay above it too.
    assert!(f1 >= 0.90, "topic F1 {:.1} % fell below 90 %", f1 * 100.0);
    let (tuned_f1, _) = measure(&library, &dir, &gold["tuned"], "earlier held-out rounds (tuned on since)");
    assert!(tuned_f1 >= 0.90, "topic F1 on the tuned rounds {:.1} % fell below 90 %", tuned_f1 * 100.0);
    // A new round of fixtures goes into [heldout] until it has been measured once.
    if let Some(fresh) = gold.get("heldout") {
        measure(&library, &dir, fresh, "held-out fixtures (not tuned on)");
    }
    if let Some(corpus) = common::shared("corpus") {
        let (f1, _) = measure(&library, &corpus, &gold["corpus"], "key clauses of ../shared/corpus");
        assert!(f1 >= 0.80, "corpus topic F1 {:.1} % fell below 80 %", f1 * 100.0);
    }
}

/// Micro precision, recall and F1 over (clause, topic) pairs; prints the figures and the misses.
fn measure(
    library: &Library,
    dir: &std::path::Path,
    gold: &BTreeMap<String, BTreeMap<String, Vec<String>>>,
    what: &str,
) -> (f64, f64) {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (file, expected) in gold {
        let report = library.import(&[dir.join(file)], &Progress::none()).unwrap();
        let doc = library.document(report.outcomes[0].id.unwrap(), None).unwrap();
        for (number, want) in expected {
            let clause = doc
                .clauses
                .iter()
                .find(|c| c.number.as_deref() == Some(number))
                .unwrap_or_else(|| panic!("{file}: no clause {number}"));
            let got: BTreeSet<&str> = clause.topics.iter().map(|t| t.topic.as_str()).collect();
            let want: BTreeSet<&str> = want.iter().map(String::as_str).collect();
            tp += got.intersection(&want).count();
            fp += got.difference(&want).count();
            fn_ += want.difference(&got).count();
            if got != want {
                println!("  {file} {number}: got {got:?}, gold {want:?}");
            }
        }
    }
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / (tp + fn_) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall);
    println!(
        "topic quality on {what}: precision {:.1} %, recall {:.1} %, F1 {:.1} % (tp {tp}, fp {fp}, fn {fn_})",
        precision * 100.0,
        recall * 100.0,
        f1 * 100.0
    );
    (f1, precision)
}
