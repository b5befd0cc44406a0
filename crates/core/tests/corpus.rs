//! The five real documents in ../shared/corpus: import, languages, clauses, search.
//! Skipped, with a message, when ../shared is not beside the repository.

mod common;

use concordia_core::api::DocId;
use std::path::PathBuf;

use concordia_core::api::{ImportStatus, SearchRequest};
use concordia_core::{Library, Progress};

fn corpus() -> Option<PathBuf> {
    common::shared("corpus")
}

struct Fixture {
    _dir: tempfile::TempDir,
    library: Library,
    ids: std::collections::HashMap<String, DocId>,
}

fn import_corpus(dir: &std::path::Path) -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::open(tmp.path()).unwrap();
    let files: Vec<PathBuf> = [
        "de-bavariatech-datenschutz",
        "it-customer-alliance-dpa",
        "nl-alona-verwerkersovereenkomst",
        "sv-echometer-gdpr-security",
        "sv-tamio-dpa",
    ]
    .iter()
    .map(|name| dir.join(format!("{name}.txt")))
    .collect();
    let report = library.import(&files, &Progress::none()).unwrap();
    let mut ids = std::collections::HashMap::new();
    for (file, outcome) in files.iter().zip(&report.outcomes) {
        assert_eq!(outcome.status, ImportStatus::Imported, "{}: {:?}", file.display(), outcome.error);
        ids.insert(
            file.file_stem().unwrap().to_string_lossy()[..2].to_owned() + &outcome.id.unwrap().to_string(),
            outcome.id.unwrap(),
        );
    }
    Fixture { _dir: tmp, library, ids }
}

fn doc_id(f: &Fixture, prefix: &str) -> DocId {
    *f.ids.iter().find(|(k, _)| k.starts_with(prefix)).map(|(_, v)| v).unwrap()
}

#[test]
fn all_five_documents_import_with_the_right_languages() {
    let Some(dir) = corpus() else { return };
    let f = import_corpus(&dir);
    let docs = f.library.list().unwrap();
    let langs: Vec<&str> = docs.iter().map(|d| d.language.as_str()).collect();
    assert_eq!(langs, ["de", "it", "nl", "sv", "sv"]);
    assert!(docs.iter().all(|d| d.clauses >= 5), "every document is segmented: {docs:#?}");
}

#[test]
fn the_dutch_liability_article_is_one_clause_with_the_cap() {
    let Some(dir) = corpus() else { return };
    let f = import_corpus(&dir);
    let nl = f.library.document(doc_id(&f, "nl"), None).unwrap();
    let art8: Vec<_> = nl.clauses.iter().filter(|c| c.number.as_deref() == Some("Artikel 8")).collect();
    assert_eq!(art8.len(), 1, "one clause for Artikel 8");
    assert_eq!(art8[0].heading.as_deref(), Some("Aansprakelijkheid"));
    assert!(art8[0].text.contains("€5.000"));
    assert!(art8[0].text.contains("zes (6) maanden"), "the whole article, bullets included");
}

#[test]
fn the_italian_audit_notice_is_clause_11_5() {
    let Some(dir) = corpus() else { return };
    let f = import_corpus(&dir);
    let it = f.library.document(doc_id(&f, "it"), None).unwrap();
    let clause =
        it.clauses.iter().find(|c| c.number.as_deref() == Some("11.5")).expect("a clause numbered 11.5");
    assert!(clause.text.contains("due settimane"), "{}", clause.text);
    assert!(clause.text.starts_with("11.5 Il Cliente"));
    assert_eq!(clause.language, "it");
}

#[test]
fn clause_offsets_point_into_the_normalised_text() {
    let Some(dir) = corpus() else { return };
    let f = import_corpus(&dir);
    for summary in f.library.list().unwrap() {
        let doc = f.library.document(summary.id, None).unwrap();
        for pair in doc.clauses.windows(2) {
            assert!(pair[0].end <= pair[1].start, "{}: clauses overlap", doc.title);
        }
        for c in &doc.clauses {
            assert_eq!(c.text.len(), c.end - c.start);
        }
    }
}

#[test]
fn aansprakelijkheid_finds_the_dutch_liability_clause_first() {
    let Some(dir) = corpus() else { return };
    let f = import_corpus(&dir);
    let hits = f.library.search(&SearchRequest::new("aansprakelijkheid")).unwrap().hits;
    assert_eq!(hits[0].number.as_deref(), Some("Artikel 8"));
    assert_eq!(hits[0].language, "nl");
    let marked: Vec<String> = hits[0]
        .highlights
        .iter()
        .map(|[a, b]| hits[0].snippet.chars().skip(*a).take(b - a).collect::<String>().to_lowercase())
        .collect();
    assert!(!marked.is_empty() && marked.iter().all(|w| w.starts_with("aansprakelijk")), "{marked:?}");
}

#[test]
fn german_stemming_does_what_snowball_does() {
    let Some(dir) = corpus() else { return };
    let f = import_corpus(&dir);
    let search = |q: &str| {
        let mut req = SearchRequest::new(q);
        req.lang = Some("de".into());
        req.limit = 100;
        f.library.search(&req).unwrap().hits
    };
    // "löschen" and "Löschung" share no Snowball stem, and "gelöscht" keeps its ge- prefix:
    // each form finds its own clauses, which is what the analyser truly does.
    let loeschen = search("löschen");
    assert_eq!(loeschen.len(), 1, "only the clause that says 'löschen'");
    assert!(loeschen[0].snippet.contains("löschen"));
    let geloescht = search("gelöscht");
    assert!(geloescht.len() >= 3);
    assert!(geloescht.iter().all(|h| h.snippet.contains("gelöscht")));
    assert!(!search("Löschungen").is_empty(), "plural meets singular: Löschungen → Löschung");
}

#[test]
fn phrases_exclusions_and_filters_on_real_text() {
    let Some(dir) = corpus() else { return };
    let f = import_corpus(&dir);
    let phrase = f.library.search(&SearchRequest::new("\"due settimane\"")).unwrap().hits;
    assert_eq!(phrase[0].number.as_deref(), Some("11.5"));
    let mut every = SearchRequest::new("GDPR");
    every.limit = 500;
    let all = f.library.search(&every).unwrap().hits;
    let mut only_it = every.clone();
    only_it.lang = Some("it".into());
    let it_hits = f.library.search(&only_it).unwrap().hits;
    assert!(it_hits.len() < all.len() && it_hits.iter().all(|h| h.language == "it"));
    let mut only_doc = SearchRequest::new("audit -anno");
    only_doc.doc = Some(doc_id(&f, "it"));
    let doc_hits = f.library.search(&only_doc).unwrap().hits;
    assert!(!doc_hits.is_empty() && doc_hits.iter().all(|h| h.doc_id == doc_id(&f, "it")));
    assert!(doc_hits.iter().all(|h| h.number.as_deref() != Some("11.5")), "11.5 says 'anno' and is excluded");
}
