//! Alignment quality.
//!
//! Parallel benchmark: Articles 24–43 of the GDPR in two languages as two documents; the
//! paragraph aligned to paragraph k must be paragraph k (top-1), for all six language pairs
//! (goal ≥ 95 % each). The learned dictionary never saw these articles (see concordia-align).

mod common;

use concordia_align::dictionary::lines_outside_articles;
use concordia_core::api::{ClauseId, DocId};
use concordia_core::api::{Comparison, DocumentView, TermView};
use concordia_core::compare::{build, Signals};
use concordia_core::{Library, Progress};

const LANGS: [&str; 4] = ["sv", "de", "it", "nl"];

/// Articles 24–43 of each language, imported as documents of their own.
fn gdpr_excerpts(
    library: &Library,
    dir: &std::path::Path,
    out: &std::path::Path,
) -> Vec<(DocumentView, Vec<TermView>)> {
    LANGS
        .iter()
        .map(|lang| {
            let text = std::fs::read_to_string(dir.join(format!("gdpr.{lang}.txt"))).unwrap();
            let excluded: std::collections::HashSet<String> =
                lines_outside_articles(&text, 24..=43).into_iter().collect();
            let excerpt: Vec<&str> =
                text.lines().map(str::trim).filter(|l| !l.is_empty() && !excluded.contains(*l)).collect();
            let path = out.join(format!("gdpr-24-43.{lang}.txt"));
            std::fs::write(&path, excerpt.join("\n\n")).unwrap();
            let report = library.import(&[path], &Progress::none()).unwrap();
            let id = report.outcomes[0].id.unwrap();
            (library.document(id, None).unwrap(), library.terms(id).unwrap())
        })
        .collect()
}

/// Share of A's clauses whose row holds exactly B's clause at the same position.
fn top1(comparison: &Comparison, a: &DocumentView, b: &DocumentView) -> (usize, usize) {
    let mut correct = 0;
    for (k, clause) in a.clauses.iter().enumerate() {
        let row = comparison.rows.iter().find(|r| r.cells[0].clause_ids.contains(&clause.id));
        let partner = row.map(|r| r.cells[1].clause_ids.as_slice()).unwrap_or_default();
        if partner == [b.clauses[k].id] {
            correct += 1;
        }
    }
    (correct, a.clauses.len())
}

#[test]
fn gdpr_articles_24_to_43_align_paragraph_for_paragraph() {
    let Some(dir) = common::shared("parallel") else { return };
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::open(&tmp.path().join("lib")).unwrap();
    let docs = gdpr_excerpts(&library, &dir, tmp.path());
    for (doc, _) in &docs {
        assert_eq!(doc.clauses.len(), docs[0].0.clauses.len(), "{} segments like the others", doc.language);
    }
    println!("GDPR Art. 24–43, {} paragraphs per language; top-1 accuracy", docs[0].0.clauses.len());
    println!("pair   | full engine | content only (no position, no numbering)");
    let mut worst: f64 = 1.0;
    for i in 0..docs.len() {
        for j in i + 1..docs.len() {
            let (a, b) = (&docs[i], &docs[j]);
            let pair = [a.0.clone(), b.0.clone()];
            let terms = [a.1.clone(), b.1.clone()];
            let full = top1(&build(&pair, &terms, Some(a.0.id), Signals::default(), &[]), &a.0, &b.0);
            let content =
                top1(&build(&pair, &terms, Some(a.0.id), Signals { structure: false }, &[]), &a.0, &b.0);
            let rate = |(c, n): (usize, usize)| c as f64 / n as f64;
            println!(
                "{}–{}  | {:>3}/{} {:5.1} % | {:>3}/{} {:5.1} %",
                a.0.language,
                b.0.language,
                full.0,
                full.1,
                rate(full) * 100.0,
                content.0,
                content.1,
                rate(content) * 100.0
            );
            worst = worst.min(rate(full));
        }
    }
    assert!(worst >= 0.95, "worst pair {:.1} % is below the 95 % goal", worst * 100.0);
}

type Gold = std::collections::BTreeMap<String, std::collections::BTreeMap<String, Vec<String>>>;

/// Groups of DPA fixtures in four different languages (the last group has two).
const GROUPS: [&[&str]; 6] = [
    &["nl-wolkwerk.txt", "it-nuvola.txt", "sv-molnbolaget.txt", "de-rechenwerk.txt"],
    &["it-datasicura.txt", "sv-datavakt.txt", "de-kontorwerk.md", "nl-zeelandcloud.txt"],
    &["it-alpisoft.txt", "sv-fjordata.md", "nl-grachtdata.md", "de-nordsee.txt"],
    &["it-lagunaverde.txt", "sv-skargard.txt", "de-alpenblick.md", "nl-duinhosting.txt"],
    &["it-serenissima.txt", "sv-vasadata.md", "de-harzcloud.txt", "nl-polderpost.md"],
    &["it-etruria.txt", "sv-norrsken.txt"],
];

