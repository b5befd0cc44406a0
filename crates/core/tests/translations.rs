//! A translation never changes a value: one real DPA (Common Paper DPA v1.0, CC BY 4.0) in
//! English and in our German, Italian, Dutch and Swedish translations gives one key-terms
//! matrix, and the clauses that state each value are aligned in one row.

use concordia_core::api::Comparison;
use concordia_core::api::{ClauseId, DocId};
use concordia_core::{Library, Progress};

const LANGS: [&str; 5] = ["en", "de", "it", "nl", "sv"];

fn compare_translations() -> Comparison {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/translations");
    let files: Vec<_> = LANGS.iter().map(|l| dir.join(format!("commonpaper-dpa.{l}.md"))).collect();
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::open(tmp.path()).unwrap();
    let report = library.import(&files, &Progress::none()).unwrap();
    let ids: Vec<DocId> = report.outcomes.iter().map(|o| o.id.expect("every translation imports")).collect();
    let comparison = library.compare(&ids, Some(ids[0])).unwrap();
    let languages: Vec<&str> = comparison.documents.iter().map(|d| d.language.as_str()).collect();
    assert_eq!(languages, LANGS, "each translation is read in its own language");
    comparison
}

#[test]
fn every_translation_gives_the_same_matrix() {
    let comparison = compare_translations();
    let mut stated = 0;
    for row in &comparison.matrix {
        let values: Vec<String> =
            row.cells.iter().map(|c| serde_json::to_string(&c.value).unwrap()).collect();
        assert!(values.iter().all(|v| *v == values[0]), "{}: {values:?}", row.kind);
        stated += usize::from(values[0] != "null");
    }
    let value = |kind: &str| {
        let row = comparison.matrix.iter().find(|r| r.kind == kind).unwrap();
        row.cells[0].value.clone().map(|v| serde_json::to_value(v).unwrap())
    };
    assert_eq!(value("liability_cap"), Some(serde_json::json!({"by_reference": true})));
    assert_eq!(value("deletion_mode"), Some(serde_json::json!("controller_choice")));
    assert_eq!(value("breach_notice").unwrap()["value"], 72);
    let objection = value("subprocessor_objection").unwrap();
    assert_eq!((objection["value"].as_u64(), objection["unit"].as_str()), (Some(30), Some("days")));
    assert_eq!(value("subprocessor_authorisation"), Some(serde_json::json!("general")));
    assert_eq!(value("governing_law"), None, "the governing law is left to a cover page");
    println!("one DPA in {} languages: {stated} key terms stated, the same in every language", LANGS.len());
}

#[test]
fn the_clauses_that_state_a_value_share_a_row() {
    let comparison = compare_translations();
    for row in comparison.matrix.iter().filter(|r| r.cells[0].value.is_some()) {
        let holders: Vec<ClauseId> = row.cells.iter().filter_map(|c| c.clause_id).collect();
        let together = comparison.rows.iter().any(|aligned| {
            holders.iter().all(|id| aligned.cells.iter().any(|cell| cell.clause_ids.contains(id)))
        });
        assert!(together, "{}: the clauses stating it are in different rows", row.kind);
    }
}
