//! The aligner on small hand-made contracts, and the shipped dictionary against its source.

use std::collections::BTreeMap;

use concordia_align::dictionary::{learn, lines_outside_articles, BUILTIN};
use concordia_align::{Aligner, ClauseIn, DocIn, Row, Signals};

fn clause(text: &str, topic: Option<&str>) -> ClauseIn {
    ClauseIn {
        text: text.to_owned(),
        heading: text.split('.').next().unwrap_or_default().to_owned(),
        topics: topic.map(|t| vec![(t.to_owned(), 0.9)]).unwrap_or_default(),
        ..ClauseIn::default()
    }
}

fn german() -> DocIn {
    DocIn {
        lang: "de".to_owned(),
        clauses: vec![
            clause("Unterauftragsverarbeiter. Der Auftragsverarbeiter nimmt keinen weiteren Auftragsverarbeiter ohne vorherige schriftliche Genehmigung des Verantwortlichen in Anspruch.", Some("subprocessors")),
            clause("Meldung. Der Auftragsverarbeiter meldet dem Verantwortlichen eine Verletzung des Schutzes personenbezogener Daten unverzüglich.", Some("breach_notification")),
            clause("Kantine. Das Mittagessen in der Kantine wird montags serviert.", None),
        ],
    }
}

fn dutch() -> DocIn {
    DocIn {
        lang: "nl".to_owned(),
        clauses: vec![
            clause("Melding. De verwerker informeert de verwerkingsverantwoordelijke zonder onredelijke vertraging over een inbreuk in verband met persoonsgegevens.", Some("breach_notification")),
            clause("Subverwerkers. De verwerker neemt geen andere verwerker in dienst zonder voorafgaande schriftelijke toestemming van de verwerkingsverantwoordelijke.", Some("subprocessors")),
        ],
    }
}

fn row_of(rows: &[Row], doc: usize, clause: usize) -> &Row {
    rows.iter().find(|r| r.cells[doc].iter().any(|l| l.clause == clause)).expect("every clause has a row")
}

#[test]
fn equivalent_clauses_share_a_row_across_languages_whatever_their_order() {
    let rows = Aligner::builtin().align(&[german(), dutch()], 0, Signals::default());
    let sub = row_of(&rows, 0, 0);
    assert_eq!(sub.cells[1].iter().map(|l| l.clause).collect::<Vec<_>>(), vec![1], "{rows:#?}");
    assert_eq!(sub.topic.as_deref(), Some("subprocessors"));
    let breach = row_of(&rows, 0, 1);
    assert_eq!(breach.cells[1].iter().map(|l| l.clause).collect::<Vec<_>>(), vec![0]);
    assert!(breach.cells[1][0].confidence > 0.0 && breach.cells[1][0].confidence <= 1.0);
}

#[test]
fn a_clause_without_an_equivalent_is_not_forced_into_a_pair() {
    let rows = Aligner::builtin().align(&[german(), dutch()], 0, Signals::default());
    let canteen = row_of(&rows, 0, 2);
    assert!(canteen.cells[1].is_empty(), "the canteen clause has no Dutch partner: {canteen:?}");
    assert_eq!(rows.last(), Some(canteen), "clauses without a topic come last");
}

#[test]
fn the_same_input_gives_the_same_rows() {
    let docs = [german(), dutch(), german()];
    let first = Aligner::builtin().align(&docs, 1, Signals::default());
    for _ in 0..3 {
        assert_eq!(Aligner::builtin().align(&docs, 1, Signals::default()), first);
    }
}

#[test]
fn every_clause_lands_in_exactly_one_row() {
    let docs = [dutch(), german(), german()];
    let rows = Aligner::builtin().align(&docs, 0, Signals::default());
    for (d, doc) in docs.iter().enumerate() {
        let mut seen: Vec<usize> = rows.iter().flat_map(|r| r.cells[d].iter().map(|l| l.clause)).collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..doc.clauses.len()).collect::<Vec<_>>(), "document {d}");
    }
}

/// The shipped dictionary is exactly what the generator makes from ../shared/parallel, so it
/// was learned without GDPR Articles 24–43, the benchmark's test text.
#[test]
fn the_shipped_dictionary_is_reproducible_from_the_gdpr_outside_the_test_articles() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/parallel");
    if !dir.is_dir() {
        assert!(std::env::var("CI").map_or(true, |v| v != "true"), "{} is missing in CI", dir.display());
        eprintln!("skipped: {} not found", dir.display());
        return;
    }
    let mut texts = BTreeMap::new();
    for lang in ["de", "it", "nl", "sv"] {
        let text = std::fs::read_to_string(dir.join(format!("gdpr.{lang}.txt"))).unwrap();
        texts.insert(lang.to_owned(), lines_outside_articles(&text, 24..=43));
    }
    assert!(learn(&texts) == BUILTIN, "data/gdpr-dictionary.tsv is stale: run examples/learn_dictionary.rs");
}