/// Clause ids of the gold section numbered `number` and of the clauses under it.
fn span(doc: &DocumentView, number: &str) -> Vec<ClauseId> {
    let under =
        |path: &[String]| path.iter().any(|h| h.strip_prefix(number).is_some_and(|r| r.starts_with(' ')));
    doc.clauses
        .iter()
        .filter(|c| c.number.as_deref() == Some(number) || under(&c.heading_path))
        .map(|c| c.id)
        .collect()
}

/// Round 6, written after the aligner was built; the aligner has not been changed for it.
const HELDOUT: [&[&str]; 1] = [&["sv-kustdata.txt", "de-moselnet.md", "it-dolomiti.txt", "nl-hanzedata.txt"]];

/// Non-parallel: DPAs written for the tests, four languages, different structure and wording.
/// For every topic two documents both address (gold labels), their clauses must share a row.
#[test]
fn dpa_clauses_of_each_key_topic_share_a_row() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/topics");
    let all: std::collections::BTreeMap<String, Gold> =
        toml::from_str(&std::fs::read_to_string(dir.join("gold.toml")).unwrap()).unwrap();
    let gold: Gold = all.values().flat_map(std::clone::Clone::clone).collect();
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::open(tmp.path()).unwrap();
    let rate = same_row_rate(&library, &dir, &GROUPS, &gold, "DPA fixtures seen while building the aligner");
    assert!(rate >= 0.95, "{:.1} % is below the 95 % goal", rate * 100.0);
    let heldout = same_row_rate(&library, &dir, &HELDOUT, &gold, "round 6, unseen by the aligner");
    // Measured at 95.5 % when first run; this guards against a regression.
    assert!(heldout >= 0.9, "{:.1} % on round 6", heldout * 100.0);
}

/// Share of (topic, document pair) cases whose gold clauses share a row; prints it and the misses.
fn same_row_rate(
    library: &Library,
    dir: &std::path::Path,
    groups: &[&[&str]],
    gold: &Gold,
    what: &str,
) -> f64 {
    let (mut pairs, mut together) = (0, 0);
    let mut misses = Vec::new();
    for group in groups {
        let paths: Vec<_> = group.iter().map(|f| dir.join(f)).collect();
        let report = library.import(&paths, &Progress::none()).unwrap();
        let ids: Vec<DocId> = report.outcomes.iter().map(|o| o.id.unwrap()).collect();
        let comparison = library.compare(&ids, Some(ids[0])).unwrap();
        let docs: Vec<DocumentView> = ids.iter().map(|&id| library.document(id, None).unwrap()).collect();
        // topic → per document, the clause ids of its gold sections.
        let mut by_topic: std::collections::BTreeMap<&str, Vec<(usize, Vec<ClauseId>)>> = Default::default();
        for (d, file) in group.iter().enumerate() {
            for (number, topics) in &gold[*file] {
                for topic in topics.iter().filter(|t| *t != "definitions") {
                    let entry = by_topic.entry(topic).or_default();
                    match entry.iter_mut().find(|(doc, _)| *doc == d) {
                        Some((_, ids)) => ids.extend(span(&docs[d], number)),
                        None => entry.push((d, span(&docs[d], number))),
                    }
                }
            }
        }
        for (topic, spans) in &by_topic {
            for (x, (da, a)) in spans.iter().enumerate() {
                for (db, b) in &spans[x + 1..] {
                    pairs += 1;
                    let shared = comparison.rows.iter().any(|row| {
                        row.cells[*da].clause_ids.iter().any(|id| a.contains(id))
                            && row.cells[*db].clause_ids.iter().any(|id| b.contains(id))
                    });
                    if shared {
                        together += 1;
                    } else {
                        misses.push(format!("{topic}: {} / {}", group[*da], group[*db]));
                    }
                }
            }
        }
    }
    let rate = f64::from(together) / f64::from(pairs);
    println!(
        "{what}: key-topic clauses of two documents in one row: {together}/{pairs} = {:.1} %",
        rate * 100.0
    );
    for miss in &misses {
        println!("  apart: {miss}");
    }
    rate
}

