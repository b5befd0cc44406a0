//! Key terms against a hand-written gold file (tests/fixtures/terms_gold.toml) for the real
//! documents in ../shared/corpus and the bundled samples: prints precision and recall.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use concordia_core::{Library, Progress};

type Gold = BTreeMap<String, BTreeMap<String, BTreeMap<String, String>>>;

#[derive(Default)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
}

fn check(library: &Library, file: &Path, gold: &BTreeMap<String, String>, score: &mut Score) {
    let report = library.import(&[file.to_path_buf()], &Progress::none()).unwrap();
    let analysis = library.analyze(report.outcomes[0].id.unwrap()).unwrap();
    let name = file.file_name().unwrap().to_string_lossy();
    for term in &analysis.terms {
        // Quotes cite the text: they are the document's own words at the stated offsets.
        let doc = library.document(analysis.id, None).unwrap();
        let clause = doc.clauses.iter().find(|c| c.id == term.clause_id).unwrap();
        assert_eq!(&clause.text[term.start - clause.start..term.end - clause.start], term.quote);
        match gold.get(term.kind.id()) {
            Some(want) if serde_json::from_str::<serde_json::Value>(want).unwrap() == term.value => {
                score.tp += 1;
            }
            Some(want) => {
                println!("  {name}: {} = {} but gold says {want}", term.kind, term.value);
                score.fp += 1;
                score.fn_ += 1;
            }
            None => {
                println!("  {name}: {} = {} is not in the gold file", term.kind, term.value);
                score.fp += 1;
            }
        }
    }
    for kind in gold.keys().filter(|k| !analysis.terms.iter().any(|t| &&t.kind == k)) {
        println!("  {name}: {kind} missed");
        score.fn_ += 1;
    }
}

fn report(what: &str, score: &Score) -> (f64, f64) {
    let precision = score.tp as f64 / (score.tp + score.fp).max(1) as f64;
    let recall = score.tp as f64 / (score.tp + score.fn_).max(1) as f64;
    println!(
        "{what}: precision {:.1} %, recall {:.1} % (tp {}, fp {}, fn {})",
        precision * 100.0,
        recall * 100.0,
        score.tp,
        score.fp,
        score.fn_
    );
    (precision, recall)
}

#[test]
fn key_terms_match_the_gold_file() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let gold: Gold =
        toml::from_str(&std::fs::read_to_string(fixtures.join("terms_gold.toml")).unwrap()).unwrap();
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::open(tmp.path()).unwrap();
    let mut score = Score::default();
    for (file, terms) in &gold["samples"] {
        check(&library, &samples.join(file), terms, &mut score);
    }
    match common::shared("corpus") {
        Some(corpus) => {
            for (file, terms) in &gold["corpus"] {
                check(&library, &corpus.join(file), terms, &mut score);
            }
        }
        None => println!("corpus terms not checked: ../shared/corpus is absent"),
    }
    let (precision, recall) = report("key terms (corpus + samples, rules written against them)", &score);
    let mut unseen = Score::default();
    for (file, terms) in &gold["unseen"] {
        check(&library, &fixtures.join("topics").join(file), terms, &mut unseen);
    }
    let (unseen_p, unseen_r) = report("key terms on unseen fixtures (development set since)", &unseen);
    let mut tuned = Score::default();
    for (file, terms) in &gold["tuned"] {
        check(&library, &fixtures.join("topics").join(file), terms, &mut tuned);
    }
    let (tuned_p, tuned_r) = report("key terms on earlier held-out rounds (tuned on since)", &tuned);
    // A new round of fixtures goes into [heldout] until it has been measured once.
    if let Some(fresh) = gold.get("heldout") {
        let mut heldout = Score::default();
        for (file, terms) in fresh {
            check(&library, &fixtures.join("topics").join(file), terms, &mut heldout);
        }
        report("key terms on held-out fixtures (not tuned on)", &heldout);
    }
    assert!(tuned_p >= 0.95 && tuned_r >= 0.90, "tuned-round figures fell: {tuned_p:.2} / {tuned_r:.2}");
    // The goal (95 % / 90 %) held on rounds 6 and 7 while they were unseen; the development set
    // must stay there too.
    assert!(unseen_p >= 0.95 && unseen_r >= 0.90, "unseen figures fell: {unseen_p:.2} / {unseen_r:.2}");
    assert!(precision >= 0.95, "precision {:.1} % is below 95 %", precision * 100.0);
    assert!(recall >= 0.90, "recall {:.1} % is below 90 %", recall * 100.0);
}