/// A correction is stored in SQLite and honoured by every later comparison, after reopening too.
#[test]
fn a_correction_survives_reopening_and_moves_the_clause() {
    let tmp = tempfile::tempdir().unwrap();
    let samples = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let files =
        [samples.join("de-alpenwerk-avv.txt"), samples.join("nl-polderdata-verwerkersovereenkomst.txt")];
    let ids: Vec<DocId> = {
        let library = Library::open(tmp.path()).unwrap();
        let report = library.import(&files, &Progress::none()).unwrap();
        report.outcomes.iter().map(|o| o.id.unwrap()).collect()
    };
    let row_with = |c: &Comparison, clause: ClauseId| {
        c.rows.iter().position(|r| r.cells.iter().any(|cell| cell.clause_ids.contains(&clause))).unwrap()
    };
    let (audit_de, liability_nl) = {
        let library = Library::open(tmp.path()).unwrap();
        let c = library.compare(&ids, Some(ids[0])).unwrap();
        let audit = c.rows.iter().find(|r| r.topic.as_deref() == Some("audit")).unwrap();
        let liability = c.rows.iter().find(|r| r.topic.as_deref() == Some("liability")).unwrap();
        let (audit_de, liability_nl) = (audit.cells[0].clause_ids[0], liability.cells[1].clause_ids[0]);
        assert_ne!(row_with(&c, audit_de), row_with(&c, liability_nl));
        let request = concordia_core::api::CorrectionRequest {
            kind: concordia_core::Fix::Link,
            anchor_clause_id: audit_de,
            moved_clause_id: liability_nl,
        };
        library.correct_alignment(&request).unwrap();
        (audit_de, liability_nl)
    };
    let library = Library::open(tmp.path()).unwrap();
    let c = library.compare(&ids, Some(ids[0])).unwrap();
    assert_eq!(row_with(&c, audit_de), row_with(&c, liability_nl), "the moved clause sits in the audit row");
    let cell = &c.rows[row_with(&c, liability_nl)].cells[1];
    assert!(cell.corrected);
    assert_eq!(c.corrections.len(), 1);
    library.remove_correction(c.corrections[0].id).unwrap();
    let c = library.compare(&ids, Some(ids[0])).unwrap();
    assert_ne!(row_with(&c, audit_de), row_with(&c, liability_nl), "undone");
}

/// Two versions of one DPA: each row carries a word-level redline, and a clause moved
/// elsewhere is marked as moved, not shown as deleted and inserted.
#[test]
fn two_versions_in_one_language_get_redlines_and_a_moved_clause_is_recognised() {
    let tmp = tempfile::tempdir().unwrap();
    let samples = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let v1 = std::fs::read_to_string(samples.join("de-alpenwerk-avv.txt")).unwrap();
    let liability = "§ 8 Haftung\n\nDie Haftung richtet sich nach den Bestimmungen des Hauptvertrags.\n\n";
    let v2 = v1
        .replace("vierundzwanzig (24) Stunden", "achtundvierzig (48) Stunden")
        .replace(liability, "")
        .replace("§ 2 Vertraulichkeit", &format!("{liability}§ 2 Vertraulichkeit"));
    assert_ne!(v1, v2);
    let (a, b) = (tmp.path().join("avv-v1.txt"), tmp.path().join("avv-v2.txt"));
    std::fs::write(&a, &v1).unwrap();
    std::fs::write(&b, &v2).unwrap();
    let library = Library::open(&tmp.path().join("lib")).unwrap();
    let ids: Vec<DocId> =
        library.import(&[a, b], &Progress::none()).unwrap().outcomes.iter().map(|o| o.id.unwrap()).collect();
    let c = library.compare(&ids, None).unwrap();
    let row = |topic: &str| c.rows.iter().find(|r| r.topic.as_deref() == Some(topic)).unwrap();
    let breach = row("breach_notification");
    let changes: Vec<(String, String)> = breach
        .redline
        .as_ref()
        .expect("same-language rows have a redline")
        .iter()
        .filter(|s| s.op != concordia_core::api::RedlineOp::Equal)
        .map(|s| (format!("{:?}", s.op), s.text.trim().to_owned()))
        .collect();
    assert_eq!(
        changes,
        [("Delete".into(), "vierundzwanzig (24)".into()), ("Insert".into(), "achtundvierzig (48)".into())]
    );
    assert!(!breach.moved);
    let moved: Vec<&str> = c.rows.iter().filter(|r| r.moved).filter_map(|r| r.topic.as_deref()).collect();
    assert_eq!(moved, ["liability"], "only the liability clause moved");
}
